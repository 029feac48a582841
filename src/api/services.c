/*
 * services.c - /api/v1/services: services with their templates, the
 * content workflow and the versions.
 *
 * Reads return the published version unless ?view=latest or ?version=N
 * asks for another. GET of one service is the hottest read of the call
 * center, so its JSON is cached until the knowledge base changes.
 */
#include "core/common.h"
#include "core/clock.h"
#include "api/api.h"
#include "api/crud.h"
#include "domain/kb.h"
#include "domain/validate.h"

#include <pthread.h>

#define CACHE_SLOTS 4096
#define CACHE_TTL_SECONDS 60 /* the stale flag depends on the date */

struct cache_entry {
	long long id;
	unsigned long generation;
	time_t filled;
	char *body;
	size_t len;
};

static struct cache_entry cache[CACHE_SLOTS];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* Copy the cached published JSON of service id into res, if fresh. */
static bool cache_reply(struct request *req, struct response *res, long long id)
{
	struct cache_entry *e = &cache[(unsigned long long)id % CACHE_SLOTS];
	unsigned long generation = store_kb_generation(req->app->store);
	bool hit;

	pthread_mutex_lock(&cache_lock);
	hit = e->body && e->id == id && e->generation == generation &&
	      time(NULL) - e->filled < CACHE_TTL_SECONDS;
	if (hit)
		reply_bytes(res, 200, "application/json; charset=utf-8", e->body, e->len);
	pthread_mutex_unlock(&cache_lock);
	return hit;
}

static void cache_fill(long long id, unsigned long generation,
		       const struct strbuf *body)
{
	struct cache_entry *e = &cache[(unsigned long long)id % CACHE_SLOTS];

	pthread_mutex_lock(&cache_lock);
	free(e->body);
	e->id = id;
	e->generation = generation;
	e->filled = time(NULL);
	e->body = xstrndup(body->buf, body->len);
	e->len = body->len;
	pthread_mutex_unlock(&cache_lock);
}

/* Months between two UTC timestamps "YYYY-MM-DD...", counting a month
 * only once its day of the month is reached. */
static int months_between(const char *from, const char *to)
{
	int y1, m1, d1, y2, m2, d2;

	if (sscanf(from, "%d-%d-%d", &y1, &m1, &d1) != 3 ||
	    sscanf(to, "%d-%d-%d", &y2, &m2, &d2) != 3)
		return 0;
	return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1);
}

/* Add the members computed at read time: stale, status label and the
 * workflow's next statuses. */
static void decorate(struct request *req, json_t *s)
{
	const char *reviewed = json_string_value(json_object_get(s, "last_reviewed_at"));
	const char *status = json_string_value(json_object_get(s, "status"));
	char now[21];

	clock_format_utc(clock_now(), now);
	json_object_set_new(s, "stale", json_boolean(
		reviewed && months_between(reviewed, now) >= req->app->stale_months));
	if (status) {
		json_object_set_new(s, "status_label", json_pack("{ssss}",
			"es", content_status_label(status, LANG_ES),
			"en", content_status_label(status, LANG_EN)));
		json_object_set_new(s, "transitions", content_transitions_from(status));
	}
}

static int read_view(struct request *req, struct response *res,
		     enum service_view *view, long long *version)
{
	static const char *const views[] = { "published", "latest", NULL };
	const char *v;

	if (req_query_enum(req, res, "view", views, &v) ||
	    req_query_long(req, res, "version", 1, INT32_MAX, 0, version))
		return RC_BAD_REQUEST;
	*view = *version ? SERVICE_VERSION :
		v && !strcmp(v, "latest") ? SERVICE_LATEST : SERVICE_PUBLISHED;
	return RC_OK;
}

static void reply_service(struct request *req, struct response *res,
			  long long id, enum service_view view, long long version,
			  unsigned status)
{
	unsigned long generation = store_kb_generation(req->app->store);
	struct error err;
	json_t *s;

	if (store_service_get(req->app->store, id, view, version, &s, &err)) {
		reply_error(req, res, &err);
		return;
	}
	decorate(req, s);
	reply_json(res, status, s);
	if (view == SERVICE_PUBLISHED && status == 200)
		cache_fill(id, generation, &res->body);
}

void services_get(struct request *req, struct response *res)
{
	enum service_view view;
	long long id, version;

	if (req_id(req, res, 0, &id) || read_view(req, res, &view, &version))
		return;
	if (view == SERVICE_PUBLISHED && cache_reply(req, res, id))
		return;
	reply_service(req, res, id, view, version, 200);
}

void services_list(struct request *req, struct response *res)
{
	static const char *const statuses[] = {
		"draft", "in_review", "approved", "published", "archived", "any", NULL,
	};
	static const char *const levels[] = { "federal", "state", "municipal", NULL };
	static const char *const booleans[] = { "true", "false", NULL };
	struct service_filter f = { .referrals_allowed = -1 };
	const char *referrals;
	struct page page;
	struct error err;
	json_t *out, *item;
	size_t i;

	if (req_page(req, res, &page) ||
	    req_query_long(req, res, "agency_id", 1, INT64_MAX, 0, &f.agency_id) ||
	    req_query_enum(req, res, "status", statuses, &f.status) ||
	    req_query_enum(req, res, "level", levels, &f.level) ||
	    req_query_enum(req, res, "referrals_allowed", booleans, &referrals))
		return;
	/* "published" lists what operators see, the same as no status. */
	if (f.status && !strcmp(f.status, "published"))
		f.status = NULL;
	if (referrals)
		f.referrals_allowed = !strcmp(referrals, "true");
	if (store_service_list(req->app->store, &f, &page, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	json_array_foreach(json_object_get(out, "items"), i, item)
		decorate(req, item);
	reply_json(res, 200, out);
}

struct service_write {
	long long id;
	json_t *service;   /* validated body */
	json_t *change;
	const char *actor;
	const char *status; /* for transitions */
	bool create;
};

static int do_service_write(struct store *store, void *ctx, struct error *err)
{
	struct service_write *w = ctx;

	if (w->create)
		return store_service_create(store, w->service, w->actor, &w->id, err);
	return store_service_update(store, w->id, w->service, w->actor, w->change, err);
}

void services_create(struct request *req, struct response *res)
{
	struct service_write w = { .create = true, .actor = req->actor };
	struct error err;
	json_t *body;
	int rc;

	if (req_json(req, res, &body))
		return;
	rc = service_validate(body, NULL, &w.service, &err);
	json_decref(body);
	if (!rc)
		rc = crud_in_transaction(req->app->store, do_service_write, &w, &err);
	json_decref(w.service);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	char location[64];
	snprintf(location, sizeof(location), "/api/v1/services/%lld", w.id);
	reply_header(res, "Location", location);
	app_kb_changed(req->app, "service", w.id);
	reply_service(req, res, w.id, SERVICE_LATEST, 0, 201);
}

/* Describe what an edit changes: document members and settings. */
static json_t *describe_change(json_t *current, json_t *validated)
{
	json_t *before = json_pack("{sOsO}", "name", json_object_get(current, "name"),
				   "template", json_object_get(current, "template"));
	json_t *fields = service_document_diff(before, json_object_get(validated, "document"));
	static const char *const settings[] = { "agency_id", "referrals_allowed", "sla2_days" };

	for (size_t i = 0; i < ARRAY_SIZE(settings); i++)
		if (!json_equal(json_object_get(current, settings[i]),
				json_object_get(validated, settings[i])))
			json_array_append_new(fields, json_string(settings[i]));
	json_decref(before);
	return json_pack("{ssso}", "action", "edited", "fields", fields);
}

static void services_update(struct request *req, struct response *res, bool partial)
{
	struct service_write w = { .actor = req->actor };
	struct error err;
	json_t *body, *current = NULL;
	int rc;

	if (req_id(req, res, 0, &w.id) || req_json(req, res, &body))
		return;
	rc = store_service_get(req->app->store, w.id, SERVICE_LATEST, 0, &current, &err);
	if (!rc)
		rc = service_validate(body, partial ? current : NULL, &w.service, &err);
	json_decref(body);
	if (!rc) {
		w.change = describe_change(current, w.service);
		if (json_array_size(json_object_get(w.change, "fields")) == 0)
			rc = error_set(&err, RC_CONFLICT, "no_change", NULL,
				       "La solicitud no cambia nada del servicio %lld.",
				       "The request changes nothing in service %lld.", w.id);
	}
	if (!rc)
		rc = crud_in_transaction(req->app->store, do_service_write, &w, &err);
	json_decref(current);
	json_decref(w.service);
	json_decref(w.change);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	app_kb_changed(req->app, "service", w.id);
	reply_service(req, res, w.id, SERVICE_LATEST, 0, 200);
}

void services_replace(struct request *req, struct response *res)
{
	services_update(req, res, false);
}

void services_patch(struct request *req, struct response *res)
{
	services_update(req, res, true);
}

static int do_transition(struct store *store, void *ctx, struct error *err)
{
	struct service_write *w = ctx;
	char from[16];
	json_t *s;
	int rc;

	/* Read the status inside the transaction so that two editors
	 * moving the same service cannot both pass the check. */
	rc = store_service_get(store, w->id, SERVICE_LATEST, 0, &s, err);
	if (rc)
		return rc;
	snprintf(from, sizeof(from), "%s", json_string_value(json_object_get(s, "status")));
	json_decref(s);
	rc = content_transition_check(from, w->status, err);
	if (rc)
		return rc;
	return store_service_set_status(store, w->id, w->status, w->actor, err);
}

static void transition(struct request *req, struct response *res,
		       long long id, const char *status)
{
	struct service_write w = { .id = id, .status = status, .actor = req->actor };
	struct error err;

	if (crud_in_transaction(req->app->store, do_transition, &w, &err)) {
		reply_error(req, res, &err);
		return;
	}
	app_kb_changed(req->app, "service", id);
	reply_service(req, res, id, SERVICE_LATEST, 0, 200);
}

void services_set_status(struct request *req, struct response *res)
{
	static const char *const members[] = { "status", "comment", NULL };
	struct error err;
	json_t *body;
	long long id;
	char status[16];

	if (req_id(req, res, 0, &id) || req_json(req, res, &body))
		return;
	if (check_known_members(body, NULL, members, &err) ||
	    check_enum(body, "status", NULL, true, content_statuses, &err)) {
		json_decref(body);
		reply_error(req, res, &err);
		return;
	}
	snprintf(status, sizeof(status), "%s", json_string_value(json_object_get(body, "status")));
	json_decref(body);
	transition(req, res, id, status);
}

void services_archive(struct request *req, struct response *res)
{
	long long id;

	if (req_id(req, res, 0, &id))
		return;
	transition(req, res, id, "archived");
}

struct review {
	long long id;
	const char *actor;
};

static int do_review(struct store *store, void *ctx, struct error *err)
{
	struct review *r = ctx;

	return store_service_mark_reviewed(store, r->id, r->actor, err);
}

void services_review(struct request *req, struct response *res)
{
	struct review r = { .actor = req->actor };
	struct error err;

	if (req_id(req, res, 0, &r.id))
		return;
	if (crud_in_transaction(req->app->store, do_review, &r, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_service(req, res, r.id, SERVICE_PUBLISHED, 0, 200);
}

void services_versions(struct request *req, struct response *res)
{
	struct error err;
	long long id;
	json_t *out;

	if (req_id(req, res, 0, &id))
		return;
	if (store_service_versions(req->app->store, id, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, json_pack("{sIso}", "service_id", (json_int_t)id, "items", out));
}

void services_version_get(struct request *req, struct response *res)
{
	long long id, version;

	if (req_id(req, res, 0, &id) || req_id(req, res, 1, &version))
		return;
	reply_service(req, res, id, SERVICE_VERSION, version, 200);
}
