/*
 * synonym.h - storage of the synonym and acronym groups of operator
 * search.
 *
 * A group is {"id", "phrases": [string, ...], "note": string | null,
 * "created_at", "updated_at"}. Writes take a body already checked by the
 * caller ({"phrases", "note"}) and must run inside
 * store_begin/store_commit; each write moves the knowledge-base
 * generation.
 */
#ifndef LINEA311_STORE_SYNONYM_H
#define LINEA311_STORE_SYNONYM_H

#include "store/kb.h"

int store_synonym_create(struct store *store, json_t *group, long long *id,
			 struct error *err);
int store_synonym_update(struct store *store, long long id, json_t *group,
			 struct error *err);
int store_synonym_get(struct store *store, long long id, json_t **out,
		      struct error *err);
int store_synonym_delete(struct store *store, long long id,
			 struct error *err);

/* List groups by id; with q, only groups with a phrase containing q
 * (ASCII case-insensitive). Returns the page object of store/kb.h. */
int store_synonym_list(struct store *store, const char *q,
		       const struct page *page, json_t **out,
		       struct error *err);

/* Call fn for every group, by id; stops at the first non-zero return. */
int store_synonym_each(struct store *store,
		       int (*fn)(json_t *group, void *ctx), void *ctx,
		       struct error *err);

#endif
