/*
 * text.h - UTF-8 text normalisation for search.
 *
 * Search compares words in a folded form: lowercase, accents removed, so
 * that "LICÉNCIA" and "licencia" or "Mayagüez" and "mayaguez" are the same
 * word. The letter ñ folds to n as well, but every folded word remembers
 * whether it had an ñ, so that ranking can prefer "año" over "ano" when the
 * query has ñ. Folding maps one code point to at most one code point: ß,
 * æ, œ and letters outside Latin, Greek and Cyrillic are only lowercased
 * where a simple case pair exists.
 *
 * Everything here is pure: no I/O, no global state, no locale.
 */
#ifndef LINEA311_TEXT_H
#define LINEA311_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Maximum bytes of one folded word, terminator excluded. Longer words are
 * cut at a code point boundary; the cut word still matches itself. */
#define TEXT_WORD_MAX 63

/*
 * Decode the code point at s[0..len) (len > 0) into *cp and return the
 * number of bytes it used. A byte sequence that is not valid UTF-8
 * (overlong, surrogate, truncated, above U+10FFFF) decodes as U+FFFD and
 * uses one byte, so a decoder loop always advances.
 */
size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode cp as UTF-8 into out and return the byte count (1 to 4). */
size_t text_utf8_encode(uint32_t cp, char out[4]);

/*
 * Return cp lowercased and without its accent ('É' -> 'e', 'ü' -> 'u',
 * 'Ñ' -> 'n'), and set *enye when cp is ñ or Ñ. Combining marks
 * (U+0300 to U+036F) return 0: the caller drops them.
 */
uint32_t text_fold_codepoint(uint32_t cp, bool *enye);

/* Return true for a code point that belongs to a word: letters, digits and
 * combining marks. Punctuation, spaces and symbols separate words. */
bool text_is_word_codepoint(uint32_t cp);

/*
 * Fold the whole string s (len bytes) into out: each word folded, runs of
 * other characters replaced by one space, no leading or trailing space.
 * Returns the folded length; out is always NUL-terminated and holds at
 * most out_size - 1 bytes. Used for exact comparisons of names such as
 * municipios ("Mayagüez" == "MAYAGUEZ").
 */
size_t text_fold(const char *s, size_t len, char *out, size_t out_size);

struct text_token {
	size_t start; /* byte offset of the word in the source */
	size_t end; /* byte offset one past the word */
	char word[TEXT_WORD_MAX + 1]; /* folded, NUL-terminated */
	size_t len; /* bytes in word */
	size_t chars; /* code points in word */
	bool enye; /* the source word had ñ or Ñ */
	bool has_digit;
	bool all_upper; /* two or more letters, all uppercase in the source */
};

struct text_tokenizer {
	const char *s;
	size_t len;
	size_t pos;
};

void text_tokenizer_init(struct text_tokenizer *tz, const char *s, size_t len);

/*
 * Store the next word of the text in *tok and return true, or return false
 * at the end. A word is a run of letters and digits. An apostrophe between
 * letters is dropped and the word goes on ("driver's" -> "drivers"). Single
 * digits joined by hyphens form one word without the hyphens ("3-1-1" ->
 * "311", so "311" and "3-1-1" find each other); other hyphens separate
 * words ("26-2017" -> "26", "2017").
 */
bool text_next_token(struct text_tokenizer *tz, struct text_token *tok);

/*
 * Return the Damerau-Levenshtein distance (optimal string alignment:
 * insertions, deletions, substitutions and transpositions of adjacent
 * code points) between the UTF-8 words a and b, or max + 1 as soon as the
 * distance is known to exceed max. Words longer than TEXT_WORD_MAX bytes
 * are compared on their first TEXT_WORD_MAX code points.
 */
int text_distance(const char *a, size_t alen, const char *b, size_t blen,
		  int max);

/*
 * Return the smallest distance, as text_distance counts it, between a and
 * any prefix of b, or max + 1 when that exceeds max. "pena" is 1 from
 * "penuelas" because "penu" is one substitution away.
 */
int text_prefix_distance(const char *a, size_t alen, const char *b,
			 size_t blen, int max);

#endif
