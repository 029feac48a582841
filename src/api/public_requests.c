/*
 * public_requests.c - POST /api/v1/public/requests: a citizen submits a
 * request on the web without an account.
 *
 * The body names the service, describes the request and gives the
 * citizen's contact data: {service_id, description, name, phone, email,
 * municipio, language}. The citizen record is found by phone or email,
 * or created, and the case is created with channel "web". The response
 * contains only the case number and its dates, never personal data, so the
 * endpoint reveals nothing about who else asked.
 */
#include "core/common.h"
#include "api/api.h"
#include "app/case_service.h"
#include "app/citizen_service.h"
#include "domain/citizen.h"
#include "domain/validate.h"

static const char *const members[] = {
	"service_id", "description", "name", "phone", "email", "municipio",
	"language", "location", NULL,
};

/* Build the citizen body the request implies; NULL members are left out. */
static json_t *citizen_body(json_t *body)
{
	json_t *c = json_object();
	json_t *phone = json_object_get(body, "phone");
	json_t *email = json_object_get(body, "email");

	json_object_set(c, "name", json_object_get(body, "name"));
	if (json_is_string(phone))
		json_object_set_new(c, "phones", json_pack("[O]", phone));
	if (json_is_string(email))
		json_object_set(c, "email", email);
	if (json_is_string(json_object_get(body, "municipio")))
		json_object_set(c, "municipio", json_object_get(body, "municipio"));
	if (json_is_string(json_object_get(body, "language")))
		json_object_set(c, "language", json_object_get(body, "language"));
	json_object_set_new(c, "contact_method",
			    json_string(json_is_string(phone) ? "phone" : "email"));
	return c;
}

/* Return the id of the one citizen with this phone or email, or 0. */
static long long known_citizen(struct app *app, json_t *body)
{
	struct citizen_query q = {
		.phone = json_string_value(json_object_get(body, "phone")),
	};
	struct page page = { 2, 0 };
	json_t *found = NULL;
	long long id = 0;

	if (!q.phone)
		q.email = json_string_value(json_object_get(body, "email"));
	if (!citizen_service_find(app, &q, &page, &found, NULL) &&
	    json_array_size(json_object_get(found, "items")) == 1)
		id = json_integer_value(json_object_get(
			json_array_get(json_object_get(found, "items"), 0), "id"));
	json_decref(found);
	return id;
}

void public_requests_create(struct request *req, struct response *res)
{
	json_t *body, *citizen = NULL, *valid = NULL, *kase = NULL, *row = NULL;
	long long citizen_id = 0, case_id = 0;
	struct error err;
	int rc;

	if (req_json(req, res, &body))
		return;
	json_trim_strings(body);

	/* Check everything before writing anything. */
	rc = check_known_members(body, NULL, members, &err);
	if (!rc)
		rc = check_integer(body, "service_id", NULL, true, 1, INT64_MAX, &err);
	if (!rc)
		rc = check_string(body, "description", NULL, true, 4000, &err);
	if (!rc && !json_is_string(json_object_get(body, "phone")) &&
	    !json_is_string(json_object_get(body, "email")))
		rc = error_set(&err, RC_INVALID, "missing_field", "phone",
			       "Escriba un teléfono o un correo electrónico para que la agencia pueda comunicarse con usted.",
			       "Give a phone number or an email address so that the agency can reach you.");
	if (!rc) {
		citizen = citizen_body(body);
		rc = citizen_validate(citizen, NULL, &valid, &err);
		/* The citizen record keeps a list of phones; this form has one. */
		if (rc && !strncmp(err.field, "phones", 6))
			snprintf(err.field, sizeof(err.field), "phone");
	}
	if (!rc)
		rc = case_service_check_referrable(req->app,
			json_integer_value(json_object_get(body, "service_id")), &err);
	if (rc)
		goto out;

	citizen_id = known_citizen(req->app, body);
	if (!citizen_id)
		rc = citizen_service_create(req->app, citizen, &citizen_id, &err);
	if (!rc) {
		kase = json_pack("{sOsOsIss}", "service_id", json_object_get(body, "service_id"),
				 "description", json_object_get(body, "description"),
				 "citizen_id", (json_int_t)citizen_id, "channel", "web");
		if (json_is_string(json_object_get(body, "municipio")))
			json_object_set(kase, "municipio", json_object_get(valid, "municipio"));
		if (json_is_string(json_object_get(body, "location")))
			json_object_set(kase, "location", json_object_get(body, "location"));
		rc = case_service_create(req->app, kase, "ciudadano", NULL, &case_id, &err);
	}
	if (!rc)
		rc = case_service_read(req->app, case_id, req->lang, &row, &err);
	if (rc)
		goto out;
	reply_json(res, 201, json_pack("{sOsOsOs{sOsO}}",
		"number", json_object_get(row, "number"),
		"status", json_object_get(row, "status"),
		"created_at", json_object_get(row, "created_at"),
		"sla", "first_contact_due", json_object_get(json_object_get(row, "sla1"), "due"),
		"resolution_due", json_object_get(json_object_get(row, "sla2"), "due")));
out:
	if (rc)
		reply_error(req, res, &err);
	json_decref(body);
	json_decref(citizen);
	json_decref(valid);
	json_decref(kase);
	json_decref(row);
}
