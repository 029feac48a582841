/* test_outbox_mime.c - MIME encodings and whole messages of the outbox. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "domain/civil_time.h"
#include "outbox/mime.h"

#include <sodium.h>

static char *qp(const char *text)
{
	struct strbuf out = STRBUF_INIT;

	mime_quoted_printable(&out, text);
	return strbuf_detach(&out, NULL);
}

static void qp_encodes_accents_utf8(void **state)
{
	char *out = qp("Información, año y Peñuelas");

	(void)state;
	assert_string_equal(out, "Informaci=C3=B3n, a=C3=B1o y Pe=C3=B1uelas");
	free(out);
}

static void qp_line_breaks_crlf(void **state)
{
	char *out = qp("uno\ndos\r\ntres");

	(void)state;
	assert_string_equal(out, "uno\r\ndos\r\ntres");
	free(out);
}

static void qp_encodes_equals_and_trailing_space(void **state)
{
	char *out = qp("a=b \nfin\t");

	(void)state;
	assert_string_equal(out, "a=3Db=20\r\nfin=09");
	free(out);
}

static void qp_encodes_leading_dot(void **state)
{
	char *out = qp(".\n.oculto");

	(void)state;
	assert_string_equal(out, "=2E\r\n=2Eoculto");
	free(out);
}

static void qp_soft_breaks_long_lines(void **state)
{
	char text[301];
	char *out, *line;
	size_t lines = 0;

	(void)state;
	for (size_t i = 0; i < 300; i++)
		text[i] = i % 10 == 9 ? 'n' : 'x';
	text[300] = '\0';
	out = qp(text);
	for (line = out; line; lines++) {
		char *end = strstr(line, "\r\n");
		size_t len = end ? (size_t)(end - line) : strlen(line);

		assert_true(len <= 76);
		if (end)
			assert_int_equal(line[len - 1], '=');
		line = end ? end + 2 : NULL;
	}
	assert_true(lines >= 4);
	free(out);
}

static void qp_never_splits_escape(void **state)
{
	struct strbuf text = STRBUF_INIT;
	char *out;

	(void)state;
	for (int i = 0; i < 60; i++)
		strbuf_adds(&text, "ñ");
	out = qp(strbuf_str(&text));
	/* Each soft break follows a whole "=XX", never a cut one. */
	for (char *p = strstr(out, "=\r\n"); p; p = strstr(p + 3, "=\r\n"))
		assert_true(p - out >= 3 && p[-3] == '=');
	free(out);
	strbuf_release(&text);
}

static void base64_lines_of_76(void **state)
{
	unsigned char data[200];
	struct strbuf out = STRBUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)i;
	mime_base64(&out, data, sizeof(data));
	assert_int_equal(strlen(strbuf_str(&out)), 268 + 4 * 2);
	assert_memory_equal(out.buf, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4\r\n", 78);
	assert_string_equal(out.buf + out.len - 2, "\r\n");
	strbuf_release(&out);
}

static void header_plain_ascii_unchanged(void **state)
{
	struct strbuf out = STRBUF_INIT;

	(void)state;
	mime_header(&out, "Subject", "Service information");
	assert_string_equal(strbuf_str(&out), "Subject: Service information\r\n");
	strbuf_release(&out);
}

static void header_accents_encoded_words(void **state)
{
	struct strbuf out = STRBUF_INIT;

	(void)state;
	mime_header(&out, "Subject", "Información");
	assert_string_equal(strbuf_str(&out), "Subject: =?UTF-8?B?SW5mb3JtYWNpw7Nu?=\r\n");
	strbuf_release(&out);
}

/* Decode the encoded words of a header value back to UTF-8. */
static void decode_words(const char *value, char *out, size_t size)
{
	size_t n = 0;

	for (const char *p = strstr(value, "=?UTF-8?B?"); p; p = strstr(p, "=?UTF-8?B?")) {
		const char *start = p + 10, *end = strstr(start, "?=");
		size_t len;

		assert_non_null(end);
		assert_int_equal(sodium_base642bin((unsigned char *)out + n, size - n - 1,
						   start, (size_t)(end - start), NULL, &len, NULL,
						   sodium_base64_VARIANT_ORIGINAL), 0);
		n += len;
		p = end + 2;
	}
	out[n] = '\0';
}

static void header_long_subject_folds(void **state)
{
	const char *subject = "Información del servicio: Certificado de Antecedentes Penales "
			      "de la Policía de Puerto Rico para trámites en Mayagüez y Peñuelas";
	struct strbuf out = STRBUF_INIT;
	char decoded[400];
	const char *p;

	(void)state;
	mime_header(&out, "Subject", subject);
	for (p = out.buf; *p;) {
		const char *end = strstr(p, "\r\n");

		assert_true((size_t)(end - p) <= 76);
		p = end + 2;
		if (*p)
			assert_int_equal(*p, ' ');
	}
	decode_words(out.buf, decoded, sizeof(decoded));
	assert_string_equal(decoded, subject);
	strbuf_release(&out);
}

static void header_control_characters_encoded(void **state)
{
	struct strbuf out = STRBUF_INIT;

	(void)state;
	mime_header(&out, "Subject", "hola\r\nBcc: x@example.com");
	/* No raw line break: the value cannot add a header. */
	assert_null(strstr(out.buf, "\r\nBcc"));
	assert_int_equal(strstr(out.buf, "\r\n") - out.buf, (long)strlen(out.buf) - 2);
	strbuf_release(&out);
}

static void date_in_puerto_rico_time(void **state)
{
	char date[40];
	time_t t = 0;

	(void)state;
	assert_int_equal(civil_instant_parse("2026-12-07T21:55:00Z", "at", &t, NULL), RC_OK);
	mime_date(t, date);
	assert_string_equal(date, "Mon, 07 Dec 2026 17:55:00 -0400");
}

static void message_structure_with_attachment(void **state)
{
	const struct outbox_attachment pdf = { "servicio-1.pdf", "application/pdf", "%PDF-1.5 x", 10 };
	struct mime_message m = {
		.from_name = "Tu Línea 3-1-1",
		.from_address = "no-reply@311.example",
		.to_address = "ana@example.com",
		.subject = "Información del servicio",
		.message_id = "linea311.abc@311.example",
		.date = 1796680500,
		.lang = LANG_ES,
		.text = "Texto con acentos: ñ",
		.html = "<p>HTML</p>",
		.attachments = &pdf,
		.attachment_count = 1,
	};
	struct strbuf out = STRBUF_INIT;
	const char *mixed, *alt, *boundary;
	char delimiter[80];

	(void)state;
	mime_build(&out, &m);
	assert_non_null(strstr(out.buf, "From: =?UTF-8?B?"));
	assert_non_null(strstr(out.buf, "\r\n <no-reply@311.example>\r\n"));
	assert_non_null(strstr(out.buf, "To: <ana@example.com>\r\n"));
	assert_non_null(strstr(out.buf, "Message-ID: <linea311.abc@311.example>\r\n"));
	assert_non_null(strstr(out.buf, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(out.buf, "Content-Language: es\r\n"));
	assert_null(strstr(out.buf, "Auto-Submitted"));
	mixed = strstr(out.buf, "Content-Type: multipart/mixed;");
	alt = strstr(out.buf, "Content-Type: multipart/alternative;");
	assert_non_null(mixed);
	assert_non_null(alt);
	assert_true(mixed < alt);
	assert_true(strstr(out.buf, "Content-Type: text/plain; charset=UTF-8") <
		    strstr(out.buf, "Content-Type: text/html; charset=UTF-8"));
	assert_non_null(strstr(out.buf, "Texto con acentos: =C3=B1"));
	assert_non_null(strstr(out.buf, "Content-Disposition: attachment; filename=\"servicio-1.pdf\""));
	assert_non_null(strstr(out.buf, "JVBERi0xLjUgeA==\r\n"));

	/* The outer boundary closes the message. */
	boundary = strstr(mixed, "boundary=\"") + 10;
	snprintf(delimiter, sizeof(delimiter), "--%.*s--\r\n",
		 (int)(strchr(boundary, '"') - boundary), boundary);
	assert_string_equal(out.buf + out.len - strlen(delimiter), delimiter);
	for (size_t i = 0; i < out.len; i++)
		assert_true((unsigned char)out.buf[i] < 128);
	strbuf_release(&out);
}

static void message_text_only_notification(void **state)
{
	struct mime_message m = {
		.from_address = "no-reply@311.example",
		.to_address = "enlace@agencia.pr.gov",
		.subject = "Nuevo referido 311-2026-000123",
		.message_id = "id@311.example",
		.lang = LANG_EN,
		.auto_submitted = true,
		.text = "hola",
	};
	struct strbuf out = STRBUF_INIT;

	(void)state;
	mime_build(&out, &m);
	assert_non_null(strstr(out.buf, "From: <no-reply@311.example>\r\n"));
	assert_non_null(strstr(out.buf, "Auto-Submitted: auto-generated\r\n"));
	assert_non_null(strstr(out.buf, "Content-Language: en\r\n"));
	assert_null(strstr(out.buf, "multipart"));
	assert_non_null(strstr(out.buf, "Content-Type: text/plain; charset=UTF-8\r\n"));
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qp_encodes_accents_utf8),
		cmocka_unit_test(qp_line_breaks_crlf),
		cmocka_unit_test(qp_encodes_equals_and_trailing_space),
		cmocka_unit_test(qp_encodes_leading_dot),
		cmocka_unit_test(qp_soft_breaks_long_lines),
		cmocka_unit_test(qp_never_splits_escape),
		cmocka_unit_test(base64_lines_of_76),
		cmocka_unit_test(header_plain_ascii_unchanged),
		cmocka_unit_test(header_accents_encoded_words),
		cmocka_unit_test(header_long_subject_folds),
		cmocka_unit_test(header_control_characters_encoded),
		cmocka_unit_test(date_in_puerto_rico_time),
		cmocka_unit_test(message_structure_with_attachment),
		cmocka_unit_test(message_text_only_notification),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
