/*
 * alloc.h - the allocation wrappers that all linea311 code calls.
 *
 * Out-of-memory policy: an allocation that fails logs one line to stderr
 * and aborts the process. A server that cannot allocate a few bytes cannot
 * answer the request or log it reliably either, and every write is a
 * committed SQLite transaction, so an abort loses no saved data. Callers
 * therefore never check these functions for NULL.
 */
#ifndef LINEA311_ALLOC_H
#define LINEA311_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

#endif
