/*
 * calendar.c - /api/v1/calendar: the business calendar (holidays,
 * closures, half days), its imports and confirmations, and the due date
 * of an SLA of N business days.
 */
#include "core/common.h"
#include "api/api.h"
#include "app/calendar_import.h"
#include "app/calendar_service.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "domain/validate.h"

#include <strings.h>

static int query_year(struct request *req, struct response *res,
		      long long *year)
{
	long long current = civil_local_date(clock_now()).year;

	return req_query_long(req, res, "year", CIVIL_YEAR_MIN, CIVIL_YEAR_MAX,
			      current, year);
}

static void reply_year(struct request *req, struct response *res, int year,
		       unsigned status)
{
	struct error err;
	json_t *out, *warning;

	if (calendar_service_year(req->app, year, req->lang, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	warning = calendar_service_warning(req->app, clock_now(), req->lang);
	json_object_set_new(out, "warning", warning ? warning : json_null());
	reply_json(res, status, out);
}

void calendar_show(struct request *req, struct response *res)
{
	long long year;

	if (query_year(req, res, &year))
		return;
	reply_year(req, res, (int)year, 200);
}

void calendar_year_get(struct request *req, struct response *res)
{
	long long year;

	if (req_id(req, res, 0, &year))
		return;
	if (year > CIVIL_YEAR_MAX) {
		reply_fail(req, res, RC_BAD_REQUEST, "invalid_year", "year",
			   "El año %lld no es válido; use un año entre 1 y 9999.",
			   "The year %lld is invalid; use a year between 1 and "
			   "9999.",
			   year);
		return;
	}
	reply_year(req, res, (int)year, 200);
}

void calendar_due_get(struct request *req, struct response *res)
{
	struct calendar_entry_list skipped = { NULL, 0, 0 };
	char utc[CIVIL_INSTANT_LEN], local[CIVIL_INSTANT_LEN];
	char start[CIVIL_DATE_LEN], due_text[CIVIL_DATE_LEN];
	const struct calendar *cal;
	struct civil_date due;
	const char *from;
	long long days;
	struct error err;
	time_t instant;
	json_t *list;
	int rc;

	if (req_query_text(req, res, "from", 40, &from) ||
	    req_query_long(req, res, "days", 1, CALENDAR_MAX_BUSINESS_DAYS, 0,
			   &days))
		return;
	if (!days) {
		reply_fail(req, res, RC_BAD_REQUEST, "missing_field", "days",
			   "Falta el parámetro «days»: el número de días "
			   "laborables del plazo.",
			   "The parameter \"days\" is missing: the number of "
			   "business days of the period.");
		return;
	}
	instant = clock_now();
	if (from && civil_instant_parse(from, "from", &instant, &err)) {
		err.rc = RC_BAD_REQUEST;
		reply_error(req, res, &err);
		return;
	}

	rc = calendar_service_get(req->app, &cal, &err);
	if (!rc)
		rc = calendar_add_business_days(cal, civil_local_date(instant),
						(int)days, &due, &skipped, &err);
	if (rc) {
		calendar_service_put(cal);
		reply_error(req, res, &err);
		return;
	}
	list = json_array();
	for (size_t i = 0; i < skipped.count; i++) {
		if (skipped.items[i].kind != CALENDAR_WEEKEND)
			json_array_append_new(list, calendar_service_entry_json(
							    &skipped.items[i],
							    req->lang));
	}
	calendar_service_put(cal);
	calendar_entry_list_release(&skipped);

	civil_instant_format_utc(instant, utc);
	civil_instant_format_local(instant, local);
	civil_date_format(civil_local_date(instant), start);
	civil_date_format(due, due_text);
	reply_json(res, 200,
		   json_pack("{sssssssIssssso}", "from", utc, "from_local",
			     local, "local_date", start, "days",
			     (json_int_t)days, "due", due_text, "due_weekday",
			     calendar_service_weekday(due, req->lang),
			     "skipped", list));
}

static json_t *change_json(const struct calendar_change_result *result)
{
	return json_pack("{sI}", "cases_recomputed",
			 (json_int_t)result->cases_recomputed);
}

void calendar_entry_create(struct request *req, struct response *res)
{
	static const char *const members[] = { "date", "kind", "name", NULL };
	struct calendar_change_result result = { 0 };
	struct calendar_entry entry = { .kind = CALENDAR_HOLIDAY };
	const char *text;
	struct error err;
	json_t *body, *out;
	int rc;

	if (req_json(req, res, &body))
		return;
	json_trim_strings(body);
	rc = check_known_members(body, NULL, members, &err);
	if (!rc)
		rc = check_string(body, "date", NULL, true, 10, &err);
	if (!rc)
		rc = civil_date_parse(json_string_value(json_object_get(body,
									"date")),
				      "date", &entry.date, &err);
	if (!rc)
		rc = check_string(body, "kind", NULL, false, 20, &err);
	text = json_string_value(json_object_get(body, "kind"));
	if (!rc && text)
		rc = calendar_kind_parse(text, "kind", &entry.kind, &err);
	if (!rc)
		rc = check_string(body, "name", NULL, false,
				  CALENDAR_NAME_MAX - 1, &err);
	text = json_string_value(json_object_get(body, "name"));
	if (!rc && text)
		snprintf(entry.name, sizeof(entry.name), "%s", text);
	json_decref(body);
	if (!rc)
		rc = calendar_service_add(req->app, &entry, req->actor, &result,
					  &err);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	out = change_json(&result);
	json_object_set_new(out, "entry",
			    calendar_service_entry_json(&entry, req->lang));
	reply_json(res, 201, out);
}

void calendar_entry_delete(struct request *req, struct response *res)
{
	struct calendar_change_result result = { 0 };
	struct calendar_entry_list on_date = { NULL, 0, 0 };
	const struct calendar *cal;
	enum calendar_kind kind;
	struct civil_date date;
	const char *kind_text;
	struct error err;
	int rc;

	if (req_query_text(req, res, "kind", 20, &kind_text))
		return;
	rc = civil_date_parse(req->params[0], "date", &date, &err);
	if (!rc && kind_text)
		rc = calendar_kind_parse(kind_text, "kind", &kind, &err);
	if (rc) {
		err.rc = RC_BAD_REQUEST;
		reply_error(req, res, &err);
		return;
	}

	/* Without ?kind= the date must have exactly one entry. */
	if (!kind_text) {
		rc = calendar_service_get(req->app, &cal, &err);
		if (rc) {
			reply_error(req, res, &err);
			return;
		}
		calendar_list_date(cal, date, &on_date);
		calendar_service_put(cal);
		kind = on_date.count ? on_date.items[0].kind : CALENDAR_HOLIDAY;
		rc = on_date.count > 1;
		calendar_entry_list_release(&on_date);
		if (rc) {
			reply_fail(req, res, RC_CONFLICT, "ambiguous_entry", "kind",
				   "El %s tiene varias entradas; indique cuál con "
				   "?kind=holiday, closure o half_day.",
				   "%s has several entries; say which with "
				   "?kind=holiday, closure or half_day.",
				   req->params[0]);
			return;
		}
	}
	if (calendar_service_remove(req->app, date, kind, req->actor, &result,
				    &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, change_json(&result));
}

void calendar_import_upload(struct request *req, struct response *res)
{
	struct calendar_change_result result = { 0 };
	struct calendar_entry_list list = { NULL, 0, 0 };
	const char *type = req_header(req, "Content-Type");
	json_t *years = NULL, *out;
	struct error err;
	int rc;

	if (!type || (strncasecmp(type, "text/csv", 8) &&
		      strncasecmp(type, "text/calendar", 13))) {
		reply_fail(req, res, RC_UNSUPPORTED, "unsupported_media_type",
			   NULL,
			   "Envíe la lista como text/csv o text/calendar "
			   "(iCalendar).",
			   "Send the list as text/csv or text/calendar "
			   "(iCalendar).");
		return;
	}
	if (!req->body_len || !utf8_valid(req->body, req->body_len, NULL)) {
		reply_fail(req, res, RC_BAD_REQUEST, "invalid_body", NULL,
			   "El cuerpo está vacío o no es texto UTF-8.",
			   "The body is empty or not UTF-8 text.");
		return;
	}
	rc = calendar_import_parse("body", req->body, req->body_len, &list,
				   &err);
	if (!rc)
		rc = calendar_service_import(req->app, list.items, list.count,
					     req->actor, &years, &result, &err);
	calendar_entry_list_release(&list);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	out = change_json(&result);
	json_object_set_new(out, "years", years);
	json_object_set_new(out, "confirmed", json_false());
	reply_json(res, 200, out);
}

void calendar_year_confirm(struct request *req, struct response *res)
{
	struct error err;
	long long year;

	if (req_id(req, res, 0, &year))
		return;
	if (year > CIVIL_YEAR_MAX) {
		reply_fail(req, res, RC_BAD_REQUEST, "invalid_year", "year",
			   "El año %lld no es válido.",
			   "The year %lld is invalid.", year);
		return;
	}
	if (calendar_service_confirm(req->app, (int)year, req->actor, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_year(req, res, (int)year, 200);
}
