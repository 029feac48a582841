/* alloc.c - allocation wrappers that abort on failure (see alloc.h). */
#include "core/common.h"

static _Noreturn void die_oom(size_t size)
{
	fprintf(stderr, "linea311: fatal: out of memory allocating %zu bytes\n", size);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die_oom(size);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		die_oom(count * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		die_oom(size);
	return p;
}

char *xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

_Noreturn void bug_fail(const char *file, int line, const char *cond)
{
	fprintf(stderr, "linea311: BUG: %s:%d: %s\n", file, line, cond);
	abort();
}
