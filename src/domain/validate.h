/*
 * validate.h - field checks shared by the validators of every resource.
 *
 * Each check reads member key of obj, reports a missing or malformed
 * value as RC_INVALID with err->field set to prefix + key (for example
 * "template.faq[2].answer"), and leaves a valid value in place. Messages
 * come in Spanish and English and describe a valid value.
 */
#ifndef LINEA311_VALIDATE_H
#define LINEA311_VALIDATE_H

#include <jansson.h>

#include "core/error.h"

/* A string of 1..max bytes after trimming (or absent/null when !required). */
int check_string(json_t *obj, const char *key, const char *prefix,
		 bool required, size_t max, struct error *err);

/* An integer in min..max (or absent/null when !required). */
int check_integer(json_t *obj, const char *key, const char *prefix,
		  bool required, long long min, long long max, struct error *err);

/* A boolean (or absent when !required). */
int check_boolean(json_t *obj, const char *key, const char *prefix,
		  bool required, struct error *err);

/* One of the NULL-terminated values (or absent/null when !required). */
int check_enum(json_t *obj, const char *key, const char *prefix,
	       bool required, const char *const *values, struct error *err);

/* {"es": required string, "en": optional string}, each at most max. */
int check_text_pair(json_t *obj, const char *key, const char *prefix,
		    bool required_es, size_t max, struct error *err);

/* An email address of the usual form local@domain.tld (or absent/null). */
int check_email(json_t *obj, const char *key, const char *prefix,
		struct error *err);

/* An http or https URL (or absent/null). */
int check_url(json_t *obj, const char *key, const char *prefix,
	      struct error *err);

/* A phone or fax number as is_valid_phone accepts it (or absent/null). */
int check_phone(json_t *obj, const char *key, const char *prefix,
		struct error *err);

/* A local date "YYYY-MM-DD" that exists (or absent/null). */
int check_date(json_t *obj, const char *key, const char *prefix,
	       struct error *err);

/* Report every member of obj whose name is not in the NULL-terminated
 * allowed list, so that a misspelled field is not silently dropped. */
int check_known_members(json_t *obj, const char *prefix,
			const char *const *allowed, struct error *err);

/* Trim spaces at both ends of every string member of obj, recursively,
 * and turn empty strings into null. */
void json_trim_strings(json_t *value);

/* Check that url is an absolute http:// or https:// URL of at most 2048
 * bytes with a host name and no spaces, control characters or user name. */
bool is_valid_url(const char *url);

/* Check that email is one address "local@domain.tld" (RFC 5321 dot-atom
 * local part, letter-digit-hyphen domain labels). */
bool is_valid_email(const char *email);

/* Check a list of one or more email addresses separated by commas. */
bool is_valid_email_list(const char *list);

/*
 * Check phone or fax text such as "(787) 555-0100 Ext. 3001": digits,
 * spaces, the punctuation ( ) + - . , / ; # and the words Ext, x, y, o,
 * or, TTY, TDD, extensión; at least 7 digits.
 */
bool is_valid_phone(const char *phone);

/* Return the index of text among count codes ("in_progress") or their
 * aliases ("en_proceso"), comparing without ASCII case and taking a space
 * as an underscore; -1 when none matches. aliases may be NULL. */
int code_lookup(const char *text, const char *const *codes,
		const char *const *aliases, int count);

#endif
