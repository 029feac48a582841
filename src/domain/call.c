/* call.c - checking call records (see call.h). */
#include "core/common.h"
#include "domain/call.h"
#include "domain/case_status.h"
#include "domain/civil_time.h"
#include "domain/instant_field.h"
#include "domain/phone.h"
#include "domain/validate.h"

const char *const call_types[] = { "information", "transaction", "referral",
				   "follow_up", NULL };
const char *const call_channels[] = { "phone", "email",	    "fax",
				      "web",   "in_person", "api",
				      NULL };
const char *const call_outcomes[] = {
	"informed",	     "information_sent", "transaction_done",
	"case_created",	     "case_status_given", "transferred",
	"dropped",	     "other",		 NULL,
};
const char *const call_send_methods[] = { "email", "fax", NULL };

static const char *const call_members[] = {
	"type",	      "channel",    "citizen_id", "caller_phone",
	"service_id", "agency_id",  "case_id",	  "operator",
	"started_at", "ended_at",   "outcome",	  "sent_via",
	"notes",      NULL,
};

static const char *const read_only_members[] = {
	"id", "created_at", "updated_at", "case_number", "duration_seconds",
	NULL,
};

static bool is_member(const char *const *list, const char *key)
{
	for (; *list; list++) {
		if (!strcmp(*list, key))
			return true;
	}
	return false;
}

static json_t *merge(json_t *body, json_t *current)
{
	json_t *obj = json_object();
	const char *key;
	json_t *value;

	if (current) {
		json_object_foreach(current, key, value) {
			if (is_member(call_members, key))
				json_object_set(obj, key, value);
		}
	}
	json_object_foreach(body, key, value) {
		if (!is_member(read_only_members, key))
			json_object_set(obj, key, value);
	}
	return obj;
}

static int check_caller_phone(json_t *obj, struct error *err)
{
	const char *text = json_string_value(json_object_get(obj, "caller_phone"));
	char number[PHONE_E164_LEN];
	int rc = check_string(obj, "caller_phone", NULL, false, 40, err);

	if (rc || !text)
		return rc;
	rc = phone_normalize(text, "caller_phone", number, err);
	if (rc)
		return rc;
	json_object_set_new(obj, "caller_phone", json_string(number));
	return RC_OK;
}

static int check_times(json_t *obj, time_t now, struct error *err)
{
	time_t started = now, ended = 0;
	char text[CIVIL_INSTANT_LEN];
	int rc;

	rc = check_instant(obj, "started_at", false, &started, err);
	if (rc)
		return rc;
	if (!json_is_string(json_object_get(obj, "started_at"))) {
		civil_instant_format_utc(now, text);
		json_object_set_new(obj, "started_at", json_string(text));
	}
	if (started > now + CASE_EVENT_CLOCK_SKEW)
		return error_set(err, RC_INVALID, "time_in_future", "started_at",
				 "La hora de inicio de la llamada está en el "
				 "futuro.",
				 "The start time of the call is in the future.");

	rc = check_instant(obj, "ended_at", false, &ended, err);
	if (rc || !json_is_string(json_object_get(obj, "ended_at")))
		return rc;
	if (ended > now + CASE_EVENT_CLOCK_SKEW)
		return error_set(err, RC_INVALID, "time_in_future", "ended_at",
				 "La hora de fin de la llamada está en el "
				 "futuro.",
				 "The end time of the call is in the future.");
	if (ended < started)
		return error_set(err, RC_INVALID, "ended_before_start",
				 "ended_at",
				 "La llamada no puede terminar antes de empezar.",
				 "A call cannot end before it starts.");
	return RC_OK;
}

int call_validate(json_t *body, json_t *current, time_t now, json_t **out,
		  struct error *err)
{
	json_t *obj = merge(body, current);
	int rc;

	json_trim_strings(obj);
	rc = check_known_members(obj, NULL, call_members, err);
	if (!rc)
		rc = check_enum(obj, "type", NULL, true, call_types, err);
	if (!rc && !json_is_string(json_object_get(obj, "channel")))
		json_object_set_new(obj, "channel", json_string("phone"));
	if (!rc)
		rc = check_enum(obj, "channel", NULL, true, call_channels, err);
	if (!rc)
		rc = check_integer(obj, "citizen_id", NULL, false, 1, INT64_MAX,
				   err);
	if (!rc)
		rc = check_caller_phone(obj, err);
	if (!rc)
		rc = check_integer(obj, "service_id", NULL, false, 1, INT64_MAX,
				   err);
	if (!rc)
		rc = check_integer(obj, "agency_id", NULL, false, 1, INT64_MAX,
				   err);
	if (!rc)
		rc = check_integer(obj, "case_id", NULL, false, 1, INT64_MAX,
				   err);
	if (!rc)
		rc = check_string(obj, "operator", NULL, false, 100, err);
	if (!rc)
		rc = check_times(obj, now, err);
	if (!rc)
		rc = check_enum(obj, "outcome", NULL, false, call_outcomes, err);
	if (!rc)
		rc = check_enum(obj, "sent_via", NULL, false, call_send_methods,
				err);
	if (!rc)
		rc = check_string(obj, "notes", NULL, false, 4000, err);
	if (rc) {
		json_decref(obj);
		return rc;
	}
	*out = obj;
	return RC_OK;
}
