/*
 * kb_bundled.c - the real content shipped with linea311 (see
 * kb_import.h): the agencies of Puerto Rico, the 78 municipios as
 * municipal agencies, and the content office's template describing the
 * 3-1-1 line itself, owned by the agency that runs the line.
 */
#include "core/common.h"
#include "core/clock.h"
#include "core/embedded.h"
#include "app/kb_import.h"
#include "domain/civil_time.h"
#include "domain/kb.h"
#include "domain/municipio.h"
#include "store/kb.h"

/* The agency that runs the 3-1-1 line (the document's "Junta de Gobierno
 * del Servicio 9-1-1", since 2017 this bureau of the Department of
 * Public Safety). */
#define LINE_AGENCY "NSE911"
#define LINE_AGENCY_LICENCES 25

static int load_municipios(struct app *app, long long *created, struct error *err)
{
	int rc = RC_OK;

	for (size_t i = 0; !rc && i < municipio_count(); i++) {
		char name[128];
		long long id;
		json_t *body, *valid = NULL;

		snprintf(name, sizeof(name), "Municipio de %s", municipio_name(i));
		if (store_agency_find(app->store, NULL, name, &id, NULL) == RC_OK)
			continue;
		body = json_pack("{s{ssss}ssss}", "name", "es", name, "en", name,
				 "level", "municipal", "municipio", municipio_name(i));
		rc = agency_validate(body, NULL, &valid, err);
		if (!rc)
			rc = store_agency_create(app->store, valid, &id, err);
		if (!rc)
			(*created)++;
		json_decref(body);
		json_decref(valid);
	}
	return rc;
}

/* Mark the line's own agency integrated: its onboarding is complete by
 * definition, dated the day of the installation. */
static int integrate_line_agency(struct app *app, long long *id, struct error *err)
{
	char today[CIVIL_DATE_LEN];
	json_t *current = NULL, *patch, *valid = NULL;
	int rc;

	rc = store_agency_find(app->store, LINE_AGENCY, NULL, id, err);
	if (!rc)
		rc = store_agency_get(app->store, *id, &current, err);
	if (rc)
		return rc;
	if (!strcmp(json_string_value(json_object_get(current, "integration_status")), "integrated")) {
		json_decref(current);
		return RC_OK;
	}
	civil_date_format(civil_local_date(clock_now()), today);
	patch = json_pack("{sssI}", "integration_status", "integrated", "licences",
			  (json_int_t)LINE_AGENCY_LICENCES);
	json_t *steps = json_object();
	for (const char *const *s = agency_onboarding_steps; *s; s++)
		json_object_set_new(steps, *s, json_string(today));
	json_object_set_new(patch, "onboarding", steps);
	static const char *const readonly[] = { "id", "archived", "created_at", "updated_at" };
	for (size_t i = 0; i < ARRAY_SIZE(readonly); i++)
		json_object_del(current, readonly[i]);
	rc = agency_validate(patch, current, &valid, err);
	if (!rc)
		rc = store_agency_update(app->store, *id, valid, err);
	json_decref(patch);
	json_decref(current);
	json_decref(valid);
	return rc;
}

/* Return true when the agency already has a service (the seed was loaded
 * by an earlier run). */
static bool has_services(struct app *app, long long agency_id)
{
	struct service_filter f = { .agency_id = agency_id, .status = "any", .referrals_allowed = -1 };
	struct page page = { 1, 0 };
	json_t *out = NULL;
	bool any;

	if (store_service_list(app->store, &f, &page, &out, NULL))
		return false;
	any = json_array_size(json_object_get(out, "items")) > 0;
	json_decref(out);
	return any;
}

int kb_load_bundled(struct app *app, json_t **report, struct error *err)
{
	const struct embedded_file *agencies = embedded_find("bundled/agencias-pr.csv");
	const struct embedded_file *seed = embedded_find("bundled/plantilla-integracion-311.txt");
	json_t *csv_report = NULL, *tpl_report = NULL;
	long long municipios = 0, line_agency = 0, service = 0;
	int rc;

	BUG_ON(!agencies || !seed);
	rc = kb_import_csv(app, "agencias-pr.csv", (const char *)agencies->data,
			   agencies->len, &csv_report, err);
	if (rc)
		return rc;

	rc = store_begin(app->store, err);
	if (!rc) {
		rc = load_municipios(app, &municipios, err);
		if (!rc)
			rc = integrate_line_agency(app, &line_agency, err);
		if (rc)
			store_rollback(app->store);
		else
			rc = store_commit(app->store, err);
	}
	if (rc)
		goto out;

	if (!has_services(app, line_agency)) {
		struct template_import opt = {
			.agency_id = line_agency,
			.publish = true,
			.referrals_allowed = true,
			.actor = "init",
		};

		rc = kb_import_template(app, "plantilla-integracion-311.txt",
					(const char *)seed->data, seed->len, &opt,
					&service, &tpl_report, err);
		if (rc)
			goto out;
	}
	app_kb_changed(app, "all", 0);
	*report = json_pack("{sOsIsIsIso?}", "agencies", csv_report, "municipios",
			    (json_int_t)municipios, "line_agency_id", (json_int_t)line_agency,
			    "service_id", (json_int_t)service, "template", tpl_report);
	tpl_report = NULL;
out:
	json_decref(csv_report);
	json_decref(tpl_report);
	return rc;
}
