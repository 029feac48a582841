/* password.c - Argon2id passwords and random tokens (see password.h). */
#include "core/common.h"
#include "auth/password.h"
#include "core/utf8.h"

#include <pthread.h>
#include <sodium.h>

static void crypto_init(void)
{
	/* sodium_init is idempotent and thread-safe; it fails only when no
	 * source of randomness is available, which nothing here survives. */
	BUG_ON(sodium_init() < 0);
}

int password_check_policy(const char *password, const char *username,
			  const char *field, struct error *err)
{
	size_t len = password ? strlen(password) : 0;
	size_t chars = 0;

	if (!password || !len)
		return error_set(err, RC_INVALID, "missing_field", field,
				 "Falta la contraseña en «%s».",
				 "The password \"%s\" is missing.", field);
	if (len > PASSWORD_MAX_BYTES)
		return error_set(err, RC_INVALID, "too_long", field,
				 "La contraseña es demasiado larga: el máximo es %d bytes.",
				 "The password is too long: the maximum is %d bytes.",
				 PASSWORD_MAX_BYTES);
	if (!utf8_valid(password, len, NULL))
		return error_set(err, RC_INVALID, "invalid_utf8", field,
				 "La contraseña no es UTF-8 válido.",
				 "The password is not valid UTF-8.");
	for (const char *p = password; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c == 0x7f)
			return error_set(err, RC_INVALID, "control_character", field,
					 "La contraseña contiene un carácter de control; use solo caracteres visibles y espacios.",
					 "The password contains a control character; use visible characters and spaces only.");
		if ((c & 0xc0) != 0x80)
			chars++;
	}
	if (chars < PASSWORD_MIN_CHARS)
		return error_set(err, RC_INVALID, "password_too_short", field,
				 "La contraseña debe tener al menos %d caracteres.",
				 "The password must have at least %d characters.",
				 PASSWORD_MIN_CHARS);
	if (username && !strcmp(password, username))
		return error_set(err, RC_INVALID, "password_is_username", field,
				 "La contraseña no puede ser igual al nombre de usuario.",
				 "The password cannot be the same as the user name.");
	return RC_OK;
}

int password_hash(const char *password, char *out, struct error *err)
{
	crypto_init();
	BUG_ON(PASSWORD_HASH_SIZE != crypto_pwhash_STRBYTES);
	if (crypto_pwhash_str_alg(out, password, strlen(password), PASSWORD_OPSLIMIT,
				  PASSWORD_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13))
		return error_set(err, RC_INTERNAL, "hash_failed", NULL,
				 "No hay memoria suficiente para proteger la contraseña. Intente de nuevo.",
				 "There is not enough memory to hash the password. Try again.");
	return RC_OK;
}

bool password_verify(const char *hash, const char *password)
{
	crypto_init();
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool password_needs_rehash(const char *hash)
{
	crypto_init();
	return crypto_pwhash_str_needs_rehash(hash, PASSWORD_OPSLIMIT,
					      PASSWORD_MEMLIMIT) != 0;
}

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[PASSWORD_HASH_SIZE];

static void dummy_init(void)
{
	char random[TOKEN_SIZE];

	token_generate(random);
	BUG_ON(password_hash(random, dummy_hash, NULL));
}

void password_verify_dummy(const char *password)
{
	pthread_once(&dummy_once, dummy_init);
	(void)password_verify(dummy_hash, password);
}

void token_generate(char *out)
{
	unsigned char raw[32];

	crypto_init();
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_SIZE, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void token_hash(const char *token, char *out)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_init();
	crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, TOKEN_HASH_SIZE, digest, sizeof(digest));
}

void password_generate(char *out, size_t size)
{
	static const char alphabet[] =
		"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	BUG_ON(size < 21);
	crypto_init();
	for (size_t i = 0; i < 20; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[20] = '\0';
}

bool secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}
