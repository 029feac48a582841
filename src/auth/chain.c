/* chain.c - canonical audit entries and their hash chain (see chain.h). */
#include "core/common.h"
#include "auth/chain.h"

#include <sodium.h>

#define CHAIN_DOMAIN "linea311-audit-v1\n"

static void add_text(struct strbuf *out, const char *s)
{
	if (!s) {
		strbuf_adds(out, "~,");
		return;
	}
	strbuf_addf(out, "%zu:", strlen(s));
	strbuf_adds(out, s);
	strbuf_addch(out, ',');
}

static void add_number(struct strbuf *out, long long n, bool zero_is_absent)
{
	char buf[24];

	if (zero_is_absent && n == 0) {
		add_text(out, NULL);
		return;
	}
	snprintf(buf, sizeof(buf), "%lld", n);
	add_text(out, buf);
}

void audit_chain_canonical(const struct audit_entry *e, struct strbuf *out)
{
	add_number(out, e->seq, false);
	add_text(out, e->at);
	add_text(out, e->kind);
	add_text(out, e->actor);
	add_number(out, e->user_id, true);
	add_text(out, e->role);
	add_text(out, e->address);
	add_text(out, e->method);
	add_text(out, e->route);
	add_text(out, e->object_type);
	add_text(out, e->object_id);
	add_number(out, e->status, true);
	add_text(out, e->request_id);
	add_text(out, e->detail);
	add_text(out, e->prev_hash);
}

void audit_chain_hash(const struct audit_entry *e, char *out)
{
	struct strbuf text = STRBUF_INIT;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state state;

	BUG_ON(sodium_init() < 0);
	audit_chain_canonical(e, &text);
	crypto_hash_sha256_init(&state);
	crypto_hash_sha256_update(&state, (const unsigned char *)CHAIN_DOMAIN,
				  strlen(CHAIN_DOMAIN));
	crypto_hash_sha256_update(&state, (const unsigned char *)e->prev_hash,
				  strlen(e->prev_hash));
	crypto_hash_sha256_update(&state, (const unsigned char *)strbuf_str(&text),
				  text.len);
	crypto_hash_sha256_final(&state, digest);
	sodium_bin2hex(out, AUDIT_HASH_SIZE, digest, sizeof(digest));
	strbuf_release(&text);
}

void audit_chain_genesis(char *out)
{
	memset(out, '0', AUDIT_HASH_SIZE - 1);
	out[AUDIT_HASH_SIZE - 1] = '\0';
}

void audit_verify_start(struct audit_verifier *v)
{
	v->next_seq = 1;
	v->count = 0;
	audit_chain_genesis(v->last_hash);
}

enum audit_fault audit_verify_next(struct audit_verifier *v,
				   const struct audit_entry *e)
{
	char hash[AUDIT_HASH_SIZE];

	if (e->seq != v->next_seq)
		return AUDIT_FAULT_MISSING;
	if (strcmp(e->prev_hash, v->last_hash))
		return AUDIT_FAULT_LINK;
	audit_chain_hash(e, hash);
	if (strcmp(hash, e->hash))
		return AUDIT_FAULT_HASH;
	memcpy(v->last_hash, e->hash, AUDIT_HASH_SIZE);
	v->next_seq++;
	v->count++;
	return AUDIT_FAULT_NONE;
}

const char *audit_fault_text(enum audit_fault fault, bool english)
{
	switch (fault) {
	case AUDIT_FAULT_NONE:
		return english ? "intact" : "íntegra";
	case AUDIT_FAULT_MISSING:
		return english ? "entries before it were removed (its number does not follow the previous one)"
			       : "se eliminaron entradas anteriores (su número no sigue al anterior)";
	case AUDIT_FAULT_LINK:
		return english ? "it does not point at the previous entry's hash (an entry before it was removed or altered)"
			       : "no apunta al hash de la entrada anterior (se eliminó o alteró una entrada anterior)";
	case AUDIT_FAULT_HASH:
		return english ? "its content was altered (it no longer matches its hash)"
			       : "su contenido fue alterado (ya no coincide con su hash)";
	}
	return "?";
}
