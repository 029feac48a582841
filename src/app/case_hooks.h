/*
 * case_hooks.h - the place where other modules act on a case change in the
 * same transaction as the change itself.
 *
 * The outbox, for one, writes the message that informs a citizen of a new
 * case or a closing. Registering a hook here makes that message commit or
 * roll back together with the case. The hook runs on the thread that
 * writes the case (the group-commit thread when it runs) inside the open
 * transaction, so it must use only store_* calls and must not begin or
 * commit a transaction. A hook error rolls the change back and reaches
 * the client.
 */
#ifndef LINEA311_CASE_HOOKS_H
#define LINEA311_CASE_HOOKS_H

#include "domain/case_status.h"
#include "store/store.h"

struct case_change {
	long long case_id;
	const char *number;	 /* "311-2026-000123" */
	const char *event;	 /* "created", "first_contact", "status",
				    "reopened", "duplicate_linked",
				    "routed", "note", "sla_state" */
	enum case_status from;	 /* equal to to for events without a move */
	enum case_status to;
	const char *actor;
	time_t at;
};

typedef int (*case_change_hook)(struct store *store,
				const struct case_change *change,
				struct error *err);

/* Set the hook (NULL removes it). Call it before the server starts
 * serving, from a worker's start function for instance. */
void case_hooks_set(case_change_hook hook);

/* Run the hook, if any, for change; RC_OK without one. */
int case_hooks_run(struct store *store, const struct case_change *change,
		   struct error *err);

#endif
