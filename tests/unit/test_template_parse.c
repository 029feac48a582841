/* Tests for domain/template_parse.c: the template text importer's parser. */
#include "core/common.h"
#include "core/strbuf.h"
#include "domain/template.h"
#include "domain/template_parse.h"

#include <dirent.h>
#include <setjmp.h>
#include <cmocka.h>

#define BUNDLED_FIXTURE "tests/fixtures/plantilla-integracion-311.txt"
#define FUZZ_FIXTURES "tests/fixtures/fuzz"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb;
	char chunk[4096];
	size_t n;

	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	strbuf_init(&sb, 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(strbuf_add(&sb, chunk, n), 0);
	assert_false(ferror(f));
	fclose(f);
	return strbuf_detach(&sb, len);
}

/* Parse text, which must succeed, and return the service document. */
static json_t *parse_ok(const char *text, size_t len, json_t **unplaced)
{
	json_t *service = NULL;
	struct error err = { 0 };
	int rc = template_parse(text, len, &service, unplaced, &err);

	if (rc != RC_OK)
		fail_msg("template_parse: rc %d %s %s: %s", rc, err.code,
			 err.field, err.message_en);
	assert_non_null(service);
	assert_non_null(*unplaced);
	return service;
}

static json_t *parse_str(const char *text, json_t **unplaced)
{
	return parse_ok(text, strlen(text), unplaced);
}

/* Parse text, which must fail with rc and code; return err.field. */
static void parse_fails(const char *text, size_t len, int rc,
			const char *code, const char *field)
{
	json_t *service = (json_t *)1, *unplaced = (json_t *)1;
	struct error err = { 0 };

	assert_int_equal(template_parse(text, len, &service, &unplaced, &err), rc);
	assert_string_equal(err.code, code);
	assert_string_equal(err.field, field);
	assert_true(err.message_es[0] != '\0');
	assert_true(err.message_en[0] != '\0');
	assert_null(service);
	assert_null(unplaced);
}

static json_t *tmpl_of(json_t *service)
{
	json_t *tmpl = json_object_get(service, "template");

	assert_true(json_is_object(tmpl));
	return tmpl;
}

/* Return template.<key>.es, which may be NULL. */
static const char *section_es(json_t *service, const char *key)
{
	json_t *text = json_object_get(tmpl_of(service), key);

	assert_true(json_is_object(text));
	assert_true(json_is_null(json_object_get(text, "en")));
	return json_string_value(json_object_get(text, "es"));
}

static const char *location_field(json_t *service, const char *key)
{
	json_t *location = json_object_get(tmpl_of(service), "location");

	assert_true(json_is_object(location));
	return json_string_value(json_object_get(location, key));
}

static const char *text_es(json_t *text)
{
	return json_string_value(json_object_get(text, "es"));
}

/* Count the lines of text that start with prefix. */
static size_t count_lines_starting(const char *text, const char *prefix)
{
	size_t count = 0, n = strlen(prefix);

	for (const char *p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, prefix, n) == 0)
			count++;
	}
	return count;
}

static json_t *array_of(json_t *service, const char *key)
{
	json_t *array = json_object_get(tmpl_of(service), key);

	assert_true(json_is_array(array));
	return array;
}

/* Find the report entry with this reason; NULL when there is none. */
static json_t *find_report(json_t *unplaced, const char *reason)
{
	size_t i;
	json_t *entry;

	json_array_foreach(unplaced, i, entry) {
		if (strcmp(json_string_value(json_object_get(entry, "reason")),
			   reason) == 0)
			return entry;
	}
	return NULL;
}

static json_int_t report_line(json_t *entry)
{
	json_t *line = json_object_get(entry, "line");

	assert_true(json_is_integer(line));
	return json_integer_value(line);
}

/* A complete template with every section, for tests that change one. */
static const char minimal_template[] =
	"Servicio de Prueba\n"
	"Descripción del Servicio\n"
	"Descripción breve.\n"
	"Audiencia y Propósito\n"
	"Ciudadanos.\n"
	"Consideraciones\n"
	"· Una consideración.\n"
	"Lugar y Horario de Servicio\n"
	"Lugar: Oficina central\n"
	"Costo del Servicio y Métodos de Pago\n"
	"Libre de costo.\n"
	"Requisitos para Obtener Servicio\n"
	"1. Identificación con foto.\n"
	"Preguntas Frecuentes\n"
	"· ¿Cuánto cuesta? - Nada.\n"
	"Enlaces Relacionados\n"
	"Documento(s) de Apoyo:\n"
	"Guía del servicio\n"
	"Redes Sociales\n"
	"Facebook: prueba\n";

/* ------------------------------------------------------------------ */
/* The bundled integration template                                  */
/* ------------------------------------------------------------------ */

struct bundled {
	char *text;
	size_t len;
	json_t *service;
	json_t *unplaced;
};

static int bundled_setup(void **state)
{
	struct bundled *bundled = xcalloc(1, sizeof(*bundled));

	bundled->text = read_file(BUNDLED_FIXTURE, &bundled->len);
	bundled->service = parse_ok(bundled->text, bundled->len, &bundled->unplaced);
	*state = bundled;
	return 0;
}

static int bundled_teardown(void **state)
{
	struct bundled *bundled = *state;

	json_decref(bundled->service);
	json_decref(bundled->unplaced);
	free(bundled->text);
	free(bundled);
	return 0;
}

static void test_bundled_name(void **state)
{
	struct bundled *bundled = *state;
	json_t *name = json_object_get(bundled->service, "name");

	assert_string_equal(text_es(name),
			    "Información sobre Tu Línea de Servicios de Gobierno "
			    "3-1-1 para las Agencias de Gobierno que Soliciten "
			    "Integrarse");
	assert_true(json_is_null(json_object_get(name, "en")));
}

static void test_bundled_description(void **state)
{
	struct bundled *bundled = *state;
	const char *text = section_es(bundled->service, "description");

	assert_non_null(text);
	assert_int_equal(strncmp(text, "Ofrecer información a las agencias",
				 strlen("Ofrecer información a las agencias")),
			 0);
	assert_null(strstr(text, "[image"));
	assert_null(strchr(text, '\n'));
	assert_non_null(strstr(text, "Junta de Gobierno del Servicio 9-1-1."));
}

static void test_bundled_audience(void **state)
{
	struct bundled *bundled = *state;
	const char *text = section_es(bundled->service, "audience");

	assert_non_null(text);
	assert_int_equal(strncmp(text, "- Agencias gubernamentales no integradas\n",
				 strlen("- Agencias gubernamentales no integradas\n")),
			 0);
	assert_non_null(strstr(text, "que no constituyen emergencias."));
	assert_null(strstr(text, "[image"));
	assert_null(strstr(text, "utresponsibleserving"));
	assert_null(strstr(text, "  "));
}

static void test_bundled_considerations(void **state)
{
	struct bundled *bundled = *state;
	const char *text = section_es(bundled->service, "considerations");

	assert_non_null(text);
	/* The file has 54 "·" lines between Consideraciones and Lugar. */
	assert_int_equal(count_lines_starting(text, "- "), 54);
	assert_int_equal(count_lines_starting(text, ""), 54);
	assert_int_equal(strncmp(text, "- Esta información fue revisada",
				 strlen("- Esta información fue revisada")),
			 0);
	assert_non_null(strstr(text, "\n- Cumplir con los acuerdos interagenciales.\n"));
	assert_null(strstr(text, "·"));
}

static void test_bundled_location(void **state)
{
	struct bundled *bundled = *state;
	const char *text = section_es(bundled->service, "location_hours");

	assert_string_equal(location_field(bundled->service, "place"),
			    "Junta de Gobierno del Servicio 9-1-1");
	assert_string_equal(location_field(bundled->service, "directory"),
			    "Junta de Gobierno del Servicio 9-1-1");
	assert_string_equal(location_field(bundled->service, "hours"),
			    "Lunes a viernes 8:00am – 4:30pm");
	assert_string_equal(location_field(bundled->service, "contact"),
			    "Nombre Apellido Apellido, Director de Operaciones — "
			    "Centro de Recepción de Llamadas 3-1-1");
	assert_string_equal(location_field(bundled->service, "phone"),
			    "(787) 555-0100 Ext. 3001");
	assert_string_equal(location_field(bundled->service, "fax"),
			    "(787) 555-0161");
	assert_string_equal(location_field(bundled->service, "email"),
			    "operaciones@311.example");

	assert_non_null(text);
	assert_int_equal(strncmp(text, "Lugar: Junta de Gobierno del Servicio 9-1-1\n",
				 strlen("Lugar: Junta de Gobierno del Servicio 9-1-1\n")),
			 0);
	assert_non_null(strstr(text, "\nHorario: Lunes a viernes\n8:00am – 4:30pm\n"));
	assert_non_null(strstr(text, "\nCorreo electrónico: operaciones@311.example"));
	assert_null(strchr(text, '\t'));
}

static void test_bundled_cost(void **state)
{
	struct bundled *bundled = *state;

	assert_string_equal(section_es(bundled->service, "cost_payment"),
			    "Los costos por los servicios del 3-1-1 serán "
			    "discutidos durante el proceso de integración. Los "
			    "mismos pueden variar entre agencias basado en sus "
			    "necesidades.");
}

static void test_bundled_requirements(void **state)
{
	struct bundled *bundled = *state;
	const char *text = section_es(bundled->service, "requirements");
	char prefix[16];

	assert_non_null(text);
	assert_int_equal(strncmp(text, "La agencia, luego de haber recibido",
				 strlen("La agencia, luego de haber recibido")),
			 0);
	for (int i = 1; i <= 8; i++) {
		snprintf(prefix, sizeof(prefix), "\n%d. ", i);
		assert_non_null(strstr(text, prefix));
	}
	assert_null(strstr(text, "\n9. "));
	assert_int_equal(count_lines_starting(text, ""), 9);
	assert_non_null(strstr(text, "\n8. Firmar un acuerdo interagencial."));
}

static void test_bundled_faq(void **state)
{
	struct bundled *bundled = *state;
	json_t *faq = array_of(bundled->service, "faq");
	json_t *sla, *last;
	const char *answer;
	size_t i;
	json_t *entry;

	/* The file has 14 "· ¿...?" items. */
	assert_int_equal(json_array_size(faq), 14);
	assert_string_equal(text_es(json_object_get(json_array_get(faq, 0),
						    "question")),
			    "¿Qué ley crea el 3-1-1?");
	assert_int_equal(strncmp(text_es(json_object_get(json_array_get(faq, 0),
							 "answer")),
				 "El 12 de julio de 2011", 22),
			 0);

	sla = json_array_get(faq, 7);
	assert_string_equal(text_es(json_object_get(sla, "question")),
			    "¿Qué son los Acuerdos de Niveles de Servicio "
			    "(“Service Level Agreements” o SLA)?");
	answer = text_es(json_object_get(sla, "answer"));
	assert_int_equal(strncmp(answer, "Los niveles de servicio o", 25), 0);
	assert_non_null(strstr(answer, "gubernamentales.\n- SLA1: El primer contacto"));
	assert_non_null(strstr(answer, "\n- SLA2: Las agencias deberán cerrar"));
	assert_int_equal(count_lines_starting(answer, "- SLA"), 2);

	/* No other answer took the SLA bullets. */
	json_array_foreach(faq, i, entry) {
		if (i != 7)
			assert_null(strstr(text_es(json_object_get(entry, "answer")),
					   "SLA1:"));
	}

	/* "?–" without a space before the en dash still separates. */
	last = json_array_get(faq, 13);
	assert_string_equal(text_es(json_object_get(last, "question")),
			    "¿Cómo la ciudadanía conocerá que la agencia está "
			    "integrada al 3-1-1?");
	assert_int_equal(strncmp(text_es(json_object_get(last, "answer")),
				 "Una vez la agencia se integra", 29),
			 0);
}

static void test_bundled_related_links(void **state)
{
	struct bundled *bundled = *state;
	json_t *links = array_of(bundled->service, "related_links");
	json_t *doc1, *doc2, *web;

	assert_int_equal(json_array_size(links), 3);
	doc1 = json_array_get(links, 0);
	doc2 = json_array_get(links, 1);
	web = json_array_get(links, 2);

	assert_string_equal(json_string_value(json_object_get(doc1, "kind")),
			    "document");
	assert_string_equal(text_es(json_object_get(doc1, "title")),
			    "Directorio de Agencias de Puerto Rico");
	assert_true(json_is_null(json_object_get(doc1, "url")));

	assert_string_equal(json_string_value(json_object_get(doc2, "kind")),
			    "document");
	assert_string_equal(text_es(json_object_get(doc2, "title")),
			    "Tu Línea de Servicios de Gobierno 3-1-1");
	assert_true(json_is_null(json_object_get(doc2, "url")));

	assert_string_equal(json_string_value(json_object_get(web, "kind")), "web");
	assert_string_equal(text_es(json_object_get(web, "title")), "www.pr.gov");
	assert_string_equal(json_string_value(json_object_get(web, "url")),
			    "https://www.pr.gov");
}

static void test_bundled_social_media(void **state)
{
	struct bundled *bundled = *state;
	json_t *social = array_of(bundled->service, "social_media");
	static const char *const expected[][2] = {
		{ "Facebook", "911PR" },
		{ "Instagram", "911PR" },
		{ "Twitter", "@911PuertoRico" },
		{ "YouTube", "911PR" },
	};

	assert_int_equal(json_array_size(social), ARRAY_SIZE(expected));
	for (size_t i = 0; i < ARRAY_SIZE(expected); i++) {
		json_t *entry = json_array_get(social, i);

		assert_string_equal(json_string_value(json_object_get(entry, "network")),
				    expected[i][0]);
		assert_string_equal(json_string_value(json_object_get(entry, "account")),
				    expected[i][1]);
		assert_true(json_is_null(json_object_get(entry, "url")));
	}
}

static void test_bundled_disclaimer(void **state)
{
	struct bundled *bundled = *state;

	assert_string_equal(section_es(bundled->service, "disclaimer"),
			    "Este documento es sólo de carácter informativo. La "
			    "comunicación provista puede estar sujeta a cambios y "
			    "no sustituye ninguna legislación, jurisprudencia, "
			    "orden ejecutiva, reglamentos y/o normas aplicables a "
			    "la agencia de gobierno.");
}

static void test_bundled_nothing_unplaced(void **state)
{
	struct bundled *bundled = *state;

	assert_true(json_is_array(bundled->unplaced));
	if (json_array_size(bundled->unplaced) != 0) {
		char *dump = json_dumps(bundled->unplaced, JSON_INDENT(1));

		fail_msg("unexpected unplaced lines: %s", dump);
	}
}

static void test_bundled_passes_validation(void **state)
{
	struct bundled *bundled = *state;
	struct error err = { 0 };

	if (template_validate_service(bundled->service, &err) != RC_OK)
		fail_msg("%s: %s", err.field, err.message_en);
}

static void test_bundled_crlf_same_document(void **state)
{
	struct bundled *bundled = *state;
	struct strbuf crlf;
	json_t *service, *unplaced;

	strbuf_init(&crlf, 0);
	for (size_t i = 0; i < bundled->len; i++) {
		if (bundled->text[i] == '\n')
			strbuf_addch(&crlf, '\r');
		strbuf_addch(&crlf, bundled->text[i]);
	}
	assert_non_null(strstr(crlf.buf, "\r\n"));
	service = parse_ok(crlf.buf, crlf.len, &unplaced);
	assert_true(json_equal(service, bundled->service));
	assert_int_equal(json_array_size(unplaced), 0);
	assert_null(strchr(section_es(service, "considerations"), '\r'));
	json_decref(service);
	json_decref(unplaced);
	strbuf_release(&crlf);
}

static void test_bundled_bom_same_document(void **state)
{
	struct bundled *bundled = *state;
	struct strbuf bom;
	json_t *service, *unplaced;

	strbuf_init(&bom, 0);
	strbuf_adds(&bom, "\xEF\xBB\xBF");
	strbuf_add(&bom, bundled->text, bundled->len);
	service = parse_ok(bom.buf, bom.len, &unplaced);
	assert_true(json_equal(service, bundled->service));
	assert_int_equal(json_array_size(unplaced), 0);
	json_decref(service);
	json_decref(unplaced);
	strbuf_release(&bom);
}

/* ------------------------------------------------------------------ */
/* Headings                                                            */
/* ------------------------------------------------------------------ */

static void test_headings_upper_case_without_accents(void **state)
{
	static const char text[] =
		"SERVICIO EN MAYUSCULAS\n"
		"DESCRIPCION DEL SERVICIO\n"
		"Texto de descripción.\n"
		"AUDIENCIA Y PROPOSITO\n"
		"Texto de audiencia.\n"
		"CONSIDERACIONES:\n"
		"Texto de consideraciones.\n"
		"LUGAR Y HORARIO DE SERVICIO\n"
		"Lugar: Oficina\n"
		"COSTO DEL SERVICIO Y METODO DE PAGO\n"
		"Gratis.\n"
		"REQUISITOS PARA OBTENER SERVICIO\n"
		"Ninguno.\n"
		"PREGUNTAS FRECUENTES\n"
		"¿Qué? - Esto.\n"
		"ENLACES RELACIONADOS\n"
		"Guía\n"
		"REDES SOCIALES\n"
		"Twitter: @prueba\n";
	json_t *unplaced, *service = parse_str(text, &unplaced);

	(void)state;
	assert_int_equal(json_array_size(unplaced), 0);
	assert_string_equal(section_es(service, "description"),
			    "Texto de descripción.");
	assert_string_equal(section_es(service, "audience"), "Texto de audiencia.");
	assert_string_equal(section_es(service, "considerations"),
			    "Texto de consideraciones.");
	assert_string_equal(location_field(service, "place"), "Oficina");
	assert_string_equal(section_es(service, "cost_payment"), "Gratis.");
	assert_string_equal(section_es(service, "requirements"), "Ninguno.");
	assert_int_equal(json_array_size(array_of(service, "faq")), 1);
	assert_int_equal(json_array_size(array_of(service, "related_links")), 1);
	assert_int_equal(json_array_size(array_of(service, "social_media")), 1);
	json_decref(service);
	json_decref(unplaced);
}

/* Each line alone after a title: which section it opens, or -1. */
static void test_heading_variants(void **state)
{
	static const struct {
		const char *line;
		int section;
	} cases[] = {
		{ " \tDescripción del Servicio      ", TEMPLATE_DESCRIPTION },
		{ "descripcion del servicio:", TEMPLATE_DESCRIPTION },
		{ "Descripción de los Servicios", TEMPLATE_DESCRIPTION },
		{ "\t\tAudiencia  y   Propósito", TEMPLATE_AUDIENCE },
		{ "Lugar y Horarios de Servicio", TEMPLATE_LOCATION_HOURS },
		{ "Lugar y Horario", TEMPLATE_LOCATION_HOURS },
		{ "Costo del Servicio y Método de Pago", TEMPLATE_COST_PAYMENT },
		{ "Costos del Servicio y Métodos de Pago", TEMPLATE_COST_PAYMENT },
		{ "Costo(s) del Servicio y Método(s) de Pago", TEMPLATE_COST_PAYMENT },
		{ "Costo y Métodos de Pago", TEMPLATE_COST_PAYMENT },
		{ "Costo del Servicio y Formas de Pago", TEMPLATE_COST_PAYMENT },
		{ "Requisitos para Obtener el Servicio", TEMPLATE_REQUIREMENTS },
		{ "Pregunta Frecuente", TEMPLATE_FAQ },
		{ "ENLACES RELACIONADOS", TEMPLATE_RELATED_LINKS },
		{ "Red Social", TEMPLATE_SOCIAL_MEDIA },
		{ "Redes Sociales\xC2\xA0", TEMPLATE_SOCIAL_MEDIA },
		{ "· Consideraciones", -1 },
		{ "- Preguntas Frecuentes", -1 },
		{ "1. Preguntas Frecuentes", -1 },
		{ "Consideraciones importantes para el ciudadano", -1 },
		{ "Costo del servicio: $5.00", -1 },
		{ "Requisitos", -1 },
		{ "Las plantillas están divididas en: Descripción del Servicio, "
		  "Audiencia y Propósito, Consideraciones", -1 },
	};
	struct strbuf text;

	(void)state;
	strbuf_init(&text, 0);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		json_t *service, *unplaced, *missing;
		size_t found = 0, expected_missing, j;

		strbuf_reset(&text);
		/* A description heading so that every case has one heading. */
		if (cases[i].section != TEMPLATE_DESCRIPTION)
			strbuf_adds(&text, "Título\nDescripción del Servicio\n");
		else
			strbuf_adds(&text, "Título\n");
		strbuf_addf(&text, "%s\ncuerpo\n", cases[i].line);
		service = parse_ok(text.buf, text.len, &unplaced);

		json_array_foreach(unplaced, j, missing) {
			const char *key = json_string_value(
				json_object_get(missing, "section"));
			const char *reason = json_string_value(
				json_object_get(missing, "reason"));

			/* "cuerpo" is an unknown line in structured sections. */
			if (strcmp(reason, "missing_section") != 0)
				continue;
			if (cases[i].section >= 0 &&
			    strcmp(key, template_sections[cases[i].section].key) == 0)
				fail_msg("case %zu \"%s\": section %s not found", i,
					 cases[i].line, key);
			found++;
		}
		/* The description heading, plus the line when it is a
		 * heading of another section. */
		expected_missing = TEMPLATE_SECTION_COUNT - 1;
		if (cases[i].section > TEMPLATE_DESCRIPTION)
			expected_missing--;
		if (found != expected_missing)
			fail_msg("case %zu \"%s\": %zu sections missing", i,
				 cases[i].line, found);
		if (cases[i].section < 0) {
			/* The line is body text of the description. */
			const char *body = section_es(service, "description");

			assert_non_null(body);
			assert_int_equal(count_lines_starting(body, ""), 2);
		}
		json_decref(service);
		json_decref(unplaced);
	}
	strbuf_release(&text);
}

static void test_missing_section_reported(void **state)
{
	static const char text[] =
		"Servicio sin redes\n"
		"Descripción del Servicio\n"
		"Texto.\n"
		"Preguntas Frecuentes\n"
		"¿Pregunta? - Respuesta.\n";
	json_t *unplaced, *service = parse_str(text, &unplaced);
	static const char *const missing[] = {
		"audience", "considerations", "location_hours", "cost_payment",
		"requirements", "related_links", "social_media",
	};

	(void)state;
	assert_int_equal(json_array_size(unplaced), ARRAY_SIZE(missing));
	for (size_t i = 0; i < ARRAY_SIZE(missing); i++) {
		json_t *entry = json_array_get(unplaced, i);

		assert_string_equal(json_string_value(json_object_get(entry, "reason")),
				    "missing_section");
		assert_string_equal(json_string_value(json_object_get(entry, "section")),
				    missing[i]);
		assert_true(json_is_null(json_object_get(entry, "line")));
	}
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(unplaced, 5), "text")),
			    "Enlaces Relacionados");
	assert_null(section_es(service, "audience"));
	assert_null(location_field(service, "place"));
	assert_int_equal(json_array_size(array_of(service, "social_media")), 0);
	assert_int_equal(json_array_size(array_of(service, "faq")), 1);
	json_decref(service);
	json_decref(unplaced);
}

static void test_missing_name_reported(void **state)
{
	json_t *unplaced, *service = parse_str("Descripción del Servicio\nTexto.\n",
					       &unplaced);
	json_t *entry = find_report(unplaced, "missing_name");

	(void)state;
	assert_non_null(entry);
	assert_true(json_is_null(json_object_get(entry, "line")));
	assert_true(json_is_null(json_object_get(json_object_get(service, "name"),
						 "es")));
	json_decref(service);
	json_decref(unplaced);
}

static void test_duplicate_heading_reported(void **state)
{
	static const char text[] =
		"Servicio\n"
		"Descripción del Servicio\n"
		"Primera parte.\n"
		"Consideraciones\n"
		"· Una.\n"
		"Descripción del Servicio\n"
		"Segunda parte.\n";
	json_t *unplaced, *service = parse_str(text, &unplaced);
	json_t *entry = find_report(unplaced, "duplicate_heading");

	(void)state;
	assert_non_null(entry);
	assert_int_equal(report_line(entry), 6);
	assert_string_equal(json_string_value(json_object_get(entry, "section")),
			    "description");
	assert_string_equal(section_es(service, "description"),
			    "Primera parte.\nSegunda parte.");
	assert_string_equal(section_es(service, "considerations"), "- Una.");
	json_decref(service);
	json_decref(unplaced);
}

/* ------------------------------------------------------------------ */
/* Lines and lists                                                     */
/* ------------------------------------------------------------------ */

static void test_list_markers(void **state)
{
	static const char text[] =
		"Servicio\n"
		"Consideraciones\n"
		"Intro:\n"
		"•Sin espacio\n"
		"* Asterisco\n"
		"- Guion\n"
		"– Raya corta\n"
		"\xEF\x82\xB7\tSímbolo de Word\n"
		"1) Primero\n"
		"2. Segundo\n"
		"-5 grados no es una lista\n"
		"·\n"
		"Texto \t con   espacios\t\n";
	json_t *unplaced, *service = parse_str(text, &unplaced);

	(void)state;
	assert_string_equal(section_es(service, "considerations"),
			    "Intro:\n"
			    "- Sin espacio\n"
			    "- Asterisco\n"
			    "- Guion\n"
			    "- Raya corta\n"
			    "- Símbolo de Word\n"
			    "1. Primero\n"
			    "2. Segundo\n"
			    "-5 grados no es una lista\n"
			    "Texto con espacios");
	json_decref(service);
	json_decref(unplaced);
}

static void test_image_placeholders_dropped(void **state)
{
	static const char text[] =
		"Servicio\n"
		"Descripción del Servicio\n"
		"\t[image: http://example.com/a.jpg]\n"
		"Antes [IMAGE: http://example.com/b.png] después\n"
		"[imagen: foto.jpg]\n"
		"Fin [image: sin cierre\n";
	json_t *unplaced, *service = parse_str(text, &unplaced);

	(void)state;
	assert_string_equal(section_es(service, "description"),
			    "Antes después\nFin");
	assert_null(find_report(unplaced, "unknown_line"));
	json_decref(service);
	json_decref(unplaced);
}

static void test_lone_cr_line_ends(void **state)
{
	static const char text[] =
		"Servicio\rDescripción del Servicio\rUno\r\rDos\r";
	json_t *unplaced, *service = parse_str(text, &unplaced);

	(void)state;
	assert_string_equal(section_es(service, "description"), "Uno\nDos");
	json_decref(service);
	json_decref(unplaced);
}

/* ------------------------------------------------------------------ */
/* Preguntas Frecuentes                                                */
/* ------------------------------------------------------------------ */

static void test_faq_forms(void **state)
{
	static const char text[] =
		"Servicio\n"
		"Preguntas Frecuentes\n"
		"Línea suelta antes de la primera pregunta\n"
		"· ¿Guion? - Respuesta uno.\n"
		"· ¿Raya? — Respuesta dos.\n"
		"¿En la línea siguiente?\n"
		"Respuesta tres.\n"
		"· Detalle a.\n"
		"1. Paso uno.\n"
		"· ¿Sin respuesta?\n"
		"· ¿Sin guion? Respuesta cuatro.\n"
		"· Olvidó el signo? - Respuesta cinco.\n";
	json_t *unplaced, *service = parse_str(text, &unplaced);
	json_t *faq = array_of(service, "faq");
	json_t *entry;
	static const char *const expected[][2] = {
		{ "¿Guion?", "Respuesta uno." },
		{ "¿Raya?", "Respuesta dos." },
		{ "¿En la línea siguiente?",
		  "Respuesta tres.\n- Detalle a.\n1. Paso uno." },
		{ "¿Sin guion?", "Respuesta cuatro." },
		{ "Olvidó el signo?", "Respuesta cinco." },
	};

	(void)state;
	assert_int_equal(json_array_size(faq), ARRAY_SIZE(expected));
	for (size_t i = 0; i < ARRAY_SIZE(expected); i++) {
		entry = json_array_get(faq, i);
		assert_string_equal(text_es(json_object_get(entry, "question")),
				    expected[i][0]);
		assert_string_equal(text_es(json_object_get(entry, "answer")),
				    expected[i][1]);
	}

	entry = find_report(unplaced, "unknown_line");
	assert_non_null(entry);
	assert_int_equal(report_line(entry), 3);
	assert_string_equal(json_string_value(json_object_get(entry, "text")),
			    "Línea suelta antes de la primera pregunta");
	assert_string_equal(json_string_value(json_object_get(entry, "section")),
			    "faq");

	entry = find_report(unplaced, "faq_without_answer");
	assert_non_null(entry);
	assert_int_equal(report_line(entry), 10);
	assert_string_equal(json_string_value(json_object_get(entry, "text")),
			    "· ¿Sin respuesta?");
	json_decref(service);
	json_decref(unplaced);
}

/* ------------------------------------------------------------------ */
/* Lugar y Horario de Servicio                                         */
/* ------------------------------------------------------------------ */

static void test_location_labels(void **state)
{
	static const char text[] =
		"Servicio\n"
		"Lugar y Horario de Servicio\n"
		"Texto antes de las etiquetas\n"
		"LUGAR: Oficina Central\n"
		"Calle Sol 12, San Juan\n"
		"Horario:\n"
		"Lunes: 8:00am – 12:00pm\n"
		"Teléfonos: (787) 555-0100\n"
		"(787) 555-0101\n"
		"Dirección postal: PO Box 1\n"
		"Apartado sin etiqueta\n"
		"Tel. (787) 555-0102 Ext. 5\n"
		"Correo-e: mailto:a@b.example\n"
		"Fax: llame antes\n";
	json_t *unplaced, *service = parse_str(text, &unplaced);
	json_t *entry;
	size_t i;
	static const struct {
		json_int_t line;
		const char *reason;
	} expected[] = {
		{ 3, "unknown_line" },
		{ 10, "unknown_label" },
		{ 11, "unknown_line" },
		{ 14, "invalid_phone" },
	};
	const char *location_text;

	(void)state;
	assert_string_equal(location_field(service, "place"),
			    "Oficina Central, Calle Sol 12, San Juan");
	assert_string_equal(location_field(service, "hours"),
			    "Lunes: 8:00am – 12:00pm");
	assert_string_equal(location_field(service, "phone"),
			    "(787) 555-0100, (787) 555-0101, (787) 555-0102 Ext. 5");
	assert_string_equal(location_field(service, "email"), "a@b.example");
	assert_null(location_field(service, "fax"));
	assert_null(location_field(service, "contact"));
	assert_null(location_field(service, "directory"));

	location_text = section_es(service, "location_hours");
	assert_non_null(strstr(location_text, "\nDirección postal: PO Box 1\n"));
	assert_non_null(strstr(location_text, "\nFax: llame antes"));

	json_array_foreach(unplaced, i, entry) {
		if (strcmp(json_string_value(json_object_get(entry, "reason")),
			   "missing_section") == 0)
			continue;
		assert_true(i < ARRAY_SIZE(expected));
		assert_int_equal(report_line(entry), expected[i].line);
		assert_string_equal(json_string_value(json_object_get(entry, "reason")),
				    expected[i].reason);
	}
	json_decref(service);
	json_decref(unplaced);
}

/* ------------------------------------------------------------------ */
/* Enlaces Relacionados and Redes Sociales                             */
/* ------------------------------------------------------------------ */

static void test_related_link_forms(void **state)
{
	static const char text[] =
		"Servicio\n"
		"Enlaces Relacionados\n"
		"Documentos de apoyo:\n"
		"· Formulario SC-100 - https://example.pr.gov/sc100.pdf\n"
		"Reglamento interno\n"
		"Página de Internet: https://www.pr.gov/servicios.\n"
		"Portal del ciudadano (http://portal.example/inicio)\n"
		"pr.gov\n"
		"Oficina sin dirección\n"
		"https://-malo\n";
	json_t *unplaced, *service = parse_str(text, &unplaced);
	json_t *links = array_of(service, "related_links");
	static const char *const expected[][3] = {
		{ "document", "Formulario SC-100", "https://example.pr.gov/sc100.pdf" },
		{ "document", "Reglamento interno", NULL },
		{ "web", "https://www.pr.gov/servicios", "https://www.pr.gov/servicios" },
		{ "web", "Portal del ciudadano", "http://portal.example/inicio" },
		{ "web", "pr.gov", "https://pr.gov" },
		{ "document", "Oficina sin dirección", NULL },
	};
	json_t *entry;

	(void)state;
	assert_int_equal(json_array_size(links), ARRAY_SIZE(expected));
	for (size_t i = 0; i < ARRAY_SIZE(expected); i++) {
		json_t *url;

		entry = json_array_get(links, i);
		url = json_object_get(entry, "url");
		assert_string_equal(json_string_value(json_object_get(entry, "kind")),
				    expected[i][0]);
		assert_string_equal(text_es(json_object_get(entry, "title")),
				    expected[i][1]);
		if (expected[i][2])
			assert_string_equal(json_string_value(url), expected[i][2]);
		else
			assert_true(json_is_null(url));
	}
	entry = find_report(unplaced, "invalid_url");
	assert_non_null(entry);
	assert_int_equal(report_line(entry), 10);
	json_decref(service);
	json_decref(unplaced);
}

static void test_social_media_forms(void **state)
{
	static const char text[] =
		"Servicio\n"
		"Redes Sociales\n"
		"· facebook – MiAgencia\n"
		"YOUTUBE:\tcanal\n"
		"https://www.instagram.com/miagencia/\n"
		"X: @miagencia\n"
		"MySpace: miagencia\n"
		"Síganos en todas las redes\n"
		"Twitter:\n";
	json_t *unplaced, *service = parse_str(text, &unplaced);
	json_t *social = array_of(service, "social_media");
	static const char *const expected[][3] = {
		{ "Facebook", "MiAgencia", NULL },
		{ "YouTube", "canal", NULL },
		{ "Instagram", "miagencia", "https://www.instagram.com/miagencia/" },
		{ "X", "@miagencia", NULL },
	};
	static const json_int_t unknown_lines[] = { 7, 8, 9 };
	size_t i, unknown = 0;
	json_t *entry;

	(void)state;
	assert_int_equal(json_array_size(social), ARRAY_SIZE(expected));
	for (i = 0; i < ARRAY_SIZE(expected); i++) {
		json_t *url;

		entry = json_array_get(social, i);
		url = json_object_get(entry, "url");
		assert_string_equal(json_string_value(json_object_get(entry, "network")),
				    expected[i][0]);
		assert_string_equal(json_string_value(json_object_get(entry, "account")),
				    expected[i][1]);
		if (expected[i][2])
			assert_string_equal(json_string_value(url), expected[i][2]);
		else
			assert_true(json_is_null(url));
	}
	json_array_foreach(unplaced, i, entry) {
		if (strcmp(json_string_value(json_object_get(entry, "reason")),
			   "unknown_line") != 0)
			continue;
		assert_true(unknown < ARRAY_SIZE(unknown_lines));
		assert_int_equal(report_line(entry), unknown_lines[unknown]);
		unknown++;
	}
	assert_int_equal(unknown, ARRAY_SIZE(unknown_lines));
	assert_string_equal(json_string_value(json_object_get(
				    find_report(unplaced, "unknown_line"), "text")),
			    "MySpace: miagencia");
	json_decref(service);
	json_decref(unplaced);
}

static void test_minimal_template_complete(void **state)
{
	json_t *unplaced, *service = parse_str(minimal_template, &unplaced);
	struct error err = { 0 };

	(void)state;
	assert_int_equal(json_array_size(unplaced), 0);
	assert_true(json_is_null(json_object_get(
		json_object_get(tmpl_of(service), "disclaimer"), "es")));
	if (template_validate_service(service, &err) != RC_OK)
		fail_msg("%s: %s", err.field, err.message_en);
	json_decref(service);
	json_decref(unplaced);
}

/* ------------------------------------------------------------------ */
/* Rejected input                                                      */
/* ------------------------------------------------------------------ */

static void test_empty_input_rejected(void **state)
{
	(void)state;
	parse_fails("", 0, RC_INVALID, "empty", "text");
	parse_fails(" \t\r\n\n  \n", 8, RC_INVALID, "empty", "text");
	parse_fails("\xEF\xBB\xBF", 3, RC_INVALID, "empty", "text");
	parse_fails("\xC2\xA0\n[image: http://example.com/a.jpg]\n", 37,
		    RC_INVALID, "empty", "text");
}

static void test_invalid_utf8_rejected(void **state)
{
	static const char latin1[] = "Servicio\nDescripci\xF3n del Servicio\n";
	static const char crlf[] = "Servicio\r\nDescripción del Servicio\r\n"
				   "\r\nTexto \xC3\x28 roto\r\n";
	static const char overlong[] = "Servicio\n\xC0\xAF\n";
	static const char surrogate[] = "A\rB\rC\xED\xA0\x80\n";
	static const char truncated[] = "Servicio\nDescripción\xE2\x80";

	(void)state;
	parse_fails(latin1, strlen(latin1), RC_INVALID, "invalid_utf8", "line:2");
	parse_fails(crlf, strlen(crlf), RC_INVALID, "invalid_utf8", "line:4");
	parse_fails(overlong, strlen(overlong), RC_INVALID, "invalid_utf8",
		    "line:2");
	parse_fails(surrogate, strlen(surrogate), RC_INVALID, "invalid_utf8",
		    "line:3");
	parse_fails(truncated, strlen(truncated), RC_INVALID, "invalid_utf8",
		    "line:2");
}

static void test_nul_byte_rejected(void **state)
{
	static const char text[] = "Servicio\nDescripción del Servicio\nA\0B\n";

	(void)state;
	parse_fails(text, sizeof(text) - 1, RC_INVALID, "nul_character", "line:3");
}

static void test_text_without_headings_rejected(void **state)
{
	static const char text[] = "Un servicio\nSin secciones\n· Lista\n";

	(void)state;
	parse_fails(text, strlen(text), RC_INVALID, "no_sections", "text");
}

static void test_oversized_input_rejected(void **state)
{
	size_t len = TEMPLATE_PARSE_MAX_BYTES + 1;
	char *text = xmalloc(len);

	(void)state;
	memset(text, 'a', len);
	parse_fails(text, len, RC_TOO_LARGE, "too_large", "text");
	free(text);
}

/* ------------------------------------------------------------------ */
/* Inputs saved by the fuzzer                                          */
/* ------------------------------------------------------------------ */

/* Parse every file under tests/fixtures/fuzz: the parser must return a
 * document that passes validation (size limits and the name aside) or a
 * clean error. */
static void test_fuzz_inputs_replay(void **state)
{
	DIR *dir = opendir(FUZZ_FIXTURES);
	struct dirent *de;
	size_t replayed = 0;

	(void)state;
	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL) {
		char path[512];
		size_t len;
		char *text;
		json_t *service = NULL, *unplaced = NULL;
		struct error err = { 0 };
		int rc;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", FUZZ_FIXTURES, de->d_name);
		text = read_file(path, &len);
		rc = template_parse(text, len, &service, &unplaced, &err);
		if (rc == RC_OK) {
			assert_non_null(service);
			assert_true(json_is_array(unplaced));
			rc = template_validate_service(service, &err);
			if (rc != RC_OK && strcmp(err.code, "too_long") != 0 &&
			    strcmp(err.field, "name.es") != 0)
				fail_msg("%s: %s %s", path, err.field, err.message_en);
		} else {
			assert_null(service);
			assert_null(unplaced);
			assert_true(err.code[0] != '\0');
		}
		json_decref(service);
		json_decref(unplaced);
		free(text);
		replayed++;
	}
	closedir(dir);
	assert_true(replayed > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bundled_name, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_description, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_audience, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_considerations, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_location, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_cost, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_requirements, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_faq, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_related_links, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_social_media, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_disclaimer, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_nothing_unplaced, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_passes_validation, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_crlf_same_document, bundled_setup, bundled_teardown),
		cmocka_unit_test_setup_teardown(test_bundled_bom_same_document, bundled_setup, bundled_teardown),
		cmocka_unit_test(test_headings_upper_case_without_accents),
		cmocka_unit_test(test_heading_variants),
		cmocka_unit_test(test_missing_section_reported),
		cmocka_unit_test(test_missing_name_reported),
		cmocka_unit_test(test_duplicate_heading_reported),
		cmocka_unit_test(test_list_markers),
		cmocka_unit_test(test_image_placeholders_dropped),
		cmocka_unit_test(test_lone_cr_line_ends),
		cmocka_unit_test(test_faq_forms),
		cmocka_unit_test(test_location_labels),
		cmocka_unit_test(test_related_link_forms),
		cmocka_unit_test(test_social_media_forms),
		cmocka_unit_test(test_minimal_template_complete),
		cmocka_unit_test(test_empty_input_rejected),
		cmocka_unit_test(test_invalid_utf8_rejected),
		cmocka_unit_test(test_nul_byte_rejected),
		cmocka_unit_test(test_text_without_headings_rejected),
		cmocka_unit_test(test_oversized_input_rejected),
		cmocka_unit_test(test_fuzz_inputs_replay),
	};

	return cmocka_run_group_tests_name("template_parse", tests, NULL, NULL);
}
