/* agency.c - agencies in SQLite (see store/kb.h). */
#include "core/common.h"
#include "core/clock.h"
#include "store/kb.h"
#include "store/sqlite/db.h"
#include "store/sqlite/rows.h"

#define AGENCY_COLUMNS                                                       \
	"id, acronym, name_es AS name__es, name_en AS name__en, level,"      \
	" parent_id, municipio, integration_status, licences, website,"      \
	" phone, email, contacts AS contacts_json,"                          \
	" social_media AS social_media_json, onboarding AS onboarding_json," \
	" archived, created_at, updated_at"

static json_t *agency_row(sqlite3_stmt *stmt)
{
	json_t *a = db_row_json(stmt);

	row_int_to_bool(a, "archived");
	return a;
}

/* Bind the writable members of a validated agency to ?1..?14. */
static void bind_agency(sqlite3_stmt *stmt, json_t *a)
{
	json_t *name = json_object_get(a, "name");

	db_bind_json_text(stmt, 1, json_object_get(a, "acronym"));
	db_bind_json_text(stmt, 2, json_object_get(name, "es"));
	db_bind_json_text(stmt, 3, json_object_get(name, "en"));
	db_bind_json_text(stmt, 4, json_object_get(a, "level"));
	if (json_is_integer(json_object_get(a, "parent_id")))
		db_bind_int(stmt, 5, json_integer_value(json_object_get(a, "parent_id")));
	db_bind_json_text(stmt, 6, json_object_get(a, "municipio"));
	db_bind_json_text(stmt, 7, json_object_get(a, "integration_status"));
	db_bind_int(stmt, 8, json_integer_value(json_object_get(a, "licences")));
	db_bind_json_text(stmt, 9, json_object_get(a, "website"));
	db_bind_json_text(stmt, 10, json_object_get(a, "phone"));
	db_bind_json_text(stmt, 11, json_object_get(a, "email"));
	db_bind_json_dump(stmt, 12, json_object_get(a, "contacts"));
	db_bind_json_dump(stmt, 13, json_object_get(a, "social_media"));
	db_bind_json_dump(stmt, 14, json_object_get(a, "onboarding"));
}

/* Check references that the schema cannot phrase for a user: a parent
 * that exists, is not archived and is not the agency itself or below it. */
static int check_parent(struct store *store, long long id, json_t *a,
			struct error *err)
{
	json_t *p = json_object_get(a, "parent_id");
	long long parent;

	if (!json_is_integer(p))
		return RC_OK;
	parent = json_integer_value(p);
	for (int depth = 0; parent; depth++) {
		sqlite3_stmt *stmt;
		int step;

		if (parent == id || depth > 32)
			return error_set(err, RC_INVALID, "parent_cycle", "parent_id",
					 "La agencia no puede depender de sí misma ni de una de sus dependencias.",
					 "An agency cannot be its own parent or the parent of its parent.");
		stmt = db_stmt(store, "SELECT parent_id, archived FROM agencies WHERE id = ?", err);
		if (!stmt)
			return RC_STORE;
		db_bind_int(stmt, 1, parent);
		step = sqlite3_step(stmt);
		if (step != SQLITE_ROW || (depth == 0 && sqlite3_column_int(stmt, 1))) {
			db_done(stmt);
			return error_set(err, RC_INVALID, "not_found", "parent_id",
					 "La agencia madre %lld no existe o está archivada.",
					 "The parent agency %lld does not exist or is archived.",
					 (long long)json_integer_value(p));
		}
		parent = sqlite3_column_int64(stmt, 0);
		db_done(stmt);
	}
	return RC_OK;
}

int store_agency_create(struct store *store, json_t *agency, long long *id,
			struct error *err)
{
	static const char sql[] =
		"INSERT INTO agencies (acronym, name_es, name_en, level, parent_id,"
		" municipio, integration_status, licences, website, phone, email,"
		" contacts, social_media, onboarding, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)";
	int rc;

	rc = check_parent(store, 0, agency, err);
	if (rc)
		return rc;
	rc = row_check_acronym(store, 0, json_object_get(agency, "acronym"), err);
	if (rc)
		return rc;
	return row_write(store, sql, bind_agency, agency, 15, 0, id, "agency", err);
}

int store_agency_update(struct store *store, long long id, json_t *agency,
			struct error *err)
{
	static const char sql[] =
		"UPDATE agencies SET acronym = ?1, name_es = ?2, name_en = ?3,"
		" level = ?4, parent_id = ?5, municipio = ?6, integration_status = ?7,"
		" licences = ?8, website = ?9, phone = ?10, email = ?11,"
		" contacts = ?12, social_media = ?13, onboarding = ?14,"
		" updated_at = ?15 WHERE id = ?16 AND archived = 0";
	int rc;

	rc = check_parent(store, id, agency, err);
	if (rc)
		return rc;
	rc = row_check_acronym(store, id, json_object_get(agency, "acronym"), err);
	if (rc)
		return rc;
	return row_write(store, sql, bind_agency, agency, 15, id, NULL, "agency", err);
}

int store_agency_get(struct store *store, long long id, json_t **out,
		     struct error *err)
{
	static const char sql[] = "SELECT " AGENCY_COLUMNS " FROM agencies WHERE id = ?";

	return row_get_by_id(store, sql, id, agency_row, "agency", out, err);
}

int store_agency_list(struct store *store, const struct agency_filter *f,
		      const struct page *page, json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT " AGENCY_COLUMNS ", COUNT(*) OVER () AS total_rows FROM agencies"
		" WHERE archived = ?1"
		" AND (?2 IS NULL OR level = ?2)"
		" AND (?3 IS NULL OR integration_status = ?3)"
		" AND (?4 IS NULL OR municipio = ?4)"
		" AND (?5 = 0 OR parent_id = ?5)"
		" AND (?6 IS NULL OR name_es LIKE '%' || ?6 || '%'"
		"      OR name_en LIKE '%' || ?6 || '%' OR acronym LIKE ?6 || '%')"
		" ORDER BY name_es, id LIMIT ?7 OFFSET ?8";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, f->archived);
	db_bind_text(stmt, 2, f->level);
	db_bind_text(stmt, 3, f->integration_status);
	db_bind_text(stmt, 4, f->municipio);
	db_bind_int(stmt, 5, f->parent_id);
	db_bind_text(stmt, 6, f->name);
	db_bind_int(stmt, 7, page->limit);
	db_bind_int(stmt, 8, page->offset);
	return row_collect_page(store, stmt, agency_row, page, out, err);
}

int store_agency_archive(struct store *store, long long id, struct error *err)
{
	static const char sql[] =
		"UPDATE agencies SET archived = 1, updated_at = ?2 WHERE id = ?1 AND archived = 0";

	return row_archive(store, sql, id, "agency", err);
}

int store_agency_find(struct store *store, const char *acronym,
		      const char *name_es, long long *id, struct error *err)
{
	static const char sql[] =
		"SELECT id FROM agencies WHERE archived = 0 AND"
		" (CASE WHEN ?1 IS NOT NULL THEN acronym = ?1"
		"  ELSE acronym IS NULL AND name_es = ?2 END)";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, acronym);
	db_bind_text(stmt, 2, name_es);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return error_set(err, RC_NOT_FOUND, "not_found", acronym ? "acronym" : "name",
				 "No hay una agencia «%s».", "There is no agency \"%s\".",
				 acronym ? acronym : name_es ? name_es : "");
	return RC_OK;
}
