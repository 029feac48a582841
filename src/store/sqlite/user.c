/* user.c - accounts, sessions and log-in throttling in SQLite (see store/user.h). */
#include "core/common.h"
#include "core/clock.h"
#include "store/sqlite/db.h"
#include "store/sqlite/rows.h"
#include "store/user.h"

#define USER_COLUMNS                                                         \
	"id, username, name, role, agency_id, office_id, active,"            \
	" failed_logins, locked_until, last_login_at, password_changed_at,"  \
	" created_at, updated_at"

static json_t *user_row(sqlite3_stmt *stmt)
{
	json_t *u = db_row_json(stmt);

	row_int_to_bool(u, "active");
	return u;
}

static int user_not_found(struct error *err, long long id)
{
	return error_set(err, RC_NOT_FOUND, "not_found", NULL,
			 "No se encontró el usuario %lld.",
			 "No user %lld was found.", id);
}

static void now_text(char *buf)
{
	clock_format_utc(clock_now(), buf);
}

/* Parse a stored instant; 0 for NULL or a malformed value. */
static time_t column_time(sqlite3_stmt *stmt, int i)
{
	const char *text = (const char *)sqlite3_column_text(stmt, i);
	time_t t;

	if (!text || clock_parse_utc(text, &t))
		return 0;
	return t;
}

static void copy_column(sqlite3_stmt *stmt, int i, char *buf, size_t size)
{
	const char *text = (const char *)sqlite3_column_text(stmt, i);

	snprintf(buf, size, "%s", text ? text : "");
}

/* Bind an optional integer member: null or absent binds SQL NULL. */
static void bind_optional_id(sqlite3_stmt *stmt, int i, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (json_is_integer(v) && json_integer_value(v) > 0)
		db_bind_int(stmt, i, json_integer_value(v));
	else
		sqlite3_bind_null(stmt, i);
}

static bool is_active_liaison(json_t *user)
{
	const char *role = json_string_value(json_object_get(user, "role"));

	return role && !strcmp(role, "liaison") &&
	       !json_is_false(json_object_get(user, "active"));
}

int store_licence_check(struct store *store, long long agency_id,
			long long except_id, struct error *err)
{
	static const char agency_sql[] =
		"SELECT licences, archived, COALESCE(acronym, name_es) FROM agencies WHERE id = ?";
	static const char count_sql[] =
		"SELECT COUNT(*) FROM users WHERE role = 'liaison' AND active = 1"
		" AND agency_id = ?1 AND id <> ?2";
	sqlite3_stmt *stmt = db_stmt(store, agency_sql, err);
	long long licences, used;
	char name[200];
	bool archived;
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, agency_id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		licences = sqlite3_column_int64(stmt, 0);
		archived = sqlite3_column_int(stmt, 1);
		copy_column(stmt, 2, name, sizeof(name));
	}
	db_done(stmt);
	if (step != SQLITE_ROW || archived)
		return error_set(err, RC_INVALID, "not_found", "agency_id",
				 "La agencia %lld no existe o está archivada.",
				 "The agency %lld does not exist or is archived.", agency_id);

	stmt = db_stmt(store, count_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, agency_id);
	db_bind_int(stmt, 2, except_id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		int rc = db_error(db_conn(store, NULL), "count liaisons", err);

		db_done(stmt);
		return rc;
	}
	used = sqlite3_column_int64(stmt, 0);
	db_done(stmt);
	if (used >= licences)
		return error_set(err, RC_CONFLICT, "licence_limit", "agency_id",
				 "La agencia %s tiene %lld licencias y %lld enlaces activos: no queda licencia para otro enlace activo. Desactive un enlace de la agencia o pida al administrador que aumente sus licencias.",
				 "The agency %s has %lld licences and %lld active liaisons: no licence is left for another active liaison. Disable one of the agency's liaisons or ask the administrator to raise its licences.",
				 name, licences, used);
	return RC_OK;
}

int store_office_agency(struct store *store, long long office_id,
			long long agency_id, long long *agency_out,
			struct error *err)
{
	static const char sql[] = "SELECT agency_id, archived FROM offices WHERE id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	long long owner = 0;
	bool archived = false;
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, office_id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		owner = sqlite3_column_int64(stmt, 0);
		archived = sqlite3_column_int(stmt, 1);
	}
	db_done(stmt);
	if (step != SQLITE_ROW || archived)
		return error_set(err, RC_INVALID, "not_found", "office_id",
				 "La oficina %lld no existe o está archivada.",
				 "The office %lld does not exist or is archived.", office_id);
	if (agency_id && owner != agency_id)
		return error_set(err, RC_INVALID, "office_not_in_agency", "office_id",
				 "La oficina %lld no pertenece a la agencia %lld. Elija una oficina de esa agencia.",
				 "The office %lld does not belong to agency %lld. Choose an office of that agency.",
				 office_id, agency_id);
	*agency_out = owner;
	return RC_OK;
}

static int check_username_free(struct store *store, const char *username,
			       struct error *err)
{
	static const char sql[] = "SELECT 1 FROM users WHERE username = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, username);
	step = sqlite3_step(stmt);
	db_done(stmt);
	if (step == SQLITE_ROW)
		return error_set(err, RC_CONFLICT, "username_taken", "username",
				 "Ya existe un usuario «%s». Elija otro nombre de usuario.",
				 "A user \"%s\" already exists. Choose another user name.",
				 username);
	return RC_OK;
}

int store_user_create(struct store *store, json_t *user,
		      const char *password_hash, long long *id,
		      struct error *err)
{
	static const char sql[] =
		"INSERT INTO users (username, name, role, agency_id, office_id,"
		" password_hash, active, password_changed_at, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8)";
	const char *username = json_string_value(json_object_get(user, "username"));
	char now[21];
	sqlite3_stmt *stmt;
	int rc;

	rc = check_username_free(store, username, err);
	if (!rc && is_active_liaison(user))
		rc = store_licence_check(store,
					 json_integer_value(json_object_get(user, "agency_id")),
					 0, err);
	if (rc)
		return rc;
	stmt = db_stmt(store, sql, err);
	if (!stmt)
		return RC_STORE;
	now_text(now);
	db_bind_text(stmt, 1, username);
	db_bind_json_text(stmt, 2, json_object_get(user, "name"));
	db_bind_json_text(stmt, 3, json_object_get(user, "role"));
	bind_optional_id(stmt, 4, user, "agency_id");
	bind_optional_id(stmt, 5, user, "office_id");
	db_bind_text(stmt, 6, password_hash);
	db_bind_int(stmt, 7, !json_is_false(json_object_get(user, "active")));
	db_bind_text(stmt, 8, now);
	rc = db_step_done(store, stmt, "create user", err);
	if (!rc)
		*id = db_last_id(store);
	return rc;
}

static int end_user_sessions(struct store *store, long long user_id,
			     long long keep_session, struct error *err)
{
	static const char sql[] =
		"UPDATE sessions SET ended_at = ?3 WHERE user_id = ?1"
		" AND id <> ?2 AND ended_at IS NULL";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];

	if (!stmt)
		return RC_STORE;
	now_text(now);
	db_bind_int(stmt, 1, user_id);
	db_bind_int(stmt, 2, keep_session);
	db_bind_text(stmt, 3, now);
	return db_step_done(store, stmt, "end sessions", err);
}

int store_user_update(struct store *store, long long id, json_t *user,
		      struct error *err)
{
	static const char sql[] =
		"UPDATE users SET name = ?2, role = ?3, agency_id = ?4, office_id = ?5,"
		" active = ?6, updated_at = ?7 WHERE id = ?1";
	json_t *current = NULL;
	bool was_counted, active;
	sqlite3_stmt *stmt;
	char now[21];
	int rc;

	rc = store_user_get(store, id, &current, err);
	if (rc)
		return rc;
	/* A liaison who already uses one of this agency's licences keeps
	 * it, even when the agency's licences were lowered since. */
	was_counted = is_active_liaison(current) &&
		      json_equal(json_object_get(current, "agency_id"),
				 json_object_get(user, "agency_id"));
	json_decref(current);
	if (is_active_liaison(user) && !was_counted) {
		rc = store_licence_check(store,
					 json_integer_value(json_object_get(user, "agency_id")),
					 id, err);
		if (rc)
			return rc;
	}

	stmt = db_stmt(store, sql, err);
	if (!stmt)
		return RC_STORE;
	now_text(now);
	active = !json_is_false(json_object_get(user, "active"));
	db_bind_int(stmt, 1, id);
	db_bind_json_text(stmt, 2, json_object_get(user, "name"));
	db_bind_json_text(stmt, 3, json_object_get(user, "role"));
	bind_optional_id(stmt, 4, user, "agency_id");
	bind_optional_id(stmt, 5, user, "office_id");
	db_bind_int(stmt, 6, active);
	db_bind_text(stmt, 7, now);
	rc = db_step_done(store, stmt, "update user", err);
	if (!rc && db_changes(store) == 0)
		rc = user_not_found(err, id);
	if (!rc && !active)
		rc = end_user_sessions(store, id, 0, err);
	return rc;
}

int store_user_get(struct store *store, long long id, json_t **out,
		   struct error *err)
{
	static const char sql[] = "SELECT " USER_COLUMNS " FROM users WHERE id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = user_row(stmt);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return user_not_found(err, id);
	return RC_OK;
}

int store_user_find(struct store *store, const char *username, json_t **out,
		    struct error *err)
{
	static const char sql[] = "SELECT " USER_COLUMNS " FROM users WHERE username = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, username);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = user_row(stmt);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return error_set(err, RC_NOT_FOUND, "not_found", "username",
				 "No existe el usuario «%s».",
				 "There is no user \"%s\".", username);
	return RC_OK;
}

int store_user_list(struct store *store, const struct user_filter *f,
		    const struct page *page, json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT " USER_COLUMNS ", COUNT(*) OVER () AS total_rows FROM users"
		" WHERE (?1 IS NULL OR role = ?1)"
		" AND (?2 = 0 OR agency_id = ?2)"
		" AND (?3 < 0 OR active = ?3)"
		" AND (?4 IS NULL OR username LIKE '%' || ?4 || '%'"
		"      OR name LIKE '%' || ?4 || '%')"
		" ORDER BY username LIMIT ?5 OFFSET ?6";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, f->role);
	db_bind_int(stmt, 2, f->agency_id);
	db_bind_int(stmt, 3, f->active);
	db_bind_text(stmt, 4, f->q);
	db_bind_int(stmt, 5, page->limit);
	db_bind_int(stmt, 6, page->offset);
	return row_collect_page(store, stmt, user_row, page, out, err);
}

static int count_query(struct store *store, const char *sql, long long arg,
		       long long *out, struct error *err)
{
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int rc = RC_OK;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, arg);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else
		rc = db_error(db_conn(store, NULL), "count users", err);
	db_done(stmt);
	return rc;
}

int store_user_count(struct store *store, long long *out, struct error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM users WHERE ?1 = ?1";

	return count_query(store, sql, 0, out, err);
}

int store_user_count_admins(struct store *store, long long except_id,
			    long long *out, struct error *err)
{
	static const char sql[] =
		"SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1 AND id <> ?1";

	return count_query(store, sql, except_id, out, err);
}

int store_user_set_password(struct store *store, long long id,
			    const char *password_hash, long long keep_session,
			    struct error *err)
{
	static const char sql[] =
		"UPDATE users SET password_hash = ?2, failed_logins = 0,"
		" locked_until = NULL, password_changed_at = ?3, updated_at = ?3"
		" WHERE id = ?1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	now_text(now);
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, password_hash);
	db_bind_text(stmt, 3, now);
	rc = db_step_done(store, stmt, "set password", err);
	if (!rc && db_changes(store) == 0)
		rc = user_not_found(err, id);
	if (!rc)
		rc = end_user_sessions(store, id, keep_session, err);
	return rc;
}

int store_user_rehash(struct store *store, long long id,
		      const char *password_hash, struct error *err)
{
	static const char sql[] = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, password_hash);
	return db_step_done(store, stmt, "rehash password", err);
}

int store_user_credentials(struct store *store, const char *username,
			   struct user_credentials *out, struct error *err)
{
	static const char sql[] =
		"SELECT id, username, password_hash, active, failed_logins, locked_until"
		" FROM users WHERE username = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, username);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		out->id = sqlite3_column_int64(stmt, 0);
		copy_column(stmt, 1, out->username, sizeof(out->username));
		copy_column(stmt, 2, out->hash, sizeof(out->hash));
		out->active = sqlite3_column_int(stmt, 3);
		out->failed_logins = sqlite3_column_int64(stmt, 4);
		out->locked_until = column_time(stmt, 5);
	}
	db_done(stmt);
	if (step != SQLITE_ROW)
		return error_set(err, RC_NOT_FOUND, "not_found", "username",
				 "No existe ese usuario.", "There is no such user.");
	return RC_OK;
}

int store_user_login_failed(struct store *store, long long id, long long max,
			    time_t lock_until, bool *locked, struct error *err)
{
	static const char sql[] =
		"UPDATE users SET"
		" locked_until = CASE WHEN failed_logins + 1 >= ?2 THEN ?3 ELSE locked_until END,"
		" failed_logins = CASE WHEN failed_logins + 1 >= ?2 THEN 0 ELSE failed_logins + 1 END"
		" WHERE id = ?1 RETURNING failed_logins = 0";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char until[21];
	int step;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(lock_until, until);
	db_bind_int(stmt, 1, id);
	db_bind_int(stmt, 2, max);
	db_bind_text(stmt, 3, until);
	step = sqlite3_step(stmt);
	*locked = step == SQLITE_ROW && sqlite3_column_int(stmt, 0);
	if (step == SQLITE_ROW)
		step = sqlite3_step(stmt);
	if (step != SQLITE_DONE) {
		int rc = db_error(db_conn(store, NULL), "count failed log-in", err);

		db_done(stmt);
		return rc;
	}
	db_done(stmt);
	return RC_OK;
}

int store_user_login_succeeded(struct store *store, long long id,
			       struct error *err)
{
	static const char sql[] =
		"UPDATE users SET failed_logins = 0, locked_until = NULL,"
		" last_login_at = ?2 WHERE id = ?1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];

	if (!stmt)
		return RC_STORE;
	now_text(now);
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, now);
	return db_step_done(store, stmt, "record log-in", err);
}

int store_case_scope(struct store *store, long long case_id,
		     long long *agency_id, long long *office_id,
		     struct error *err)
{
	static const char sql[] = "SELECT agency_id, office_id FROM cases WHERE id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, case_id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		*agency_id = sqlite3_column_int64(stmt, 0);
		*office_id = sqlite3_column_int64(stmt, 1);
	}
	db_done(stmt);
	if (step == SQLITE_ROW)
		return RC_OK;
	if (step != SQLITE_DONE)
		return db_error(db_conn(store, NULL), "read a case's scope", err);
	return error_set(err, RC_NOT_FOUND, "not_found", NULL,
			 "No se encontró el caso %lld.", "No case %lld was found.", case_id);
}

/* ---- sessions ---- */

int store_session_create(struct store *store, long long user_id,
			 const char *token_hash, const char *kind,
			 const char *csrf_token, const char *address,
			 time_t expires_at, long long *id, struct error *err)
{
	static const char sql[] =
		"INSERT INTO sessions (token_hash, user_id, kind, csrf_token, address,"
		" created_at, last_seen_at, expires_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21], expires[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	now_text(now);
	clock_format_utc(expires_at, expires);
	db_bind_text(stmt, 1, token_hash);
	db_bind_int(stmt, 2, user_id);
	db_bind_text(stmt, 3, kind);
	db_bind_text(stmt, 4, csrf_token);
	db_bind_text(stmt, 5, address);
	db_bind_text(stmt, 6, now);
	db_bind_text(stmt, 7, expires);
	rc = db_step_done(store, stmt, "create session", err);
	if (!rc)
		*id = db_last_id(store);
	return rc;
}

int store_session_lookup(struct store *store, const char *token_hash,
			 struct session_record *out, struct error *err)
{
	static const char sql[] =
		"SELECT s.id, s.user_id, s.kind, s.csrf_token, s.created_at,"
		" s.last_seen_at, s.expires_at, u.username, u.role, u.agency_id,"
		" u.office_id, u.active"
		" FROM sessions s JOIN users u ON u.id = s.user_id"
		" WHERE s.token_hash = ? AND s.ended_at IS NULL";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, token_hash);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		out->id = sqlite3_column_int64(stmt, 0);
		out->user_id = sqlite3_column_int64(stmt, 1);
		copy_column(stmt, 2, out->kind, sizeof(out->kind));
		copy_column(stmt, 3, out->csrf_token, sizeof(out->csrf_token));
		out->created_at = column_time(stmt, 4);
		out->last_seen_at = column_time(stmt, 5);
		out->expires_at = column_time(stmt, 6);
		copy_column(stmt, 7, out->username, sizeof(out->username));
		copy_column(stmt, 8, out->role, sizeof(out->role));
		out->agency_id = sqlite3_column_int64(stmt, 9);
		out->office_id = sqlite3_column_int64(stmt, 10);
		out->user_active = sqlite3_column_int(stmt, 11);
	}
	db_done(stmt);
	if (step == SQLITE_ROW)
		return RC_OK;
	if (step != SQLITE_DONE)
		return db_error(db_conn(store, NULL), "read session", err);
	return error_set(err, RC_NOT_FOUND, "not_found", NULL,
			 "La sesión no existe o ya terminó.",
			 "The session does not exist or has ended.");
}

int store_session_touch(struct store *store, long long id, struct error *err)
{
	static const char sql[] = "UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];

	if (!stmt)
		return RC_STORE;
	now_text(now);
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, now);
	return db_step_done(store, stmt, "touch session", err);
}

int store_session_end(struct store *store, long long id, struct error *err)
{
	static const char sql[] =
		"UPDATE sessions SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];

	if (!stmt)
		return RC_STORE;
	now_text(now);
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, now);
	return db_step_done(store, stmt, "end session", err);
}

int store_session_purge(struct store *store, time_t before, struct error *err)
{
	static const char sql[] =
		"DELETE FROM sessions WHERE expires_at < ?1 OR ended_at < ?1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char when[21];

	if (!stmt)
		return RC_STORE;
	clock_format_utc(before, when);
	db_bind_text(stmt, 1, when);
	return db_step_done(store, stmt, "purge sessions", err);
}

/* ---- throttling ---- */

int store_throttle_locked_until(struct store *store, const char *address,
				time_t *out, struct error *err)
{
	static const char sql[] = "SELECT locked_until FROM login_throttle WHERE address = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, address);
	*out = sqlite3_step(stmt) == SQLITE_ROW ? column_time(stmt, 0) : 0;
	db_done(stmt);
	if (*out && *out <= clock_now())
		*out = 0;
	return RC_OK;
}

int store_throttle_failed(struct store *store, const char *address,
			  long long max, long long window_seconds,
			  time_t *locked_until, struct error *err)
{
	static const char read_sql[] =
		"SELECT failures, window_started_at FROM login_throttle WHERE address = ?";
	static const char write_sql[] =
		"INSERT INTO login_throttle (address, failures, window_started_at, locked_until)"
		" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (address) DO UPDATE SET"
		" failures = excluded.failures, window_started_at = excluded.window_started_at,"
		" locked_until = excluded.locked_until";
	sqlite3_stmt *stmt = db_stmt(store, read_sql, err);
	time_t now = clock_now(), started = now;
	long long failures = 0;
	char started_text[21], until_text[21];

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, address);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		failures = sqlite3_column_int64(stmt, 0);
		started = column_time(stmt, 1);
	}
	db_done(stmt);
	if (started + window_seconds <= now) {
		/* The window of the earlier failures is over. */
		failures = 0;
		started = now;
	}
	failures++;
	*locked_until = 0;
	if (failures >= max) {
		*locked_until = now + window_seconds;
		failures = 0;
		started = now;
	}

	stmt = db_stmt(store, write_sql, err);
	if (!stmt)
		return RC_STORE;
	clock_format_utc(started, started_text);
	db_bind_text(stmt, 1, address);
	db_bind_int(stmt, 2, failures);
	db_bind_text(stmt, 3, started_text);
	if (*locked_until) {
		clock_format_utc(*locked_until, until_text);
		db_bind_text(stmt, 4, until_text);
	}
	return db_step_done(store, stmt, "count failed log-in", err);
}
