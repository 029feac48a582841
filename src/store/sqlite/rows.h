/*
 * rows.h - helpers shared by the SQLite resource files for turning rows
 * into API objects and reporting missing rows.
 */
#ifndef LINEA311_STORE_SQLITE_ROWS_H
#define LINEA311_STORE_SQLITE_ROWS_H

#include "store/kb.h"
#include "store/sqlite/db.h"

/* Replace integer member key of obj by a JSON boolean. */
void row_int_to_bool(json_t *obj, const char *key);

/* Fill err with "no such <what> <id>" (RC_NOT_FOUND). */
int row_not_found(struct error *err, const char *what, long long id);

/*
 * Step stmt to the end, converting each row with fn, and build the page
 * object {"items", "total", "limit", "offset"}. The query must select
 * COUNT(*) OVER () AS total_rows, which is removed from each item.
 */
int row_collect_page(struct store *store, sqlite3_stmt *stmt,
		     json_t *(*fn)(sqlite3_stmt *), const struct page *page,
		     json_t **out, struct error *err);

/* Run sql, which selects one row by the id bound to ?1, and convert the
 * row with fn; RC_NOT_FOUND (naming what) when there is none. */
int row_get_by_id(struct store *store, const char *sql, long long id,
		  json_t *(*fn)(sqlite3_stmt *), const char *what,
		  json_t **out, struct error *err);

/* Run sql, an UPDATE that archives the row with id ?1 stamped with the
 * time ?2; RC_NOT_FOUND (naming what) when no live row changed. */
int row_archive(struct store *store, const char *sql, long long id,
		const char *what, struct error *err);

/*
 * Run sql, an INSERT (id 0) or an UPDATE of row id, with obj's members
 * bound by bind to ?1.., the current time bound to ?time_index and, for an
 * update, id bound to ?time_index + 1. An insert stores the new row's id
 * in *new_id; an update that changes no live row returns RC_NOT_FOUND
 * naming what. Either way the knowledge base counts as changed.
 */
int row_write(struct store *store, const char *sql,
	      void (*bind)(sqlite3_stmt *stmt, json_t *obj), json_t *obj,
	      int time_index, long long id, long long *new_id,
	      const char *what, struct error *err);

/* RC_CONFLICT when another live agency than id uses acronym. */
int row_check_acronym(struct store *store, long long id, json_t *acronym,
		      struct error *err);

#endif
