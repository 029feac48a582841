/* kb.c - validation and workflow of the knowledge base (see kb.h). */
#include "core/common.h"
#include "domain/kb.h"
#include "domain/municipio.h"
#include "domain/template.h"
#include "domain/validate.h"

const char *const agency_onboarding_steps[] = {
	"liaison_named", "content_meetings", "templates_approved",
	"operator_orientation", "test_calls", "licences_acquired",
	"liaison_training", "agreement_signed", NULL,
};

const char *const content_statuses[] = {
	"draft", "in_review", "approved", "published", "archived", NULL,
};

static const char *const levels[] = { "federal", "state", "municipal", NULL };
static const char *const integration_statuses[] = {
	"not_integrated", "onboarding", "integrated", "suspended", NULL,
};

/* Copy body over a copy of current (or an empty object). */
static json_t *merged(json_t *body, json_t *current)
{
	json_t *out = current ? json_deep_copy(current) : json_object();

	json_object_update(out, body);
	json_trim_strings(out);
	return out;
}

static int require_object(json_t *body, struct error *err)
{
	if (!json_is_object(body))
		return error_set(err, RC_BAD_REQUEST, "invalid_body", NULL,
				 "El cuerpo de la solicitud debe ser un objeto JSON.",
				 "The request body must be a JSON object.");
	return RC_OK;
}

static int check_municipio(json_t *obj, const char *key, struct error *err)
{
	json_t *v = json_object_get(obj, key);
	const char *name;
	int rc = check_string(obj, key, NULL, false, 60, err);

	if (rc || !json_is_string(v))
		return rc;
	name = municipio_canonical(json_string_value(v));
	if (!name)
		return error_set(err, RC_INVALID, "invalid_municipio", key,
				 "«%s» no es un municipio de Puerto Rico. Escriba su nombre oficial, por ejemplo Mayagüez.",
				 "\"%s\" is not a municipio of Puerto Rico. Write its official name, for example Mayagüez.",
				 json_string_value(v));
	json_object_set_new(obj, key, json_string(name));
	return RC_OK;
}

/* Check an array of objects, each with the given members. */
static int check_object_array(json_t *obj, const char *key,
			      const char *const *members, size_t max_items,
			      struct error *err)
{
	json_t *arr = json_object_get(obj, key);
	json_t *item;
	size_t i;

	if (!arr || json_is_null(arr)) {
		json_object_set_new(obj, key, json_array());
		return RC_OK;
	}
	if (!json_is_array(arr))
		return error_set(err, RC_INVALID, "invalid_type", key,
				 "El campo «%s» debe ser una lista.",
				 "The field \"%s\" must be a list.", key);
	if (json_array_size(arr) > max_items)
		return error_set(err, RC_INVALID, "too_many", key,
				 "El campo «%s» admite como máximo %zu elementos.",
				 "The field \"%s\" takes at most %zu items.", key, max_items);
	json_array_foreach(arr, i, item) {
		char prefix[80];
		int rc;

		snprintf(prefix, sizeof(prefix), "%s[%zu]", key, i);
		if (!json_is_object(item))
			return error_set(err, RC_INVALID, "invalid_type", prefix,
					 "El elemento «%s» debe ser un objeto.",
					 "The item \"%s\" must be an object.", prefix);
		rc = check_known_members(item, prefix, members, err);
		for (const char *const *m = members; !rc && *m; m++) {
			if (!strcmp(*m, "email"))
				rc = check_email(item, *m, prefix, err);
			else if (!strcmp(*m, "url"))
				rc = check_url(item, *m, prefix, err);
			else if (!strcmp(*m, "phone"))
				rc = check_phone(item, *m, prefix, err);
			else
				rc = check_string(item, *m, prefix, m == members, 200, err);
		}
		if (rc)
			return rc;
	}
	return RC_OK;
}

static int check_onboarding(json_t *agency, struct error *err)
{
	json_t *ob = json_object_get(agency, "onboarding");
	bool complete = true;
	int rc;

	if (!ob || json_is_null(ob)) {
		ob = json_object();
		json_object_set_new(agency, "onboarding", ob);
	}
	if (!json_is_object(ob))
		return error_set(err, RC_INVALID, "invalid_type", "onboarding",
				 "El campo «onboarding» debe ser un objeto con la fecha de cada paso.",
				 "The field \"onboarding\" must be an object with the date of each step.");
	rc = check_known_members(ob, "onboarding", agency_onboarding_steps, err);
	for (const char *const *s = agency_onboarding_steps; !rc && *s; s++) {
		rc = check_date(ob, *s, "onboarding", err);
		if (!json_is_string(json_object_get(ob, *s)))
			complete = false;
	}
	if (rc)
		return rc;
	if (!strcmp(json_string_value(json_object_get(agency, "integration_status")),
		    "integrated") && !complete) {
		for (const char *const *s = agency_onboarding_steps; *s; s++)
			if (!json_is_string(json_object_get(ob, *s)))
				return error_set(err, RC_INVALID, "onboarding_incomplete",
						 "integration_status",
						 "La agencia no puede estar integrada hasta completar la integración: falta la fecha del paso «%s».",
						 "The agency cannot be integrated before its onboarding is complete: the step \"%s\" has no date.",
						 *s);
	}
	return RC_OK;
}

int agency_validate(json_t *body, json_t *current, json_t **out,
		    struct error *err)
{
	static const char *const members[] = {
		"acronym", "name", "level", "parent_id", "municipio",
		"integration_status", "licences", "website", "phone", "email",
		"contacts", "social_media", "onboarding", NULL,
	};
	static const char *const contact_members[] = {
		"name", "role", "phone", "email", NULL,
	};
	static const char *const social_members[] = {
		"network", "account", "url", NULL,
	};
	json_t *a;
	int rc;

	rc = require_object(body, err);
	if (rc)
		return rc;
	if (current) {
		/* Read-only members of a stored agency may come back unchanged. */
		json_t *copy = json_deep_copy(body);
		static const char *const readonly[] = { "id", "archived", "created_at", "updated_at" };
		for (size_t i = 0; i < ARRAY_SIZE(readonly); i++)
			json_object_del(copy, readonly[i]);
		a = merged(copy, current);
		json_decref(copy);
		for (size_t i = 0; i < ARRAY_SIZE(readonly); i++)
			json_object_del(a, readonly[i]);
	} else {
		a = merged(body, NULL);
	}

	if (!json_object_get(a, "integration_status"))
		json_object_set_new(a, "integration_status", json_string("not_integrated"));
	if (!json_object_get(a, "licences"))
		json_object_set_new(a, "licences", json_integer(0));

	rc = check_known_members(a, NULL, members, err);
	if (!rc)
		rc = check_text_pair(a, "name", NULL, true, 200, err);
	if (!rc)
		rc = check_string(a, "acronym", NULL, false, 16, err);
	if (!rc)
		rc = check_enum(a, "level", NULL, true, levels, err);
	if (!rc)
		rc = check_integer(a, "parent_id", NULL, false, 1, INT64_MAX, err);
	if (!rc)
		rc = check_municipio(a, "municipio", err);
	if (!rc)
		rc = check_enum(a, "integration_status", NULL, true, integration_statuses, err);
	if (!rc)
		rc = check_integer(a, "licences", NULL, true, 0, 100000, err);
	if (!rc)
		rc = check_url(a, "website", NULL, err);
	if (!rc)
		rc = check_phone(a, "phone", NULL, err);
	if (!rc)
		rc = check_email(a, "email", NULL, err);
	if (!rc)
		rc = check_object_array(a, "contacts", contact_members, 50, err);
	if (!rc)
		rc = check_object_array(a, "social_media", social_members, 20, err);
	if (!rc)
		rc = check_onboarding(a, err);
	if (!rc && !strcmp(json_string_value(json_object_get(a, "level")), "municipal") &&
	    !json_is_string(json_object_get(a, "municipio")))
		rc = error_set(err, RC_INVALID, "missing_field", "municipio",
			       "Una agencia municipal debe indicar su municipio.",
			       "A municipal agency must name its municipio.");
	if (rc) {
		json_decref(a);
		return rc;
	}
	*out = a;
	return RC_OK;
}

static int check_time(const char *s)
{
	int h, m, n = 0;

	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5 || s[n] ||
	    h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m))
		return -1;
	return h * 60 + m;
}

/* hours: {"mon": [{"open": "08:00", "close": "16:30"}], ...}; a day
 * missing or with an empty list is closed. Ranges must be in order and
 * must not overlap. */
static int check_hours(json_t *office, struct error *err)
{
	static const char *const days[] = {
		"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL,
	};
	json_t *hours = json_object_get(office, "hours");
	int rc;

	if (!hours || json_is_null(hours)) {
		json_object_set_new(office, "hours", json_object());
		return RC_OK;
	}
	if (!json_is_object(hours))
		return error_set(err, RC_INVALID, "invalid_type", "hours",
				 "El horario debe ser un objeto con los días mon..sun, por ejemplo {\"mon\": [{\"open\": \"08:00\", \"close\": \"16:30\"}]}.",
				 "Hours must be an object with days mon..sun, for example {\"mon\": [{\"open\": \"08:00\", \"close\": \"16:30\"}]}.");
	rc = check_known_members(hours, "hours", days, err);
	if (rc)
		return rc;
	for (const char *const *d = days; *d; d++) {
		json_t *ranges = json_object_get(hours, *d), *r;
		int last_close = -1;
		size_t i;

		if (!ranges)
			continue;
		if (!json_is_array(ranges))
			return error_set(err, RC_INVALID, "invalid_type", "hours",
					 "El horario del día «%s» debe ser una lista de horarios (vacía si está cerrado).",
					 "The hours of \"%s\" must be a list of ranges (empty when closed).", *d);
		json_array_foreach(ranges, i, r) {
			const char *o = json_string_value(json_object_get(r, "open"));
			const char *c = json_string_value(json_object_get(r, "close"));
			int om = o ? check_time(o) : -1, cm = c ? check_time(c) : -1;
			char field[48];

			snprintf(field, sizeof(field), "hours.%s[%zu]", *d, i);
			if (!json_is_object(r) || json_object_size(r) != 2 || om < 0 || cm < 0)
				return error_set(err, RC_INVALID, "invalid_hours", field,
						 "El horario «%s» debe ser {\"open\": \"HH:MM\", \"close\": \"HH:MM\"} en horas de 24.",
						 "The range \"%s\" must be {\"open\": \"HH:MM\", \"close\": \"HH:MM\"} in 24-hour time.", field);
			if (om >= cm)
				return error_set(err, RC_INVALID, "invalid_hours", field,
						 "En «%s» la hora de apertura debe ser anterior a la de cierre.",
						 "In \"%s\" the opening time must come before the closing time.", field);
			if (om < last_close)
				return error_set(err, RC_INVALID, "overlapping_hours", field,
						 "El horario «%s» se solapa con el anterior o no está en orden.",
						 "The range \"%s\" overlaps the previous one or is out of order.", field);
			last_close = cm;
		}
	}
	return RC_OK;
}

static int check_phones(json_t *office, struct error *err)
{
	json_t *phones = json_object_get(office, "phones"), *p;
	size_t i;

	if (!phones || json_is_null(phones)) {
		json_object_set_new(office, "phones", json_array());
		return RC_OK;
	}
	if (!json_is_array(phones) || json_array_size(phones) > 10)
		return error_set(err, RC_INVALID, "invalid_type", "phones",
				 "El campo «phones» debe ser una lista de hasta 10 números.",
				 "The field \"phones\" must be a list of up to 10 numbers.");
	json_array_foreach(phones, i, p) {
		json_t *wrap = json_pack("{sO}", "phone", p);
		char prefix[32];
		int rc;

		snprintf(prefix, sizeof(prefix), "phones[%zu]", i);
		rc = check_phone(wrap, "phone", NULL, err);
		json_decref(wrap);
		if (rc) {
			snprintf(err->field, sizeof(err->field), "%s", prefix);
			return rc;
		}
	}
	return RC_OK;
}

int office_validate(json_t *body, json_t *current, json_t **out,
		    struct error *err)
{
	static const char *const members[] = {
		"agency_id", "name", "address", "municipio", "phones", "fax",
		"email", "latitude", "longitude", "hours", "notes", NULL,
	};
	json_t *o;
	int rc;

	rc = require_object(body, err);
	if (rc)
		return rc;
	o = merged(body, current);
	static const char *const readonly[] = { "id", "archived", "created_at", "updated_at" };
	for (size_t i = 0; i < ARRAY_SIZE(readonly); i++)
		json_object_del(o, readonly[i]);

	rc = check_known_members(o, NULL, members, err);
	if (!rc)
		rc = check_integer(o, "agency_id", NULL, true, 1, INT64_MAX, err);
	if (!rc)
		rc = check_text_pair(o, "name", NULL, true, 200, err);
	if (!rc)
		rc = check_string(o, "address", NULL, false, 500, err);
	if (!rc)
		rc = check_municipio(o, "municipio", err);
	if (!rc)
		rc = check_phones(o, err);
	if (!rc)
		rc = check_phone(o, "fax", NULL, err);
	if (!rc)
		rc = check_email(o, "email", NULL, err);
	if (!rc)
		rc = check_string(o, "notes", NULL, false, 2000, err);
	for (int i = 0; !rc && i < 2; i++) {
		const char *key = i ? "longitude" : "latitude";
		double limit = i ? 180.0 : 90.0;
		json_t *v = json_object_get(o, key);

		if (v && !json_is_null(v) &&
		    (!json_is_number(v) || json_number_value(v) < -limit ||
		     json_number_value(v) > limit))
			rc = error_set(err, RC_INVALID, "invalid_coordinate", key,
				       "El campo «%s» debe ser un número entre -%.0f y %.0f (grados decimales).",
				       "The field \"%s\" must be a number between -%.0f and %.0f (decimal degrees).",
				       key, limit, limit);
	}
	if (!rc)
		rc = check_hours(o, err);
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return RC_OK;
}

int service_validate(json_t *body, json_t *current, json_t **out,
		     struct error *err)
{
	static const char *const members[] = {
		"agency_id", "referrals_allowed", "sla2_days", "name", "template", NULL,
	};
	json_t *s, *doc, *tpl;
	int rc;

	rc = require_object(body, err);
	if (rc)
		return rc;
	s = json_object();
	if (current) {
		json_object_set(s, "agency_id", json_object_get(current, "agency_id"));
		json_object_set(s, "referrals_allowed", json_object_get(current, "referrals_allowed"));
		json_object_set(s, "sla2_days", json_object_get(current, "sla2_days"));
		json_object_set(s, "name", json_object_get(current, "name"));
		json_object_set(s, "template", json_object_get(current, "template"));
	}
	/* Members that the API returns but a client cannot set. */
	json_t *copy = json_deep_copy(body);
	static const char *const readonly[] = {
		"id", "status", "version", "published_version", "last_reviewed_at",
		"created_at", "updated_at", "stale", "agency", "transitions", "view",
	};
	for (size_t i = 0; i < ARRAY_SIZE(readonly); i++)
		json_object_del(copy, readonly[i]);
	rc = check_known_members(copy, NULL, members, err);
	if (rc) {
		json_decref(copy);
		json_decref(s);
		return rc;
	}
	json_object_update(s, copy);
	json_decref(copy);
	json_trim_strings(s);

	if (!json_object_get(s, "referrals_allowed"))
		json_object_set_new(s, "referrals_allowed", json_false());
	if (!json_object_get(s, "sla2_days") || json_is_null(json_object_get(s, "sla2_days")))
		json_object_set_new(s, "sla2_days", json_integer(30));
	if (!json_object_get(s, "template") || json_is_null(json_object_get(s, "template")))
		json_object_set_new(s, "template", json_object());

	rc = check_integer(s, "agency_id", NULL, true, 1, INT64_MAX, err);
	if (!rc)
		rc = check_boolean(s, "referrals_allowed", NULL, true, err);
	if (!rc)
		rc = check_integer(s, "sla2_days", NULL, true, 1, 365, err);
	if (!rc)
		rc = check_text_pair(s, "name", NULL, true, 300, err);
	tpl = json_object_get(s, "template");
	if (!rc)
		rc = template_validate(tpl, err);
	if (rc) {
		json_decref(s);
		return rc;
	}
	doc = json_pack("{sOsO}", "name", json_object_get(s, "name"), "template", tpl);
	json_object_del(s, "name");
	json_object_del(s, "template");
	json_object_set_new(s, "document", doc);
	*out = s;
	return RC_OK;
}

const char *content_status_label(const char *status, int lang)
{
	static const struct { const char *code, *es, *en; } labels[] = {
		{ "draft", "borrador", "draft" },
		{ "in_review", "en revisión", "in review" },
		{ "approved", "aprobado", "approved" },
		{ "published", "publicado", "published" },
		{ "archived", "archivado", "archived" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(labels); i++)
		if (!strcmp(labels[i].code, status))
			return lang ? labels[i].en : labels[i].es;
	return status;
}

static const struct { const char *from, *to; } content_moves[] = {
	{ "draft", "in_review" },
	{ "draft", "archived" },
	{ "in_review", "approved" },
	{ "in_review", "draft" },
	{ "in_review", "archived" },
	{ "approved", "published" },
	{ "approved", "draft" },
	{ "approved", "archived" },
	{ "published", "archived" },
	{ "archived", "draft" },
};

json_t *content_transitions_from(const char *status)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < ARRAY_SIZE(content_moves); i++)
		if (!strcmp(content_moves[i].from, status))
			json_array_append_new(arr, json_string(content_moves[i].to));
	return arr;
}

int content_transition_check(const char *from, const char *to,
			     struct error *err)
{
	char allowed[200] = "";
	size_t used = 0;
	bool known = false;

	for (const char *const *s = content_statuses; *s; s++)
		known |= !strcmp(*s, to);
	if (!known)
		return error_set(err, RC_INVALID, "invalid_value", "status",
				 "El estado «%s» no existe. Use draft, in_review, approved, published o archived.",
				 "The status \"%s\" does not exist. Use draft, in_review, approved, published or archived.",
				 to);
	for (size_t i = 0; i < ARRAY_SIZE(content_moves); i++) {
		if (strcmp(content_moves[i].from, from))
			continue;
		if (!strcmp(content_moves[i].to, to))
			return RC_OK;
		int n = snprintf(allowed + used, sizeof(allowed) - used, "%s%s",
				 used ? ", " : "", content_moves[i].to);
		if (n > 0 && (size_t)n < sizeof(allowed) - used)
			used += (size_t)n;
	}
	return error_set(err, RC_CONFLICT, "invalid_transition", "status",
			 "Un servicio en estado «%s» no puede pasar a «%s». Estados permitidos: %s.",
			 "A service in status \"%s\" cannot move to \"%s\". Allowed: %s.",
			 from, to, used ? allowed : "-");
}

json_t *service_document_diff(json_t *before, json_t *after)
{
	json_t *changed = json_array();
	json_t *tb = json_object_get(before, "template");
	json_t *ta = json_object_get(after, "template");
	const char *key;
	json_t *v;

	if (!json_equal(json_object_get(before, "name"), json_object_get(after, "name")))
		json_array_append_new(changed, json_string("name"));
	json_object_foreach(ta, key, v) {
		if (!json_equal(v, json_object_get(tb, key))) {
			char path[80];

			snprintf(path, sizeof(path), "template.%s", key);
			json_array_append_new(changed, json_string(path));
		}
	}
	json_object_foreach(tb, key, v) {
		if (!json_object_get(ta, key)) {
			char path[80];

			snprintf(path, sizeof(path), "template.%s", key);
			json_array_append_new(changed, json_string(path));
		}
	}
	return changed;
}

/* Return the weekday index 0 (mon) .. 6 (sun) of an abbreviation. */
static int weekday_index(const char *s, size_t len)
{
	static const char *const names[][4] = {
		{ "lun", "mon", "lunes", "monday" },
		{ "mar", "tue", "martes", "tuesday" },
		{ "mie", "wed", "miercoles", "wednesday" },
		{ "jue", "thu", "jueves", "thursday" },
		{ "vie", "fri", "viernes", "friday" },
		{ "sab", "sat", "sabado", "saturday" },
		{ "dom", "sun", "domingo", "sunday" },
	};
	char word[16];
	size_t n = 0;

	/* Drop the accents of "mié", "miércoles", "sáb", "sábado". */
	for (size_t i = 0; i < len && n + 1 < sizeof(word); i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0xC3 && i + 1 < len) {
			unsigned char d = (unsigned char)s[++i];
			word[n++] = d == 0xA9 || d == 0x89 ? 'e' : d == 0xA1 || d == 0x81 ? 'a' : '?';
		} else {
			word[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
	}
	word[n] = '\0';
	for (int d = 0; d < 7; d++)
		for (int k = 0; k < 4; k++)
			if (!strcmp(word, names[d][k]))
				return d;
	return -1;
}

static int hours_error(const char *text, struct error *err)
{
	return error_set(err, RC_INVALID, "invalid_hours", "hours",
			 "El horario «%s» no se entiende. Escríbalo como «lun-vie 08:00-16:30; sáb 08:00-12:00».",
			 "The hours \"%s\" cannot be read. Write them as \"mon-fri 08:00-16:30; sat 08:00-12:00\".",
			 text);
}

int office_hours_parse(const char *text, json_t **out, struct error *err)
{
	static const char *const keys[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	json_t *hours = json_object();
	char *copy = xstrdup(text), *save = NULL, *part;
	int rc = RC_OK;

	for (part = strtok_r(copy, ";", &save); part && !rc; part = strtok_r(NULL, ";", &save)) {
		bool days[7] = { false };
		char *times, *p, *tsave = NULL, *range;
		json_t *ranges;

		while (*part == ' ')
			part++;
		if (!*part)
			continue;
		times = strchr(part, ' ');
		if (!times) {
			rc = hours_error(text, err);
			break;
		}
		*times++ = '\0';
		/* Days: "lun-vie", "lun,mié", "sáb". */
		for (p = part; *p && !rc;) {
			char *comma = strchr(p, ',');
			char *end = comma ? comma : p + strlen(p);
			char *dash = memchr(p, '-', (size_t)(end - p));
			int from = weekday_index(p, (size_t)((dash ? dash : end) - p));
			int to = dash ? weekday_index(dash + 1, (size_t)(end - dash - 1)) : from;

			if (from < 0 || to < 0 || to < from)
				rc = hours_error(text, err);
			for (int d = from; !rc && d <= to; d++)
				days[d] = true;
			p = comma ? comma + 1 : end;
		}
		ranges = json_array();
		for (range = strtok_r(times, ",", &tsave); range && !rc; range = strtok_r(NULL, ",", &tsave)) {
			char open[6], close[6];
			int n = 0;

			while (*range == ' ')
				range++;
			if (sscanf(range, "%5[0-9:]-%5[0-9:]%n", open, close, &n) != 2 ||
			    check_time(open) < 0 || check_time(close) < 0)
				rc = hours_error(text, err);
			else
				json_array_append_new(ranges, json_pack("{ssss}", "open", open, "close", close));
		}
		for (int d = 0; d < 7 && !rc; d++)
			if (days[d])
				json_object_set(hours, keys[d], ranges);
		json_decref(ranges);
	}
	free(copy);
	if (rc) {
		json_decref(hours);
		return rc;
	}
	*out = hours;
	return RC_OK;
}
