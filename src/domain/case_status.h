/*
 * case_status.h - the statuses of a case (referido) and the transitions
 * between them.
 *
 *   API code     UI (es)      UI (en)
 *   new          nuevo        new
 *   contacted    contactado   contacted
 *   in_progress  en proceso   in progress
 *   closed       cerrado      closed
 *   cancelled    cancelado    cancelled
 *
 * Allowed transitions:
 *   new         -> contacted    the agency records the first contact
 *   contacted   -> in_progress  the agency starts working the case
 *   in_progress -> closed       the agency closes it with a resolution
 *   new, contacted, in_progress -> cancelled
 *                               duplicate, withdrawn, or another reason
 *   closed      -> in_progress  reopening; a new SLA2 period starts
 * A cancelled case is final. Every other change is rejected.
 */
#ifndef LINEA311_CASE_STATUS_H
#define LINEA311_CASE_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/error.h"

enum case_status {
	CASE_NEW = 0,
	CASE_CONTACTED,
	CASE_IN_PROGRESS,
	CASE_CLOSED,
	CASE_CANCELLED,
};
#define CASE_STATUS_COUNT 5

/* Seconds that an event time may lie ahead of the server clock, for
 * clients whose clocks run slightly fast. */
#define CASE_EVENT_CLOCK_SKEW 60

/* Return the API code: "new", "contacted", ... */
const char *case_status_code(enum case_status status);

/* Return the UI label: "nuevo" / "new", "en proceso" / "in progress"... */
const char *case_status_label(enum case_status status, enum lang lang);

/*
 * Parse an API code or a Spanish name ("en_proceso", "en proceso",
 * "cerrado"), in any case. Errors are RC_INVALID naming field.
 */
int case_status_parse(const char *text, const char *field,
		      enum case_status *status, struct error *err);

/* Return true for new, contacted and in_progress. */
bool case_status_is_open(enum case_status status);

bool case_status_can_move(enum case_status from, enum case_status to);

/* Fill next with the statuses that from may move to and return how many
 * there are (0 for cancelled). */
size_t case_status_next(enum case_status from,
			enum case_status next[CASE_STATUS_COUNT]);

/*
 * Return RC_OK when from may move to to. Otherwise returns RC_CONFLICT
 * with code "invalid_transition", field "status", and a message that
 * names both statuses and lists the allowed ones.
 */
int case_status_check_move(enum case_status from, enum case_status to,
			   struct error *err);

/*
 * Check the instant at of an event of a case (first contact, closing)
 * created at created, with the server clock at now. The instant may not
 * be more than CASE_EVENT_CLOCK_SKEW seconds in the future, nor before
 * the minute in which the case was created (times are often typed to the
 * minute). Errors are RC_INVALID naming field.
 */
int case_check_event_time(time_t created, time_t at, time_t now,
			  const char *field, struct error *err);

#endif
