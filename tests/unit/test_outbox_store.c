/* test_outbox_store.c - outbox states in SQLite: claim, transmission,
 * recovery after a crash, retry and deduplication. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>

#include "core/log.h"
#include "store/outbox.h"

#define NOW 1796680500 /* 2026-12-07T21:55:00Z */

struct fixture {
	char dir[64];
	struct store *store;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct error err = { 0 };

	snprintf(f->dir, sizeof(f->dir), "/tmp/linea311-test-outbox-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	if (store_open(f->dir, &f->store, &err))
		fail_msg("store_open: %s", err.message_en);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char command[128];

	store_close(f->store);
	snprintf(command, sizeof(command), "rm -rf %s", f->dir);
	assert_int_equal(system(command), 0);
	free(f);
	return 0;
}

static long long insert(struct store *store, const char *key, time_t now)
{
	static const struct outbox_attachment pdf = { "a.pdf", "application/pdf", "%PDF", 4 };
	struct outbox_message m = {
		.kind = "service_info", .channel = "email", .recipient = "ana@example.com",
		.lang = LANG_ES, .subject = "Asunto", .body_text = "Texto",
		.attachments = &pdf, .attachment_count = 1, .service_id = 1,
		.dedupe_key = key, .actor = "test",
	};
	struct error err = { 0 };
	char message_id[64];
	long long id = -1;

	snprintf(message_id, sizeof(message_id), "m%ld.%s@test", (long)now, key ? key : "x");
	assert_int_equal(store_begin(store, &err), RC_OK);
	assert_int_equal(store_outbox_insert(store, &m, message_id, now, &id, &err), RC_OK);
	assert_int_equal(store_commit(store, &err), RC_OK);
	return id;
}

/* Claim the next due message in its own transaction; NULL when none. */
static json_t *claim(struct store *store, const char *attempt_id, time_t now)
{
	struct error err = { 0 };
	json_t *m = NULL;

	assert_int_equal(store_begin(store, &err), RC_OK);
	assert_int_equal(store_outbox_claim(store, now, attempt_id, &m, &err), RC_OK);
	assert_int_equal(store_commit(store, &err), RC_OK);
	return m;
}

static json_t *get(struct store *store, long long id)
{
	struct error err = { 0 };
	json_t *m = NULL;

	assert_int_equal(store_outbox_get(store, id, &m, &err), RC_OK);
	return m;
}

static const char *member(json_t *m, const char *key)
{
	return json_string_value(json_object_get(m, key));
}

static void claim_marks_sending(void **state)
{
	struct fixture *f = *state;
	long long id = insert(f->store, NULL, NOW);
	json_t *m = claim(f->store, "attempt-1", NOW);

	assert_non_null(m);
	assert_int_equal(json_integer_value(json_object_get(m, "id")), id);
	assert_string_equal(member(m, "status"), "sending");
	assert_string_equal(member(m, "sending_phase"), "connecting");
	assert_string_equal(member(m, "attempt_id"), "attempt-1");
	assert_int_equal(json_integer_value(json_object_get(m, "attempts")), 1);
	json_decref(m);
	/* Nothing else is due. */
	assert_null(claim(f->store, "attempt-2", NOW));
}

static void claim_waits_for_due_time(void **state)
{
	struct fixture *f = *state;
	struct outbox_outcome retry = { "queued", "retry", NOW + 60, "connect_failed", "refused" };
	struct error err = { 0 };
	time_t due = 0;
	json_t *m;
	long long id = insert(f->store, NULL, NOW);

	m = claim(f->store, "a1", NOW);
	json_decref(m);
	assert_int_equal(store_begin(f->store, &err), RC_OK);
	assert_int_equal(store_outbox_finish(f->store, id, "a1", &retry, NOW, &err), RC_OK);
	assert_int_equal(store_commit(f->store, &err), RC_OK);
	assert_null(claim(f->store, "a2", NOW + 59));
	assert_int_equal(store_outbox_next_due(f->store, &due, &err), RC_OK);
	assert_int_equal(due, NOW + 60);
	m = claim(f->store, "a2", NOW + 60);
	assert_non_null(m);
	assert_int_equal(json_integer_value(json_object_get(m, "attempts")), 2);
	json_decref(m);
}

static void finish_rejects_other_attempt(void **state)
{
	struct fixture *f = *state;
	struct outbox_outcome sent = { "sent", "sent", 0, NULL, NULL };
	struct error err = { 0 };
	long long id = insert(f->store, NULL, NOW);

	json_decref(claim(f->store, "mine", NOW));
	assert_int_equal(store_begin(f->store, &err), RC_OK);
	assert_int_equal(store_outbox_finish(f->store, id, "someone-else", &sent, NOW, &err),
			 RC_CONFLICT);
	assert_int_equal(store_outbox_mark_transmitted(f->store, id, "someone-else", NOW, &err),
			 RC_CONFLICT);
	assert_int_equal(store_outbox_finish(f->store, id, "mine", &sent, NOW, &err), RC_OK);
	assert_int_equal(store_commit(f->store, &err), RC_OK);
	json_t *m = get(f->store, id);
	assert_string_equal(member(m, "status"), "sent");
	assert_non_null(member(m, "sent_at"));
	json_decref(m);
}

static void recover_requeues_or_settles(void **state)
{
	struct fixture *f = *state;
	struct error err = { 0 };
	int requeued = -1, uncertain = -1;
	long long before = insert(f->store, NULL, NOW);
	long long after = insert(f->store, NULL, NOW + 1);
	json_t *a, *b, *log;

	/* Two attempts were running when the server died: one before the
	 * end of its data, one after. */
	json_decref(claim(f->store, "a-before", NOW + 2));
	json_decref(claim(f->store, "a-after", NOW + 2));
	assert_int_equal(store_begin(f->store, &err), RC_OK);
	assert_int_equal(store_outbox_mark_transmitted(f->store, after, "a-after", NOW + 2, &err),
			 RC_OK);
	assert_int_equal(store_commit(f->store, &err), RC_OK);

	assert_int_equal(store_begin(f->store, &err), RC_OK);
	assert_int_equal(store_outbox_recover(f->store, NOW + 10, &requeued, &uncertain, &err), RC_OK);
	assert_int_equal(store_commit(f->store, &err), RC_OK);
	assert_int_equal(requeued, 1);
	assert_int_equal(uncertain, 1);

	a = get(f->store, before);
	assert_string_equal(member(a, "status"), "queued");
	assert_null(json_string_value(json_object_get(a, "sending_phase")));
	log = json_object_get(a, "attempt_log");
	assert_string_equal(member(json_array_get(log, 0), "outcome"), "interrupted");
	b = get(f->store, after);
	assert_string_equal(member(b, "status"), "uncertain");
	assert_null(json_string_value(json_object_get(b, "next_attempt_at")));
	log = json_object_get(b, "attempt_log");
	assert_string_equal(member(json_array_get(log, 0), "outcome"), "uncertain");
	assert_string_equal(member(json_object_get(b, "last_error"), "code"),
			    "interrupted_after_transmission");
	json_decref(a);
	json_decref(b);

	/* Only the untransmitted message is claimed again. */
	a = claim(f->store, "again", NOW + 10);
	assert_non_null(a);
	assert_int_equal(json_integer_value(json_object_get(a, "id")), before);
	json_decref(a);
	assert_null(claim(f->store, "again-2", NOW + 10));
}

static void requeue_keeps_attempt_numbers(void **state)
{
	struct fixture *f = *state;
	struct outbox_outcome failed = { "failed", "failed", 0, "smtp_rejected", "550" };
	struct error err = { 0 };
	long long id = insert(f->store, NULL, NOW);
	json_t *m, *log;

	json_decref(claim(f->store, "first", NOW));
	assert_int_equal(store_begin(f->store, &err), RC_OK);
	assert_int_equal(store_outbox_finish(f->store, id, "first", &failed, NOW, &err), RC_OK);
	assert_int_equal(store_outbox_cancel(f->store, id, NOW, &err), RC_OK);
	assert_int_equal(store_outbox_requeue(f->store, id, NOW + 5, &err), RC_OK);
	assert_int_equal(store_outbox_requeue(f->store, id, NOW + 5, &err), RC_CONFLICT);
	assert_int_equal(store_commit(f->store, &err), RC_OK);
	m = claim(f->store, "second", NOW + 5);
	assert_non_null(m);
	assert_int_equal(json_integer_value(json_object_get(m, "attempts")), 1);
	json_decref(m);
	m = get(f->store, id);
	log = json_object_get(m, "attempt_log");
	assert_int_equal(json_array_size(log), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(log, 1), "attempt")), 2);
	json_decref(m);
}

static void dedupe_key_queues_once(void **state)
{
	struct fixture *f = *state;
	struct outbox_filter filter = { 0 };
	struct page page = { 50, 0 };
	struct error err = { 0 };
	json_t *list;

	assert_true(insert(f->store, "sla1_at_risk:7:2026-12-09:a@b.pr", NOW) > 0);
	assert_int_equal(insert(f->store, "sla1_at_risk:7:2026-12-09:a@b.pr", NOW + 1), 0);
	assert_true(insert(f->store, "sla1_at_risk:7:2026-12-10:a@b.pr", NOW + 2) > 0);
	assert_int_equal(store_outbox_list(f->store, &filter, &page, &list, &err), RC_OK);
	assert_int_equal(json_integer_value(json_object_get(list, "total")), 2);
	json_decref(list);
}

static void attachments_round_trip(void **state)
{
	struct fixture *f = *state;
	struct outbox_attachment *files = NULL;
	struct error err = { 0 };
	size_t count = 0;
	long long id = insert(f->store, NULL, NOW);

	assert_int_equal(store_outbox_attachments(f->store, id, &files, &count, &err), RC_OK);
	assert_int_equal(count, 1);
	assert_string_equal(files[0].filename, "a.pdf");
	assert_int_equal(files[0].len, 4);
	assert_memory_equal(files[0].data, "%PDF", 4);
	store_outbox_attachments_free(files, count);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(claim_marks_sending, setup, teardown),
		cmocka_unit_test_setup_teardown(claim_waits_for_due_time, setup, teardown),
		cmocka_unit_test_setup_teardown(finish_rejects_other_attempt, setup, teardown),
		cmocka_unit_test_setup_teardown(recover_requeues_or_settles, setup, teardown),
		cmocka_unit_test_setup_teardown(requeue_keeps_attempt_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(dedupe_key_queues_once, setup, teardown),
		cmocka_unit_test_setup_teardown(attachments_round_trip, setup, teardown),
	};

	log_set_level("warn"); /* no line per migration of each fixture */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
