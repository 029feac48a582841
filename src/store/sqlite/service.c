/* service.c - services and their versions in SQLite (see store/kb.h). */
#include "core/common.h"
#include "core/clock.h"
#include "store/kb.h"
#include "store/sqlite/db.h"
#include "store/sqlite/rows.h"

#define SERVICE_COLUMNS                                                      \
	"s.id, s.agency_id, s.status, s.version, s.published_version,"       \
	" s.referrals_allowed, s.sla2_days, s.last_reviewed_at, s.created_at," \
	" s.updated_at, a.acronym AS agency_acronym, a.name_es AS agency_name_es," \
	" a.name_en AS agency_name_en, a.level AS agency_level,"             \
	" a.integration_status AS agency_integration_status"

/* Move the flat agency_* columns into an "agency" object. */
static void nest_agency(json_t *s)
{
	json_t *agency = json_pack("{sOsOs{sOsO}sOsO}",
		"id", json_object_get(s, "agency_id"),
		"acronym", json_object_get(s, "agency_acronym"),
		"name", "es", json_object_get(s, "agency_name_es"),
		"en", json_object_get(s, "agency_name_en"),
		"level", json_object_get(s, "agency_level"),
		"integration_status", json_object_get(s, "agency_integration_status"));
	static const char *const flat[] = {
		"agency_acronym", "agency_name_es", "agency_name_en",
		"agency_level", "agency_integration_status",
	};

	for (size_t i = 0; i < ARRAY_SIZE(flat); i++)
		json_object_del(s, flat[i]);
	json_object_set_new(s, "agency", agency);
	row_int_to_bool(s, "referrals_allowed");
}

static json_t *summary_row(sqlite3_stmt *stmt)
{
	json_t *s = db_row_json(stmt);
	json_t *name = json_object_get(s, "name");

	nest_agency(s);
	if (!name)
		json_object_set_new(s, "name", json_object());
	return s;
}

/* A full row: the summary plus the version shown and its document. */
static json_t *full_row(sqlite3_stmt *stmt)
{
	json_t *s = summary_row(stmt);
	json_t *doc = json_object_get(s, "document");

	if (json_is_object(doc)) {
		json_object_set(s, "name", json_object_get(doc, "name"));
		json_object_set(s, "template", json_object_get(doc, "template"));
	}
	json_object_del(s, "document");
	return s;
}

static int insert_version(struct store *store, long long id, long long version,
			  const char *status, json_t *document,
			  const char *document_text, const char *actor,
			  json_t *change, const char *now, struct error *err)
{
	static const char sql[] =
		"INSERT INTO service_versions (service_id, version, status, document,"
		" changed_by, changed_at, change) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	db_bind_int(stmt, 2, version);
	db_bind_text(stmt, 3, status);
	if (document)
		db_bind_json_dump(stmt, 4, document);
	else
		db_bind_text(stmt, 4, document_text);
	db_bind_text(stmt, 5, actor);
	db_bind_text(stmt, 6, now);
	db_bind_json_dump(stmt, 7, change);
	return db_step_done(store, stmt, "insert service version", err);
}

static int check_agency(struct store *store, json_t *service, struct error *err)
{
	long long agency_id = json_integer_value(json_object_get(service, "agency_id"));
	json_t *agency = NULL;
	int rc = store_agency_get(store, agency_id, &agency, NULL);
	bool live = !rc && !json_is_true(json_object_get(agency, "archived"));

	json_decref(agency);
	if (!live)
		return error_set(err, RC_INVALID, "not_found", "agency_id",
				 "La agencia %lld no existe o está archivada.",
				 "The agency %lld does not exist or is archived.", agency_id);
	return RC_OK;
}

int store_service_create(struct store *store, json_t *service,
			 const char *actor, long long *id, struct error *err)
{
	static const char sql[] =
		"INSERT INTO services (agency_id, status, version, referrals_allowed,"
		" sla2_days, created_at, updated_at) VALUES (?1, 'draft', 1, ?2, ?3, ?4, ?4)";
	sqlite3_stmt *stmt;
	json_t *change;
	char now[21];
	int rc = check_agency(store, service, err);

	if (rc)
		return rc;
	stmt = db_stmt(store, sql, err);
	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	db_bind_int(stmt, 1, json_integer_value(json_object_get(service, "agency_id")));
	db_bind_int(stmt, 2, json_is_true(json_object_get(service, "referrals_allowed")));
	db_bind_int(stmt, 3, json_integer_value(json_object_get(service, "sla2_days")));
	db_bind_text(stmt, 4, now);
	rc = db_step_done(store, stmt, "create service", err);
	if (rc)
		return rc;
	*id = db_last_id(store);
	change = json_pack("{ss}", "action", "created");
	rc = insert_version(store, *id, 1, "draft",
			    json_object_get(service, "document"), NULL, actor,
			    change, now, err);
	json_decref(change);
	store_kb_touch(store);
	return rc;
}

/* Read the status and latest version number of a service. */
static int current_state(struct store *store, long long id, char *status,
			 size_t size, long long *version, struct error *err)
{
	static const char sql[] = "SELECT status, version FROM services WHERE id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		snprintf(status, size, "%s", (const char *)sqlite3_column_text(stmt, 0));
		*version = sqlite3_column_int64(stmt, 1);
	}
	db_done(stmt);
	return step == SQLITE_ROW ? RC_OK : row_not_found(err, "service", id);
}

int store_service_update(struct store *store, long long id, json_t *service,
			 const char *actor, json_t *change, struct error *err)
{
	static const char sql[] =
		"UPDATE services SET agency_id = ?1, referrals_allowed = ?2,"
		" sla2_days = ?3, status = 'draft', version = ?4, updated_at = ?5"
		" WHERE id = ?6";
	char status[16], now[21];
	long long version;
	sqlite3_stmt *stmt;
	int rc;

	rc = current_state(store, id, status, sizeof(status), &version, err);
	if (!rc)
		rc = check_agency(store, service, err);
	if (rc)
		return rc;
	if (!strcmp(status, "archived"))
		return error_set(err, RC_CONFLICT, "archived", "status",
				 "El servicio %lld está archivado. Páselo a borrador (draft) antes de editarlo.",
				 "Service %lld is archived. Move it back to draft before editing it.", id);
	clock_format_utc(clock_now(), now);
	stmt = db_stmt(store, sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, json_integer_value(json_object_get(service, "agency_id")));
	db_bind_int(stmt, 2, json_is_true(json_object_get(service, "referrals_allowed")));
	db_bind_int(stmt, 3, json_integer_value(json_object_get(service, "sla2_days")));
	db_bind_int(stmt, 4, version + 1);
	db_bind_text(stmt, 5, now);
	db_bind_int(stmt, 6, id);
	rc = db_step_done(store, stmt, "update service", err);
	if (!rc)
		rc = insert_version(store, id, version + 1, "draft",
				    json_object_get(service, "document"), NULL,
				    actor, change, now, err);
	store_kb_touch(store);
	return rc;
}

int store_service_set_status(struct store *store, long long id,
			     const char *status, const char *actor,
			     struct error *err)
{
	static const char update_sql[] =
		"UPDATE services SET status = ?1, version = ?2, updated_at = ?3,"
		" published_version = CASE WHEN ?1 = 'published' THEN ?2"
		"   ELSE published_version END,"
		" last_reviewed_at = CASE WHEN ?1 = 'published' THEN ?3"
		"   ELSE last_reviewed_at END"
		" WHERE id = ?4";
	static const char doc_sql[] =
		"SELECT document FROM service_versions WHERE service_id = ? AND version = ?";
	char from[16], now[21];
	long long version;
	sqlite3_stmt *stmt;
	char *document = NULL;
	json_t *change;
	int rc;

	rc = current_state(store, id, from, sizeof(from), &version, err);
	if (rc)
		return rc;
	stmt = db_stmt(store, doc_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	db_bind_int(stmt, 2, version);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		document = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	db_done(stmt);
	BUG_ON(!document);

	clock_format_utc(clock_now(), now);
	stmt = db_stmt(store, update_sql, err);
	if (!stmt) {
		free(document);
		return RC_STORE;
	}
	db_bind_text(stmt, 1, status);
	db_bind_int(stmt, 2, version + 1);
	db_bind_text(stmt, 3, now);
	db_bind_int(stmt, 4, id);
	rc = db_step_done(store, stmt, "set service status", err);
	change = json_pack("{ssssss}", "action", "status", "from", from, "to", status);
	if (!rc)
		rc = insert_version(store, id, version + 1, status, NULL, document,
				    actor, change, now, err);
	json_decref(change);
	free(document);
	store_kb_touch(store);
	return rc;
}

int store_service_mark_reviewed(struct store *store, long long id,
				const char *actor, struct error *err)
{
	static const char sql[] =
		"UPDATE services SET last_reviewed_at = ?1 WHERE id = ?2"
		" AND published_version IS NOT NULL AND status <> 'archived'";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	(void)actor;
	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	db_bind_text(stmt, 1, now);
	db_bind_int(stmt, 2, id);
	rc = db_step_done(store, stmt, "mark service reviewed", err);
	if (!rc && db_changes(store) == 0)
		rc = error_set(err, RC_CONFLICT, "not_published", NULL,
			       "Solo se puede marcar como revisado un servicio publicado.",
			       "Only a published service can be marked as reviewed.");
	store_kb_touch(store);
	return rc;
}

int store_service_get(struct store *store, long long id,
		      enum service_view view, long long version, json_t **out,
		      struct error *err)
{
	static const char sql[] =
		"SELECT " SERVICE_COLUMNS ", v.version AS view_version,"
		" v.status AS view_status, v.document AS document_json"
		" FROM services s JOIN agencies a ON a.id = s.agency_id"
		" JOIN service_versions v ON v.service_id = s.id AND v.version ="
		"   CASE ?2 WHEN 0 THEN s.published_version WHEN 1 THEN s.version ELSE ?3 END"
		" WHERE s.id = ?1 AND (?2 <> 0 OR s.status <> 'archived')";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	db_bind_int(stmt, 2, view);
	db_bind_int(stmt, 3, version);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = full_row(stmt);
	db_done(stmt);
	if (step == SQLITE_ROW)
		return RC_OK;
	if (view == SERVICE_VERSION)
		return error_set(err, RC_NOT_FOUND, "not_found", "version",
				 "El servicio %lld no tiene la versión %lld.",
				 "Service %lld has no version %lld.", id, version);
	if (view == SERVICE_PUBLISHED)
		return error_set(err, RC_NOT_FOUND, "not_found", NULL,
				 "El servicio %lld no existe o no está publicado.",
				 "Service %lld does not exist or is not published.", id);
	return row_not_found(err, "service", id);
}

int store_service_list(struct store *store, const struct service_filter *f,
		       const struct page *page, json_t **out, struct error *err)
{
	/* ?2 NULL lists the published content of live services; a status
	 * lists working versions in that status; "any" lists all. */
	static const char sql[] =
		"SELECT " SERVICE_COLUMNS ", v.version AS view_version,"
		" json_extract(v.document, '$.name.es') AS name__es,"
		" json_extract(v.document, '$.name.en') AS name__en,"
		" COUNT(*) OVER () AS total_rows"
		" FROM services s JOIN agencies a ON a.id = s.agency_id"
		" JOIN service_versions v ON v.service_id = s.id AND v.version ="
		"   CASE WHEN ?2 IS NULL THEN s.published_version ELSE s.version END"
		" WHERE (?1 = 0 OR s.agency_id = ?1)"
		" AND (CASE WHEN ?2 IS NULL THEN s.status <> 'archived'"
		"      WHEN ?2 = 'any' THEN 1 ELSE s.status = ?2 END)"
		" AND (?3 IS NULL OR a.level = ?3)"
		" AND (?4 < 0 OR s.referrals_allowed = ?4)"
		" ORDER BY name__es, s.id LIMIT ?5 OFFSET ?6";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, f->agency_id);
	db_bind_text(stmt, 2, f->status);
	db_bind_text(stmt, 3, f->level);
	db_bind_int(stmt, 4, f->referrals_allowed);
	db_bind_int(stmt, 5, page->limit);
	db_bind_int(stmt, 6, page->offset);
	return row_collect_page(store, stmt, summary_row, page, out, err);
}

int store_service_versions(struct store *store, long long id, json_t **out,
			   struct error *err)
{
	static const char sql[] =
		"SELECT version, status, changed_by, changed_at, change AS change_json"
		" FROM service_versions WHERE service_id = ? ORDER BY version DESC";
	char status[16];
	long long latest;
	sqlite3_stmt *stmt;
	json_t *items;
	int rc, step;

	rc = current_state(store, id, status, sizeof(status), &latest, err);
	if (rc)
		return rc;
	stmt = db_stmt(store, sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	items = json_array();
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		json_array_append_new(items, db_row_json(stmt));
	db_done(stmt);
	if (step != SQLITE_DONE) {
		json_decref(items);
		return db_error(db_conn(store, NULL), "list versions", err);
	}
	*out = items;
	return RC_OK;
}

int store_service_each_published(struct store *store,
				 int (*fn)(json_t *service, void *ctx),
				 void *ctx, struct error *err)
{
	static const char sql[] =
		"SELECT " SERVICE_COLUMNS ", v.version AS view_version,"
		" v.status AS view_status, v.document AS document_json"
		" FROM services s JOIN agencies a ON a.id = s.agency_id"
		" JOIN service_versions v ON v.service_id = s.id"
		"   AND v.version = s.published_version"
		" WHERE s.status <> 'archived' ORDER BY s.id";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step, rc = RC_OK;

	if (!stmt)
		return RC_STORE;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		json_t *s = full_row(stmt);

		rc = fn(s, ctx);
		json_decref(s);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_error(db_conn(store, NULL), "read services", err);
	db_done(stmt);
	return rc;
}
