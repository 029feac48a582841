/* stats.c - statistics reads and the case-history load in SQLite (see
 * store/stats.h). */
#include "core/common.h"
#include "core/clock.h"
#include "store/sqlite/db.h"
#include "store/stats.h"

#include <strings.h>

int store_stats_version(struct store *store, struct stats_version *version,
			struct error *err)
{
	static const char sql[] =
		"SELECT (SELECT epoch FROM stats_state WHERE id = 1),"
		" (SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'stats_changes'),"
		" (SELECT COALESCE(MIN(seq), 0) FROM stats_changes),"
		" (SELECT generation FROM calendar_state WHERE id = 1)";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		int rc = db_error(db_conn(store, NULL), "read statistics version", err);

		db_done(stmt);
		return rc;
	}
	version->epoch = sqlite3_column_int64(stmt, 0);
	version->last_change = sqlite3_column_int64(stmt, 1);
	version->first_change = sqlite3_column_int64(stmt, 2);
	version->calendar_generation = sqlite3_column_int64(stmt, 3);
	db_done(stmt);
	return RC_OK;
}

static const char *column_text(sqlite3_stmt *stmt, int i)
{
	return (const char *)sqlite3_column_text(stmt, i);
}

/* Parse the UTC instant of column i; false when NULL or malformed. */
static bool column_instant(sqlite3_stmt *stmt, int i, time_t *out)
{
	const char *text = column_text(stmt, i);

	*out = 0;
	return text && !clock_parse_utc(text, out);
}

#define CASE_COLUMNS                                                         \
	"cases.id, cases.created_at, cases.agency_id, cases.service_id,"     \
	" cases.created_by, cases.channel, cases.municipio, cases.status,"   \
	" cases.first_contact_at, COALESCE(cases.closed_at, cases.cancelled_at),"	\
	" cases.sla1_outcome, cases.sla2_outcome"

static int case_from_stmt(sqlite3_stmt *stmt, int first, long long id,
			  struct stats_case_row *row)
{
	memset(row, 0, sizeof(*row));
	row->id = id;
	if (sqlite3_column_type(stmt, first) == SQLITE_NULL) {
		row->deleted = true;
		return 0;
	}
	if (!column_instant(stmt, first + 1, &row->created))
		return -1;
	row->agency_id = sqlite3_column_int64(stmt, first + 2);
	row->service_id = sqlite3_column_int64(stmt, first + 3);
	row->operator = column_text(stmt, first + 4);
	row->channel = column_text(stmt, first + 5);
	row->municipio = column_text(stmt, first + 6);
	row->status = column_text(stmt, first + 7);
	row->has_first_contact = column_instant(stmt, first + 8, &row->first_contact);
	row->has_closed = column_instant(stmt, first + 9, &row->closed);
	row->sla1_outcome = column_text(stmt, first + 10);
	row->sla2_outcome = column_text(stmt, first + 11);
	return 0;
}

int store_stats_each_case(struct store *store, long long after_change,
			  int (*fn)(const struct stats_case_row *row, void *ctx),
			  void *ctx, struct error *err)
{
	static const char all_sql[] =
		"SELECT " CASE_COLUMNS " FROM cases";
	static const char changed_sql[] =
		"SELECT ch.row_id, " CASE_COLUMNS " FROM"
		" (SELECT DISTINCT row_id FROM stats_changes WHERE kind = 1 AND seq > ?) AS ch"
		" LEFT JOIN cases ON cases.id = ch.row_id";
	sqlite3_stmt *stmt;
	int step, rc = RC_OK;
	int first = after_change ? 1 : 0;

	stmt = db_stmt(store, after_change ? changed_sql : all_sql, err);
	if (!stmt)
		return RC_STORE;
	if (after_change)
		db_bind_int(stmt, 1, after_change);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct stats_case_row row;
		long long id = sqlite3_column_int64(stmt, 0);

		if (case_from_stmt(stmt, first, id, &row)) {
			rc = error_set(err, RC_STORE, "bad_row", "created_at",
				       "El caso %lld tiene una fecha de creación inválida.",
				       "Case %lld has an invalid creation time.", id);
			break;
		}
		rc = fn(&row, ctx);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_error(db_conn(store, NULL), "read cases for statistics", err);
	db_done(stmt);
	return rc;
}

#define CALL_COLUMNS                                                         \
	"calls.id, calls.started_at, calls.type, calls.channel,"             \
	" calls.agency_id, calls.service_id, calls.operator, citizens.municipio"

static int call_from_stmt(sqlite3_stmt *stmt, int first, long long id,
			  struct stats_call_row *row)
{
	memset(row, 0, sizeof(*row));
	row->id = id;
	if (sqlite3_column_type(stmt, first) == SQLITE_NULL) {
		row->deleted = true;
		return 0;
	}
	if (!column_instant(stmt, first + 1, &row->started))
		return -1;
	row->type = column_text(stmt, first + 2);
	row->channel = column_text(stmt, first + 3);
	row->agency_id = sqlite3_column_int64(stmt, first + 4);
	row->service_id = sqlite3_column_int64(stmt, first + 5);
	row->operator = column_text(stmt, first + 6);
	row->municipio = column_text(stmt, first + 7);
	return 0;
}

int store_stats_each_call(struct store *store, long long after_change,
			  int (*fn)(const struct stats_call_row *row, void *ctx),
			  void *ctx, struct error *err)
{
	static const char all_sql[] =
		"SELECT " CALL_COLUMNS " FROM calls"
		" LEFT JOIN citizens ON citizens.id = calls.citizen_id";
	static const char changed_sql[] =
		"SELECT ch.row_id, " CALL_COLUMNS " FROM"
		" (SELECT DISTINCT row_id FROM stats_changes WHERE kind = 2 AND seq > ?) AS ch"
		" LEFT JOIN calls ON calls.id = ch.row_id"
		" LEFT JOIN citizens ON citizens.id = calls.citizen_id";
	sqlite3_stmt *stmt;
	int step, rc = RC_OK;
	int first = after_change ? 1 : 0;

	stmt = db_stmt(store, after_change ? changed_sql : all_sql, err);
	if (!stmt)
		return RC_STORE;
	if (after_change)
		db_bind_int(stmt, 1, after_change);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct stats_call_row row;
		long long id = sqlite3_column_int64(stmt, 0);

		if (call_from_stmt(stmt, first, id, &row)) {
			rc = error_set(err, RC_STORE, "bad_row", "started_at",
				       "La llamada %lld tiene una hora de inicio inválida.",
				       "Call %lld has an invalid start time.", id);
			break;
		}
		rc = fn(&row, ctx);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_error(db_conn(store, NULL), "read calls for statistics", err);
	db_done(stmt);
	return rc;
}

int store_stats_prune_changes(struct store *store, long long seq,
			      struct error *err)
{
	sqlite3_stmt *stmt = db_stmt(store, "DELETE FROM stats_changes WHERE seq <= ?", err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, seq);
	return db_step_done(store, stmt, "prune statistics changes", err);
}

int store_stats_restart_log(struct store *store, struct error *err)
{
	int rc = db_exec(store, "DELETE FROM stats_changes", err);

	if (!rc)
		rc = db_exec(store, "UPDATE stats_state SET epoch = epoch + 1 WHERE id = 1", err);
	return rc;
}

int store_stats_labels(struct store *store, json_t **out, struct error *err)
{
	static const char agencies_sql[] =
		"SELECT id, acronym, name_es, name_en FROM agencies";
	static const char services_sql[] =
		"SELECT s.id, s.agency_id, json_extract(v.document, '$.name.es'),"
		" json_extract(v.document, '$.name.en') FROM services s"
		" JOIN service_versions v ON v.service_id = s.id AND v.version = s.version";
	json_t *agencies = json_object(), *services = json_object();
	sqlite3_stmt *stmt;
	char key[24];

	stmt = db_stmt(store, agencies_sql, err);
	if (!stmt)
		goto fail;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		snprintf(key, sizeof(key), "%lld", (long long)sqlite3_column_int64(stmt, 0));
		json_object_set_new(agencies, key, json_pack("{s:s?, s:{s:s?, s:s?}}",
			"acronym", column_text(stmt, 1), "name",
			"es", column_text(stmt, 2), "en", column_text(stmt, 3)));
	}
	db_done(stmt);
	stmt = db_stmt(store, services_sql, err);
	if (!stmt)
		goto fail;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		snprintf(key, sizeof(key), "%lld", (long long)sqlite3_column_int64(stmt, 0));
		json_object_set_new(services, key, json_pack("{s:I, s:{s:s?, s:s?}}",
			"agency_id", (json_int_t)sqlite3_column_int64(stmt, 1), "name",
			"es", column_text(stmt, 2), "en", column_text(stmt, 3)));
	}
	db_done(stmt);
	*out = json_pack("{s:o, s:o}", "agencies", agencies, "services", services);
	return RC_OK;
fail:
	json_decref(agencies);
	json_decref(services);
	return RC_STORE;
}

int store_stats_service_sla2(struct store *store, long long service_id,
			     int *days, struct error *err)
{
	sqlite3_stmt *stmt = db_stmt(store, "SELECT sla2_days FROM services WHERE id = ?", err);
	int rc = RC_OK;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, service_id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*days = sqlite3_column_int(stmt, 0);
	else
		rc = error_set(err, RC_NOT_FOUND, "not_found", "service",
			       "No existe el servicio %lld.", "No service %lld exists.",
			       service_id);
	db_done(stmt);
	return rc;
}

int store_stats_find_service(struct store *store, long long agency_id,
			     const char *name, long long *id,
			     struct error *err)
{
	static const char sql[] =
		"SELECT s.id FROM services s"
		" JOIN service_versions v ON v.service_id = s.id AND v.version = s.version"
		" WHERE s.agency_id = ?1 AND s.status <> 'archived'"
		" AND (json_extract(v.document, '$.name.es') = ?2 COLLATE NOCASE"
		" OR json_extract(v.document, '$.name.en') = ?2 COLLATE NOCASE)"
		" ORDER BY s.id LIMIT 1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int rc = RC_OK;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, agency_id);
	db_bind_text(stmt, 2, name);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	else
		rc = error_set(err, RC_NOT_FOUND, "not_found", "service",
			       "La agencia %lld no tiene un servicio llamado «%s».",
			       "Agency %lld has no service named \"%s\".", agency_id, name);
	db_done(stmt);
	return rc;
}

/* Take the next sequence number of year, or record seq as used. */
static int import_sequence(struct store *store, int year, long long *seq,
			   struct error *err)
{
	static const char next_sql[] =
		"INSERT INTO case_counters (year, last_seq) VALUES (?1, 1)"
		" ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1"
		" RETURNING last_seq";
	static const char used_sql[] =
		"INSERT INTO case_counters (year, last_seq) VALUES (?1, ?2)"
		" ON CONFLICT (year) DO UPDATE SET last_seq = MAX(last_seq, ?2)";
	sqlite3_stmt *stmt;
	int rc;

	if (*seq) {
		stmt = db_stmt(store, used_sql, err);
		if (!stmt)
			return RC_STORE;
		db_bind_int(stmt, 1, year);
		db_bind_int(stmt, 2, *seq);
		return db_step_done(store, stmt, "record case number", err);
	}
	stmt = db_stmt(store, next_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, year);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		rc = db_error(db_conn(store, NULL), "number imported case", err);
		db_done(stmt);
		return rc;
	}
	*seq = sqlite3_column_int64(stmt, 0);
	db_done(stmt);
	return RC_OK;
}

static void bind_instant(sqlite3_stmt *stmt, int i, time_t t)
{
	char text[21];

	if (!t) {
		sqlite3_bind_null(stmt, i);
		return;
	}
	clock_format_utc(t, text);
	db_bind_text(stmt, i, text);
}

static void bind_date(sqlite3_stmt *stmt, int i, struct civil_date date,
		      bool present)
{
	char text[CIVIL_DATE_LEN];

	if (!present) {
		sqlite3_bind_null(stmt, i);
		return;
	}
	civil_date_format(date, text);
	db_bind_text(stmt, i, text);
}

int store_case_import(struct store *store, const struct case_import_row *row,
		      const char *actor, struct error *err)
{
	static const char exists_sql[] = "SELECT 1 FROM cases WHERE number = ?";
	static const char insert_sql[] =
		"INSERT INTO cases (number, year, seq, service_id, agency_id, channel,"
		" description, municipio, status, resolution, cancel_reason,"
		" first_contact_at, first_contact_by, closed_at, cancelled_at,"
		" created_at, created_by, updated_at,"
		" sla1_start, sla1_days, sla1_due, sla1_outcome, sla1_stopped, sla1_state,"
		" sla2_start, sla2_days, sla2_due, sla2_outcome, sla2_stopped, sla2_state)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
		" ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)";
	static const char event_sql[] =
		"INSERT INTO case_events (case_id, at, actor, type, to_status, data)"
		" VALUES (?1, ?2, ?3, 'imported', ?4, json_object('source', ?5))";
	bool cancelled = !strcmp(row->status, "cancelled");
	long long seq = row->seq;
	sqlite3_stmt *stmt;
	int rc;

	stmt = db_stmt(store, exists_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, row->number);
	rc = sqlite3_step(stmt);
	db_done(stmt);
	if (rc == SQLITE_ROW)
		return error_set(err, RC_CONFLICT, "duplicate", "number",
				 "Ya existe un caso con el número %s.",
				 "A case numbered %s exists already.", row->number);

	rc = import_sequence(store, row->year, &seq, err);
	if (rc)
		return rc;
	stmt = db_stmt(store, insert_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, row->number);
	db_bind_int(stmt, 2, row->year);
	db_bind_int(stmt, 3, seq);
	db_bind_int(stmt, 4, row->service_id);
	db_bind_int(stmt, 5, row->agency_id);
	db_bind_text(stmt, 6, row->channel);
	db_bind_text(stmt, 7, row->description);
	db_bind_text(stmt, 8, row->municipio);
	db_bind_text(stmt, 9, row->status);
	db_bind_text(stmt, 10, row->resolution);
	db_bind_text(stmt, 11, cancelled ? row->cancel_reason : NULL);
	bind_instant(stmt, 12, row->first_contact);
	db_bind_text(stmt, 13, row->first_contact ? row->operator : NULL);
	bind_instant(stmt, 14, cancelled ? 0 : row->closed);
	bind_instant(stmt, 15, cancelled ? row->closed : 0);
	bind_instant(stmt, 16, row->created);
	db_bind_text(stmt, 17, row->operator);
	bind_instant(stmt, 18, row->updated);
	bind_date(stmt, 19, row->sla1_start, true);
	db_bind_int(stmt, 20, row->sla1_days);
	bind_date(stmt, 21, row->sla1_due, true);
	db_bind_text(stmt, 22, row->sla1_outcome);
	bind_date(stmt, 23, row->sla1_stopped, strcmp(row->sla1_outcome, "pending"));
	db_bind_text(stmt, 24, row->sla1_state);
	bind_date(stmt, 25, row->sla2_start, true);
	db_bind_int(stmt, 26, row->sla2_days);
	bind_date(stmt, 27, row->sla2_due, true);
	db_bind_text(stmt, 28, row->sla2_outcome);
	bind_date(stmt, 29, row->sla2_stopped, strcmp(row->sla2_outcome, "pending"));
	db_bind_text(stmt, 30, row->sla2_state);
	rc = db_step_done(store, stmt, "import case", err);
	if (rc)
		return rc;

	stmt = db_stmt(store, event_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, db_last_id(store));
	bind_instant(stmt, 2, clock_now());
	db_bind_text(stmt, 3, actor);
	db_bind_text(stmt, 4, row->status);
	db_bind_text(stmt, 5, row->source);
	return db_step_done(store, stmt, "record imported case", err);
}
