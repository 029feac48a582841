/* citizen_service.c - operations on citizens and calls (see
 * citizen_service.h). */
#include "core/common.h"
#include "app/citizen_service.h"
#include "core/clock.h"
#include "core/log.h"
#include "domain/call.h"
#include "domain/case_record.h"
#include "domain/citizen.h"
#include "domain/phone.h"
#include "domain/text.h"
#include "store/case.h"

typedef int (*write_fn)(struct store *store, void *ctx, struct error *err);

static int in_transaction(struct store *store, write_fn fn, void *ctx,
			  struct error *err)
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

struct row_write {
	json_t *obj;
	long long id;
};

static int create_citizen(struct store *store, void *ctx, struct error *err)
{
	struct row_write *w = ctx;

	return store_citizen_create(store, w->obj, &w->id, err);
}

static int update_citizen(struct store *store, void *ctx, struct error *err)
{
	struct row_write *w = ctx;

	return store_citizen_update(store, w->id, w->obj, err);
}

int citizen_service_create(struct app *app, json_t *body, long long *id,
			   struct error *err)
{
	struct row_write w = { 0 };
	int rc;

	rc = citizen_validate(body, NULL, &w.obj, err);
	if (!rc)
		rc = in_transaction(app->store, create_citizen, &w, err);
	json_decref(w.obj);
	if (!rc) {
		*id = w.id;
		log_info("citizens", "created citizen %lld", w.id);
	}
	return rc;
}

int citizen_service_update(struct app *app, long long id, json_t *body,
			   bool partial, struct error *err)
{
	struct row_write w = { .id = id };
	json_t *current = NULL;
	int rc;

	rc = store_citizen_get(app->store, id, &current, err);
	if (!rc)
		rc = citizen_validate(body, partial ? current : NULL, &w.obj,
				      err);
	if (!rc)
		rc = in_transaction(app->store, update_citizen, &w, err);
	json_decref(current);
	json_decref(w.obj);
	return rc;
}

int citizen_service_find(struct app *app, const struct citizen_query *query,
			 const struct page *page, json_t **out,
			 struct error *err)
{
	struct citizen_filter filter = { 0 };
	char phone[PHONE_E164_LEN], name[400], number[CASE_NUMBER_LEN];
	long long seq;
	int year;

	if (query->phone) {
		if (!phone_search_key(query->phone, phone, &filter.phone_suffix))
			return error_set(err, RC_BAD_REQUEST, "invalid_phone",
					 "phone",
					 "«%.40s» no es un número de teléfono; "
					 "escriba 7 o 10 dígitos, con o sin "
					 "+1.",
					 "\"%.40s\" is not a phone number; write "
					 "7 or 10 digits, with or without +1.",
					 query->phone);
		filter.phone = phone;
	}
	if (query->case_number) {
		if (!case_number_parse(query->case_number, &year, &seq))
			return error_set(err, RC_BAD_REQUEST, "invalid_number",
					 "case_number",
					 "El número de caso «%.40s» no es "
					 "válido; tiene la forma "
					 "311-2026-000123.",
					 "The case number \"%.40s\" is invalid; "
					 "it looks like 311-2026-000123.",
					 query->case_number);
		case_number_format(year, seq, number);
		filter.case_number = number;
	}
	if (query->name) {
		text_fold(query->name, strlen(query->name), name, sizeof(name));
		if (name[0])
			filter.name = name;
	}
	filter.email = query->email;
	return store_citizen_find(app->store, &filter, page, out, err);
}

/* Check the rows a call refers to and fill its agency from its service. */
static int check_call_references(struct app *app, json_t *call,
				 struct error *err)
{
	json_t *service_id = json_object_get(call, "service_id");
	json_t *agency_id = json_object_get(call, "agency_id");
	json_t *row = NULL;
	int rc;

	if (json_is_integer(json_object_get(call, "citizen_id"))) {
		rc = store_citizen_get(app->store,
				       json_integer_value(json_object_get(
					       call, "citizen_id")),
				       &row, NULL);
		json_decref(row);
		row = NULL;
		if (rc)
			return error_set(err, RC_INVALID, "not_found",
					 "citizen_id",
					 "No existe el ciudadano indicado.",
					 "The citizen given does not exist.");
	}
	if (json_is_integer(service_id)) {
		long long agency;

		rc = store_service_get(app->store,
				       json_integer_value(service_id),
				       SERVICE_LATEST, 0, &row, NULL);
		if (rc)
			return error_set(err, RC_INVALID, "not_found",
					 "service_id",
					 "No existe el servicio indicado.",
					 "The service given does not exist.");
		agency = json_integer_value(json_object_get(row, "agency_id"));
		json_decref(row);
		row = NULL;
		if (json_is_integer(agency_id) &&
		    json_integer_value(agency_id) != agency)
			return error_set(err, RC_INVALID, "agency_mismatch",
					 "agency_id",
					 "El servicio consultado es de otra "
					 "agencia; corrija agency_id u omítalo.",
					 "The service consulted belongs to "
					 "another agency; correct agency_id or "
					 "leave it out.");
		json_object_set_new(call, "agency_id", json_integer(agency));
	} else if (json_is_integer(agency_id)) {
		rc = store_agency_get(app->store, json_integer_value(agency_id),
				      &row, NULL);
		json_decref(row);
		row = NULL;
		if (rc)
			return error_set(err, RC_INVALID, "not_found",
					 "agency_id",
					 "No existe la agencia indicada.",
					 "The agency given does not exist.");
	}
	if (json_is_integer(json_object_get(call, "case_id"))) {
		rc = store_case_get(app->store,
				    json_integer_value(json_object_get(call,
								       "case_id")),
				    &row, NULL);
		if (rc)
			return error_set(err, RC_INVALID, "not_found", "case_id",
					 "No existe el caso indicado.",
					 "The case given does not exist.");
		/* A call about a case is the case's citizen's call. */
		json_t *owner = json_object_get(row, "citizen_id");
		json_t *caller = json_object_get(call, "citizen_id");
		bool mismatch = json_is_integer(owner) && json_is_integer(caller) &&
				json_integer_value(owner) != json_integer_value(caller);

		json_decref(row);
		if (mismatch)
			return error_set(err, RC_INVALID, "citizen_mismatch", "case_id",
					 "El caso indicado es de otro ciudadano; corrija case_id o citizen_id.",
					 "The case given belongs to another citizen; correct case_id or citizen_id.");
	}
	return RC_OK;
}

static int create_call(struct store *store, void *ctx, struct error *err)
{
	struct row_write *w = ctx;

	return store_call_create(store, w->obj, &w->id, err);
}

static int update_call(struct store *store, void *ctx, struct error *err)
{
	struct row_write *w = ctx;

	return store_call_update(store, w->id, w->obj, err);
}

int call_service_create(struct app *app, json_t *body, const char *actor,
			long long *id, struct error *err)
{
	struct row_write w = { 0 };
	int rc;

	rc = call_validate(body, NULL, clock_now(), &w.obj, err);
	/* The operator of a call is the signed-in user who logs it, so that
	 * no one can credit a call to another operator in the statistics. */
	if (!rc && json_is_string(json_object_get(w.obj, "operator")) &&
	    strcmp(json_string_value(json_object_get(w.obj, "operator")), actor))
		rc = error_set(err, RC_INVALID, "invalid_operator", "operator",
			       "El operador de una llamada es quien la registra (%s); omita el campo «operator».",
			       "The operator of a call is whoever logs it (%s); leave out the field \"operator\".",
			       actor);
	if (!rc)
		json_object_set_new(w.obj, "operator", json_string(actor));
	if (!rc)
		rc = check_call_references(app, w.obj, err);
	if (!rc)
		rc = in_transaction(app->store, create_call, &w, err);
	json_decref(w.obj);
	if (!rc) {
		*id = w.id;
		log_info("calls", "logged call %lld", w.id);
	}
	return rc;
}

int call_service_update(struct app *app, long long id, json_t *body,
			struct error *err)
{
	struct row_write w = { .id = id };
	json_t *current = NULL;
	int rc;

	rc = store_call_get(app->store, id, &current, err);
	/* A new service brings its own agency unless the body names one. */
	if (!rc && json_object_get(body, "service_id") &&
	    !json_object_get(body, "agency_id"))
		json_object_del(current, "agency_id");
	if (!rc)
		rc = call_validate(body, current, clock_now(), &w.obj, err);
	if (!rc)
		rc = check_call_references(app, w.obj, err);
	if (!rc)
		rc = in_transaction(app->store, update_call, &w, err);
	json_decref(current);
	json_decref(w.obj);
	return rc;
}
