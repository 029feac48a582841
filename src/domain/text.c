/* text.c - UTF-8 folding, tokenising and edit distance (see text.h). */
#include "core/common.h"
#include "domain/text.h"

size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t n;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2;
		c = u[0] & 0x1Fu;
		min = 0x80;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		c = u[0] & 0x0Fu;
		min = 0x800;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		c = u[0] & 0x07u;
		min = 0x10000;
	} else {
		goto invalid;
	}
	if (len < n)
		goto invalid;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto invalid;
		c = (c << 6) | (u[i] & 0x3Fu);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto invalid;
	*cp = c;
	return n;
invalid:
	*cp = 0xFFFD;
	return 1;
}

size_t text_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Base letters of U+00C0 to U+00FF. 'N' is n with the ñ mark, '*' an
 * uppercase letter without a base letter (lowercased by adding 0x20), '-' a
 * lowercase one kept as it is, 'x' the signs × and ÷.
 */
static const char latin1_fold[64] = "aaaaaa*ceeeeiiii"
				    "*Noooooxouuuuy*-"
				    "aaaaaa-ceeeeiiii"
				    "-Noooooxouuuuy-y";

/* Base letters of U+0100 to U+017F; '*' marks the ligatures Ĳ ĳ Œ œ,
 * which are only lowercased. */
static const char latin_ext_a_fold[128] =
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkk"
	"llllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuu"
	"wwyyyzzzzzzs";

uint32_t text_fold_codepoint(uint32_t cp, bool *enye)
{
	*enye = false;
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	if (cp >= 0xC0 && cp <= 0xFF) {
		char b = latin1_fold[cp - 0xC0];

		if (b == 'N') {
			*enye = true;
			return 'n';
		}
		if (b == '*')
			return cp + 0x20;
		if (b == '-' || b == 'x')
			return cp;
		return (uint32_t)b;
	}
	if (cp >= 0x100 && cp <= 0x17F) {
		char b = latin_ext_a_fold[cp - 0x100];

		if (b == '*')
			return (cp == 0x132 || cp == 0x152) ? cp + 1 : cp;
		return (uint32_t)b;
	}
	if (cp >= 0x300 && cp <= 0x36F)
		return 0;
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
		return cp + 0x20; /* Greek capitals */
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 0x20; /* Cyrillic capitals */
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	return cp;
}

bool text_is_word_codepoint(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return false;
	if (cp >= 0x2000 && cp <= 0x2BFF)
		return false; /* punctuation, currency, arrows, symbols */
	if (cp >= 0x3000 && cp <= 0x303F)
		return false; /* CJK punctuation */
	if (cp >= 0xD800 && cp <= 0xF8FF)
		return false; /* surrogates, private use */
	if (cp >= 0xFE00 && cp <= 0xFE0F)
		return false; /* variation selectors */
	if (cp >= 0xFEFF && cp <= 0xFFFF)
		return false; /* byte order mark, specials, U+FFFD */
	return cp < 0x1F000; /* emoji and other pictographs separate words */
}

static bool is_upper_codepoint(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;
	if (cp >= 0x100 && cp <= 0x17F) {
		bool enye;

		bool odd_upper = (cp >= 0x139 && cp <= 0x148) ||
				 (cp >= 0x179 && cp <= 0x17E);

		/* Case pairs alternate; in two runs the capital is odd. */
		return text_fold_codepoint(cp, &enye) != cp &&
		       cp % 2 == (odd_upper ? 1u : 0u);
	}
	return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

static bool is_letter_codepoint(uint32_t cp)
{
	return text_is_word_codepoint(cp) && !(cp >= '0' && cp <= '9') &&
	       !(cp >= 0x300 && cp <= 0x36F);
}

size_t text_fold(const char *s, size_t len, char *out, size_t out_size)
{
	size_t pos = 0, n = 0;
	bool pending_space = false;

	if (out_size == 0)
		return 0;
	while (pos < len) {
		uint32_t cp, f;
		bool enye;
		char enc[4];
		size_t k;

		pos += text_utf8_decode(s + pos, len - pos, &cp);
		if (!text_is_word_codepoint(cp)) {
			pending_space = n > 0;
			continue;
		}
		f = text_fold_codepoint(cp, &enye);
		if (f == 0)
			continue;
		k = text_utf8_encode(f, enc);
		if (n + (pending_space ? 1 : 0) + k >= out_size)
			break;
		if (pending_space)
			out[n++] = ' ';
		pending_space = false;
		memcpy(out + n, enc, k);
		n += k;
	}
	out[n] = '\0';
	return n;
}

void text_tokenizer_init(struct text_tokenizer *tz, const char *s, size_t len)
{
	tz->s = s;
	tz->len = len;
	tz->pos = 0;
}

static uint32_t peek(const struct text_tokenizer *tz, size_t pos, size_t *used)
{
	uint32_t cp;

	if (pos >= tz->len) {
		*used = 0;
		return 0;
	}
	*used = text_utf8_decode(tz->s + pos, tz->len - pos, &cp);
	return cp;
}

static void token_append(struct text_token *tok, uint32_t folded)
{
	char enc[4];
	size_t k = text_utf8_encode(folded, enc);

	if (tok->len + k > TEXT_WORD_MAX)
		return;
	memcpy(tok->word + tok->len, enc, k);
	tok->len += k;
	tok->word[tok->len] = '\0';
	tok->chars++;
}

static bool is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

/* After a one-digit word, take further "-D" groups of one digit each
 * ("3-1-1"), as long as each group ends the word. */
static void join_digit_groups(struct text_tokenizer *tz, struct text_token *tok)
{
	for (;;) {
		size_t p = tok->end, u1, u2, u3;
		uint32_t dash = peek(tz, p, &u1);
		uint32_t digit = peek(tz, p + u1, &u2);
		uint32_t after = peek(tz, p + u1 + u2, &u3);

		if (dash != '-' || !(digit >= '0' && digit <= '9'))
			return;
		if (u3 > 0 && text_is_word_codepoint(after))
			return;
		token_append(tok, digit);
		tok->end = p + u1 + u2;
	}
}

bool text_next_token(struct text_tokenizer *tz, struct text_token *tok)
{
	size_t used, letters = 0, uppers = 0;
	uint32_t cp, prev = 0;

	for (;;) {
		cp = peek(tz, tz->pos, &used);
		if (used == 0)
			return false;
		if (text_is_word_codepoint(cp) && !(cp >= 0x300 && cp <= 0x36F))
			break;
		tz->pos += used;
	}
	tok->start = tz->pos;
	tok->word[0] = '\0';
	tok->len = 0;
	tok->chars = 0;
	tok->enye = false;
	tok->has_digit = false;
	for (;;) {
		unsigned char byte;

		if (tz->pos >= tz->len)
			break;
		byte = (unsigned char)tz->s[tz->pos];
		if (byte < 0x80 && byte != '\'') {
			/* ASCII fast path: the same steps without decoding. */
			bool lower = byte >= 'a' && byte <= 'z';
			bool upper = byte >= 'A' && byte <= 'Z';
			bool digit = byte >= '0' && byte <= '9';

			if (!lower && !upper && !digit)
				break;
			tz->pos++;
			if (tok->len < TEXT_WORD_MAX) {
				tok->word[tok->len++] = (char)(upper ? byte + 32 : byte);
				tok->word[tok->len] = '\0';
				tok->chars++;
			}
			letters += !digit;
			uppers += upper;
			tok->has_digit = tok->has_digit || digit;
			prev = byte;
			continue;
		}
		cp = peek(tz, tz->pos, &used);
		if (is_apostrophe(cp) && is_letter_codepoint(prev)) {
			size_t u2;
			uint32_t next = peek(tz, tz->pos + used, &u2);

			if (u2 > 0 && is_letter_codepoint(next)) {
				tz->pos += used;
				continue;
			}
			break;
		}
		if (!text_is_word_codepoint(cp))
			break;
		tz->pos += used;
		if (cp >= 0x300 && cp <= 0x36F) {
			/* A combining tilde after n spells ñ. */
			if (cp == 0x303 && (prev == 'n' || prev == 'N'))
				tok->enye = true;
			continue;
		}
		if (is_letter_codepoint(cp)) {
			bool enye;
			uint32_t f = text_fold_codepoint(cp, &enye);

			letters++;
			if (is_upper_codepoint(cp))
				uppers++;
			tok->enye = tok->enye || enye;
			token_append(tok, f);
		} else {
			tok->has_digit = true;
			token_append(tok, cp);
		}
		prev = cp;
	}
	tok->end = tz->pos;
	if (tok->chars == 1 && tok->has_digit) {
		join_digit_groups(tz, tok);
		tz->pos = tok->end;
	}
	tok->all_upper = letters >= 2 && uppers == letters;
	return true;
}

/* Decode at most TEXT_WORD_MAX + 1 code points of s into out. */
static size_t decode_word(const char *s, size_t len, uint32_t *out)
{
	size_t n = 0, pos = 0;

	while (pos < len && n < TEXT_WORD_MAX + 1)
		pos += text_utf8_decode(s + pos, len - pos, &out[n++]);
	return n;
}

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;

	return m < c ? m : c;
}

/*
 * Fill the optimal-string-alignment matrix of a against b row by row and
 * return the distance (prefix = false) or the smallest distance to any
 * prefix of b (prefix = true), stopping with max + 1 once a whole row is
 * above max.
 */
static int osa(const uint32_t *a, size_t la, const uint32_t *b, size_t lb,
	       int max, bool prefix)
{
	int d[TEXT_WORD_MAX + 2][TEXT_WORD_MAX + 2];
	int best;

	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int row_min;

		d[i][0] = (int)i;
		row_min = d[i][0];
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int v = min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
				     d[i - 1][j - 1] + cost);

			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > max)
			return max + 1;
	}
	if (!prefix)
		best = d[la][lb];
	else {
		best = d[la][0];
		for (size_t j = 1; j <= lb; j++)
			if (d[la][j] < best)
				best = d[la][j];
	}
	return best > max ? max + 1 : best;
}

int text_distance(const char *a, size_t alen, const char *b, size_t blen,
		  int max)
{
	uint32_t ua[TEXT_WORD_MAX + 1], ub[TEXT_WORD_MAX + 1];
	size_t la = decode_word(a, alen, ua), lb = decode_word(b, blen, ub);
	long diff = (long)la - (long)lb;

	if (la > TEXT_WORD_MAX)
		la = TEXT_WORD_MAX;
	if (lb > TEXT_WORD_MAX)
		lb = TEXT_WORD_MAX;
	if (diff > max || -diff > max)
		return max + 1;
	return osa(ua, la, ub, lb, max, false);
}

int text_prefix_distance(const char *a, size_t alen, const char *b,
			 size_t blen, int max)
{
	uint32_t ua[TEXT_WORD_MAX + 1], ub[TEXT_WORD_MAX + 1];
	size_t la = decode_word(a, alen, ua), lb = decode_word(b, blen, ub);

	if (la > TEXT_WORD_MAX)
		la = TEXT_WORD_MAX;
	if (lb > la + (size_t)max)
		lb = la + (size_t)max; /* longer prefixes cannot be closer */
	return osa(ua, la, ub, lb, max, true);
}
