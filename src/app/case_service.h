/*
 * case_service.h - the operations on cases that the API and the command
 * line share. Each checks the request with the domain rules, runs its
 * writes in one transaction (through group commit, see
 * store/group_commit.h), calls the case-change hook inside that
 * transaction, and returns what the API shows.
 *
 * Cases are created only for a published service that accepts referrals
 * and belongs to an integrated agency. Their SLA1 and SLA2 clocks start
 * at creation on the business calendar (see domain/sla.h).
 */
#ifndef LINEA311_CASE_SERVICE_H
#define LINEA311_CASE_SERVICE_H

#include <jansson.h>

#include "app/app.h"
#include "domain/calendar.h"
#include "domain/sla.h"
#include "store/case.h"

/* Create a case from a body (see case_record_validate_new). */
/* Check that cases may be referred for service_id: published, open to
 * referrals and of an integrated agency (RC_INVALID naming service_id). */
int case_service_check_referrable(struct app *app, long long service_id,
				  struct error *err);

/* Work that must commit with a new case, such as its audit entry; fn
 * runs inside the case's transaction once the case has its id. */
struct case_create_extra {
	int (*fn)(struct store *store, void *ctx, long long id, struct error *err);
	void *ctx;
};

int case_service_create(struct app *app, json_t *body, const char *actor,
			const struct case_create_extra *extra, long long *id,
			struct error *err);

/*
 * Record the first contact of case id (see
 * case_record_validate_first_contact). The contact may not lie in the
 * future nor before the case's creation; it decides SLA1. A case that
 * cannot take it returns RC_CONFLICT and *allowed as for
 * case_service_change_status.
 */
int case_service_first_contact(struct app *app, long long id, json_t *body,
			       const char *actor, json_t **allowed,
			       struct error *err);

/*
 * Move case id to another status (see case_record_validate_status). A
 * move that the rules forbid returns RC_CONFLICT and, when allowed is not
 * NULL, a new JSON array of the statuses the case may move to.
 */
int case_service_change_status(struct app *app, long long id, json_t *body,
			       const char *actor, json_t **allowed,
			       struct error *err);

/*
 * Link case id as a duplicate of the case given by body's "main_case_id"
 * or "main_case_number", cancelling it with the reason "duplicate". The
 * main case's clocks do not change.
 */
int case_service_mark_duplicate(struct app *app, long long id, json_t *body,
				const char *actor, json_t **allowed,
				struct error *err);

/* Route case id to an office of its agency, an area or a person. */
int case_service_route(struct app *app, long long id, json_t *body,
		       const char *actor, struct error *err);

/* Add a note to case id. A note is not a first contact. */
int case_service_add_note(struct app *app, long long id, json_t *body,
			  const char *actor, long long *note_id,
			  struct error *err);

/*
 * Read case id as the API shows it: the stored row plus the live SLA
 * states at the current instant, the business days left, the labels in
 * lang, the allowed next statuses and the ids of linked duplicates.
 */
int case_service_read(struct app *app, long long id, enum lang lang,
		      json_t **out, struct error *err);

/* List cases with the live members of case_service_read on each item. */
int case_service_list(struct app *app, const struct case_filter *filter,
		      const struct page *page, enum lang lang, json_t **out,
		      struct error *err);

/*
 * Read the public view of a case by the number a citizen quotes: status,
 * service, agency, dates and the notes visible to the citizen, without
 * personal data or internal notes.
 */
int case_service_lookup(struct app *app, const char *number, enum lang lang,
			json_t **out, struct error *err);

/*
 * Recompute, inside the caller's transaction, the due dates of the
 * running clocks of every open case on cal, and their states at now.
 * Cases whose due dates moved get a "sla_recomputed" event by actor, and
 * cases whose state became at_risk or overdue get a "sla_state" event
 * (when no due date moved). Every case whose SLA state moved also gets a
 * call of the case-change hook with the event "sla_state".
 * *due_changed and *state_changed (either may be NULL) count them.
 * Decided outcomes never change.
 */
int case_service_recompute_open(struct store *store, const struct calendar *cal,
				const struct sla_policy *policy, time_t now,
				const char *actor, long *due_changed,
				long *state_changed, struct error *err);

/* The SLA sweep: case_service_recompute_open in its own transaction, at now. */
int case_service_sweep(struct app *app, time_t now, long *due_changed,
		       long *state_changed, struct error *err);

#endif
