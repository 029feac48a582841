/* case_service.c - operations on cases (see case_service.h). */
#include "core/common.h"
#include "app/calendar_service.h"
#include "app/case_hooks.h"
#include "app/case_service.h"
#include "core/clock.h"
#include "core/log.h"
#include "domain/case_record.h"
#include "domain/validate.h"
#include "store/citizen.h"
#include "store/group_commit.h"

/* ---- creation ---- */

/* Check that the service is published, accepts referrals and belongs to
 * an integrated agency; fill its agency and SLA2 length. */
static int check_service(struct app *app, long long service_id,
			 long long *agency_id, int *sla2_days,
			 struct error *err)
{
	struct case_service_terms terms;
	int rc;

	rc = store_case_service_terms(app->store, service_id, &terms, err);
	if (rc == RC_NOT_FOUND || (!rc && !terms.published))
		return error_set(err, RC_INVALID, "service_not_available",
				 "service_id",
				 "El servicio %lld no existe o no está "
				 "publicado; elija un servicio publicado.",
				 "Service %lld does not exist or is not "
				 "published; choose a published service.",
				 service_id);
	if (rc)
		return rc;
	if (!terms.referrals_allowed)
		return error_set(err, RC_INVALID, "referrals_not_allowed",
				 "service_id",
				 "El servicio %lld no admite referidos; informe "
				 "al ciudadano o elija otro servicio.",
				 "Service %lld does not accept referrals; inform "
				 "the citizen or choose another service.",
				 service_id);
	if (!terms.agency_integrated)
		return error_set(err, RC_INVALID, "agency_not_integrated",
				 "service_id",
				 "La agencia del servicio %lld no está integrada "
				 "a la línea 3-1-1 y no recibe referidos.",
				 "The agency of service %lld is not integrated "
				 "with the 3-1-1 line and takes no referrals.",
				 service_id);
	*agency_id = terms.agency_id;
	*sla2_days = terms.sla2_days;
	return RC_OK;
}

int case_service_check_referrable(struct app *app, long long service_id,
				  struct error *err)
{
	long long agency_id;
	int sla2_days;

	return check_service(app, service_id, &agency_id, &sla2_days, err);
}

/* Check that office_id (when given) is a live office of agency_id. */
static int check_office(struct store *store, json_t *office_id,
			long long agency_id, struct error *err)
{
	json_t *office = NULL;
	int rc;

	if (!json_is_integer(office_id))
		return RC_OK;
	rc = store_office_get(store, json_integer_value(office_id), &office,
			      NULL);
	if (!rc && (json_is_true(json_object_get(office, "archived")) ||
		    json_integer_value(json_object_get(office, "agency_id")) !=
			    agency_id))
		rc = RC_NOT_FOUND;
	json_decref(office);
	if (rc)
		return error_set(err, RC_INVALID, "invalid_office", "office_id",
				 "La oficina %lld no existe o no es de la "
				 "agencia del caso.",
				 "Office %lld does not exist or does not belong "
				 "to the case's agency.",
				 (long long)json_integer_value(office_id));
	return RC_OK;
}

/* Check that the member key of body, when present, names an existing row
 * that get can read. */
static int check_reference(struct app *app, json_t *body, const char *key,
			   int (*get)(struct store *, long long, json_t **,
				      struct error *),
			   const char *what_es, const char *what_en,
			   struct error *err)
{
	json_t *value = json_object_get(body, key), *row = NULL;
	char es[160], en[160];

	if (!json_is_integer(value))
		return RC_OK;
	if (!get(app->store, json_integer_value(value), &row, NULL)) {
		json_decref(row);
		return RC_OK;
	}
	snprintf(es, sizeof(es), "No existe %s %lld.", what_es,
		 (long long)json_integer_value(value));
	snprintf(en, sizeof(en), "There is no %s %lld.", what_en,
		 (long long)json_integer_value(value));
	return error_set(err, RC_INVALID, "not_found", key, "%s%.0s", "%.0s%s",
			 es, en);
}

struct create_job {
	struct case_new row;
	const struct case_create_extra *extra;
	long long id;
	char number[CASE_NUMBER_LEN];
};

static int run_create(struct store *store, void *ctx, struct error *err)
{
	struct create_job *job = ctx;
	struct case_change change;
	int rc;

	rc = store_case_insert(store, &job->row, &job->id, job->number, err);
	if (!rc && job->extra)
		rc = job->extra->fn(store, job->extra->ctx, job->id, err);
	if (rc)
		return rc;
	change = (struct case_change){
		.case_id = job->id,
		.number = job->number,
		.event = "created",
		.from = CASE_NEW,
		.to = CASE_NEW,
		.actor = job->row.actor,
		.at = job->row.created_at,
	};
	/* Outbox hook: runs inside the transaction that creates the case. */
	return case_hooks_run(store, &change, err);
}

int case_service_create(struct app *app, json_t *body, const char *actor,
			const struct case_create_extra *extra, long long *id,
			struct error *err)
{
	struct create_job job = { .row = { .actor = actor }, .extra = extra };
	const struct calendar *cal = NULL;
	struct sla_policy policy;
	json_t *obj = NULL;
	int sla2_days = 0;
	time_t now = clock_now();
	int rc;

	rc = case_record_validate_new(body, &obj, err);
	if (!rc)
		rc = check_service(app, json_integer_value(json_object_get(
						obj, "service_id")),
				   &job.row.agency_id, &sla2_days, err);
	if (!rc)
		rc = check_office(app->store, json_object_get(obj, "office_id"),
				  job.row.agency_id, err);
	if (!rc)
		rc = check_reference(app, obj, "citizen_id", store_citizen_get,
				     "el ciudadano", "citizen", err);
	if (!rc)
		rc = check_reference(app, obj, "call_id", store_call_get,
				     "la llamada", "call", err);
	if (!rc)
		rc = calendar_service_get(app, &cal, err);
	if (rc)
		goto out;

	calendar_service_policy(app, &policy);
	job.row.body = obj;
	job.row.created_at = now;
	rc = sla_clock_start(cal, now, policy.sla1_days, &job.row.sla1, err);
	if (!rc)
		rc = sla_clock_start(cal, now, sla2_days, &job.row.sla2, err);
	if (rc)
		goto out;
	job.row.sla1_state = sla_clock_state(cal, &job.row.sla1, now,
					     policy.sla1_risk_days);
	job.row.sla2_state = sla_clock_state(cal, &job.row.sla2, now,
					     policy.sla2_risk_days);

	rc = store_group_run(app->store, run_create, &job, err);
	if (!rc) {
		*id = job.id;
		log_info("cases", "created case %lld (%s)", job.id, job.number);
	}
out:
	calendar_service_put(cal);
	json_decref(obj);
	return rc;
}

/* ---- status changes ---- */

struct status_job {
	long long id;
	json_t *body; /* validated by case_record_validate_status */
	enum case_status to;
	time_t at;
	time_t now;
	const char *actor;
	const struct calendar *cal;
	struct sla_policy policy;
	enum case_status from; /* set by the job */
	bool loaded;	       /* the case exists: from is meaningful */
};

static json_t *clock_json(const struct sla_clock *clock)
{
	char start[CIVIL_DATE_LEN], due[CIVIL_DATE_LEN];
	char stopped[CIVIL_DATE_LEN] = "";

	civil_date_format(clock->start, start);
	civil_date_format(clock->due, due);
	if (clock->outcome != SLA_PENDING)
		civil_date_format(clock->stopped, stopped);
	return json_pack("{sssissssss?}", "start", start, "days", clock->days,
			 "due", due, "outcome", sla_outcome_code(clock->outcome),
			 "stopped", stopped[0] ? stopped : NULL);
}

/* Set the states of both clocks of s at now: decided clocks show their
 * outcome, running ones their state, and a cancelled case none. */
static void evaluate_states(struct case_state *s, const struct calendar *cal,
			    const struct sla_policy *policy, time_t now)
{
	if (s->status == CASE_CANCELLED) {
		s->sla1_state = CASE_NO_STATE;
		s->sla2_state = CASE_NO_STATE;
		return;
	}
	s->sla1_state = (int)sla_clock_state(cal, &s->sla1, now,
					     policy->sla1_risk_days);
	s->sla2_state = (int)sla_clock_state(cal, &s->sla2, now,
					     policy->sla2_risk_days);
}

/* Check the main case of a duplicate inside the transaction. */
static int check_main_case(struct store *store, long long id, long long main,
			   struct error *err)
{
	struct case_state target;
	int rc;

	if (main == id)
		return error_set(err, RC_INVALID, "invalid_duplicate",
				 "duplicate_of",
				 "Un caso no puede ser duplicado de sí mismo.",
				 "A case cannot be a duplicate of itself.");
	rc = store_case_load_state(store, main, &target, NULL);
	if (rc)
		return error_set(err, RC_INVALID, "not_found", "duplicate_of",
				 "No existe el caso principal %lld.",
				 "The main case %lld does not exist.", main);
	if (target.status == CASE_CANCELLED && target.duplicate_of)
		rc = error_set(err, RC_INVALID, "invalid_duplicate",
			       "duplicate_of",
			       "El caso %s es a su vez un duplicado; enlace con "
			       "su caso principal (%lld).",
			       "Case %s is itself a duplicate; link to its main "
			       "case (%lld).",
			       target.number, target.duplicate_of);
	else if (target.status == CASE_CANCELLED)
		rc = error_set(err, RC_INVALID, "invalid_duplicate",
			       "duplicate_of",
			       "El caso principal %s está cancelado; elija un "
			       "caso vigente.",
			       "The main case %s is cancelled; choose a live "
			       "case.",
			       target.number);
	case_state_release(&target);
	return rc;
}

/* Apply the move of job to s, filling data with what the history keeps
 * and *type with the event type. */
static int apply_move(struct status_job *job, struct store *store,
		      struct case_state *s, json_t *data, const char **type,
		      struct error *err)
{
	json_t *body = job->body;
	const char *text;
	int rc;

	*type = "status";
	switch (job->to) {
	case CASE_CONTACTED:
		*type = "first_contact";
		s->first_contact_at = job->at;
		snprintf(s->first_contact_method,
			 sizeof(s->first_contact_method), "%s",
			 json_string_value(json_object_get(body, "method")));
		snprintf(s->first_contact_by, sizeof(s->first_contact_by),
			 "%s", job->actor);
		sla_clock_stop(&s->sla1, job->at);
		json_object_set(data, "method", json_object_get(body, "method"));
		json_object_set_new(data, "sla1", clock_json(&s->sla1));
		break;
	case CASE_IN_PROGRESS:
		if (job->from != CASE_CLOSED)
			break;
		*type = "reopened";
		if (job->at < s->closed_at)
			return error_set(err, RC_INVALID, "time_before_closing",
					 "at",
					 "La reapertura no puede ser anterior "
					 "al cierre del caso.",
					 "A reopening cannot come before the "
					 "case was closed.");
		json_object_set_new(data, "previous_sla2", clock_json(&s->sla2));
		json_object_set_new(data, "previous_resolution",
				    s->resolution ? json_string(s->resolution)
						  : json_null());
		rc = sla_clock_start(job->cal, job->at, s->sla2.days, &s->sla2,
				     err);
		if (rc)
			return rc;
		json_object_set_new(data, "sla2", clock_json(&s->sla2));
		s->reopened_at = job->at;
		s->reopen_count++;
		s->closed_at = 0;
		free(s->resolution);
		s->resolution = NULL;
		break;
	case CASE_CLOSED:
		if (job->at < s->first_contact_at)
			return error_set(err, RC_INVALID,
					 "time_before_first_contact", "at",
					 "El cierre no puede ser anterior al "
					 "primer contacto.",
					 "The closing cannot come before the "
					 "first contact.");
		text = json_string_value(json_object_get(body, "resolution"));
		free(s->resolution);
		s->resolution = xstrdup(text);
		s->closed_at = job->at;
		sla_clock_stop(&s->sla2, job->at);
		json_object_set(data, "resolution",
				json_object_get(body, "resolution"));
		json_object_set_new(data, "sla2", clock_json(&s->sla2));
		break;
	case CASE_CANCELLED:
		text = json_string_value(json_object_get(body, "reason"));
		snprintf(s->cancel_reason, sizeof(s->cancel_reason), "%s", text);
		if (!strcmp(text, "duplicate")) {
			s->duplicate_of = json_integer_value(
				json_object_get(body, "duplicate_of"));
			rc = check_main_case(store, s->id, s->duplicate_of, err);
			if (rc)
				return rc;
			*type = "duplicate_linked";
			json_object_set_new(data, "duplicate_of",
					    json_integer(s->duplicate_of));
		}
		s->cancelled_at = job->at;
		json_object_set_new(data, "reason", json_string(text));
		break;
	case CASE_NEW:
		BUG_ON("no transition leads to new");
		break;
	}
	return RC_OK;
}

static int run_status(struct store *store, void *ctx, struct error *err)
{
	struct status_job *job = ctx;
	struct case_change change;
	struct case_state s;
	json_t *data, *note;
	const char *type = "status";
	int rc;

	rc = store_case_load_state(store, job->id, &s, err);
	if (rc)
		return rc;
	job->from = s.status;
	job->loaded = true;
	rc = case_status_check_move(s.status, job->to, err);
	if (!rc)
		rc = case_check_event_time(s.created_at, job->at, job->now, "at",
					   err);
	if (rc) {
		case_state_release(&s);
		return rc;
	}

	data = json_object();
	rc = apply_move(job, store, &s, data, &type, err);
	if (!rc) {
		s.status = job->to;
		evaluate_states(&s, job->cal, &job->policy, job->now);
		note = json_object_get(job->body, "note");
		if (json_is_string(note))
			json_object_set(data, "note", note);
		rc = store_case_save_state(store, &s, job->now, err);
	}
	if (!rc)
		rc = store_case_add_event(store, s.id, job->at, job->actor, type,
					  case_status_code(job->from),
					  case_status_code(job->to), data, err);
	if (!rc) {
		change = (struct case_change){
			.case_id = s.id,
			.number = s.number,
			.event = type,
			.from = job->from,
			.to = job->to,
			.actor = job->actor,
			.at = job->at,
		};
		/* Outbox hook: runs inside the transaction of the move. */
		rc = case_hooks_run(store, &change, err);
	}
	json_decref(data);
	case_state_release(&s);
	return rc;
}

static json_t *allowed_json(enum case_status from)
{
	enum case_status next[CASE_STATUS_COUNT];
	size_t count = case_status_next(from, next);
	json_t *list = json_array();

	for (size_t i = 0; i < count; i++)
		json_array_append_new(list,
				      json_string(case_status_code(next[i])));
	return list;
}

/* Run a validated move of case id. */
static int move_case(struct app *app, long long id, json_t *valid,
		     enum case_status to, time_t at, const char *actor,
		     json_t **allowed, struct error *err)
{
	struct status_job job = {
		.id = id,
		.body = valid,
		.to = to,
		.at = at,
		.now = clock_now(),
		.actor = actor,
	};
	int rc;

	rc = calendar_service_get(app, &job.cal, err);
	if (rc)
		return rc;
	calendar_service_policy(app, &job.policy);
	rc = store_group_run(app->store, run_status, &job, err);
	calendar_service_put(job.cal);
	if (rc == RC_CONFLICT && job.loaded && allowed && err &&
	    !strcmp(err->code, "invalid_transition"))
		*allowed = allowed_json(job.from);
	if (!rc)
		log_info("cases", "case %lld moved from %s to %s", id,
			 case_status_code(job.from), case_status_code(to));
	return rc;
}

int case_service_change_status(struct app *app, long long id, json_t *body,
			       const char *actor, json_t **allowed,
			       struct error *err)
{
	enum case_status to;
	json_t *valid = NULL;
	time_t at;
	int rc;

	rc = case_record_validate_status(body, clock_now(), &valid, &to, &at,
					 err);
	if (!rc)
		rc = move_case(app, id, valid, to, at, actor, allowed, err);
	json_decref(valid);
	return rc;
}

int case_service_first_contact(struct app *app, long long id, json_t *body,
			       const char *actor, json_t **allowed,
			       struct error *err)
{
	json_t *valid = NULL;
	time_t at;
	int rc;

	rc = case_record_validate_first_contact(body, clock_now(), &valid, &at,
						err);
	if (rc)
		return rc;
	json_object_set_new(valid, "status", json_string("contacted"));
	rc = move_case(app, id, valid, CASE_CONTACTED, at, actor, allowed,
		       err);
	json_decref(valid);
	return rc;
}

int case_service_mark_duplicate(struct app *app, long long id, json_t *body,
				const char *actor, json_t **allowed,
				struct error *err)
{
	static const char *const members[] = { "main_case_id",
					       "main_case_number", "note",
					       NULL };
	json_t *number = json_object_get(body, "main_case_number");
	json_t *move, *valid = NULL;
	long long main_id = 0;
	enum case_status to;
	time_t at;
	int year;
	long long seq;
	int rc;

	rc = check_known_members(body, NULL, members, err);
	if (!rc)
		rc = check_integer(body, "main_case_id", NULL, false, 1,
				   INT64_MAX, err);
	if (!rc)
		rc = check_string(body, "main_case_number", NULL, false, 40, err);
	if (rc)
		return rc;
	if (json_is_integer(json_object_get(body, "main_case_id"))) {
		main_id = json_integer_value(json_object_get(body,
							     "main_case_id"));
	} else if (json_is_string(number) &&
		   case_number_parse(json_string_value(number), &year, &seq)) {
		char canonical[CASE_NUMBER_LEN];

		case_number_format(year, seq, canonical);
		rc = store_case_find_number(app->store, canonical, &main_id,
					    NULL);
		if (rc)
			return error_set(err, RC_INVALID, "not_found",
					 "main_case_number",
					 "No existe el caso principal %s.",
					 "The main case %s does not exist.",
					 canonical);
	} else {
		return error_set(err, RC_INVALID, "missing_field",
				 "main_case_id",
				 "Indique el caso principal con main_case_id o "
				 "main_case_number (por ejemplo 311-2026-000123).",
				 "Give the main case as main_case_id or "
				 "main_case_number (for example 311-2026-000123).");
	}

	/* The checks of the status change name duplicate_of; this endpoint's
	 * member is main_case_id. */
	move = json_pack("{sssssI}", "status", "cancelled", "reason",
			 "duplicate", "duplicate_of", (json_int_t)main_id);
	if (json_is_string(json_object_get(body, "note")))
		json_object_set(move, "note", json_object_get(body, "note"));
	rc = case_record_validate_status(move, clock_now(), &valid, &to, &at,
					 err);
	json_decref(move);
	if (!rc)
		rc = move_case(app, id, valid, to, at, actor, allowed, err);
	json_decref(valid);
	if (rc && !strcmp(err->field, "duplicate_of"))
		snprintf(err->field, sizeof(err->field), "%s",
			 json_is_string(number) && !json_object_get(body, "main_case_id")
				 ? "main_case_number" : "main_case_id");
	return rc;
}

/* ---- routing and notes ---- */

struct routing_job {
	long long id;
	json_t *routing;
	const char *actor;
	time_t now;
};

static int run_route(struct store *store, void *ctx, struct error *err)
{
	struct routing_job *job = ctx;
	struct case_change change;
	struct case_state s;
	int rc;

	rc = store_case_load_state(store, job->id, &s, err);
	if (rc)
		return rc;
	if (!case_status_is_open(s.status))
		rc = error_set(err, RC_CONFLICT, "case_not_open", "status",
			       "El caso %s está %s; solo se dirigen casos "
			       "abiertos.",
			       "Case %s is %s; only open cases can be routed.",
			       s.number, case_status_code(s.status));
	if (!rc)
		rc = check_office(store, json_object_get(job->routing,
							 "office_id"),
				  s.agency_id, err);
	if (!rc)
		rc = store_case_set_routing(store, job->id, job->routing,
					    job->now, err);
	if (!rc)
		rc = store_case_add_event(store, job->id, job->now, job->actor,
					  "routed", NULL, NULL, job->routing,
					  err);
	if (!rc) {
		change = (struct case_change){
			.case_id = s.id,
			.number = s.number,
			.event = "routed",
			.from = s.status,
			.to = s.status,
			.actor = job->actor,
			.at = job->now,
		};
		rc = case_hooks_run(store, &change, err);
	}
	case_state_release(&s);
	return rc;
}

int case_service_route(struct app *app, long long id, json_t *body,
		       const char *actor, struct error *err)
{
	struct routing_job job = { .id = id, .actor = actor,
				   .now = clock_now() };
	int rc;

	rc = case_record_validate_routing(body, &job.routing, err);
	if (!rc)
		rc = store_group_run(app->store, run_route, &job, err);
	json_decref(job.routing);
	return rc;
}

struct note_job {
	long long id;
	json_t *note;
	const char *actor;
	time_t now;
	long long note_id;
};

static int run_note(struct store *store, void *ctx, struct error *err)
{
	struct note_job *job = ctx;
	struct case_change change;
	struct case_state s;
	json_t *data;
	int rc;

	rc = store_case_load_state(store, job->id, &s, err);
	if (rc)
		return rc;
	rc = store_case_add_note(store, job->id, job->note, job->actor,
				 job->now, &job->note_id, err);
	if (!rc) {
		data = json_pack("{sIsO}", "note_id", (json_int_t)job->note_id,
				 "visibility",
				 json_object_get(job->note, "visibility"));
		rc = store_case_add_event(store, job->id, job->now, job->actor,
					  "note", NULL, NULL, data, err);
		json_decref(data);
	}
	if (!rc) {
		change = (struct case_change){
			.case_id = s.id,
			.number = s.number,
			.event = "note",
			.from = s.status,
			.to = s.status,
			.actor = job->actor,
			.at = job->now,
		};
		rc = case_hooks_run(store, &change, err);
	}
	case_state_release(&s);
	return rc;
}

int case_service_add_note(struct app *app, long long id, json_t *body,
			  const char *actor, long long *note_id,
			  struct error *err)
{
	struct note_job job = { .id = id, .actor = actor, .now = clock_now() };
	int rc;

	rc = case_record_validate_note(body, &job.note, err);
	if (!rc)
		rc = store_group_run(app->store, run_note, &job, err);
	if (!rc)
		*note_id = job.note_id;
	json_decref(job.note);
	return rc;
}

/* ---- reads ---- */

/* Rebuild a clock from the "sla1"/"sla2" object of a case row. */
static bool clock_from_json(json_t *obj, struct sla_clock *clock)
{
	const char *start = json_string_value(json_object_get(obj, "start"));
	const char *due = json_string_value(json_object_get(obj, "due"));
	const char *stopped = json_string_value(json_object_get(obj, "stopped"));

	memset(clock, 0, sizeof(*clock));
	clock->days = (int)json_integer_value(json_object_get(obj, "days"));
	if (civil_date_parse(start, "start", &clock->start, NULL) ||
	    civil_date_parse(due, "due", &clock->due, NULL))
		return false;
	if (!sla_outcome_parse(json_string_value(json_object_get(obj,
								 "outcome")),
			       &clock->outcome))
		clock->outcome = SLA_PENDING;
	if (stopped)
		civil_date_parse(stopped, "stopped", &clock->stopped, NULL);
	return true;
}

/* Replace the stored state of one clock object with the live one. */
static void decorate_clock(json_t *obj, bool cancelled, bool open,
			   const struct calendar *cal, int risk_days,
			   time_t now, enum lang lang)
{
	struct sla_clock clock;
	enum sla_state state;

	if (!json_is_object(obj) || !clock_from_json(obj, &clock))
		return;
	if (cancelled) {
		json_object_set_new(obj, "state", json_null());
		json_object_set_new(obj, "state_label", json_null());
		json_object_set_new(obj, "business_days_left", json_null());
		return;
	}
	state = sla_clock_state(cal, &clock, now, risk_days);
	json_object_set_new(obj, "state", json_string(sla_state_code(state)));
	json_object_set_new(obj, "state_label",
			    json_string(sla_state_label(state, lang)));
	if (open && clock.outcome == SLA_PENDING)
		json_object_set_new(obj, "business_days_left",
				    json_integer(sla_clock_days_left(
					    cal, &clock, civil_local_date(now))));
	else
		json_object_set_new(obj, "business_days_left", json_null());
}

static void decorate(json_t *row, const struct calendar *cal,
		     const struct sla_policy *policy, time_t now,
		     enum lang lang)
{
	enum case_status status;
	bool cancelled, open;

	if (case_status_parse(json_string_value(json_object_get(row, "status")),
			      "status", &status, NULL))
		return;
	cancelled = status == CASE_CANCELLED;
	open = case_status_is_open(status);
	json_object_set_new(row, "status_label",
			    json_string(case_status_label(status, lang)));
	json_object_set_new(row, "allowed_statuses", allowed_json(status));
	decorate_clock(json_object_get(row, "sla1"), cancelled, open, cal,
		       policy->sla1_risk_days, now, lang);
	decorate_clock(json_object_get(row, "sla2"), cancelled, open, cal,
		       policy->sla2_risk_days, now, lang);
}

/* Add how to reach the case's citizen, which the agency needs for the
 * first contact: phones, email, postal address, preferred method and
 * language. The route that returns it is audited as a read of personal
 * data. */
static void add_citizen_contact(struct app *app, json_t *row)
{
	static const char *const members[] = {
		"phones", "email", "postal_address", "zip_code", "municipio",
		"contact_method", "language",
	};
	json_t *id = json_object_get(row, "citizen_id"), *citizen = NULL, *contact;

	if (!json_is_integer(id) ||
	    store_citizen_get(app->store, json_integer_value(id), &citizen, NULL))
		return;
	contact = json_object();
	for (size_t i = 0; i < ARRAY_SIZE(members); i++) {
		json_t *v = json_object_get(citizen, members[i]);

		if (v)
			json_object_set(contact, members[i], v);
	}
	json_object_set_new(row, "citizen_contact", contact);
	json_decref(citizen);
}

int case_service_read(struct app *app, long long id, enum lang lang,
		      json_t **out, struct error *err)
{
	const struct calendar *cal;
	struct sla_policy policy;
	json_t *row = NULL, *duplicates = NULL;
	int rc;

	rc = store_case_get(app->store, id, &row, err);
	if (!rc)
		rc = store_case_duplicates(app->store, id, &duplicates, err);
	if (!rc)
		rc = calendar_service_get(app, &cal, err);
	if (rc) {
		json_decref(row);
		json_decref(duplicates);
		return rc;
	}
	calendar_service_policy(app, &policy);
	decorate(row, cal, &policy, clock_now(), lang);
	calendar_service_put(cal);
	json_object_set(row, "duplicates", json_object_get(duplicates, "items"));
	json_decref(duplicates);
	add_citizen_contact(app, row);
	*out = row;
	return RC_OK;
}

int case_service_list(struct app *app, const struct case_filter *filter,
		      const struct page *page, enum lang lang, json_t **out,
		      struct error *err)
{
	const struct calendar *cal;
	struct sla_policy policy;
	json_t *list = NULL, *item;
	time_t now = clock_now();
	size_t i;
	int rc;

	rc = store_case_list(app->store, filter, page, &list, err);
	if (!rc)
		rc = calendar_service_get(app, &cal, err);
	if (rc) {
		json_decref(list);
		return rc;
	}
	calendar_service_policy(app, &policy);
	json_array_foreach(json_object_get(list, "items"), i, item)
		decorate(item, cal, &policy, now, lang);
	calendar_service_put(cal);
	*out = list;
	return RC_OK;
}

int case_service_lookup(struct app *app, const char *number, enum lang lang,
			json_t **out, struct error *err)
{
	static const char *const public_members[] = {
		"number", "status", "status_label", "service", "agency",
		"created_at", "closed_at", "resolution", "reopened_at",
	};
	char canonical[CASE_NUMBER_LEN];
	json_t *row = NULL, *notes = NULL, *view, *sla2, *contact, *note;
	long long id, seq;
	size_t i;
	int year, rc;

	if (!case_number_parse(number, &year, &seq))
		return error_set(err, RC_BAD_REQUEST, "invalid_number", "number",
				 "El número de caso «%.40s» no es válido; tiene "
				 "la forma 311-2026-000123.",
				 "The case number \"%.40s\" is invalid; it looks "
				 "like 311-2026-000123.",
				 number ? number : "");
	case_number_format(year, seq, canonical);
	rc = store_case_find_number(app->store, canonical, &id, err);
	if (!rc)
		rc = case_service_read(app, id, lang, &row, err);
	if (!rc)
		rc = store_case_notes(app->store, id, true, &notes, err);
	if (rc) {
		json_decref(row);
		return rc;
	}

	view = json_object();
	for (i = 0; i < ARRAY_SIZE(public_members); i++)
		json_object_set(view, public_members[i],
				json_object_get(row, public_members[i]));
	/* The agency's object carries only ids and names: nothing personal. */
	contact = json_object_get(row, "first_contact");
	json_object_set(view, "first_contact_at",
			json_is_object(contact) ? json_object_get(contact, "at")
						: json_null());
	sla2 = json_object_get(row, "sla2");
	json_object_set(view, "expected_by", json_object_get(sla2, "due"));
	json_object_set(view, "notes", json_object_get(notes, "items"));
	json_array_foreach(json_object_get(view, "notes"), i, note) {
		json_object_del(note, "author");
		json_object_del(note, "visibility");
	}
	json_decref(notes);
	json_decref(row);
	*out = view;
	return RC_OK;
}

/* ---- SLA recomputation and sweep ---- */

/* Record the due date and state changes of one clock in data; *alarm
 * is set when the state changed to at_risk or overdue. */
static void note_clock_change(json_t *data, const char *name,
			      struct civil_date old_due,
			      const struct sla_clock *clock, int old_state,
			      int new_state, bool *due_moved,
			      bool *state_moved, bool *alarm)
{
	char from[CIVIL_DATE_LEN], to[CIVIL_DATE_LEN];
	char key[32];

	if (civil_date_compare(old_due, clock->due)) {
		civil_date_format(old_due, from);
		civil_date_format(clock->due, to);
		snprintf(key, sizeof(key), "%s_due", name);
		json_object_set_new(data, key, json_pack("{ssss}", "from", from,
							 "to", to));
		*due_moved = true;
	}
	if (old_state != new_state) {
		snprintf(key, sizeof(key), "%s_state", name);
		json_object_set_new(
			data, key,
			json_pack("{ss?ss}", "from",
				  old_state == CASE_NO_STATE
					  ? NULL
					  : sla_state_code((enum sla_state)old_state),
				  "to",
				  sla_state_code((enum sla_state)new_state)));
		*state_moved = true;
		*alarm |= new_state == SLA_AT_RISK || new_state == SLA_OVERDUE;
	}
}

int case_service_recompute_open(struct store *store, const struct calendar *cal,
				const struct sla_policy *policy, time_t now,
				const char *actor, long *due_changed,
				long *state_changed, struct error *err)
{
	struct case_state *states = NULL;
	size_t count = 0;
	long dues = 0, alarms = 0;
	int rc;

	rc = store_case_open_states(store, &states, &count, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < count && !rc; i++) {
		struct case_state *s = &states[i];
		struct civil_date due1 = s->sla1.due, due2 = s->sla2.due;
		int state1 = s->sla1_state, state2 = s->sla2_state;
		bool due_moved = false, state_moved = false, alarm = false;
		json_t *data = json_object();

		sla_clock_recompute(cal, &s->sla1);
		sla_clock_recompute(cal, &s->sla2);
		evaluate_states(s, cal, policy, now);
		note_clock_change(data, "sla1", due1, &s->sla1, state1,
				  s->sla1_state, &due_moved, &state_moved,
				  &alarm);
		note_clock_change(data, "sla2", due2, &s->sla2, state2,
				  s->sla2_state, &due_moved, &state_moved,
				  &alarm);
		if (due_moved || state_moved)
			rc = store_case_save_clocks(store, s, err);
		if (!rc && due_moved) {
			dues++;
			rc = store_case_add_event(store, s->id, now, actor,
						  "sla_recomputed", NULL, NULL,
						  data, err);
		} else if (!rc && alarm) {
			alarms++;
			rc = store_case_add_event(store, s->id, now, actor,
						  "sla_state", NULL, NULL, data,
						  err);
		}
		if (!rc && state_moved) {
			/* Outbox hook: SLA notices, in the sweep's transaction. */
			struct case_change change = {
				.case_id = s->id,
				.number = s->number,
				.event = "sla_state",
				.from = s->status,
				.to = s->status,
				.actor = actor,
				.at = now,
			};

			rc = case_hooks_run(store, &change, err);
		}
		json_decref(data);
	}
	for (size_t i = 0; i < count; i++)
		case_state_release(&states[i]);
	free(states);
	if (!rc && due_changed)
		*due_changed = dues;
	if (!rc && state_changed)
		*state_changed = alarms;
	return rc;
}

int case_service_sweep(struct app *app, time_t now, long *due_changed,
		       long *state_changed, struct error *err)
{
	const struct calendar *cal;
	struct sla_policy policy;
	int rc;

	rc = calendar_service_get(app, &cal, err);
	if (rc)
		return rc;
	calendar_service_policy(app, &policy);
	rc = store_begin(app->store, err);
	if (!rc) {
		rc = case_service_recompute_open(app->store, cal, &policy, now,
					  "sla-sweep", due_changed,
					  state_changed, err);
		if (rc)
			store_rollback(app->store);
		else
			rc = store_commit(app->store, err);
	}
	calendar_service_put(cal);
	return rc;
}
