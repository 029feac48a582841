/* test_kb.c - validation of agencies, offices and services, opening
 * hours, the content workflow and CSV parsing. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "domain/csv.h"
#include "domain/kb.h"
#include "domain/municipio.h"
#include "domain/validate.h"

static json_t *parse(const char *text)
{
	json_error_t jerr;
	json_t *v = json_loads(text, 0, &jerr);

	assert_non_null(v);
	return v;
}

/* Validate body with fn and return the error field ("" when valid). */
static void expect_field(int (*fn)(json_t *, json_t *, json_t **, struct error *),
			 const char *body, const char *field)
{
	json_t *in = parse(body), *out = NULL;
	struct error err;
	int rc;

	error_clear(&err);
	rc = fn(in, NULL, &out, &err);
	if (field) {
		assert_int_not_equal(rc, RC_OK);
		assert_string_equal(err.field, field);
		assert_true(strlen(err.message_es) > 0);
		assert_true(strlen(err.message_en) > 0);
	} else {
		assert_int_equal(rc, RC_OK);
		assert_non_null(out);
	}
	json_decref(in);
	json_decref(out);
}

static void agency_accepts_minimal(void **state)
{
	json_t *in = parse("{\"name\": {\"es\": \" Departamento de Salud \"}, \"level\": \"state\"}");
	json_t *out = NULL;
	struct error err;

	(void)state;
	assert_int_equal(agency_validate(in, NULL, &out, &err), RC_OK);
	assert_string_equal(json_string_value(json_object_get(json_object_get(out, "name"), "es")),
			    "Departamento de Salud");
	assert_string_equal(json_string_value(json_object_get(out, "integration_status")),
			    "not_integrated");
	assert_int_equal(json_integer_value(json_object_get(out, "licences")), 0);
	assert_true(json_is_array(json_object_get(out, "contacts")));
	json_decref(in);
	json_decref(out);
}

static void agency_rejects_each_field(void **state)
{
	(void)state;
	expect_field(agency_validate, "{\"level\": \"state\"}", "name");
	expect_field(agency_validate, "{\"name\": {\"es\": \"\"}, \"level\": \"state\"}", "name.es");
	expect_field(agency_validate, "{\"name\": \"Salud\", \"level\": \"state\"}", "name");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\", \"fr\": \"Y\"}, \"level\": \"state\"}", "name.fr");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\"}}", "level");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\"}, \"level\": \"estatal\"}", "level");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\"}, \"level\": \"state\", \"licences\": -1}", "licences");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\"}, \"level\": \"state\", \"licences\": \"3\"}", "licences");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\"}, \"level\": \"state\", \"website\": \"ftp://x.pr\"}", "website");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\"}, \"level\": \"state\", \"email\": \"a@b\"}", "email");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\"}, \"level\": \"state\", \"phone\": \"12\"}", "phone");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\"}, \"level\": \"municipal\"}", "municipio");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\"}, \"level\": \"state\", \"contacts\": [{\"role\": \"x\"}]}", "contacts[0].name");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\"}, \"level\": \"state\", \"social_media\": [{\"network\": \"X\", \"url\": \"nope\"}]}", "social_media[0].url");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\"}, \"level\": \"state\", \"integration_status\": \"integrated\"}", "integration_status");
	expect_field(agency_validate, "{\"name\": {\"es\": \"X\\u0001\"}, \"level\": \"state\"}", "name.es");
	expect_field(agency_validate, "[]", "");
}

static void agency_patch_merges_over_current(void **state)
{
	json_t *current = parse("{\"acronym\": \"DS\", \"name\": {\"es\": \"Salud\"}, \"level\": \"state\","
				" \"licences\": 2, \"id\": 5, \"created_at\": \"x\"}");
	json_t *patch = parse("{\"licences\": 4, \"id\": 5}");
	json_t *out = NULL;
	struct error err;

	(void)state;
	assert_int_equal(agency_validate(patch, current, &out, &err), RC_OK);
	assert_int_equal(json_integer_value(json_object_get(out, "licences")), 4);
	assert_string_equal(json_string_value(json_object_get(out, "acronym")), "DS");
	assert_null(json_object_get(out, "id"));
	json_decref(current);
	json_decref(patch);
	json_decref(out);
}

static void office_rejects_each_field(void **state)
{
	(void)state;
	expect_field(office_validate, "{\"name\": {\"es\": \"O\"}}", "agency_id");
	expect_field(office_validate, "{\"agency_id\": 1, \"name\": {\"es\": \"O\"}, \"municipio\": \"Atlantis\"}", "municipio");
	expect_field(office_validate, "{\"agency_id\": 1, \"name\": {\"es\": \"O\"}, \"longitude\": -200}", "longitude");
	expect_field(office_validate, "{\"agency_id\": 1, \"name\": {\"es\": \"O\"}, \"hours\": {\"mon\": [{\"open\": \"8:00\", \"close\": \"12:00\"}]}}", "hours.mon[0]");
	expect_field(office_validate, "{\"agency_id\": 1, \"name\": {\"es\": \"O\"}, \"hours\": {\"mon\": [{\"open\": \"12:00\", \"close\": \"12:00\"}]}}", "hours.mon[0]");
	expect_field(office_validate, "{\"agency_id\": 1, \"name\": {\"es\": \"O\"}, \"hours\": {\"mon\": [{\"open\": \"08:00\", \"close\": \"24:30\"}]}}", "hours.mon[0]");
	expect_field(office_validate, "{\"agency_id\": 1, \"name\": {\"es\": \"O\"}, \"phones\": \"787-555-0100\"}", "phones");
	expect_field(office_validate, "{\"agency_id\": 1, \"name\": {\"es\": \"O\"}, \"hours\": {\"mon\": [{\"open\": \"08:00\", \"close\": \"12:00\"}], \"tue\": [{\"open\": \"08:00\", \"close\": \"12:00\"}]}}", NULL);
}

static void municipio_folds_accents_not_spelling(void **state)
{
	(void)state;
	assert_int_equal(municipio_count(), 78);
	assert_string_equal(municipio_canonical("mayaguez"), "Mayagüez");
	assert_string_equal(municipio_canonical("PEÑUELAS"), "Peñuelas");
	assert_string_equal(municipio_canonical("penuelas"), "Peñuelas");
	assert_string_equal(municipio_canonical("Río Grande"), "Río Grande");
	assert_null(municipio_canonical("Mayaguezz"));
	assert_null(municipio_canonical(""));
}

static void hours_parse_spanish_and_english(void **state)
{
	json_t *h = NULL;
	struct error err;

	(void)state;
	assert_int_equal(office_hours_parse("lun-vie 08:00-12:00,13:00-16:30; sáb 08:00-12:00", &h, &err), RC_OK);
	assert_int_equal(json_array_size(json_object_get(h, "mon")), 2);
	assert_int_equal(json_array_size(json_object_get(h, "fri")), 2);
	assert_int_equal(json_array_size(json_object_get(h, "sat")), 1);
	assert_null(json_object_get(h, "sun"));
	json_decref(h);
	assert_int_equal(office_hours_parse("mon,wed 09:00-11:00", &h, &err), RC_OK);
	assert_non_null(json_object_get(h, "wed"));
	assert_null(json_object_get(h, "tue"));
	json_decref(h);
	assert_int_equal(office_hours_parse("vie-lun 08:00-12:00", &h, &err), RC_INVALID);
	assert_int_equal(office_hours_parse("todos 08:00-12:00", &h, &err), RC_INVALID);
	assert_int_equal(office_hours_parse("lun 8-12", &h, &err), RC_INVALID);
	assert_string_equal(err.field, "hours");
}

static void content_workflow_transitions(void **state)
{
	struct error err;

	(void)state;
	assert_int_equal(content_transition_check("draft", "in_review", &err), RC_OK);
	assert_int_equal(content_transition_check("in_review", "approved", &err), RC_OK);
	assert_int_equal(content_transition_check("approved", "published", &err), RC_OK);
	assert_int_equal(content_transition_check("published", "archived", &err), RC_OK);
	assert_int_equal(content_transition_check("archived", "draft", &err), RC_OK);
	assert_int_equal(content_transition_check("draft", "published", &err), RC_CONFLICT);
	assert_non_null(strstr(err.message_en, "in_review"));
	assert_int_equal(content_transition_check("published", "approved", &err), RC_CONFLICT);
	assert_int_equal(content_transition_check("draft", "deleted", &err), RC_INVALID);
	assert_string_equal(content_status_label("in_review", LANG_ES), "en revisión");
}

static void csv_reads_quotes_and_line_breaks(void **state)
{
	const char *text = "\xEF\xBB\xBF" "a,b,c\r\n1,\"dos, tres\",\"con \"\"comillas\"\"\"\n\n"
			   "x,\"línea\nnueva\",\n";
	struct csv_reader r;
	struct csv_row row = { 0 };
	struct error err;

	(void)state;
	csv_reader_init(&r, text, strlen(text));
	assert_int_equal(csv_next(&r, &row, &err), RC_OK);
	assert_int_equal(row.count, 3);
	assert_string_equal(row.fields[0], "a");
	assert_int_equal(csv_column(&row, "B"), 1);
	assert_int_equal(csv_next(&r, &row, &err), RC_OK);
	assert_string_equal(row.fields[1], "dos, tres");
	assert_string_equal(row.fields[2], "con \"comillas\"");
	assert_int_equal(row.line, 2);
	assert_int_equal(csv_next(&r, &row, &err), RC_OK);
	assert_string_equal(row.fields[1], "línea\nnueva");
	assert_string_equal(row.fields[2], "");
	assert_int_equal(row.line, 4);
	assert_int_equal(csv_next(&r, &row, &err), RC_OK);
	assert_int_equal(row.count, 0);
	csv_row_release(&row);
}

static void csv_rejects_open_quote(void **state)
{
	const char *text = "a,b\n1,\"never closed\n2,3\n";
	struct csv_reader r;
	struct csv_row row = { 0 };
	struct error err;

	(void)state;
	csv_reader_init(&r, text, strlen(text));
	assert_int_equal(csv_next(&r, &row, &err), RC_OK);
	assert_int_equal(csv_next(&r, &row, &err), RC_INVALID);
	assert_non_null(strstr(err.message_en, "Line 2"));
	csv_row_release(&row);
}

static void csv_writes_quotes_when_needed(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	csv_write_field(&sb, "plain");
	strbuf_addch(&sb, ',');
	csv_write_field(&sb, "a,b");
	strbuf_addch(&sb, ',');
	csv_write_field(&sb, "say \"hi\"\n");
	strbuf_addch(&sb, ',');
	csv_write_field(&sb, NULL);
	assert_string_equal(strbuf_str(&sb), "plain,\"a,b\",\"say \"\"hi\"\"\n\",");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(agency_accepts_minimal),
		cmocka_unit_test(agency_rejects_each_field),
		cmocka_unit_test(agency_patch_merges_over_current),
		cmocka_unit_test(office_rejects_each_field),
		cmocka_unit_test(municipio_folds_accents_not_spelling),
		cmocka_unit_test(hours_parse_spanish_and_english),
		cmocka_unit_test(content_workflow_transitions),
		cmocka_unit_test(csv_reads_quotes_and_line_breaks),
		cmocka_unit_test(csv_rejects_open_quote),
		cmocka_unit_test(csv_writes_quotes_when_needed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
