/*
 * delivery.h - the monthly delivery of the agencies' reports: on the
 * first check of each month the worker queues, through the outbox, an
 * email with the previous month's report (PDF and CSV, in Spanish) for
 * every integrated agency. The outbox's dedupe key (agency, month,
 * recipient) keeps a restart from queuing a report twice.
 */
#ifndef LINEA311_STATS_DELIVERY_H
#define LINEA311_STATS_DELIVERY_H

#include "app/app.h"

/*
 * Queue the report of year-month for agency_id, or for every integrated
 * agency when agency_id is 0, to the agency's addresses. *queued counts
 * the messages queued (a dedupe hit counts none), *skipped the agencies
 * without an address.
 */
int stats_deliver_month(struct app *app, long long agency_id, int year, int month,
			long *queued, long *skipped, struct error *err);

/* The worker of the server (see app/workers.h). It also loads the
 * statistics copy when the server starts. */
int stats_delivery_start(struct app *app, struct error *err);
void stats_delivery_stop(struct app *app);

#endif
