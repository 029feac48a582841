/*
 * fax.h - fax numbers and the fax command line.
 *
 * A fax goes out in one of two ways. An email-to-fax gateway takes the
 * number as the local part of the recipient's address and the document
 * as a PDF attachment. A command such as HylaFAX's sendfax takes the
 * number and the PDF file as arguments. Pure code: the sender runs the
 * command.
 */
#ifndef LINEA311_OUTBOX_FAX_H
#define LINEA311_OUTBOX_FAX_H

#include <stddef.h>

#include "core/error.h"

/* Length of a normalised fax number: "17875550161" and its NUL. */
#define FAX_NUMBER_LEN 12

/*
 * Check that text is a Puerto Rico fax number and write it as 11 digits,
 * country code 1 first. Accepted: 10 digits with area code 787 or 939,
 * optionally preceded by 1 or +1, grouped with spaces, dashes, dots or
 * brackets: "(787) 555-0161", "+1 939-555-0161", "787.555.0161". The
 * exchange (the three digits after the area code) cannot start with 0
 * or 1 in the North American numbering plan. RC_INVALID naming field.
 */
int fax_number_parse(const char *text, const char *field,
		     char out[FAX_NUMBER_LEN], struct error *err);

/*
 * Split command at spaces and tabs into a NULL-terminated argument
 * vector for execv, replacing "{number}" in any argument by number and
 * "{file}" by file. When the command contains neither placeholder, the
 * number and the file are appended as the last two arguments. There is
 * no quoting: an argument cannot contain a space. RC_INVALID for an
 * empty command or a first word that is not an absolute path.
 */
int fax_command_argv(const char *command, const char *number,
		     const char *file, char ***argv, struct error *err);

/* Free an argument vector made by fax_command_argv. */
void fax_argv_free(char **argv);

#endif
