/* audit.c - the audit trail in SQLite (see store/audit.h). */
#include "core/common.h"
#include "core/clock.h"
#include "store/audit.h"
#include "store/sqlite/db.h"
#include "store/sqlite/rows.h"

#define AUDIT_COLUMNS                                                        \
	"seq, at, kind, actor, user_id, role, address, method, route,"       \
	" object_type, object_id, status, request_id, detail, prev_hash, hash"

static const char *column_text(sqlite3_stmt *stmt, int i)
{
	return (const char *)sqlite3_column_text(stmt, i);
}

/* Point e's members at the current row (valid until the next step). */
static void entry_from_row(sqlite3_stmt *stmt, struct audit_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->seq = sqlite3_column_int64(stmt, 0);
	e->at = column_text(stmt, 1);
	e->kind = column_text(stmt, 2);
	e->actor = column_text(stmt, 3);
	e->user_id = sqlite3_column_int64(stmt, 4);
	e->role = column_text(stmt, 5);
	e->address = column_text(stmt, 6);
	e->method = column_text(stmt, 7);
	e->route = column_text(stmt, 8);
	e->object_type = column_text(stmt, 9);
	e->object_id = column_text(stmt, 10);
	e->status = sqlite3_column_int64(stmt, 11);
	e->request_id = column_text(stmt, 12);
	e->detail = column_text(stmt, 13);
	snprintf(e->prev_hash, sizeof(e->prev_hash), "%s",
		 column_text(stmt, 14) ? column_text(stmt, 14) : "");
	snprintf(e->hash, sizeof(e->hash), "%s",
		 column_text(stmt, 15) ? column_text(stmt, 15) : "");
}

static void bind_optional_int(sqlite3_stmt *stmt, int i, long long value)
{
	if (value)
		db_bind_int(stmt, i, value);
	else
		sqlite3_bind_null(stmt, i);
}

int store_audit_append(struct store *store, struct audit_entry *e,
		       struct error *err)
{
	static const char head_sql[] =
		"SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
	static const char insert_sql[] =
		"INSERT INTO audit_log (" AUDIT_COLUMNS ")"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
	sqlite3_stmt *stmt = db_stmt(store, head_sql, err);
	const char *given_at = e->at;
	char now[21];
	int step, rc;

	if (!stmt)
		return RC_STORE;
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		e->seq = sqlite3_column_int64(stmt, 0) + 1;
		snprintf(e->prev_hash, sizeof(e->prev_hash), "%s", column_text(stmt, 1));
	} else {
		e->seq = 1;
		audit_chain_genesis(e->prev_hash);
	}
	db_done(stmt);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_error(db_conn(store, NULL), "read the audit head", err);

	if (!e->at) {
		clock_format_utc(clock_now(), now);
		e->at = now;
	}
	if (!e->detail)
		e->detail = "{}";
	audit_chain_hash(e, e->hash);

	stmt = db_stmt(store, insert_sql, err);
	if (!stmt) {
		e->at = given_at;
		return RC_STORE;
	}
	db_bind_int(stmt, 1, e->seq);
	db_bind_text(stmt, 2, e->at);
	db_bind_text(stmt, 3, e->kind);
	db_bind_text(stmt, 4, e->actor);
	bind_optional_int(stmt, 5, e->user_id);
	db_bind_text(stmt, 6, e->role);
	db_bind_text(stmt, 7, e->address);
	db_bind_text(stmt, 8, e->method);
	db_bind_text(stmt, 9, e->route);
	db_bind_text(stmt, 10, e->object_type);
	db_bind_text(stmt, 11, e->object_id);
	bind_optional_int(stmt, 12, e->status);
	db_bind_text(stmt, 13, e->request_id);
	db_bind_text(stmt, 14, e->detail);
	db_bind_text(stmt, 15, e->prev_hash);
	db_bind_text(stmt, 16, e->hash);
	rc = db_step_done(store, stmt, "append to the audit log", err);
	e->at = given_at;
	return rc;
}

int store_audit_list(struct store *store, const struct audit_filter *f,
		     const struct page *page, json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT seq, at, kind, actor, user_id, role, address, method, route,"
		" object_type, object_id, status, request_id, detail AS detail_json, hash,"
		" COUNT(*) OVER () AS total_rows FROM audit_log"
		" WHERE (?1 IS NULL OR actor = ?1)"
		" AND (?2 IS NULL OR kind = ?2)"
		" AND (?3 IS NULL OR route = ?3)"
		" AND (?4 IS NULL OR object_type = ?4)"
		" AND (?5 IS NULL OR object_id = ?5)"
		" AND (?6 IS NULL OR at >= ?6)"
		" AND (?7 IS NULL OR at < ?7)"
		" AND (?8 = 0 OR seq < ?8)"
		" ORDER BY seq DESC LIMIT ?9 OFFSET ?10";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, f->actor);
	db_bind_text(stmt, 2, f->kind);
	db_bind_text(stmt, 3, f->route);
	db_bind_text(stmt, 4, f->object_type);
	db_bind_text(stmt, 5, f->object_id);
	db_bind_text(stmt, 6, f->from);
	db_bind_text(stmt, 7, f->to);
	db_bind_int(stmt, 8, f->before_seq);
	db_bind_int(stmt, 9, page->limit);
	db_bind_int(stmt, 10, page->offset);
	return row_collect_page(store, stmt, db_row_json, page, out, err);
}

int store_audit_each(struct store *store,
		     int (*fn)(const struct audit_entry *e, void *ctx),
		     void *ctx, struct error *err)
{
	static const char sql[] = "SELECT " AUDIT_COLUMNS " FROM audit_log ORDER BY seq";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	struct audit_entry e;
	int step, rc = RC_OK;

	if (!stmt)
		return RC_STORE;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		entry_from_row(stmt, &e);
		rc = fn(&e, ctx);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_error(db_conn(store, NULL), "read the audit log", err);
	db_done(stmt);
	return rc;
}

int store_audit_pending_add(struct store *store, const struct audit_entry *e,
			    long long *id, struct error *err)
{
	static const char sql[] =
		"INSERT INTO audit_pending (at, actor, user_id, role, address, method,"
		" route, object_type, object_id, request_id, detail)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	db_bind_text(stmt, 1, e->at ? e->at : now);
	db_bind_text(stmt, 2, e->actor);
	bind_optional_int(stmt, 3, e->user_id);
	db_bind_text(stmt, 4, e->role);
	db_bind_text(stmt, 5, e->address);
	db_bind_text(stmt, 6, e->method);
	db_bind_text(stmt, 7, e->route);
	db_bind_text(stmt, 8, e->object_type);
	db_bind_text(stmt, 9, e->object_id);
	db_bind_text(stmt, 10, e->request_id);
	db_bind_text(stmt, 11, e->detail ? e->detail : "{}");
	rc = db_step_done(store, stmt, "record a pending change", err);
	if (!rc)
		*id = db_last_id(store);
	return rc;
}

int store_audit_pending_remove(struct store *store, long long id,
			       struct error *err)
{
	static const char sql[] = "DELETE FROM audit_pending WHERE id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	return db_step_done(store, stmt, "remove a pending change", err);
}

int store_audit_pending_recover(struct store *store, time_t older_than,
				long long *recovered, struct error *err)
{
	static const char sql[] =
		"SELECT id, at, actor, user_id, role, address, method, route,"
		" object_type, object_id, request_id, detail FROM audit_pending"
		" WHERE at < ? ORDER BY id LIMIT 1";
	char before[21];
	int rc = RC_OK;

	*recovered = 0;
	clock_format_utc(older_than, before);
	/* One row at a time: appending reuses statements of this connection
	 * and the pending row's texts must stay valid meanwhile. */
	for (;;) {
		sqlite3_stmt *stmt = db_stmt(store, sql, err);
		struct audit_entry e = { .kind = "interrupted" };
		char *texts[10];
		long long id;
		int step;

		if (!stmt)
			return RC_STORE;
		db_bind_text(stmt, 1, before);
		step = sqlite3_step(stmt);
		if (step != SQLITE_ROW) {
			db_done(stmt);
			if (step != SQLITE_DONE)
				return db_error(db_conn(store, NULL), "read pending changes", err);
			return RC_OK;
		}
		id = sqlite3_column_int64(stmt, 0);
		e.user_id = sqlite3_column_int64(stmt, 3);
		for (int i = 0; i < 10; i++) {
			static const int columns[10] = { 1, 2, 4, 5, 6, 7, 8, 9, 10, 11 };
			const char *t = column_text(stmt, columns[i]);

			texts[i] = t ? xstrdup(t) : NULL;
		}
		db_done(stmt);
		e.at = NULL; /* the entry is written now; the detail keeps the start */
		e.actor = texts[1];
		e.role = texts[2];
		e.address = texts[3];
		e.method = texts[4];
		e.route = texts[5];
		e.object_type = texts[6];
		e.object_id = texts[7];
		e.request_id = texts[8];
		{
			json_t *detail = json_loads(texts[9] ? texts[9] : "{}", 0, NULL);
			char *text;

			if (!json_is_object(detail)) {
				json_decref(detail);
				detail = json_object();
			}
			json_object_set_new(detail, "started_at", json_string(texts[0]));
			json_object_set_new(detail, "outcome", json_string("unknown"));
			text = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
			json_decref(detail);
			e.detail = text;
			rc = store_audit_append(store, &e, err);
			free(text);
		}
		if (!rc)
			rc = store_audit_pending_remove(store, id, err);
		for (int i = 0; i < 10; i++)
			free(texts[i]);
		if (rc)
			return rc;
		(*recovered)++;
	}
}

int store_audit_pending_count(struct store *store, long long *out,
			      struct error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM audit_pending";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int rc = RC_OK;

	if (!stmt)
		return RC_STORE;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else
		rc = db_error(db_conn(store, NULL), "count pending changes", err);
	db_done(stmt);
	return rc;
}
