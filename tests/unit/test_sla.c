/* test_sla.c - SLA due dates, states and outcomes on the PR calendar. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "domain/sla.h"

static time_t instant_of(const char *text)
{
	struct error err = { 0 };
	time_t instant = 0;

	assert_int_equal(civil_instant_parse(text, "at", &instant, &err),
			 RC_OK);
	return instant;
}

static struct civil_date date_of(const char *text)
{
	struct civil_date date = { 0, 0, 0 };
	struct error err = { 0 };

	assert_int_equal(civil_date_parse(text, "date", &date, &err), RC_OK);
	return date;
}

static void assert_date(struct civil_date actual, const char *expected)
{
	char text[CIVIL_DATE_LEN];

	civil_date_format(actual, text);
	assert_string_equal(text, expected);
}

static struct sla_clock start_clock(const struct calendar *cal,
				    const char *started, int days)
{
	struct sla_clock clock;
	struct error err = { 0 };

	assert_int_equal(sla_clock_start(cal, instant_of(started), days,
					 &clock, &err),
			 RC_OK);
	return clock;
}

static void add_closure(struct calendar *cal, const char *date)
{
	struct calendar_entry entry = { date_of(date), CALENDAR_CLOSURE,
					"Cierre por huracán" };
	struct error err = { 0 };

	assert_int_equal(calendar_add(cal, &entry, &err), RC_OK);
}

/* Creation instants (local time unless an offset is given), the SLA
 * length in business days and the expected due date. */
static const struct due_case {
	const char *created;
	int days;
	const char *due;
	const char *scenario;
} due_cases[] = {
	{ "2026-12-07T17:55", 2, "2026-12-09",
	  "Monday evening: count starts Tuesday" },
	{ "2026-12-04T10:00", 2, "2026-12-08", "Friday: skip the weekend" },
	{ "2026-12-04T23:30", 2, "2026-12-08",
	  "Friday 23:30 local is still Friday" },
	{ "2026-12-05T03:30:00Z", 2, "2026-12-08",
	  "03:30Z Saturday is Friday 23:30 local" },
	{ "2026-12-04T23:59:59-04:00", 2, "2026-12-08",
	  "last second of the local Friday" },
	{ "2026-12-05T00:00", 2, "2026-12-08",
	  "Saturday: count starts Monday" },
	{ "2026-12-06T12:00", 2, "2026-12-08", "Sunday" },
	{ "2026-12-07T00:00", 2, "2026-12-09", "first second of Monday" },
	{ "2026-04-02T09:00", 2, "2026-04-07", "Good Friday 2026-04-03" },
	{ "2027-03-25T09:00", 2, "2027-03-30", "Good Friday 2027-03-26" },
	{ "2026-11-25T09:00", 2, "2026-11-30",
	  "Thanksgiving 2026-11-26" },
	{ "2026-11-24T09:00", 2, "2026-11-27",
	  "Thanksgiving inside the count" },
	{ "2026-12-23T09:00", 2, "2026-12-28",
	  "24 December is a half day, 25 a holiday" },
	{ "2026-12-24T13:00", 1, "2026-12-28",
	  "created on the half day itself" },
	{ "2026-12-30T09:00", 2, "2027-01-04", "New Year across year end" },
	{ "2026-12-31T23:59", 1, "2027-01-04", "New Year's Eve" },
	{ "2024-12-31T09:00", 1, "2025-01-02", "2025 New Year" },
	{ "2026-01-05T09:00", 2, "2026-01-08", "Three Kings Day 2026-01-06" },
	{ "2029-12-28T09:00", 3, "2030-01-03",
	  "New Year then Three Kings observed 2030-01-07" },
	{ "2026-01-16T09:00", 2, "2026-01-21", "Martin Luther King Jr. Day" },
	{ "2026-02-13T09:00", 2, "2026-02-18", "Presidents Day" },
	{ "2026-05-22T09:00", 2, "2026-05-27", "Memorial Day" },
	{ "2026-09-04T09:00", 2, "2026-09-09", "Labor Day" },
	{ "2026-10-09T09:00", 2, "2026-10-14", "Día de la Raza" },
	{ "2026-03-20T09:00", 2, "2026-03-25",
	  "22 March on a Sunday, observed Monday" },
	{ "2028-11-06T09:00", 2, "2028-11-09", "general-election day" },
	{ "2027-12-20T09:00", 5, "2027-12-27",
	  "Christmas on a Saturday is not moved" },
	{ "2026-12-15T09:00", 30, "2027-02-01", "SLA2 across year end" },
	{ "2026-12-01T09:00", 30, "2027-01-15", "SLA2 across Christmas" },
	{ "2026-11-20T09:00", 30, "2027-01-07",
	  "SLA2 across Thanksgiving and Christmas" },
};

static void test_due_dates_table(void **state)
{
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	for (size_t i = 0; i < ARRAY_SIZE(due_cases); i++) {
		const struct due_case *c = &due_cases[i];
		struct sla_clock clock = start_clock(&cal, c->created, c->days);
		char due[CIVIL_DATE_LEN];

		civil_date_format(clock.due, due);
		if (strcmp(due, c->due))
			fail_msg("%s (created %s, %d days): due %s, expected %s",
				 c->scenario, c->created, c->days, due, c->due);
		assert_int_equal(clock.outcome, SLA_PENDING);
		assert_int_equal(clock.days, c->days);
	}
	calendar_release(&cal);
}

static void test_due_with_declared_closure(void **state)
{
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	add_closure(&cal, "2026-09-14");
	add_closure(&cal, "2026-09-15");
	add_closure(&cal, "2026-09-16");
	assert_date(start_clock(&cal, "2026-09-11T09:00", 2).due, "2026-09-18");
	/* A closure on the creation date changes nothing: counting starts
	 * on the next business day anyway. */
	assert_date(start_clock(&cal, "2026-09-14T09:00", 2).due, "2026-09-18");
	calendar_release(&cal);
}

static void test_recompute_after_closure(void **state)
{
	struct sla_clock running, decided;
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	running = start_clock(&cal, "2026-12-07T17:55", 2);
	decided = start_clock(&cal, "2026-12-07T17:55", 2);
	sla_clock_stop(&decided, instant_of("2026-12-09T10:00"));
	assert_int_equal(decided.outcome, SLA_OUTCOME_MET);

	add_closure(&cal, "2026-12-08");
	assert_true(sla_clock_recompute(&cal, &running));
	assert_date(running.due, "2026-12-10");
	assert_false(sla_clock_recompute(&cal, &running));

	/* A decided clock keeps its due date and outcome. */
	assert_false(sla_clock_recompute(&cal, &decided));
	assert_date(decided.due, "2026-12-09");
	assert_int_equal(decided.outcome, SLA_OUTCOME_MET);
	calendar_release(&cal);
}

static void test_states_of_sla1(void **state)
{
	static const struct {
		const char *now;
		enum sla_state state;
	} steps[] = {
		{ "2026-12-07T18:00", SLA_ON_TIME },  /* creation day */
		{ "2026-12-08T09:00", SLA_ON_TIME },  /* two days left */
		{ "2026-12-09T00:00", SLA_AT_RISK },  /* due day: one left */
		{ "2026-12-09T23:59", SLA_AT_RISK },
		{ "2026-12-10T00:00", SLA_OVERDUE },  /* past the due date */
		{ "2026-12-10T03:59:59Z", SLA_AT_RISK }, /* 23:59 local */
	};
	struct sla_clock clock;
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	clock = start_clock(&cal, "2026-12-07T17:55", 2);
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		enum sla_state got = sla_clock_state(&cal, &clock,
						     instant_of(steps[i].now), 1);

		if (got != steps[i].state)
			fail_msg("at %s: %s, expected %s", steps[i].now,
				 sla_state_code(got),
				 sla_state_code(steps[i].state));
	}
	calendar_release(&cal);
}

static void test_states_of_sla2(void **state)
{
	struct sla_clock clock;
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	/* Due 2027-01-15 (Friday); its last five business days are
	 * 11-15 January. */
	clock = start_clock(&cal, "2026-12-01T09:00", 30);
	assert_date(clock.due, "2027-01-15");
	assert_int_equal(sla_clock_days_left(&cal, &clock,
					     date_of("2027-01-08")),
			 6);
	assert_int_equal(sla_clock_state(&cal, &clock,
					 instant_of("2027-01-08T12:00"), 5),
			 SLA_ON_TIME);
	/* The weekend before: five business days left. */
	assert_int_equal(sla_clock_state(&cal, &clock,
					 instant_of("2027-01-09T12:00"), 5),
			 SLA_AT_RISK);
	assert_int_equal(sla_clock_state(&cal, &clock,
					 instant_of("2027-01-11T12:00"), 5),
			 SLA_AT_RISK);
	assert_int_equal(sla_clock_state(&cal, &clock,
					 instant_of("2027-01-15T23:00"), 5),
			 SLA_AT_RISK);
	assert_int_equal(sla_clock_state(&cal, &clock,
					 instant_of("2027-01-16T00:00"), 5),
			 SLA_OVERDUE);
	assert_int_equal(sla_clock_days_left(&cal, &clock,
					     date_of("2027-01-16")),
			 0);
	/* On the creation day all 30 are left. */
	assert_int_equal(sla_clock_days_left(&cal, &clock,
					     date_of("2026-12-01")),
			 30);
	/* A higher threshold flags the risk earlier. */
	assert_int_equal(sla_clock_state(&cal, &clock,
					 instant_of("2027-01-08T12:00"), 6),
			 SLA_AT_RISK);
	calendar_release(&cal);
}

static void test_outcome_uses_local_date(void **state)
{
	struct sla_clock clock;
	struct calendar cal;

	(void)state;
	calendar_init(&cal);

	/* Due Wednesday 2026-12-09: a contact at 23:30 local on Wednesday
	 * is 03:30Z on Thursday and still meets the SLA. */
	clock = start_clock(&cal, "2026-12-07T17:55", 2);
	assert_int_equal(sla_clock_stop(&clock,
					instant_of("2026-12-10T03:30:00Z")),
			 SLA_OUTCOME_MET);
	assert_date(clock.stopped, "2026-12-09");
	assert_int_equal(sla_clock_state(&cal, &clock,
					 instant_of("2027-06-01T00:00"), 1),
			 SLA_MET);

	clock = start_clock(&cal, "2026-12-07T17:55", 2);
	assert_int_equal(sla_clock_stop(&clock,
					instant_of("2026-12-10T00:30")),
			 SLA_OUTCOME_MISSED);
	assert_int_equal(sla_clock_state(&cal, &clock,
					 instant_of("2026-12-10T00:30"), 1),
			 SLA_MISSED);

	/* The first stop decides; later stops change nothing. */
	assert_int_equal(sla_clock_stop(&clock,
					instant_of("2026-12-08T10:00")),
			 SLA_OUTCOME_MISSED);
	assert_date(clock.stopped, "2026-12-10");
	calendar_release(&cal);
}

static void test_reopen_starts_new_sla2(void **state)
{
	struct sla_clock first, second;
	struct calendar cal;

	(void)state;
	calendar_init(&cal);

	/* Created 2026-11-20 with SLA2 of 30 days, due 2027-01-07, closed
	 * on time on 2026-12-18. */
	first = start_clock(&cal, "2026-11-20T09:00", 30);
	assert_date(first.due, "2027-01-07");
	assert_int_equal(sla_clock_stop(&first,
					instant_of("2026-12-18T15:00")),
			 SLA_OUTCOME_MET);

	/* Reopened on 2026-12-23: the new period counts from that date. */
	second = start_clock(&cal, "2026-12-23T11:00", 30);
	assert_date(second.start, "2026-12-23");
	assert_date(second.due, "2027-02-09");
	assert_int_equal(second.outcome, SLA_PENDING);
	assert_int_equal(sla_clock_state(&cal, &second,
					 instant_of("2027-01-04T09:00"), 5),
			 SLA_ON_TIME);

	/* The earlier outcome is untouched. */
	assert_int_equal(first.outcome, SLA_OUTCOME_MET);
	calendar_release(&cal);
}

static void test_reopen_after_late_close(void **state)
{
	struct sla_clock first, second;
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	first = start_clock(&cal, "2026-12-07T10:00", 2);
	assert_int_equal(sla_clock_stop(&first,
					instant_of("2026-12-14T10:00")),
			 SLA_OUTCOME_MISSED);
	second = start_clock(&cal, "2026-12-14T10:05", 2);
	assert_date(second.due, "2026-12-16");
	assert_int_equal(sla_clock_stop(&second,
					 instant_of("2026-12-16T16:00")),
			 SLA_OUTCOME_MET);
	assert_int_equal(first.outcome, SLA_OUTCOME_MISSED);
	calendar_release(&cal);
}

static void test_start_rejects_bad_days(void **state)
{
	struct sla_clock clock;
	struct error err = { 0 };
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	assert_int_equal(sla_clock_start(&cal, instant_of("2026-12-07T10:00"),
					 0, &clock, &err),
			 RC_INVALID);
	assert_string_equal(err.field, "days");
	calendar_release(&cal);
}

static void test_state_codes(void **state)
{
	enum sla_state parsed = SLA_ON_TIME;
	enum sla_outcome outcome = SLA_PENDING;
	struct error err = { 0 };

	(void)state;
	assert_string_equal(sla_state_code(SLA_AT_RISK), "at_risk");
	assert_string_equal(sla_state_label(SLA_OVERDUE, LANG_ES), "vencido");
	assert_string_equal(sla_state_label(SLA_MISSED, LANG_EN), "missed");

	assert_int_equal(sla_state_parse("en_riesgo", "sla_state", &parsed,
					 &err),
			 RC_OK);
	assert_int_equal(parsed, SLA_AT_RISK);
	assert_int_equal(sla_state_parse("A tiempo", "sla_state", &parsed,
					 &err),
			 RC_OK);
	assert_int_equal(parsed, SLA_ON_TIME);
	assert_int_equal(sla_state_parse("overdue", "sla_state", &parsed,
					 &err),
			 RC_OK);
	assert_int_equal(parsed, SLA_OVERDUE);
	assert_int_equal(sla_state_parse("late", "sla_state", &parsed, &err),
			 RC_INVALID);
	assert_string_equal(err.field, "sla_state");

	assert_true(sla_outcome_parse("missed", &outcome));
	assert_int_equal(outcome, SLA_OUTCOME_MISSED);
	assert_false(sla_outcome_parse("late", &outcome));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due_dates_table),
		cmocka_unit_test(test_due_with_declared_closure),
		cmocka_unit_test(test_recompute_after_closure),
		cmocka_unit_test(test_states_of_sla1),
		cmocka_unit_test(test_states_of_sla2),
		cmocka_unit_test(test_outcome_uses_local_date),
		cmocka_unit_test(test_reopen_starts_new_sla2),
		cmocka_unit_test(test_reopen_after_late_close),
		cmocka_unit_test(test_start_rejects_bad_days),
		cmocka_unit_test(test_state_codes),
	};

	return cmocka_run_group_tests_name("sla", tests, NULL, NULL);
}
