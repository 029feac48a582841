/* mime.c - building Internet messages (see mime.h). */
#include "core/common.h"
#include "domain/civil_time.h"
#include "outbox/mime.h"

#include <sodium.h>

#define QP_LINE 76      /* quoted-printable line length, RFC 2045 6.7 */
#define BASE64_LINE 76
#define HEADER_LINE 78  /* recommended header line length, RFC 5322 2.1.1 */
#define WORD_LINE 76    /* length of a line with encoded words, RFC 2047 2 */
#define WORD_OVERHEAD 12 /* "=?UTF-8?B?" and "?=" */

bool mime_is_plain_ascii(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return false;
	return true;
}

void mime_base64(struct strbuf *out, const void *data, size_t len)
{
	size_t size = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
	char *text = xmalloc(size);
	size_t text_len;

	sodium_bin2base64(text, size, data, len, sodium_base64_VARIANT_ORIGINAL);
	text_len = strlen(text);
	for (size_t i = 0; i < text_len; i += BASE64_LINE) {
		size_t n = text_len - i < BASE64_LINE ? text_len - i : BASE64_LINE;

		strbuf_add(out, text + i, n);
		strbuf_adds(out, "\r\n");
	}
	free(text);
}

/* Return the length of the UTF-8 sequence that starts with byte c (1 for
 * a byte that starts none, so that invalid input still advances). */
static size_t utf8_sequence_length(unsigned char c)
{
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	if (c >= 0xe0)
		return c <= 0xef ? 3 : 1;
	if (c >= 0xc2)
		return 2;
	return 1;
}

/* Return how many bytes of UTF-8 fit in one encoded word that starts at
 * column of a line: whole groups of three bytes (four base64
 * characters), at least one character's worth. */
static size_t word_bytes(size_t column)
{
	size_t chars = column + WORD_OVERHEAD + 16 <= WORD_LINE ?
		       WORD_LINE - column - WORD_OVERHEAD : 16;

	return chars / 4 * 3;
}

/*
 * Append text as "=?UTF-8?B?...?=" encoded words, the first starting at
 * column, each filling its line up to WORD_LINE without cutting a UTF-8
 * character, separated by a folding CRLF and space.
 */
static void encoded_words(struct strbuf *out, size_t column, const char *text)
{
	size_t len = strlen(text), start = 0;

	while (start < len) {
		size_t end = start, room = word_bytes(start ? 1 : column);

		while (end < len) {
			size_t n = utf8_sequence_length((unsigned char)text[end]);

			if (end + n > len)
				n = len - end;
			if (end + n - start > room && end > start)
				break;
			end += n;
		}
		if (start)
			strbuf_adds(out, "\r\n ");
		strbuf_adds(out, "=?UTF-8?B?");
		{
			size_t size = sodium_base64_encoded_len(end - start,
								sodium_base64_VARIANT_ORIGINAL);
			char *b64 = xmalloc(size);

			sodium_bin2base64(b64, size, (const unsigned char *)text + start,
					  end - start, sodium_base64_VARIANT_ORIGINAL);
			strbuf_adds(out, b64);
			free(b64);
		}
		strbuf_adds(out, "?=");
		start = end;
	}
}

/* Append an ASCII value, folding at spaces so lines stay near 78. */
static void folded_ascii(struct strbuf *out, size_t column, const char *value)
{
	const char *p = value;

	while (*p) {
		const char *space = NULL;
		size_t room = column < HEADER_LINE ? HEADER_LINE - column : 0;

		if (strlen(p) <= room) {
			strbuf_adds(out, p);
			return;
		}
		/* The last space within the room, else the first after it. */
		for (const char *q = p + 1; *q && (size_t)(q - p) <= room; q++)
			if (*q == ' ')
				space = q;
		if (!space)
			space = strchr(p + 1, ' ');
		if (!space) {
			strbuf_adds(out, p);
			return;
		}
		strbuf_add(out, p, (size_t)(space - p));
		strbuf_adds(out, "\r\n");
		column = 0;
		p = space; /* the space starts the continuation line */
	}
}

void mime_header(struct strbuf *out, const char *name, const char *value)
{
	strbuf_addf(out, "%s: ", name);
	if (mime_is_plain_ascii(value) && !strstr(value, "=?"))
		folded_ascii(out, strlen(name) + 2, value);
	else
		encoded_words(out, strlen(name) + 2, value);
	strbuf_adds(out, "\r\n");
}

/* Append "From: name <address>", the name quoted or encoded. */
static void address_header(struct strbuf *out, const char *header,
			   const char *name, const char *address)
{
	strbuf_addf(out, "%s: ", header);
	if (name && *name) {
		if (mime_is_plain_ascii(name)) {
			strbuf_addch(out, '"');
			for (const char *p = name; *p; p++) {
				if (*p == '"' || *p == '\\')
					strbuf_addch(out, '\\');
				strbuf_addch(out, *p);
			}
			strbuf_addch(out, '"');
		} else {
			encoded_words(out, strlen(header) + 2, name);
		}
		strbuf_addf(out, "\r\n <%s>\r\n", address);
		return;
	}
	strbuf_addf(out, "<%s>\r\n", address);
}

void mime_quoted_printable(struct strbuf *out, const char *text)
{
	size_t column = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		unsigned c = *p;
		bool line_end, literal;
		size_t width;

		if (c == '\r' && p[1] == '\n')
			continue; /* the '\n' writes the line break */
		if (c == '\n') {
			strbuf_adds(out, "\r\n");
			column = 0;
			continue;
		}
		line_end = !p[1] || p[1] == '\n' || (p[1] == '\r' && p[2] == '\n');
		if (c == ' ' || c == '\t')
			literal = !line_end; /* trailing white space is encoded */
		else
			literal = c >= 33 && c <= 126 && c != '=';
		width = literal ? 1 : 3;
		if (column + width > QP_LINE - 1) {
			strbuf_adds(out, "=\r\n");
			column = 0;
		}
		/* A dot that starts a line is encoded, so no SMTP server can
		 * read it as the end of the data. */
		if (literal && c == '.' && column == 0) {
			literal = false;
			width = 3;
		}
		if (literal)
			strbuf_addch(out, (char)c);
		else
			strbuf_addf(out, "=%02X", c);
		column += width;
	}
}

void mime_date(time_t t, char out[40])
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	struct civil_datetime local = civil_local_datetime(t);

	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d -0400",
		 days[civil_weekday(local.date)], local.date.day,
		 months[local.date.month - 1], local.date.year, local.hour,
		 local.minute, local.second);
}

/* Write a boundary that depends on the message id and role ("alt",
 * "mix"). It starts with "=_", which neither quoted-printable nor base64
 * output can contain, so it never occurs inside a part. */
static void make_boundary(char out[48], const char *message_id, const char *role)
{
	unsigned char hash[12];
	char hex[sizeof(hash) * 2 + 1];

	crypto_generichash(hash, sizeof(hash), (const unsigned char *)message_id,
			   strlen(message_id), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	snprintf(out, 48, "=_linea311_%s_%s", role, hex);
}

static void text_part(struct strbuf *out, const char *subtype, const char *text)
{
	strbuf_addf(out, "Content-Type: text/%s; charset=UTF-8\r\n"
			 "Content-Transfer-Encoding: quoted-printable\r\n\r\n", subtype);
	mime_quoted_printable(out, text);
	strbuf_adds(out, "\r\n");
}

/* The readable body: text alone, or text and HTML as alternatives. */
static void body_part(struct strbuf *out, const struct mime_message *m)
{
	char boundary[48];

	if (!m->html) {
		text_part(out, "plain", m->text);
		return;
	}
	make_boundary(boundary, m->message_id, "alt");
	strbuf_addf(out, "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n\r\n",
		    boundary);
	strbuf_addf(out, "--%s\r\n", boundary);
	text_part(out, "plain", m->text);
	strbuf_addf(out, "--%s\r\n", boundary);
	text_part(out, "html", m->html);
	strbuf_addf(out, "--%s--\r\n", boundary);
}

/* Copy name keeping letters, digits, dot, dash and underscore. */
static void safe_filename(char out[100], const char *name)
{
	size_t n = 0;

	for (const char *p = name; *p && n < 99; p++) {
		bool keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_';

		out[n++] = keep ? *p : '_';
	}
	out[n] = '\0';
	if (!n)
		snprintf(out, 100, "attachment");
}

static void attachment_part(struct strbuf *out, const struct outbox_attachment *a)
{
	char name[100];

	safe_filename(name, a->filename);
	strbuf_addf(out, "Content-Type: %s; name=\"%s\"\r\n"
			 "Content-Disposition: attachment; filename=\"%s\"\r\n"
			 "Content-Transfer-Encoding: base64\r\n\r\n",
		    a->content_type, name, name);
	mime_base64(out, a->data, a->len);
}

void mime_build(struct strbuf *out, const struct mime_message *m)
{
	char date[40], boundary[48];

	mime_date(m->date, date);
	mime_header(out, "Date", date);
	address_header(out, "From", m->from_name, m->from_address);
	strbuf_addf(out, "To: <%s>\r\n", m->to_address);
	mime_header(out, "Subject", m->subject);
	strbuf_addf(out, "Message-ID: <%s>\r\n", m->message_id);
	strbuf_adds(out, "MIME-Version: 1.0\r\n");
	strbuf_addf(out, "Content-Language: %s\r\n", lang_code(m->lang));
	if (m->auto_submitted)
		strbuf_adds(out, "Auto-Submitted: auto-generated\r\n");

	if (!m->attachment_count) {
		body_part(out, m);
		return;
	}
	make_boundary(boundary, m->message_id, "mix");
	strbuf_addf(out, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n",
		    boundary);
	strbuf_adds(out, "This is a multipart message in MIME format.\r\n");
	strbuf_addf(out, "--%s\r\n", boundary);
	body_part(out, m);
	for (size_t i = 0; i < m->attachment_count; i++) {
		strbuf_addf(out, "--%s\r\n", boundary);
		attachment_part(out, &m->attachments[i]);
	}
	strbuf_addf(out, "--%s--\r\n", boundary);
}
