/*
 * csv.h - reading and writing CSV as RFC 4180 defines it. Fields quoted
 * with double quotes may contain commas, quotes (doubled) and line
 * breaks, and records end with CRLF or LF. A UTF-8 byte-order mark at the start is
 * skipped. Pure code over a buffer.
 */
#ifndef LINEA311_CSV_H
#define LINEA311_CSV_H

#include <stddef.h>

#include "core/error.h"
#include "core/strbuf.h"

struct csv_reader {
	const char *p, *end;
	unsigned line; /* line where the next record starts, from 1 */
	char separator;
};

struct csv_row {
	char **fields;
	size_t count;  /* 0 at the end of the input */
	unsigned line; /* line the record started on */
};

void csv_reader_init(struct csv_reader *r, const char *data, size_t len);

/* Read the next record into row (released by the next call or by
 * csv_row_release). RC_INVALID names the line of an unterminated quote or
 * a stray quote inside an unquoted field. Empty lines are skipped. */
int csv_next(struct csv_reader *r, struct csv_row *row, struct error *err);
void csv_row_release(struct csv_row *row);

/* Return the index of the column named name in a header row, or -1.
 * Names compare without regard to case and surrounding spaces. */
long csv_column(const struct csv_row *header, const char *name);

/* Append value as one CSV field, quoted when it contains a comma, a quote,
 * a line break or leading/trailing spaces. NULL appends an empty field. */
void csv_write_field(struct strbuf *out, const char *value);

#endif
