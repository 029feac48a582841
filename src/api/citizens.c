/*
 * citizens.c - /api/v1/citizens and /api/v1/calls: the people who call the
 * line and every contact logged with them.
 */
#include "core/common.h"
#include "api/api.h"
#include "app/citizen_service.h"
#include "domain/call.h"
#include "domain/civil_time.h"

static void reply_row(struct request *req, struct response *res,
		      int (*get)(struct store *, long long, json_t **,
				 struct error *),
		      const char *base, long long id, unsigned status)
{
	struct error err;
	json_t *row;

	if (get(req->app->store, id, &row, &err)) {
		reply_error(req, res, &err);
		return;
	}
	if (status == 201) {
		char location[80];

		snprintf(location, sizeof(location), "%s/%lld", base, id);
		reply_header(res, "Location", location);
	}
	reply_json(res, status, row);
}

void citizens_list(struct request *req, struct response *res)
{
	struct citizen_query query = { 0 };
	struct page page;
	struct error err;
	json_t *out;

	if (req_page(req, res, &page) ||
	    req_query_text(req, res, "phone", 40, &query.phone) ||
	    req_query_text(req, res, "email", 254, &query.email) ||
	    req_query_text(req, res, "name", 200, &query.name) ||
	    req_query_text(req, res, "case_number", 40, &query.case_number))
		return;
	if (citizen_service_find(req->app, &query, &page, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, out);
}

void citizens_create(struct request *req, struct response *res)
{
	struct error err;
	json_t *body;
	long long id;
	int rc;

	if (req_json(req, res, &body))
		return;
	rc = citizen_service_create(req->app, body, &id, &err);
	json_decref(body);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	reply_row(req, res, store_citizen_get, "/api/v1/citizens", id, 201);
}

void citizens_get(struct request *req, struct response *res)
{
	long long id;

	if (req_id(req, res, 0, &id))
		return;
	reply_row(req, res, store_citizen_get, "/api/v1/citizens", id, 200);
}

static void update_citizen(struct request *req, struct response *res,
			   bool partial)
{
	struct error err;
	json_t *body;
	long long id;
	int rc;

	if (req_id(req, res, 0, &id) || req_json(req, res, &body))
		return;
	rc = citizen_service_update(req->app, id, body, partial, &err);
	json_decref(body);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	reply_row(req, res, store_citizen_get, "/api/v1/citizens", id, 200);
}

void citizens_replace(struct request *req, struct response *res)
{
	update_citizen(req, res, false);
}

void citizens_patch(struct request *req, struct response *res)
{
	update_citizen(req, res, true);
}

/* Read query parameter name as an instant in UTC text into buf. */
static int query_instant(struct request *req, struct response *res,
			 const char *name, char buf[CIVIL_INSTANT_LEN],
			 const char **out)
{
	const char *text;
	struct error err;
	time_t instant;

	*out = NULL;
	if (req_query_text(req, res, name, 40, &text))
		return RC_BAD_REQUEST;
	if (!text)
		return RC_OK;
	if (civil_instant_parse(text, name, &instant, &err)) {
		err.rc = RC_BAD_REQUEST;
		reply_error(req, res, &err);
		return RC_BAD_REQUEST;
	}
	civil_instant_format_utc(instant, buf);
	*out = buf;
	return RC_OK;
}

void calls_list(struct request *req, struct response *res)
{
	char from[CIVIL_INSTANT_LEN], to[CIVIL_INSTANT_LEN];
	struct call_filter f = { 0 };
	struct page page;
	struct error err;
	json_t *out;

	if (req_page(req, res, &page) ||
	    req_query_long(req, res, "citizen_id", 1, INT64_MAX, 0,
			   &f.citizen_id) ||
	    req_query_long(req, res, "case_id", 1, INT64_MAX, 0, &f.case_id) ||
	    req_query_long(req, res, "agency_id", 1, INT64_MAX, 0,
			   &f.agency_id) ||
	    req_query_long(req, res, "service_id", 1, INT64_MAX, 0,
			   &f.service_id) ||
	    req_query_enum(req, res, "type", call_types, &f.type) ||
	    req_query_enum(req, res, "channel", call_channels, &f.channel) ||
	    req_query_text(req, res, "operator", 100, &f.operator_name) ||
	    query_instant(req, res, "from", from, &f.from) ||
	    query_instant(req, res, "to", to, &f.to))
		return;
	if (store_call_list(req->app->store, &f, &page, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, out);
}

void calls_create(struct request *req, struct response *res)
{
	struct error err;
	json_t *body;
	long long id;
	int rc;

	if (req_json(req, res, &body))
		return;
	rc = call_service_create(req->app, body, req->actor, &id, &err);
	json_decref(body);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	reply_row(req, res, store_call_get, "/api/v1/calls", id, 201);
}

void calls_get(struct request *req, struct response *res)
{
	long long id;

	if (req_id(req, res, 0, &id))
		return;
	reply_row(req, res, store_call_get, "/api/v1/calls", id, 200);
}

void calls_patch(struct request *req, struct response *res)
{
	struct error err;
	json_t *body;
	long long id;
	int rc;

	if (req_id(req, res, 0, &id) || req_json(req, res, &body))
		return;
	rc = call_service_update(req->app, id, body, &err);
	json_decref(body);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	reply_row(req, res, store_call_get, "/api/v1/calls", id, 200);
}
