/* test_calendar.c - default Puerto Rico holidays and business days. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "domain/calendar.h"

#define FIXTURE "tests/fixtures/feriados-pr-2024-2030.csv"

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

static struct calendar_entry entry_of(const char *date, enum calendar_kind kind,
				      const char *name)
{
	struct calendar_entry entry = { { 0, 0, 0 }, kind, "" };
	struct error err = { 0 };

	assert_int_equal(civil_date_parse(date, "date", &entry.date, &err),
			 RC_OK);
	snprintf(entry.name, sizeof(entry.name), "%s", name);
	return entry;
}

/* The reference list: fecha,nombre,tipo with tipo feriado or medio_dia. */
static void load_fixture(struct calendar_entry_list *list)
{
	char line[512];
	FILE *file = fopen(FIXTURE, "r");
	int line_number = 0;

	assert_non_null(file);
	while (fgets(line, sizeof(line), file)) {
		char *date, *name, *kind, *rest = line;
		struct calendar_entry entry;
		struct error err = { 0 };

		line_number++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line_number == 1 || line[0] == '\0')
			continue;
		date = strtok_r(rest, ",", &rest);
		name = strtok_r(NULL, ",", &rest);
		kind = strtok_r(NULL, ",", &rest);
		assert_non_null(kind);
		entry = entry_of(date, CALENDAR_HOLIDAY, name);
		assert_int_equal(calendar_kind_parse(kind, "tipo", &entry.kind,
						     &err),
				 RC_OK);
		calendar_entry_list_append(list, &entry);
	}
	fclose(file);
}

static void test_rules_match_reference_list(void **state)
{
	struct calendar_entry_list expected = { NULL, 0, 0 };
	size_t next = 0;

	(void)state;
	load_fixture(&expected);
	assert_int_equal(expected.count, 135);

	for (int year = 2024; year <= 2030; year++) {
		struct calendar_entry rules[CALENDAR_RULES_MAX];
		size_t count = calendar_rule_entries(year, rules);

		for (size_t i = 0; i < count; i++, next++) {
			char got[CIVIL_DATE_LEN], want[CIVIL_DATE_LEN];

			assert_true(next < expected.count);
			civil_date_format(rules[i].date, got);
			civil_date_format(expected.items[next].date, want);
			if (strcmp(got, want) ||
			    strcmp(rules[i].name, expected.items[next].name) ||
			    rules[i].kind != expected.items[next].kind)
				fail_msg("rule %s %s (%s), reference %s %s (%s)",
					 got, rules[i].name,
					 calendar_kind_code(rules[i].kind),
					 want, expected.items[next].name,
					 calendar_kind_code(
						 expected.items[next].kind));
		}
	}
	assert_int_equal(next, expected.count);
	calendar_entry_list_release(&expected);
}

/* Every holiday of the reference list is a non-business day of the
 * default calendar, and every half day on a weekday a business day. */
static void test_reference_days_closed(void **state)
{
	struct calendar_entry_list expected = { NULL, 0, 0 };
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	load_fixture(&expected);
	for (size_t i = 0; i < expected.count; i++) {
		bool business = calendar_is_business_day(&cal,
							 expected.items[i].date);

		enum civil_weekday weekday =
			civil_weekday(expected.items[i].date);

		if (expected.items[i].kind == CALENDAR_HALF_DAY &&
		    weekday != CIVIL_SATURDAY && weekday != CIVIL_SUNDAY)
			assert_true(business);
		else
			assert_false(business);
	}
	calendar_entry_list_release(&expected);
	calendar_release(&cal);
}

static void assert_year(int year, const char *const *expected,
			size_t expected_count)
{
	struct calendar_entry rules[CALENDAR_RULES_MAX];
	size_t count = calendar_rule_entries(year, rules);

	assert_int_equal(count, expected_count);
	for (size_t i = 0; i < count; i++) {
		char line[CIVIL_DATE_LEN + CALENDAR_NAME_MAX + 2];
		char date[CIVIL_DATE_LEN];

		civil_date_format(rules[i].date, date);
		snprintf(line, sizeof(line), "%s %s", date, rules[i].name);
		assert_string_equal(line, expected[i]);
	}
}

static void test_rules_year_1999(void **state)
{
	/* No election (1999 is not divisible by 4); 4 and 25 July fall on
	 * Sundays; 19 June and 25 December on Saturdays. */
	static const char *const expected[] = {
		"1999-01-01 Año Nuevo",
		"1999-01-06 Día de Reyes",
		"1999-01-18 Natalicio de Martin Luther King Jr.",
		"1999-02-15 Día de los Presidentes y de los Próceres "
		"Puertorriqueños",
		"1999-03-02 Día de la Ciudadanía Americana",
		"1999-03-22 Día de la Abolición de la Esclavitud",
		"1999-04-02 Viernes Santo",
		"1999-05-31 Día de la Recordación",
		"1999-06-19 Juneteenth",
		"1999-07-05 Día de la Independencia de los Estados Unidos "
		"(observado)",
		"1999-07-26 Día de la Constitución de Puerto Rico (observado)",
		"1999-07-27 Natalicio de José Celso Barbosa",
		"1999-09-06 Día del Trabajo",
		"1999-10-11 Día de la Raza",
		"1999-11-11 Día del Veterano",
		"1999-11-19 Día del Descubrimiento de Puerto Rico",
		"1999-11-25 Día de Acción de Gracias",
		"1999-12-24 Nochebuena (desde el mediodía)",
		"1999-12-25 Día de Navidad",
	};

	(void)state;
	assert_year(1999, expected, ARRAY_SIZE(expected));
}

static void test_rules_year_2100(void **state)
{
	/* 2100 is divisible by 4 (though not a leap year), so it has an
	 * election day; Good Friday is 26 March. */
	static const char *const expected[] = {
		"2100-01-01 Año Nuevo",
		"2100-01-06 Día de Reyes",
		"2100-01-18 Natalicio de Martin Luther King Jr.",
		"2100-02-15 Día de los Presidentes y de los Próceres "
		"Puertorriqueños",
		"2100-03-02 Día de la Ciudadanía Americana",
		"2100-03-22 Día de la Abolición de la Esclavitud",
		"2100-03-26 Viernes Santo",
		"2100-05-31 Día de la Recordación",
		"2100-06-19 Juneteenth",
		"2100-07-05 Día de la Independencia de los Estados Unidos "
		"(observado)",
		"2100-07-26 Día de la Constitución de Puerto Rico (observado)",
		"2100-07-27 Natalicio de José Celso Barbosa",
		"2100-09-06 Día del Trabajo",
		"2100-10-11 Día de la Raza",
		"2100-11-02 Día de las Elecciones Generales",
		"2100-11-11 Día del Veterano",
		"2100-11-19 Día del Descubrimiento de Puerto Rico",
		"2100-11-25 Día de Acción de Gracias",
		"2100-12-24 Nochebuena (desde el mediodía)",
		"2100-12-25 Día de Navidad",
	};

	(void)state;
	assert_year(2100, expected, ARRAY_SIZE(expected));
}

static void test_rules_extreme_years(void **state)
{
	struct calendar_entry rules[CALENDAR_RULES_MAX];

	(void)state;
	assert_int_equal(calendar_rule_entries(1, rules), 19);
	assert_int_equal(calendar_rule_entries(9996, rules), 20);
	assert_int_equal(calendar_rule_entries(9999, rules), 19);
	for (size_t i = 0; i < 19; i++)
		assert_true(civil_date_valid(rules[i].date));
}

static void test_business_days_by_kind(void **state)
{
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	assert_true(calendar_is_business_day(&cal, date_of(2026, 12, 7)));
	assert_false(calendar_is_business_day(&cal, date_of(2026, 12, 5)));
	assert_false(calendar_is_business_day(&cal, date_of(2026, 12, 6)));
	assert_false(calendar_is_business_day(&cal, date_of(2026, 12, 25)));
	assert_true(calendar_is_business_day(&cal, date_of(2026, 12, 24)));
	assert_false(calendar_is_business_day(&cal, date_of(2026, 4, 3)));
	assert_false(calendar_is_business_day(&cal, date_of(2026, 3, 23)));
	assert_true(calendar_is_business_day(&cal, date_of(2026, 3, 24)));
	calendar_release(&cal);
}

static void test_count_business_days(void **state)
{
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	/* December 2026: 23 weekdays, one of them Christmas. */
	assert_int_equal(calendar_count_business_days(&cal,
						      date_of(2026, 12, 1),
						      date_of(2026, 12, 31)),
			 22);
	assert_int_equal(calendar_count_business_days(&cal,
						      date_of(2026, 1, 1),
						      date_of(2026, 12, 31)),
			 245);
	assert_int_equal(calendar_count_business_days(&cal,
						      date_of(2026, 12, 7),
						      date_of(2026, 12, 7)),
			 1);
	assert_int_equal(calendar_count_business_days(&cal,
						      date_of(2026, 12, 5),
						      date_of(2026, 12, 6)),
			 0);
	assert_int_equal(calendar_count_business_days(&cal,
						      date_of(2026, 12, 9),
						      date_of(2026, 12, 7)),
			 0);
	calendar_release(&cal);
}

static void test_add_closure_and_remove(void **state)
{
	struct calendar_entry closure =
		entry_of("2026-09-30", CALENDAR_CLOSURE, "Huracán");
	struct error err = { 0 };
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	assert_null(calendar_find_year(&cal, 2026));
	assert_true(calendar_is_business_day(&cal, closure.date));

	assert_int_equal(calendar_add(&cal, &closure, &err), RC_OK);
	assert_false(calendar_is_business_day(&cal, closure.date));
	assert_non_null(calendar_find_year(&cal, 2026));
	/* The rule holidays of the year were copied in with the closure. */
	assert_false(calendar_is_business_day(&cal, date_of(2026, 12, 25)));
	assert_int_equal(cal.count, 20);

	assert_int_equal(calendar_add(&cal, &closure, &err), RC_CONFLICT);
	assert_string_equal(err.code, "calendar_entry_exists");

	assert_int_equal(calendar_remove(&cal, closure.date, CALENDAR_CLOSURE,
					 &err),
			 RC_OK);
	assert_true(calendar_is_business_day(&cal, closure.date));
	assert_int_equal(calendar_remove(&cal, closure.date, CALENDAR_CLOSURE,
					 &err),
			 RC_NOT_FOUND);
	assert_string_equal(err.field, "date");
	calendar_release(&cal);
}

static void test_remove_default_holiday(void **state)
{
	struct error err = { 0 };
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	assert_false(calendar_is_business_day(&cal, date_of(2026, 7, 27)));
	assert_int_equal(calendar_remove(&cal, date_of(2026, 7, 27),
					 CALENDAR_HOLIDAY, &err),
			 RC_OK);
	assert_true(calendar_is_business_day(&cal, date_of(2026, 7, 27)));
	/* Other years keep the rule. */
	assert_false(calendar_is_business_day(&cal, date_of(2028, 7, 27)));
	assert_false(calendar_is_business_day(&cal, date_of(2026, 11, 26)));
	calendar_release(&cal);
}

static void test_add_rejects_bad_entries(void **state)
{
	struct calendar_entry entry =
		entry_of("2026-09-30", CALENDAR_CLOSURE, "");
	struct error err = { 0 };
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	assert_int_equal(calendar_add(&cal, &entry, &err), RC_INVALID);
	assert_string_equal(err.field, "name");

	snprintf(entry.name, sizeof(entry.name), "bad\x01name");
	assert_int_equal(calendar_add(&cal, &entry, &err), RC_INVALID);
	snprintf(entry.name, sizeof(entry.name), "bad \xc3 UTF-8");
	assert_int_equal(calendar_add(&cal, &entry, &err), RC_INVALID);

	snprintf(entry.name, sizeof(entry.name), "Huracán");
	entry.kind = CALENDAR_WEEKEND;
	assert_int_equal(calendar_add(&cal, &entry, &err), RC_INVALID);
	assert_string_equal(err.field, "kind");

	entry.kind = CALENDAR_CLOSURE;
	entry.date = date_of(2026, 2, 30);
	assert_int_equal(calendar_add(&cal, &entry, &err), RC_INVALID);
	assert_string_equal(err.field, "date");

	/* Nothing was materialised by the failed additions. */
	assert_int_equal(cal.year_count, 0);
	calendar_release(&cal);
}

static void test_replace_year_and_confirm(void **state)
{
	struct calendar_entry list[] = {
		entry_of("2027-01-01", CALENDAR_HOLIDAY, "Año Nuevo"),
		entry_of("2027-01-08", CALENDAR_HOLIDAY, "Feriado nuevo"),
	};
	struct calendar_entry wrong_year =
		entry_of("2028-01-03", CALENDAR_HOLIDAY, "Otro año");
	struct calendar_entry_list listed = { NULL, 0, 0 };
	struct error err = { 0 };
	struct calendar cal;
	int year = 0;

	(void)state;
	calendar_init(&cal);
	assert_true(calendar_next_year_unconfirmed(&cal, date_of(2026, 11, 1),
						   &year));
	assert_int_equal(year, 2027);
	assert_false(calendar_next_year_unconfirmed(&cal,
						    date_of(2026, 10, 31),
						    &year));

	assert_int_equal(calendar_confirm_year(&cal, 2027, &err), RC_OK);
	assert_true(calendar_find_year(&cal, 2027)->confirmed);
	assert_false(calendar_next_year_unconfirmed(&cal,
						    date_of(2026, 12, 31),
						    &year));

	/* An import replaces the list and needs a new confirmation. */
	assert_int_equal(calendar_replace_year(&cal, 2027, list,
					       ARRAY_SIZE(list), &err),
			 RC_OK);
	assert_false(calendar_find_year(&cal, 2027)->confirmed);
	assert_true(calendar_next_year_unconfirmed(&cal, date_of(2026, 11, 15),
						   &year));
	assert_false(calendar_is_business_day(&cal, date_of(2027, 1, 8)));
	assert_true(calendar_is_business_day(&cal, date_of(2027, 1, 6)));
	calendar_list_year(&cal, 2027, &listed);
	assert_int_equal(listed.count, 2);
	assert_string_equal(listed.items[1].name, "Feriado nuevo");

	/* An entry of another year rejects the whole list. */
	list[1] = wrong_year;
	assert_int_equal(calendar_replace_year(&cal, 2027, list,
					       ARRAY_SIZE(list), &err),
			 RC_INVALID);
	assert_string_equal(err.code, "wrong_year");
	assert_false(calendar_is_business_day(&cal, date_of(2027, 1, 8)));

	calendar_entry_list_release(&listed);
	calendar_release(&cal);
}

/* An empty list makes a year without holidays: weekdays are business
 * days, even 25 December. */
static void test_replace_year_empty(void **state)
{
	struct error err = { 0 };
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	assert_int_equal(calendar_replace_year(&cal, 2026, NULL, 0, &err),
			 RC_OK);
	assert_non_null(calendar_find_year(&cal, 2026));
	assert_true(calendar_is_business_day(&cal, date_of(2026, 12, 25)));
	/* The next year still follows the rules. */
	assert_false(calendar_is_business_day(&cal, date_of(2027, 1, 1)));
	calendar_release(&cal);
}

static void test_copy_is_independent(void **state)
{
	struct calendar_entry closure =
		entry_of("2026-09-30", CALENDAR_CLOSURE, "Huracán");
	struct calendar cal, copy;
	struct error err = { 0 };

	(void)state;
	calendar_init(&cal);
	calendar_init(&copy);
	assert_int_equal(calendar_add(&cal, &closure, &err), RC_OK);
	calendar_copy(&copy, &cal);
	assert_int_equal(calendar_remove(&cal, closure.date, CALENDAR_CLOSURE,
					 &err),
			 RC_OK);
	assert_false(calendar_is_business_day(&copy, closure.date));
	assert_true(calendar_is_business_day(&cal, closure.date));
	calendar_release(&copy);
	calendar_release(&cal);
}

static void test_list_date_entries(void **state)
{
	struct calendar_entry closure =
		entry_of("2026-12-25", CALENDAR_CLOSURE, "Cierre navideño");
	struct calendar_entry_list listed = { NULL, 0, 0 };
	struct error err = { 0 };
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	calendar_list_date(&cal, date_of(2026, 12, 25), &listed);
	assert_int_equal(listed.count, 1);
	assert_string_equal(listed.items[0].name, "Día de Navidad");

	assert_int_equal(calendar_add(&cal, &closure, &err), RC_OK);
	listed.count = 0;
	calendar_list_date(&cal, date_of(2026, 12, 25), &listed);
	assert_int_equal(listed.count, 2);
	assert_int_equal(listed.items[0].kind, CALENDAR_HOLIDAY);
	assert_int_equal(listed.items[1].kind, CALENDAR_CLOSURE);
	calendar_entry_list_release(&listed);
	calendar_release(&cal);
}

static void test_due_lists_skipped_days(void **state)
{
	struct calendar_entry_list skipped = { NULL, 0, 0 };
	struct civil_date due;
	struct error err = { 0 };
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	/* Wednesday 23 December: Thursday 24 (half day) counts, Friday 25
	 * and the weekend are skipped, Monday 28 is the second day. */
	assert_int_equal(calendar_add_business_days(&cal, date_of(2026, 12, 23),
						    2, &due, &skipped, &err),
			 RC_OK);
	assert_date(due, "2026-12-28");
	assert_int_equal(skipped.count, 3);
	assert_date(skipped.items[0].date, "2026-12-25");
	assert_int_equal(skipped.items[0].kind, CALENDAR_HOLIDAY);
	assert_string_equal(skipped.items[0].name, "Día de Navidad");
	assert_date(skipped.items[1].date, "2026-12-26");
	assert_int_equal(skipped.items[1].kind, CALENDAR_WEEKEND);
	assert_date(skipped.items[2].date, "2026-12-27");
	assert_int_equal(skipped.items[2].kind, CALENDAR_WEEKEND);
	calendar_entry_list_release(&skipped);
	calendar_release(&cal);
}

static void test_due_rejects_bad_days(void **state)
{
	struct civil_date due;
	struct error err = { 0 };
	struct calendar cal;

	(void)state;
	calendar_init(&cal);
	assert_int_equal(calendar_add_business_days(&cal, date_of(2026, 12, 7),
						    0, &due, NULL, &err),
			 RC_INVALID);
	assert_string_equal(err.field, "days");
	assert_int_equal(calendar_add_business_days(
				 &cal, date_of(2026, 12, 7),
				 CALENDAR_MAX_BUSINESS_DAYS + 1, &due, NULL,
				 &err),
			 RC_INVALID);
	assert_int_equal(calendar_add_business_days(&cal,
						    date_of(9999, 12, 30), 2,
						    &due, NULL, &err),
			 RC_INVALID);
	assert_string_equal(err.code, "date_out_of_range");
	calendar_release(&cal);
}

static void test_kind_parse(void **state)
{
	enum calendar_kind kind = CALENDAR_WEEKEND;
	struct error err = { 0 };

	(void)state;
	assert_int_equal(calendar_kind_parse("feriado", "kind", &kind, &err),
			 RC_OK);
	assert_int_equal(kind, CALENDAR_HOLIDAY);
	assert_int_equal(calendar_kind_parse("CLOSURE", "kind", &kind, &err),
			 RC_OK);
	assert_int_equal(kind, CALENDAR_CLOSURE);
	assert_int_equal(calendar_kind_parse("medio_día", "kind", &kind, &err),
			 RC_OK);
	assert_int_equal(kind, CALENDAR_HALF_DAY);
	assert_int_equal(calendar_kind_parse("weekend", "kind", &kind, &err),
			 RC_INVALID);
	assert_string_equal(err.field, "kind");
	assert_non_null(strstr(err.message_en, "weekend"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_match_reference_list),
		cmocka_unit_test(test_reference_days_closed),
		cmocka_unit_test(test_rules_year_1999),
		cmocka_unit_test(test_rules_year_2100),
		cmocka_unit_test(test_rules_extreme_years),
		cmocka_unit_test(test_business_days_by_kind),
		cmocka_unit_test(test_count_business_days),
		cmocka_unit_test(test_add_closure_and_remove),
		cmocka_unit_test(test_remove_default_holiday),
		cmocka_unit_test(test_add_rejects_bad_entries),
		cmocka_unit_test(test_replace_year_and_confirm),
		cmocka_unit_test(test_replace_year_empty),
		cmocka_unit_test(test_copy_is_independent),
		cmocka_unit_test(test_list_date_entries),
		cmocka_unit_test(test_due_lists_skipped_days),
		cmocka_unit_test(test_due_rejects_bad_days),
		cmocka_unit_test(test_kind_parse),
	};

	return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
