/*
 * db.c - the SQLite back end: opening the store, per-thread connections,
 * the statement cache, migrations and transactions.
 */
#include "core/common.h"
#include "core/embedded.h"
#include "core/log.h"
#include "store/sqlite/db.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>

#define STMT_CACHE_SLOTS 256
#define BUSY_TIMEOUT_MS 10000
#define CHECKPOINT_INTERVAL_MS 250
/* Above this many log frames a checkpoint also waits for readers, so
 * that the log cannot grow without bound under a steady read load. */
#define CHECKPOINT_FORCE_FRAMES 20000

struct stmt_slot {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct conn {
	struct store *store;
	sqlite3 *db;
	bool in_tx;
	bool kb_dirty; /* the open transaction changed the knowledge base */
	struct stmt_slot cache[STMT_CACHE_SLOTS];
	struct conn *next; /* in store->conns */
};

struct store {
	char *path;
	pthread_key_t key;
	pthread_mutex_t lock; /* guards conns */
	struct conn *conns;
	atomic_ulong kb_generation;
	pthread_t checkpointer;
	bool checkpointer_running;
	pthread_mutex_t stop_lock;
	pthread_cond_t stop_cond;
	bool stopping;
};

static void conn_close(struct conn *c)
{
	for (size_t i = 0; i < STMT_CACHE_SLOTS; i++)
		if (c->cache[i].stmt)
			sqlite3_finalize(c->cache[i].stmt);
	sqlite3_close(c->db);
	free(c);
}

/* Thread exit: close the thread's connection and unlink it. */
static void conn_release(void *arg)
{
	struct conn *c = arg;
	struct store *store = c->store;

	pthread_mutex_lock(&store->lock);
	for (struct conn **p = &store->conns; *p; p = &(*p)->next) {
		if (*p == c) {
			*p = c->next;
			break;
		}
	}
	pthread_mutex_unlock(&store->lock);
	conn_close(c);
}

static int conn_open(struct store *store, struct conn **out, struct error *err)
{
	static const char *pragmas =
		"PRAGMA journal_mode=WAL;"
		"PRAGMA synchronous=FULL;"
		"PRAGMA foreign_keys=ON;"
		"PRAGMA temp_store=MEMORY;"
		/* The checkpointer thread copies the log into the database,
		 * so that no commit pays for it (see checkpointer_main). */
		"PRAGMA wal_autocheckpoint=0;";
	struct conn *c = xcalloc(1, sizeof(*c));
	int rc;

	c->store = store;
	rc = sqlite3_open_v2(store->path, &c->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				     SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK) {
		error_set(err, RC_STORE, "store_open", NULL,
			  "No se pudo abrir la base de datos %s: %s.",
			  "Could not open the database %s: %s.", store->path,
			  c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
		sqlite3_close(c->db);
		free(c);
		return RC_STORE;
	}
	sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(c->db, 1);
	if (sqlite3_exec(c->db, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		rc = db_error(c->db, "pragmas", err);
		conn_close(c);
		return rc;
	}
	pthread_mutex_lock(&store->lock);
	c->next = store->conns;
	store->conns = c;
	pthread_mutex_unlock(&store->lock);
	*out = c;
	return RC_OK;
}

static struct conn *conn_get(struct store *store, struct error *err)
{
	struct conn *c = pthread_getspecific(store->key);

	if (c)
		return c;
	if (conn_open(store, &c, err))
		return NULL;
	pthread_setspecific(store->key, c);
	return c;
}

sqlite3 *db_conn(struct store *store, struct error *err)
{
	struct conn *c = conn_get(store, err);

	return c ? c->db : NULL;
}

int db_error(sqlite3 *db, const char *what, struct error *err)
{
	int code = sqlite3_extended_errcode(db);

	if ((code & 0xff) == SQLITE_CONSTRAINT) {
		log_info("store", "%s: constraint: %s", what, sqlite3_errmsg(db));
		return error_set(err, RC_CONFLICT, "constraint", NULL,
				 "El cambio contradice datos existentes (%s).",
				 "The change conflicts with existing data (%s).",
				 sqlite3_errmsg(db));
	}
	log_error("store", "%s failed: %s (%d)", what, sqlite3_errmsg(db), code);
	return error_set(err, RC_STORE, "store_error", NULL,
			 "Error de la base de datos al %s. Intente de nuevo; si persiste, avise al administrador.",
			 "Database error during %s. Try again; if it persists, tell the administrator.",
			 what);
}

sqlite3_stmt *db_stmt(struct store *store, const char *sql, struct error *err)
{
	struct conn *c = conn_get(store, err);
	size_t h, i;

	if (!c)
		return NULL;
	h = ((uintptr_t)sql >> 3) % STMT_CACHE_SLOTS;
	for (i = 0; i < STMT_CACHE_SLOTS; i++) {
		struct stmt_slot *slot = &c->cache[(h + i) % STMT_CACHE_SLOTS];

		if (slot->sql == sql) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
		if (!slot->sql) {
			if (sqlite3_prepare_v3(c->db, sql, -1,
					       SQLITE_PREPARE_PERSISTENT,
					       &slot->stmt, NULL) != SQLITE_OK) {
				db_error(c->db, "prepare", err);
				slot->stmt = NULL;
				return NULL;
			}
			slot->sql = sql;
			return slot->stmt;
		}
	}
	BUG("statement cache full: raise STMT_CACHE_SLOTS");
	return NULL;
}

void db_done(sqlite3_stmt *stmt)
{
	if (stmt) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
	}
}

int db_bind_text(sqlite3_stmt *stmt, int i, const char *text)
{
	if (!text)
		return sqlite3_bind_null(stmt, i);
	return sqlite3_bind_text(stmt, i, text, -1, SQLITE_TRANSIENT);
}

int db_bind_int(sqlite3_stmt *stmt, int i, long long value)
{
	return sqlite3_bind_int64(stmt, i, value);
}

int db_bind_json_text(sqlite3_stmt *stmt, int i, json_t *value)
{
	if (!json_is_string(value))
		return sqlite3_bind_null(stmt, i);
	return sqlite3_bind_text(stmt, i, json_string_value(value),
				 (int)json_string_length(value), SQLITE_TRANSIENT);
}

int db_bind_json_dump(sqlite3_stmt *stmt, int i, json_t *value)
{
	char *text;

	if (!value)
		return sqlite3_bind_null(stmt, i);
	text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
	return sqlite3_bind_text(stmt, i, text, -1, free);
}

static json_t *column_json(sqlite3_stmt *stmt, int i, bool parse)
{
	switch (sqlite3_column_type(stmt, i)) {
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(stmt, i));
	case SQLITE_FLOAT:
		return json_real(sqlite3_column_double(stmt, i));
	case SQLITE_NULL:
		return json_null();
	default: {
		const char *text = (const char *)sqlite3_column_text(stmt, i);
		size_t len = (size_t)sqlite3_column_bytes(stmt, i);

		if (parse) {
			json_t *v = json_loadb(text, len, JSON_DECODE_ANY, NULL);

			if (v)
				return v;
		}
		return json_stringn(text, len);
	}
	}
}

json_t *db_row_json(sqlite3_stmt *stmt)
{
	json_t *row = json_object();
	int n = sqlite3_column_count(stmt);

	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(stmt, i);
		size_t len = strlen(name);
		const char *sep = strstr(name, "__");
		bool parse = len > 5 && !strcmp(name + len - 5, "_json");
		char key[96];

		snprintf(key, sizeof(key), "%.*s", (int)(parse ? len - 5 : len), name);
		if (sep && !parse) {
			char outer[64];
			json_t *obj;

			snprintf(outer, sizeof(outer), "%.*s", (int)(sep - name), name);
			obj = json_object_get(row, outer);
			if (!obj) {
				obj = json_object();
				json_object_set_new(row, outer, obj);
			}
			json_object_set_new(obj, sep + 2, column_json(stmt, i, false));
			continue;
		}
		json_object_set_new(row, key, column_json(stmt, i, parse));
	}
	return row;
}

int db_exec(struct store *store, const char *sql, struct error *err)
{
	sqlite3 *db = db_conn(store, err);

	if (!db)
		return RC_STORE;
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, "exec", err);
	return RC_OK;
}

int db_step_done(struct store *store, sqlite3_stmt *stmt, const char *what,
		 struct error *err)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		db_done(stmt);
		return RC_OK;
	}
	rc = db_error(db_conn(store, NULL), what, err);
	db_done(stmt);
	return rc;
}

long long db_last_id(struct store *store)
{
	return sqlite3_last_insert_rowid(db_conn(store, NULL));
}

int db_changes(struct store *store)
{
	return sqlite3_changes(db_conn(store, NULL));
}

int store_begin(struct store *store, struct error *err)
{
	struct conn *c = conn_get(store, err);

	if (!c)
		return RC_STORE;
	BUG_ON(c->in_tx);
	if (sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(c->db, "begin", err);
	c->in_tx = true;
	return RC_OK;
}

int store_commit(struct store *store, struct error *err)
{
	struct conn *c = conn_get(store, err);
	int rc;

	if (!c)
		return RC_STORE;
	BUG_ON(!c->in_tx);
	if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rc = db_error(c->db, "commit", err);
		store_rollback(store);
		return rc;
	}
	c->in_tx = false;
	if (c->kb_dirty) {
		/* After the commit, so a cache filled meanwhile is dropped. */
		atomic_fetch_add(&store->kb_generation, 1);
		c->kb_dirty = false;
	}
	return RC_OK;
}

void store_rollback(struct store *store)
{
	struct conn *c = conn_get(store, NULL);

	if (!c || !c->in_tx)
		return;
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	c->in_tx = false;
	c->kb_dirty = false;
}

int store_ping(struct store *store, struct error *err)
{
	sqlite3_stmt *stmt = db_stmt(store, "SELECT 1", err);
	int rc;

	if (!stmt)
		return RC_STORE;
	rc = sqlite3_step(stmt) == SQLITE_ROW ? RC_OK : RC_STORE;
	db_done(stmt);
	if (rc)
		return error_set(err, RC_STORE, "store_unavailable", NULL,
				 "La base de datos no responde.",
				 "The database does not respond.");
	return RC_OK;
}

unsigned long store_kb_generation(struct store *store)
{
	return atomic_load(&store->kb_generation);
}

void store_kb_touch(struct store *store)
{
	struct conn *c = conn_get(store, NULL);

	if (c && c->in_tx)
		c->kb_dirty = true;
	else
		atomic_fetch_add(&store->kb_generation, 1);
}

const char *store_backend(const struct store *store)
{
	(void)store;
	return "sqlite";
}

int store_schema_version(struct store *store)
{
	sqlite3_stmt *stmt = db_stmt(store,
		"SELECT COALESCE(MAX(version), 0) FROM schema_migrations", NULL);
	int v = 0;

	if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int(stmt, 0);
	db_done(stmt);
	return v;
}

/* Return true when migration version is recorded as applied. */
static bool migration_applied(struct store *store, long version)
{
	sqlite3_stmt *stmt = db_stmt(store,
		"SELECT 1 FROM schema_migrations WHERE version = ?", NULL);
	bool applied;

	if (!stmt)
		return false;
	db_bind_int(stmt, 1, version);
	applied = sqlite3_step(stmt) == SQLITE_ROW;
	db_done(stmt);
	return applied;
}

/*
 * Apply, in order of their numbers and each in its own transaction,
 * every embedded migrations/NNNN_name.sql not yet recorded. Each number
 * is checked on its own, so a migration numbered below one already
 * applied (work merged from a parallel branch) is still applied.
 */
static int migrate(struct store *store, struct error *err)
{
	sqlite3 *db = db_conn(store, err);
	long done = 0;
	int rc;

	if (!db)
		return RC_STORE;
	rc = db_exec(store,
		     "CREATE TABLE IF NOT EXISTS schema_migrations ("
		     " version INTEGER PRIMARY KEY,"
		     " name TEXT NOT NULL,"
		     " applied_at TEXT NOT NULL)", err);
	if (rc)
		return rc;

	for (;;) {
		const struct embedded_file *next = NULL;
		long next_version = 0;

		/* The lowest migration above the last one looked at. */
		for (const struct embedded_file *f = embedded_files; f->name; f++) {
			long v;

			if (strncmp(f->name, "migrations/", 11))
				continue;
			v = strtol(f->name + 11, NULL, 10);
			if (v > done && (!next || v < next_version)) {
				next = f;
				next_version = v;
			}
		}
		if (!next)
			return RC_OK;
		done = next_version;
		if (migration_applied(store, next_version))
			continue;

		rc = store_begin(store, err);
		if (rc)
			return rc;
		if (sqlite3_exec(db, (const char *)next->data, NULL, NULL, NULL) != SQLITE_OK) {
			log_error("store", "migration %s failed: %s", next->name,
				  sqlite3_errmsg(db));
			rc = error_set(err, RC_STORE, "migration_failed", NULL,
				       "Falló la migración %s: %s.",
				       "Migration %s failed: %s.", next->name,
				       sqlite3_errmsg(db));
			store_rollback(store);
			return rc;
		}
		sqlite3_stmt *stmt = db_stmt(store,
			"INSERT INTO schema_migrations (version, name, applied_at)"
			" VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", err);
		if (!stmt) {
			store_rollback(store);
			return RC_STORE;
		}
		db_bind_int(stmt, 1, next_version);
		db_bind_text(stmt, 2, next->name + 11);
		rc = db_step_done(store, stmt, "record migration", err);
		if (!rc)
			rc = store_commit(store, err);
		if (rc) {
			store_rollback(store);
			return rc;
		}
		log_info("store", "applied migration %s", next->name + 11);
	}
}

/*
 * Copy the write-ahead log into the database file a few times a second
 * on a connection of its own. SQLite would otherwise run the checkpoint
 * inside whichever commit crossed 1000 log pages, and every writer
 * waiting on that commit (all of a group commit's batch) would wait for
 * the copy and its disk syncs too. A passive checkpoint never blocks
 * writers; a full one, taken only when the log is very large, waits for
 * readers so that the log can restart from the beginning.
 */
static void *checkpointer_main(void *arg)
{
	struct store *store = arg;
	sqlite3 *db = db_conn(store, NULL);

	pthread_mutex_lock(&store->stop_lock);
	while (db && !store->stopping) {
		struct timespec until;
		int frames = 0, copied = 0;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += CHECKPOINT_INTERVAL_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&store->stop_cond, &store->stop_lock, &until);
		if (store->stopping)
			break;
		pthread_mutex_unlock(&store->stop_lock);
		if (sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE,
					      &frames, &copied) == SQLITE_OK &&
		    frames > CHECKPOINT_FORCE_FRAMES)
			sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_RESTART,
						  &frames, &copied);
		pthread_mutex_lock(&store->stop_lock);
	}
	pthread_mutex_unlock(&store->stop_lock);
	return NULL;
}

int store_open(const char *data_dir, struct store **out, struct error *err)
{
	struct store *store;
	size_t len;
	int rc;

	if (mkdir(data_dir, 0750) && errno != EEXIST)
		return error_set(err, RC_IO, "data_dir", "data",
				 "No se pudo crear el directorio de datos %s: %s.",
				 "Could not create the data directory %s: %s.",
				 data_dir, strerror(errno));
	store = xcalloc(1, sizeof(*store));
	len = strlen(data_dir) + sizeof("/linea311.db");
	store->path = xmalloc(len);
	snprintf(store->path, len, "%s/linea311.db", data_dir);
	pthread_mutex_init(&store->lock, NULL);
	pthread_key_create(&store->key, conn_release);
	atomic_init(&store->kb_generation, 1);

	pthread_mutex_init(&store->stop_lock, NULL);
	pthread_cond_init(&store->stop_cond, NULL);
	rc = migrate(store, err);
	if (rc) {
		store_close(store);
		return rc;
	}
	store->checkpointer_running =
		pthread_create(&store->checkpointer, NULL, checkpointer_main, store) == 0;
	if (!store->checkpointer_running)
		log_warn("store", "could not start the checkpoint thread; the log will be copied when the store closes");
	*out = store;
	return RC_OK;
}

void store_close(struct store *store)
{
	struct conn *c;

	if (!store)
		return;
	if (store->checkpointer_running) {
		pthread_mutex_lock(&store->stop_lock);
		store->stopping = true;
		pthread_cond_signal(&store->stop_cond);
		pthread_mutex_unlock(&store->stop_lock);
		pthread_join(store->checkpointer, NULL);
	}
	/* Threads that used the store have exited and closed their own
	 * connections; what remains belongs to live threads such as this one. */
	pthread_setspecific(store->key, NULL);
	while ((c = store->conns)) {
		store->conns = c->next;
		conn_close(c);
	}
	pthread_key_delete(store->key);
	pthread_mutex_destroy(&store->lock);
	pthread_mutex_destroy(&store->stop_lock);
	pthread_cond_destroy(&store->stop_cond);
	free(store->path);
	free(store);
}
