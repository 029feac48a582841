/*
 * send.c - POST /api/v1/services/{id}/send: send a published service's
 * information to a citizen by email or fax.
 *
 *   {"channel": "email" | "fax", "recipient": "...", "language": "es" | "en",
 *    "call_id": 12}
 *
 * The reply (202) is the queued message; GET /api/v1/outbox/messages/{id}
 * follows its delivery.
 */
#include "core/common.h"
#include "api/api.h"
#include "api/outbox_view.h"
#include "domain/validate.h"
#include "outbox/outbox.h"

void services_send(struct request *req, struct response *res)
{
	static const char *const members[] = {
		"channel", "recipient", "language", "call_id", NULL,
	};
	static const char *const channels[] = { "email", "fax", NULL };
	static const char *const languages[] = { "es", "en", NULL };
	struct outbox_send_request r = { .actor = req->actor };
	struct error err;
	json_t *body, *message = NULL;
	long long id = 0;
	char location[64];
	int rc;

	if (req_id(req, res, 0, &r.service_id) || req_json(req, res, &body))
		return;
	json_trim_strings(body);
	rc = check_known_members(body, NULL, members, &err);
	if (!rc)
		rc = check_enum(body, "channel", NULL, true, channels, &err);
	if (!rc)
		rc = check_string(body, "recipient", NULL, true, 254, &err);
	if (!rc)
		rc = check_enum(body, "language", NULL, false, languages, &err);
	if (!rc)
		rc = check_integer(body, "call_id", NULL, false, 1, INT64_MAX, &err);
	if (!rc) {
		const char *language = json_string_value(json_object_get(body, "language"));

		r.channel = json_string_value(json_object_get(body, "channel"));
		r.recipient = json_string_value(json_object_get(body, "recipient"));
		r.lang = language ? lang_parse(language) : LANG_ES;
		r.call_id = json_integer_value(json_object_get(body, "call_id"));
		rc = outbox_send_service(req->app, &r, &id, &err);
	}
	json_decref(body);
	if (!rc)
		rc = store_outbox_get(req->app->store, id, &message, &err);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	snprintf(location, sizeof(location), "/api/v1/outbox/messages/%lld", id);
	reply_header(res, "Location", location);
	reply_json(res, 202, outbox_view_message(message, false));
}
