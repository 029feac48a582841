/* test_calendar_import.c - holiday lists read from CSV and iCalendar. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "app/calendar_import.h"

static int parse(const char *text, struct calendar_entry_list *list,
		 struct error *err)
{
	return calendar_import_parse("lista", text, strlen(text), list, err);
}

static void assert_entry(const struct calendar_entry *entry, const char *date,
			 enum calendar_kind kind, const char *name)
{
	char text[CIVIL_DATE_LEN];

	civil_date_format(entry->date, text);
	assert_string_equal(text, date);
	assert_int_equal(entry->kind, kind);
	assert_string_equal(entry->name, name);
}

static void test_csv_spanish_columns(void **state)
{
	struct calendar_entry_list list = { NULL, 0, 0 };
	struct error err = { 0 };

	(void)state;
	assert_int_equal(parse("\xef\xbb\xbf" "fecha,nombre,tipo\r\n"
			       "2027-01-01,Año Nuevo,feriado\r\n"
			       "2027-09-20,\"Cierre, huracán\",cierre\r\n"
			       "2027-12-24,Nochebuena,medio_dia\r\n",
			       &list, &err),
			 RC_OK);
	assert_int_equal(list.count, 3);
	assert_entry(&list.items[0], "2027-01-01", CALENDAR_HOLIDAY,
		     "Año Nuevo");
	assert_entry(&list.items[1], "2027-09-20", CALENDAR_CLOSURE,
		     "Cierre, huracán");
	assert_entry(&list.items[2], "2027-12-24", CALENDAR_HALF_DAY,
		     "Nochebuena");
	calendar_entry_list_release(&list);
}

static void test_csv_english_without_kind(void **state)
{
	struct calendar_entry_list list = { NULL, 0, 0 };
	struct error err = { 0 };

	(void)state;
	assert_int_equal(parse("name,date\nNew Year,2027-01-01\n", &list, &err),
			 RC_OK);
	assert_int_equal(list.count, 1);
	assert_entry(&list.items[0], "2027-01-01", CALENDAR_HOLIDAY,
		     "New Year");
	calendar_entry_list_release(&list);
}

static void test_csv_errors_name_line(void **state)
{
	struct calendar_entry_list list = { NULL, 0, 0 };
	struct error err = { 0 };

	(void)state;
	assert_int_equal(parse("fecha,nombre\n2027-01-01,Año Nuevo\n"
			       "2027-02-29,Inexistente\n",
			       &list, &err),
			 RC_INVALID);
	assert_non_null(strstr(err.message_es, "lista, línea 3"));
	assert_non_null(strstr(err.message_en, "lista, line 3"));
	assert_non_null(strstr(err.message_en, "2027-02-29"));
	assert_string_equal(err.field, "fecha");
	/* Nothing is appended when the file has an error. */
	assert_int_equal(list.count, 0);

	assert_int_equal(parse("fecha,nombre,tipo\n2027-01-01,X,fiesta\n",
			       &list, &err),
			 RC_INVALID);
	assert_string_equal(err.field, "tipo");
	assert_int_equal(parse("day,title\n2027-01-01,X\n", &list, &err),
			 RC_INVALID);
	assert_string_equal(err.code, "missing_column");
	assert_int_equal(list.count, 0);
}

static void test_icalendar_events(void **state)
{
	static const char ics[] =
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//prueba//ES\r\n"
		"BEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20261201T000000Z\r\n"
		"DTSTART;VALUE=DATE:20270101\r\nSUMMARY:Año Nuevo\r\n"
		"RRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=2\r\nEND:VEVENT\r\n"
		"BEGIN:VEVENT\r\nUID:b@x\r\nDTSTAMP:20261201T000000Z\r\n"
		"DTSTART;VALUE=DATE:20270920\r\nDTEND;VALUE=DATE:20270922\r\n"
		"SUMMARY:Cierre por huracán\r\nCATEGORIES:Gobierno,cierre\r\n"
		"END:VEVENT\r\nEND:VCALENDAR\r\n";
	struct calendar_entry_list list = { NULL, 0, 0 };
	struct error err = { 0 };

	(void)state;
	assert_int_equal(parse(ics, &list, &err), RC_OK);
	assert_int_equal(list.count, 4);
	assert_entry(&list.items[0], "2027-01-01", CALENDAR_HOLIDAY,
		     "Año Nuevo");
	assert_entry(&list.items[1], "2027-02-01", CALENDAR_HOLIDAY,
		     "Año Nuevo");
	assert_entry(&list.items[2], "2027-09-20", CALENDAR_CLOSURE,
		     "Cierre por huracán");
	assert_entry(&list.items[3], "2027-09-21", CALENDAR_CLOSURE,
		     "Cierre por huracán");
	calendar_entry_list_release(&list);
}

static void test_icalendar_rejects_timed_event(void **state)
{
	static const char ics[] =
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//prueba//ES\r\n"
		"BEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20261201T000000Z\r\n"
		"DTSTART:20270101T090000Z\r\nSUMMARY:Reunión\r\nEND:VEVENT\r\n"
		"END:VCALENDAR\r\n";
	struct calendar_entry_list list = { NULL, 0, 0 };
	struct error err = { 0 };

	(void)state;
	assert_int_equal(parse(ics, &list, &err), RC_INVALID);
	assert_string_equal(err.field, "DTSTART");
	assert_non_null(strstr(err.message_es, "Reunión"));
	assert_int_equal(list.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_spanish_columns),
		cmocka_unit_test(test_csv_english_without_kind),
		cmocka_unit_test(test_csv_errors_name_line),
		cmocka_unit_test(test_icalendar_events),
		cmocka_unit_test(test_icalendar_rejects_timed_event),
	};

	return cmocka_run_group_tests_name("calendar_import", tests, NULL,
					   NULL);
}
