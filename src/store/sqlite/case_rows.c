/* case_rows.c - shared row conversions (see case_rows.h). */
#include "core/common.h"
#include "store/sqlite/case_rows.h"

int case_rows_not_found(struct error *err, const char *what_es,
			const char *what_en, long long id)
{
	char es[120], en[120];

	/* error_set gives both formats the same arguments, and the nouns
	 * differ, so each message is written first. */
	snprintf(es, sizeof(es), "No se encontró %s %lld.", what_es, id);
	snprintf(en, sizeof(en), "No %s %lld was found.", what_en, id);
	return error_set(err, RC_NOT_FOUND, "not_found", NULL, "%s%.0s",
			 "%.0s%s", es, en);
}

void case_rows_bind_instant(sqlite3_stmt *stmt, int i, time_t instant)
{
	char text[CIVIL_INSTANT_LEN];

	if (!instant) {
		sqlite3_bind_null(stmt, i);
		return;
	}
	civil_instant_format_utc(instant, text);
	db_bind_text(stmt, i, text);
}

void case_rows_bind_date(sqlite3_stmt *stmt, int i, struct civil_date date)
{
	char text[CIVIL_DATE_LEN];

	if (!date.year) {
		sqlite3_bind_null(stmt, i);
		return;
	}
	civil_date_format(date, text);
	db_bind_text(stmt, i, text);
}

time_t case_rows_instant(sqlite3_stmt *stmt, int i)
{
	const char *text = (const char *)sqlite3_column_text(stmt, i);
	time_t instant;

	if (!text || civil_instant_parse(text, "", &instant, NULL))
		return 0;
	return instant;
}

struct civil_date case_rows_date(sqlite3_stmt *stmt, int i)
{
	const char *text = (const char *)sqlite3_column_text(stmt, i);
	struct civil_date date = { 0, 0, 0 };

	if (!text || civil_date_parse(text, "", &date, NULL)) {
		struct civil_date none = { 0, 0, 0 };

		return none;
	}
	return date;
}

void case_rows_text(sqlite3_stmt *stmt, int i, char *out, size_t size)
{
	const char *text = (const char *)sqlite3_column_text(stmt, i);

	snprintf(out, size, "%s", text ? text : "");
}
