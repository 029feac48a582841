/* test_civil_time.c - civil dates, Easter and Puerto Rico local time. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "domain/civil_time.h"

static struct civil_date date_of(int year, int month, int day)
{
	struct civil_date date = { year, month, day };

	return date;
}

static void assert_date(struct civil_date actual, const char *expected)
{
	char text[CIVIL_DATE_LEN];

	civil_date_format(actual, text);
	assert_string_equal(text, expected);
}

static time_t parse_ok(const char *text)
{
	struct error err = { 0 };
	time_t instant = 0;

	assert_int_equal(civil_instant_parse(text, "from", &instant, &err),
			 RC_OK);
	return instant;
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_true(civil_is_leap_year(2000));
	assert_true(civil_is_leap_year(2024));
	assert_true(civil_is_leap_year(2400));
	assert_false(civil_is_leap_year(1900));
	assert_false(civil_is_leap_year(2100));
	assert_false(civil_is_leap_year(2026));
	assert_int_equal(civil_days_in_month(2024, 2), 29);
	assert_int_equal(civil_days_in_month(2100, 2), 28);
	assert_int_equal(civil_days_in_month(2026, 4), 30);
	assert_int_equal(civil_days_in_month(2026, 13), 0);
}

static void test_date_validity(void **state)
{
	(void)state;
	assert_true(civil_date_valid(date_of(2024, 2, 29)));
	assert_false(civil_date_valid(date_of(2026, 2, 29)));
	assert_false(civil_date_valid(date_of(2026, 4, 31)));
	assert_false(civil_date_valid(date_of(2026, 0, 1)));
	assert_false(civil_date_valid(date_of(2026, 1, 0)));
	assert_false(civil_date_valid(date_of(0, 1, 1)));
	assert_false(civil_date_valid(date_of(10000, 1, 1)));
	assert_true(civil_date_valid(date_of(1, 1, 1)));
	assert_true(civil_date_valid(date_of(9999, 12, 31)));
}

static void test_day_numbers_known(void **state)
{
	(void)state;
	assert_int_equal(civil_days_from_date(date_of(1970, 1, 1)), 0);
	assert_int_equal(civil_days_from_date(date_of(1970, 1, 2)), 1);
	assert_int_equal(civil_days_from_date(date_of(1969, 12, 31)), -1);
	assert_int_equal(civil_days_from_date(date_of(2000, 3, 1)), 11017);
	assert_int_equal(civil_days_from_date(date_of(2026, 12, 7)), 20794);
	assert_int_equal(civil_days_from_date(date_of(1, 1, 1)), -719162);
}

/* Every day from 0001-01-01 to 9999-12-31 must follow the one before. */
static void test_day_numbers_round_trip(void **state)
{
	struct civil_date expected = date_of(1, 1, 1);
	long first = civil_days_from_date(date_of(1, 1, 1));
	long last = civil_days_from_date(date_of(9999, 12, 31));

	(void)state;
	for (long day = first; day <= last; day++) {
		struct civil_date date = civil_date_from_days(day);

		if (civil_date_compare(date, expected) != 0) {
			fail_msg("day %ld gave %d-%d-%d, expected %d-%d-%d",
				 day, date.year, date.month, date.day,
				 expected.year, expected.month, expected.day);
		}
		if (civil_days_from_date(date) != day)
			fail_msg("day %ld did not round-trip", day);

		expected.day++;
		if (expected.day >
		    civil_days_in_month(expected.year, expected.month)) {
			expected.day = 1;
			expected.month++;
			if (expected.month > 12) {
				expected.month = 1;
				expected.year++;
			}
		}
	}
}

static void test_weekdays(void **state)
{
	(void)state;
	assert_int_equal(civil_weekday(date_of(1970, 1, 1)), CIVIL_THURSDAY);
	assert_int_equal(civil_weekday(date_of(2000, 1, 1)), CIVIL_SATURDAY);
	assert_int_equal(civil_weekday(date_of(2026, 12, 7)), CIVIL_MONDAY);
	assert_int_equal(civil_weekday(date_of(2026, 12, 4)), CIVIL_FRIDAY);
	assert_int_equal(civil_weekday(date_of(2026, 3, 22)), CIVIL_SUNDAY);
	assert_int_equal(civil_weekday(date_of(1969, 12, 31)), CIVIL_WEDNESDAY);
	assert_int_equal(civil_weekday(date_of(1, 1, 1)), CIVIL_MONDAY);
}

static void test_date_arithmetic(void **state)
{
	(void)state;
	assert_date(civil_date_add_days(date_of(2026, 12, 31), 1),
		    "2027-01-01");
	assert_date(civil_date_add_days(date_of(2024, 2, 28), 1),
		    "2024-02-29");
	assert_date(civil_date_add_days(date_of(2026, 3, 1), -1),
		    "2026-02-28");
	assert_int_equal(civil_days_between(date_of(2026, 12, 7),
					    date_of(2026, 12, 9)),
			 2);
	assert_int_equal(civil_days_between(date_of(2026, 1, 1),
					    date_of(2027, 1, 1)),
			 365);
	assert_true(civil_date_compare(date_of(2026, 12, 7),
				       date_of(2026, 12, 8)) < 0);
	assert_true(civil_date_compare(date_of(2027, 1, 1),
				       date_of(2026, 12, 31)) > 0);
	assert_int_equal(civil_date_compare(date_of(2026, 12, 7),
					    date_of(2026, 12, 7)),
			 0);
}

static void test_nth_weekday(void **state)
{
	(void)state;
	assert_date(civil_nth_weekday(2026, 1, CIVIL_MONDAY, 3), "2026-01-19");
	assert_date(civil_nth_weekday(2026, 5, CIVIL_MONDAY, -1), "2026-05-25");
	assert_date(civil_nth_weekday(2027, 5, CIVIL_MONDAY, -1), "2027-05-31");
	assert_date(civil_nth_weekday(2026, 9, CIVIL_MONDAY, 1), "2026-09-07");
	assert_date(civil_nth_weekday(2026, 11, CIVIL_THURSDAY, 4),
		    "2026-11-26");
	assert_date(civil_nth_weekday(2026, 12, CIVIL_TUESDAY, 1),
		    "2026-12-01");
}

static void test_easter(void **state)
{
	static const struct {
		int year;
		const char *sunday;
	} cases[] = {
		{ 1818, "1818-03-22" }, /* earliest possible date */
		{ 1943, "1943-04-25" }, /* latest possible date */
		{ 1999, "1999-04-04" }, { 2000, "2000-04-23" },
		{ 2024, "2024-03-31" }, { 2025, "2025-04-20" },
		{ 2026, "2026-04-05" }, { 2027, "2027-03-28" },
		{ 2038, "2038-04-25" }, { 2100, "2100-03-28" },
		{ 2285, "2285-03-22" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		assert_date(civil_easter_sunday(cases[i].year),
			    cases[i].sunday);
}

static void test_local_date_of_instant(void **state)
{
	struct civil_datetime local;

	(void)state;
	/* 2026-12-07T21:55:00Z is 17:55 in Puerto Rico. */
	local = civil_local_datetime(parse_ok("2026-12-07T21:55:00Z"));
	assert_date(local.date, "2026-12-07");
	assert_int_equal(local.hour, 17);
	assert_int_equal(local.minute, 55);
	assert_int_equal(local.second, 0);

	/* 03:30Z on a Saturday is still Friday 23:30 in Puerto Rico. */
	local = civil_local_datetime(parse_ok("2026-12-05T03:30:00Z"));
	assert_date(local.date, "2026-12-04");
	assert_int_equal(local.hour, 23);
	assert_int_equal(local.minute, 30);

	/* 04:00Z is the first second of the local day. */
	assert_date(civil_local_date(parse_ok("2026-12-05T04:00:00Z")),
		    "2026-12-05");
	assert_date(civil_local_date(parse_ok("2026-12-05T03:59:59Z")),
		    "2026-12-04");

	/* Before 1970, negative instants. */
	local = civil_local_datetime(parse_ok("1969-12-31T23:00:00Z"));
	assert_date(local.date, "1969-12-31");
	assert_int_equal(local.hour, 19);
}

static void test_local_to_instant(void **state)
{
	struct civil_datetime local = { { 2026, 12, 7 }, 17, 55, 0 };

	(void)state;
	assert_int_equal(civil_instant_from_local(local),
			 parse_ok("2026-12-07T21:55:00Z"));
	assert_int_equal(civil_instant_from_local_date(date_of(2026, 12, 7)),
			 parse_ok("2026-12-07T04:00:00Z"));
}

static void test_format_instants(void **state)
{
	char text[CIVIL_INSTANT_LEN];
	time_t instant = parse_ok("2026-12-07T21:55:09Z");

	(void)state;
	civil_instant_format_utc(instant, text);
	assert_string_equal(text, "2026-12-07T21:55:09Z");
	civil_instant_format_local(instant, text);
	assert_string_equal(text, "2026-12-07T17:55:09-04:00");
	civil_instant_format_utc(0, text);
	assert_string_equal(text, "1970-01-01T00:00:00Z");
}

static void test_parse_equivalent_forms(void **state)
{
	time_t expected = 1796680500; /* 2026-12-07T21:55:00Z */

	(void)state;
	assert_int_equal(parse_ok("2026-12-07T21:55:00Z"), expected);
	assert_int_equal(parse_ok("2026-12-07T21:55Z"), expected);
	assert_int_equal(parse_ok("2026-12-07t21:55:00z"), expected);
	assert_int_equal(parse_ok("2026-12-07T21:55:00+00:00"), expected);
	assert_int_equal(parse_ok("2026-12-07T17:55:00-04:00"), expected);
	assert_int_equal(parse_ok("2026-12-07T17:55-0400"), expected);
	assert_int_equal(parse_ok("2026-12-07T17:55-04"), expected);
	assert_int_equal(parse_ok("2026-12-07T16:55:00-05:00"), expected);
	assert_int_equal(parse_ok("2026-12-08T03:25:00+05:30"), expected);
	assert_int_equal(parse_ok("2026-12-07T21:55:00.999Z"), expected);
	/* Without an offset the time is Puerto Rico local time. */
	assert_int_equal(parse_ok("2026-12-07T17:55"), expected);
	assert_int_equal(parse_ok("2026-12-07T17:55:00"), expected);
	assert_int_equal(parse_ok("2026-12-07 17:55:00"), expected);
	/* A date alone is the start of that local day. */
	assert_int_equal(parse_ok("2026-12-07"), expected - 17 * 3600 - 55 * 60);
}

static void test_parse_rejects_bad_datetimes(void **state)
{
	static const char *const bad[] = {
		"",
		"garbage",
		"2026-12-7",
		"2026-13-01",
		"2026-02-29",
		"2026-12-07T24:00",
		"2026-12-07T17:60",
		"2026-12-07T17:55:60",
		"2026-12-07T17",
		"2026-12-07T17:55Zx",
		"2026-12-07T17:55+24:00",
		"2026-12-07T17:55+04:60",
		"2026-12-07T17:55+04:",
		"2026-12-07T17:55+4",
		"2026-12-07T17:55:00.",
		"2026-12-07X17:55",
		"0000-01-01T00:00",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct error err = { 0 };
		time_t instant = 0;

		assert_int_equal(civil_instant_parse(bad[i], "from", &instant,
						     &err),
				 RC_INVALID);
		assert_string_equal(err.code, "invalid_datetime");
		assert_string_equal(err.field, "from");
		assert_non_null(strstr(err.message_es, bad[i]));
		assert_non_null(strstr(err.message_en, bad[i]));
	}
}

static void test_parse_null_text(void **state)
{
	struct error err = { 0 };
	time_t instant = 0;

	(void)state;
	assert_int_equal(civil_instant_parse(NULL, "from", &instant, &err),
			 RC_INVALID);
	assert_string_equal(err.field, "from");
}

static void test_parse_dates(void **state)
{
	struct civil_date date = { 0, 0, 0 };
	struct error err = { 0 };

	(void)state;
	assert_int_equal(civil_date_parse("2024-02-29", "date", &date, &err),
			 RC_OK);
	assert_date(date, "2024-02-29");

	assert_int_equal(civil_date_parse("2026-02-29", "date", &date, &err),
			 RC_INVALID);
	assert_string_equal(err.code, "invalid_date");
	assert_string_equal(err.field, "date");
	assert_non_null(strstr(err.message_en, "2026-02-29"));

	assert_int_equal(civil_date_parse("2026-12-07T10:00", "date", &date,
					  &err),
			 RC_INVALID);
	assert_int_equal(civil_date_parse("26-12-07", "date", &date, &err),
			 RC_INVALID);
	assert_int_equal(civil_date_parse(NULL, "date", &date, &err),
			 RC_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_date_validity),
		cmocka_unit_test(test_day_numbers_known),
		cmocka_unit_test(test_day_numbers_round_trip),
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test(test_date_arithmetic),
		cmocka_unit_test(test_nth_weekday),
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_local_date_of_instant),
		cmocka_unit_test(test_local_to_instant),
		cmocka_unit_test(test_format_instants),
		cmocka_unit_test(test_parse_equivalent_forms),
		cmocka_unit_test(test_parse_rejects_bad_datetimes),
		cmocka_unit_test(test_parse_null_text),
		cmocka_unit_test(test_parse_dates),
	};

	return cmocka_run_group_tests_name("civil_time", tests, NULL, NULL);
}
