/*
 * error.h - the result codes and the error record of linea311.
 *
 * Every function that can fail returns an int that is RC_OK (0) on success
 * or one of enum rc, and fills the struct error its caller passed. The
 * record holds a stable machine code, the input field at fault (empty when
 * none) and the message in Spanish and English, because the same error may
 * reach an operator in either language. The HTTP layer maps enum rc to a
 * status; the command line prints the message in the user's language.
 */
#ifndef LINEA311_ERROR_H
#define LINEA311_ERROR_H

#include "core/i18n.h"

enum rc {
	RC_OK = 0,
	RC_BAD_REQUEST,      /* malformed request: bad JSON, bad parameter (400) */
	RC_UNAUTHORIZED,     /* no valid session (401) */
	RC_FORBIDDEN,        /* authenticated but not allowed (403) */
	RC_NOT_FOUND,        /* no such resource (404) */
	RC_METHOD,           /* method not allowed on the resource (405) */
	RC_CONFLICT,         /* state conflict: transition, duplicate (409) */
	RC_TOO_LARGE,        /* body over the size limit (413) */
	RC_UNSUPPORTED,      /* unsupported media type (415) */
	RC_INVALID,          /* well-formed but failing validation (422) */
	RC_LOCKED,           /* account or address locked (423) */
	RC_TOO_MANY,         /* rate limited (429) */
	RC_IO,               /* file or network failure (500) */
	RC_STORE,            /* storage failure (500) */
	RC_INTERNAL,         /* anything else that is our fault (500) */
	RC_UNAVAILABLE,      /* dependency down or shutting down (503) */
};

struct error {
	int rc;
	char code[48];
	char field[96];
	char message_es[400];
	char message_en[400];
};

/*
 * Fill err with rc, a machine code such as "invalid_field", the field
 * name (NULL for none) and the two messages, both formatted with the same
 * arguments. Returns rc so that callers can write `return error_set(...)`.
 * err may be NULL, in which case only rc is returned.
 */
int error_set(struct error *err, int rc, const char *code, const char *field,
	      const char *fmt_es, const char *fmt_en, ...);

/* Put prefix_es / prefix_en before err's messages ("archivo.csv, línea
 * 4: ..."), cutting the end of the message when it no longer fits. */
void error_prefix(struct error *err, const char *prefix_es,
		  const char *prefix_en);

/* Put path and a dot before err's field ("agencies[3]" + "name" gives
 * "agencies[3].name"); just path when the field is empty. */
void error_prefix_field(struct error *err, const char *path);

/* Reset err to "no error". */
void error_clear(struct error *err);

/* Return the message of err in lang. */
const char *error_message(const struct error *err, enum lang lang);

/* Return the HTTP status that fits rc. */
unsigned error_http_status(int rc);

#endif
