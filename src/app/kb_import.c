/* kb_import.c - loading content into the knowledge base (see kb_import.h). */
#include "core/common.h"
#include "core/clock.h"
#include "core/embedded.h"
#include "core/log.h"
#include "app/kb_import.h"
#include "domain/civil_time.h"
#include "domain/csv.h"
#include "domain/kb.h"
#include "domain/municipio.h"
#include "domain/template.h"
#include "domain/template_parse.h"
#include "domain/validate.h"
#include "store/kb.h"

#include <ctype.h>
#include <strings.h>

/* Prefix err's messages with "file: " (and the line when known). */
static int locate(struct error *err, const char *file, unsigned line)
{
	char es[300], en[300];

	if (line) {
		snprintf(es, sizeof(es), "%s, línea %u: ", file, line);
		snprintf(en, sizeof(en), "%s, line %u: ", file, line);
	} else {
		snprintf(es, sizeof(es), "%s: ", file);
		snprintf(en, sizeof(en), "%s: ", file);
	}
	error_prefix(err, es, en);
	return err->rc;
}

int kb_find_agency(struct app *app, const char *id_or_acronym, long long *id,
		   struct error *err)
{
	char *end;
	long long n;
	json_t *agency;

	errno = 0;
	n = strtoll(id_or_acronym, &end, 10);
	if (!errno && !*end && end != id_or_acronym && n > 0) {
		if (store_agency_get(app->store, n, &agency, err))
			return err->rc;
		json_decref(agency);
		*id = n;
		return RC_OK;
	}
	return store_agency_find(app->store, id_or_acronym, NULL, id, err);
}

/* ---- templates ---- */

static int publish(struct store *store, long long id, const char *actor,
		   struct error *err)
{
	static const char *const steps[] = { "in_review", "approved", "published" };
	int rc = RC_OK;

	for (size_t i = 0; !rc && i < ARRAY_SIZE(steps); i++)
		rc = store_service_set_status(store, id, steps[i], actor, err);
	return rc;
}

int kb_import_template(struct app *app, const char *file, const char *text,
		       size_t len, const struct template_import *opt,
		       long long *id, json_t **report, struct error *err)
{
	json_t *doc = NULL, *unplaced = NULL, *body = NULL, *service = NULL;
	json_t *sections, *tpl;
	int rc;

	rc = template_parse(text, len, &doc, &unplaced, err);
	if (rc)
		return locate(err, file, 0);

	body = json_pack("{sIsbsIsOsO}", "agency_id", (json_int_t)opt->agency_id,
			 "referrals_allowed", opt->referrals_allowed, "sla2_days",
			 (json_int_t)(opt->sla2_days ? opt->sla2_days : 30), "name",
			 json_object_get(doc, "name"), "template",
			 json_object_get(doc, "template"));
	rc = service_validate(body, NULL, &service, err);
	if (rc) {
		locate(err, file, 0);
		goto out;
	}

	rc = store_begin(app->store, err);
	if (rc)
		goto out;
	if (opt->service_id > 0) {
		json_t *change = json_pack("{sss[s]}", "action", "imported", "fields", "template");

		*id = opt->service_id;
		rc = store_service_update(app->store, *id, service, opt->actor, change, err);
		json_decref(change);
	} else {
		rc = store_service_create(app->store, service, opt->actor, id, err);
	}
	if (!rc && opt->publish)
		rc = publish(app->store, *id, opt->actor, err);
	if (rc) {
		store_rollback(app->store);
		locate(err, file, 0);
		goto out;
	}
	rc = store_commit(app->store, err);
	if (rc)
		goto out;
	app_kb_changed(app, "service", *id);

	sections = json_array();
	tpl = json_object_get(doc, "template");
	for (size_t i = 0; i < TEMPLATE_SECTION_COUNT; i++) {
		json_t *v = json_object_get(tpl, template_sections[i].key);

		if ((json_is_array(v) && json_array_size(v)) ||
		    json_is_string(json_object_get(v, "es")))
			json_array_append_new(sections, json_string(template_sections[i].key));
	}
	*report = json_pack("{sssIsosO}", "file", file, "service_id", (json_int_t)*id,
			    "sections", sections, "unplaced", unplaced);
out:
	json_decref(doc);
	json_decref(unplaced);
	json_decref(body);
	json_decref(service);
	return rc;
}

/* ---- the knowledge base as JSON ---- */

/* Validate an exported item with the API's validator, ignoring the
 * members that only an export carries. */
static int check_item(int (*validate)(json_t *, json_t *, json_t **, struct error *),
		      json_t *item, const char *path, struct error *err)
{
	static const char *const exported[] = {
		"id", "archived", "created_at", "updated_at",
	};
	json_t *copy, *out = NULL;
	int rc;

	if (!json_is_object(item))
		return error_set(err, RC_INVALID, "invalid_type", path,
				 "«%s» debe ser un objeto.", "\"%s\" must be an object.", path);
	if (!json_is_integer(json_object_get(item, "id")))
		return error_set(err, RC_INVALID, "missing_field", path,
				 "«%s» no tiene un «id» entero.", "\"%s\" has no integer \"id\".", path);
	copy = json_deep_copy(item);
	for (size_t i = 0; i < ARRAY_SIZE(exported); i++)
		json_object_del(copy, exported[i]);
	rc = validate(copy, NULL, &out, err);
	json_decref(copy);
	json_decref(out);
	if (rc)
		error_prefix_field(err, path);
	return rc;
}

static int check_services(json_t *services, struct error *err)
{
	json_t *s, *v;
	size_t i, j;

	if (!json_is_array(services))
		return error_set(err, RC_INVALID, "invalid_type", "services",
				 "«services» debe ser una lista.", "\"services\" must be a list.");
	json_array_foreach(services, i, s) {
		char path[64];
		json_t *versions = json_object_get(s, "versions");

		snprintf(path, sizeof(path), "services[%zu]", i);
		if (!json_is_integer(json_object_get(s, "id")) ||
		    !json_is_integer(json_object_get(s, "agency_id")) ||
		    !json_is_integer(json_object_get(s, "version")) ||
		    !json_is_array(versions) || json_array_size(versions) == 0)
			return error_set(err, RC_INVALID, "invalid_service", path,
					 "«%s» necesita id, agency_id, version y una lista «versions» no vacía.",
					 "\"%s\" needs id, agency_id, version and a non-empty \"versions\" list.",
					 path);
		if (check_enum(s, "status", path, true, content_statuses, err))
			return err->rc;
		json_array_foreach(versions, j, v) {
			char vpath[96];

			snprintf(vpath, sizeof(vpath), "%s.versions[%zu]", path, j);
			if (!json_is_integer(json_object_get(v, "version")) ||
			    !json_is_string(json_object_get(v, "changed_by")) ||
			    !json_is_string(json_object_get(v, "changed_at")))
				return error_set(err, RC_INVALID, "invalid_version", vpath,
						 "«%s» necesita version, changed_by y changed_at.",
						 "\"%s\" needs version, changed_by and changed_at.", vpath);
			if (check_enum(v, "status", vpath, true, content_statuses, err))
				return err->rc;
			if (template_validate_service(json_object_get(v, "document"), err)) {
				char doc_path[128];

				snprintf(doc_path, sizeof(doc_path), "%s.document", vpath);
				error_prefix_field(err, doc_path);
				return err->rc;
			}
		}
	}
	return RC_OK;
}

int kb_import_json(struct app *app, const char *file, const char *text,
		   size_t len, json_t **report, struct error *err)
{
	json_error_t jerr;
	json_t *kb, *item;
	size_t i;
	int rc = RC_OK;

	kb = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!kb) {
		error_set(err, RC_INVALID, "invalid_json", NULL,
			  "columna %d: el JSON no es válido: %s.",
			  "column %d: invalid JSON: %s.", jerr.column, jerr.text);
		return locate(err, file, (unsigned)(jerr.line > 0 ? jerr.line : 0));
	}
	const char *format = json_string_value(json_object_get(kb, "format"));
	if (!json_is_object(kb) || !format || strcmp(format, "linea311-knowledge-base")) {
		json_decref(kb);
		error_set(err, RC_INVALID, "invalid_format", "format",
			  "no es una exportación de linea311 (falta \"format\": \"linea311-knowledge-base\").",
			  "not a linea311 export (missing \"format\": \"linea311-knowledge-base\").");
		return locate(err, file, 0);
	}
	json_array_foreach(json_object_get(kb, "agencies"), i, item) {
		char path[48];

		snprintf(path, sizeof(path), "agencies[%zu]", i);
		rc = check_item(agency_validate, item, path, err);
		if (rc)
			break;
	}
	json_array_foreach(json_object_get(kb, "offices"), i, item) {
		char path[48];

		if (rc)
			break;
		snprintf(path, sizeof(path), "offices[%zu]", i);
		rc = check_item(office_validate, item, path, err);
	}
	if (!rc)
		rc = check_services(json_object_get(kb, "services"), err);
	if (!rc)
		rc = store_begin(app->store, err);
	if (!rc) {
		rc = store_kb_import(app->store, kb, err);
		if (rc)
			store_rollback(app->store);
		else
			rc = store_commit(app->store, err);
	}
	if (rc) {
		json_decref(kb);
		return locate(err, file, 0);
	}
	*report = json_pack("{sssIsIsI}", "file", file,
			    "agencies", (json_int_t)json_array_size(json_object_get(kb, "agencies")),
			    "offices", (json_int_t)json_array_size(json_object_get(kb, "offices")),
			    "services", (json_int_t)json_array_size(json_object_get(kb, "services")));
	app_kb_changed(app, "all", 0);
	json_decref(kb);
	return RC_OK;
}
