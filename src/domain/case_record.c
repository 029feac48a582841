/* case_record.c - case numbers and request bodies (see case_record.h). */
#include "core/common.h"
#include "domain/call.h"
#include "domain/case_record.h"
#include "domain/civil_time.h"
#include "domain/instant_field.h"
#include "domain/municipio.h"
#include "domain/validate.h"

#include <ctype.h>

const char *const case_contact_methods[] = { "phone", "email", "in_person",
					     "mail", "other", NULL };
const char *const case_cancel_reasons[] = { "duplicate", "withdrawn", "other",
					    NULL };
const char *const case_note_visibilities[] = { "internal", "citizen", NULL };

void case_number_format(int year, long long seq, char out[CASE_NUMBER_LEN])
{
	snprintf(out, CASE_NUMBER_LEN, "311-%04d-%06lld", year, seq);
}

bool case_number_parse(const char *text, int *year, long long *seq)
{
	const char *p = text;
	long long value = 0;
	int digits = 0;

	if (!p)
		return false;
	while (isspace((unsigned char)*p))
		p++;
	if (strncmp(p, "311-", 4))
		return false;
	p += 4;
	for (int i = 0; i < 4; i++, p++) {
		if (!isdigit((unsigned char)*p))
			return false;
		value = value * 10 + (*p - '0');
	}
	*year = (int)value;
	if (*p++ != '-')
		return false;
	value = 0;
	for (; isdigit((unsigned char)*p) && digits < 12; p++, digits++)
		value = value * 10 + (*p - '0');
	while (isspace((unsigned char)*p))
		p++;
	if (*p || digits == 0 || value == 0 || *year < 1)
		return false;
	*seq = value;
	return true;
}

/* Start a validated copy of body: trimmed, with only known members. */
static int start_copy(json_t *body, const char *const *members, json_t **obj,
		      struct error *err)
{
	int rc;

	*obj = json_deep_copy(body);
	json_trim_strings(*obj);
	rc = check_known_members(*obj, NULL, members, err);
	if (rc) {
		json_decref(*obj);
		*obj = NULL;
	}
	return rc;
}

static int finish(json_t *obj, int rc, json_t **out)
{
	if (rc) {
		json_decref(obj);
		return rc;
	}
	*out = obj;
	return RC_OK;
}

static int check_municipio(json_t *obj, struct error *err)
{
	const char *name = json_string_value(json_object_get(obj, "municipio"));
	const char *canonical;
	int rc = check_string(obj, "municipio", NULL, false, 60, err);

	if (rc || !name)
		return rc;
	canonical = municipio_canonical(name);
	if (!canonical)
		return error_set(err, RC_INVALID, "invalid_municipio",
				 "municipio",
				 "«%.60s» no es un municipio de Puerto Rico.",
				 "\"%.60s\" is not a municipio of Puerto Rico.",
				 name);
	json_object_set_new(obj, "municipio", json_string(canonical));
	return RC_OK;
}

int case_record_validate_new(json_t *body, json_t **out, struct error *err)
{
	static const char *const members[] = {
		"service_id", "description", "citizen_id", "call_id",
		"office_id",  "area",	     "assignee",   "channel",
		"municipio",  "location",    NULL,
	};
	json_t *obj;
	int rc = start_copy(body, members, &obj, err);

	if (rc)
		return rc;
	rc = check_integer(obj, "service_id", NULL, true, 1, INT64_MAX, err);
	if (!rc)
		rc = check_string(obj, "description", NULL, true, 8000, err);
	if (!rc)
		rc = check_integer(obj, "citizen_id", NULL, false, 1, INT64_MAX,
				   err);
	if (!rc)
		rc = check_integer(obj, "call_id", NULL, false, 1, INT64_MAX,
				   err);
	if (!rc)
		rc = check_integer(obj, "office_id", NULL, false, 1, INT64_MAX,
				   err);
	if (!rc)
		rc = check_string(obj, "area", NULL, false, 200, err);
	if (!rc)
		rc = check_string(obj, "assignee", NULL, false, 100, err);
	if (!rc && !json_is_string(json_object_get(obj, "channel")))
		json_object_set_new(obj, "channel", json_string("phone"));
	if (!rc)
		rc = check_enum(obj, "channel", NULL, true, call_channels, err);
	if (!rc)
		rc = check_municipio(obj, err);
	if (!rc)
		rc = check_string(obj, "location", NULL, false, 500, err);
	return finish(obj, rc, out);
}

/* Read member "at", defaulting to now and writing it back in UTC. */
static int check_at(json_t *obj, time_t now, time_t *at, struct error *err)
{
	char text[CIVIL_INSTANT_LEN];
	int rc;

	*at = now;
	rc = check_instant(obj, "at", false, at, err);
	if (rc)
		return rc;
	if (!json_is_string(json_object_get(obj, "at"))) {
		civil_instant_format_utc(now, text);
		json_object_set_new(obj, "at", json_string(text));
	}
	return RC_OK;
}

int case_record_validate_first_contact(json_t *body, time_t now, json_t **out,
				       time_t *at, struct error *err)
{
	static const char *const members[] = { "method", "at", "note", NULL };
	json_t *obj;
	int rc = start_copy(body, members, &obj, err);

	if (rc)
		return rc;
	rc = check_enum(obj, "method", NULL, true, case_contact_methods, err);
	if (!rc)
		rc = check_at(obj, now, at, err);
	if (!rc)
		rc = check_string(obj, "note", NULL, false, 4000, err);
	return finish(obj, rc, out);
}

/* Check the members that only some target statuses take. */
static int check_status_members(json_t *obj, enum case_status to,
				struct error *err)
{
	const char *reason = json_string_value(json_object_get(obj, "reason"));
	int rc = RC_OK;

	if (to == CASE_CONTACTED)
		rc = check_enum(obj, "method", NULL, true, case_contact_methods,
				err);
	if (!rc)
		rc = check_string(obj, "resolution", NULL, to == CASE_CLOSED,
				  4000, err);
	if (!rc)
		rc = check_enum(obj, "reason", NULL, to == CASE_CANCELLED,
				case_cancel_reasons, err);
	if (!rc)
		rc = check_integer(obj, "duplicate_of", NULL,
				   to == CASE_CANCELLED && reason &&
					   !strcmp(reason, "duplicate"),
				   1, INT64_MAX, err);
	if (rc)
		return rc;

	if (to != CASE_CONTACTED && json_object_get(obj, "method"))
		return error_set(err, RC_INVALID, "unexpected_field", "method",
				 "El método de contacto solo se indica al "
				 "registrar el primer contacto (status "
				 "contacted).",
				 "The contact method is given only with the "
				 "first contact (status contacted).");
	if (to != CASE_CLOSED && json_is_string(json_object_get(obj, "resolution")))
		return error_set(err, RC_INVALID, "unexpected_field",
				 "resolution",
				 "La resolución solo se indica al cerrar el caso.",
				 "A resolution is given only when closing the "
				 "case.");
	if (to != CASE_CANCELLED && json_is_string(json_object_get(obj, "reason")))
		return error_set(err, RC_INVALID, "unexpected_field", "reason",
				 "El motivo solo se indica al cancelar el caso.",
				 "A reason is given only when cancelling the "
				 "case.");
	if (json_is_integer(json_object_get(obj, "duplicate_of")) &&
	    (!reason || strcmp(reason, "duplicate")))
		return error_set(err, RC_INVALID, "unexpected_field",
				 "duplicate_of",
				 "El caso principal solo se indica al cancelar "
				 "con el motivo duplicate.",
				 "The main case is given only when cancelling "
				 "with the reason duplicate.");
	return RC_OK;
}

int case_record_validate_status(json_t *body, time_t now, json_t **out,
				enum case_status *to, time_t *at,
				struct error *err)
{
	static const char *const members[] = {
		"status",     "at",	"note",		"method",
		"resolution", "reason", "duplicate_of", NULL,
	};
	json_t *obj;
	int rc = start_copy(body, members, &obj, err);

	if (rc)
		return rc;
	rc = check_string(obj, "status", NULL, true, 40, err);
	if (!rc)
		rc = case_status_parse(json_string_value(json_object_get(obj,
									 "status")),
				       "status", to, err);
	if (!rc)
		json_object_set_new(obj, "status",
				    json_string(case_status_code(*to)));
	if (!rc)
		rc = check_at(obj, now, at, err);
	if (!rc)
		rc = check_string(obj, "note", NULL, false, 4000, err);
	if (!rc)
		rc = check_status_members(obj, *to, err);
	return finish(obj, rc, out);
}

int case_record_validate_routing(json_t *body, json_t **out,
				 struct error *err)
{
	static const char *const members[] = { "office_id", "area", "assignee",
					       NULL };
	json_t *obj;
	int rc = start_copy(body, members, &obj, err);

	if (rc)
		return rc;
	if (json_object_size(obj) == 0)
		rc = error_set(err, RC_INVALID, "missing_field", "office_id",
			       "Indique la oficina (office_id), el área (area) "
			       "o la persona (assignee) a la que se dirige el "
			       "caso.",
			       "Give the office (office_id), the area (area) or "
			       "the person (assignee) the case is routed to.");
	if (!rc)
		rc = check_integer(obj, "office_id", NULL, false, 1, INT64_MAX,
				   err);
	if (!rc)
		rc = check_string(obj, "area", NULL, false, 200, err);
	if (!rc)
		rc = check_string(obj, "assignee", NULL, false, 100, err);
	return finish(obj, rc, out);
}

int case_record_validate_note(json_t *body, json_t **out, struct error *err)
{
	static const char *const members[] = { "text", "visibility", NULL };
	json_t *obj;
	int rc = start_copy(body, members, &obj, err);

	if (rc)
		return rc;
	rc = check_string(obj, "text", NULL, true, 8000, err);
	if (!rc && !json_is_string(json_object_get(obj, "visibility")))
		json_object_set_new(obj, "visibility", json_string("internal"));
	if (!rc)
		rc = check_enum(obj, "visibility", NULL, true,
				case_note_visibilities, err);
	return finish(obj, rc, out);
}
