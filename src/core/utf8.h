/* utf8.h - UTF-8 validation. */
#ifndef LINEA311_UTF8_H
#define LINEA311_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Return true when s[0..len) is valid UTF-8: shortest forms only, no
 * surrogates, nothing above U+10FFFF, and no NUL byte. Otherwise store the
 * offset of the first bad byte in *bad (when bad is not NULL).
 */
bool utf8_valid(const char *s, size_t len, size_t *bad);

/* Replace, in place, every byte of s that starts no valid UTF-8 sequence
 * with '?', so that text quoting user input can be sent as JSON. */
void utf8_sanitize(char *s);

#endif
