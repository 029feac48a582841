/*
 * case.h - storage of cases: their lifecycle, SLA clocks, history and
 * notes.
 *
 * The application layer (app/case_service.c) decides every change with the
 * domain rules and hands the store the result: the store checks nothing
 * that the domain decides. Reads return JSON with the API's member names;
 * the lifecycle travels as struct case_state so that the rules can work on
 * typed values. Writes must run inside a transaction.
 */
#ifndef LINEA311_STORE_CASE_H
#define LINEA311_STORE_CASE_H

#include "domain/case_record.h"
#include "domain/sla.h"
#include "store/kb.h"

/* SLA state of a clock not evaluated (the case is cancelled). */
#define CASE_NO_STATE (-1)

/* The lifecycle of one case: every column that a status change, a first
 * contact or an SLA evaluation may write. Times are 0 when unset. */
struct case_state {
	long long id;
	char number[CASE_NUMBER_LEN];
	long long service_id;
	long long agency_id;
	enum case_status status;
	time_t created_at;
	time_t first_contact_at;
	char first_contact_method[16];
	char first_contact_by[101];
	time_t closed_at;
	time_t cancelled_at;
	time_t reopened_at;
	int reopen_count;
	char *resolution; /* owned; NULL when none */
	char cancel_reason[16];
	long long duplicate_of; /* 0: none */
	struct sla_clock sla1;
	struct sla_clock sla2;
	int sla1_state; /* enum sla_state, or CASE_NO_STATE */
	int sla2_state;
};

/* Free what state owns. */
void case_state_release(struct case_state *state);

/* The row that store_case_insert writes for a new case. */
struct case_new {
	json_t *body; /* validated by case_record_validate_new */
	long long agency_id;
	const char *actor;
	time_t created_at;
	struct sla_clock sla1;
	struct sla_clock sla2;
	enum sla_state sla1_state;
	enum sla_state sla2_state;
};

/*
 * Insert a case with the next number of the Puerto Rico local year of its
 * creation, record the "created" event and link the call of body (if
 * any, and not yet linked to another case) to the case. Fills *id and
 * number.
 */
int store_case_insert(struct store *store, const struct case_new *c,
		      long long *id, char number[CASE_NUMBER_LEN],
		      struct error *err);

/* What a case needs to know of its service: whether it may be referred
 * and how long its SLA2 is. */
struct case_service_terms {
	long long agency_id;
	bool published;		/* has a published version, not archived */
	bool referrals_allowed;
	bool agency_integrated; /* integration_status "integrated" */
	int sla2_days;
};

/* Read the terms of service id without its template; RC_NOT_FOUND when
 * the service does not exist. */
int store_case_service_terms(struct store *store, long long service_id,
			     struct case_service_terms *terms,
			     struct error *err);

/* Read the lifecycle of case id; RC_NOT_FOUND when there is none. */
int store_case_load_state(struct store *store, long long id,
			  struct case_state *state, struct error *err);

/* Write every lifecycle column of state and the update time. */
int store_case_save_state(struct store *store, const struct case_state *state,
			  time_t updated_at, struct error *err);

/* Write only the due dates and SLA states of state: the SLA sweep and
 * the recomputation after a calendar change, which are not user updates
 * and never change an outcome. */
int store_case_save_clocks(struct store *store, const struct case_state *state,
			   struct error *err);

/*
 * Read the lifecycle of every open case (new, contacted, in_progress)
 * into a new array *states of *count items. The caller releases each item
 * and frees the array.
 */
int store_case_open_states(struct store *store, struct case_state **states,
			   size_t *count, struct error *err);

/* Append an event to the history. data (may be NULL) is a JSON object of
 * details, stored as given. from and to may be NULL. */
int store_case_add_event(struct store *store, long long id, time_t at,
			 const char *actor, const char *type, const char *from,
			 const char *to, json_t *data, struct error *err);

/* Set the routing members present in routing (office_id, area, assignee). */
int store_case_set_routing(struct store *store, long long id, json_t *routing,
			   time_t at, struct error *err);

/* Add a note validated by case_record_validate_note. */
int store_case_add_note(struct store *store, long long id, json_t *note,
			const char *author, time_t at, long long *note_id,
			struct error *err);

/* Read a case as the API shows it (without computed members). */
int store_case_get(struct store *store, long long id, json_t **out,
		   struct error *err);

/* Find the id of the case with the canonical number; RC_NOT_FOUND. */
int store_case_find_number(struct store *store, const char *number,
			   long long *id, struct error *err);

struct case_filter {
	long long agency_id;  /* 0: any */
	long long office_id;  /* 0: any */
	long long service_id; /* 0: any */
	long long citizen_id; /* 0: any */
	const char *status;   /* NULL: any */
	const char *sla_state; /* either clock in this state; NULL: any */
	const char *sla1_state;
	const char *sla2_state;
	const char *due_before; /* local date: a pending clock due before */
	const char *created_from; /* UTC instant, included */
	const char *created_to;   /* UTC instant, excluded */
	const char *municipio;
	const char *number; /* canonical case number */
	bool open_only;
};

/* List cases, newest first. */
int store_case_list(struct store *store, const struct case_filter *f,
		    const struct page *page, json_t **out, struct error *err);

/* Read the history of case id, oldest first: {"items": [...]}. */
int store_case_history(struct store *store, long long id, json_t **out,
		       struct error *err);

/* Read the notes of case id, oldest first; only the citizen-visible ones
 * when citizen_only. */
int store_case_notes(struct store *store, long long id, bool citizen_only,
		     json_t **out, struct error *err);

/* Read the ids of the cases linked to id as duplicates. */
int store_case_duplicates(struct store *store, long long id, json_t **out,
			  struct error *err);

#endif
