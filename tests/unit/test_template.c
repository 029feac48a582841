/* Tests for domain/template.c: section list, syntax checks, validation. */
#include "core/common.h"
#include "core/utf8.h"
#include "domain/template.h"
#include "domain/validate.h"

#include <setjmp.h>
#include <cmocka.h>

/* A valid template with one entry in every list. */
static const char valid_template[] =
	"{"
	" \"description\": {\"es\": \"Descripción.\", \"en\": \"Description.\"},"
	" \"audience\": {\"es\": \"- Agencias\", \"en\": null},"
	" \"considerations\": {\"es\": null, \"en\": null},"
	" \"location_hours\": {\"es\": \"Lugar: Oficina\", \"en\": null},"
	" \"cost_payment\": {\"es\": \"Gratis.\", \"en\": null},"
	" \"requirements\": {\"es\": \"1. Uno.\", \"en\": null},"
	" \"faq\": [{\"question\": {\"es\": \"¿Qué?\", \"en\": null},"
	"           \"answer\": {\"es\": \"Esto.\", \"en\": null}},"
	"          {\"question\": {\"es\": \"¿Cuándo?\", \"en\": \"When?\"},"
	"           \"answer\": {\"es\": \"Hoy.\", \"en\": \"Today.\"}},"
	"          {\"question\": {\"es\": \"¿Dónde?\", \"en\": null},"
	"           \"answer\": {\"es\": \"Aquí.\", \"en\": null}}],"
	" \"related_links\": [{\"kind\": \"document\","
	"                     \"title\": {\"es\": \"Guía\", \"en\": null},"
	"                     \"url\": null},"
	"                    {\"kind\": \"web\","
	"                     \"title\": {\"es\": \"Portal\", \"en\": null},"
	"                     \"url\": \"https://www.pr.gov\"}],"
	" \"social_media\": [{\"network\": \"Facebook\", \"account\": \"911PR\","
	"                    \"url\": null}],"
	" \"location\": {\"place\": \"Oficina\", \"directory\": null,"
	"              \"hours\": \"Lunes a viernes\", \"contact\": null,"
	"              \"phone\": \"(787) 555-0100 Ext. 3001\","
	"              \"fax\": \"(787) 555-0161\","
	"              \"email\": \"operaciones@311.example\"},"
	" \"disclaimer\": {\"es\": \"Informativo.\", \"en\": null}"
	"}";

static json_t *load_valid(void)
{
	json_error_t jerr;
	json_t *tmpl = json_loads(valid_template, 0, &jerr);

	if (!tmpl)
		fail_msg("valid_template line %d: %s", jerr.line, jerr.text);
	return tmpl;
}

/* Look up a member by a dotted path with [n] indices, as err->field
 * spells it without the "template." prefix. */
static json_t *lookup(json_t *root, const char *path)
{
	char buf[128];
	char *save = NULL, *part;
	json_t *node = root;

	snprintf(buf, sizeof(buf), "%s", path);
	for (part = strtok_r(buf, ".", &save); part && node;
	     part = strtok_r(NULL, ".", &save)) {
		char *bracket = strchr(part, '[');

		if (bracket) {
			*bracket = '\0';
			node = json_object_get(node, part);
			node = json_array_get(node, strtoul(bracket + 1, NULL, 10));
		} else {
			node = json_object_get(node, part);
		}
	}
	return node;
}

/* Return the parent object of path and the last key in *key. */
static json_t *parent_of(json_t *root, const char *path, const char **key)
{
	static char parent[128];
	char *dot;

	snprintf(parent, sizeof(parent), "%s", path);
	dot = strrchr(parent, '.');
	if (!dot) {
		*key = path;
		return root;
	}
	*dot = '\0';
	*key = path + (dot - parent) + 1;
	return lookup(root, parent);
}

/* Set the member at path of a valid template to value (stolen), then
 * check that validation fails on expected_field with expected_code. */
static void check_rejected(const char *path, json_t *value,
			   const char *expected_field, const char *expected_code)
{
	json_t *tmpl = load_valid();
	const char *key;
	json_t *parent = parent_of(tmpl, path, &key);
	struct error err = { 0 };

	if (!parent)
		fail_msg("no parent for %s", path);
	if (json_is_array(parent))
		fail_msg("parent of %s is an array", path);
	if (value)
		json_object_set_new(parent, key, value);
	else
		json_object_del(parent, key);

	if (template_validate(tmpl, &err) != RC_INVALID)
		fail_msg("%s was accepted", path);
	assert_int_equal(err.rc, RC_INVALID);
	assert_string_equal(err.field, expected_field);
	assert_string_equal(err.code, expected_code);
	assert_non_null(strstr(err.message_es, expected_field));
	assert_non_null(strstr(err.message_en, expected_field));
	json_decref(tmpl);
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */
/* ------------------------------------------------------------------ */

static void test_sections_order_and_titles(void **state)
{
	static const char *const keys[] = {
		"description", "audience", "considerations", "location_hours",
		"cost_payment", "requirements", "faq", "related_links",
		"social_media",
	};

	(void)state;
	assert_int_equal(TEMPLATE_SECTION_COUNT, ARRAY_SIZE(keys));
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		assert_int_equal(template_sections[i].id, i);
		assert_string_equal(template_sections[i].key, keys[i]);
		assert_ptr_equal(template_section_find(keys[i]), &template_sections[i]);
		assert_true(template_sections[i].title_es[0] != '\0');
		assert_true(template_sections[i].title_en[0] != '\0');
	}
	assert_string_equal(template_sections[TEMPLATE_COST_PAYMENT].title_es,
			    "Costo del Servicio y Métodos de Pago");
	assert_int_equal(template_sections[TEMPLATE_FAQ].kind, TEMPLATE_KIND_FAQ);
	assert_int_equal(template_sections[TEMPLATE_RELATED_LINKS].kind,
			 TEMPLATE_KIND_LINKS);
	assert_int_equal(template_sections[TEMPLATE_SOCIAL_MEDIA].kind,
			 TEMPLATE_KIND_SOCIAL);
	assert_null(template_section_find("location"));
	assert_null(template_section_find("Description"));
}

/* ------------------------------------------------------------------ */
/* Syntax checks                                                       */
/* ------------------------------------------------------------------ */

static void test_utf8_check(void **state)
{
	size_t bad = 0;

	(void)state;
	assert_true(utf8_valid("Peñuelas ¿Qué? — 😀", strlen("Peñuelas ¿Qué? — 😀"),
					NULL));
	assert_false(utf8_valid("ab\xC3", 3, &bad));
	assert_int_equal(bad, 2);
	assert_false(utf8_valid("\xC0\x80", 2, &bad));       /* overlong */
	assert_false(utf8_valid("\xE0\x80\xAF", 3, &bad));   /* overlong */
	assert_false(utf8_valid("\xED\xB0\x80", 3, &bad));   /* surrogate */
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4, &bad)); /* > U+10FFFF */
	assert_false(utf8_valid("a\x80", 2, &bad));
	assert_int_equal(bad, 1);
	assert_false(utf8_valid("\xFF", 1, &bad));
}

static void test_url_check(void **state)
{
	static const char *const good[] = {
		"https://www.pr.gov", "http://www.pr.gov/", "HTTPS://PR.GOV/a?b=c#d",
		"https://localhost:8080/x", "https://a-b.example",
	};
	static const char *const bad[] = {
		"", "www.pr.gov", "ftp://pr.gov", "javascript:alert(1)",
		"https://", "https:///path", "https://pr.gov/a b",
		"https://user@evil.example", "https://-pr.gov", "https://pr.gov:",
		"https://pr.gov:123456", "https://pr.gov\t",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(good); i++)
		if (!is_valid_url(good[i]))
			fail_msg("rejected %s", good[i]);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (is_valid_url(bad[i]))
			fail_msg("accepted %s", bad[i]);
}

static void test_email_check(void **state)
{
	static const char *const good[] = {
		"operaciones@311.example", "a.b+c@sub.pr.gov", "x@a-b.com",
	};
	static const char *const bad[] = {
		"", "@pr.gov", "a@", "a@pr", "a@@pr.gov", "a@b@pr.gov",
		".a@pr.gov", "a.@pr.gov", "a..b@pr.gov", "a b@pr.gov",
		"a@-pr.gov", "a@pr-.gov", "a@pr..gov", "a@pr.gov.",
		"nombre <a@pr.gov>",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(good); i++)
		if (!is_valid_email(good[i]))
			fail_msg("rejected %s", good[i]);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (is_valid_email(bad[i]))
			fail_msg("accepted %s", bad[i]);
	assert_true(is_valid_email_list("a@pr.gov, b@pr.gov"));
	assert_false(is_valid_email_list("a@pr.gov,"));
	assert_false(is_valid_email_list("a@pr.gov,,b@pr.gov"));
	assert_false(is_valid_email_list(""));
}

static void test_phone_check(void **state)
{
	static const char *const good[] = {
		"(787) 555-0100 Ext. 3001", "787-555-0100", "+1 787 555 0100",
		"(787) 555-0100 ext 1, 2 y 3", "1-800-555-0100 TTY",
		"(787) 555-0100 extensión 12",
	};
	static const char *const bad[] = {
		"", "555-01", "llame al 787-555-0100", "(787) 555-0100 <b>",
		"787_555_0100",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(good); i++)
		if (!is_valid_phone(good[i]))
			fail_msg("rejected %s", good[i]);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (is_valid_phone(bad[i]))
			fail_msg("accepted %s", bad[i]);
}

/* ------------------------------------------------------------------ */
/* template_validate                                                   */
/* ------------------------------------------------------------------ */

static void test_valid_template_accepted(void **state)
{
	json_t *tmpl = load_valid();
	struct error err = { 0 };

	(void)state;
	if (template_validate(tmpl, &err) != RC_OK)
		fail_msg("%s: %s", err.field, err.message_en);
	json_decref(tmpl);
}

static void test_empty_template_accepted(void **state)
{
	json_t *tmpl = json_object();
	struct error err = { 0 };

	(void)state;
	assert_int_equal(template_validate(tmpl, &err), RC_OK);
	json_object_set_new(tmpl, "faq", json_null());
	json_object_set_new(tmpl, "description", json_null());
	assert_int_equal(template_validate(tmpl, &err), RC_OK);
	json_decref(tmpl);
}

static void test_template_not_object_rejected(void **state)
{
	json_t *array = json_array();
	struct error err = { 0 };

	(void)state;
	assert_int_equal(template_validate(array, &err), RC_INVALID);
	assert_string_equal(err.field, "template");
	assert_string_equal(err.code, "invalid_type");
	assert_non_null(strstr(err.message_es, "un objeto"));
	assert_non_null(strstr(err.message_en, "an object"));
	assert_int_equal(template_validate(NULL, &err), RC_INVALID);
	json_decref(array);
}

static void test_unknown_members_rejected(void **state)
{
	(void)state;
	check_rejected("faqs", json_array(), "template.faqs", "unknown_field");
	check_rejected("description.fr", json_string("Description"),
		       "template.description.fr", "unknown_field");
	check_rejected("faq[0].extra", json_true(), "template.faq[0].extra",
		       "unknown_field");
	check_rejected("location.address", json_string("Calle 1"),
		       "template.location.address", "unknown_field");
	check_rejected("related_links[1].target", json_string("_blank"),
		       "template.related_links[1].target", "unknown_field");
	check_rejected("social_media[0].followers", json_integer(5),
		       "template.social_media[0].followers", "unknown_field");
}

static void test_text_sections_rejected(void **state)
{
	char *big = xmalloc(TEMPLATE_MAX_SECTION_TEXT + 2);

	(void)state;
	memset(big, 'a', TEMPLATE_MAX_SECTION_TEXT + 1);
	big[TEMPLATE_MAX_SECTION_TEXT + 1] = '\0';
	check_rejected("description", json_string("texto"),
		       "template.description", "invalid_type");
	check_rejected("audience.es", json_integer(3), "template.audience.es",
		       "invalid_type");
	check_rejected("considerations.en", json_array(),
		       "template.considerations.en", "invalid_type");
	check_rejected("requirements.es", json_string(big),
		       "template.requirements.es", "too_long");
	check_rejected("cost_payment.es", json_stringn("a\0b", 3),
		       "template.cost_payment.es", "invalid_text");
	check_rejected("location_hours.es",
		       json_stringn_nocheck("Mayag\xFC" "ez", 8),
		       "template.location_hours.es", "invalid_utf8");
	check_rejected("disclaimer.es", json_string(big), "template.disclaimer.es",
		       "too_long");
	free(big);
}

static void test_section_at_limit_accepted(void **state)
{
	char *big = xmalloc(TEMPLATE_MAX_SECTION_TEXT + 1);
	json_t *tmpl = load_valid();
	struct error err = { 0 };

	(void)state;
	memset(big, 'a', TEMPLATE_MAX_SECTION_TEXT);
	big[TEMPLATE_MAX_SECTION_TEXT] = '\0';
	json_object_set_new(json_object_get(tmpl, "requirements"), "es",
			    json_string(big));
	assert_int_equal(template_validate(tmpl, &err), RC_OK);
	json_decref(tmpl);
	free(big);
}

static void test_faq_rejected(void **state)
{
	(void)state;
	check_rejected("faq", json_object(), "template.faq", "invalid_type");
	check_rejected("faq[1].answer", NULL, "template.faq[1].answer.es",
		       "missing_field");
	check_rejected("faq[2].answer.es", json_string("  "),
		       "template.faq[2].answer.es", "missing_field");
	check_rejected("faq[0].question.es", json_null(),
		       "template.faq[0].question.es", "missing_field");
	check_rejected("faq[1].answer.en", json_null(), "template.faq[1].answer.en",
		       "incomplete_faq");
	check_rejected("faq[0].question.en", json_string("What?"),
		       "template.faq[0].answer.en", "incomplete_faq");
	check_rejected("faq[2].question", json_string("¿Dónde?"),
		       "template.faq[2].question", "invalid_type");
}

static void test_faq_entry_not_object_rejected(void **state)
{
	json_t *tmpl = load_valid();
	struct error err = { 0 };

	(void)state;
	json_array_append_new(json_object_get(tmpl, "faq"), json_string("¿Qué?"));
	assert_int_equal(template_validate(tmpl, &err), RC_INVALID);
	assert_string_equal(err.field, "template.faq[3]");
	assert_string_equal(err.code, "invalid_type");
	json_decref(tmpl);
}

static void test_faq_count_limit(void **state)
{
	json_t *tmpl = load_valid();
	json_t *faq = json_object_get(tmpl, "faq");
	json_t *first = json_array_get(faq, 0);
	struct error err = { 0 };

	(void)state;
	while (json_array_size(faq) < TEMPLATE_MAX_FAQ)
		json_array_append_new(faq, json_deep_copy(first));
	assert_int_equal(template_validate(tmpl, &err), RC_OK);
	json_array_append_new(faq, json_deep_copy(first));
	assert_int_equal(template_validate(tmpl, &err), RC_INVALID);
	assert_string_equal(err.field, "template.faq");
	assert_string_equal(err.code, "too_many");
	json_decref(tmpl);
}

static void test_related_links_rejected(void **state)
{
	(void)state;
	check_rejected("related_links", json_string("https://pr.gov"),
		       "template.related_links", "invalid_type");
	check_rejected("related_links[0].kind", json_string("pdf"),
		       "template.related_links[0].kind", "invalid_kind");
	check_rejected("related_links[0].kind", NULL,
		       "template.related_links[0].kind", "invalid_kind");
	check_rejected("related_links[1].url", json_string("www.pr.gov"),
		       "template.related_links[1].url", "invalid_url");
	check_rejected("related_links[1].url", json_string("javascript:alert(1)"),
		       "template.related_links[1].url", "invalid_url");
	check_rejected("related_links[0].url", json_string("ftp://pr.gov/a.pdf"),
		       "template.related_links[0].url", "invalid_url");
	check_rejected("related_links[1].url", json_null(),
		       "template.related_links[1].url", "missing_field");
	check_rejected("related_links[0].title", NULL,
		       "template.related_links[0].title.es", "missing_field");
	check_rejected("related_links[1].url", json_integer(1),
		       "template.related_links[1].url", "invalid_type");
}

static void test_social_media_rejected(void **state)
{
	(void)state;
	check_rejected("social_media[0].network", json_string(""),
		       "template.social_media[0].network", "missing_field");
	check_rejected("social_media[0].network", json_integer(1),
		       "template.social_media[0].network", "invalid_type");
	check_rejected("social_media[0].account", NULL,
		       "template.social_media[0].account", "missing_field");
	check_rejected("social_media[0].network",
		       json_string("Una red social con un nombre demasiado largo"),
		       "template.social_media[0].network", "too_long");
	check_rejected("social_media[0].url", json_string("facebook.com/911PR"),
		       "template.social_media[0].url", "invalid_url");
}

static void test_location_rejected(void **state)
{
	(void)state;
	check_rejected("location", json_string("Oficina"), "template.location",
		       "invalid_type");
	check_rejected("location.place", json_integer(7), "template.location.place",
		       "invalid_type");
	check_rejected("location.email", json_string("operaciones"),
		       "template.location.email", "invalid_email");
	check_rejected("location.email", json_string("a@pr.gov; b@pr.gov"),
		       "template.location.email", "invalid_email");
	check_rejected("location.phone", json_string("llamar en la mañana"),
		       "template.location.phone", "invalid_phone");
	check_rejected("location.phone", json_string("555-01"),
		       "template.location.phone", "invalid_phone");
	check_rejected("location.fax", json_string("(787) 555-0161 <script>"),
		       "template.location.fax", "invalid_phone");
}

static void test_error_messages_name_the_fix(void **state)
{
	json_t *tmpl = load_valid();
	struct error err = { 0 };

	(void)state;
	json_object_set_new(json_object_get(tmpl, "location"), "email",
			    json_string("operaciones"));
	assert_int_equal(template_validate(tmpl, &err), RC_INVALID);
	assert_non_null(strstr(err.message_es, "nombre@dominio.pr"));
	assert_non_null(strstr(err.message_en, "name@domain.pr"));
	assert_non_null(strstr(err.message_es, "correo electrónico"));
	json_decref(tmpl);
}

static void test_service_validation(void **state)
{
	json_t *service = json_object();
	json_t *name = json_object();
	struct error err = { 0 };

	(void)state;
	json_object_set_new(service, "template", load_valid());
	assert_int_equal(template_validate_service(service, &err), RC_INVALID);
	assert_string_equal(err.field, "name.es");

	json_object_set_new(name, "es", json_string("Servicio"));
	json_object_set_new(name, "en", json_null());
	json_object_set_new(service, "name", name);
	assert_int_equal(template_validate_service(service, &err), RC_OK);

	json_object_set_new(service, "template", json_null());
	assert_int_equal(template_validate_service(service, &err), RC_INVALID);
	assert_string_equal(err.field, "template");
	json_decref(service);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections_order_and_titles),
		cmocka_unit_test(test_utf8_check),
		cmocka_unit_test(test_url_check),
		cmocka_unit_test(test_email_check),
		cmocka_unit_test(test_phone_check),
		cmocka_unit_test(test_valid_template_accepted),
		cmocka_unit_test(test_empty_template_accepted),
		cmocka_unit_test(test_template_not_object_rejected),
		cmocka_unit_test(test_unknown_members_rejected),
		cmocka_unit_test(test_text_sections_rejected),
		cmocka_unit_test(test_section_at_limit_accepted),
		cmocka_unit_test(test_faq_rejected),
		cmocka_unit_test(test_faq_entry_not_object_rejected),
		cmocka_unit_test(test_faq_count_limit),
		cmocka_unit_test(test_related_links_rejected),
		cmocka_unit_test(test_social_media_rejected),
		cmocka_unit_test(test_location_rejected),
		cmocka_unit_test(test_error_messages_name_the_fix),
		cmocka_unit_test(test_service_validation),
	};

	return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}
