/*
 * kb_io.c - export and import of the whole knowledge base in SQLite
 * (see store/kb.h). The exported object carries every row with its id
 * and timestamps and every service version, so importing it into an
 * empty store and exporting again gives the same document.
 */
#include "core/common.h"
#include "store/kb.h"
#include "store/sqlite/db.h"
#include "store/sqlite/rows.h"

static int collect(struct store *store, const char *sql, json_t *into,
		   const char *const *bools, struct error *err)
{
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		json_t *row = db_row_json(stmt);

		for (const char *const *b = bools; *b; b++)
			row_int_to_bool(row, *b);
		json_array_append_new(into, row);
	}
	db_done(stmt);
	if (step != SQLITE_DONE)
		return db_error(db_conn(store, NULL), "export", err);
	return RC_OK;
}

int store_kb_export(struct store *store, json_t **out, struct error *err)
{
	static const char agencies_sql[] =
		"SELECT id, acronym, name_es AS name__es, name_en AS name__en, level,"
		" parent_id, municipio, integration_status, licences, website, phone,"
		" email, contacts AS contacts_json, social_media AS social_media_json,"
		" onboarding AS onboarding_json, archived, created_at, updated_at"
		" FROM agencies ORDER BY id";
	static const char offices_sql[] =
		"SELECT id, agency_id, name_es AS name__es, name_en AS name__en,"
		" address, municipio, phones AS phones_json, fax, email, latitude,"
		" longitude, hours AS hours_json, notes, archived, created_at,"
		" updated_at FROM offices ORDER BY id";
	static const char services_sql[] =
		"SELECT id, agency_id, status, version, published_version,"
		" referrals_allowed, sla2_days, last_reviewed_at, created_at,"
		" updated_at FROM services ORDER BY id";
	static const char versions_sql[] =
		"SELECT service_id, version, status, document AS document_json,"
		" changed_by, changed_at, change AS change_json"
		" FROM service_versions ORDER BY service_id, version";
	static const char *const agency_bools[] = { "archived", NULL };
	static const char *const service_bools[] = { "referrals_allowed", NULL };
	static const char *const none[] = { NULL };
	json_t *agencies = json_array(), *offices = json_array();
	json_t *services = json_array(), *versions = json_array();
	json_t *v;
	size_t i, s = 0;
	int rc;

	rc = collect(store, agencies_sql, agencies, agency_bools, err);
	if (!rc)
		rc = collect(store, offices_sql, offices, agency_bools, err);
	if (!rc)
		rc = collect(store, services_sql, services, service_bools, err);
	if (!rc)
		rc = collect(store, versions_sql, versions, none, err);
	if (rc) {
		json_decref(agencies);
		json_decref(offices);
		json_decref(services);
		json_decref(versions);
		return rc;
	}

	/* Both lists are ordered by service id: attach versions in one pass. */
	json_array_foreach(services, i, v)
		json_object_set_new(v, "versions", json_array());
	json_array_foreach(versions, i, v) {
		json_int_t sid = json_integer_value(json_object_get(v, "service_id"));

		while (s < json_array_size(services) &&
		       json_integer_value(json_object_get(json_array_get(services, s), "id")) < sid)
			s++;
		BUG_ON(s >= json_array_size(services));
		json_object_del(v, "service_id");
		json_array_append(json_object_get(json_array_get(services, s), "versions"), v);
	}
	json_decref(versions);
	*out = json_pack("{sssiso so so}", "format", "linea311-knowledge-base",
			 "format_version", 1, "agencies", agencies,
			 "offices", offices, "services", services);
	return RC_OK;
}

static void bind_member(sqlite3_stmt *stmt, int i, json_t *v)
{
	if (!v || json_is_null(v))
		sqlite3_bind_null(stmt, i);
	else if (json_is_string(v))
		db_bind_json_text(stmt, i, v);
	else if (json_is_boolean(v))
		sqlite3_bind_int(stmt, i, json_is_true(v));
	else if (json_is_integer(v))
		sqlite3_bind_int64(stmt, i, json_integer_value(v));
	else if (json_is_real(v))
		sqlite3_bind_double(stmt, i, json_real_value(v));
	else
		db_bind_json_dump(stmt, i, v);
}

/* Insert each item of arr with sql, binding the members named by paths
 * ("name.es" reaches into objects) in order. */
static int insert_all(struct store *store, const char *sql, json_t *arr,
		      const char *const *paths, const char *what,
		      struct error *err)
{
	json_t *item;
	size_t i;

	json_array_foreach(arr, i, item) {
		sqlite3_stmt *stmt = db_stmt(store, sql, err);
		int n = 1, rc;

		if (!stmt)
			return RC_STORE;
		for (const char *const *p = paths; *p; p++, n++) {
			const char *dot = strchr(*p, '.');
			json_t *v;

			if (dot) {
				char outer[32];

				snprintf(outer, sizeof(outer), "%.*s", (int)(dot - *p), *p);
				v = json_object_get(json_object_get(item, outer), dot + 1);
			} else {
				v = json_object_get(item, *p);
			}
			bind_member(stmt, n, v);
		}
		rc = db_step_done(store, stmt, what, err);
		if (rc) {
			char field[64];

			snprintf(field, sizeof(field), "%s[%zu]", what, i);
			snprintf(err->field, sizeof(err->field), "%s", field);
			return rc;
		}
	}
	return RC_OK;
}

int store_kb_import(struct store *store, json_t *kb, struct error *err)
{
	static const char agency_sql[] =
		"INSERT INTO agencies (id, acronym, name_es, name_en, level, parent_id,"
		" municipio, integration_status, licences, website, phone, email,"
		" contacts, social_media, onboarding, archived, created_at, updated_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const agency_paths[] = {
		"id", "acronym", "name.es", "name.en", "level", "parent_id",
		"municipio", "integration_status", "licences", "website", "phone",
		"email", "contacts", "social_media", "onboarding", "archived",
		"created_at", "updated_at", NULL,
	};
	static const char office_sql[] =
		"INSERT INTO offices (id, agency_id, name_es, name_en, address,"
		" municipio, phones, fax, email, latitude, longitude, hours, notes,"
		" archived, created_at, updated_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const office_paths[] = {
		"id", "agency_id", "name.es", "name.en", "address", "municipio",
		"phones", "fax", "email", "latitude", "longitude", "hours", "notes",
		"archived", "created_at", "updated_at", NULL,
	};
	static const char service_sql[] =
		"INSERT INTO services (id, agency_id, status, version,"
		" published_version, referrals_allowed, sla2_days, last_reviewed_at,"
		" created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const service_paths[] = {
		"id", "agency_id", "status", "version", "published_version",
		"referrals_allowed", "sla2_days", "last_reviewed_at", "created_at",
		"updated_at", NULL,
	};
	static const char version_sql[] =
		"INSERT INTO service_versions (service_id, version, status, document,"
		" changed_by, changed_at, change) VALUES (?, ?, ?, ?, ?, ?, ?)";
	static const char *const version_paths[] = {
		"service_id", "version", "status", "document", "changed_by",
		"changed_at", "change", NULL,
	};
	json_t *services = json_object_get(kb, "services"), *s;
	size_t i;
	int rc;

	/* Parents may come after their children in the file: insert every
	 * agency first without parents' order mattering, deferring the
	 * foreign key check to the commit. */
	rc = db_exec(store, "PRAGMA defer_foreign_keys = ON", err);
	if (!rc)
		rc = insert_all(store, agency_sql, json_object_get(kb, "agencies"),
				agency_paths, "agencies", err);
	if (!rc)
		rc = insert_all(store, office_sql, json_object_get(kb, "offices"),
				office_paths, "offices", err);
	if (!rc)
		rc = insert_all(store, service_sql, services, service_paths,
				"services", err);
	json_array_foreach(services, i, s) {
		json_t *versions = json_object_get(s, "versions"), *v;
		size_t j;

		if (rc)
			break;
		json_array_foreach(versions, j, v)
			json_object_set(v, "service_id", json_object_get(s, "id"));
		rc = insert_all(store, version_sql, versions, version_paths,
				"services.versions", err);
		json_array_foreach(versions, j, v)
			json_object_del(v, "service_id");
	}
	store_kb_touch(store);
	return rc;
}
