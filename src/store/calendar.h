/*
 * calendar.h - storage of the business calendar: the data years with
 * their holidays and closures, and who confirmed each year's list.
 *
 * Years without a row follow the default rules of domain/calendar.c, so
 * an empty store has the full default calendar.
 */
#ifndef LINEA311_STORE_CALENDAR_H
#define LINEA311_STORE_CALENDAR_H

#include "domain/calendar.h"
#include "store/store.h"

/*
 * Load every data year and its entries into cal (which must be
 * initialised and is emptied first), and the change counter into
 * *generation.
 */
int store_calendar_load(struct store *store, struct calendar *cal,
			long long *generation, struct error *err);

/* Read the change counter, which every save and confirmation moves. */
int store_calendar_generation(struct store *store, long long *generation,
			      struct error *err);

/*
 * Write the entries of year as cal has them, replacing the stored ones,
 * and record source ("edit" or "import"). An import clears the year's
 * confirmation; an edit keeps it. Must run inside a transaction.
 */
int store_calendar_save_year(struct store *store, const struct calendar *cal,
			     int year, const char *source, struct error *err);

/* Record that actor confirmed the list of year at instant at. The year
 * must have been saved first. Must run inside a transaction. */
int store_calendar_confirm(struct store *store, int year, const char *actor,
			   time_t at, struct error *err);

/* Read {"year", "source", "confirmed_at", "confirmed_by", "updated_at"}
 * of a data year; *out is NULL when year follows the rules. */
int store_calendar_year_info(struct store *store, int year, json_t **out,
			     struct error *err);

#endif
