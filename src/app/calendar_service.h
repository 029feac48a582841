/*
 * calendar_service.h - the business calendar as the program uses it: a
 * shared snapshot for reading, and the changes (holidays, closures,
 * imports, confirmations) that recompute the due dates of open cases in
 * the same transaction.
 *
 * The snapshot is loaded from the store and reloaded when the store's
 * change counter moves, so a change made by another process (the command
 * line while the server runs) is seen by the next request.
 */
#ifndef LINEA311_CALENDAR_SERVICE_H
#define LINEA311_CALENDAR_SERVICE_H

#include "app/app.h"
#include "domain/calendar.h"
#include "domain/sla.h"

/*
 * Set *cal to the current calendar. The caller only reads it and hands
 * it back with calendar_service_put; it stays valid until then even when
 * a change replaces it.
 */
int calendar_service_get(struct app *app, const struct calendar **cal,
			 struct error *err);
void calendar_service_put(const struct calendar *cal);

/* Fill policy from the settings sla1_days, sla1_risk_days and
 * sla2_risk_days (the SLA2 length comes from each service). */
void calendar_service_policy(struct app *app, struct sla_policy *policy);

/* The effect of a calendar change on open cases. */
struct calendar_change_result {
	long cases_recomputed; /* open cases whose due dates moved */
};

/* Add a holiday, closure or half day, with an empty name replaced by
 * "Feriado", "Cierre" or "Medio día". */
int calendar_service_add(struct app *app, struct calendar_entry *entry,
			 const char *actor,
			 struct calendar_change_result *result,
			 struct error *err);

/* Remove the entry of kind on date. */
int calendar_service_remove(struct app *app, struct civil_date date,
			    enum calendar_kind kind, const char *actor,
			    struct calendar_change_result *result,
			    struct error *err);

/*
 * Replace the lists of every year that entries touch with those entries
 * (an import), each year then waiting for confirmation. *years_out (when
 * not NULL) receives a new JSON array of the years replaced.
 */
int calendar_service_import(struct app *app,
			    const struct calendar_entry *entries, size_t count,
			    const char *actor, json_t **years_out,
			    struct calendar_change_result *result,
			    struct error *err);

/* Confirm the list of year as actor. */
int calendar_service_confirm(struct app *app, int year, const char *actor,
			     struct error *err);

/*
 * Build the warning shown from 1 November while the next year's list is
 * unconfirmed: {"code", "year", "message"} in lang, or NULL when there is
 * nothing to warn about at instant now.
 */
json_t *calendar_service_warning(struct app *app, time_t now, enum lang lang);

/* Return the JSON of one year: {"year", "source", "confirmed",
 * "confirmed_at", "confirmed_by", "entries": [...]}. */
int calendar_service_year(struct app *app, int year, enum lang lang,
			  json_t **out, struct error *err);

/* Return the name of the weekday of date: "lunes" / "Monday". */
const char *calendar_service_weekday(struct civil_date date, enum lang lang);

/* Return the JSON of an entry: {"date", "weekday", "kind", "kind_label",
 * "name"}. */
json_t *calendar_service_entry_json(const struct calendar_entry *entry,
				    enum lang lang);

#endif
