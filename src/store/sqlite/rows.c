/* rows.c - row helpers of the SQLite back end (see rows.h). */
#include "core/common.h"
#include "core/clock.h"
#include "store/sqlite/rows.h"

void row_int_to_bool(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (json_is_integer(v))
		json_object_set_new(obj, key, json_boolean(json_integer_value(v)));
}

int row_not_found(struct error *err, const char *what, long long id)
{
	static const struct { const char *code, *es, *en; } names[] = {
		{ "agency", "la agencia", "agency" },
		{ "office", "la oficina", "office" },
		{ "service", "el servicio", "service" },
		{ "version", "la versión", "version" },
	};
	const char *es = what, *en = what;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcmp(names[i].code, what)) {
			es = names[i].es;
			en = names[i].en;
		}
	}
	error_set(err, RC_NOT_FOUND, "not_found", NULL, "", "");
	if (err) {
		snprintf(err->message_es, sizeof(err->message_es),
			 "No se encontró %s %lld.", es, id);
		snprintf(err->message_en, sizeof(err->message_en),
			 "No %s %lld was found.", en, id);
	}
	return RC_NOT_FOUND;
}

int row_collect_page(struct store *store, sqlite3_stmt *stmt,
		     json_t *(*fn)(sqlite3_stmt *), const struct page *page,
		     json_t **out, struct error *err)
{
	json_t *items = json_array();
	long long total = 0;
	int step;

	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		json_t *item = fn(stmt);

		total = json_integer_value(json_object_get(item, "total_rows"));
		json_object_del(item, "total_rows");
		json_array_append_new(items, item);
	}
	if (step != SQLITE_DONE) {
		int rc = db_error(db_conn(store, NULL), "list", err);

		db_done(stmt);
		json_decref(items);
		return rc;
	}
	db_done(stmt);
	/* Past the last row the window count is not available: total is
	 * null there rather than a wrong number. */
	*out = json_pack("{soso?sIsI}", "items", items, "total",
			 json_array_size(items) || !page->offset ? json_integer(total) : NULL,
			 "limit", (json_int_t)page->limit, "offset",
			 (json_int_t)page->offset);
	return RC_OK;
}

int row_check_acronym(struct store *store, long long id, json_t *acronym,
		      struct error *err)
{
	static const char sql[] =
		"SELECT id FROM agencies WHERE acronym = ? AND archived = 0 AND id <> ?";
	sqlite3_stmt *stmt;
	int step;

	if (!json_is_string(acronym))
		return RC_OK;
	stmt = db_stmt(store, sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_json_text(stmt, 1, acronym);
	db_bind_int(stmt, 2, id);
	step = sqlite3_step(stmt);
	db_done(stmt);
	if (step == SQLITE_ROW)
		return error_set(err, RC_CONFLICT, "duplicate", "acronym",
				 "Ya existe otra agencia con las siglas «%s». Use otras siglas.",
				 "Another agency already uses the acronym \"%s\". Use another acronym.",
				 json_string_value(acronym));
	return RC_OK;
}

int row_get_by_id(struct store *store, const char *sql, long long id,
		  json_t *(*fn)(sqlite3_stmt *), const char *what,
		  json_t **out, struct error *err)
{
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = fn(stmt);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return row_not_found(err, what, id);
	return RC_OK;
}

int row_archive(struct store *store, const char *sql, long long id,
		const char *what, struct error *err)
{
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, now);
	rc = db_step_done(store, stmt, "archive", err);
	if (!rc && db_changes(store) == 0)
		rc = row_not_found(err, what, id);
	store_kb_touch(store);
	return rc;
}

int row_write(struct store *store, const char *sql,
	      void (*bind)(sqlite3_stmt *stmt, json_t *obj), json_t *obj,
	      int time_index, long long id, long long *new_id,
	      const char *what, struct error *err)
{
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	bind(stmt, obj);
	db_bind_text(stmt, time_index, now);
	if (id)
		db_bind_int(stmt, time_index + 1, id);
	rc = db_step_done(store, stmt, id ? "update" : "insert", err);
	if (!rc && id && db_changes(store) == 0)
		rc = row_not_found(err, what, id);
	if (!rc && !id)
		*new_id = db_last_id(store);
	store_kb_touch(store);
	return rc;
}
