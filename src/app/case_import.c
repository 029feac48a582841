/* case_import.c - loading case history from CSV (see case_import.h and
 * docs/import-cases.md). */
#include "core/common.h"
#include "app/calendar_service.h"
#include "app/case_import.h"
#include "core/clock.h"
#include "core/log.h"
#include "domain/call.h"
#include "domain/case_record.h"
#include "domain/case_status.h"
#include "domain/csv.h"
#include "domain/kb.h"
#include "domain/municipio.h"
#include "domain/sla.h"
#include "store/kb.h"
#include "store/stats.h"

/* Maximum length of a field's text, in bytes. */
#define FIELD_MAX 4000
#define NUMBER_MAX 64

/* Errors kept in the report; the count goes on past it. */
#define REPORT_ERRORS_MAX 1000

enum column {
	COL_NUMBER,
	COL_CREATED_AT,
	COL_STATUS,
	COL_AGENCY,
	COL_AGENCY_NAME,
	COL_SERVICE,
	COL_CHANNEL,
	COL_FIRST_CONTACT_AT,
	COL_CLOSED_AT,
	COL_RESOLUTION,
	COL_CANCEL_REASON,
	COL_MUNICIPIO,
	COL_OPERATOR,
	COL_DESCRIPTION,
	COL_COUNT,
};

static const struct {
	const char *name;
	bool required;
} columns[COL_COUNT] = {
	[COL_NUMBER] = { "number", true },
	[COL_CREATED_AT] = { "created_at", true },
	[COL_STATUS] = { "status", true },
	[COL_AGENCY] = { "agency", true },
	[COL_AGENCY_NAME] = { "agency_name", false },
	[COL_SERVICE] = { "service", true },
	[COL_CHANNEL] = { "channel", false },
	[COL_FIRST_CONTACT_AT] = { "first_contact_at", false },
	[COL_CLOSED_AT] = { "closed_at", false },
	[COL_RESOLUTION] = { "resolution", false },
	[COL_CANCEL_REASON] = { "cancel_reason", false },
	[COL_MUNICIPIO] = { "municipio", false },
	[COL_OPERATOR] = { "operator", false },
	[COL_DESCRIPTION] = { "description", false },
};

struct importer {
	struct app *app;
	const struct case_import_options *opt;
	const struct calendar *cal;
	struct sla_policy policy;
	time_t now;
	long index[COL_COUNT]; /* column of each field, -1 when absent */
	json_t *agencies;      /* "agency" value -> id */
	json_t *services;      /* "agency id/name" -> [id, sla2_days] */
	long agencies_created;
	long services_created;
	char source[300];
};

/* Return the trimmed field col of row, "" when absent. */
static const char *field(const struct importer *im, const struct csv_row *row,
			 enum column col, char *buf, size_t size)
{
	const char *s, *end;

	buf[0] = '\0';
	if (im->index[col] < 0 || (size_t)im->index[col] >= row->count)
		return buf;
	s = row->fields[im->index[col]];
	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	snprintf(buf, size, "%.*s", (int)(end - s), s);
	return buf;
}

static int read_header(struct importer *im, const struct csv_row *header,
		       struct error *err)
{
	for (size_t c = 0; c < COL_COUNT; c++) {
		im->index[c] = csv_column(header, columns[c].name);
		if (im->index[c] < 0 && columns[c].required)
			return error_set(err, RC_INVALID, "missing_column", columns[c].name,
					 "Falta la columna «%s» en la cabecera.",
					 "The header lacks the column \"%s\".", columns[c].name);
	}
	for (size_t i = 0; i < header->count; i++) {
		bool known = false;

		for (size_t c = 0; c < COL_COUNT && !known; c++)
			known = im->index[c] == (long)i;
		if (!known)
			return error_set(err, RC_INVALID, "unknown_column", header->fields[i],
					 "La columna «%s» no es del formato de casos; vea docs/import-cases.md.",
					 "The column \"%s\" is not part of the case format; see docs/import-cases.md.",
					 header->fields[i]);
	}
	return RC_OK;
}

static int require(const char *value, enum column col, struct error *err)
{
	if (*value)
		return RC_OK;
	return error_set(err, RC_INVALID, "missing_field", columns[col].name,
			 "Falta el valor de «%s».", "The value of \"%s\" is missing.",
			 columns[col].name);
}

/* Find the agency named by value (id, acronym or exact Spanish name), or
 * create it with create_missing. */
static int resolve_agency(struct importer *im, const char *value, const char *name,
			  long long *id, struct error *err)
{
	json_t *known = json_object_get(im->agencies, value);
	char *end;
	long long n;
	json_t *body, *agency;
	int rc;

	if (known) {
		*id = json_integer_value(known);
		return RC_OK;
	}
	errno = 0;
	n = strtoll(value, &end, 10);
	if (!errno && !*end && n > 0) {
		rc = store_agency_get(im->app->store, n, &agency, err);
		json_decref(agency);
		if (rc)
			return rc;
		*id = n;
	} else if (store_agency_find(im->app->store, value, NULL, id, err) &&
		   store_agency_find(im->app->store, NULL, value, id, err)) {
		if (!im->opt->create_missing)
			return error_set(err, RC_INVALID, "not_found", "agency",
					 "No existe la agencia «%s»; créela antes o use --create-missing.",
					 "No agency \"%s\" exists; create it first or use --create-missing.",
					 value);
		body = json_pack("{s:s, s:{s:s}, s:s}", "acronym", value, "name", "es",
				 *name ? name : value, "level", "state");
		rc = agency_validate(body, NULL, &agency, err);
		json_decref(body);
		if (!rc)
			rc = store_agency_create(im->app->store, agency, id, err);
		json_decref(agency);
		if (rc) {
			error_prefix_field(err, "agency");
			return rc;
		}
		im->agencies_created++;
	}
	json_object_set_new(im->agencies, value, json_integer(*id));
	return RC_OK;
}

/* Find the service of agency_id named name, or create it as a draft with
 * create_missing; *sla2_days receives its SLA2 length. */
static int resolve_service(struct importer *im, long long agency_id, const char *name,
			   long long *id, int *sla2_days, struct error *err)
{
	char key[FIELD_MAX + 32];
	json_t *known, *body, *service;
	int rc;

	snprintf(key, sizeof(key), "%lld/%s", agency_id, name);
	known = json_object_get(im->services, key);
	if (known) {
		*id = json_integer_value(json_array_get(known, 0));
		*sla2_days = (int)json_integer_value(json_array_get(known, 1));
		return RC_OK;
	}
	rc = store_stats_find_service(im->app->store, agency_id, name, id, err);
	if (rc == RC_NOT_FOUND && im->opt->create_missing) {
		body = json_pack("{s:I, s:{s:s}}", "agency_id", (json_int_t)agency_id,
				 "name", "es", name);
		rc = service_validate(body, NULL, &service, err);
		json_decref(body);
		if (!rc)
			rc = store_service_create(im->app->store, service, im->opt->actor, id, err);
		json_decref(service);
		if (!rc)
			im->services_created++;
	} else if (rc == RC_NOT_FOUND) {
		error_set(err, RC_INVALID, "not_found", "service",
			  "La agencia no tiene el servicio «%s»; créelo antes o use --create-missing.",
			  "The agency has no service \"%s\"; create it first or use --create-missing.",
			  name);
	}
	if (!rc)
		rc = store_stats_service_sla2(im->app->store, *id, sla2_days, err);
	if (rc) {
		error_prefix_field(err, "service");
		return rc;
	}
	json_object_set_new(im->services, key, json_pack("[I, i]", (json_int_t)*id, *sla2_days));
	return RC_OK;
}

/* Parse an optional instant; *t stays 0 when value is empty. */
static int parse_instant(const char *value, enum column col, time_t *t,
			 struct error *err)
{
	*t = 0;
	if (!*value)
		return RC_OK;
	return civil_instant_parse(value, columns[col].name, t, err);
}

static const char *clock_state(const struct importer *im, const struct sla_clock *clock,
			       int risk_days)
{
	return sla_state_code(sla_clock_state(im->cal, clock, im->now, risk_days));
}

/* Check the order of the timestamps and that the status agrees with them. */
static int check_times(const struct importer *im, enum case_status status,
		       time_t created, time_t contact, time_t closed, struct error *err)
{
	int rc;

	if (created > im->now + CASE_EVENT_CLOCK_SKEW)
		return error_set(err, RC_INVALID, "future_time", "created_at",
				 "La fecha de creación está en el futuro.",
				 "The creation time lies in the future.");
	if (contact && (rc = case_check_event_time(created, contact, im->now,
						   "first_contact_at", err)))
		return rc;
	if (closed && (rc = case_check_event_time(created, closed, im->now, "closed_at", err)))
		return rc;
	if (contact && closed && closed < contact - contact % 60)
		return error_set(err, RC_INVALID, "invalid_order", "closed_at",
				 "El cierre es anterior al primer contacto.",
				 "The closing comes before the first contact.");
	if ((status == CASE_CLOSED || status == CASE_CANCELLED) && !closed)
		return error_set(err, RC_INVALID, "missing_field", "closed_at",
				 "Un caso %s necesita closed_at (cuándo se cerró o canceló).",
				 "A %s case needs closed_at (when it was closed or cancelled).",
				 case_status_code(status));
	if (case_status_is_open(status) && closed)
		return error_set(err, RC_INVALID, "invalid_field", "closed_at",
				 "Un caso en estado %s no puede tener closed_at.",
				 "A case in status %s cannot have closed_at.",
				 case_status_code(status));
	if ((status == CASE_CONTACTED || status == CASE_IN_PROGRESS) && !contact)
		return error_set(err, RC_INVALID, "missing_field", "first_contact_at",
				 "Un caso en estado %s necesita first_contact_at.",
				 "A case in status %s needs first_contact_at.",
				 case_status_code(status));
	return RC_OK;
}

/* Validate one record and write its case. */
static int import_row(struct importer *im, const struct csv_row *row, unsigned line,
		      const char *file, struct error *err)
{
	char number[NUMBER_MAX + 2], created_text[80], status_text[40], agency[FIELD_MAX];
	char agency_name[FIELD_MAX], service[FIELD_MAX], channel[40], contact_text[80];
	char closed_text[80], resolution[FIELD_MAX], reason[40], municipio[120];
	char operator[200], description[FIELD_MAX];
	struct case_import_row out = { 0 };
	struct sla_clock c1, c2;
	enum case_status status;
	const char *canonical = NULL;
	int sla2_days, rc;

	field(im, row, COL_NUMBER, number, sizeof(number));
	field(im, row, COL_CREATED_AT, created_text, sizeof(created_text));
	field(im, row, COL_STATUS, status_text, sizeof(status_text));
	field(im, row, COL_AGENCY, agency, sizeof(agency));
	field(im, row, COL_AGENCY_NAME, agency_name, sizeof(agency_name));
	field(im, row, COL_SERVICE, service, sizeof(service));
	field(im, row, COL_CHANNEL, channel, sizeof(channel));
	field(im, row, COL_FIRST_CONTACT_AT, contact_text, sizeof(contact_text));
	field(im, row, COL_CLOSED_AT, closed_text, sizeof(closed_text));
	field(im, row, COL_RESOLUTION, resolution, sizeof(resolution));
	field(im, row, COL_CANCEL_REASON, reason, sizeof(reason));
	field(im, row, COL_CANCEL_REASON, reason, sizeof(reason));
	field(im, row, COL_MUNICIPIO, municipio, sizeof(municipio));
	field(im, row, COL_OPERATOR, operator, sizeof(operator));
	field(im, row, COL_DESCRIPTION, description, sizeof(description));

	if ((rc = require(number, COL_NUMBER, err)) ||
	    (rc = require(created_text, COL_CREATED_AT, err)) ||
	    (rc = require(status_text, COL_STATUS, err)) ||
	    (rc = require(agency, COL_AGENCY, err)) ||
	    (rc = require(service, COL_SERVICE, err)))
		return rc;
	if (strlen(number) > NUMBER_MAX)
		return error_set(err, RC_INVALID, "too_long", "number",
				 "El número del caso pasa de %d caracteres.",
				 "The case number is longer than %d characters.", NUMBER_MAX);
	if ((rc = civil_instant_parse(created_text, "created_at", &out.created, err)) ||
	    (rc = case_status_parse(status_text, "status", &status, err)) ||
	    (rc = parse_instant(contact_text, COL_FIRST_CONTACT_AT, &out.first_contact, err)) ||
	    (rc = parse_instant(closed_text, COL_CLOSED_AT, &out.closed, err)) ||
	    (rc = check_times(im, status, out.created, out.first_contact, out.closed, err)))
		return rc;
	if (!*channel)
		snprintf(channel, sizeof(channel), "phone");
	for (size_t i = 0; call_channels[i] && !out.channel; i++)
		if (!strcmp(call_channels[i], channel))
			out.channel = call_channels[i];
	if (!out.channel)
		return error_set(err, RC_INVALID, "invalid_value", "channel",
				 "El canal «%s» no existe; use phone, email, fax, web, in_person o api.",
				 "There is no channel \"%s\"; use phone, email, fax, web, in_person or api.",
				 channel);
	if (*municipio && !(canonical = municipio_canonical(municipio)))
		return error_set(err, RC_INVALID, "invalid_value", "municipio",
				 "«%s» no es un municipio de Puerto Rico.",
				 "\"%s\" is not a municipio of Puerto Rico.", municipio);
	out.cancel_reason = "other";
	if (*reason) {
		out.cancel_reason = NULL;
		for (size_t i = 0; case_cancel_reasons[i] && !out.cancel_reason; i++)
			if (!strcmp(case_cancel_reasons[i], reason))
				out.cancel_reason = case_cancel_reasons[i];
		if (!out.cancel_reason)
			return error_set(err, RC_INVALID, "invalid_value", "cancel_reason",
					 "El motivo «%s» no existe; use duplicate, withdrawn u other.",
					 "There is no reason \"%s\"; use duplicate, withdrawn or other.",
					 reason);
	}
	if ((rc = resolve_agency(im, agency, agency_name, &out.agency_id, err)) ||
	    (rc = resolve_service(im, out.agency_id, service, &out.service_id, &sla2_days, err)))
		return rc;

	/* A closed case was contacted at the latest when it was closed. */
	if (status == CASE_CLOSED && !out.first_contact)
		out.first_contact = out.closed;
	if ((rc = sla_clock_start(im->cal, out.created, im->policy.sla1_days, &c1, err)) ||
	    (rc = sla_clock_start(im->cal, out.created, sla2_days, &c2, err)))
		return rc;
	if (out.first_contact)
		sla_clock_stop(&c1, out.first_contact);
	if (status == CASE_CLOSED)
		sla_clock_stop(&c2, out.closed);

	if (case_number_parse(number, &out.year, &out.seq)) {
		case_number_format(out.year, out.seq, number);
	} else {
		out.year = civil_local_date(out.created).year;
		out.seq = 0;
	}
	out.number = number;
	out.description = *description ? description : service;
	out.municipio = canonical;
	out.operator = *operator ? operator : im->opt->actor;
	out.status = case_status_code(status);
	out.resolution = *resolution ? resolution : NULL;
	out.updated = out.created;
	if (out.first_contact > out.updated)
		out.updated = out.first_contact;
	if (out.closed > out.updated)
		out.updated = out.closed;
	out.sla1_start = c1.start;
	out.sla1_days = c1.days;
	out.sla1_due = c1.due;
	out.sla1_stopped = c1.stopped;
	out.sla1_outcome = sla_outcome_code(c1.outcome);
	out.sla2_start = c2.start;
	out.sla2_days = c2.days;
	out.sla2_due = c2.due;
	out.sla2_stopped = c2.stopped;
	out.sla2_outcome = sla_outcome_code(c2.outcome);
	if (status != CASE_CANCELLED) {
		out.sla1_state = clock_state(im, &c1, im->policy.sla1_risk_days);
		out.sla2_state = clock_state(im, &c2, im->policy.sla2_risk_days);
	}
	snprintf(im->source, sizeof(im->source), "%s:%u", file, line);
	out.source = im->source;
	return store_case_import(im->app->store, &out, im->opt->actor, err);
}

/* Put "FILE, line N: " before err and add it to errors. */
static void record_error(json_t *errors, long rejected, const char *file,
			 unsigned line, enum lang lang, struct error *err)
{
	char es[300], en[300];

	snprintf(es, sizeof(es), "%s, línea %u: ", file, line);
	snprintf(en, sizeof(en), "%s, line %u: ", file, line);
	error_prefix(err, es, en);
	if (rejected <= REPORT_ERRORS_MAX)
		json_array_append_new(errors, json_pack("{s:i, s:s, s:s}", "line", (int)line,
			"field", err->field, "message", error_message(err, lang)));
}

int case_import_csv(struct app *app, const char *file, const char *data,
		    size_t len, const struct case_import_options *opt,
		    json_t **report, struct error *err)
{
	struct importer im = { .app = app, .opt = opt, .now = clock_now() };
	struct csv_reader reader;
	struct csv_row row = { 0 };
	json_t *errors = json_array();
	long imported = 0, rejected = 0;
	bool in_tx = false;
	int rc;

	im.agencies = json_object();
	im.services = json_object();
	calendar_service_policy(app, &im.policy);
	rc = calendar_service_get(app, &im.cal, err);
	if (rc)
		goto out;
	csv_reader_init(&reader, data, len);
	rc = csv_next(&reader, &row, err);
	if (!rc && !row.count)
		rc = error_set(err, RC_INVALID, "empty_file", NULL, "El archivo está vacío.",
			       "The file is empty.");
	if (!rc)
		rc = read_header(&im, &row, err);
	if (rc) {
		record_error(errors, 0, file, 1, app->lang, err);
		goto out;
	}
	rc = store_begin(app->store, err);
	if (rc)
		goto out;
	in_tx = true;
	for (;;) {
		unsigned line;

		rc = csv_next(&reader, &row, err);
		if (rc) {
			record_error(errors, rejected + 1, file, reader.line, app->lang, err);
			goto out;
		}
		if (!row.count)
			break;
		line = row.line;
		rc = import_row(&im, &row, line, file, err);
		if (rc == RC_INVALID || rc == RC_CONFLICT || rc == RC_NOT_FOUND) {
			rejected++;
			record_error(errors, rejected, file, line, app->lang, err);
			if (!opt->skip_invalid)
				goto out;
			rc = RC_OK;
			continue;
		}
		if (rc)
			goto out;
		imported++;
	}
	rc = store_stats_restart_log(app->store, err);
	if (!rc)
		rc = store_commit(app->store, err);
	in_tx = false;
	if (!rc)
		log_info("import", "%s: %ld cases imported, %ld rejected", file, imported, rejected);
out:
	if (in_tx)
		store_rollback(app->store);
	if (im.cal)
		calendar_service_put(im.cal);
	csv_row_release(&row);
	json_decref(im.agencies);
	json_decref(im.services);
	if (!rc)
		*report = json_pack("{s:s, s:I, s:I, s:I, s:I, s:o}", "file", file,
				    "imported", (json_int_t)imported, "rejected", (json_int_t)rejected,
				    "agencies_created", (json_int_t)im.agencies_created,
				    "services_created", (json_int_t)im.services_created,
				    "errors", errors);
	else
		json_decref(errors);
	return rc;
}
