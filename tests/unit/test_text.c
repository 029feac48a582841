/* Tests for domain/text.c: UTF-8 folding, tokenising and edit distance. */
#include "core/common.h"
#include "domain/text.h"

#include <setjmp.h>
#include <cmocka.h>

/* Tokenise s and return the folded words joined by '|'. */
static const char *words_of(const char *s)
{
	static char out[1024];
	struct text_tokenizer tz;
	struct text_token tok;
	size_t n = 0;

	out[0] = '\0';
	text_tokenizer_init(&tz, s, strlen(s));
	while (text_next_token(&tz, &tok)) {
		int k = snprintf(out + n, sizeof(out) - n, "%s%s", n ? "|" : "",
				 tok.word);

		assert_true(k > 0 && (size_t)k < sizeof(out) - n);
		n += (size_t)k;
	}
	return out;
}

static const char *fold(const char *s)
{
	static char out[256];

	text_fold(s, strlen(s), out, sizeof(out));
	return out;
}

static void test_decode_valid_sequences(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(text_utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(text_utf8_decode("ñ", 2, &cp), 2);
	assert_int_equal(cp, 0xF1);
	assert_int_equal(text_utf8_decode("€", 3, &cp), 3);
	assert_int_equal(cp, 0x20AC);
	assert_int_equal(text_utf8_decode("😀", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
}

static void test_decode_invalid_bytes(void **state)
{
	uint32_t cp;

	(void)state;
	/* Overlong '/', lone continuation, truncated sequence, surrogate. */
	assert_int_equal(text_utf8_decode("\xC0\xAF", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(text_utf8_decode("\x80", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(text_utf8_decode("\xC3", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(text_utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(text_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
}

static void test_encode_round_trip(void **state)
{
	const uint32_t cps[] = { 'a', 0xE9, 0x20AC, 0x1F600, 0x10FFFF };

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cps); i++) {
		char buf[4];
		uint32_t back;
		size_t n = text_utf8_encode(cps[i], buf);

		assert_int_equal(text_utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

static void test_fold_case_and_accents(void **state)
{
	(void)state;
	assert_string_equal(fold("LICÉNCIA"), "licencia");
	assert_string_equal(fold("Mayagüez"), "mayaguez");
	assert_string_equal(fold("PEÑUELAS"), "penuelas");
	assert_string_equal(fold("Añasco"), "anasco");
	assert_string_equal(fold("ÀÁÂÃÄÅ çÇ ÈÉÊË ÌÍÎÏ ÒÓÔÕÖØ ÙÚÛÜ Ýÿ"),
			    "aaaaaa cc eeee iiii oooooo uuuu yy");
	assert_string_equal(fold("Łódź Škoda"), "lodz skoda");
	assert_string_equal(fold("ΑΘΗΝΑ МОСКВА"), "αθηνα москва");
}

static void test_fold_punctuation_spaces(void **state)
{
	(void)state;
	assert_string_equal(fold("  ¿Qué   es?  "), "que es");
	assert_string_equal(fold("Tu Línea: 3-1-1."), "tu linea 3 1 1");
	assert_string_equal(fold(""), "");
}

static void test_fold_truncates_safely(void **state)
{
	char out[6];

	(void)state;
	/* A buffer of 6 bytes keeps 5 and the terminator. */
	assert_int_equal(text_fold("abcdefgh", 8, out, sizeof(out)), 5);
	assert_string_equal(out, "abcde");
	assert_int_equal(text_fold("x", 1, out, 0), 0);
}

static void test_fold_codepoint_enye(void **state)
{
	bool enye;

	(void)state;
	assert_int_equal(text_fold_codepoint(0xF1, &enye), 'n');
	assert_true(enye);
	assert_int_equal(text_fold_codepoint(0xD1, &enye), 'n');
	assert_true(enye);
	assert_int_equal(text_fold_codepoint('n', &enye), 'n');
	assert_false(enye);
	assert_int_equal(text_fold_codepoint(0x144, &enye), 'n'); /* ń */
	assert_false(enye);
	assert_int_equal(text_fold_codepoint(0x301, &enye), 0); /* combining */
}

static void test_tokens_words_and_digits(void **state)
{
	(void)state;
	assert_string_equal(words_of("Certificado de Nacimiento (RD), 2024."),
			    "certificado|de|nacimiento|rd|2024");
	assert_string_equal(words_of("SLA1 y NSE911"), "sla1|y|nse911");
	assert_string_equal(words_of("¿Dónde está?—¡Aquí!"),
			    "donde|esta|aqui");
	assert_string_equal(words_of("correo@311.example"),
			    "correo|311|example");
	assert_string_equal(words_of(""), "");
	assert_string_equal(words_of(" \t\n ... "), "");
}

static void test_tokens_hyphenated_digits(void **state)
{
	(void)state;
	assert_string_equal(words_of("Tu Línea 3-1-1 y el 9-1-1"),
			    "tu|linea|311|y|el|911");
	assert_string_equal(words_of("311"), "311");
	assert_string_equal(words_of("Ley 26-2017"), "ley|26|2017");
	assert_string_equal(words_of("(787) 555-0100"), "787|555|0100");
	assert_string_equal(words_of("3-1-1a"), "31|1a");
	assert_string_equal(words_of("3-"), "3");
}

static void test_tokens_apostrophes(void **state)
{
	(void)state;
	assert_string_equal(words_of("driver's license"), "drivers|license");
	assert_string_equal(words_of("driver’s"), "drivers");
	assert_string_equal(words_of("'hola' rock'"), "hola|rock");
}

static void test_token_offsets_and_flags(void **state)
{
	const char *s = "La PEÑA de Añasco, DTOP";
	struct text_tokenizer tz;
	struct text_token tok;

	(void)state;
	text_tokenizer_init(&tz, s, strlen(s));
	assert_true(text_next_token(&tz, &tok));
	assert_string_equal(tok.word, "la");
	assert_false(tok.all_upper);
	assert_true(text_next_token(&tz, &tok));
	assert_string_equal(tok.word, "pena");
	assert_true(tok.enye);
	assert_true(tok.all_upper);
	assert_int_equal(tok.start, 3);
	assert_int_equal(tok.end, 8); /* "PEÑA" is 5 bytes */
	assert_int_equal(tok.chars, 4);
	assert_true(text_next_token(&tz, &tok));
	assert_false(tok.enye);
	assert_true(text_next_token(&tz, &tok));
	assert_string_equal(tok.word, "anasco");
	assert_true(tok.enye);
	assert_false(tok.all_upper);
	assert_true(text_next_token(&tz, &tok));
	assert_string_equal(tok.word, "dtop");
	assert_true(tok.all_upper);
	assert_false(tok.has_digit);
	assert_false(text_next_token(&tz, &tok));
}

static void test_tokens_combining_marks(void **state)
{
	/* Decomposed "Peña" and "José": n + U+0303, e + U+0301. */
	const char *s = "Pen\xCC\x83" "a Jose\xCC\x81";
	struct text_tokenizer tz;
	struct text_token tok;

	(void)state;
	text_tokenizer_init(&tz, s, strlen(s));
	assert_true(text_next_token(&tz, &tok));
	assert_string_equal(tok.word, "pena");
	assert_true(tok.enye);
	assert_true(text_next_token(&tz, &tok));
	assert_string_equal(tok.word, "jose");
	assert_false(tok.enye);
}

static void test_tokens_invalid_utf8(void **state)
{
	(void)state;
	assert_string_equal(words_of("ab\xFF" "cd \xC3"), "ab|cd");
}

static void test_tokens_long_word_cut(void **state)
{
	char s[200];
	struct text_tokenizer tz;
	struct text_token tok;

	(void)state;
	memset(s, 'a', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	text_tokenizer_init(&tz, s, strlen(s));
	assert_true(text_next_token(&tz, &tok));
	assert_int_equal(tok.len, TEXT_WORD_MAX);
	assert_int_equal(tok.end, sizeof(s) - 1);
	assert_false(text_next_token(&tz, &tok));
}

static int dist(const char *a, const char *b, int max)
{
	return text_distance(a, strlen(a), b, strlen(b), max);
}

static void test_distance_edits(void **state)
{
	(void)state;
	assert_int_equal(dist("licencia", "licencia", 2), 0);
	assert_int_equal(dist("lisencia", "licencia", 2), 1); /* substitution */
	assert_int_equal(dist("licenca", "licencia", 2), 1); /* deletion */
	assert_int_equal(dist("liccencia", "licencia", 2), 1); /* insertion */
	assert_int_equal(dist("licnecia", "licencia", 2), 1); /* transposition */
	assert_int_equal(dist("lisensia", "licencia", 2), 2);
	assert_int_equal(dist("", "abc", 3), 3);
	assert_int_equal(dist("abc", "", 3), 3);
}

static void test_distance_cut_off(void **state)
{
	(void)state;
	assert_int_equal(dist("certificado", "pasaporte", 2), 3);
	assert_int_equal(dist("abc", "abcdef", 1), 2); /* length gap alone */
	assert_int_equal(dist("kitten", "sitting", 2), 3);
	assert_int_equal(dist("kitten", "sitting", 3), 3);
}

static void test_distance_counts_code_points(void **state)
{
	(void)state;
	/* ñ against n is one substitution, not two byte edits. */
	assert_int_equal(dist("año", "ano", 2), 1);
	assert_int_equal(dist("αβγ", "αγβ", 2), 1);
}

static void test_prefix_distance(void **state)
{
	(void)state;
	assert_int_equal(text_prefix_distance("pena", 4, "penuelas", 8, 1), 1);
	assert_int_equal(text_prefix_distance("penu", 4, "penuelas", 8, 1), 0);
	assert_int_equal(text_prefix_distance("cert", 4, "certificado", 11, 1), 0);
	assert_int_equal(text_prefix_distance("crt", 3, "certificado", 11, 1), 1);
	assert_int_equal(text_prefix_distance("xyz", 3, "certificado", 11, 1), 2);
	assert_int_equal(text_prefix_distance("certificdo", 10, "certificado", 11,
					      2),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid_sequences),
		cmocka_unit_test(test_decode_invalid_bytes),
		cmocka_unit_test(test_encode_round_trip),
		cmocka_unit_test(test_fold_case_and_accents),
		cmocka_unit_test(test_fold_punctuation_spaces),
		cmocka_unit_test(test_fold_truncates_safely),
		cmocka_unit_test(test_fold_codepoint_enye),
		cmocka_unit_test(test_tokens_words_and_digits),
		cmocka_unit_test(test_tokens_hyphenated_digits),
		cmocka_unit_test(test_tokens_apostrophes),
		cmocka_unit_test(test_token_offsets_and_flags),
		cmocka_unit_test(test_tokens_combining_marks),
		cmocka_unit_test(test_tokens_invalid_utf8),
		cmocka_unit_test(test_tokens_long_word_cut),
		cmocka_unit_test(test_distance_edits),
		cmocka_unit_test(test_distance_cut_off),
		cmocka_unit_test(test_distance_counts_code_points),
		cmocka_unit_test(test_prefix_distance),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
