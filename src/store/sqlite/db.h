/*
 * db.h - internals of the SQLite back end, shared by its resource files.
 *
 * Each thread has one connection per store, opened on first use with WAL,
 * foreign keys, synchronous=FULL and a busy timeout. Statements are
 * prepared once per connection and cached by the address of their SQL
 * text, so SQL must be a string literal (or otherwise live for the whole
 * run). Every value reaches SQL through a bound parameter.
 */
#ifndef LINEA311_STORE_SQLITE_DB_H
#define LINEA311_STORE_SQLITE_DB_H

#include <sqlite3.h>

#include "store/store.h"

/* Return the calling thread's connection to store; NULL with err set if
 * it could not be opened. */
sqlite3 *db_conn(struct store *store, struct error *err);

/*
 * Return the cached prepared statement for sql on the calling thread's
 * connection, reset and with no bindings. Release it with db_done (or let
 * the next db_stmt of the same SQL reset it). NULL with err set on
 * failure.
 */
sqlite3_stmt *db_stmt(struct store *store, const char *sql, struct error *err);
void db_done(sqlite3_stmt *stmt);

/* Fill err from the connection's last error, logging the SQLite message
 * (which never contains bound values). Returns RC_STORE, or RC_CONFLICT
 * for a constraint violation. */
int db_error(sqlite3 *db, const char *what, struct error *err);

/* Bind helpers: NULL text and JSON null bind SQL NULL. Index from 1. */
int db_bind_text(sqlite3_stmt *stmt, int i, const char *text);
int db_bind_int(sqlite3_stmt *stmt, int i, long long value);
int db_bind_json_text(sqlite3_stmt *stmt, int i, json_t *value); /* string or null */
int db_bind_json_dump(sqlite3_stmt *stmt, int i, json_t *value); /* any JSON, serialized */

/*
 * Convert the current row to a JSON object keyed by column name. A column
 * whose name ends in "_json" is parsed as JSON and stored without the
 * suffix; a column named "x__y" is stored as member y of object x, which
 * builds {"name": {"es": ..., "en": ...}} from name__es and name__en.
 */
json_t *db_row_json(sqlite3_stmt *stmt);

/* Run sql (no parameters, no rows) on the calling thread's connection. */
int db_exec(struct store *store, const char *sql, struct error *err);

/* Step a statement that returns no rows; RC_OK on SQLITE_DONE. */
int db_step_done(struct store *store, sqlite3_stmt *stmt, const char *what,
		 struct error *err);

/* Return the rowid of the last insert on the calling thread's connection. */
long long db_last_id(struct store *store);

/* Return the number of rows changed by the last statement. */
int db_changes(struct store *store);

#endif
