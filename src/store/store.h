/*
 * store.h - the storage interface of linea311.
 *
 * The rest of the program reaches the database only through store_*
 * functions declared here and in the per-resource headers beside this one
 * (agency.h, office.h, service.h, ...). The SQLite back end lives in
 * src/store/sqlite/, the only place that includes sqlite3.h; a PostgreSQL
 * back end implements the same functions.
 *
 * Records cross the interface as jansson objects whose field names are
 * those of the JSON API, so a handler can return what the store gives it.
 *
 * Threads: a struct store is shared by all threads. Each thread gets its
 * own database connection on first use; transactions are per thread.
 */
#ifndef LINEA311_STORE_H
#define LINEA311_STORE_H

#include <jansson.h>

#include "core/error.h"

struct store;

/*
 * Open (creating when missing) the store in data_dir and apply pending
 * migrations. On success *out is owned by the caller, who frees it with
 * store_close after every other thread has stopped using it.
 */
int store_open(const char *data_dir, struct store **out, struct error *err);
void store_close(struct store *store);

/* Return "sqlite" or "postgresql". */
const char *store_backend(const struct store *store);

/* Return the number of the latest migration applied. */
int store_schema_version(struct store *store);

/*
 * Begin a write transaction on the calling thread's connection. Every
 * write of the program is one transaction: begin, the store_* calls,
 * then store_commit, or store_rollback on any error. Transactions do not
 * nest; store_begin while one is open is a bug.
 */
int store_begin(struct store *store, struct error *err);
int store_commit(struct store *store, struct error *err);
void store_rollback(struct store *store);

/* Check that the store answers a trivial query (used by /healthz). */
int store_ping(struct store *store, struct error *err);

/*
 * Return a number that changes whenever the knowledge base (agencies,
 * offices, services, synonyms) changes, for caches built on it.
 */
unsigned long store_kb_generation(struct store *store);

/* Record that the knowledge base changed; inside a transaction the
 * generation moves when it commits. */
void store_kb_touch(struct store *store);

#endif
