/*
 * outbox.c - /api/v1/outbox: the status of messages, per message and per
 * case, retrying and cancelling them, the editable templates, and the
 * citizens' subscriptions to the status changes of their case.
 */
#include "core/common.h"
#include "core/clock.h"
#include "api/api.h"
#include "api/crud.h"
#include "api/outbox_view.h"
#include "domain/validate.h"
#include "outbox/outbox.h"
#include "outbox/templates.h"

/* ---- message views ---- */

static const struct {
	const char *status, *es, *en;
} status_labels[] = {
	{ "queued", "en cola", "queued" },
	{ "sending", "enviándose", "sending" },
	{ "sent", "enviado", "sent" },
	{ "failed", "fallido", "failed" },
	{ "uncertain", "incierto", "uncertain" },
	{ "cancelled", "cancelado", "cancelled" },
};

static const struct {
	const char *code, *es, *en;
} error_messages[] = {
	{ "connect_failed", "No se pudo conectar con el servidor de correo; se reintentará.",
	  "Could not connect to the mail server; it will be retried." },
	{ "smtp_temporary", "El envío falló antes de transmitir el mensaje; se reintentará.",
	  "The delivery failed before the message was transmitted; it will be retried." },
	{ "smtp_deferred", "El servidor de correo aplazó el mensaje; se reintentará.",
	  "The mail server deferred the message; it will be retried." },
	{ "smtp_rejected", "El servidor de correo rechazó el mensaje; revise el destinatario.",
	  "The mail server rejected the message; check the recipient." },
	{ "smtp_auth_failed", "El servidor de correo no aceptó el usuario o la contraseña; avise al administrador.",
	  "The mail server did not accept the user or password; tell the administrator." },
	{ "tls_failed", "Falló la conexión cifrada (TLS) con el servidor de correo, por ejemplo por su certificado; avise al administrador.",
	  "The encrypted (TLS) connection to the mail server failed, for example because of its certificate; tell the administrator." },
	{ "starttls_unavailable", "El servidor de correo no ofrece STARTTLS, que la configuración exige.",
	  "The mail server does not offer STARTTLS, which the configuration requires." },
	{ "no_reply_after_data", "El servidor no respondió tras recibir el mensaje: pudo haberlo aceptado. No se reenvía solo para no duplicarlo; confirme con el destinatario y use «reintentar» si no llegó.",
	  "The server did not reply after receiving the message, so it may have accepted it. It is not resent automatically, to avoid a duplicate; check with the recipient and use retry if it did not arrive." },
	{ "interrupted_before_transmission", "El servidor de linea311 se detuvo antes de transmitir el mensaje; se volvió a poner en cola.",
	  "The linea311 server stopped before transmitting the message; it was queued again." },
	{ "interrupted_after_transmission", "El servidor de linea311 se detuvo tras transmitir el mensaje y antes de conocer el resultado. No se reenvía solo para no duplicarlo; confirme con el destinatario y use «reintentar» si no llegó.",
	  "The linea311 server stopped after transmitting the message and before learning the outcome. It is not resent automatically, to avoid a duplicate; check with the recipient and use retry if it did not arrive." },
	{ "fax_command_failed", "La orden de fax falló; se reintentará.",
	  "The fax command failed; it will be retried." },
	{ "fax_command_timeout", "La orden de fax no terminó a tiempo y pudo haber enviado el fax; confirme antes de reintentar.",
	  "The fax command did not finish in time and may have sent the fax; check before retrying." },
	{ "fax_command_killed", "La orden de fax terminó de forma anormal y pudo haber enviado el fax; confirme antes de reintentar.",
	  "The fax command ended abnormally and may have sent the fax; check before retrying." },
	{ "not_configured", "El canal de envío no está configurado; avise al administrador.",
	  "The delivery channel is not configured; tell the administrator." },
	{ "store_error", "Error de la base de datos durante el envío; se reintentará.",
	  "Database error during the delivery; it will be retried." },
};

json_t *outbox_view_message(json_t *m, bool summary)
{
	const char *status = json_string_value(json_object_get(m, "status"));
	json_t *error = json_object_get(m, "last_error");

	for (size_t i = 0; i < ARRAY_SIZE(status_labels); i++)
		if (status && !strcmp(status, status_labels[i].status))
			json_object_set_new(m, "status_label", json_pack("{ssss}",
				"es", status_labels[i].es, "en", status_labels[i].en));
	if (json_is_object(error)) {
		const char *code = json_string_value(json_object_get(error, "code"));

		for (size_t i = 0; i < ARRAY_SIZE(error_messages); i++)
			if (code && !strcmp(code, error_messages[i].code))
				json_object_set_new(error, "message", json_pack("{ssss}",
					"es", error_messages[i].es, "en", error_messages[i].en));
	}
	if (summary) {
		json_object_del(m, "body_text");
		json_object_del(m, "body_html");
	}
	return m;
}

static void reply_list(struct request *req, struct response *res,
		       const struct outbox_filter *f, const struct page *page)
{
	struct error err;
	json_t *out, *item;
	size_t i;

	if (store_outbox_list(req->app->store, f, page, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	json_array_foreach(json_object_get(out, "items"), i, item)
		outbox_view_message(item, true);
	reply_json(res, 200, out);
}

void outbox_messages_list(struct request *req, struct response *res)
{
	static const char *const statuses[] = {
		"queued", "sending", "sent", "failed", "uncertain", "cancelled", NULL,
	};
	struct outbox_filter f = { 0 };
	struct page page;

	if (req_page(req, res, &page) ||
	    req_query_long(req, res, "case_id", 1, INT64_MAX, 0, &f.case_id) ||
	    req_query_long(req, res, "call_id", 1, INT64_MAX, 0, &f.call_id) ||
	    req_query_enum(req, res, "status", statuses, &f.status) ||
	    req_query_text(req, res, "kind", 40, &f.kind))
		return;
	reply_list(req, res, &f, &page);
}

void outbox_case_messages(struct request *req, struct response *res)
{
	struct outbox_filter f = { 0 };
	struct page page;

	if (req_id(req, res, 0, &f.case_id) || req_page(req, res, &page))
		return;
	reply_list(req, res, &f, &page);
}

static void reply_message(struct request *req, struct response *res, long long id)
{
	struct error err;
	json_t *m;

	if (store_outbox_get(req->app->store, id, &m, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, outbox_view_message(m, false));
}

void outbox_messages_get(struct request *req, struct response *res)
{
	long long id;

	if (req_id(req, res, 0, &id))
		return;
	reply_message(req, res, id);
}

struct message_action {
	long long id;
	bool retry;
};

static int do_action(struct store *store, void *ctx, struct error *err)
{
	struct message_action *a = ctx;

	if (a->retry)
		return store_outbox_requeue(store, a->id, clock_now(), err);
	return store_outbox_cancel(store, a->id, clock_now(), err);
}

static void message_action(struct request *req, struct response *res, bool retry)
{
	struct message_action a = { .retry = retry };
	struct error err;

	if (req_id(req, res, 0, &a.id))
		return;
	if (crud_in_transaction(req->app->store, do_action, &a, &err)) {
		reply_error(req, res, &err);
		return;
	}
	if (retry)
		outbox_wake(req->app);
	reply_message(req, res, a.id);
}

void outbox_messages_retry(struct request *req, struct response *res)
{
	message_action(req, res, true);
}

void outbox_messages_cancel(struct request *req, struct response *res)
{
	message_action(req, res, false);
}

void outbox_status(struct request *req, struct response *res)
{
	const struct outbox_settings *s = &req->app->outbox->settings;
	struct error err;
	json_t *counts;

	if (store_outbox_counts(req->app->store, &counts, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, json_pack("{s{sbsssb}s{sbsb}sbs{sbsbsbsb}so}",
		"email", "configured", s->smtp_url != NULL,
		"starttls", s->starttls == OUTBOX_STARTTLS_REQUIRED ? "required" :
			    s->starttls == OUTBOX_STARTTLS_OPTIONAL ? "optional" : "off",
		"authentication", s->smtp_user != NULL,
		"fax", "gateway", s->fax_gateway && s->smtp_url, "command", s->fax_command != NULL,
		"sender_running", req->app->outbox->sender != NULL,
		"notifications", "referral", s->notify_referral,
		"sla_at_risk", s->notify_sla_at_risk, "sla_breached", s->notify_sla_breached,
		"case_status", s->notify_case_status,
		"counts", counts));
}

/* ---- templates ---- */

/* Read path parameters {key} and {lang}: a known template and es|en. */
static int template_params(struct request *req, struct response *res,
			   const struct outbox_template_def **def, enum lang *lang)
{
	const char *key = req->params[0], *code = req->params[1];

	*def = outbox_template_find(key);
	if (!*def)
		return reply_fail(req, res, RC_NOT_FOUND, "not_found", "key",
				  "No hay una plantilla de mensaje «%s».",
				  "There is no message template \"%s\".", key);
	if (strcmp(code, "es") && strcmp(code, "en"))
		return reply_fail(req, res, RC_NOT_FOUND, "not_found", "language",
				  "El idioma «%s» no existe: use es o en.",
				  "The language \"%s\" does not exist: use es or en.", code);
	*lang = lang_parse(code);
	return RC_OK;
}

static int template_json(struct store *store, const struct outbox_template_def *def,
			 enum lang lang, json_t **out, struct error *err)
{
	json_t *stored = NULL, *variables = json_array(), *t;
	int rc = store_outbox_template_get(store, def->key, lang, &stored, err);

	if (rc && rc != RC_NOT_FOUND) {
		json_decref(variables);
		return rc;
	}
	for (const char *const *v = def->variables; *v; v++)
		json_array_append_new(variables, json_string(*v));
	t = json_pack("{sssss{ssss}sbso}", "key", def->key, "language", lang_code(lang),
		      "description", "es", def->description_es, "en", def->description_en,
		      "customized", stored != NULL, "variables", variables);
	if (stored) {
		json_object_update(t, stored);
		json_decref(stored);
	} else {
		json_object_set_new(t, "subject", json_string(def->subject[lang]));
		json_object_set_new(t, "body_text", json_string(def->body_text[lang]));
		json_object_set_new(t, "body_html", json_string(def->body_html[lang]));
		json_object_set_new(t, "updated_by", json_null());
		json_object_set_new(t, "updated_at", json_null());
	}
	*out = t;
	return RC_OK;
}

void outbox_templates_list(struct request *req, struct response *res)
{
	json_t *items = json_array();
	struct error err;

	for (const struct outbox_template_def *d = outbox_template_defs; d->key; d++) {
		for (int lang = LANG_ES; lang <= LANG_EN; lang++) {
			json_t *t;

			if (template_json(req->app->store, d, (enum lang)lang, &t, &err)) {
				json_decref(items);
				reply_error(req, res, &err);
				return;
			}
			json_array_append_new(items, t);
		}
	}
	reply_json(res, 200, json_pack("{so}", "items", items));
}

static void reply_template(struct request *req, struct response *res,
			   const struct outbox_template_def *def, enum lang lang)
{
	struct error err;
	json_t *t;

	if (template_json(req->app->store, def, lang, &t, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, t);
}

void outbox_templates_get(struct request *req, struct response *res)
{
	const struct outbox_template_def *def;
	enum lang lang;

	if (template_params(req, res, &def, &lang))
		return;
	reply_template(req, res, def, lang);
}

struct template_write {
	const char *key;
	enum lang lang;
	json_t *body;
	const char *actor;
	bool reset;
};

static int do_template_write(struct store *store, void *ctx, struct error *err)
{
	struct template_write *w = ctx;

	if (w->reset)
		return store_outbox_template_delete(store, w->key, w->lang, err);
	return store_outbox_template_put(store, w->key, w->lang,
		json_string_value(json_object_get(w->body, "subject")),
		json_string_value(json_object_get(w->body, "body_text")),
		json_string_value(json_object_get(w->body, "body_html")),
		w->actor, clock_now(), err);
}

static int check_template_body(const struct outbox_template_def *def, json_t *body,
			       struct error *err)
{
	static const char *const members[] = {
		"subject", "body_text", "body_html",
		/* members of GET's reply, accepted so a client can send it back */
		"key", "language", "description", "customized", "variables",
		"updated_by", "updated_at", NULL,
	};
	int rc = check_known_members(body, NULL, members, err);

	if (!rc)
		rc = check_string(body, "subject", NULL, true, OUTBOX_SUBJECT_MAX, err);
	if (!rc)
		rc = check_string(body, "body_text", NULL, true, OUTBOX_BODY_MAX, err);
	if (!rc)
		rc = check_string(body, "body_html", NULL, true, OUTBOX_BODY_MAX, err);
	if (!rc && strpbrk(json_string_value(json_object_get(body, "subject")), "\r\n"))
		rc = error_set(err, RC_INVALID, "invalid_value", "subject",
			       "El asunto debe ser una sola línea.",
			       "The subject must be a single line.");
	if (!rc)
		rc = outbox_template_check(def, json_string_value(json_object_get(body, "subject")),
					   "subject", err);
	if (!rc)
		rc = outbox_template_check(def, json_string_value(json_object_get(body, "body_text")),
					   "body_text", err);
	if (!rc)
		rc = outbox_template_check(def, json_string_value(json_object_get(body, "body_html")),
					   "body_html", err);
	return rc;
}

void outbox_templates_put(struct request *req, struct response *res)
{
	struct template_write w = { .actor = req->actor };
	const struct outbox_template_def *def;
	struct error err;
	int rc;

	if (template_params(req, res, &def, &w.lang) || req_json(req, res, &w.body))
		return;
	w.key = def->key;
	rc = check_template_body(def, w.body, &err);
	if (!rc)
		rc = crud_in_transaction(req->app->store, do_template_write, &w, &err);
	json_decref(w.body);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	reply_template(req, res, def, w.lang);
}

void outbox_templates_reset(struct request *req, struct response *res)
{
	struct template_write w = { .actor = req->actor, .reset = true };
	const struct outbox_template_def *def;
	struct error err;

	if (template_params(req, res, &def, &w.lang))
		return;
	w.key = def->key;
	if (crud_in_transaction(req->app->store, do_template_write, &w, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_template(req, res, def, w.lang);
}

/* ---- subscriptions ---- */

void outbox_case_subscription_get(struct request *req, struct response *res)
{
	struct error err;
	long long id;
	json_t *sub;

	if (req_id(req, res, 0, &id))
		return;
	if (store_outbox_subscription(req->app->store, id, &sub, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, sub);
}

struct subscription_write {
	struct app *app;
	long long case_id;
	const char *email;
	enum lang lang;
	const char *actor;
	bool remove;
};

static int do_subscription(struct store *store, void *ctx, struct error *err)
{
	struct subscription_write *w = ctx;
	json_t *info;
	int rc;

	if (w->remove)
		return store_outbox_unsubscribe(store, w->case_id, err);
	rc = store_outbox_case_info(store, w->case_id, &info, err);
	if (rc)
		return rc;
	json_decref(info);
	return outbox_subscribe_case(w->app, w->case_id, w->email, w->lang, w->actor, err);
}

void outbox_case_subscription_put(struct request *req, struct response *res)
{
	static const char *const members[] = { "email", "language", NULL };
	static const char *const languages[] = { "es", "en", NULL };
	struct subscription_write w = { .app = req->app, .actor = req->actor };
	struct error err;
	json_t *body;
	int rc;

	if (req_id(req, res, 0, &w.case_id) || req_json(req, res, &body))
		return;
	json_trim_strings(body);
	rc = check_known_members(body, NULL, members, &err);
	if (!rc)
		rc = check_string(body, "email", NULL, true, 254, &err);
	if (!rc)
		rc = check_enum(body, "language", NULL, false, languages, &err);
	if (!rc) {
		const char *language = json_string_value(json_object_get(body, "language"));

		w.email = json_string_value(json_object_get(body, "email"));
		w.lang = language ? lang_parse(language) : LANG_ES;
		rc = crud_in_transaction(req->app->store, do_subscription, &w, &err);
	}
	json_decref(body);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	outbox_case_subscription_get(req, res);
}

void outbox_case_subscription_delete(struct request *req, struct response *res)
{
	struct subscription_write w = { .app = req->app, .remove = true };
	struct error err;

	if (req_id(req, res, 0, &w.case_id))
		return;
	if (crud_in_transaction(req->app->store, do_subscription, &w, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_empty(res);
}
