/* test_case_status.c - case statuses, transitions and event times. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "domain/case_status.h"
#include "domain/civil_time.h"

static time_t instant_of(const char *text)
{
	struct error err = { 0 };
	time_t instant = 0;

	assert_int_equal(civil_instant_parse(text, "at", &instant, &err),
			 RC_OK);
	return instant;
}

/* The whole transition table, row by row: "from -> to" pairs allowed. */
static void test_transition_table(void **state)
{
	static const char *const allowed_pairs[] = {
		"new>contacted",	"new>cancelled",
		"contacted>in_progress", "contacted>cancelled",
		"in_progress>closed",	"in_progress>cancelled",
		"closed>in_progress",
	};

	(void)state;
	for (int from = 0; from < CASE_STATUS_COUNT; from++) {
		for (int to = 0; to < CASE_STATUS_COUNT; to++) {
			char pair[40];
			bool expected = false;

			snprintf(pair, sizeof(pair), "%s>%s",
				 case_status_code((enum case_status)from),
				 case_status_code((enum case_status)to));
			for (size_t i = 0; i < ARRAY_SIZE(allowed_pairs); i++)
				expected |= !strcmp(pair, allowed_pairs[i]);
			if (case_status_can_move((enum case_status)from,
						 (enum case_status)to) !=
			    expected)
				fail_msg("%s should be %s", pair,
					 expected ? "allowed" : "rejected");
		}
	}
}

static void test_next_statuses(void **state)
{
	enum case_status next[CASE_STATUS_COUNT];

	(void)state;
	assert_int_equal(case_status_next(CASE_NEW, next), 2);
	assert_int_equal(next[0], CASE_CONTACTED);
	assert_int_equal(next[1], CASE_CANCELLED);
	assert_int_equal(case_status_next(CASE_CLOSED, next), 1);
	assert_int_equal(next[0], CASE_IN_PROGRESS);
	assert_int_equal(case_status_next(CASE_CANCELLED, next), 0);
}

static void test_rejected_move_lists_allowed(void **state)
{
	struct error err = { 0 };

	(void)state;
	assert_int_equal(case_status_check_move(CASE_NEW, CASE_CONTACTED, &err),
			 RC_OK);

	assert_int_equal(case_status_check_move(CASE_NEW, CASE_CLOSED, &err),
			 RC_CONFLICT);
	assert_string_equal(err.code, "invalid_transition");
	assert_string_equal(err.field, "status");
	assert_non_null(strstr(err.message_en, "contacted, cancelled"));
	assert_non_null(strstr(err.message_es, "contacted, cancelled"));

	assert_int_equal(case_status_check_move(CASE_CANCELLED, CASE_NEW, &err),
			 RC_CONFLICT);
	assert_non_null(strstr(err.message_en, "final"));
}

static void test_open_statuses(void **state)
{
	(void)state;
	assert_true(case_status_is_open(CASE_NEW));
	assert_true(case_status_is_open(CASE_CONTACTED));
	assert_true(case_status_is_open(CASE_IN_PROGRESS));
	assert_false(case_status_is_open(CASE_CLOSED));
	assert_false(case_status_is_open(CASE_CANCELLED));
}

static void test_parse_codes_and_spanish(void **state)
{
	static const struct {
		const char *text;
		enum case_status status;
	} cases[] = {
		{ "new", CASE_NEW },
		{ "nuevo", CASE_NEW },
		{ "Contactado", CASE_CONTACTED },
		{ "in_progress", CASE_IN_PROGRESS },
		{ "en proceso", CASE_IN_PROGRESS },
		{ "EN_PROCESO", CASE_IN_PROGRESS },
		{ "cerrado", CASE_CLOSED },
		{ "cancelled", CASE_CANCELLED },
	};
	struct error err = { 0 };

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		enum case_status status = CASE_CANCELLED;

		assert_int_equal(case_status_parse(cases[i].text, "status",
						   &status, &err),
				 RC_OK);
		assert_int_equal(status, cases[i].status);
	}
}

static void test_parse_rejects_unknown(void **state)
{
	enum case_status status = CASE_NEW;
	struct error err = { 0 };

	(void)state;
	assert_int_equal(case_status_parse("canceled_", "status", &status,
					   &err),
			 RC_INVALID);
	assert_string_equal(err.field, "status");
	assert_non_null(strstr(err.message_en, "canceled_"));
	assert_int_equal(case_status_parse(NULL, "status", &status, &err),
			 RC_INVALID);
	assert_int_equal(case_status_parse("", "status", &status, &err),
			 RC_INVALID);
}

static void test_labels(void **state)
{
	(void)state;
	assert_string_equal(case_status_label(CASE_IN_PROGRESS, LANG_ES),
			    "en proceso");
	assert_string_equal(case_status_label(CASE_IN_PROGRESS, LANG_EN),
			    "in progress");
	assert_string_equal(case_status_code(CASE_CANCELLED), "cancelled");
}

static void test_event_time_limits(void **state)
{
	time_t created = instant_of("2026-12-07T17:55:30");
	time_t now = instant_of("2026-12-08T10:00:00");
	struct error err = { 0 };

	(void)state;
	assert_int_equal(case_check_event_time(created,
					       instant_of("2026-12-08T09:00"),
					       now, "first_contact_at", &err),
			 RC_OK);
	/* Typed to the minute of creation: accepted. */
	assert_int_equal(case_check_event_time(created,
					       instant_of("2026-12-07T17:55"),
					       now, "first_contact_at", &err),
			 RC_OK);
	assert_int_equal(case_check_event_time(created,
					       instant_of("2026-12-07T17:54"),
					       now, "first_contact_at", &err),
			 RC_INVALID);
	assert_string_equal(err.code, "time_before_creation");
	assert_string_equal(err.field, "first_contact_at");

	assert_int_equal(case_check_event_time(created, now + 30, now,
					       "first_contact_at", &err),
			 RC_OK);
	assert_int_equal(case_check_event_time(created,
					       instant_of("2026-12-08T11:00"),
					       now, "first_contact_at", &err),
			 RC_INVALID);
	assert_string_equal(err.code, "time_in_future");
	assert_non_null(strstr(err.message_en, "2026-12-08 11:00 (Puerto Rico time)"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transition_table),
		cmocka_unit_test(test_next_statuses),
		cmocka_unit_test(test_rejected_move_lists_allowed),
		cmocka_unit_test(test_open_statuses),
		cmocka_unit_test(test_parse_codes_and_spanish),
		cmocka_unit_test(test_parse_rejects_unknown),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_event_time_limits),
	};

	return cmocka_run_group_tests_name("case_status", tests, NULL, NULL);
}
