/*
 * cases.c - /api/v1/cases: referrals to agencies, their status moves,
 * first contact, routing, notes, duplicates, history and the public
 * lookup by case number. The rules live in app/case_service.c.
 */
#include "core/common.h"
#include "api/api.h"
#include "app/case_service.h"
#include "auth/auth.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "domain/case_record.h"
#include "domain/case_status.h"
#include "domain/civil_time.h"
#include "domain/municipio.h"

/* Reply with the case as cases_get shows it. */
static void reply_case(struct request *req, struct response *res, long long id,
		       unsigned status)
{
	struct error err;
	json_t *row;

	if (case_service_read(req->app, id, req->lang, &row, &err)) {
		reply_error(req, res, &err);
		return;
	}
	if (status == 201) {
		char location[64];

		snprintf(location, sizeof(location), "/api/v1/cases/%lld", id);
		reply_header(res, "Location", location);
	}
	reply_json(res, status, row);
}

/* Send err; a forbidden move also lists the statuses the case may take. */
static void reply_move_error(struct request *req, struct response *res,
			     struct error *err, json_t *allowed)
{
	json_t *body;

	if (!allowed) {
		reply_error(req, res, err);
		return;
	}
	utf8_sanitize(err->message_es);
	utf8_sanitize(err->message_en);
	body = json_pack("{s{ssssss?so}}", "error", "code", err->code, "message",
			 error_message(err, req->lang), "field",
			 err->field[0] ? err->field : NULL, "allowed", allowed);
	BUG_ON(!body);
	reply_json(res, error_http_status(err->rc), body);
}

/* Read an SLA state parameter as its API code. */
static int query_sla_state(struct request *req, struct response *res,
			   const char *name, const char **out)
{
	enum sla_state state;
	struct error err;
	const char *text;

	*out = NULL;
	if (req_query_text(req, res, name, 40, &text))
		return RC_BAD_REQUEST;
	if (!text)
		return RC_OK;
	if (sla_state_parse(text, name, &state, &err)) {
		err.rc = RC_BAD_REQUEST;
		reply_error(req, res, &err);
		return RC_BAD_REQUEST;
	}
	*out = sla_state_code(state);
	return RC_OK;
}

/*
 * Read a bound of the creation period: a date or a date and time. A date
 * alone means the start of that local day for created_from and the end of
 * it for created_to, so created_to=2026-12-31 includes the whole day.
 */
static int query_created(struct request *req, struct response *res,
			 const char *name, bool end,
			 char buf[CIVIL_INSTANT_LEN], const char **out)
{
	struct civil_date date;
	const char *text;
	struct error err;
	time_t instant;

	*out = NULL;
	if (req_query_text(req, res, name, 40, &text))
		return RC_BAD_REQUEST;
	if (!text)
		return RC_OK;
	if (!civil_date_parse(text, name, &date, NULL)) {
		if (end)
			date = civil_date_add_days(date, 1);
		instant = civil_instant_from_local_date(date);
	} else if (civil_instant_parse(text, name, &instant, &err)) {
		err.rc = RC_BAD_REQUEST;
		reply_error(req, res, &err);
		return RC_BAD_REQUEST;
	}
	civil_instant_format_utc(instant, buf);
	*out = buf;
	return RC_OK;
}

void cases_list(struct request *req, struct response *res)
{
	static const char *const booleans[] = { "true", "false", NULL };
	char from[CIVIL_INSTANT_LEN], to[CIVIL_INSTANT_LEN];
	char due[CIVIL_DATE_LEN], number[CASE_NUMBER_LEN];
	struct case_filter f = { 0 };
	const char *status, *due_text, *open, *municipio, *number_text;
	enum case_status parsed;
	struct civil_date date;
	struct page page;
	struct error err;
	json_t *out;

	if (req_page(req, res, &page) ||
	    req_query_long(req, res, "agency_id", 1, INT64_MAX, 0,
			   &f.agency_id) ||
	    req_query_long(req, res, "office_id", 1, INT64_MAX, 0,
			   &f.office_id) ||
	    req_query_long(req, res, "service_id", 1, INT64_MAX, 0,
			   &f.service_id) ||
	    req_query_long(req, res, "citizen_id", 1, INT64_MAX, 0,
			   &f.citizen_id) ||
	    req_query_text(req, res, "status", 40, &status) ||
	    query_sla_state(req, res, "sla_state", &f.sla_state) ||
	    query_sla_state(req, res, "sla1_state", &f.sla1_state) ||
	    query_sla_state(req, res, "sla2_state", &f.sla2_state) ||
	    req_query_text(req, res, "due_before", 10, &due_text) ||
	    query_created(req, res, "created_from", false, from,
			  &f.created_from) ||
	    query_created(req, res, "created_to", true, to, &f.created_to) ||
	    req_query_text(req, res, "municipio", 60, &municipio) ||
	    req_query_text(req, res, "number", 40, &number_text) ||
	    req_query_enum(req, res, "open", booleans, &open))
		return;
	if (number_text) {
		long long seq;
		int year;

		if (!case_number_parse(number_text, &year, &seq)) {
			reply_fail(req, res, RC_BAD_REQUEST, "invalid_number",
				   "number",
				   "El número de caso «%s» no es válido; tiene la "
				   "forma 311-2026-000123.",
				   "The case number \"%s\" is invalid; it looks "
				   "like 311-2026-000123.",
				   number_text);
			return;
		}
		case_number_format(year, seq, number);
		f.number = number;
	}
	if (status) {
		if (case_status_parse(status, "status", &parsed, &err)) {
			err.rc = RC_BAD_REQUEST;
			reply_error(req, res, &err);
			return;
		}
		f.status = case_status_code(parsed);
	}
	if (due_text) {
		if (civil_date_parse(due_text, "due_before", &date, &err)) {
			err.rc = RC_BAD_REQUEST;
			reply_error(req, res, &err);
			return;
		}
		civil_date_format(date, due);
		f.due_before = due;
	}
	if (municipio) {
		f.municipio = municipio_canonical(municipio);
		if (!f.municipio) {
			reply_fail(req, res, RC_BAD_REQUEST, "invalid_municipio",
				   "municipio",
				   "«%s» no es un municipio de Puerto Rico.",
				   "\"%s\" is not a municipio of Puerto Rico.",
				   municipio);
			return;
		}
	}
	f.open_only = open && !strcmp(open, "true");
	/* A liaison lists only the cases of their agency or office. */
	auth_scope_filter(req, &f.agency_id, &f.office_id);
	if (case_service_list(req->app, &f, &page, req->lang, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, out);
}

/* Write the new case's audit entry in the case's own transaction, so
 * that creating a case costs one commit. */
static int audit_create(struct store *store, void *ctx, long long id,
			struct error *err)
{
	char object_id[24];

	snprintf(object_id, sizeof(object_id), "%lld", id);
	return auth_audit_request(store, ctx, "change", object_id, NULL, err);
}

void cases_create(struct request *req, struct response *res)
{
	struct case_create_extra extra = { audit_create, req };
	struct error err;
	json_t *body;
	long long id;
	int rc;

	if (req_json(req, res, &body))
		return;
	rc = case_service_create(req->app, body, req->actor, &extra, &id, &err);
	json_decref(body);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	reply_case(req, res, id, 201);
}

void cases_get(struct request *req, struct response *res)
{
	long long id;

	if (req_id(req, res, 0, &id))
		return;
	reply_case(req, res, id, 200);
}

void cases_lookup(struct request *req, struct response *res)
{
	const char *number;
	struct error err;
	json_t *out;

	if (req_query_text(req, res, "number", 40, &number))
		return;
	if (!number) {
		reply_fail(req, res, RC_BAD_REQUEST, "missing_field", "number",
			   "Falta el parámetro «number»: escriba el número del "
			   "caso, por ejemplo 311-2026-000123.",
			   "The parameter \"number\" is missing: give the case "
			   "number, for example 311-2026-000123.");
		return;
	}
	if (case_service_lookup(req->app, number, req->lang, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, out);
}

/* The steps that every write on one case shares: id, body, the operation
 * and the case as it is afterwards. */
typedef int (*case_write)(struct app *app, long long id, json_t *body,
			  const char *actor, json_t **allowed,
			  struct error *err);

static void write_case(struct request *req, struct response *res,
		       case_write write)
{
	json_t *body, *allowed = NULL;
	struct error err;
	long long id;
	int rc;

	if (req_id(req, res, 0, &id) || req_json(req, res, &body))
		return;
	rc = write(req->app, id, body, req->actor, &allowed, &err);
	json_decref(body);
	if (rc) {
		reply_move_error(req, res, &err, allowed);
		return;
	}
	reply_case(req, res, id, 200);
}

static int write_status(struct app *app, long long id, json_t *body,
			const char *actor, json_t **allowed, struct error *err)
{
	return case_service_change_status(app, id, body, actor, allowed, err);
}

static int write_first_contact(struct app *app, long long id, json_t *body,
			       const char *actor, json_t **allowed,
			       struct error *err)
{
	return case_service_first_contact(app, id, body, actor, allowed, err);
}

static int write_duplicate(struct app *app, long long id, json_t *body,
			   const char *actor, json_t **allowed,
			   struct error *err)
{
	return case_service_mark_duplicate(app, id, body, actor, allowed, err);
}

static int write_routing(struct app *app, long long id, json_t *body,
			 const char *actor, json_t **allowed,
			 struct error *err)
{
	(void)allowed;
	return case_service_route(app, id, body, actor, err);
}

void cases_set_status(struct request *req, struct response *res)
{
	write_case(req, res, write_status);
}

void cases_first_contact(struct request *req, struct response *res)
{
	write_case(req, res, write_first_contact);
}

void cases_duplicate(struct request *req, struct response *res)
{
	write_case(req, res, write_duplicate);
}

void cases_patch(struct request *req, struct response *res)
{
	write_case(req, res, write_routing);
}

void cases_history(struct request *req, struct response *res)
{
	struct error err;
	json_t *row, *out;
	long long id;

	if (req_id(req, res, 0, &id))
		return;
	if (store_case_get(req->app->store, id, &row, &err) ||
	    store_case_history(req->app->store, id, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	json_object_set(out, "number", json_object_get(row, "number"));
	json_decref(row);
	reply_json(res, 200, out);
}

void cases_notes_list(struct request *req, struct response *res)
{
	struct error err;
	json_t *row, *out;
	long long id;

	if (req_id(req, res, 0, &id))
		return;
	if (store_case_get(req->app->store, id, &row, &err) ||
	    store_case_notes(req->app->store, id, false, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	json_decref(row);
	reply_json(res, 200, out);
}

void cases_notes_create(struct request *req, struct response *res)
{
	struct error err;
	json_t *body, *out;
	long long id, note_id;
	int rc;

	if (req_id(req, res, 0, &id) || req_json(req, res, &body))
		return;
	rc = case_service_add_note(req->app, id, body, req->actor, &note_id,
				   &err);
	json_decref(body);
	if (!rc)
		rc = store_case_notes(req->app->store, id, false, &out, &err);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 201, out);
}

void cases_sweep(struct request *req, struct response *res)
{
	long dues = 0, alarms = 0;
	struct error err;

	if (case_service_sweep(req->app, clock_now(), &dues, &alarms, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, json_pack("{sIsI}", "due_dates_changed",
				       (json_int_t)dues, "states_changed",
				       (json_int_t)alarms));
}
