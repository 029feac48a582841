/*
 * citizen.h - storage of citizens and the calls the line logs.
 *
 * Objects in and out use the JSON API's member names, as validated by
 * citizen_validate and call_validate. Lists return {"items", "total",
 * "limit", "offset"}. Writes must run inside a transaction.
 */
#ifndef LINEA311_STORE_CITIZEN_H
#define LINEA311_STORE_CITIZEN_H

#include "store/kb.h"

/* Every member set narrows the search; all NULL lists every citizen. */
struct citizen_filter {
	const char *phone;       /* E.164, or the last digits with suffix */
	bool phone_suffix;       /* match phone against the end of numbers */
	const char *email;       /* whole address, any case */
	const char *name;        /* folded text (text_fold) found in the name */
	const char *case_number; /* canonical number of one of their cases */
};

int store_citizen_create(struct store *store, json_t *citizen, long long *id,
			 struct error *err);
int store_citizen_update(struct store *store, long long id, json_t *citizen,
			 struct error *err);

/* Read a citizen with its phones; RC_NOT_FOUND when there is none. */
int store_citizen_get(struct store *store, long long id, json_t **out,
		      struct error *err);

int store_citizen_find(struct store *store, const struct citizen_filter *f,
		       const struct page *page, json_t **out,
		       struct error *err);

struct call_filter {
	long long citizen_id; /* 0: any */
	long long case_id;    /* 0: any */
	long long agency_id;  /* 0: any */
	long long service_id; /* 0: any */
	const char *type;     /* NULL: any */
	const char *channel;  /* NULL: any */
	const char *operator_name; /* NULL: any */
	const char *from;     /* UTC instant: started at or after */
	const char *to;       /* UTC instant: started before */
};

int store_call_create(struct store *store, json_t *call, long long *id,
		      struct error *err);
int store_call_update(struct store *store, long long id, json_t *call,
		      struct error *err);
int store_call_get(struct store *store, long long id, json_t **out,
		   struct error *err);
int store_call_list(struct store *store, const struct call_filter *f,
		    const struct page *page, json_t **out, struct error *err);

/* Set the case of a call; RC_NOT_FOUND when the call does not exist. */
int store_call_link_case(struct store *store, long long call_id,
			 long long case_id, struct error *err);

#endif
