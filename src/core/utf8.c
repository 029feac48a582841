/* utf8.c - UTF-8 validation (see utf8.h). */
#include "core/common.h"
#include "core/utf8.h"

bool utf8_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t n;
		uint32_t cp;

		if (c == 0)
			goto invalid;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			goto invalid;
		}
		if (i + n >= len)
			goto invalid;
		for (size_t k = 1; k <= n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				goto invalid;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto invalid;
		i += n + 1;
	}
	return true;
invalid:
	if (bad)
		*bad = i;
	return false;
}

void utf8_sanitize(char *s)
{
	size_t len = strlen(s), bad;

	while (!utf8_valid(s, len, &bad)) {
		s[bad] = '?';
		s += bad + 1;
		len -= bad + 1;
	}
}
