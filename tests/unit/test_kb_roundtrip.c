/* test_kb_roundtrip.c - the knowledge base exported as JSON and imported
 * into an empty store exports again to the same document. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>

#include "domain/kb.h"
#include "store/kb.h"

static struct store *open_temp(char *dir)
{
	struct store *store = NULL;
	struct error err;

	assert_non_null(mkdtemp(dir));
	assert_int_equal(store_open(dir, &store, &err), RC_OK);
	return store;
}

static long long add(struct store *store, int (*validate)(json_t *, json_t *, json_t **, struct error *),
		     int (*create)(struct store *, json_t *, long long *, struct error *),
		     const char *body)
{
	json_t *in = json_loads(body, 0, NULL), *valid = NULL;
	struct error err;
	long long id = 0;

	assert_non_null(in);
	assert_int_equal(validate(in, NULL, &valid, &err), RC_OK);
	assert_int_equal(create(store, valid, &id, &err), RC_OK);
	json_decref(in);
	json_decref(valid);
	return id;
}

static void fill(struct store *store)
{
	struct error err;
	long long agency, child, service;
	json_t *in, *valid = NULL;

	assert_int_equal(store_begin(store, &err), RC_OK);
	agency = add(store, agency_validate, store_agency_create,
		     "{\"acronym\": \"DS\", \"name\": {\"es\": \"Departamento de Salud\", \"en\": \"Department of Health\"},"
		     " \"level\": \"state\", \"contacts\": [{\"name\": \"Íñigo Núñez\", \"email\": \"in@salud.pr.gov\"}]}");
	child = add(store, agency_validate, store_agency_create,
		    "{\"name\": {\"es\": \"Registro Demográfico\"}, \"level\": \"state\", \"parent_id\": 1}");
	assert_int_equal(child, 2);
	add(store, office_validate, store_office_create,
	    "{\"agency_id\": 1, \"name\": {\"es\": \"Oficina de Añasco\"}, \"municipio\": \"Añasco\","
	    " \"latitude\": 18.2826, \"longitude\": -67.1396, \"phones\": [\"787-555-0101\"],"
	    " \"hours\": {\"mon\": [{\"open\": \"07:30\", \"close\": \"15:30\"}]}}");
	in = json_pack("{sIsbsis{ss}s{s{ss}s[{s{ss}s{ss}}]}}", "agency_id", (json_int_t)agency,
		       "referrals_allowed", 1, "sla2_days", 10, "name", "es", "Certificado de nacimiento",
		       "template", "description", "es", "Copia certificada del acta de nacimiento.",
		       "faq", "question", "es", "¿Cuánto cuesta?", "answer", "es", "$5.00");
	assert_non_null(in);
	assert_int_equal(service_validate(in, NULL, &valid, &err), RC_OK);
	assert_int_equal(store_service_create(store, valid, "tester", &service, &err), RC_OK);
	assert_int_equal(store_service_set_status(store, service, "in_review", "tester", &err), RC_OK);
	assert_int_equal(store_commit(store, &err), RC_OK);
	json_decref(in);
	json_decref(valid);
}

static void export_import_export_is_identity(void **state)
{
	char dir1[] = "/tmp/linea311-rt1-XXXXXX", dir2[] = "/tmp/linea311-rt2-XXXXXX";
	struct store *a = open_temp(dir1), *b = open_temp(dir2);
	json_t *first = NULL, *second = NULL;
	struct error err;
	char *text;

	(void)state;
	fill(a);
	assert_int_equal(store_kb_export(a, &first, &err), RC_OK);
	assert_int_equal(json_array_size(json_object_get(first, "agencies")), 2);
	assert_int_equal(json_array_size(json_object_get(json_array_get(
		json_object_get(first, "services"), 0), "versions")), 2);

	/* Through text, as the files on disk are. */
	text = json_dumps(first, JSON_INDENT(1));
	json_t *reread = json_loads(text, 0, NULL);
	free(text);
	assert_int_equal(store_begin(b, &err), RC_OK);
	assert_int_equal(store_kb_import(b, reread, &err), RC_OK);
	assert_int_equal(store_commit(b, &err), RC_OK);
	assert_int_equal(store_kb_export(b, &second, &err), RC_OK);
	assert_true(json_equal(first, second));

	/* A second import collides with the same ids and leaves b as it was. */
	assert_int_equal(store_begin(b, &err), RC_OK);
	assert_int_not_equal(store_kb_import(b, reread, &err), RC_OK);
	store_rollback(b);
	json_decref(second);
	assert_int_equal(store_kb_export(b, &second, &err), RC_OK);
	assert_true(json_equal(first, second));

	json_decref(reread);
	json_decref(first);
	json_decref(second);
	store_close(a);
	store_close(b);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s %s", dir1, dir2);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(export_import_export_is_identity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
