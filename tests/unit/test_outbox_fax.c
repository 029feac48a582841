/* test_outbox_fax.c - Puerto Rico fax numbers and the fax command line. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "outbox/fax.h"

static const struct {
	const char *text;
	const char *normalised; /* NULL: invalid */
} numbers[] = {
	{ "(787) 555-0161", "17875550161" },
	{ "787-555-0161", "17875550161" },
	{ "787.555.0161", "17875550161" },
	{ "7875550161", "17875550161" },
	{ "1 787 555 0161", "17875550161" },
	{ "+1 (939) 555-0199", "19395550199" },
	{ "+19395550199", "19395550199" },
	{ " 939 555 0199", "19395550199" },
	{ "(212) 555-0161", NULL },      /* New York area code */
	{ "+1 809 555 0161", NULL },     /* Dominican Republic */
	{ "787 155 0161", NULL },        /* exchange starts with 1 */
	{ "787 055 0161", NULL },        /* exchange starts with 0 */
	{ "555-0161", NULL },            /* no area code */
	{ "787555016", NULL },           /* nine digits */
	{ "178755501612", NULL },        /* twelve digits */
	{ "2 787 555 0161", NULL },      /* country code other than 1 */
	{ "+7875550161", NULL },         /* "+" without the country code */
	{ "+52 787 555 0161", NULL },
	{ "787-555-0161 ext 3", NULL },  /* a fax has no extension */
	{ "787/555/0161", NULL },
	{ "", NULL },
};

static void fax_numbers_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(numbers); i++) {
		char out[FAX_NUMBER_LEN] = "";
		struct error err = { 0 };
		int rc = fax_number_parse(numbers[i].text, "recipient", out, &err);

		if (numbers[i].normalised) {
			if (rc)
				fail_msg("%s: rejected: %s", numbers[i].text, err.message_en);
			assert_string_equal(out, numbers[i].normalised);
		} else {
			if (rc != RC_INVALID)
				fail_msg("%s: accepted as %s", numbers[i].text, out);
			assert_string_equal(err.field, "recipient");
			assert_string_equal(err.code, "invalid_fax_number");
			assert_non_null(strstr(err.message_es, "787 o 939"));
		}
	}
}

static void fax_argv_placeholders(void **state)
{
	char **argv = NULL;
	struct error err = { 0 };

	(void)state;
	assert_int_equal(fax_command_argv("/usr/bin/sendfax  -n -d {number}\t{file}",
					  "17875550161", "/var/fax/a b.pdf", &argv, &err), RC_OK);
	assert_string_equal(argv[0], "/usr/bin/sendfax");
	assert_string_equal(argv[1], "-n");
	assert_string_equal(argv[2], "-d");
	assert_string_equal(argv[3], "17875550161");
	/* A file name with a space stays one argument: there is no shell. */
	assert_string_equal(argv[4], "/var/fax/a b.pdf");
	assert_null(argv[5]);
	fax_argv_free(argv);
}

static void fax_argv_placeholder_inside_word(void **state)
{
	char **argv = NULL;

	(void)state;
	assert_int_equal(fax_command_argv("/opt/fax --to=+{number} --doc={file}", "17875550161",
					  "/tmp/f.pdf", &argv, NULL), RC_OK);
	assert_string_equal(argv[1], "--to=+17875550161");
	assert_string_equal(argv[2], "--doc=/tmp/f.pdf");
	assert_null(argv[3]);
	fax_argv_free(argv);
}

static void fax_argv_appends_without_placeholders(void **state)
{
	char **argv = NULL;

	(void)state;
	assert_int_equal(fax_command_argv("/usr/local/bin/fax-out", "19395550199", "/tmp/f.pdf",
					  &argv, NULL), RC_OK);
	assert_string_equal(argv[1], "19395550199");
	assert_string_equal(argv[2], "/tmp/f.pdf");
	assert_null(argv[3]);
	fax_argv_free(argv);
}

static void fax_argv_rejects_relative_program(void **state)
{
	char **argv = (char **)1;
	struct error err = { 0 };

	(void)state;
	assert_int_equal(fax_command_argv("sendfax -d {number} {file}", "1", "f", &argv, &err),
			 RC_INVALID);
	assert_null(argv);
	assert_string_equal(err.field, "fax_command");
	assert_int_equal(fax_command_argv("   ", "1", "f", &argv, &err), RC_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fax_numbers_table),
		cmocka_unit_test(fax_argv_placeholders),
		cmocka_unit_test(fax_argv_placeholder_inside_word),
		cmocka_unit_test(fax_argv_appends_without_placeholders),
		cmocka_unit_test(fax_argv_rejects_relative_program),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
