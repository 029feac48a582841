/* test_auth_chain.c - canonical audit entries and their hash chain. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "auth/chain.h"

#define CHAIN_LENGTH 5

static struct audit_entry chain[CHAIN_LENGTH];
static char ids[CHAIN_LENGTH][8];

/* Build a valid chain of CHAIN_LENGTH entries. */
static int build_chain(void **state)
{
	char prev[AUDIT_HASH_SIZE];

	(void)state;
	audit_chain_genesis(prev);
	for (int i = 0; i < CHAIN_LENGTH; i++) {
		struct audit_entry *e = &chain[i];

		memset(e, 0, sizeof(*e));
		snprintf(ids[i], sizeof(ids[i]), "%d", 100 + i);
		e->seq = i + 1;
		e->at = "2026-12-07T21:55:00Z";
		e->kind = i % 2 ? "read" : "change";
		e->actor = "ana";
		e->user_id = 7;
		e->role = "operator";
		e->address = "127.0.0.1";
		e->method = i % 2 ? "GET" : "PATCH";
		e->route = "/api/v1/cases/{id}";
		e->object_type = "cases";
		e->object_id = ids[i];
		e->status = 200;
		e->request_id = "1a-9";
		e->detail = "{\"citizen_ids\":[3]}";
		memcpy(e->prev_hash, prev, AUDIT_HASH_SIZE);
		audit_chain_hash(e, e->hash);
		memcpy(prev, e->hash, AUDIT_HASH_SIZE);
	}
	return 0;
}

/* Verify entries in order, skipping index skip (-1: none); returns the
 * first fault and its index in *at. */
static enum audit_fault verify_all(int skip, int *at)
{
	struct audit_verifier v;

	audit_verify_start(&v);
	for (int i = 0; i < CHAIN_LENGTH; i++) {
		enum audit_fault f;

		if (i == skip)
			continue;
		f = audit_verify_next(&v, &chain[i]);
		if (f) {
			*at = i;
			return f;
		}
	}
	*at = -1;
	return AUDIT_FAULT_NONE;
}

static void test_intact_chain_verifies(void **state)
{
	int at;

	(void)state;
	assert_int_equal(verify_all(-1, &at), AUDIT_FAULT_NONE);
	assert_int_equal(at, -1);
	assert_int_equal(strlen(chain[0].hash), 64);
	assert_string_equal(chain[0].prev_hash,
			    "0000000000000000000000000000000000000000000000000000000000000000");
	assert_string_equal(chain[1].prev_hash, chain[0].hash);
}

static void test_altered_entry_detected(void **state)
{
	int at;

	(void)state;
	chain[2].actor = "mallory";
	assert_int_equal(verify_all(-1, &at), AUDIT_FAULT_HASH);
	assert_int_equal(at, 2);
}

static void test_altered_status_detected(void **state)
{
	int at;

	(void)state;
	chain[3].status = 403;
	assert_int_equal(verify_all(-1, &at), AUDIT_FAULT_HASH);
	assert_int_equal(at, 3);
}

static void test_removed_entry_detected(void **state)
{
	int at;

	(void)state;
	assert_int_equal(verify_all(1, &at), AUDIT_FAULT_MISSING);
	assert_int_equal(at, 2);
}

/* Renumbering after a removal still breaks the link to the hash before. */
static void test_renumbered_removal_detected(void **state)
{
	int at;

	(void)state;
	for (int i = 2; i < CHAIN_LENGTH; i++)
		chain[i].seq--;
	assert_int_equal(verify_all(1, &at), AUDIT_FAULT_LINK);
	assert_int_equal(at, 2);
}

static void test_rehashed_entry_breaks_next_link(void **state)
{
	int at;

	(void)state;
	chain[1].object_id = "999";
	audit_chain_hash(&chain[1], chain[1].hash);
	assert_int_equal(verify_all(-1, &at), AUDIT_FAULT_LINK);
	assert_int_equal(at, 2);
}

/* No two different entries may share a canonical form. */
static void test_canonical_form_unambiguous(void **state)
{
	struct audit_entry a = { .seq = 1, .actor = "ab", .address = "c" };
	struct audit_entry b = { .seq = 1, .actor = "a", .address = "bc" };
	struct audit_entry c = { .seq = 1, .actor = "ab", .address = "c", .role = "" };
	struct strbuf ta = STRBUF_INIT, tb = STRBUF_INIT, tc = STRBUF_INIT;

	(void)state;
	audit_chain_canonical(&a, &ta);
	audit_chain_canonical(&b, &tb);
	audit_chain_canonical(&c, &tc);
	assert_string_not_equal(strbuf_str(&ta), strbuf_str(&tb));
	assert_string_not_equal(strbuf_str(&ta), strbuf_str(&tc));
	assert_non_null(strstr(strbuf_str(&ta), "2:ab,"));
	strbuf_release(&ta);
	strbuf_release(&tb);
	strbuf_release(&tc);
}

static void test_fault_texts_in_both_languages(void **state)
{
	(void)state;
	for (int f = AUDIT_FAULT_MISSING; f <= AUDIT_FAULT_HASH; f++)
		assert_string_not_equal(audit_fault_text((enum audit_fault)f, false),
					audit_fault_text((enum audit_fault)f, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_intact_chain_verifies, build_chain),
		cmocka_unit_test_setup(test_altered_entry_detected, build_chain),
		cmocka_unit_test_setup(test_altered_status_detected, build_chain),
		cmocka_unit_test_setup(test_removed_entry_detected, build_chain),
		cmocka_unit_test_setup(test_renumbered_removal_detected, build_chain),
		cmocka_unit_test_setup(test_rehashed_entry_breaks_next_link, build_chain),
		cmocka_unit_test(test_canonical_form_unambiguous),
		cmocka_unit_test(test_fault_texts_in_both_languages),
	};

	return cmocka_run_group_tests_name("auth_chain", tests, NULL, NULL);
}
