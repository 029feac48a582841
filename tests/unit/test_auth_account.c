/* test_auth_account.c - validation of account bodies. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "auth/account.h"

static int validate(const char *body_text, const char *current_text,
		    json_t **out, struct error *err)
{
	json_t *body = json_loads(body_text, 0, NULL);
	json_t *current = current_text ? json_loads(current_text, 0, NULL) : NULL;
	int rc;

	assert_non_null(body);
	*out = NULL;
	rc = account_validate(body, current, out, err);
	json_decref(body);
	json_decref(current);
	return rc;
}

static void test_operator_created_active(void **state)
{
	struct error err;
	json_t *u;

	(void)state;
	assert_int_equal(validate("{\"username\": \"Maria.Rivera\", \"role\": \"operator\", \"name\": \" María Rivera \"}",
				  NULL, &u, &err), RC_OK);
	assert_string_equal(json_string_value(json_object_get(u, "username")), "maria.rivera");
	assert_string_equal(json_string_value(json_object_get(u, "name")), "María Rivera");
	assert_true(json_is_true(json_object_get(u, "active")));
	json_decref(u);
}

static void test_username_rules(void **state)
{
	static const char *const bad[] = {
		"{\"username\": \"ab\", \"role\": \"operator\"}",
		"{\"username\": \"1ana\", \"role\": \"operator\"}",
		"{\"username\": \"maría\", \"role\": \"operator\"}",
		"{\"username\": \"ana rivera\", \"role\": \"operator\"}",
		"{\"username\": \"ana@311\", \"role\": \"operator\"}",
	};
	struct error err;
	json_t *u;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(validate(bad[i], NULL, &u, &err), RC_INVALID);
		assert_string_equal(err.field, "username");
		assert_null(u);
	}
	assert_int_equal(validate("{\"role\": \"operator\"}", NULL, &u, &err), RC_INVALID);
	assert_string_equal(err.code, "missing_field");
}

static void test_unknown_role_rejected(void **state)
{
	struct error err;
	json_t *u;

	(void)state;
	assert_int_equal(validate("{\"username\": \"ana\", \"role\": \"anonymous\"}", NULL, &u, &err),
			 RC_INVALID);
	assert_string_equal(err.field, "role");
	assert_non_null(strstr(err.message_en, "liaison"));
}

static void test_liaison_needs_scope(void **state)
{
	struct error err;
	json_t *u;

	(void)state;
	assert_int_equal(validate("{\"username\": \"enlace\", \"role\": \"liaison\"}", NULL, &u, &err),
			 RC_INVALID);
	assert_string_equal(err.field, "agency_id");
	assert_int_equal(validate("{\"username\": \"enlace\", \"role\": \"liaison\", \"office_id\": 4}",
				  NULL, &u, &err), RC_OK);
	json_decref(u);
	assert_int_equal(validate("{\"username\": \"enlace\", \"role\": \"liaison\", \"agency_id\": 2}",
				  NULL, &u, &err), RC_OK);
	json_decref(u);
}

static void test_scope_only_for_liaisons(void **state)
{
	struct error err;
	json_t *u;

	(void)state;
	assert_int_equal(validate("{\"username\": \"sup\", \"role\": \"supervisor\", \"agency_id\": 2}",
				  NULL, &u, &err), RC_INVALID);
	assert_string_equal(err.code, "scope_not_allowed");
	assert_string_equal(err.field, "agency_id");
}

static void test_unknown_member_rejected(void **state)
{
	struct error err;
	json_t *u;

	(void)state;
	assert_int_equal(validate("{\"username\": \"ana\", \"role\": \"operator\", \"rol\": \"admin\"}",
				  NULL, &u, &err), RC_INVALID);
	assert_string_equal(err.field, "rol");
}

static const char liaison[] =
	"{\"id\": 5, \"username\": \"enlace\", \"role\": \"liaison\", \"agency_id\": 2,"
	" \"office_id\": 4, \"active\": true, \"name\": \"Enlace\"}";

/* Moving a liaison to another role drops the agency and office. */
static void test_update_role_change_drops_scope(void **state)
{
	struct error err;
	json_t *u;

	(void)state;
	assert_int_equal(validate("{\"role\": \"operator\"}", liaison, &u, &err), RC_OK);
	assert_true(json_is_null(json_object_get(u, "agency_id")));
	assert_true(json_is_null(json_object_get(u, "office_id")));
	assert_string_equal(json_string_value(json_object_get(u, "name")), "Enlace");
	json_decref(u);
}

/* A new office without an agency leaves the agency to the office. */
static void test_update_office_takes_agency(void **state)
{
	struct error err;
	json_t *u;

	(void)state;
	assert_int_equal(validate("{\"office_id\": 9}", liaison, &u, &err), RC_OK);
	assert_true(json_is_null(json_object_get(u, "agency_id")));
	assert_int_equal(json_integer_value(json_object_get(u, "office_id")), 9);
	json_decref(u);
}

static void test_update_cannot_rename(void **state)
{
	struct error err;
	json_t *u;

	(void)state;
	assert_int_equal(validate("{\"username\": \"otro\"}", liaison, &u, &err), RC_INVALID);
	assert_string_equal(err.field, "username");
	assert_int_equal(validate("{\"active\": \"no\"}", liaison, &u, &err), RC_INVALID);
	assert_string_equal(err.field, "active");
}

static void test_decorate_scope_and_label(void **state)
{
	json_t *u = json_loads(liaison, 0, NULL);

	(void)state;
	account_decorate(u);
	assert_string_equal(json_string_value(json_object_get(u, "scope")), "regional");
	assert_string_equal(json_string_value(json_object_get(json_object_get(u, "role_label"), "es")),
			    "Enlace de agencia");
	assert_true(json_is_false(json_object_get(u, "locked")));
	json_object_set_new(u, "office_id", json_null());
	account_decorate(u);
	assert_string_equal(json_string_value(json_object_get(u, "scope")), "central");
	json_decref(u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_operator_created_active),
		cmocka_unit_test(test_username_rules),
		cmocka_unit_test(test_unknown_role_rejected),
		cmocka_unit_test(test_liaison_needs_scope),
		cmocka_unit_test(test_scope_only_for_liaisons),
		cmocka_unit_test(test_unknown_member_rejected),
		cmocka_unit_test(test_update_role_change_drops_scope),
		cmocka_unit_test(test_update_office_takes_agency),
		cmocka_unit_test(test_update_cannot_rename),
		cmocka_unit_test(test_decorate_scope_and_label),
	};

	return cmocka_run_group_tests_name("auth_account", tests, NULL, NULL);
}
