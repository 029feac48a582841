/* test_auth_password.c - password policy, Argon2id hashes and tokens. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>
#include <sodium.h>

#include "auth/password.h"

static void test_policy_accepts_long_password(void **state)
{
	struct error err;

	(void)state;
	assert_int_equal(password_check_policy("una frase larga", "ana", "password", &err), RC_OK);
}

static void test_policy_rejects_short(void **state)
{
	struct error err;

	(void)state;
	assert_int_equal(password_check_policy("corta123", "ana", "password", &err), RC_INVALID);
	assert_string_equal(err.code, "password_too_short");
	assert_string_equal(err.field, "password");
	assert_non_null(strstr(err.message_es, "10 caracteres"));
}

/* "ñ" is one character of two bytes: ten characters pass, nine fail. */
static void test_policy_counts_characters(void **state)
{
	struct error err;

	(void)state;
	assert_int_equal(password_check_policy("ñññññññññ", NULL, "password", &err), RC_INVALID);
	assert_int_equal(password_check_policy("ññññññññññ", NULL, "password", &err), RC_OK);
}

static void test_policy_rejects_username(void **state)
{
	struct error err;

	(void)state;
	assert_int_equal(password_check_policy("operadora.maria", "operadora.maria", "password", &err),
			 RC_INVALID);
	assert_string_equal(err.code, "password_is_username");
}

static void test_policy_rejects_control_and_bad_utf8(void **state)
{
	struct error err;

	(void)state;
	assert_int_equal(password_check_policy("contraseña\tlarga", NULL, "password", &err), RC_INVALID);
	assert_string_equal(err.code, "control_character");
	assert_int_equal(password_check_policy("contrase\xf1" "a-larga", NULL, "password", &err), RC_INVALID);
	assert_string_equal(err.code, "invalid_utf8");
	assert_int_equal(password_check_policy("", NULL, "password", &err), RC_INVALID);
	assert_string_equal(err.code, "missing_field");
}

static void test_policy_rejects_too_long(void **state)
{
	char long_password[PASSWORD_MAX_BYTES + 2];
	struct error err;

	(void)state;
	memset(long_password, 'a', sizeof(long_password) - 1);
	long_password[sizeof(long_password) - 1] = '\0';
	assert_int_equal(password_check_policy(long_password, NULL, "password", &err), RC_INVALID);
	assert_string_equal(err.code, "too_long");
}

static void test_hash_verifies_only_same_password(void **state)
{
	char hash[PASSWORD_HASH_SIZE];
	struct error err;

	(void)state;
	assert_int_equal(password_hash("contraseña-de-prueba", hash, &err), RC_OK);
	assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
	assert_true(password_verify(hash, "contraseña-de-prueba"));
	assert_false(password_verify(hash, "contraseña-de-prueba "));
	assert_false(password_verify(hash, "Contraseña-de-prueba"));
	assert_false(password_needs_rehash(hash));
}

static void test_hash_is_salted(void **state)
{
	char a[PASSWORD_HASH_SIZE], b[PASSWORD_HASH_SIZE];

	(void)state;
	assert_int_equal(password_hash("misma-contraseña", a, NULL), RC_OK);
	assert_int_equal(password_hash("misma-contraseña", b, NULL), RC_OK);
	assert_string_not_equal(a, b);
}

/* A hash made with other parameters still verifies and needs a rehash. */
static void test_old_parameters_need_rehash(void **state)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *pw = "contraseña-antigua";

	(void)state;
	assert_int_equal(sodium_init() >= 0, 1);
	assert_int_equal(crypto_pwhash_str_alg(hash, pw, strlen(pw), 1, 8192 * 1024,
					       crypto_pwhash_ALG_ARGON2ID13), 0);
	assert_true(password_verify(hash, pw));
	assert_true(password_needs_rehash(hash));
}

static void test_tokens_random_and_url_safe(void **state)
{
	char a[TOKEN_SIZE], b[TOKEN_SIZE];

	(void)state;
	token_generate(a);
	token_generate(b);
	assert_int_equal(strlen(a), TOKEN_SIZE - 1);
	assert_string_not_equal(a, b);
	for (const char *p = a; *p; p++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *p));
}

/* The SHA-256 test vector of FIPS 180-2 for "abc". */
static void test_token_hash_is_sha256(void **state)
{
	char hash[TOKEN_HASH_SIZE];

	(void)state;
	token_hash("abc", hash);
	assert_string_equal(hash, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_generated_password_passes_policy(void **state)
{
	char a[32], b[32];
	struct error err;

	(void)state;
	password_generate(a, sizeof(a));
	password_generate(b, sizeof(b));
	assert_int_equal(strlen(a), 20);
	assert_string_not_equal(a, b);
	assert_null(strpbrk(a, "0O1lI"));
	assert_int_equal(password_check_policy(a, "admin", "password", &err), RC_OK);
}

static void test_secret_equal(void **state)
{
	(void)state;
	assert_true(secret_equal("abc", "abc"));
	assert_false(secret_equal("abc", "abd"));
	assert_false(secret_equal("abc", "abcd"));
	assert_false(secret_equal("", "a"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy_accepts_long_password),
		cmocka_unit_test(test_policy_rejects_short),
		cmocka_unit_test(test_policy_counts_characters),
		cmocka_unit_test(test_policy_rejects_username),
		cmocka_unit_test(test_policy_rejects_control_and_bad_utf8),
		cmocka_unit_test(test_policy_rejects_too_long),
		cmocka_unit_test(test_hash_verifies_only_same_password),
		cmocka_unit_test(test_hash_is_salted),
		cmocka_unit_test(test_old_parameters_need_rehash),
		cmocka_unit_test(test_tokens_random_and_url_safe),
		cmocka_unit_test(test_token_hash_is_sha256),
		cmocka_unit_test(test_generated_password_passes_policy),
		cmocka_unit_test(test_secret_equal),
	};

	return cmocka_run_group_tests_name("auth_password", tests, NULL, NULL);
}
