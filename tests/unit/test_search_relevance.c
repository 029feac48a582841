/*
 * Relevance of operator search over real content: the bundled agencies,
 * municipios and 3-1-1 template loaded as `init --bundled` does, plus
 * generated services (tests/corpus/search_corpus.h) published through the
 * store, indexed by the same code as the server. Each query of the table
 * names the result an operator expects; the test prints every miss and
 * the share of queries whose expected result is in the top three, and
 * fails below 95%.
 */
#include "core/common.h"
#include "app/app.h"
#include "app/kb_import.h"
#include "app/search_sync.h"
#include "core/config.h"
#include "domain/kb.h"
#include "search/index.h"
#include "store/kb.h"

#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>

#include "corpus/search_corpus.h"

/* Variants 0..2 of every topic: the base service, "Renovación de ..." and
 * "Duplicado de ...". */
#define GENERATED (CORPUS_TOPICS * 3)
#define MIN_HIT_RATE 0.95

struct expected {
	const char *query;
	/* "svc:KEY:VARIANT", "agency:ACRONYM", "muni:NAME" or "seed" */
	const char *target;
};

static const struct expected table[] = {
	/* Spanish, with and without accents */
	{ "licencia de conducir", "svc:licencia-conducir:0" },
	{ "certificado de nacimiento", "svc:certificado-nacimiento:0" },
	{ "certificado de matrimonio", "svc:certificado-matrimonio:0" },
	{ "certificado defuncion", "svc:certificado-defuncion:0" },
	{ "antecedentes penales", "svc:antecedentes-penales:0" },
	{ "buena conducta", "svc:antecedentes-penales:0" },
	{ "licencia de armas", "svc:licencia-armas:0" },
	{ "marbete", "svc:marbete:0" },
	{ "multas de transito", "svc:multas-transito:0" },
	{ "baches", "svc:baches:0" },
	{ "querella policia", "svc:querella-policia:0" },
	{ "inspeccion incendios bomberos", "svc:inspeccion-incendios:0" },
	{ "refugios huracán", "svc:huracanes:0" },
	{ "planilla contribucion ingresos", "svc:planilla:0" },
	{ "reintegro", "svc:reintegro:0" },
	{ "registro de comerciantes", "svc:comerciante:0" },
	{ "IVU", "svc:comerciante:0" },
	{ "contribucion sobre la propiedad", "svc:crim-propiedad:0" },
	{ "sin agua", "svc:agua-interrupcion:0" },
	{ "salidero", "svc:salidero:0" },
	{ "averia electrica", "svc:averia-electrica:0" },
	{ "apagón", "svc:averia-electrica:0" },
	{ "factura de luz", "svc:factura-luz:0" },
	{ "plan vital", "svc:plan-vital:0" },
	{ "reforma de salud", "svc:plan-vital:0" },
	{ "salud mental", "svc:linea-pas:0" },
	{ "vacunas", "svc:vacunas:0" },
	{ "WIC", "svc:wic:0" },
	{ "cupones", "svc:pan:0" },
	{ "pension alimentaria", "svc:pension-alimentaria:0" },
	{ "maltrato de menores", "svc:maltrato-menores:0" },
	{ "matricula escolar", "svc:matricula-escolar:0" },
	{ "transcripción de créditos", "svc:transcripcion-creditos:0" },
	{ "seguro por desempleo", "svc:desempleo:0" },
	{ "ferias de empleo", "svc:empleo:0" },
	{ "querella consumidor", "svc:querella-consumidor:0" },
	{ "precio gasolina", "svc:precios-gasolina:0" },
	{ "orden de proteccion", "svc:orden-proteccion:0" },
	{ "apostilla", "svc:apostilla:0" },
	{ "registro de corporaciones", "svc:corporaciones:0" },
	{ "vivienda publica", "svc:vivienda-publica:0" },
	{ "licencia de pesca", "svc:licencia-pesca:0" },
	{ "licencia caza", "svc:licencia-caza:0" },
	{ "poda de arboles", "svc:corte-arboles:0" },
	{ "permiso de uso", "svc:permiso-uso:0" },
	{ "permiso de construccion", "svc:permiso-construccion:0" },
	{ "canchas y parques", "svc:instalaciones-deportivas:0" },
	{ "inscripcion electoral", "svc:inscripcion-electoral:0" },
	{ "accidente de auto", "svc:acaa:0" },
	{ "accidente del trabajo", "svc:cfse:0" },
	{ "rehabilitacion vocacional", "svc:rehabilitacion-vocacional:0" },
	{ "procurador del ciudadano", "svc:procurador:0" },
	{ "tarjeta de seguro social", "svc:tarjeta-seguro-social:0" },
	{ "jubilacion", "svc:retiro-ssa:0" },
	{ "pasaporte", "svc:pasaporte:0" },
	{ "apartado postal", "svc:apartado-postal:0" },
	{ "asistencia por desastre", "svc:fema:0" },
	{ "veteranos", "svc:veteranos:0" },
	{ "ciudadania", "svc:ciudadania:0" },
	{ "sección 8", "svc:seccion-8:0" },
	{ "recogido de escombros", "svc:escombros:0" },
	{ "basura", "svc:basura:0" },
	{ "alumbrado publico", "svc:alumbrado:0" },
	{ "perros realengos", "svc:animales-realengos:0" },
	{ "patente municipal", "svc:patente:0" },
	/* Variants */
	{ "renovacion licencia de conducir", "svc:licencia-conducir:1" },
	{ "duplicado certificado nacimiento", "svc:certificado-nacimiento:2" },
	{ "duplicado tarjeta seguro social", "svc:tarjeta-seguro-social:2" },
	/* Typos */
	{ "lisencia de conducir", "svc:licencia-conducir:0" },
	{ "certificdo de nacimiento", "svc:certificado-nacimiento:0" },
	{ "pasaprte", "svc:pasaporte:0" },
	{ "desempelo", "svc:desempleo:0" },
	{ "matricla escolar", "svc:matricula-escolar:0" },
	{ "antesedentes penales", "svc:antecedentes-penales:0" },
	{ "vivenda publica", "svc:vivienda-publica:0" },
	{ "inscripsion electoral", "svc:inscripcion-electoral:0" },
	{ "pension alimentaira", "svc:pension-alimentaria:0" },
	{ "contribusion propiedad", "svc:crim-propiedad:0" },
	/* English */
	{ "driver's license", "svc:licencia-conducir:0" },
	{ "birth certificate", "svc:certificado-nacimiento:0" },
	{ "marriage certificate", "svc:certificado-matrimonio:0" },
	{ "death certificate", "svc:certificado-defuncion:0" },
	{ "good conduct certificate", "svc:antecedentes-penales:0" },
	{ "power outage", "svc:averia-electrica:0" },
	{ "water leak", "svc:salidero:0" },
	{ "food stamps", "svc:pan:0" },
	{ "child support", "svc:pension-alimentaria:0" },
	{ "unemployment insurance", "svc:desempleo:0" },
	{ "school enrollment", "svc:matricula-escolar:0" },
	{ "fishing license", "svc:licencia-pesca:0" },
	{ "voter registration", "svc:inscripcion-electoral:0" },
	{ "passport application", "svc:pasaporte:0" },
	{ "green card", "svc:residencia:0" },
	{ "social security card", "svc:tarjeta-seguro-social:0" },
	{ "veterans benefits", "svc:veteranos:0" },
	{ "disaster assistance", "svc:fema:0" },
	{ "pothole", "svc:baches:0" },
	{ "public housing", "svc:vivienda-publica:0" },
	/* Acronyms */
	{ "DTOP", "agency:DTOP" },
	{ "cesco", "agency:CESCO" },
	{ "ASUME", "agency:ASUME" },
	{ "daco", "agency:DACO" },
	{ "AEE", "agency:AEE" },
	{ "AAA", "agency:AAA" },
	{ "CRIM", "agency:CRIM" },
	{ "fema", "agency:FEMA" },
	{ "IRS", "agency:IRS" },
	{ "dtop licencia", "svc:licencia-conducir:0" },
	{ "aee averia", "svc:averia-electrica:0" },
	{ "asume pension", "svc:pension-alimentaria:0" },
	{ "ssa jubilacion", "svc:retiro-ssa:0" },
	{ "AAA salidero", "svc:salidero:0" },
	/* Municipios and the bundled template */
	{ "mayaguez", "muni:Mayagüez" },
	{ "penuelas", "muni:Peñuelas" },
	{ "peña", "muni:Peñuelas" },
	{ "anasco", "muni:Añasco" },
	{ "loiza", "muni:Loíza" },
	{ "rio grande", "muni:Río Grande" },
	{ "311", "seed" },
	{ "3-1-1 integracion", "seed" },
	{ "agencias integrarse al 3-1-1", "seed" },
	{ "negociado sistemas emergencias", "agency:NSE911" },
	/* Half-typed last word */
	{ "licencia de cond", "svc:licencia-conducir:0" },
	{ "certificado de naci", "svc:certificado-nacimiento:0" },
	{ "pasap", "svc:pasaporte:0" },
	{ "matric", "svc:matricula-escolar:0" },
};

struct fixture {
	char dir[64];
	struct config cfg;
	struct app app;
	long long ids[GENERATED]; /* store id of generated service i */
	long long seed_id;
};

static long long agency_id(struct app *app, const char *acronym)
{
	struct error err;
	long long id = 0;

	if (store_agency_find(app->store, acronym, NULL, &id, &err))
		fail_msg("agency %s: %s", acronym, err.message_en);
	return id;
}

static long long municipio_agency_id(struct app *app, const char *municipio)
{
	char name[128];
	struct error err;
	long long id = 0;

	snprintf(name, sizeof(name), "Municipio de %s", municipio);
	if (store_agency_find(app->store, NULL, name, &id, &err))
		fail_msg("agency %s: %s", name, err.message_en);
	return id;
}

/* Split "¿Q? - A ¿Q2? - A2" at the first " - " into one question and one
 * answer (the rest). */
static json_t *faq_json(const char *faq)
{
	const char *dash = strstr(faq, " - ");
	char *q = dash ? xstrndup(faq, (size_t)(dash - faq)) : xstrdup(faq);
	json_t *item = json_pack("[{s{ss}s{ss}}]", "question", "es", q, "answer",
				 "es", dash ? dash + 3 : "-");

	free(q);
	return item;
}

static long long publish_generated(struct app *app,
				   const struct corpus_service *s)
{
	const char *acronym = s->topic->agency;
	long long agency = acronym ? agency_id(app, acronym)
				   : municipio_agency_id(app, "San Juan");
	json_t *body = json_pack(
		"{sIsbsis{ssss}s{s{ssss}s{ss}s{ss}s{ss}s{ss}s{ss}so}}",
		"agency_id", (json_int_t)agency, "referrals_allowed", 0,
		"sla2_days", 30, "name", "es", strbuf_str(&s->name_es), "en",
		strbuf_str(&s->name_en), "template", "description", "es",
		strbuf_str(&s->description), "en", s->topic->detail_en,
		"audience", "es", strbuf_str(&s->audience), "considerations",
		"es", strbuf_str(&s->considerations), "location_hours", "es",
		strbuf_str(&s->place), "cost_payment", "es", strbuf_str(&s->cost),
		"requirements", "es", strbuf_str(&s->requirements), "faq",
		faq_json(strbuf_str(&s->faq)));
	static const char *const steps[] = { "in_review", "approved", "published" };
	json_t *valid = NULL;
	struct error err;
	long long id = 0;

	if (!body)
		fail_msg("could not build the body of service %lld", (long long)s->id);
	if (service_validate(body, NULL, &valid, &err))
		fail_msg("service %lld: %s %s", (long long)s->id, err.field,
			 err.message_en);
	if (store_service_create(app->store, valid, "test", &id, &err))
		fail_msg("create %lld: %s", (long long)s->id, err.message_en);
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++)
		if (store_service_set_status(app->store, id, steps[i], "test", &err))
			fail_msg("status %s: %s", steps[i], err.message_en);
	json_decref(valid);
	json_decref(body);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct corpus_service s = { 0 };
	struct error err;
	json_t *report = NULL;

	snprintf(f->dir, sizeof(f->dir), "/tmp/linea311-relevance-XXXXXX");
	if (!mkdtemp(f->dir))
		fail_msg("mkdtemp: %s", strerror(errno));
	config_init(&f->cfg);
	assert_int_equal(config_set(&f->cfg, "data", f->dir, &err), RC_OK);
	if (app_open(&f->app, &f->cfg, &err))
		fail_msg("app_open: %s", err.message_en);
	if (kb_load_bundled(&f->app, &report, &err))
		fail_msg("bundled: %s", err.message_en);
	json_decref(report);

	assert_int_equal(store_begin(f->app.store, &err), RC_OK);
	for (size_t i = 0; i < GENERATED; i++) {
		corpus_service_make(311, i, &s);
		f->ids[i] = publish_generated(&f->app, &s);
	}
	corpus_service_release(&s);
	assert_int_equal(store_commit(f->app.store, &err), RC_OK);
	if (search_sync_build(&f->app, &err))
		fail_msg("index: %s", err.message_en);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	app_close(&f->app);
	config_release(&f->cfg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(f);
	return 0;
}

/* Resolve a target to (kind, id). */
static void resolve(struct fixture *f, const char *target,
		    enum search_kind *kind, long long *id)
{
	char key[64];
	unsigned variant;

	if (!strcmp(target, "seed")) {
		*kind = SEARCH_KIND_SERVICE;
		*id = 1; /* the bundled template is the first service */
	} else if (!strncmp(target, "agency:", 7)) {
		*kind = SEARCH_KIND_AGENCY;
		*id = agency_id(&f->app, target + 7);
	} else if (!strncmp(target, "muni:", 5)) {
		*kind = SEARCH_KIND_AGENCY;
		*id = municipio_agency_id(&f->app, target + 5);
	} else if (sscanf(target, "svc:%63[^:]:%u", key, &variant) == 2) {
		int64_t n = corpus_id_of(key, variant);

		if (n < 1 || n > (int64_t)GENERATED)
			fail_msg("unknown target %s", target);
		*kind = SEARCH_KIND_SERVICE;
		*id = f->ids[n - 1];
	} else {
		fail_msg("malformed target %s", target);
	}
}

static void test_relevance_top3(void **state)
{
	struct fixture *f = *state;
	size_t hits = 0, first = 0;

	assert_true(ARRAY_SIZE(table) >= 60);
	for (size_t i = 0; i < ARRAY_SIZE(table); i++) {
		struct search_query q = { .text = table[i].query, .lang = -1,
					  .limit = 3 };
		struct search_result r;
		struct error err;
		enum search_kind kind = SEARCH_KIND_SERVICE;
		long long id = 0;
		int rank = -1;

		resolve(f, table[i].target, &kind, &id);
		if (search_index_query(f->app.search, &q, &r, &err))
			fail_msg("query %s: %s", table[i].query, err.message_en);
		for (size_t k = 0; k < r.count; k++)
			if (r.hits[k].kind == kind && r.hits[k].id == id)
				rank = (int)k;
		if (rank >= 0) {
			hits++;
			first += rank == 0;
		} else {
			printf("relevance: MISS \"%s\" (expected %s):", table[i].query,
			       table[i].target);
			for (size_t k = 0; k < r.count; k++)
				printf(" [%s] %s;", search_kind_name(r.hits[k].kind),
				       r.hits[k].title);
			printf("\n");
		}
		search_result_free(&r);
	}
	printf("relevance: %zu of %zu queries have the expected result in the "
	       "top 3 (%.1f%%), %zu of them first\n",
	       hits, ARRAY_SIZE(table), 100.0 * (double)hits / ARRAY_SIZE(table),
	       first);
	assert_true((double)hits >= MIN_HIT_RATE * (double)ARRAY_SIZE(table));
}

/* A published service is found at once; changed, it is found by its new
 * words only; archived, it is gone. */
static void test_index_follows_writes(void **state)
{
	struct fixture *f = *state;
	struct search_query q = { .text = "zarzaparrilla", .lang = -1 };
	struct search_result r;
	struct error err;
	json_t *svc, *body, *change = json_object(), *valid = NULL;
	long long id = f->ids[0];

	assert_int_equal(store_service_get(f->app.store, id, SERVICE_PUBLISHED,
					   0, &svc, &err),
			 RC_OK);
	body = json_pack("{sOsOsOs{ss}sO}", "agency_id",
			 json_object_get(svc, "agency_id"), "referrals_allowed",
			 json_object_get(svc, "referrals_allowed"), "sla2_days",
			 json_object_get(svc, "sla2_days"), "name", "es",
			 "Licencia de zarzaparrilla", "template",
			 json_object_get(svc, "template"));
	if (service_validate(body, NULL, &valid, &err))
		fail_msg("validate: %s %s", err.field, err.message_en);
	json_decref(body);
	assert_int_equal(store_begin(f->app.store, &err), RC_OK);
	assert_int_equal(store_service_update(f->app.store, id, valid, "test",
					      change, &err),
			 RC_OK);
	json_decref(change);
	assert_int_equal(store_commit(f->app.store, &err), RC_OK);
	app_kb_changed(&f->app, "service", id);
	/* A draft is not what operators see. */
	assert_int_equal(search_index_query(f->app.search, &q, &r, &err), RC_OK);
	assert_int_equal(r.total, 0);
	search_result_free(&r);

	assert_int_equal(store_begin(f->app.store, &err), RC_OK);
	assert_int_equal(store_service_set_status(f->app.store, id, "in_review",
						  "test", &err),
			 RC_OK);
	assert_int_equal(store_service_set_status(f->app.store, id, "approved",
						  "test", &err),
			 RC_OK);
	assert_int_equal(store_service_set_status(f->app.store, id, "published",
						  "test", &err),
			 RC_OK);
	assert_int_equal(store_commit(f->app.store, &err), RC_OK);
	app_kb_changed(&f->app, "service", id);
	assert_int_equal(search_index_query(f->app.search, &q, &r, &err), RC_OK);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.hits[0].id, id);
	search_result_free(&r);

	assert_int_equal(store_begin(f->app.store, &err), RC_OK);
	assert_int_equal(store_service_set_status(f->app.store, id, "archived",
						  "test", &err),
			 RC_OK);
	assert_int_equal(store_commit(f->app.store, &err), RC_OK);
	app_kb_changed(&f->app, "service", id);
	assert_int_equal(search_index_query(f->app.search, &q, &r, &err), RC_OK);
	assert_int_equal(r.total, 0);
	search_result_free(&r);
	json_decref(svc);
	json_decref(valid);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relevance_top3),
		cmocka_unit_test(test_index_follows_writes),
	};

	return cmocka_run_group_tests_name("search_relevance", tests, setup,
					   teardown);
}
