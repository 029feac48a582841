/* municipio.c - the municipios of Puerto Rico (see municipio.h). */
#include "core/common.h"
#include "core/embedded.h"
#include "domain/municipio.h"

#include <ctype.h>
#include <pthread.h>

#define MAX_MUNICIPIOS 100

static char *names[MAX_MUNICIPIOS];
static size_t count;
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void load(void)
{
	const struct embedded_file *f = embedded_find("bundled/municipios-pr.txt");
	const char *p, *end;

	BUG_ON(!f);
	p = (const char *)f->data;
	end = p + f->len;
	while (p < end && count < MAX_MUNICIPIOS) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;

		while (e > p && (e[-1] == '\r' || e[-1] == ' '))
			e--;
		if (e > p)
			names[count++] = xstrndup(p, (size_t)(e - p));
		p = nl ? nl + 1 : end;
	}
}

/* Fold one UTF-8 character of Latin-1 Supplement letters to ASCII
 * lowercase; returns the number of bytes consumed. */
static size_t fold_char(const char *s, char *out)
{
	unsigned char c = (unsigned char)s[0];

	if (c < 0x80) {
		*out = (char)tolower(c);
		return 1;
	}
	if (c == 0xC3 && s[1]) {
		static const char map[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
		unsigned char d = (unsigned char)s[1];

		if (d >= 0x80 && d <= 0x9F)
			*out = map[d - 0x80];
		else if (d >= 0xA0 && d <= 0xBF)
			*out = map[d - 0xA0];
		else
			*out = '?';
		return 2;
	}
	*out = '?';
	return 1;
}

static bool equal_folded(const char *a, const char *b)
{
	while (*a && *b) {
		char ca, cb;

		a += fold_char(a, &ca);
		b += fold_char(b, &cb);
		if (ca != cb)
			return false;
	}
	return !*a && !*b;
}

const char *municipio_canonical(const char *name)
{
	pthread_once(&loaded, load);
	for (size_t i = 0; i < count; i++)
		if (!strcmp(names[i], name))
			return names[i];
	for (size_t i = 0; i < count; i++)
		if (equal_folded(names[i], name))
			return names[i];
	return NULL;
}

size_t municipio_count(void)
{
	pthread_once(&loaded, load);
	return count;
}

const char *municipio_name(size_t i)
{
	pthread_once(&loaded, load);
	return i < count ? names[i] : NULL;
}
