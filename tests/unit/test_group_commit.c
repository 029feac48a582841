/* test_group_commit.c - writers sharing transactions through the
 * committer thread, against a real SQLite store in a temporary
 * directory. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <unistd.h>

#include "core/log.h"
#include "store/citizen.h"
#include "store/group_commit.h"

#define WRITERS 16
#define WRITES_EACH 25

struct fixture {
	char dir[64];
	struct store *store;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct error err;

	log_set_level("warn");
	snprintf(f->dir, sizeof(f->dir), "/tmp/linea311-test-gc-XXXXXX");
	if (!mkdtemp(f->dir) || store_open(f->dir, &f->store, &err)) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char command[128];

	store_close(f->store);
	snprintf(command, sizeof(command), "rm -rf %s", f->dir);
	if (system(command) != 0)
		return -1;
	free(f);
	return 0;
}

struct insert {
	const char *name;
	bool fail_after; /* insert, then fail: the insert must roll back */
	long long id;
};

static int run_insert(struct store *store, void *ctx, struct error *err)
{
	struct insert *ins = ctx;
	json_t *citizen = json_pack("{sss[]ssss}", "name", ins->name, "phones",
				    "language", "es", "contact_method",
				    "phone");
	int rc = store_citizen_create(store, citizen, &ins->id, err);

	json_decref(citizen);
	if (!rc && ins->fail_after)
		rc = error_set(err, RC_INVALID, "test_failure", NULL, "fallo",
			       "failure");
	return rc;
}

static long long count_named(struct store *store, const char *folded)
{
	struct citizen_filter filter = { .name = folded };
	struct page page = { 500, 0 };
	struct error err;
	json_t *out;
	long long total;

	assert_int_equal(store_citizen_find(store, &filter, &page, &out, &err),
			 RC_OK);
	total = (long long)json_array_size(json_object_get(out, "items"));
	json_decref(out);
	return total;
}

struct writer {
	struct store *store;
	int index;
	int failures;
};

static void *writer_main(void *arg)
{
	struct writer *w = arg;

	for (int i = 0; i < WRITES_EACH; i++) {
		char name[64];
		struct insert ins = { name, i % 5 == 4, 0 };
		struct error err;
		int rc;

		snprintf(name, sizeof(name), "%s writer %d item %d",
			 ins.fail_after ? "failing" : "kept", w->index, i);
		rc = store_group_run(w->store, run_insert, &ins, &err);
		if ((rc != RC_OK) != ins.fail_after)
			w->failures++;
	}
	return NULL;
}

static void test_concurrent_writers(void **state)
{
	struct fixture *f = *state;
	struct writer writers[WRITERS];
	pthread_t threads[WRITERS];
	struct error err;

	assert_int_equal(store_group_start(f->store, 8, &err), RC_OK);
	assert_true(store_group_running(f->store));
	for (int i = 0; i < WRITERS; i++) {
		writers[i] = (struct writer){ f->store, i, 0 };
		assert_int_equal(pthread_create(&threads[i], NULL, writer_main,
						&writers[i]),
				 0);
	}
	for (int i = 0; i < WRITERS; i++) {
		pthread_join(threads[i], NULL);
		assert_int_equal(writers[i].failures, 0);
	}
	store_group_stop(f->store);
	assert_false(store_group_running(f->store));

	/* Every kept write is stored; no failing one is, though each shared
	 * a transaction with kept ones. */
	assert_int_equal(count_named(f->store, "kept writer"),
			 WRITERS * WRITES_EACH * 4 / 5);
	assert_int_equal(count_named(f->store, "failing writer"), 0);
}

static void test_without_committer(void **state)
{
	struct fixture *f = *state;
	struct insert kept = { "alone kept", false, 0 };
	struct insert failing = { "alone failing", true, 0 };
	struct error err;

	assert_false(store_group_running(f->store));
	assert_int_equal(store_group_run(f->store, run_insert, &kept, &err),
			 RC_OK);
	assert_true(kept.id > 0);
	assert_int_equal(store_group_run(f->store, run_insert, &failing, &err),
			 RC_INVALID);
	assert_string_equal(err.code, "test_failure");
	assert_int_equal(count_named(f->store, "alone kept"), 1);
	assert_int_equal(count_named(f->store, "alone failing"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_concurrent_writers, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_without_committer, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("group_commit", tests, NULL, NULL);
}
