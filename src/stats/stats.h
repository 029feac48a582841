/*
 * stats.h - the statistics engine: figures of calls and cases for a
 * period, grouped and filtered, as GET /api/v1/stats and `linea311
 * report` return them. docs/statistics.md defines every figure.
 *
 * The engine computes from an in-memory columnar copy of the cases and
 * calls (struct stats_cache), because a GROUP BY over millions of rows
 * in SQLite is too slow for the statistics page. The copy is built on
 * first use and brought up to date before each query from the store's
 * change log (store/stats.h), so a query sees every committed write.
 * Queries run under a read lock and may run on several threads at once.
 */
#ifndef LINEA311_STATS_H
#define LINEA311_STATS_H

#include <jansson.h>

#include "core/error.h"
#include "domain/civil_time.h"
#include "store/store.h"

/* The groupings of GET /api/v1/stats?group_by=. */
enum stats_dim {
	STATS_BY_NONE = 0,
	STATS_BY_AGENCY,
	STATS_BY_SERVICE,
	STATS_BY_OPERATOR,
	STATS_BY_CHANNEL,
	STATS_BY_TYPE,
	STATS_BY_DAY,
	STATS_BY_HOUR,
	STATS_BY_MUNICIPIO,
};

/* Backlog age buckets in business days: 0-2, 3-5, 6-10, 11-30, >30. */
#define STATS_BACKLOG_BUCKETS 5
extern const char *const stats_backlog_labels[STATS_BACKLOG_BUCKETS];

/* Maximum period a query may cover, in days (about five years). */
#define STATS_MAX_PERIOD_DAYS 1830

struct stats_query {
	struct civil_date from, to; /* local dates, both included */
	enum stats_dim group_by;
	long long agency_id;   /* 0: any */
	long long service_id;  /* 0: any */
	const char *operator;  /* NULL: any */
	const char *channel;   /* NULL: any */
	const char *type;      /* NULL: any; cases are of type referral */
	const char *municipio; /* NULL: any */
};

/* Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" into the first and last local
 * dates of that year, month or day. Errors are RC_INVALID naming field. */
int stats_period_parse(const char *text, const char *field,
		       struct civil_date *from, struct civil_date *to,
		       struct error *err);

/* Parse a group_by value ("agency", "day", ...; "none" or NULL for
 * totals only). Errors are RC_INVALID naming field "group_by". */
int stats_dim_parse(const char *text, enum stats_dim *dim, struct error *err);
const char *stats_dim_code(enum stats_dim dim);

struct stats_cache;

struct stats_cache *stats_cache_new(void);
void stats_cache_free(struct stats_cache *cache);

/*
 * Bring cache up to date with store: the first call loads every case and
 * call, later calls apply the logged changes. Safe to call from several
 * threads; one refreshes while the others wait for it.
 */
int stats_cache_refresh(struct stats_cache *cache, struct store *store,
			struct error *err);

/* Sizes of the copy, for logs and the benchmark. */
struct stats_cache_info {
	size_t cases;
	size_t calls;
	size_t bytes; /* memory held by the columns and dictionaries */
};
void stats_cache_info(struct stats_cache *cache, struct stats_cache_info *info);

/*
 * Compute the figures of query with today's local date taken from now,
 * labelling groups with labels (store_stats_labels) in lang. *out is the
 * response object of GET /api/v1/stats. Refresh the cache first.
 */
int stats_cache_query(struct stats_cache *cache, const struct stats_query *query,
		      time_t now, json_t *labels, enum lang lang, json_t **out,
		      struct error *err);

/*
 * Refresh app's shared cache from its store and run query in one step,
 * reading the labels too: what the API and the command line call.
 */
struct app;
int stats_run(struct app *app, const struct stats_query *query, enum lang lang,
	      json_t **out, struct error *err);

#endif
