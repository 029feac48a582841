/*
 * embedded.h - files compiled into the binary: the store's migrations,
 * the web application and the bundled real content (see tools/embed.c).
 */
#ifndef LINEA311_EMBEDDED_H
#define LINEA311_EMBEDDED_H

struct embedded_file {
	const char *name; /* "migrations/0001_kb.sql", "web/index.html", ... */
	const unsigned char *data; /* followed by a NUL byte */
	unsigned long len;
};

/* Terminated by an entry whose name is NULL. */
extern const struct embedded_file embedded_files[];
extern const unsigned long embedded_files_count;

/* Return the file called name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
