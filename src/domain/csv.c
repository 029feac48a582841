/* csv.c - RFC 4180 CSV (see csv.h). */
#include "core/common.h"
#include "domain/csv.h"

#include <ctype.h>
#include <strings.h>

void csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
	r->p = data;
	r->end = data + len;
	r->line = 1;
	r->separator = ',';
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		r->p += 3;
}

void csv_row_release(struct csv_row *row)
{
	for (size_t i = 0; i < row->count; i++)
		free(row->fields[i]);
	free(row->fields);
	row->fields = NULL;
	row->count = 0;
}

static void push(struct csv_row *row, size_t *alloc, struct strbuf *field)
{
	if (row->count == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 16;
		row->fields = xrealloc(row->fields, *alloc * sizeof(char *));
	}
	row->fields[row->count++] = strbuf_detach(field, NULL);
}

int csv_next(struct csv_reader *r, struct csv_row *row, struct error *err)
{
	struct strbuf field = STRBUF_INIT;
	size_t alloc = 0;

	csv_row_release(row);
	/* Skip empty lines between records. */
	while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) {
		if (*r->p == '\n')
			r->line++;
		r->p++;
	}
	if (r->p >= r->end)
		return RC_OK;
	row->line = r->line;

	for (;;) {
		bool quoted = r->p < r->end && *r->p == '"';

		strbuf_init(&field, 0);
		strbuf_add(&field, "", 0);
		if (quoted) {
			unsigned start = r->line;

			r->p++;
			for (;;) {
				if (r->p >= r->end) {
					strbuf_release(&field);
					csv_row_release(row);
					return error_set(err, RC_INVALID, "csv_unterminated_quote", NULL,
							 "Línea %u: falta cerrar las comillas de un campo.",
							 "Line %u: a quoted field is not closed.", start);
				}
				if (*r->p == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"') {
						strbuf_addch(&field, '"');
						r->p += 2;
						continue;
					}
					r->p++;
					break;
				}
				if (*r->p == '\n')
					r->line++;
				strbuf_addch(&field, *r->p++);
			}
			if (r->p < r->end && *r->p != r->separator && *r->p != '\n' && *r->p != '\r') {
				strbuf_release(&field);
				csv_row_release(row);
				return error_set(err, RC_INVALID, "csv_stray_quote", NULL,
						 "Línea %u: hay texto después de las comillas de cierre de un campo.",
						 "Line %u: there is text after the closing quote of a field.", r->line);
			}
		} else {
			while (r->p < r->end && *r->p != r->separator && *r->p != '\n' && *r->p != '\r') {
				strbuf_addch(&field, *r->p++);
			}
		}
		push(row, &alloc, &field);
		if (r->p < r->end && *r->p == r->separator) {
			r->p++;
			continue;
		}
		/* End of record: CRLF, LF, CR or end of input. */
		if (r->p < r->end && *r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
		r->line++;
		return RC_OK;
	}
}

long csv_column(const struct csv_row *header, const char *name)
{
	for (size_t i = 0; i < header->count; i++) {
		const char *f = header->fields[i];
		size_t len;

		while (isspace((unsigned char)*f))
			f++;
		len = strlen(f);
		while (len && isspace((unsigned char)f[len - 1]))
			len--;
		if (len == strlen(name) && !strncasecmp(f, name, len))
			return (long)i;
	}
	return -1;
}

void csv_write_field(struct strbuf *out, const char *value)
{
	size_t len = value ? strlen(value) : 0;
	bool quote = len && (strpbrk(value, ",\"\r\n") || isspace((unsigned char)value[0]) ||
			     isspace((unsigned char)value[len - 1]));

	if (!quote) {
		if (len)
			strbuf_add(out, value, len);
		return;
	}
	strbuf_addch(out, '"');
	for (const char *p = value; *p; p++) {
		if (*p == '"')
			strbuf_addch(out, '"');
		strbuf_addch(out, *p);
	}
	strbuf_addch(out, '"');
}
