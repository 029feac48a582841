/*
 * crud.h - the create, read, update and archive steps that agencies and
 * offices share. A resource file describes its type once and its
 * handlers call these functions, so the two endpoints cannot drift apart.
 */
#ifndef LINEA311_CRUD_H
#define LINEA311_CRUD_H

#include "http/http.h"

struct crud_type {
	const char *kind;     /* "agency": for app_kb_changed and Location */
	const char *base;     /* "/api/v1/agencies" */
	int (*validate)(json_t *body, json_t *current, json_t **out, struct error *err);
	int (*create)(struct store *store, json_t *obj, long long *id, struct error *err);
	int (*update)(struct store *store, long long id, json_t *obj, struct error *err);
	int (*get)(struct store *store, long long id, json_t **out, struct error *err);
	int (*archive)(struct store *store, long long id, struct error *err);
};

/* POST base: validate, create in one transaction, reply 201 with the row. */
void crud_create(const struct crud_type *t, struct request *req, struct response *res);

/* GET base/{id}. */
void crud_get(const struct crud_type *t, struct request *req, struct response *res);

/* PUT (partial = false: the body replaces every member) or PATCH
 * (partial = true: the body is merged over the stored row). */
void crud_update(const struct crud_type *t, bool partial, struct request *req,
		 struct response *res);

/* DELETE base/{id}: archive the row and reply with it. */
void crud_archive(const struct crud_type *t, struct request *req, struct response *res);

/* Run fn inside one transaction; commit on RC_OK, roll back otherwise. */
int crud_in_transaction(struct store *store,
			int (*fn)(struct store *store, void *ctx, struct error *err),
			void *ctx, struct error *err);

#endif
