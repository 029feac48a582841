/* test_outbox_templates.c - message template rendering and checks. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "outbox/templates.h"

static const struct outbox_var vars[] = {
	{ "case_number", "311-2026-000123", NULL },
	{ "service_name", "Certificado <Negativo> & \"más\"", NULL },
	{ "resolution", "", NULL },
	{ "service_content", "línea 1\nlínea 2", "<ul><li>línea</li></ul>" },
};

static char *render(const char *tmpl, bool html, bool one_line)
{
	struct strbuf out = STRBUF_INIT;

	outbox_template_render(tmpl, vars, ARRAY_SIZE(vars), html, one_line, &out);
	return strbuf_detach(&out, NULL);
}

static void render_replaces_variables(void **state)
{
	char *out = render("Caso {{case_number}}: {{ service_name }}.", false, false);

	(void)state;
	assert_string_equal(out, "Caso 311-2026-000123: Certificado <Negativo> & \"más\".");
	free(out);
}

static void render_escapes_html(void **state)
{
	char *out = render("<p>{{service_name}}</p>", true, false);

	(void)state;
	assert_string_equal(out, "<p>Certificado &lt;Negativo&gt; &amp; &quot;más&quot;</p>");
	free(out);
}

static void render_uses_program_html(void **state)
{
	char *text = render("{{service_content}}", false, false);
	char *html = render("{{service_content}}", true, false);

	(void)state;
	assert_string_equal(text, "línea 1\nlínea 2");
	assert_string_equal(html, "<ul><li>línea</li></ul>");
	free(text);
	free(html);
}

static void render_subject_one_line(void **state)
{
	char *out = render("Asunto: {{service_content}}", false, true);

	(void)state;
	assert_string_equal(out, "Asunto: línea 1 línea 2");
	free(out);
}

static void render_sections_by_value(void **state)
{
	char *out = render("A{{#resolution}}[{{resolution}}]{{/resolution}}B"
			   "{{#case_number}}<{{case_number}}>{{/case_number}}C", false, false);

	(void)state;
	assert_string_equal(out, "AB<311-2026-000123>C");
	free(out);
}

static void render_nested_sections(void **state)
{
	char *out = render("{{#case_number}}x{{#resolution}}y{{/resolution}}z{{/case_number}}",
			   false, false);

	(void)state;
	assert_string_equal(out, "xz");
	free(out);
}

static void render_unknown_variable_empty(void **state)
{
	char *out = render("[{{missing}}]", false, false);

	(void)state;
	assert_string_equal(out, "[]");
	free(out);
}

static void defaults_pass_check(void **state)
{
	(void)state;
	for (const struct outbox_template_def *d = outbox_template_defs; d->key; d++) {
		for (int lang = LANG_ES; lang <= LANG_EN; lang++) {
			struct error err = { 0 };

			if (outbox_template_check(d, d->subject[lang], "subject", &err) ||
			    outbox_template_check(d, d->body_text[lang], "body_text", &err) ||
			    outbox_template_check(d, d->body_html[lang], "body_html", &err))
				fail_msg("%s/%d: %s", d->key, lang, err.message_en);
			assert_non_null(strchr(d->subject[lang], '{'));
			assert_null(strpbrk(d->subject[lang], "\r\n"));
		}
	}
	assert_non_null(outbox_template_find("service_info"));
	assert_non_null(outbox_template_find("sla_breached"));
	assert_null(outbox_template_find("nope"));
}

static void check_reports_errors(void **state)
{
	static const struct {
		const char *tmpl, *code, *fragment;
	} cases[] = {
		{ "Hola {{nombre}}", "unknown_variable", "nombre" },
		{ "Hola {{case_number", "invalid_template", "posición 6" },
		{ "{{#case_number}}sin cerrar", "invalid_template", "{{/case_number}}" },
		{ "{{/case_number}}", "invalid_template", "no cierra" },
		{ "{{#case_number}}{{/service_name}}", "invalid_template", "no cierra" },
		{ "{{case number}}", "invalid_template", "posición 1" },
		{ "{{}}", "invalid_template", "posición 1" },
	};
	const struct outbox_template_def *def = outbox_template_find("case_created");

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct error err = { 0 };

		if (outbox_template_check(def, cases[i].tmpl, "body_text", &err) != RC_INVALID)
			fail_msg("accepted %s", cases[i].tmpl);
		assert_string_equal(err.code, cases[i].code);
		assert_string_equal(err.field, "body_text");
		if (!strstr(err.message_es, cases[i].fragment))
			fail_msg("%s: message %s", cases[i].tmpl, err.message_es);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(render_replaces_variables),
		cmocka_unit_test(render_escapes_html),
		cmocka_unit_test(render_uses_program_html),
		cmocka_unit_test(render_subject_one_line),
		cmocka_unit_test(render_sections_by_value),
		cmocka_unit_test(render_nested_sections),
		cmocka_unit_test(render_unknown_variable_empty),
		cmocka_unit_test(defaults_pass_check),
		cmocka_unit_test(check_reports_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
