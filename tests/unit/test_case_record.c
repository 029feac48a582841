/* test_case_record.c - case numbers and the bodies of cases, citizens and
 * calls. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "domain/call.h"
#include "domain/case_record.h"
#include "domain/citizen.h"
#include "domain/civil_time.h"

static json_t *parse(const char *text)
{
	json_error_t jerr;
	json_t *value = json_loads(text, 0, &jerr);

	if (!value)
		fail_msg("bad test JSON: %s", jerr.text);
	return value;
}

static time_t instant_of(const char *text)
{
	struct error err = { 0 };
	time_t instant = 0;

	assert_int_equal(civil_instant_parse(text, "at", &instant, &err),
			 RC_OK);
	return instant;
}

/* Run validate on body and return its rc, keeping err. */
typedef int (*validator)(json_t *body, json_t **out, struct error *err);

static int check(validator validate, const char *body, struct error *err)
{
	json_t *in = parse(body), *out = NULL;
	int rc = validate(in, &out, err);

	json_decref(in);
	json_decref(out);
	return rc;
}

static void test_number_format_parse(void **state)
{
	char number[CASE_NUMBER_LEN];
	long long seq = 0;
	int year = 0;

	(void)state;
	case_number_format(2026, 123, number);
	assert_string_equal(number, "311-2026-000123");
	case_number_format(2027, 1234567, number);
	assert_string_equal(number, "311-2027-1234567");

	assert_true(case_number_parse("311-2026-000123", &year, &seq));
	assert_int_equal(year, 2026);
	assert_int_equal(seq, 123);
	assert_true(case_number_parse(" 311-2026-123 ", &year, &seq));
	assert_int_equal(seq, 123);

	assert_false(case_number_parse("311-2026-000000", &year, &seq));
	assert_false(case_number_parse("311-26-000123", &year, &seq));
	assert_false(case_number_parse("2026-000123", &year, &seq));
	assert_false(case_number_parse("311-2026-", &year, &seq));
	assert_false(case_number_parse("311-2026-12a", &year, &seq));
	assert_false(case_number_parse(NULL, &year, &seq));
}

static void test_new_case_defaults(void **state)
{
	json_t *in = parse("{\"service_id\": 4, \"description\": \"  Bache \","
			   " \"municipio\": \"mayaguez\"}");
	json_t *out = NULL;
	struct error err = { 0 };

	(void)state;
	assert_int_equal(case_record_validate_new(in, &out, &err), RC_OK);
	assert_string_equal(json_string_value(json_object_get(out, "channel")),
			    "phone");
	assert_string_equal(json_string_value(json_object_get(out,
							      "municipio")),
			    "Mayagüez");
	assert_string_equal(json_string_value(json_object_get(out,
							      "description")),
			    "Bache");
	json_decref(in);
	json_decref(out);
}

static void test_new_case_rejects(void **state)
{
	static const struct {
		const char *body;
		const char *field;
	} cases[] = {
		{ "{\"description\": \"x\"}", "service_id" },
		{ "{\"service_id\": 4}", "description" },
		{ "{\"service_id\": 4, \"description\": \"   \"}",
		  "description" },
		{ "{\"service_id\": \"4\", \"description\": \"x\"}",
		  "service_id" },
		{ "{\"service_id\": 4, \"description\": \"x\", \"channel\": "
		  "\"pigeon\"}",
		  "channel" },
		{ "{\"service_id\": 4, \"description\": \"x\", \"municipio\": "
		  "\"Gotham\"}",
		  "municipio" },
		{ "{\"service_id\": 4, \"description\": \"x\", \"status\": "
		  "\"closed\"}",
		  "status" },
		{ "{\"service_id\": 0, \"description\": \"x\"}", "service_id" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct error err = { 0 };

		assert_int_equal(check(case_record_validate_new, cases[i].body,
				       &err),
				 RC_INVALID);
		assert_string_equal(err.field, cases[i].field);
	}
}

static void test_first_contact_body(void **state)
{
	time_t now = instant_of("2026-12-08T10:00");
	json_t *in, *out = NULL;
	struct error err = { 0 };
	time_t at = 0;

	(void)state;
	in = parse("{\"method\": \"email\", \"at\": \"2026-12-08T09:15\"}");
	assert_int_equal(case_record_validate_first_contact(in, now, &out, &at,
							    &err),
			 RC_OK);
	assert_int_equal(at, instant_of("2026-12-08T09:15"));
	assert_string_equal(json_string_value(json_object_get(out, "at")),
			    "2026-12-08T13:15:00Z");
	json_decref(in);
	json_decref(out);

	in = parse("{\"method\": \"phone\"}");
	assert_int_equal(case_record_validate_first_contact(in, now, &out, &at,
							    &err),
			 RC_OK);
	assert_int_equal(at, now);
	json_decref(in);
	json_decref(out);

	in = parse("{\"method\": \"telepathy\"}");
	assert_int_equal(case_record_validate_first_contact(in, now, &out, &at,
							    &err),
			 RC_INVALID);
	assert_string_equal(err.field, "method");
	json_decref(in);

	in = parse("{\"method\": \"phone\", \"at\": \"yesterday\"}");
	assert_int_equal(case_record_validate_first_contact(in, now, &out, &at,
							    &err),
			 RC_INVALID);
	assert_string_equal(err.field, "at");
	json_decref(in);
}

static void test_status_bodies(void **state)
{
	static const struct {
		const char *body;
		int rc;
		const char *field;
		enum case_status to;
	} cases[] = {
		{ "{\"status\": \"in_progress\"}", RC_OK, "", CASE_IN_PROGRESS },
		{ "{\"status\": \"En proceso\"}", RC_OK, "", CASE_IN_PROGRESS },
		{ "{\"status\": \"closed\", \"resolution\": \"Listo\"}", RC_OK,
		  "", CASE_CLOSED },
		{ "{\"status\": \"closed\"}", RC_INVALID, "resolution",
		  CASE_CLOSED },
		{ "{\"status\": \"cancelled\"}", RC_INVALID, "reason",
		  CASE_CANCELLED },
		{ "{\"status\": \"cancelled\", \"reason\": \"withdrawn\"}", RC_OK,
		  "", CASE_CANCELLED },
		{ "{\"status\": \"cancelled\", \"reason\": \"duplicate\"}",
		  RC_INVALID, "duplicate_of", CASE_CANCELLED },
		{ "{\"status\": \"cancelled\", \"reason\": \"duplicate\", "
		  "\"duplicate_of\": 3}",
		  RC_OK, "", CASE_CANCELLED },
		{ "{\"status\": \"cancelled\", \"reason\": \"withdrawn\", "
		  "\"duplicate_of\": 3}",
		  RC_INVALID, "duplicate_of", CASE_CANCELLED },
		{ "{\"status\": \"in_progress\", \"resolution\": \"x\"}",
		  RC_INVALID, "resolution", CASE_IN_PROGRESS },
		{ "{\"status\": \"closed\", \"resolution\": \"x\", \"reason\": "
		  "\"other\"}",
		  RC_INVALID, "reason", CASE_CLOSED },
		{ "{\"status\": \"contacted\"}", RC_INVALID, "method",
		  CASE_CONTACTED },
		{ "{\"status\": \"in_progress\", \"method\": \"phone\"}",
		  RC_INVALID, "method", CASE_IN_PROGRESS },
		{ "{\"status\": \"finished\"}", RC_INVALID, "status", CASE_NEW },
		{ "{}", RC_INVALID, "status", CASE_NEW },
	};
	time_t now = instant_of("2026-12-08T10:00");

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		json_t *in = parse(cases[i].body), *out = NULL;
		enum case_status to = CASE_NEW;
		struct error err = { 0 };
		time_t at = 0;
		int rc = case_record_validate_status(in, now, &out, &to, &at,
						     &err);

		if (rc != cases[i].rc)
			fail_msg("%s: rc %d, expected %d (%s)", cases[i].body,
				 rc, cases[i].rc, err.message_en);
		if (rc) {
			assert_string_equal(err.field, cases[i].field);
		} else {
			assert_int_equal(to, cases[i].to);
			assert_int_equal(at, now);
			assert_string_equal(json_string_value(json_object_get(
						    out, "status")),
					    case_status_code(to));
		}
		json_decref(in);
		json_decref(out);
	}
}

static void test_routing_and_note_bodies(void **state)
{
	struct error err = { 0 };
	json_t *in, *out = NULL;

	(void)state;
	assert_int_equal(check(case_record_validate_routing, "{}", &err),
			 RC_INVALID);
	assert_string_equal(err.field, "office_id");
	assert_int_equal(check(case_record_validate_routing,
			       "{\"area\": null}", &err),
			 RC_OK);
	assert_int_equal(check(case_record_validate_routing,
			       "{\"office_id\": \"x\"}", &err),
			 RC_INVALID);

	in = parse("{\"text\": \"Llamar en la tarde\"}");
	assert_int_equal(case_record_validate_note(in, &out, &err), RC_OK);
	assert_string_equal(json_string_value(json_object_get(out,
							      "visibility")),
			    "internal");
	json_decref(in);
	json_decref(out);
	assert_int_equal(check(case_record_validate_note,
			       "{\"text\": \"x\", \"visibility\": \"public\"}",
			       &err),
			 RC_INVALID);
	assert_string_equal(err.field, "visibility");
	assert_int_equal(check(case_record_validate_note, "{}", &err),
			 RC_INVALID);
	assert_string_equal(err.field, "text");
}

static int validate_citizen(json_t *body, json_t **out, struct error *err)
{
	return citizen_validate(body, NULL, out, err);
}

static void test_citizen_phones_normalized(void **state)
{
	json_t *in = parse("{\"name\": \"Ana\", \"phones\": [\"(787) 555-0100\","
			   " {\"number\": \"1 787 555 0100\", \"kind\": "
			   "\"work\"}, {\"number\": \"939-555-0101\", "
			   "\"kind\": \"home\"}]}");
	json_t *out = NULL, *phones;
	struct error err = { 0 };

	(void)state;
	assert_int_equal(citizen_validate(in, NULL, &out, &err), RC_OK);
	phones = json_object_get(out, "phones");
	/* The repeated number is kept once, with its first kind. */
	assert_int_equal(json_array_size(phones), 2);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(phones, 0), "number")),
			    "+17875550100");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(phones, 0), "kind")),
			    "mobile");
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(phones, 1), "kind")),
			    "home");
	assert_string_equal(json_string_value(json_object_get(out, "language")),
			    "es");
	assert_string_equal(json_string_value(json_object_get(
				    out, "contact_method")),
			    "phone");
	json_decref(in);
	json_decref(out);
}

static void test_citizen_rejects(void **state)
{
	static const struct {
		const char *body;
		const char *field;
	} cases[] = {
		{ "{\"phones\": []}", "name" },
		{ "{\"name\": \"A\", \"phones\": \"787-555-0100\"}", "phones" },
		{ "{\"name\": \"A\", \"phones\": [\"555-0100\"]}", "phones[0]" },
		{ "{\"name\": \"A\", \"phones\": [{\"number\": "
		  "\"787-555-0100\", \"kind\": \"pager\"}]}",
		  "phones[0].kind" },
		{ "{\"name\": \"A\", \"email\": \"no-at-sign\"}", "email" },
		{ "{\"name\": \"A\", \"zip_code\": \"00901-12\"}", "zip_code" },
		{ "{\"name\": \"A\", \"language\": \"fr\"}", "language" },
		{ "{\"name\": \"A\", \"contact_method\": \"mail\"}",
		  "postal_address" },
		{ "{\"name\": \"A\", \"email\": \"a@b.pr\", "
		  "\"contact_method\": \"phone\"}",
		  "phones" },
		{ "{\"name\": \"A\", \"nombre\": \"B\"}", "nombre" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct error err = { 0 };

		if (check(validate_citizen, cases[i].body, &err) != RC_INVALID)
			fail_msg("%s accepted", cases[i].body);
		assert_string_equal(err.field, cases[i].field);
	}
}

static void test_citizen_partial_update(void **state)
{
	json_t *current = parse("{\"id\": 7, \"name\": \"Ana\", \"phones\": "
				"[{\"number\": \"+17875550100\", \"kind\": "
				"\"mobile\", \"display\": \"(787) 555-0100\"}],"
				" \"language\": \"en\", \"created_at\": "
				"\"2026-12-07T21:55:00Z\"}");
	json_t *body = parse("{\"email\": \"ana@example.com\", "
			     "\"contact_method\": \"email\"}");
	json_t *out = NULL;
	struct error err = { 0 };

	(void)state;
	assert_int_equal(citizen_validate(body, current, &out, &err), RC_OK);
	assert_string_equal(json_string_value(json_object_get(out, "name")),
			    "Ana");
	assert_string_equal(json_string_value(json_object_get(out, "language")),
			    "en");
	assert_int_equal(json_array_size(json_object_get(out, "phones")), 1);
	assert_null(json_object_get(out, "id"));
	json_decref(current);
	json_decref(body);
	json_decref(out);
}

static void test_call_bodies(void **state)
{
	time_t now = instant_of("2026-12-07T18:00");
	struct error err = { 0 };
	json_t *in, *out = NULL;

	(void)state;
	in = parse("{\"type\": \"referral\", \"caller_phone\": "
		   "\"787 555 0100\", \"started_at\": \"2026-12-07T17:50\"}");
	assert_int_equal(call_validate(in, NULL, now, &out, &err), RC_OK);
	assert_string_equal(json_string_value(json_object_get(out, "channel")),
			    "phone");
	assert_string_equal(json_string_value(json_object_get(out,
							      "caller_phone")),
			    "+17875550100");
	assert_string_equal(json_string_value(json_object_get(out,
							      "started_at")),
			    "2026-12-07T21:50:00Z");
	json_decref(in);
	json_decref(out);

	in = parse("{\"type\": \"information\"}");
	assert_int_equal(call_validate(in, NULL, now, &out, &err), RC_OK);
	assert_string_equal(json_string_value(json_object_get(out,
							      "started_at")),
			    "2026-12-07T22:00:00Z");
	json_decref(in);
	json_decref(out);

	in = parse("{\"type\": \"information\", \"started_at\": "
		   "\"2026-12-07T18:05\"}");
	assert_int_equal(call_validate(in, NULL, now, &out, &err), RC_INVALID);
	assert_string_equal(err.code, "time_in_future");
	json_decref(in);

	in = parse("{\"type\": \"information\", \"started_at\": "
		   "\"2026-12-07T17:00\", \"ended_at\": \"2026-12-07T16:59\"}");
	assert_int_equal(call_validate(in, NULL, now, &out, &err), RC_INVALID);
	assert_string_equal(err.field, "ended_at");
	json_decref(in);

	in = parse("{\"type\": \"information\", \"sent_via\": \"pigeon\"}");
	assert_int_equal(call_validate(in, NULL, now, &out, &err), RC_INVALID);
	assert_string_equal(err.field, "sent_via");
	json_decref(in);

	in = parse("{\"channel\": \"phone\"}");
	assert_int_equal(call_validate(in, NULL, now, &out, &err), RC_INVALID);
	assert_string_equal(err.field, "type");
	json_decref(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_format_parse),
		cmocka_unit_test(test_new_case_defaults),
		cmocka_unit_test(test_new_case_rejects),
		cmocka_unit_test(test_first_contact_body),
		cmocka_unit_test(test_status_bodies),
		cmocka_unit_test(test_routing_and_note_bodies),
		cmocka_unit_test(test_citizen_phones_normalized),
		cmocka_unit_test(test_citizen_rejects),
		cmocka_unit_test(test_citizen_partial_update),
		cmocka_unit_test(test_call_bodies),
	};

	return cmocka_run_group_tests_name("case_record", tests, NULL, NULL);
}
