/*
 * call.h - rules of calls: every contact that the 3-1-1 line handles,
 * whatever its channel, is logged as a call.
 *
 * Types: information (the operator informs from the knowledge base),
 * transaction (the operator completes a transaction for the citizen),
 * referral (a case is created for an agency) and follow_up (the citizen
 * asks about an existing case). Pure code: no I/O.
 */
#ifndef LINEA311_CALL_H
#define LINEA311_CALL_H

#include <jansson.h>
#include <time.h>

#include "core/error.h"

/* "information", "transaction", "referral", "follow_up". */
extern const char *const call_types[];

/* "phone", "email", "fax", "web", "in_person", "api": the channel of a
 * call, and the channel through which a case arrived. */
extern const char *const call_channels[];

/* "informed", "information_sent", "transaction_done", "case_created",
 * "case_status_given", "transferred", "dropped", "other". */
extern const char *const call_outcomes[];

/* "email", "fax": how information was sent to the citizen. */
extern const char *const call_send_methods[];

/*
 * Check a call body and fill defaults, with the server clock at now. When
 * current is not NULL the body is a partial update merged over current
 * (a stored call). On success *out has the members type, channel,
 * citizen_id, caller_phone (E.164), service_id, agency_id, case_id,
 * operator, started_at and ended_at (UTC, "…Z"), outcome, sent_via and
 * notes. started_at defaults to now; times may not lie in the future and
 * ended_at may not come before started_at.
 */
int call_validate(json_t *body, json_t *current, time_t now, json_t **out,
		  struct error *err);

#endif
