/*
 * stats.h - what the statistics engine reads from the store, and the
 * bulk load of case history that `linea311 import --cases` writes.
 *
 * The engine keeps its own copy of the cases and calls (src/stats/) and
 * refreshes it from a change log: triggers of migration 0050 append the
 * id of every inserted or changed case and call to stats_changes, and
 * stats_state.epoch moves when the log is cleared (after a bulk import),
 * which makes every copy reload everything.
 */
#ifndef LINEA311_STORE_STATS_H
#define LINEA311_STORE_STATS_H

#include <time.h>

#include "domain/calendar.h"
#include "store/store.h"

/* The state of the change log and the calendar when read; comparing two
 * versions shows what changed in between. */
struct stats_version {
	long long epoch;	       /* moves when the change log restarts */
	long long last_change;	       /* highest change sequence ever given,
					  0: none (clearing the log keeps it) */
	long long first_change;	       /* lowest one still logged */
	long long calendar_generation; /* moves with every calendar change */
};

/* One case as the engine needs it. Strings live until the callback
 * returns. Instants that did not happen are 0 with the has_* flag false. */
struct stats_case_row {
	long long id;
	bool deleted; /* the case is gone: only id is set */
	time_t created;
	long long agency_id;
	long long service_id;
	const char *operator; /* created_by: who took the case */
	const char *channel;
	const char *municipio; /* NULL when unknown */
	const char *status;
	bool has_first_contact;
	time_t first_contact;
	bool has_closed;
	time_t closed;
	const char *sla1_outcome; /* pending, met, missed */
	const char *sla2_outcome;
};

/* One call. municipio is the municipio of the caller's citizen record
 * when it was read: a later change of the citizen alone is not logged. */
struct stats_call_row {
	long long id;
	bool deleted; /* the call is gone: only id is set */
	time_t started;
	const char *type;
	const char *channel;
	long long agency_id;  /* 0: none */
	long long service_id; /* 0: none */
	const char *operator;
	const char *municipio;
};

int store_stats_version(struct store *store, struct stats_version *version,
			struct error *err);

/*
 * Call fn for every case (after_change = 0) or for every case changed
 * after change sequence after_change. Stops at fn's first non-zero
 * return and returns it.
 */
int store_stats_each_case(struct store *store, long long after_change,
			  int (*fn)(const struct stats_case_row *row, void *ctx),
			  void *ctx, struct error *err);
int store_stats_each_call(struct store *store, long long after_change,
			  int (*fn)(const struct stats_call_row *row, void *ctx),
			  void *ctx, struct error *err);

/* Delete change-log rows at or below seq, which every reader has seen. */
int store_stats_prune_changes(struct store *store, long long seq,
			      struct error *err);

/* Return {"agencies": {"ID": {"acronym", "name": {"es", "en"}}},
 * "services": {"ID": {"agency_id", "name": {"es", "en"}}}} for labels. */
int store_stats_labels(struct store *store, json_t **out, struct error *err);

/* ---- bulk load of case history (inside one transaction) ---- */

/* One validated case of an import file, times in UTC. */
struct case_import_row {
	const char *number;
	int year;      /* of the number (311-YYYY-N) or of the local creation */
	long long seq; /* 0: take the next of the year's counter */
	long long agency_id;
	long long service_id;
	const char *channel;
	const char *description;
	const char *municipio; /* NULL: none */
	const char *operator;
	const char *status;
	const char *resolution;	   /* NULL: none */
	const char *cancel_reason; /* for status cancelled */
	time_t created;
	time_t first_contact; /* 0: none */
	time_t closed;	      /* closing or cancellation; 0: none */
	time_t updated;
	/* SLA clocks as sla.h computes them. */
	struct civil_date sla1_start, sla1_due, sla1_stopped;
	int sla1_days;
	const char *sla1_outcome, *sla1_state; /* state NULL when cancelled */
	struct civil_date sla2_start, sla2_due, sla2_stopped;
	int sla2_days;
	const char *sla2_outcome, *sla2_state;
	const char *source; /* "FILE:LINE" for the history event */
};

/* RC_CONFLICT, naming field "number", when the number exists. */
int store_case_import(struct store *store, const struct case_import_row *row,
		      const char *actor, struct error *err);

/* Return the SLA2 business days of a service, or RC_NOT_FOUND. */
int store_stats_service_sla2(struct store *store, long long service_id,
			     int *days, struct error *err);

/* Find a service of agency_id by its Spanish or English name (any case);
 * RC_NOT_FOUND when none. */
int store_stats_find_service(struct store *store, long long agency_id,
			     const char *name, long long *id,
			     struct error *err);

/* Clear the change log and move the epoch, so that every copy of the
 * statistics reloads: the import changed too much to replay it. */
int store_stats_restart_log(struct store *store, struct error *err);

#endif
