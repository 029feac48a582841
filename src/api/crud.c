/* crud.c - shared create, read, update and archive steps (see crud.h). */
#include "core/common.h"
#include "api/crud.h"

int crud_in_transaction(struct store *store,
			int (*fn)(struct store *store, void *ctx, struct error *err),
			void *ctx, struct error *err)
{
	int rc = store_begin(store, err);

	if (rc)
		return rc;
	rc = fn(store, ctx, err);
	if (rc) {
		store_rollback(store);
		return rc;
	}
	return store_commit(store, err);
}

struct write {
	const struct crud_type *type;
	json_t *obj;
	long long id;
	bool create;
};

static int do_write(struct store *store, void *ctx, struct error *err)
{
	struct write *w = ctx;

	if (w->create)
		return w->type->create(store, w->obj, &w->id, err);
	return w->type->update(store, w->id, w->obj, err);
}

static void reply_row(const struct crud_type *t, struct request *req,
		      struct response *res, long long id, unsigned status)
{
	struct error err;
	json_t *row;

	if (t->get(req->app->store, id, &row, &err)) {
		reply_error(req, res, &err);
		return;
	}
	if (status == 201) {
		char location[96];

		snprintf(location, sizeof(location), "%s/%lld", t->base, id);
		reply_header(res, "Location", location);
	}
	reply_json(res, status, row);
}

void crud_create(const struct crud_type *t, struct request *req, struct response *res)
{
	struct write w = { .type = t, .create = true };
	struct error err;
	json_t *body;
	int rc;

	if (req_json(req, res, &body))
		return;
	rc = t->validate(body, NULL, &w.obj, &err);
	json_decref(body);
	if (!rc)
		rc = crud_in_transaction(req->app->store, do_write, &w, &err);
	json_decref(w.obj);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	app_kb_changed(req->app, t->kind, w.id);
	reply_row(t, req, res, w.id, 201);
}

void crud_get(const struct crud_type *t, struct request *req, struct response *res)
{
	long long id;

	if (req_id(req, res, 0, &id))
		return;
	reply_row(t, req, res, id, 200);
}

void crud_update(const struct crud_type *t, bool partial, struct request *req,
		 struct response *res)
{
	struct write w = { .type = t };
	struct error err;
	json_t *body, *current = NULL;
	int rc;

	if (req_id(req, res, 0, &w.id) || req_json(req, res, &body))
		return;
	rc = t->get(req->app->store, w.id, &current, &err);
	if (!rc && json_is_true(json_object_get(current, "archived")))
		rc = error_set(&err, RC_CONFLICT, "archived", NULL,
			       "El registro %lld está archivado y no se puede cambiar.",
			       "Record %lld is archived and cannot be changed.", w.id);
	if (!rc)
		rc = t->validate(body, partial ? current : NULL, &w.obj, &err);
	json_decref(body);
	json_decref(current);
	if (!rc)
		rc = crud_in_transaction(req->app->store, do_write, &w, &err);
	json_decref(w.obj);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	app_kb_changed(req->app, t->kind, w.id);
	reply_row(t, req, res, w.id, 200);
}

struct archive {
	const struct crud_type *type;
	long long id;
};

static int do_archive(struct store *store, void *ctx, struct error *err)
{
	struct archive *a = ctx;

	return a->type->archive(store, a->id, err);
}

void crud_archive(const struct crud_type *t, struct request *req, struct response *res)
{
	struct archive a = { .type = t };
	struct error err;

	if (req_id(req, res, 0, &a.id))
		return;
	if (crud_in_transaction(req->app->store, do_archive, &a, &err)) {
		reply_error(req, res, &err);
		return;
	}
	app_kb_changed(req->app, t->kind, a.id);
	reply_row(t, req, res, a.id, 200);
}
