/*
 * case_record.h - rules of cases (referidos): their numbers and the bodies
 * that create and change them. Statuses and transitions are in
 * case_status.h, the SLA clocks in sla.h. Pure code: no I/O.
 *
 * A case number is "311-YYYY-NNNNNN": the Puerto Rico local year of
 * creation and a sequence that starts at 1 every year, written with at
 * least six digits.
 */
#ifndef LINEA311_CASE_RECORD_H
#define LINEA311_CASE_RECORD_H

#include <jansson.h>
#include <stdbool.h>
#include <time.h>

#include "core/error.h"
#include "domain/case_status.h"

#define CASE_NUMBER_LEN 32

/* "phone", "email", "in_person", "mail", "other": how the agency made
 * the first contact. */
extern const char *const case_contact_methods[];

/* "duplicate", "withdrawn", "other": why a case was cancelled. */
extern const char *const case_cancel_reasons[];

/* "internal" (agency and 3-1-1 staff only), "citizen" (also shown to the
 * citizen who looks the case up by number). */
extern const char *const case_note_visibilities[];

/* Write the number of the seq-th case of year into out. */
void case_number_format(int year, long long seq, char out[CASE_NUMBER_LEN]);

/*
 * Parse a case number as a citizen may quote it: "311-2026-000123",
 * "311-2026-123" or with spaces around. Returns false for anything else.
 */
bool case_number_parse(const char *text, int *year, long long *seq);

/*
 * Check the body that creates a case: service_id (required), description
 * (required), citizen_id, call_id, office_id, area, assignee, channel
 * (default "phone"), municipio (official spelling) and location. *out is
 * a new object with those members.
 */
int case_record_validate_new(json_t *body, json_t **out, struct error *err);

/*
 * Check the body of a first contact: method (required), at (default now)
 * and note. *at receives the instant; the caller checks it against the
 * case's creation with case_check_event_time.
 */
int case_record_validate_first_contact(json_t *body, time_t now, json_t **out,
				       time_t *at, struct error *err);

/*
 * Check the body of a status change: status (required), at (default now),
 * note, and what the target status needs: method for contacted (a first
 * contact), resolution for closed, reason for cancelled and duplicate_of
 * with the reason "duplicate". *to and *at receive the target and the
 * instant.
 */
int case_record_validate_status(json_t *body, time_t now, json_t **out,
				enum case_status *to, time_t *at,
				struct error *err);

/* Check a routing body: office_id, area and assignee, at least one of
 * them; null clears a member. */
int case_record_validate_routing(json_t *body, json_t **out,
				 struct error *err);

/* Check a note body: text (required) and visibility (default
 * "internal"). */
int case_record_validate_note(json_t *body, json_t **out, struct error *err);

#endif
