/*
 * strbuf.h - growable byte buffers with a maximum size.
 *
 * Invariant: buf is always NUL-terminated, len excludes the terminator and
 * len < alloc once anything is added. A buffer with max > 0 never grows
 * past max bytes of content: an append that would do so returns -1 and
 * leaves the buffer as it was, which caps input sizes by construction.
 * strbuf_release frees the storage and leaves an empty buffer that may be
 * used again; strbuf_detach hands the storage to the caller.
 */
#ifndef LINEA311_STRBUF_H
#define LINEA311_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t max; /* 0: unbounded */
};

#define STRBUF_INIT { NULL, 0, 0, 0 }

void strbuf_init(struct strbuf *sb, size_t max);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_reset(struct strbuf *sb);

/* Each append returns 0, or -1 when max would be exceeded. */
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
int strbuf_adds(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, char c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Return the content, "" for a buffer that never grew. */
const char *strbuf_str(const struct strbuf *sb);

#endif
