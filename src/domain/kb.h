/*
 * kb.h - rules of the knowledge base: agencies, offices, services and the
 * content workflow.
 *
 * The validators take a request body (already parsed JSON), check every
 * field, and fill defaults, so the object they leave is what the store
 * writes. Errors name the field and the fix. Pure code: no I/O.
 */
#ifndef LINEA311_KB_H
#define LINEA311_KB_H

#include <jansson.h>

#include "core/error.h"

/* Onboarding steps of an agency joining the line, in order. */
extern const char *const agency_onboarding_steps[];

/*
 * Check an agency body and fill defaults. When current is not NULL the
 * body is a partial update merged over current. On success *out is a new
 * object with every member of the agency (ids excluded).
 */
int agency_validate(json_t *body, json_t *current, json_t **out,
		    struct error *err);

/* Check an office body the same way. */
int office_validate(json_t *body, json_t *current, json_t **out,
		    struct error *err);

/*
 * Check a service body: agency_id, referrals_allowed, sla2_days, name and
 * template. With current, a partial update. *out has members agency_id,
 * referrals_allowed, sla2_days and document ({"name", "template"}).
 */
int service_validate(json_t *body, json_t *current, json_t **out,
		     struct error *err);

/*
 * Parse opening hours written as in a spreadsheet: "lun-vie 08:00-16:30;
 * sáb 08:00-12:00", with Spanish or English day abbreviations, day ranges
 * ("lun-vie"), day lists ("lun,mié") and several time ranges per day
 * ("08:00-12:00,13:00-16:30"). *out is the "hours" object of an office.
 */
int office_hours_parse(const char *text, json_t **out, struct error *err);

/* Content workflow states as stored and shown in the API. */
extern const char *const content_statuses[];

/* Spanish name of a content status for the UI ("en revisión"). */
const char *content_status_label(const char *status, int lang);

/*
 * Check that a service in status from may move to status to. Allowed:
 * draft -> in_review; in_review -> approved | draft; approved ->
 * published | draft; published -> archived; archived -> draft; and
 * draft | in_review | approved -> archived. RC_CONFLICT otherwise, with
 * the allowed next statuses in the message.
 */
int content_transition_check(const char *from, const char *to,
			     struct error *err);

/* Return a new array of the statuses reachable from status. */
json_t *content_transitions_from(const char *status);

/* Return a new array of the top-level and template member names whose
 * values differ between two service documents ("name", "template.faq"). */
json_t *service_document_diff(json_t *before, json_t *after);

#endif
