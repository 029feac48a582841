/*
 * password.h - password hashing, session tokens and generated passwords,
 * all with libsodium.
 *
 * Passwords are hashed with Argon2id (crypto_pwhash_str_alg with
 * crypto_pwhash_ALG_ARGON2ID13), 2 passes over 19 MiB with libsodium's
 * single lane: the minimum configuration that the OWASP Password Storage
 * Cheat Sheet recommends (2023 edition), chosen so that a log-in costs
 * tens of milliseconds and the tests stay fast.
 * Hashes made with other parameters are still verified, and
 * password_needs_rehash tells the log-in to store a new hash.
 *
 * Session tokens are 256 random bits written in URL-safe base64 (43
 * characters); only their SHA-256, in hex, is stored.
 */
#ifndef LINEA311_PASSWORD_H
#define LINEA311_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

#define PASSWORD_OPSLIMIT 2ULL
#define PASSWORD_MEMLIMIT (19UL * 1024 * 1024)
#define PASSWORD_MIN_CHARS 10  /* Unicode characters */
#define PASSWORD_MAX_BYTES 256
#define PASSWORD_HASH_SIZE 128 /* crypto_pwhash_STRBYTES */

#define TOKEN_SIZE 44          /* 43 characters and the NUL */
#define TOKEN_HASH_SIZE 65     /* 64 hex digits and the NUL */

/*
 * Check a new password: PASSWORD_MIN_CHARS characters or more, at most
 * PASSWORD_MAX_BYTES bytes of valid UTF-8 without control characters,
 * and not the user name. field names the input in the error.
 */
int password_check_policy(const char *password, const char *username,
			  const char *field, struct error *err);

/* Hash password into out (PASSWORD_HASH_SIZE bytes). Fails only when
 * the memory for Argon2id cannot be allocated. */
int password_hash(const char *password, char *out, struct error *err);

/* Return true when password matches hash, a string of password_hash. */
bool password_verify(const char *hash, const char *password);

/* Return true when hash was made with other parameters than today's. */
bool password_needs_rehash(const char *hash);

/* Spend the time of one verification, so that a log-in with an unknown
 * user name takes as long as one with a wrong password. */
void password_verify_dummy(const char *password);

/* Fill out with a new random token (TOKEN_SIZE bytes with the NUL). */
void token_generate(char *out);

/* Write the SHA-256 of token as 64 lowercase hex digits. */
void token_hash(const char *token, char *out);

/* Fill out (size >= 21) with a random 20-character password of letters
 * and digits, without look-alikes such as 0/O and 1/l. */
void password_generate(char *out, size_t size);

/* Compare two NUL-terminated secrets in time that does not depend on
 * where they differ. */
bool secret_equal(const char *a, const char *b);

#endif
