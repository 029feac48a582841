/*
 * search_sync.h - keeping the search index equal to the store.
 *
 * The index holds published services, live agencies and live offices,
 * plus the synonym groups. search_sync_build fills it from the store;
 * search_sync_changed applies one committed write (called through
 * app_kb_changed), so a service that is published, changed or archived is
 * found, changed or gone when the write's request returns.
 */
#ifndef LINEA311_SEARCH_SYNC_H
#define LINEA311_SEARCH_SYNC_H

#include "app/app.h"

/* Create app->search when missing and rebuild it from the store. */
int search_sync_build(struct app *app, struct error *err);

/*
 * Bring the index up to date after a committed write of kind "service",
 * "agency", "office" or "synonym" with id, or "all" (id ignored). Does
 * nothing while app->search is NULL. A failure is logged and leaves the
 * index as it was for that record.
 */
void search_sync_changed(struct app *app, const char *kind, long long id);

/* Free app->search. */
void search_sync_close(struct app *app);

/* Worker entry points: serve builds the index before it accepts requests
 * and frees it after the last one. */
int search_worker_start(struct app *app, struct error *err);
void search_worker_stop(struct app *app);

/* Return the title of a field name of the index ("description" ->
 * "Descripción del Servicio"), or the name itself when unknown. */
const char *search_section_title(const char *name, enum lang lang);

#endif
