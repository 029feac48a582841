/* Tests for search/: matching, ranking, filters, snippets and updates. */
#include "core/common.h"
#include "search/index.h"

#include <pthread.h>
#include <setjmp.h>
#include <cmocka.h>

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* A service with a name, a description and optional other sections. */
struct svc {
	int64_t id;
	const char *name;
	const char *description;
	const char *requirements;
	const char *faq;
	const char *name_en;
	int64_t agency;
	enum search_level level;
	const char *municipio;
};

static void upsert_service(struct search_index *idx, const struct svc *s)
{
	struct search_field f[5];
	size_t n = 0;
	struct search_doc d = { 0 };
	struct error err = { 0 };
	const char *mun[1] = { s->municipio };

	f[n++] = (struct search_field){ "name", s->name, SEARCH_WEIGHT_NAME,
					LANG_ES, 0 };
	if (s->description)
		f[n++] = (struct search_field){ "description", s->description,
						SEARCH_WEIGHT_DESCRIPTION,
						LANG_ES, 0 };
	if (s->requirements)
		f[n++] = (struct search_field){ "requirements", s->requirements,
						SEARCH_WEIGHT_SECTION, LANG_ES,
						0 };
	if (s->faq)
		f[n++] = (struct search_field){ "faq", s->faq, SEARCH_WEIGHT_FAQ,
						LANG_ES, 0 };
	if (s->name_en)
		f[n++] = (struct search_field){ "name", s->name_en,
						SEARCH_WEIGHT_NAME, LANG_EN, 0 };
	d.kind = SEARCH_KIND_SERVICE;
	d.id = s->id;
	d.title = s->name;
	d.level = s->level ? s->level : SEARCH_LEVEL_STATE;
	d.agency_ids[0] = s->agency;
	d.nagency_ids = s->agency ? 1 : 0;
	d.municipios = mun;
	d.nmunicipios = s->municipio ? 1 : 0;
	d.fields = f;
	d.nfields = n;
	if (search_index_upsert(idx, &d, &err) != RC_OK)
		fail_msg("upsert %lld: %s", (long long)s->id, err.message_en);
}

static void upsert_agency(struct search_index *idx, int64_t id,
			  const char *acronym, const char *name,
			  enum search_level level)
{
	struct search_field f[2] = {
		{ "acronym", acronym, SEARCH_WEIGHT_NAME, LANG_ES,
		  SEARCH_FIELD_ACRONYM },
		{ "name", name, SEARCH_WEIGHT_NAME, LANG_ES, 0 },
	};
	struct search_doc d = { .kind = SEARCH_KIND_AGENCY,
				.id = id,
				.title = name,
				.level = level,
				.agency_ids = { id },
				.nagency_ids = 1,
				.fields = f,
				.nfields = 2 };
	struct error err = { 0 };

	assert_int_equal(search_index_upsert(idx, &d, &err), RC_OK);
}

static void upsert_office(struct search_index *idx, int64_t id,
			  const char *name, const char *municipio,
			  const char *address)
{
	struct search_field f[3] = {
		{ "name", name, SEARCH_WEIGHT_NAME, LANG_ES, 0 },
		{ "municipio", municipio, SEARCH_WEIGHT_DESCRIPTION, LANG_ES, 0 },
		{ "address", address, SEARCH_WEIGHT_SECTION, LANG_ES, 0 },
	};
	const char *mun[1] = { municipio };
	struct search_doc d = { .kind = SEARCH_KIND_OFFICE,
				.id = id,
				.title = name,
				.municipios = mun,
				.nmunicipios = 1,
				.fields = f,
				.nfields = 3 };
	struct error err = { 0 };

	assert_int_equal(search_index_upsert(idx, &d, &err), RC_OK);
}

static struct search_result run(struct search_index *idx,
				const struct search_query *q)
{
	struct search_result r;
	struct error err = { 0 };

	if (search_index_query(idx, q, &r, &err) != RC_OK)
		fail_msg("query '%s': %s", q->text, err.message_en);
	return r;
}

static struct search_result find(struct search_index *idx, const char *text)
{
	struct search_query q = { .text = text, .lang = -1 };

	return run(idx, &q);
}

/* Position (0-based) of (kind, id) in the result, or -1. */
static int rank_of(const struct search_result *r, enum search_kind kind,
		   int64_t id)
{
	for (size_t i = 0; i < r->count; i++)
		if (r->hits[i].kind == kind && r->hits[i].id == id)
			return (int)i;
	return -1;
}

static int service_rank(struct search_index *idx, const char *text,
			int64_t id)
{
	struct search_result r = find(idx, text);
	int k = rank_of(&r, SEARCH_KIND_SERVICE, id);

	search_result_free(&r);
	return k;
}

static size_t count_of(struct search_index *idx, const char *text)
{
	struct search_result r = find(idx, text);
	size_t n = r.total;

	assert_true(r.count <= n);
	search_result_free(&r);
	return n;
}

/* ------------------------------------------------------------------ */
/* Fixture: a small knowledge base                                     */
/* ------------------------------------------------------------------ */

enum {
	AG_DTOP = 100,
	AG_DS = 101,
	AG_DE = 102,
	AG_SSA = 103,
	AG_MAYAGUEZ = 104,
};

static const struct svc services[] = {
	{ 1, "Licencia de conducir",
	  "Expedición de la LICÉNCIA de conducir en los CESCO del "
	  "Departamento de Transportación y Obras Públicas.",
	  "Certificado médico y foto.", NULL, "Driver's license", AG_DTOP,
	  0, NULL },
	{ 2, "Certificado de nacimiento",
	  "Copia certificada del acta de nacimiento del Registro "
	  "Demográfico.",
	  "Identificación con foto.",
	  "¿Cuánto cuesta? - El primer certificado es gratis.", NULL, AG_DS,
	  0, NULL },
	{ 3, "Planilla del año contributivo",
	  "Orientación sobre la planilla de cada año.", NULL, NULL, NULL, 0,
	  0, NULL },
	{ 4, "Planilla del ano contributivo",
	  "Texto con un error de imprenta.", NULL, NULL, NULL, 0, 0, NULL },
	{ 5, "Recogido de escombros en Peñuelas",
	  "Servicio municipal de recogido de escombros.", NULL, NULL, NULL,
	  0, SEARCH_LEVEL_MUNICIPAL, "Peñuelas" },
	{ 6, "Matrícula escolar", "Matrícula en escuelas públicas del "
				  "Departamento de Educación.",
	  NULL, NULL, "School enrollment", AG_DE, 0, NULL },
	{ 7, "Beneficios por retiro",
	  "Solicitud de beneficios de retiro del Seguro Social.", NULL, NULL,
	  "Retirement benefits", AG_SSA, SEARCH_LEVEL_FEDERAL, NULL },
	{ 8, "Permiso de construcción",
	  "Permisos para construir en Mayagüez.", NULL, NULL, NULL,
	  AG_MAYAGUEZ, SEARCH_LEVEL_MUNICIPAL, "Mayagüez" },
	{ 9, "Información sobre Tu Línea 3-1-1",
	  "Tu Línea de Servicios de Gobierno 3-1-1 para las agencias.", NULL,
	  NULL, NULL, 0, 0, NULL },
};

static int kb_setup(void **state)
{
	struct search_index *idx = search_index_new();

	for (size_t i = 0; i < ARRAY_SIZE(services); i++)
		upsert_service(idx, &services[i]);
	upsert_agency(idx, AG_DTOP, "DTOP",
		      "Departamento de Transportación y Obras Públicas",
		      SEARCH_LEVEL_STATE);
	upsert_agency(idx, AG_DE, "DE", "Departamento de Educación",
		      SEARCH_LEVEL_STATE);
	upsert_agency(idx, AG_SSA, "SSA", "Administración del Seguro Social",
		      SEARCH_LEVEL_FEDERAL);
	upsert_office(idx, 1, "CESCO de Mayagüez", "Mayagüez",
		      "Carretera 2, Mayagüez");
	upsert_office(idx, 2, "Oficina municipal de Peñuelas", "Peñuelas",
		      "Calle Principal, Peñuelas");
	*state = idx;
	return 0;
}

static int kb_teardown(void **state)
{
	search_index_free(*state);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Matching                                                            */
/* ------------------------------------------------------------------ */

static void test_case_and_accents_ignored(void **state)
{
	struct search_index *idx = *state;

	assert_int_equal(service_rank(idx, "licencia", 1), 0);
	assert_int_equal(service_rank(idx, "LICÉNCIA", 1), 0);
	assert_int_equal(service_rank(idx, "matricula", 6), 0);
	assert_int_equal(service_rank(idx, "construccion", 8), 0);
}

static void test_municipio_accents_folded(void **state)
{
	struct search_index *idx = *state;
	struct search_result r = find(idx, "mayaguez");

	assert_true(rank_of(&r, SEARCH_KIND_OFFICE, 1) >= 0);
	assert_true(rank_of(&r, SEARCH_KIND_SERVICE, 8) >= 0);
	search_result_free(&r);
	r = find(idx, "penuelas");
	assert_true(rank_of(&r, SEARCH_KIND_OFFICE, 2) >= 0);
	assert_true(rank_of(&r, SEARCH_KIND_SERVICE, 5) >= 0);
	search_result_free(&r);
}

static void test_pena_finds_penuelas(void **state)
{
	struct search_index *idx = *state;
	struct search_result r = find(idx, "pena");

	assert_true(rank_of(&r, SEARCH_KIND_OFFICE, 2) >= 0);
	search_result_free(&r);
	r = find(idx, "peña");
	assert_true(rank_of(&r, SEARCH_KIND_OFFICE, 2) >= 0);
	search_result_free(&r);
}

static void test_enye_ranks_above_n(void **state)
{
	struct search_index *idx = *state;

	/* "año" must put the ñ spelling first; "ano" finds both. */
	assert_int_equal(service_rank(idx, "año", 3), 0);
	assert_int_equal(service_rank(idx, "año", 4), 1);
	assert_int_equal(service_rank(idx, "planilla año", 3), 0);
	assert_true(service_rank(idx, "ano", 3) >= 0);
	assert_true(service_rank(idx, "ano", 4) >= 0);
}

static void test_stem_spanish_and_english(void **state)
{
	struct search_index *idx = *state;

	assert_int_equal(service_rank(idx, "licencias", 1), 0);
	assert_int_equal(service_rank(idx, "certificados nacimientos", 2), 0);
	assert_int_equal(service_rank(idx, "licenses", 1), 0);
	assert_int_equal(service_rank(idx, "benefit", 7), 0);
}

static void test_typo_one_edit_four_letters(void **state)
{
	struct search_index *idx = *state;
	struct search_result r;

	assert_int_equal(service_rank(idx, "lisencia", 1), 0);
	assert_int_equal(service_rank(idx, "certficado", 2), 0);
	assert_int_equal(service_rank(idx, "matrciula", 6), 0);
	/* "fotp" is 4 letters, one substitution from "foto". */
	r = find(idx, "fotp ");
	assert_true(rank_of(&r, SEARCH_KIND_SERVICE, 1) >= 0);
	search_result_free(&r);
}

static void test_typo_two_edits_eight_letters(void **state)
{
	struct search_index *idx = *state;

	/* "nazimento": c->z and a missing i. */
	assert_int_equal(service_rank(idx, "nazimento ", 2), 0);
	/* Seven letters allow one edit only: "prmsio" is two from
	 * "permiso". */
	assert_int_equal(count_of(idx, "prmsio "), 0);
}

static void test_short_words_not_corrected(void **state)
{
	struct search_index *idx = *state;

	/* "fot" would be one edit from "foto", but has 3 letters. */
	assert_int_equal(count_of(idx, "fto "), 0);
	assert_int_equal(count_of(idx, "zzzzzzz"), 0);
}

static void test_prefix_on_last_word(void **state)
{
	struct search_index *idx = *state;

	assert_int_equal(service_rank(idx, "certif", 2), 0);
	assert_int_equal(service_rank(idx, "licencia de cond", 1), 0);
	assert_int_equal(service_rank(idx, "matr", 6), 0);
	/* A trailing space ends the word: no prefix match. */
	assert_int_equal(count_of(idx, "certif "), 0);
	assert_int_equal(service_rank(idx, "nacimiento certif", 2), 0);
}

static void test_hyphenated_numbers(void **state)
{
	struct search_index *idx = *state;

	assert_int_equal(service_rank(idx, "311", 9), 0);
	assert_int_equal(service_rank(idx, "3-1-1", 9), 0);
	assert_int_equal(service_rank(idx, "linea 3-1-1", 9), 0);
}

static void test_acronym_field_keeps_stopword(void **state)
{
	struct search_index *idx = *state;
	struct search_result r = find(idx, "DE");

	assert_int_equal(rank_of(&r, SEARCH_KIND_AGENCY, AG_DE), 0);
	search_result_free(&r);
	/* A lowercase "de" inside a longer query stays a stopword. */
	r = find(idx, "certificado de nacimiento");
	assert_int_equal(rank_of(&r, SEARCH_KIND_AGENCY, AG_DE), -1);
	assert_int_equal(rank_of(&r, SEARCH_KIND_SERVICE, 2), 0);
	search_result_free(&r);
}

static void test_synonyms_and_acronyms(void **state)
{
	struct search_index *idx = *state;
	const char *dtop[] = { "DTOP",
			       "Departamento de Transportación y Obras "
			       "Públicas" };
	const char *lic[] = { "licencia de conducir", "driver's license",
			      "licencia de manejo" };
	struct search_synonym_group groups[] = {
		{ dtop, 2 },
		{ lic, 3 },
	};
	struct search_result r;

	search_index_set_synonyms(idx, groups, ARRAY_SIZE(groups));

	/* The acronym finds the agency and the service that names it. */
	r = find(idx, "dtop");
	assert_true(rank_of(&r, SEARCH_KIND_AGENCY, AG_DTOP) >= 0);
	assert_true(rank_of(&r, SEARCH_KIND_SERVICE, 1) >= 0);
	assert_int_equal(r.hits[0].kind, SEARCH_KIND_AGENCY);
	search_result_free(&r);

	r = find(idx, "licencia de manejo");
	assert_int_equal(rank_of(&r, SEARCH_KIND_SERVICE, 1), 0);
	search_result_free(&r);

	/* The English phrase finds the Spanish-only name as well. */
	r = find(idx, "drivers license");
	assert_int_equal(rank_of(&r, SEARCH_KIND_SERVICE, 1), 0);
	search_result_free(&r);

	search_index_set_synonyms(idx, NULL, 0);
	assert_int_equal(service_rank(idx, "licencia de manejo ", 1), 0);
}

static void test_synonym_match_class(void **state)
{
	struct search_index *idx = *state;
	const char *g1[] = { "tarjeta", "certificado" };
	struct search_synonym_group groups[] = { { g1, 2 } };
	struct search_result r;

	search_index_set_synonyms(idx, groups, 1);
	r = find(idx, "tarjeta nacimiento ");
	assert_int_equal(rank_of(&r, SEARCH_KIND_SERVICE, 2), 0);
	assert_int_equal(r.hits[0].match, SEARCH_MATCH_EXACT);
	search_result_free(&r);
	r = find(idx, "tarjeta ");
	assert_int_equal(rank_of(&r, SEARCH_KIND_SERVICE, 2), 0);
	assert_int_equal(r.hits[0].match, SEARCH_MATCH_SYNONYM);
	search_result_free(&r);
	search_index_set_synonyms(idx, NULL, 0);
}

/* ------------------------------------------------------------------ */
/* Ranking                                                             */
/* ------------------------------------------------------------------ */

static void test_rank_by_field(void **state)
{
	struct search_index *idx = search_index_new();
	const struct svc s[] = {
		{ 1, "Ayuda general", "Texto", NULL, "¿Y el pasaporte? - Sí.",
		  NULL, 0, 0, NULL },
		{ 2, "Ayuda general", "Texto", "Lleve el pasaporte.", NULL,
		  NULL, 0, 0, NULL },
		{ 3, "Ayuda general", "Trámite del pasaporte.", NULL, NULL,
		  NULL, 0, 0, NULL },
		{ 4, "Pasaporte", "Texto", NULL, NULL, NULL, 0, 0, NULL },
	};
	struct search_result r;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(s); i++)
		upsert_service(idx, &s[i]);
	r = find(idx, "pasaporte");
	assert_int_equal(r.count, 4);
	assert_int_equal(r.hits[0].id, 4);
	assert_int_equal(r.hits[1].id, 3);
	assert_int_equal(r.hits[2].id, 2);
	assert_int_equal(r.hits[3].id, 1);
	assert_string_equal(r.hits[0].section, "name");
	assert_string_equal(r.hits[1].section, "description");
	assert_string_equal(r.hits[2].section, "requirements");
	assert_string_equal(r.hits[3].section, "faq");
	search_result_free(&r);
	search_index_free(idx);
}

static void test_rank_exact_stem_typo(void **state)
{
	struct search_index *idx = search_index_new();
	const struct svc s[] = {
		{ 1, "Permiso de armas", NULL, NULL, NULL, NULL, 0, 0, NULL },
		{ 2, "Permisos de armas", NULL, NULL, NULL, NULL, 0, 0, NULL },
		{ 3, "Permico de armas", NULL, NULL, NULL, NULL, 0, 0, NULL },
	};
	struct search_result r;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(s); i++)
		upsert_service(idx, &s[i]);
	r = find(idx, "permiso ");
	assert_int_equal(r.count, 3);
	assert_int_equal(r.hits[0].id, 1);
	assert_int_equal(r.hits[0].match, SEARCH_MATCH_EXACT);
	assert_int_equal(r.hits[1].id, 2);
	assert_int_equal(r.hits[1].match, SEARCH_MATCH_STEM);
	assert_int_equal(r.hits[2].id, 3);
	assert_int_equal(r.hits[2].match, SEARCH_MATCH_TYPO);
	assert_true(r.hits[0].score > r.hits[1].score);
	assert_true(r.hits[1].score > r.hits[2].score);
	search_result_free(&r);
	search_index_free(idx);
}

static void test_rank_all_words_first(void **state)
{
	struct search_index *idx = *state;
	struct search_result r = find(idx, "certificado nacimiento");

	/* Service 1 mentions "certificado" only; 2 has both words. */
	assert_int_equal(rank_of(&r, SEARCH_KIND_SERVICE, 2), 0);
	assert_true(rank_of(&r, SEARCH_KIND_SERVICE, 1) > 0);
	assert_true(r.total >= 2);
	search_result_free(&r);
}

static void test_rank_ties_stable(void **state)
{
	struct search_index *idx = search_index_new();
	const struct svc s[] = {
		{ 30, "Copia de récord", NULL, NULL, NULL, NULL, 0, 0, NULL },
		{ 10, "Copia de récord", NULL, NULL, NULL, NULL, 0, 0, NULL },
		{ 20, "Copia de récord", NULL, NULL, NULL, NULL, 0, 0, NULL },
	};
	struct search_result r;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(s); i++)
		upsert_service(idx, &s[i]);
	r = find(idx, "record");
	assert_int_equal(r.count, 3);
	assert_int_equal(r.hits[0].id, 10);
	assert_int_equal(r.hits[1].id, 20);
	assert_int_equal(r.hits[2].id, 30);
	search_result_free(&r);
	search_index_free(idx);
}

/* ------------------------------------------------------------------ */
/* Filters and limits                                                  */
/* ------------------------------------------------------------------ */

static void test_filter_agency_and_level(void **state)
{
	struct search_index *idx = *state;
	struct search_query q = { .text = "departamento", .lang = -1 };
	struct search_result r;

	q.agency_id = AG_DE;
	r = run(idx, &q);
	assert_true(r.count >= 2);
	for (size_t i = 0; i < r.count; i++)
		assert_true(r.hits[i].id == AG_DE || r.hits[i].id == 6);
	search_result_free(&r);

	q.agency_id = 0;
	q.text = "beneficios";
	q.level = SEARCH_LEVEL_STATE;
	r = run(idx, &q);
	assert_int_equal(r.count, 0);
	search_result_free(&r);
	q.level = SEARCH_LEVEL_FEDERAL;
	r = run(idx, &q);
	assert_int_equal(rank_of(&r, SEARCH_KIND_SERVICE, 7), 0);
	search_result_free(&r);
}

static void test_filter_municipio_folded(void **state)
{
	struct search_index *idx = *state;
	struct search_query q = { .text = "oficina cesco recogido permiso",
				  .lang = -1,
				  .municipio = "PENUELAS" };
	struct search_result r = run(idx, &q);

	assert_true(r.count >= 1);
	for (size_t i = 0; i < r.count; i++)
		assert_true((r.hits[i].kind == SEARCH_KIND_OFFICE &&
			     r.hits[i].id == 2) ||
			    (r.hits[i].kind == SEARCH_KIND_SERVICE &&
			     r.hits[i].id == 5));
	search_result_free(&r);
}

static void test_filter_kind_and_lang(void **state)
{
	struct search_index *idx = *state;
	struct search_query q = { .text = "mayaguez", .lang = -1 };
	struct search_result r;

	q.kinds = 1u << SEARCH_KIND_OFFICE;
	r = run(idx, &q);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.hits[0].kind, SEARCH_KIND_OFFICE);
	search_result_free(&r);

	q.kinds = 0;
	q.text = "licencia matricula";
	q.lang = LANG_EN;
	r = run(idx, &q);
	/* Only services 1 and 6 have an English field. */
	for (size_t i = 0; i < r.count; i++)
		assert_true(r.hits[i].id == 1 || r.hits[i].id == 6);
	assert_true(r.count >= 2);
	search_result_free(&r);
}

static void test_limit_and_total(void **state)
{
	struct search_index *idx = search_index_new();
	struct search_query q = { .text = "servicio", .lang = -1, .limit = 5 };
	struct search_result r;

	(void)state;
	for (int i = 1; i <= 150; i++) {
		struct svc s = { i, "Servicio", NULL, NULL, NULL, NULL, 0, 0,
				 NULL };

		upsert_service(idx, &s);
	}
	r = run(idx, &q);
	assert_int_equal(r.count, 5);
	assert_int_equal(r.total, 150);
	search_result_free(&r);
	q.limit = 1000;
	r = run(idx, &q);
	assert_int_equal(r.count, SEARCH_MAX_LIMIT);
	search_result_free(&r);
	search_index_free(idx);
}

static void test_empty_query_rejected(void **state)
{
	struct search_index *idx = *state;
	struct search_query q = { .text = " ¿? ", .lang = -1 };
	struct search_result r;
	struct error err = { 0 };

	assert_int_equal(search_index_query(idx, &q, &r, &err), RC_INVALID);
	assert_string_equal(err.field, "q");
	assert_int_equal(r.count, 0);
	q.text = NULL;
	assert_int_equal(search_index_query(idx, &q, &r, &err), RC_INVALID);
}

static void test_only_stopwords_searched(void **state)
{
	struct search_index *idx = *state;
	struct search_result r = find(idx, "de ");

	/* Stopwords are not indexed except in acronym fields. */
	assert_int_equal(r.count, 1);
	assert_int_equal(r.hits[0].id, AG_DE);
	search_result_free(&r);
}

/* ------------------------------------------------------------------ */
/* Snippets                                                            */
/* ------------------------------------------------------------------ */

static void test_snippet_marks_original_text(void **state)
{
	struct search_index *idx = *state;
	struct search_result r = find(idx, "expedicion cesco");

	assert_true(r.count >= 1);
	assert_int_equal(r.hits[0].id, 1);
	assert_string_equal(r.hits[0].section, "description");
	assert_non_null(strstr(r.hits[0].snippet, "<mark>Expedición</mark>"));
	assert_non_null(strstr(r.hits[0].snippet, "<mark>CESCO</mark>"));
	assert_string_equal(r.hits[0].title, "Licencia de conducir");
	search_result_free(&r);
}

static void test_snippet_html_escaped(void **state)
{
	struct search_index *idx = search_index_new();
	struct svc s = { 1, "Ayuda", "<script>alert('x')</script> & \"pasaporte\"",
			 NULL, NULL, NULL, 0, 0, NULL };
	struct search_result r;

	(void)state;
	upsert_service(idx, &s);
	r = find(idx, "pasaporte");
	assert_int_equal(r.count, 1);
	assert_string_equal(r.hits[0].snippet,
			    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
			    "&amp; &quot;<mark>pasaporte</mark>&quot;");
	search_result_free(&r);
	search_index_free(idx);
}

static void test_snippet_window_long_text(void **state)
{
	struct search_index *idx = search_index_new();
	char text[4000];
	size_t n = 0;
	struct search_result r;

	(void)state;
	for (int i = 0; i < 150; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "palabra%d ",
				      i);
	snprintf(text + n, sizeof(text) - n, "\n\tel pasaporte vence. fin");
	struct svc s = { 1, "Ayuda", text, NULL, NULL, NULL, 0, 0, NULL };

	upsert_service(idx, &s);
	r = find(idx, "pasaporte");
	assert_int_equal(r.count, 1);
	if (!strstr(r.hits[0].snippet, "el <mark>pasaporte</mark> vence. fin"))
		fail_msg("snippet: %s", r.hits[0].snippet);
	assert_memory_equal(r.hits[0].snippet, "… ", strlen("… "));
	assert_true(strlen(r.hits[0].snippet) < 300);
	assert_null(strchr(r.hits[0].snippet, '\n'));
	search_result_free(&r);
	search_index_free(idx);
}

/* ------------------------------------------------------------------ */
/* Updates                                                             */
/* ------------------------------------------------------------------ */

static void test_upsert_replaces_document(void **state)
{
	struct search_index *idx = search_index_new();
	struct svc s = { 7, "Pasaporte", NULL, NULL, NULL, NULL, 0, 0, NULL };

	(void)state;
	upsert_service(idx, &s);
	assert_int_equal(service_rank(idx, "pasaporte", 7), 0);
	s.name = "Certificado de buena conducta";
	upsert_service(idx, &s);
	assert_int_equal(search_index_count(idx), 1);
	assert_int_equal(count_of(idx, "pasaporte"), 0);
	assert_int_equal(service_rank(idx, "conducta", 7), 0);
	assert_true(search_index_remove(idx, SEARCH_KIND_SERVICE, 7));
	assert_false(search_index_remove(idx, SEARCH_KIND_SERVICE, 7));
	assert_int_equal(count_of(idx, "conducta"), 0);
	assert_int_equal(search_index_count(idx), 0);
	search_index_free(idx);
}

static void test_removed_word_not_a_typo_target(void **state)
{
	struct search_index *idx = search_index_new();
	struct svc a = { 1, "Pasaporte", NULL, NULL, NULL, NULL, 0, 0, NULL };

	(void)state;
	upsert_service(idx, &a);
	assert_true(search_index_remove(idx, SEARCH_KIND_SERVICE, 1));
	assert_int_equal(count_of(idx, "pasaprote"), 0);
	assert_int_equal(count_of(idx, "pasap"), 0);
	search_index_free(idx);
}

static void test_same_id_other_kind_distinct(void **state)
{
	struct search_index *idx = search_index_new();
	struct svc s = { 5, "Pasaporte", NULL, NULL, NULL, NULL, 0, 0, NULL };

	(void)state;
	upsert_service(idx, &s);
	upsert_agency(idx, 5, "PAS", "Pasaporte federal", SEARCH_LEVEL_FEDERAL);
	assert_int_equal(search_index_count(idx), 2);
	assert_int_equal(count_of(idx, "pasaporte"), 2);
	assert_true(search_index_remove(idx, SEARCH_KIND_AGENCY, 5));
	assert_int_equal(count_of(idx, "pasaporte"), 1);
	search_index_free(idx);
}

static void test_invalid_document_rejected(void **state)
{
	struct search_index *idx = search_index_new();
	struct search_field f = { "name", "x", 0.0f, LANG_ES, 0 };
	struct search_doc d = { .kind = SEARCH_KIND_SERVICE, .id = 1,
				.fields = &f, .nfields = 1 };
	struct error err = { 0 };

	(void)state;
	assert_int_equal(search_index_upsert(idx, &d, &err), RC_INVALID);
	assert_string_equal(err.field, "weight");
	d.nfields = 0;
	assert_int_equal(search_index_upsert(idx, &d, &err), RC_INVALID);
	assert_string_equal(err.field, "fields");
	assert_int_equal(search_index_count(idx), 0);
	search_index_free(idx);
}

static void test_many_updates_compact(void **state)
{
	struct search_index *idx = search_index_new();
	char name[64];

	(void)state;
	/* 3000 replacements of 100 documents leave dead postings that
	 * compaction must drop without losing the live ones. */
	for (int round = 0; round < 30; round++) {
		for (int i = 1; i <= 100; i++) {
			snprintf(name, sizeof(name), "Servicio numero%d ronda%d",
				 i, round);
			struct svc s = { i, name, NULL, NULL, NULL, NULL, 0, 0,
					 NULL };

			upsert_service(idx, &s);
		}
	}
	assert_int_equal(search_index_count(idx), 100);
	assert_int_equal(count_of(idx, "ronda29"), 100);
	assert_int_equal(count_of(idx, "ronda3 "), 0);
	assert_int_equal(service_rank(idx, "numero42 ronda29", 42), 0);
	search_index_free(idx);
}

static void test_rebuild_replaces_all(void **state)
{
	struct search_index *idx = search_index_new();
	struct svc old = { 1, "Pasaporte", NULL, NULL, NULL, NULL, 0, 0, NULL };
	struct search_field f = { "name", "Licencia de pesca", SEARCH_WEIGHT_NAME,
				  LANG_ES, 0 };
	struct search_doc d = { .kind = SEARCH_KIND_SERVICE, .id = 2,
				.title = "Licencia de pesca", .fields = &f,
				.nfields = 1 };
	struct search_builder *b;
	struct error err = { 0 };

	(void)state;
	upsert_service(idx, &old);
	b = search_index_build_begin(idx);
	assert_int_equal(search_builder_add(b, &d, &err), RC_OK);
	assert_int_equal(search_builder_add(b, &d, &err), RC_CONFLICT);
	/* Queries still see the old index until the commit. */
	assert_int_equal(service_rank(idx, "pasaporte", 1), 0);
	search_index_build_commit(b);
	assert_int_equal(search_index_count(idx), 1);
	assert_int_equal(count_of(idx, "pasaporte"), 0);
	assert_int_equal(service_rank(idx, "pesca", 2), 0);
	assert_int_equal(service_rank(idx, "pezca", 2), 0);
	assert_int_equal(service_rank(idx, "pes", 2), 0);
	/* Upserts after a rebuild keep working. */
	upsert_service(idx, &old);
	assert_int_equal(service_rank(idx, "pasaporte", 1), 0);

	b = search_index_build_begin(idx);
	assert_int_equal(search_builder_add(b, &d, &err), RC_OK);
	search_builder_abort(b);
	assert_int_equal(search_index_count(idx), 2);
	search_index_free(idx);
}

struct reader_arg {
	struct search_index *idx;
	int found_stable; /* times the always-present document was found */
	int rounds;
};

static void *reader(void *p)
{
	struct reader_arg *a = p;

	for (int i = 0; i < a->rounds; i++) {
		struct search_result r = find(a->idx, "permanente");

		if (rank_of(&r, SEARCH_KIND_SERVICE, 1) >= 0)
			a->found_stable++;
		search_result_free(&r);
		r = find(a->idx, "temporal");
		search_result_free(&r);
	}
	return NULL;
}

static void test_concurrent_queries_and_writes(void **state)
{
	struct search_index *idx = search_index_new();
	struct svc stable = { 1, "Servicio permanente", NULL, NULL, NULL,
			      NULL, 0, 0, NULL };
	struct reader_arg args[3];
	pthread_t threads[3];

	(void)state;
	upsert_service(idx, &stable);
	for (int t = 0; t < 3; t++) {
		args[t] = (struct reader_arg){ idx, 0, 300 };
		assert_int_equal(pthread_create(&threads[t], NULL, reader,
						&args[t]),
				 0);
	}
	for (int i = 0; i < 600; i++) {
		struct svc s = { 2 + i % 50, "Servicio temporal", NULL, NULL,
				 NULL, NULL, 0, 0, NULL };

		if (i % 3 == 2)
			search_index_remove(idx, SEARCH_KIND_SERVICE, s.id);
		else
			upsert_service(idx, &s);
	}
	for (int t = 0; t < 3; t++) {
		assert_int_equal(pthread_join(threads[t], NULL), 0);
		assert_int_equal(args[t].found_stable, 300);
	}
	assert_int_equal(service_rank(idx, "permanente", 1), 0);
	search_index_free(idx);
}

static void test_low_tier_doc_outranks(void **state)
{
	struct search_index *idx = search_index_new();
	struct search_result r;
	char name[64];

	(void)state;
	/* Twenty names with one of the two words, and one service with both
	 * words in its requirements only: full coverage must win. */
	for (int i = 1; i <= 20; i++) {
		snprintf(name, sizeof(name), "Pasaporte tipo%d", i);
		struct svc s = { i, name, NULL, NULL, NULL, NULL, 0, 0, NULL };

		upsert_service(idx, &s);
	}
	struct svc both = { 99, "Ayuda general", NULL,
			    "Traiga el pasaporte y la planilla firmada.", NULL,
			    NULL, 0, 0, NULL };
	upsert_service(idx, &both);
	r = find(idx, "pasaporte planilla ");
	assert_true(r.count >= 1);
	assert_int_equal(r.hits[0].id, 99);
	assert_true(r.total_exact);
	search_result_free(&r);
	search_index_free(idx);
}

static void test_pruned_total_not_exact(void **state)
{
	struct search_index *idx = search_index_new();
	struct search_result r;
	char name[64];

	(void)state;
	for (int i = 1; i <= 30; i++) {
		snprintf(name, sizeof(name), "Pasaporte número%d", i);
		struct svc s = { i, name, NULL, NULL, NULL, NULL, 0, 0, NULL };

		upsert_service(idx, &s);
	}
	struct svc faq = { 99, "Ayuda general", NULL, NULL,
			   "¿Y el pasaporte? - Vea otra oficina.", NULL, 0, 0,
			   NULL };
	upsert_service(idx, &faq);
	r = find(idx, "pasaporte ");
	assert_int_equal(r.count, SEARCH_DEFAULT_LIMIT);
	assert_int_equal(rank_of(&r, SEARCH_KIND_SERVICE, 99), -1);
	/* The FAQ-only service was skipped, so the count is a lower bound. */
	assert_false(r.total_exact);
	assert_int_equal(r.total, 30);
	search_result_free(&r);
	search_index_free(idx);
}

/* Whether or not a query skips the low tiers, the first ten results must
 * be the same as those of a query for a hundred, synonyms included. */
static void test_pruning_keeps_top_results(void **state)
{
	static const char *const words[] = {
		"pasaporte", "licencia", "certificado", "planilla", "permiso",
		"agua", "luz", "querella", "oficina", "cita", "pago", "multa",
	};
	struct search_index *idx = search_index_new();
	uint64_t seed = 42;

	(void)state;
	for (int i = 1; i <= 400; i++) {
		char text[4][128];

		for (int f = 0; f < 4; f++) {
			size_t n = 0;

			text[f][0] = '\0';
			for (int w = 0; w < 1 + f * 2; w++) {
				seed = seed * 6364136223846793005ull + 1442695040888963407ull;
				n += (size_t)snprintf(text[f] + n, sizeof(text[f]) - n,
						      "%s ", words[(seed >> 33) % ARRAY_SIZE(words)]);
			}
		}
		struct svc s = { i, text[0], text[1], text[2], text[3], NULL, 0, 0,
				 NULL };
		upsert_service(idx, &s);
	}
	const char *g1[] = { "pago", "cita oficina" };
	const char *g2[] = { "multa", "querella agua luz" };
	struct search_synonym_group groups[] = { { g1, 2 }, { g2, 2 } };

	search_index_set_synonyms(idx, groups, ARRAY_SIZE(groups));
	for (size_t a = 0; a < ARRAY_SIZE(words); a++) {
		for (size_t b = 0; b < ARRAY_SIZE(words); b += 3) {
			char q[64];
			struct search_query small = { .text = q, .lang = -1, .limit = 10 };
			struct search_query big = { .text = q, .lang = -1, .limit = 100 };
			struct search_result rs, rb;

			snprintf(q, sizeof(q), "%s %s ", words[a], words[b]);
			rs = run(idx, &small);
			rb = run(idx, &big);
			assert_true(rs.count <= rb.count);
			for (size_t k = 0; k < rs.count; k++)
				if (rs.hits[k].id != rb.hits[k].id)
					fail_msg("'%s': rank %zu is %lld, with limit 100 %lld",
						 q, k, (long long)rs.hits[k].id,
						 (long long)rb.hits[k].id);
			search_result_free(&rs);
			search_result_free(&rb);
		}
	}
	search_index_free(idx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_case_and_accents_ignored, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_municipio_accents_folded, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_pena_finds_penuelas, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_enye_ranks_above_n, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_stem_spanish_and_english, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_typo_one_edit_four_letters, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_typo_two_edits_eight_letters, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_short_words_not_corrected, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_prefix_on_last_word, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_hyphenated_numbers, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_acronym_field_keeps_stopword, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_synonyms_and_acronyms, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_synonym_match_class, kb_setup, kb_teardown),
		cmocka_unit_test(test_rank_by_field),
		cmocka_unit_test(test_rank_exact_stem_typo),
		cmocka_unit_test_setup_teardown(test_rank_all_words_first, kb_setup, kb_teardown),
		cmocka_unit_test(test_rank_ties_stable),
		cmocka_unit_test_setup_teardown(test_filter_agency_and_level, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_filter_municipio_folded, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_filter_kind_and_lang, kb_setup, kb_teardown),
		cmocka_unit_test(test_limit_and_total),
		cmocka_unit_test_setup_teardown(test_empty_query_rejected, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_only_stopwords_searched, kb_setup, kb_teardown),
		cmocka_unit_test_setup_teardown(test_snippet_marks_original_text, kb_setup, kb_teardown),
		cmocka_unit_test(test_snippet_html_escaped),
		cmocka_unit_test(test_snippet_window_long_text),
		cmocka_unit_test(test_upsert_replaces_document),
		cmocka_unit_test(test_removed_word_not_a_typo_target),
		cmocka_unit_test(test_same_id_other_kind_distinct),
		cmocka_unit_test(test_invalid_document_rejected),
		cmocka_unit_test(test_many_updates_compact),
		cmocka_unit_test(test_rebuild_replaces_all),
		cmocka_unit_test(test_concurrent_queries_and_writes),
		cmocka_unit_test(test_low_tier_doc_outranks),
		cmocka_unit_test(test_pruned_total_not_exact),
		cmocka_unit_test(test_pruning_keeps_top_results),
	};

	return cmocka_run_group_tests_name("search_index", tests, NULL, NULL);
}
