/* test_phone.c - phone numbers written however people write them. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "domain/phone.h"

static void test_normalize_written_forms(void **state)
{
	static const struct {
		const char *text;
		const char *e164;
	} cases[] = {
		{ "7875550134", "+17875550134" },
		{ "787-555-0134", "+17875550134" },
		{ "(787) 555-0134", "+17875550134" },
		{ "(787)555-0134", "+17875550134" },
		{ "787.555.0134", "+17875550134" },
		{ "787 555 0134", "+17875550134" },
		{ "1-787-555-0134", "+17875550134" },
		{ "1 (787) 555-0134", "+17875550134" },
		{ "+1 787 555 0134", "+17875550134" },
		{ "+1 (787) 555-0134", "+17875550134" },
		{ "+17875550134", "+17875550134" },
		{ "  939/555/0177 ", "+19395550177" },
		{ "+1-939-555-0177", "+19395550177" },
		{ "212 555 0100", "+12125550100" },
		{ "+34 91 123 45 67", "+34911234567" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char out[PHONE_E164_LEN];
		struct error err = { 0 };

		if (phone_normalize(cases[i].text, "phone", out, &err))
			fail_msg("\"%s\" rejected: %s", cases[i].text,
				 err.message_en);
		assert_string_equal(out, cases[i].e164);
	}
}

static void test_normalize_rejects(void **state)
{
	static const char *const bad[] = {
		"",	       "abc",		  "787-555-01x4",
		"555-0134",    "0875550134",	  "7871550134",
		"12345",       "+1 787 555 013",  "+123",
		"787 555 0134 ext 5", "+1234567890123456",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char out[PHONE_E164_LEN];
		struct error err = { 0 };

		if (phone_normalize(bad[i], "phones[0]", out, &err) !=
		    RC_INVALID)
			fail_msg("\"%s\" accepted as %s", bad[i], out);
		assert_string_equal(err.code, "invalid_phone");
		assert_string_equal(err.field, "phones[0]");
	}
}

static void test_local_number_needs_area(void **state)
{
	char out[PHONE_E164_LEN];
	struct error err = { 0 };

	(void)state;
	assert_int_equal(phone_normalize("555-0134", "phone", out, &err),
			 RC_INVALID);
	assert_non_null(strstr(err.message_es, "787 o 939"));
	assert_non_null(strstr(err.message_en, "787 or 939"));
}

static void test_search_keys(void **state)
{
	char key[PHONE_E164_LEN];
	bool suffix = true;

	(void)state;
	assert_true(phone_search_key("(787) 555-0134", key, &suffix));
	assert_string_equal(key, "+17875550134");
	assert_false(suffix);

	assert_true(phone_search_key("555-0134", key, &suffix));
	assert_string_equal(key, "5550134");
	assert_true(suffix);

	assert_false(phone_search_key("maría", key, &suffix));
	assert_false(phone_search_key("12345", key, &suffix));
	assert_false(phone_search_key("", key, &suffix));
}

static void test_format_and_region(void **state)
{
	char shown[PHONE_DISPLAY_LEN];

	(void)state;
	phone_format("+17875550134", shown);
	assert_string_equal(shown, "(787) 555-0134");
	phone_format("+34911234567", shown);
	assert_string_equal(shown, "+34911234567");
	assert_true(phone_is_puerto_rico("+17875550134"));
	assert_true(phone_is_puerto_rico("+19395550134"));
	assert_false(phone_is_puerto_rico("+12125550100"));
	assert_false(phone_is_puerto_rico("+34911234567"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize_written_forms),
		cmocka_unit_test(test_normalize_rejects),
		cmocka_unit_test(test_local_number_needs_area),
		cmocka_unit_test(test_search_keys),
		cmocka_unit_test(test_format_and_region),
	};

	return cmocka_run_group_tests_name("phone", tests, NULL, NULL);
}
