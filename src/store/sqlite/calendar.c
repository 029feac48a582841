/* calendar.c - the business calendar in SQLite (see store/calendar.h). */
#include "core/common.h"
#include "core/clock.h"
#include "store/calendar.h"
#include "store/sqlite/case_rows.h"
#include "store/sqlite/db.h"

static int bump_generation(struct store *store, struct error *err)
{
	static const char sql[] =
		"UPDATE calendar_state SET generation = generation + 1 WHERE id = 1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	return db_step_done(store, stmt, "count calendar change", err);
}

int store_calendar_generation(struct store *store, long long *generation,
			      struct error *err)
{
	static const char sql[] =
		"SELECT generation FROM calendar_state WHERE id = 1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*generation = sqlite3_column_int64(stmt, 0);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return db_error(db_conn(store, NULL), "read calendar generation",
				err);
	return RC_OK;
}

int store_calendar_load(struct store *store, struct calendar *cal,
			long long *generation, struct error *err)
{
	static const char years_sql[] =
		"SELECT year, confirmed_at IS NOT NULL FROM calendar_years"
		" ORDER BY year";
	static const char entries_sql[] =
		"SELECT date, kind, name FROM calendar_entries ORDER BY date, kind";
	sqlite3_stmt *stmt;
	int step, rc;

	calendar_release(cal);
	rc = store_calendar_generation(store, generation, err);
	if (rc)
		return rc;

	/* A data year starts empty, because its stored list replaces the
	 * rules wholesale; one pass over the entries then fills every year. */
	stmt = db_stmt(store, years_sql, err);
	if (!stmt)
		return RC_STORE;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int year = sqlite3_column_int(stmt, 0);

		if (calendar_replace_year(cal, year, NULL, 0, NULL))
			continue; /* a year outside 1-9999 */
		if (sqlite3_column_int(stmt, 1))
			calendar_confirm_year(cal, year, NULL);
	}
	db_done(stmt);
	if (step != SQLITE_DONE)
		return db_error(db_conn(store, NULL), "read calendar years", err);

	stmt = db_stmt(store, entries_sql, err);
	if (!stmt)
		return RC_STORE;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct calendar_entry entry;
		const char *kind = (const char *)sqlite3_column_text(stmt, 1);

		entry.date = case_rows_date(stmt, 0);
		case_rows_text(stmt, 2, entry.name, sizeof(entry.name));
		/* Rows that the schema allows but the rules reject (a bad date
		 * written by hand) are skipped rather than stopping the
		 * server. */
		if (calendar_kind_parse(kind, "kind", &entry.kind, NULL) ||
		    !civil_date_valid(entry.date) ||
		    !calendar_find_year(cal, entry.date.year))
			continue;
		calendar_add(cal, &entry, NULL);
	}
	db_done(stmt);
	if (step != SQLITE_DONE)
		return db_error(db_conn(store, NULL), "read calendar entries",
				err);
	return RC_OK;
}

int store_calendar_save_year(struct store *store, const struct calendar *cal,
			     int year, const char *source, struct error *err)
{
	static const char year_sql[] =
		"INSERT INTO calendar_years (year, source, updated_at)"
		" VALUES (?1, ?2, ?3) ON CONFLICT (year) DO UPDATE SET"
		" source = ?2, updated_at = ?3,"
		" confirmed_at = CASE WHEN ?2 = 'import' THEN NULL"
		"   ELSE confirmed_at END,"
		" confirmed_by = CASE WHEN ?2 = 'import' THEN NULL"
		"   ELSE confirmed_by END";
	static const char delete_sql[] =
		"DELETE FROM calendar_entries WHERE year = ?";
	static const char insert_sql[] =
		"INSERT INTO calendar_entries (date, kind, year, name)"
		" VALUES (?1, ?2, ?3, ?4)";
	struct calendar_entry_list list = { NULL, 0, 0 };
	sqlite3_stmt *stmt;
	char now[21];
	int rc;

	clock_format_utc(clock_now(), now);
	stmt = db_stmt(store, year_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, year);
	db_bind_text(stmt, 2, source);
	db_bind_text(stmt, 3, now);
	rc = db_step_done(store, stmt, "save calendar year", err);
	if (rc)
		return rc;

	stmt = db_stmt(store, delete_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, year);
	rc = db_step_done(store, stmt, "clear calendar year", err);
	if (rc)
		return rc;

	calendar_list_year(cal, year, &list);
	for (size_t i = 0; i < list.count && !rc; i++) {
		stmt = db_stmt(store, insert_sql, err);
		if (!stmt) {
			rc = RC_STORE;
			break;
		}
		case_rows_bind_date(stmt, 1, list.items[i].date);
		db_bind_text(stmt, 2, calendar_kind_code(list.items[i].kind));
		db_bind_int(stmt, 3, year);
		db_bind_text(stmt, 4, list.items[i].name);
		rc = db_step_done(store, stmt, "save calendar entry", err);
	}
	calendar_entry_list_release(&list);
	if (!rc)
		rc = bump_generation(store, err);
	return rc;
}

int store_calendar_confirm(struct store *store, int year, const char *actor,
			   time_t at, struct error *err)
{
	static const char sql[] =
		"UPDATE calendar_years SET confirmed_at = ?2, confirmed_by = ?3"
		" WHERE year = ?1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int rc;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, year);
	case_rows_bind_instant(stmt, 2, at);
	db_bind_text(stmt, 3, actor);
	rc = db_step_done(store, stmt, "confirm calendar year", err);
	if (!rc && db_changes(store) == 0)
		rc = error_set(err, RC_NOT_FOUND, "not_found", "year",
			       "El año %d no tiene una lista guardada que "
			       "confirmar.",
			       "The year %d has no saved list to confirm.",
			       year);
	if (!rc)
		rc = bump_generation(store, err);
	return rc;
}

int store_calendar_year_info(struct store *store, int year, json_t **out,
			     struct error *err)
{
	static const char sql[] =
		"SELECT year, source, confirmed_at, confirmed_by, updated_at"
		" FROM calendar_years WHERE year = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, year);
	step = sqlite3_step(stmt);
	*out = step == SQLITE_ROW ? db_row_json(stmt) : NULL;
	db_done(stmt);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_error(db_conn(store, NULL), "read calendar year", err);
	return RC_OK;
}
