/* synonym.c - synonym and acronym groups in SQLite (see store/synonym.h). */
#include "core/common.h"
#include "core/clock.h"
#include "store/synonym.h"
#include "store/sqlite/db.h"
#include "store/sqlite/rows.h"

#define SYNONYM_COLUMNS \
	"id, phrases AS phrases_json, note, created_at, updated_at"

static json_t *synonym_row(sqlite3_stmt *stmt)
{
	return db_row_json(stmt);
}

static int not_found(struct error *err, long long id)
{
	return error_set(err, RC_NOT_FOUND, "not_found", NULL,
			 "No existe el grupo de sinónimos %lld.",
			 "Synonym group %lld does not exist.", id);
}

int store_synonym_create(struct store *store, json_t *group, long long *id,
			 struct error *err)
{
	static const char sql[] =
		"INSERT INTO synonyms (phrases, note, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?3)";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	db_bind_json_dump(stmt, 1, json_object_get(group, "phrases"));
	db_bind_json_text(stmt, 2, json_object_get(group, "note"));
	db_bind_text(stmt, 3, now);
	rc = db_step_done(store, stmt, "create synonym", err);
	if (!rc)
		*id = db_last_id(store);
	store_kb_touch(store);
	return rc;
}

int store_synonym_update(struct store *store, long long id, json_t *group,
			 struct error *err)
{
	static const char sql[] =
		"UPDATE synonyms SET phrases = ?2, note = ?3, updated_at = ?4"
		" WHERE id = ?1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	db_bind_int(stmt, 1, id);
	db_bind_json_dump(stmt, 2, json_object_get(group, "phrases"));
	db_bind_json_text(stmt, 3, json_object_get(group, "note"));
	db_bind_text(stmt, 4, now);
	rc = db_step_done(store, stmt, "update synonym", err);
	if (!rc && db_changes(store) == 0)
		rc = not_found(err, id);
	store_kb_touch(store);
	return rc;
}

int store_synonym_get(struct store *store, long long id, json_t **out,
		      struct error *err)
{
	static const char sql[] =
		"SELECT " SYNONYM_COLUMNS " FROM synonyms WHERE id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = synonym_row(stmt);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return not_found(err, id);
	return RC_OK;
}

int store_synonym_delete(struct store *store, long long id, struct error *err)
{
	static const char sql[] = "DELETE FROM synonyms WHERE id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int rc;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	rc = db_step_done(store, stmt, "delete synonym", err);
	if (!rc && db_changes(store) == 0)
		rc = not_found(err, id);
	store_kb_touch(store);
	return rc;
}

int store_synonym_list(struct store *store, const char *q,
		       const struct page *page, json_t **out,
		       struct error *err)
{
	static const char sql[] =
		"SELECT " SYNONYM_COLUMNS ", COUNT(*) OVER () AS total_rows"
		" FROM synonyms"
		" WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(phrases)"
		"   WHERE json_each.value LIKE '%' || ?1 || '%')"
		" ORDER BY id LIMIT ?2 OFFSET ?3";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, q);
	db_bind_int(stmt, 2, page->limit);
	db_bind_int(stmt, 3, page->offset);
	return row_collect_page(store, stmt, synonym_row, page, out, err);
}

int store_synonym_each(struct store *store,
		       int (*fn)(json_t *group, void *ctx), void *ctx,
		       struct error *err)
{
	static const char sql[] =
		"SELECT " SYNONYM_COLUMNS " FROM synonyms ORDER BY id";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step, rc = RC_OK;

	if (!stmt)
		return RC_STORE;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		json_t *g = synonym_row(stmt);

		rc = fn(g, ctx);
		json_decref(g);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_error(db_conn(store, NULL), "read synonyms", err);
	db_done(stmt);
	return rc;
}
