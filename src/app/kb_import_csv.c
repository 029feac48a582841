/*
 * kb_import_csv.c - agencies and offices from CSV, and the bundled real
 * content (see kb_import.h). Headers may be Spanish or English; the
 * columns each kind accepts are listed in docs/import-formats.md.
 */
#include "core/common.h"
#include "core/clock.h"
#include "core/embedded.h"
#include "app/kb_import.h"
#include "domain/civil_time.h"
#include "domain/csv.h"
#include "domain/kb.h"
#include "store/kb.h"

#include <strings.h>

/* A logical column and the header names that mean it. */
struct column {
	const char *key;
	const char *names[5];
};

static const struct column agency_columns[] = {
	{ "acronym", { "siglas", "acronym" } },
	{ "name_es", { "nombre", "name_es", "name" } },
	{ "name_en", { "name_en", "nombre_en", "nombre_ingles" } },
	{ "level", { "nivel", "level" } },
	{ "parent", { "agencia_madre", "parent", "parent_acronym" } },
	{ "municipio", { "municipio" } },
	{ "website", { "sitio_web", "website", "web" } },
	{ "phone", { "telefono", "teléfono", "phone" } },
	{ "email", { "correo", "correo_electronico", "email" } },
	{ "integration_status", { "estado_integracion", "integration_status" } },
	{ "licences", { "licencias", "licences", "licenses" } },
};

static const struct column office_columns[] = {
	{ "agency", { "agencia", "agency", "agency_acronym", "agency_id" } },
	{ "name_es", { "oficina", "nombre", "name_es", "name" } },
	{ "name_en", { "name_en", "nombre_en" } },
	{ "address", { "direccion", "dirección", "address" } },
	{ "municipio", { "municipio" } },
	{ "phones", { "telefonos", "teléfonos", "phones", "telefono", "phone" } },
	{ "fax", { "fax" } },
	{ "email", { "correo", "correo_electronico", "email" } },
	{ "latitude", { "latitud", "latitude", "lat" } },
	{ "longitude", { "longitud", "longitude", "lon" } },
	{ "hours", { "horario", "hours" } },
	{ "notes", { "notas", "notes" } },
};

#define MAX_COLUMNS 16

/* Map each logical column to its index in header, -1 when absent. */
static void map_columns(const struct csv_row *header, const struct column *cols,
			size_t ncols, long *index)
{
	for (size_t i = 0; i < ncols; i++) {
		index[i] = -1;
		for (size_t k = 0; k < ARRAY_SIZE(cols[i].names) && cols[i].names[k]; k++) {
			long at = csv_column(header, cols[i].names[k]);

			if (at >= 0) {
				index[i] = at;
				break;
			}
		}
	}
}

/* The row's value of logical column i, NULL when absent or empty. */
static const char *cell(const struct csv_row *row, const long *index, size_t i)
{
	long at = index[i];
	const char *v;

	if (at < 0 || (size_t)at >= row->count)
		return NULL;
	v = row->fields[at];
	while (*v == ' ')
		v++;
	return *v ? v : NULL;
}

static const char *map_value(const char *v, const char *const (*pairs)[2], size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		if (!strcasecmp(v, pairs[i][0]))
			return pairs[i][1];
	return v;
}

static const char *const level_names[][2] = {
	{ "estatal", "state" }, { "federal", "federal" }, { "municipal", "municipal" },
};
static const char *const status_names[][2] = {
	{ "integrada", "integrated" }, { "no integrada", "not_integrated" },
	{ "no_integrada", "not_integrated" }, { "en integración", "onboarding" },
	{ "en_integracion", "onboarding" }, { "suspendida", "suspended" },
};

static void set_text(json_t *obj, const char *key, const char *value)
{
	if (value)
		json_object_set_new(obj, key, json_string(value));
}

/* Validate, then create the agency or update the one that matches. */
static int upsert_agency(struct store *store, json_t *body, long long *id,
			 bool *created, struct error *err)
{
	const char *acronym = json_string_value(json_object_get(body, "acronym"));
	const char *name = json_string_value(json_object_get(json_object_get(body, "name"), "es"));
	json_t *current = NULL, *valid = NULL;
	int rc;

	*created = store_agency_find(store, acronym, name, id, NULL) != RC_OK;
	if (!*created && store_agency_get(store, *id, &current, err))
		return err->rc;
	if (current) {
		static const char *const readonly[] = { "id", "archived", "created_at", "updated_at" };
		for (size_t i = 0; i < ARRAY_SIZE(readonly); i++)
			json_object_del(current, readonly[i]);
	}
	rc = agency_validate(body, current, &valid, err);
	if (!rc)
		rc = *created ? store_agency_create(store, valid, id, err)
			      : store_agency_update(store, *id, valid, err);
	json_decref(current);
	json_decref(valid);
	return rc;
}

static int import_agencies(struct store *store, struct csv_reader *r,
			   const struct csv_row *header, json_t *report,
			   unsigned *line, struct error *err)
{
	long index[MAX_COLUMNS];
	struct csv_row row = { 0 };
	json_t *parents = json_array();
	long long created = 0, updated = 0;
	int rc;

	map_columns(header, agency_columns, ARRAY_SIZE(agency_columns), index);
	while (!(rc = csv_next(r, &row, err)) && row.count) {
		json_t *body = json_object();
		long long id;
		bool is_new;

		set_text(body, "acronym", cell(&row, index, 0));
		json_object_set_new(body, "name", json_pack("{ss?ss?}", "es", cell(&row, index, 1),
							    "en", cell(&row, index, 2)));
		set_text(body, "level", map_value(cell(&row, index, 3), level_names, ARRAY_SIZE(level_names)));
		set_text(body, "municipio", cell(&row, index, 5));
		set_text(body, "website", cell(&row, index, 6));
		set_text(body, "phone", cell(&row, index, 7));
		set_text(body, "email", cell(&row, index, 8));
		set_text(body, "integration_status", map_value(cell(&row, index, 9), status_names, ARRAY_SIZE(status_names)));
		json_t *onboarding = json_object();
		for (size_t k = 0; agency_onboarding_steps[k]; k++) {
			long at = csv_column(header, agency_onboarding_steps[k]);

			if (at >= 0 && (size_t)at < row.count && row.fields[at][0])
				json_object_set_new(onboarding, agency_onboarding_steps[k],
						    json_string(row.fields[at]));
		}
		if (json_object_size(onboarding))
			json_object_set_new(body, "onboarding", onboarding);
		else
			json_decref(onboarding);
		if (cell(&row, index, 10)) {
			char *end;
			long long n = strtoll(cell(&row, index, 10), &end, 10);

			json_object_set_new(body, "licences", *end ? json_string(cell(&row, index, 10)) : json_integer(n));
		}
		rc = upsert_agency(store, body, &id, &is_new, err);
		json_decref(body);
		if (rc) {
			*line = row.line;
			break;
		}
		is_new ? created++ : updated++;
		if (cell(&row, index, 4))
			json_array_append_new(parents, json_pack("{sIsssi}", "id", (json_int_t)id,
				"parent", cell(&row, index, 4), "line", (int)row.line));
	}
	csv_row_release(&row);

	/* Parents may be listed after their children: link them last. */
	json_t *p;
	size_t i;
	json_array_foreach(parents, i, p) {
		long long parent, id = json_integer_value(json_object_get(p, "id"));
		json_t *patch, *current = NULL, *valid = NULL;

		if (rc)
			break;
		rc = store_agency_find(store, json_string_value(json_object_get(p, "parent")), NULL, &parent, err);
		if (rc) {
			error_set(err, RC_INVALID, "not_found", "agencia_madre",
				  "la agencia madre «%s» no existe en el archivo ni en la base de conocimiento.",
				  "the parent agency \"%s\" is neither in the file nor in the knowledge base.",
				  json_string_value(json_object_get(p, "parent")));
			*line = (unsigned)json_integer_value(json_object_get(p, "line"));
			break;
		}
		patch = json_pack("{sI}", "parent_id", (json_int_t)parent);
		rc = store_agency_get(store, id, &current, err);
		if (!rc) {
			static const char *const readonly[] = { "id", "archived", "created_at", "updated_at" };
			for (size_t k = 0; k < ARRAY_SIZE(readonly); k++)
				json_object_del(current, readonly[k]);
			rc = agency_validate(patch, current, &valid, err);
		}
		if (!rc)
			rc = store_agency_update(store, id, valid, err);
		json_decref(patch);
		json_decref(current);
		json_decref(valid);
		if (rc)
			*line = (unsigned)json_integer_value(json_object_get(p, "line"));
	}
	json_decref(parents);
	if (rc)
		return rc;
	json_object_set_new(report, "kind", json_string("agencies"));
	json_object_set_new(report, "created", json_integer(created));
	json_object_set_new(report, "updated", json_integer(updated));
	return RC_OK;
}

static json_t *number_or_text(const char *v)
{
	char *end;
	double d;

	if (!v)
		return json_null();
	d = strtod(v, &end);
	return *end ? json_string(v) : json_real(d);
}

static int import_offices(struct app *app, struct csv_reader *r,
			  const struct csv_row *header, json_t *report,
			  unsigned *line, struct error *err)
{
	long index[MAX_COLUMNS];
	struct csv_row row = { 0 };
	long long created = 0;
	int rc;

	map_columns(header, office_columns, ARRAY_SIZE(office_columns), index);
	while (!(rc = csv_next(r, &row, err)) && row.count) {
		json_t *body = json_object(), *valid = NULL, *phones = json_array();
		long long agency_id = 0, id;
		const char *v;

		if (!(v = cell(&row, index, 0)))
			rc = error_set(err, RC_INVALID, "missing_field", "agencia",
				       "falta la agencia de la oficina.", "the office has no agency.");
		else
			rc = kb_find_agency(app, v, &agency_id, err);
		if (!rc && (v = cell(&row, index, 5))) {
			char *copy = xstrdup(v), *save = NULL;

			for (char *ph = strtok_r(copy, ";", &save); ph; ph = strtok_r(NULL, ";", &save)) {
				while (*ph == ' ')
					ph++;
				if (*ph)
					json_array_append_new(phones, json_string(ph));
			}
			free(copy);
		}
		json_object_set_new(body, "agency_id", json_integer(agency_id));
		json_object_set_new(body, "name", json_pack("{ss?ss?}", "es", cell(&row, index, 1),
							    "en", cell(&row, index, 2)));
		set_text(body, "address", cell(&row, index, 3));
		set_text(body, "municipio", cell(&row, index, 4));
		json_object_set_new(body, "phones", phones);
		set_text(body, "fax", cell(&row, index, 6));
		set_text(body, "email", cell(&row, index, 7));
		json_object_set_new(body, "latitude", number_or_text(cell(&row, index, 8)));
		json_object_set_new(body, "longitude", number_or_text(cell(&row, index, 9)));
		set_text(body, "notes", cell(&row, index, 11));
		if (!rc && (v = cell(&row, index, 10))) {
			json_t *hours;

			rc = office_hours_parse(v, &hours, err);
			if (!rc)
				json_object_set_new(body, "hours", hours);
		}
		if (!rc)
			rc = office_validate(body, NULL, &valid, err);
		if (!rc)
			rc = store_office_create(app->store, valid, &id, err);
		json_decref(body);
		json_decref(valid);
		if (rc) {
			*line = row.line;
			break;
		}
		created++;
	}
	csv_row_release(&row);
	if (rc)
		return rc;
	json_object_set_new(report, "kind", json_string("offices"));
	json_object_set_new(report, "created", json_integer(created));
	return RC_OK;
}

/* Prefix "file, line N, field F: " to err's messages. */
static int located(struct error *err, const char *file, unsigned line)
{
	char es[300], en[300];

	if (err->field[0]) {
		snprintf(es, sizeof(es), "%s, línea %u, campo «%s»: ", file, line, err->field);
		snprintf(en, sizeof(en), "%s, line %u, field \"%s\": ", file, line, err->field);
	} else {
		snprintf(es, sizeof(es), "%s, línea %u: ", file, line);
		snprintf(en, sizeof(en), "%s, line %u: ", file, line);
	}
	error_prefix(err, es, en);
	return err->rc;
}

int kb_import_csv(struct app *app, const char *file, const char *text,
		  size_t len, json_t **report, struct error *err)
{
	struct csv_reader r;
	struct csv_row header = { 0 };
	json_t *out = json_pack("{ss}", "file", file);
	unsigned line = 0;
	int rc;

	csv_reader_init(&r, text, len);
	rc = csv_next(&r, &header, err);
	if (!rc && !header.count)
		rc = error_set(err, RC_INVALID, "empty", NULL, "el archivo está vacío.", "the file is empty.");
	if (rc) {
		json_decref(out);
		return located(err, file, r.line);
	}
	rc = store_begin(app->store, err);
	if (rc)
		goto out;
	if ((csv_column(&header, "siglas") >= 0 || csv_column(&header, "acronym") >= 0) &&
	    (csv_column(&header, "nivel") >= 0 || csv_column(&header, "level") >= 0))
		rc = import_agencies(app->store, &r, &header, out, &line, err);
	else if (csv_column(&header, "agencia") >= 0 || csv_column(&header, "agency") >= 0 ||
		 csv_column(&header, "agency_id") >= 0)
		rc = import_offices(app, &r, &header, out, &line, err);
	else
		rc = error_set(err, RC_INVALID, "unknown_csv", NULL,
			       "la primera línea debe nombrar las columnas: siglas,nombre,nivel,... para agencias o agencia,oficina,municipio,... para oficinas.",
			       "the first line must name the columns: siglas,nombre,nivel,... for agencies or agencia,oficina,municipio,... for offices.");
	if (rc) {
		store_rollback(app->store);
		/* A CSV syntax error carries its line in the message already. */
		rc = located(err, file, line ? line : r.line);
		goto out;
	}
	rc = store_commit(app->store, err);
out:
	csv_row_release(&header);
	if (rc) {
		json_decref(out);
		return rc;
	}
	app_kb_changed(app, "all", 0);
	*report = out;
	return RC_OK;
}
