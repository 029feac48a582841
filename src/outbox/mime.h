/*
 * mime.h - Internet messages (RFC 5322) with MIME bodies (RFC 2045-2047).
 *
 * mime_build writes a whole message with CRLF line endings, ready for
 * SMTP: headers whose non-ASCII text is encoded as RFC 2047 encoded words
 * in UTF-8, text parts in quoted-printable and attachments in base64, so
 * that every line is 7-bit and at most 76 characters of body. The message
 * is multipart/alternative when it has an HTML part, inside
 * multipart/mixed when it has attachments. Pure code: no I/O.
 */
#ifndef LINEA311_OUTBOX_MIME_H
#define LINEA311_OUTBOX_MIME_H

#include <stdbool.h>
#include <time.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "store/outbox.h"

struct mime_message {
	const char *from_name;    /* display name, UTF-8; NULL: none */
	const char *from_address; /* addr-spec: "no-reply@311.example" */
	const char *to_address;
	const char *subject;      /* UTF-8, one line */
	const char *message_id;   /* without angle brackets */
	time_t date;
	enum lang lang;           /* Content-Language */
	bool auto_submitted;      /* a notification: Auto-Submitted: auto-generated */
	const char *text;         /* UTF-8, lines separated by "\n" */
	const char *html;         /* a whole HTML document, or NULL */
	const struct outbox_attachment *attachments;
	size_t attachment_count;
};

/* Append the whole message m to out. */
void mime_build(struct strbuf *out, const struct mime_message *m);

/*
 * Append the header "name: value" and its CRLF to out. A value with
 * characters outside printable ASCII is written as RFC 2047 "B" encoded
 * words of UTF-8, none split inside a character, folded onto
 * continuation lines.
 */
void mime_header(struct strbuf *out, const char *name, const char *value);

/* Append text as quoted-printable: "\n" and "\r\n" become CRLF line
 * breaks, and soft line breaks keep lines at most 76 characters. */
void mime_quoted_printable(struct strbuf *out, const char *text);

/* Append data as base64 in lines of 76 characters, each ending in CRLF. */
void mime_base64(struct strbuf *out, const void *data, size_t len);

/* Write t as an RFC 5322 date in Puerto Rico time:
 * "Mon, 07 Dec 2026 17:55:00 -0400". */
void mime_date(time_t t, char out[40]);

/* Return true when s is ASCII without control characters. */
bool mime_is_plain_ascii(const char *s);

#endif
