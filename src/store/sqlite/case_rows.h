/*
 * case_rows.h - conversions shared by the SQLite files of citizens, calls,
 * cases and the calendar: instants stored as UTC text, local dates stored
 * as "YYYY-MM-DD", and "not found" errors that name the resource in both
 * languages.
 */
#ifndef LINEA311_STORE_SQLITE_CASE_ROWS_H
#define LINEA311_STORE_SQLITE_CASE_ROWS_H

#include "domain/civil_time.h"
#include "store/sqlite/db.h"

/* Fill err with RC_NOT_FOUND naming the resource: what_es is the Spanish
 * noun with its article ("el caso"), what_en the English noun. */
int case_rows_not_found(struct error *err, const char *what_es,
			const char *what_en, long long id);

/* Bind instant as UTC text, or NULL when it is 0. */
void case_rows_bind_instant(sqlite3_stmt *stmt, int i, time_t instant);

/* Bind date as "YYYY-MM-DD", or NULL when its year is 0. */
void case_rows_bind_date(sqlite3_stmt *stmt, int i, struct civil_date date);

/* Read column i as an instant; 0 for NULL or unreadable text. */
time_t case_rows_instant(sqlite3_stmt *stmt, int i);

/* Read column i as a date; {0, 0, 0} for NULL or unreadable text. */
struct civil_date case_rows_date(sqlite3_stmt *stmt, int i);

/* Copy column i into out (size bytes); "" for NULL. */
void case_rows_text(sqlite3_stmt *stmt, int i, char *out, size_t size);

#endif
