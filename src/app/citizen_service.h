/*
 * citizen_service.h - the operations on citizens and calls that the API
 * and the command line share: validation with the domain rules, checks of the
 * rows they refer to, and one transaction per write.
 */
#ifndef LINEA311_CITIZEN_SERVICE_H
#define LINEA311_CITIZEN_SERVICE_H

#include <jansson.h>

#include "app/app.h"
#include "store/citizen.h"

/* Create a citizen from a body (see citizen_validate). */
int citizen_service_create(struct app *app, json_t *body, long long *id,
			   struct error *err);

/* Replace (partial = false) or change some members of (partial = true)
 * citizen id. */
int citizen_service_update(struct app *app, long long id, json_t *body,
			   bool partial, struct error *err);

/* The search terms an operator types to find a citizen; NULL members
 * are unused. */
struct citizen_query {
	const char *phone;	 /* written in any usual way */
	const char *email;
	const char *name;	 /* any case, with or without accents */
	const char *case_number; /* "311-2026-000123" */
};

/* Find citizens matching every member of query that is set. A phone or
 * case number that cannot match anything is RC_BAD_REQUEST. */
int citizen_service_find(struct app *app, const struct citizen_query *query,
			 const struct page *page, json_t **out,
			 struct error *err);

/*
 * Log a call (see call_validate). operator defaults to actor; a call
 * about a service gets that service's agency unless it names one, and
 * must not name another.
 */
int call_service_create(struct app *app, json_t *body, const char *actor,
			long long *id, struct error *err);

/* Change some members of call id: its end, outcome or linked case. */
int call_service_update(struct app *app, long long id, json_t *body,
			struct error *err);

#endif
