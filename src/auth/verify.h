/*
 * verify.h - checking the stored audit trail against its hash chain, for
 * `linea311 audit verify` and GET /api/v1/audit/verify.
 */
#ifndef LINEA311_VERIFY_H
#define LINEA311_VERIFY_H

#include "auth/chain.h"
#include "store/store.h"

struct audit_report {
	long long entries;        /* entries checked before the first fault */
	enum audit_fault fault;   /* AUDIT_FAULT_NONE: the chain is intact */
	long long bad_seq;        /* the first bad entry's seq (or the seq
				   * expected where entries are missing) */
	long long head_seq;       /* the last good entry */
	char head_hash[AUDIT_HASH_SIZE];
	long long pending;        /* changes in flight or interrupted */
	bool anchor_checked;      /* an anchor was given and reached */
};

/*
 * Walk the whole trail in order. When anchor_seq is not 0, entry
 * anchor_seq must exist and have anchor_hash (as printed by an earlier
 * verification), which detects a tail that was cut or rewritten since.
 */
int audit_verify(struct store *store, long long anchor_seq,
		 const char *anchor_hash, struct audit_report *out,
		 struct error *err);

#endif
