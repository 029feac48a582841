/*
 * notify.c - notifications about cases (see outbox.h). Each function runs
 * inside the transaction of the change it reports, reads what it needs
 * from the store in that transaction and queues one message per
 * recipient. Notices to agencies are in Spanish, the language of the
 * Puerto Rico government; a citizen gets the language they chose.
 */
#include "core/common.h"
#include "app/case_hooks.h"
#include "core/clock.h"
#include "core/log.h"
#include "domain/case_status.h"
#include "domain/validate.h"
#include "outbox/mime.h"

#include <stdatomic.h>
#include "outbox/internal.h"

/* Write the local date of a UTC instant text ("2026-12-07T21:55:00Z")
 * or of a local date text ("2026-12-09") in long form. */
static void long_date_of(const char *text, enum lang lang, char out[48])
{
	struct civil_date date = { 0, 0, 0 };
	time_t instant;

	if (text && strlen(text) > 10 && !clock_parse_utc(text, &instant))
		date = civil_local_date(instant);
	else if (text)
		civil_date_parse(text, "date", &date, NULL);
	outbox_long_date(date, lang, out);
}

static const char *member(json_t *obj, const char *key)
{
	const char *v = json_string_value(json_object_get(obj, key));

	return v ? v : "";
}

static const char *pair_member(json_t *obj, const char *key, enum lang lang)
{
	json_t *pair = json_object_get(obj, key);
	const char *v = json_string_value(json_object_get(pair, lang_code(lang)));

	if (!v || !*v)
		v = json_string_value(json_object_get(pair, "es"));
	return v ? v : "";
}

static const char *status_label(const char *code, enum lang lang)
{
	enum case_status status;

	if (!code || case_status_parse(code, "status", &status, NULL))
		return code ? code : "";
	return case_status_label(status, lang);
}

/* Render template key with vars and queue it to each address. */
static int queue_to_all(struct store *store, const char *key, const char *kind,
			json_t *info, json_t *addresses, enum lang lang,
			const struct outbox_var *vars, size_t count,
			const char *dedupe_prefix, struct error *err)
{
	struct outbox_rendered msg;
	size_t i;
	json_t *address;
	int rc = outbox_render(store, key, lang, vars, count, &msg, err);

	if (rc)
		return rc;
	json_array_foreach(addresses, i, address) {
		char dedupe[600];
		struct outbox_message m = {
			.kind = kind,
			.channel = "email",
			.recipient = json_string_value(address),
			.lang = lang,
			.subject = strbuf_str(&msg.subject),
			.body_text = strbuf_str(&msg.text),
			.body_html = strbuf_str(&msg.html),
			.service_id = json_integer_value(json_object_get(info, "service_id")),
			.agency_id = json_integer_value(json_object_get(info, "agency_id")),
			.case_id = json_integer_value(json_object_get(info, "id")),
			.actor = "system",
		};

		if (dedupe_prefix) {
			snprintf(dedupe, sizeof(dedupe), "%s:%s", dedupe_prefix,
				 json_string_value(address));
			m.dedupe_key = dedupe;
		}
		rc = outbox_enqueue(store, &m, err);
		if (rc)
			break;
	}
	outbox_rendered_release(&msg);
	return rc;
}

int outbox_notify_case_created(struct app *app, long long case_id,
			       struct error *err)
{
	json_t *info = NULL, *addresses = NULL;
	char created[48], sla1[48], sla2[48], dedupe[64];
	int rc;

	if (!app->outbox->settings.notify_referral)
		return RC_OK;
	rc = store_outbox_case_info(app->store, case_id, &info, err);
	if (!rc)
		rc = store_outbox_agency_addresses(app->store,
			json_integer_value(json_object_get(info, "agency_id")), &addresses, err);
	if (rc)
		goto out;
	if (!json_array_size(addresses)) {
		log_info("outbox", "case %lld: agency %lld has no email address; no referral notice",
			 case_id, (long long)json_integer_value(json_object_get(info, "agency_id")));
		goto out;
	}
	long_date_of(member(info, "created_at"), LANG_ES, created);
	long_date_of(member(info, "sla1_due"), LANG_ES, sla1);
	long_date_of(member(info, "sla2_due"), LANG_ES, sla2);
	{
		const struct outbox_var vars[] = {
			{ "case_number", member(info, "number"), NULL },
			{ "service_name", pair_member(info, "service_name", LANG_ES), NULL },
			{ "agency_name", pair_member(info, "agency_name", LANG_ES), NULL },
			{ "created_date", created, NULL },
			{ "sla1_due", sla1, NULL },
			{ "sla2_due", sla2, NULL },
		};

		snprintf(dedupe, sizeof(dedupe), "case_created:%lld", case_id);
		rc = queue_to_all(app->store, "case_created", "case_created", info, addresses,
				  LANG_ES, vars, ARRAY_SIZE(vars), dedupe, err);
	}
out:
	json_decref(info);
	json_decref(addresses);
	return rc;
}

int outbox_notify_case_status(struct app *app, long long case_id,
			      const char *from_status, struct error *err)
{
	json_t *info = NULL, *subscription = NULL, *addresses = NULL;
	const char *status;
	char date[48];
	enum lang lang;
	int rc;

	if (!app->outbox->settings.notify_case_status)
		return RC_OK;
	rc = store_outbox_subscription(app->store, case_id, &subscription, err);
	if (rc == RC_NOT_FOUND)
		return RC_OK; /* the citizen did not subscribe */
	if (!rc)
		rc = store_outbox_case_info(app->store, case_id, &info, err);
	if (rc)
		goto out;
	status = member(info, "status");
	if (from_status && !strcmp(from_status, status))
		goto out;
	lang = lang_parse(member(subscription, "language"));
	outbox_long_date(civil_local_date(clock_now()), lang, date);
	addresses = json_pack("[s]", member(subscription, "email"));
	{
		const struct outbox_var vars[] = {
			{ "case_number", member(info, "number"), NULL },
			{ "service_name", pair_member(info, "service_name", lang), NULL },
			{ "agency_name", pair_member(info, "agency_name", lang), NULL },
			{ "status", status_label(status, lang), NULL },
			{ "previous_status", status_label(from_status, lang), NULL },
			{ "resolution", !strcmp(status, "closed") ? member(info, "resolution") : "", NULL },
			{ "date", date, NULL },
		};

		rc = queue_to_all(app->store, "case_status", "case_status", info, addresses,
				  lang, vars, ARRAY_SIZE(vars), NULL, err);
	}
out:
	json_decref(info);
	json_decref(subscription);
	json_decref(addresses);
	return rc;
}

int outbox_notify_sla(struct app *app, long long case_id,
		      enum outbox_sla_event event, struct error *err)
{
	static const struct {
		const char *kind, *template_key, *due_member, *sla_es;
		bool at_risk;
	} events[] = {
		[OUTBOX_SLA1_AT_RISK] = { "sla1_at_risk", "sla_at_risk", "sla1_due",
					  "SLA1 (primer contacto)", true },
		[OUTBOX_SLA1_BREACHED] = { "sla1_breached", "sla_breached", "sla1_due",
					   "SLA1 (primer contacto)", false },
		[OUTBOX_SLA2_AT_RISK] = { "sla2_at_risk", "sla_at_risk", "sla2_due",
					  "SLA2 (cierre del caso)", true },
		[OUTBOX_SLA2_BREACHED] = { "sla2_breached", "sla_breached", "sla2_due",
					   "SLA2 (cierre del caso)", false },
	};
	const struct outbox_settings *s = &app->outbox->settings;
	json_t *info = NULL, *addresses = NULL;
	char due[48], dedupe[96];
	int rc;

	BUG_ON((size_t)event >= ARRAY_SIZE(events));
	if (events[event].at_risk ? !s->notify_sla_at_risk : !s->notify_sla_breached)
		return RC_OK;
	rc = store_outbox_case_info(app->store, case_id, &info, err);
	if (!rc)
		rc = store_outbox_agency_addresses(app->store,
			json_integer_value(json_object_get(info, "agency_id")), &addresses, err);
	if (rc)
		goto out;
	if (s->coordinator_email)
		json_array_append_new(addresses, json_string(s->coordinator_email));
	if (!json_array_size(addresses)) {
		log_info("outbox", "case %lld: no address for the %s notice", case_id,
			 events[event].kind);
		goto out;
	}
	long_date_of(member(info, events[event].due_member), LANG_ES, due);
	{
		const struct outbox_var vars[] = {
			{ "case_number", member(info, "number"), NULL },
			{ "service_name", pair_member(info, "service_name", LANG_ES), NULL },
			{ "agency_name", pair_member(info, "agency_name", LANG_ES), NULL },
			{ "sla", events[event].sla_es, NULL },
			{ "due_date", due, NULL },
			{ "status", status_label(member(info, "status"), LANG_ES), NULL },
		};

		/* Once per case, due date and recipient: a recomputed due date
		 * (a declared closure) warrants a new notice. */
		snprintf(dedupe, sizeof(dedupe), "%s:%lld:%s", events[event].kind, case_id,
			 member(info, events[event].due_member));
		rc = queue_to_all(app->store, events[event].template_key, events[event].kind,
				  info, addresses, LANG_ES, vars, ARRAY_SIZE(vars), dedupe, err);
	}
out:
	json_decref(info);
	json_decref(addresses);
	return rc;
}

int outbox_subscribe_case(struct app *app, long long case_id,
			  const char *email, enum lang lang, const char *actor,
			  struct error *err)
{
	if (!email || !is_valid_email(email) || !mime_is_plain_ascii(email))
		return error_set(err, RC_INVALID, "invalid_email", "email",
				 "El correo electrónico «%s» no es válido. Use la forma nombre@dominio.pr.",
				 "The email address \"%s\" is not valid. Use the form name@domain.pr.",
				 email ? email : "");
	return store_outbox_subscribe(app->store, case_id, email, lang, actor,
				      clock_now(), err);
}

int outbox_notify_sla_states(struct app *app, long long case_id,
			     struct error *err)
{
	static const struct {
		const char *state_member, *state;
		enum outbox_sla_event event;
	} rules[] = {
		{ "sla1_state", "at_risk", OUTBOX_SLA1_AT_RISK },
		{ "sla1_state", "overdue", OUTBOX_SLA1_BREACHED },
		{ "sla2_state", "at_risk", OUTBOX_SLA2_AT_RISK },
		{ "sla2_state", "overdue", OUTBOX_SLA2_BREACHED },
	};
	enum case_status status;
	json_t *info = NULL;
	int rc = store_outbox_case_info(app->store, case_id, &info, err);

	if (rc)
		return rc;
	if (!case_status_parse(member(info, "status"), "status", &status, NULL) &&
	    case_status_is_open(status)) {
		for (size_t i = 0; i < ARRAY_SIZE(rules) && !rc; i++)
			if (!strcmp(member(info, rules[i].state_member), rules[i].state))
				rc = outbox_notify_sla(app, case_id, rules[i].event, err);
	}
	json_decref(info);
	return rc;
}

/* The application whose settings the case hook uses; set before the
 * server serves and cleared after it has stopped. */
static struct app *_Atomic hook_app;

static int on_case_change(struct store *store, const struct case_change *change,
			  struct error *err)
{
	struct app *app = atomic_load(&hook_app);

	/* The hook's store is app->store, on the thread of the change. */
	(void)store;
	if (!app)
		return RC_OK;
	if (!strcmp(change->event, "created"))
		return outbox_notify_case_created(app, change->case_id, err);
	if (!strcmp(change->event, "sla_state"))
		return outbox_notify_sla_states(app, change->case_id, err);
	if (change->from != change->to)
		return outbox_notify_case_status(app, change->case_id,
						 case_status_code(change->from), err);
	return RC_OK;
}

void outbox_hooks_install(struct app *app)
{
	atomic_store(&hook_app, app);
	case_hooks_set(on_case_change);
}

void outbox_hooks_remove(void)
{
	case_hooks_set(NULL);
	atomic_store(&hook_app, NULL);
}
