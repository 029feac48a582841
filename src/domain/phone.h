/*
 * phone.h - telephone numbers of citizens, written however the caller or
 * the operator writes them.
 *
 * Numbers are stored in E.164 form ("+17875550100"), so that a search
 * finds a citizen whatever the spelling: "787-555-0100", "(939) 555 0100",
 * "+1 787 555 0100", "1-787-555-0100" and "787.555.0100" all normalise.
 * Ten digits, or eleven starting with 1, are a North American number
 * (Puerto Rico's area codes 787 and 939 are North American). A number
 * written with "+" and another country code is kept as given. Spaces,
 * dashes, dots, slashes and brackets are ignored.
 */
#ifndef LINEA311_PHONE_H
#define LINEA311_PHONE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* Buffer size of an E.164 number: "+", at most 15 digits, NUL. */
#define PHONE_E164_LEN 17

/* Buffer size of a number formatted for display. */
#define PHONE_DISPLAY_LEN 24

/* Number of digits of a local Puerto Rico number without area code. */
#define PHONE_LOCAL_DIGITS 7

/*
 * Normalise text into out as E.164. Errors are RC_INVALID with code
 * "invalid_phone" naming field: a seven-digit number without area code
 * (ambiguous between 787 and 939), a North American number whose area code
 * or exchange starts with 0 or 1, letters, or a digit count outside 8-15.
 */
int phone_normalize(const char *text, const char *field,
		    char out[PHONE_E164_LEN], struct error *err);

/*
 * Turn a search query into a key. A full number gives its E.164 form and
 * *suffix false; a seven-digit local number gives its digits and *suffix
 * true, to be matched against the end of stored numbers. Returns false when
 * text is not a phone number at all.
 */
bool phone_search_key(const char *text, char out[PHONE_E164_LEN],
		      bool *suffix);

/* Write e164 for display: "(787) 555-0100" for North American numbers,
 * the E.164 text itself otherwise. */
void phone_format(const char *e164, char out[PHONE_DISPLAY_LEN]);

/* Return true for a North American number with area code 787 or 939. */
bool phone_is_puerto_rico(const char *e164);

#endif
