/*
 * internal.h - the columnar copy of cases and calls inside the
 * statistics engine, shared by cache.c (loading) and aggregate.c
 * (queries).
 *
 * Each column is one array; row i of every array of a table is one case
 * (or call). Rows are kept in ascending id order, which is the order in
 * which the store creates them, so a changed row is found by binary
 * search on id. Queries scan every row: a scan of a few million array
 * entries takes milliseconds, less than keeping a second order would
 * cost on every change.
 */
#ifndef LINEA311_STATS_INTERNAL_H
#define LINEA311_STATS_INTERNAL_H

#include <pthread.h>

#include "domain/calendar.h"
#include "stats/stats.h"
#include "store/stats.h"

/* A day number (days since 1970-01-01, local) for "did not happen". */
#define STATS_NO_DAY INT32_MIN

enum stats_status { ST_NEW, ST_CONTACTED, ST_IN_PROGRESS, ST_CLOSED, ST_CANCELLED };
enum stats_outcome { OUT_PENDING, OUT_MET, OUT_MISSED };

#define STATS_TYPE_COUNT 4    /* call_types of domain/call.h */
#define STATS_CHANNEL_COUNT 6 /* call_channels of domain/call.h */
#define STATS_TYPE_REFERRAL 2 /* index of "referral" in call_types */

/* Strings to dense codes from 1; code 0 stands for NULL or "". */
struct stats_dict {
	char **names; /* names[code - 1] */
	size_t count;
	size_t alloc;
	uint32_t *slots; /* open addressing: code, 0 for empty */
	size_t slot_count;
};

uint32_t stats_dict_code(struct stats_dict *dict, const char *name);
/* Return the code of name without adding it; 0 when absent. */
uint32_t stats_dict_find(const struct stats_dict *dict, const char *name);
const char *stats_dict_name(const struct stats_dict *dict, uint32_t code);

struct stats_cases {
	size_t count, alloc;
	int64_t *id;
	int64_t *created; /* UTC seconds */
	int32_t *created_day; /* its local day */
	int32_t *agency;
	int32_t *service;
	uint32_t *operator;  /* stats_cache.operators code */
	uint32_t *municipio; /* stats_cache.municipios code */
	uint8_t *channel;    /* index in call_channels */
	uint8_t *status;     /* enum stats_status */
	uint8_t *sla1;	     /* enum stats_outcome */
	uint8_t *sla2;
	int32_t *contact_day; /* local day of the first contact */
	int32_t *closed_day;  /* local day of the closing */
};

struct stats_calls {
	size_t count, alloc;
	int64_t *id;
	int64_t *started;
	int32_t *agency; /* 0: none */
	int32_t *service;
	uint32_t *operator;
	uint32_t *municipio;
	uint8_t *type;
	uint8_t *channel;
};

struct stats_cache {
	pthread_rwlock_t lock;		/* queries read, changes write */
	pthread_mutex_t refresh_lock;	/* one refresher at a time */
	bool loaded;
	struct stats_version version;
	struct stats_cases cases;
	struct stats_calls calls;
	struct stats_dict operators;
	struct stats_dict municipios;
	struct calendar cal;
	/* Group labels (store_stats_labels), kept while the knowledge base's
	 * generation and the copy's epoch stay the same. */
	pthread_mutex_t labels_lock;
	json_t *labels;
	unsigned long labels_generation;
	long long labels_epoch;
	/* bd_prefix[i] = business days in [bd_first, bd_first + i]. */
	int32_t bd_first;
	size_t bd_count;
	int32_t *bd_prefix;
};

/* Return the local day number and hour of a UTC instant. */
int32_t stats_local_day(int64_t instant);
int stats_local_hour(int64_t instant);

/* Return the business days d with from < d <= to (0 when to <= from). */
long stats_business_days(const struct stats_cache *cache, int32_t from,
			 int32_t to);

#endif
