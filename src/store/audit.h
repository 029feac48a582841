/*
 * audit.h - storage of the audit trail (see auth/chain.h for the chain).
 *
 * The log is append-only: the schema's triggers reject UPDATE and DELETE
 * on audit_log. store_audit_append runs inside the caller's transaction,
 * so an entry commits or rolls back together with the change it records.
 */
#ifndef LINEA311_STORE_AUDIT_H
#define LINEA311_STORE_AUDIT_H

#include <time.h>

#include "auth/chain.h"
#include "store/kb.h"

/*
 * Append e to the log inside the current transaction: fills e->seq,
 * e->prev_hash and e->hash (e->at is set to now when NULL; the caller's
 * pointer is then left NULL). The transaction's write lock orders
 * concurrent appends.
 */
int store_audit_append(struct store *store, struct audit_entry *e,
		       struct error *err);

struct audit_filter {
	const char *actor;       /* NULL: any */
	const char *kind;
	const char *route;
	const char *object_type;
	const char *object_id;
	const char *from;        /* at >= from, "YYYY-MM-DD..." */
	const char *to;          /* at < to */
	long long before_seq;    /* 0: any */
};

/* List entries, newest first, as {"items", "total", "limit", "offset"}. */
int store_audit_list(struct store *store, const struct audit_filter *f,
		     const struct page *page, json_t **out, struct error *err);

/* Call fn for every entry in order of seq; stops at the first non-zero
 * return, which is returned. */
int store_audit_each(struct store *store,
		     int (*fn)(const struct audit_entry *e, void *ctx),
		     void *ctx, struct error *err);

/* Record a change request in flight (see the audit_pending table). */
int store_audit_pending_add(struct store *store, const struct audit_entry *e,
			    long long *id, struct error *err);

/* Remove pending row id inside the current transaction. */
int store_audit_pending_remove(struct store *store, long long id,
			       struct error *err);

/* Turn pending rows written before older_than into entries of kind
 * "interrupted", inside the current transaction. */
int store_audit_pending_recover(struct store *store, time_t older_than,
				long long *recovered, struct error *err);

/* Count pending rows. */
int store_audit_pending_count(struct store *store, long long *out,
			      struct error *err);

#endif
