/* verify.c - checking the stored audit trail (see verify.h). */
#include "core/common.h"
#include "auth/verify.h"
#include "store/audit.h"

struct walk {
	struct audit_verifier verifier;
	struct audit_report *report;
	long long anchor_seq;
	const char *anchor_hash;
};

static int check_entry(const struct audit_entry *e, void *ctx)
{
	struct walk *w = ctx;
	enum audit_fault fault = audit_verify_next(&w->verifier, e);

	if (!fault && e->seq == w->anchor_seq) {
		w->report->anchor_checked = true;
		if (strcmp(e->hash, w->anchor_hash))
			fault = AUDIT_FAULT_HASH;
	}
	if (fault) {
		w->report->fault = fault;
		/* A gap names the first missing number. */
		w->report->bad_seq = fault == AUDIT_FAULT_MISSING ? w->verifier.next_seq : e->seq;
		return -1; /* stop the walk; not an error */
	}
	return 0;
}

int audit_verify(struct store *store, long long anchor_seq,
		 const char *anchor_hash, struct audit_report *out,
		 struct error *err)
{
	struct walk w = { .report = out, .anchor_seq = anchor_seq,
			  .anchor_hash = anchor_hash ? anchor_hash : "" };
	int rc;

	memset(out, 0, sizeof(*out));
	audit_verify_start(&w.verifier);
	rc = store_audit_each(store, check_entry, &w, err);
	if (rc && rc != -1)
		return rc;
	out->entries = w.verifier.count;
	out->head_seq = w.verifier.next_seq - 1;
	memcpy(out->head_hash, w.verifier.last_hash, AUDIT_HASH_SIZE);
	if (!out->fault && anchor_seq && !out->anchor_checked) {
		/* The anchored entry is gone: the end of the trail was cut. */
		out->fault = AUDIT_FAULT_MISSING;
		out->bad_seq = w.verifier.next_seq;
	}
	return store_audit_pending_count(store, &out->pending, err);
}
