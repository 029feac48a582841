/*
 * chain.h - the hash chain of the audit trail.
 *
 * Entry n's hash is SHA-256 over the text "linea311-audit-v1\n", entry
 * n-1's hash in hex (64 zeros for the first entry) and entry n's
 * canonical form. The canonical form is every member below but hash, in
 * the order of the struct, each written as a netstring "LEN:BYTES," and
 * an absent value (NULL, or 0 for user_id and status) as "~,", so that no
 * two different entries share a canonical form.
 *
 * Verification walks the entries in order of seq and reports the first
 * one that is missing (a gap in seq), does not point at the hash before
 * it, or whose content no longer matches its hash. An attacker who can
 * write the database can still rewrite every hash after a change; keep
 * the head hash that `linea311 audit verify` prints somewhere else and
 * pass it back with --anchor to detect that.
 *
 * No I/O here: the store reads and writes the entries.
 */
#ifndef LINEA311_CHAIN_H
#define LINEA311_CHAIN_H

#include <stdbool.h>

#include "core/strbuf.h"

#define AUDIT_HASH_SIZE 65 /* 64 hex digits and the NUL */

struct audit_entry {
	long long seq;
	const char *at;          /* "YYYY-MM-DDTHH:MM:SSZ" */
	const char *kind;        /* change, read, login, login_failed, ... */
	const char *actor;       /* user name, "anonymous", "cli:NAME" */
	long long user_id;       /* 0: none */
	const char *role;
	const char *address;     /* client address, "local" for the CLI */
	const char *method;
	const char *route;       /* route pattern, never the raw path */
	const char *object_type;
	const char *object_id;
	long long status;        /* HTTP status, 0: none */
	const char *request_id;
	const char *detail;      /* JSON object text, stored as written */
	char prev_hash[AUDIT_HASH_SIZE];
	char hash[AUDIT_HASH_SIZE];
};

/* Append the canonical form of e to out. */
void audit_chain_canonical(const struct audit_entry *e, struct strbuf *out);

/* Compute e's hash from e->prev_hash and its canonical form into out. */
void audit_chain_hash(const struct audit_entry *e, char *out);

/* Fill out with the previous hash of the first entry: 64 zeros. */
void audit_chain_genesis(char *out);

enum audit_fault {
	AUDIT_FAULT_NONE,
	AUDIT_FAULT_MISSING, /* seq skips numbers: entries were removed */
	AUDIT_FAULT_LINK,    /* prev_hash is not the previous entry's hash */
	AUDIT_FAULT_HASH,    /* the content does not match the hash */
};

struct audit_verifier {
	long long next_seq;            /* the seq the next entry must have */
	char last_hash[AUDIT_HASH_SIZE];
	long long count;
};

void audit_verify_start(struct audit_verifier *v);

/* Check the next entry in order of seq; on a fault the verifier stays
 * where it was. */
enum audit_fault audit_verify_next(struct audit_verifier *v,
				   const struct audit_entry *e);

/* Return the fault's description for users. */
const char *audit_fault_text(enum audit_fault fault, bool english);

#endif
