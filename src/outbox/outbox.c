/*
 * outbox.c - settings, queuing and the rendering of messages from their
 * templates (see outbox.h). The notifications are in notify.c and the
 * worker that delivers messages in sender.c.
 */
#include "core/common.h"
#include "core/clock.h"
#include "core/log.h"
#include "domain/validate.h"
#include "outbox/fax.h"
#include "outbox/internal.h"
#include "outbox/mime.h"
#include "outbox/service_doc.h"
#include "render/pdf.h"

#include <sodium.h>
#include <strings.h>

/* Domain of new Message-IDs: the From address's. It is set by
 * outbox_open before any thread starts and only read afterwards. */
static char message_id_domain[256] = "linea311.localhost";

static char *setting(const struct config *cfg, const char *name)
{
	const char *v = config_get(cfg, name);

	return v && *v ? xstrdup(v) : NULL;
}

/* Split "Name <address>" (or a bare address) into its two parts. */
static int parse_from(const char *value, char **name, char **address,
		      struct error *err)
{
	const char *open = strrchr(value, '<');
	char *addr;

	*name = NULL;
	if (open) {
		const char *close = strchr(open, '>');
		const char *end = open;

		if (!close || close[1])
			goto invalid;
		addr = xstrndup(open + 1, (size_t)(close - open - 1));
		while (end > value && end[-1] == ' ')
			end--;
		if (end > value)
			*name = xstrndup(value, (size_t)(end - value));
	} else {
		addr = xstrdup(value);
	}
	if (!is_valid_email(addr) || !mime_is_plain_ascii(addr)) {
		free(addr);
		free(*name);
		*name = NULL;
		goto invalid;
	}
	*address = addr;
	return RC_OK;

invalid:
	return error_set(err, RC_INVALID, "invalid_setting", "smtp_from",
			 "El remitente «%s» no es válido: use «Nombre <direccion@dominio>» o solo la dirección.",
			 "The sender \"%s\" is invalid: use \"Name <address@domain>\" or the address alone.",
			 value);
}

static int parse_starttls(const char *value, enum outbox_starttls *out,
			  struct error *err)
{
	if (!value || !strcasecmp(value, "optional"))
		*out = OUTBOX_STARTTLS_OPTIONAL;
	else if (!strcasecmp(value, "required"))
		*out = OUTBOX_STARTTLS_REQUIRED;
	else if (!strcasecmp(value, "off"))
		*out = OUTBOX_STARTTLS_OFF;
	else
		return error_set(err, RC_INVALID, "invalid_setting", "smtp_starttls",
				 "El valor «%s» de smtp_starttls no es válido: use off, optional o required.",
				 "Invalid value \"%s\" for smtp_starttls: use off, optional or required.",
				 value);
	return RC_OK;
}

static int read_settings(const struct config *cfg, struct outbox_settings *s,
			 struct error *err)
{
	int rc;

	s->smtp_url = setting(cfg, "smtp_url");
	s->smtp_user = setting(cfg, "smtp_user");
	s->smtp_password = setting(cfg, "smtp_password");
	s->ca_file = setting(cfg, "smtp_ca_file");
	s->fax_gateway = setting(cfg, "fax_gateway");
	s->fax_command = setting(cfg, "fax_command");
	s->coordinator_email = setting(cfg, "coordinator_email");
	s->sender_enabled = config_get_bool(cfg, "outbox_send");
	s->notify_referral = config_get_bool(cfg, "notify_referral");
	s->notify_sla_at_risk = config_get_bool(cfg, "notify_sla_at_risk");
	s->notify_sla_breached = config_get_bool(cfg, "notify_sla_breached");
	s->notify_case_status = config_get_bool(cfg, "notify_case_status");

	rc = parse_from(config_get(cfg, "smtp_from"), &s->from_name, &s->from_address, err);
	if (!rc)
		rc = parse_starttls(config_get(cfg, "smtp_starttls"), &s->starttls, err);
	if (!rc)
		rc = config_get_long(cfg, "smtp_timeout", 5, 3600, &s->smtp_timeout, err);
	if (!rc)
		rc = config_get_long(cfg, "outbox_retry_base", 1, 86400, &s->retry_base, err);
	if (!rc)
		rc = config_get_long(cfg, "outbox_retry_max", 1, 7 * 86400, &s->retry_max, err);
	if (!rc)
		rc = config_get_long(cfg, "outbox_attempts", 1, 100, &s->max_attempts, err);
	if (rc)
		return rc;
	if (s->coordinator_email && (!is_valid_email(s->coordinator_email) ||
				     !mime_is_plain_ascii(s->coordinator_email)))
		return error_set(err, RC_INVALID, "invalid_setting", "coordinator_email",
				 "El correo del coordinador «%s» no es válido.",
				 "The coordinator's email \"%s\" is invalid.", s->coordinator_email);
	if (s->fax_gateway && (strchr(s->fax_gateway, '@') || !strchr(s->fax_gateway, '.') ||
			       !mime_is_plain_ascii(s->fax_gateway) || strchr(s->fax_gateway, ' ')))
		return error_set(err, RC_INVALID, "invalid_setting", "fax_gateway",
				 "El dominio de la pasarela de fax «%s» no es válido: escriba solo el dominio, por ejemplo fax.example.",
				 "The fax gateway domain \"%s\" is invalid: write the domain alone, for example fax.example.",
				 s->fax_gateway);
	if (s->fax_command) {
		char **argv;

		rc = fax_command_argv(s->fax_command, "17875550161", "/tmp/x.pdf", &argv, err);
		if (rc)
			return rc;
		fax_argv_free(argv);
	}
	return RC_OK;
}

static void free_settings(struct outbox_settings *s)
{
	free(s->smtp_url);
	free(s->smtp_user);
	free(s->smtp_password);
	free(s->ca_file);
	free(s->from_address);
	free(s->from_name);
	free(s->fax_gateway);
	free(s->fax_command);
	free(s->coordinator_email);
	memset(s, 0, sizeof(*s));
}

int outbox_open(struct app *app, struct error *err)
{
	struct outbox *o = xcalloc(1, sizeof(*o));
	int rc;

	BUG_ON(sodium_init() < 0);
	rc = read_settings(app->cfg, &o->settings, err);
	if (rc) {
		free_settings(&o->settings);
		free(o);
		return rc;
	}
	snprintf(message_id_domain, sizeof(message_id_domain), "%s",
		 strchr(o->settings.from_address, '@') + 1);
	app->outbox = o;
	return RC_OK;
}

void outbox_close(struct app *app)
{
	if (!app->outbox)
		return;
	BUG_ON(app->outbox->sender);
	free_settings(&app->outbox->settings);
	free(app->outbox);
	app->outbox = NULL;
}

long outbox_backoff(const struct outbox_settings *s, long attempts)
{
	long wait = s->retry_base;

	for (long i = 1; i < attempts && wait < s->retry_max; i++)
		wait *= 2;
	return wait < s->retry_max ? wait : s->retry_max;
}

int outbox_enqueue_id(struct store *store, const struct outbox_message *m,
		      long long *id, struct error *err)
{
	unsigned char random[16];
	char hex[sizeof(random) * 2 + 1], message_id[320];
	int rc;

	randombytes_buf(random, sizeof(random));
	sodium_bin2hex(hex, sizeof(hex), random, sizeof(random));
	snprintf(message_id, sizeof(message_id), "linea311.%s@%s", hex, message_id_domain);
	rc = store_outbox_insert(store, m, message_id, clock_now(), id, err);
	if (!rc && *id)
		log_info("outbox", "queued message %lld (%s, %s)", *id, m->kind, m->channel);
	return rc;
}

int outbox_enqueue(struct store *store, const struct outbox_message *m,
		   struct error *err)
{
	long long id;

	return outbox_enqueue_id(store, m, &id, err);
}

/* ---- rendering ---- */

void outbox_rendered_release(struct outbox_rendered *r)
{
	strbuf_release(&r->subject);
	strbuf_release(&r->text);
	strbuf_release(&r->html);
}

static void wrap_html(struct strbuf *out, enum lang lang, const char *subject,
		      const char *body)
{
	strbuf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
			 "<meta charset=\"utf-8\">\n<title>", lang_code(lang));
	outbox_html_escape(out, subject);
	strbuf_adds(out, "</title>\n</head>\n<body style=\"font-family:Arial,Helvetica,"
			 "sans-serif;font-size:15px;line-height:1.45;color:#1a1a1a\">\n");
	strbuf_adds(out, body);
	strbuf_adds(out, "</body>\n</html>\n");
}

int outbox_render(struct store *store, const char *key, enum lang lang,
		  const struct outbox_var *vars, size_t count,
		  struct outbox_rendered *out, struct error *err)
{
	const struct outbox_template_def *def = outbox_template_find(key);
	struct strbuf html = STRBUF_INIT;
	const char *subject, *text, *body_html;
	json_t *stored = NULL;
	int rc;

	BUG_ON(!def);
	rc = store_outbox_template_get(store, key, lang, &stored, err);
	if (rc && rc != RC_NOT_FOUND)
		return rc;
	if (stored) {
		subject = json_string_value(json_object_get(stored, "subject"));
		text = json_string_value(json_object_get(stored, "body_text"));
		body_html = json_string_value(json_object_get(stored, "body_html"));
	} else {
		subject = def->subject[lang];
		text = def->body_text[lang];
		body_html = def->body_html[lang];
	}
	memset(out, 0, sizeof(*out));
	outbox_template_render(subject, vars, count, false, true, &out->subject);
	outbox_template_render(text, vars, count, false, false, &out->text);
	outbox_template_render(body_html, vars, count, true, false, &html);
	wrap_html(&out->html, lang, strbuf_str(&out->subject), strbuf_str(&html));
	strbuf_release(&html);
	json_decref(stored);
	return RC_OK;
}

void outbox_long_date(struct civil_date date, enum lang lang, char out[48])
{
	static const char *const months_es[] = {
		"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
		"agosto", "septiembre", "octubre", "noviembre", "diciembre",
	};
	static const char *const months_en[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December",
	};

	if (!civil_date_valid(date)) {
		snprintf(out, 48, "-");
		return;
	}
	if (lang == LANG_EN)
		snprintf(out, 48, "%s %d, %d", months_en[date.month - 1], date.day, date.year);
	else
		snprintf(out, 48, "%d de %s de %d", date.day, months_es[date.month - 1], date.year);
}

/* ---- service information ---- */

static int check_recipient(const struct outbox_settings *s,
			   const struct outbox_send_request *r,
			   char recipient[256], struct error *err)
{
	if (!strcmp(r->channel, "email")) {
		if (!is_valid_email(r->recipient) || !mime_is_plain_ascii(r->recipient))
			return error_set(err, RC_INVALID, "invalid_email", "recipient",
					 "El correo electrónico «%s» no es válido. Use la forma nombre@dominio.pr.",
					 "The email address \"%s\" is not valid. Use the form name@domain.pr.",
					 r->recipient);
		if (!s->smtp_url)
			return error_set(err, RC_UNAVAILABLE, "email_not_configured", "channel",
					 "El envío por correo electrónico no está configurado: el administrador debe indicar el servidor SMTP (--smtp o LINEA311_SMTP_URL).",
					 "Email is not configured: the administrator must set the SMTP server (--smtp or LINEA311_SMTP_URL).");
		snprintf(recipient, 256, "%s", r->recipient);
		return RC_OK;
	}
	if (!strcmp(r->channel, "fax")) {
		char number[FAX_NUMBER_LEN];
		int rc = fax_number_parse(r->recipient, "recipient", number, err);

		if (rc)
			return rc;
		if (!s->fax_command && !(s->fax_gateway && s->smtp_url))
			return error_set(err, RC_UNAVAILABLE, "fax_not_configured", "channel",
					 "El envío por fax no está configurado: el administrador debe indicar una pasarela de correo a fax (fax_gateway y el servidor SMTP) o una orden de fax (fax_command).",
					 "Fax is not configured: the administrator must set an email-to-fax gateway (fax_gateway and the SMTP server) or a fax command (fax_command).");
		snprintf(recipient, 256, "%s", number);
		return RC_OK;
	}
	return error_set(err, RC_INVALID, "invalid_value", "channel",
			 "El canal «%s» no es válido: use email o fax.",
			 "The channel \"%s\" is invalid: use email or fax.", r->channel);
}

/* Read the published service; a service with no published version is a
 * conflict rather than a missing resource. */
static int published_service(struct store *store, long long id, json_t **out,
			     struct error *err)
{
	json_t *latest;
	int rc = store_service_get(store, id, SERVICE_PUBLISHED, 0, out, err);

	if (rc != RC_NOT_FOUND)
		return rc;
	if (store_service_get(store, id, SERVICE_LATEST, 0, &latest, NULL))
		return rc;
	json_decref(latest);
	return error_set(err, RC_CONFLICT, "not_published", "service_id",
			 "El servicio %lld no tiene una versión publicada: solo se envía información publicada.",
			 "Service %lld has no published version: only published information is sent.", id);
}

struct send_tx {
	const struct outbox_message *message;
	long long call_id;
	const char *channel;
	long long id;
};

static int send_in_tx(struct store *store, struct send_tx *t, struct error *err)
{
	int rc = store_begin(store, err);

	if (rc)
		return rc;
	if (t->call_id) {
		rc = store_outbox_log_call(store, t->call_id, t->channel, err);
		/* A missing call is a fault of the request body. */
		if (rc == RC_NOT_FOUND)
			rc = error_set(err, RC_INVALID, "not_found", "call_id",
				       "La llamada %lld no existe.", "Call %lld does not exist.",
				       t->call_id);
	}
	if (!rc)
		rc = outbox_enqueue_id(store, t->message, &t->id, err);
	if (rc) {
		store_rollback(store);
		return rc;
	}
	return store_commit(store, err);
}

int outbox_send_service(struct app *app, const struct outbox_send_request *r,
			long long *id, struct error *err)
{
	const struct outbox_settings *s = &app->outbox->settings;
	struct outbox_rendered msg;
	struct strbuf text = STRBUF_INIT, html = STRBUF_INIT;
	char recipient[256], date[48], filename[64];
	char *pdf = NULL;
	size_t pdf_len = 0;
	json_t *service = NULL;
	time_t now = clock_now();
	int rc;

	rc = check_recipient(s, r, recipient, err);
	if (!rc)
		rc = published_service(app->store, r->service_id, &service, err);
	if (rc)
		return rc;

	service_doc_text(service, r->lang, &text);
	service_doc_html(service, r->lang, &html);
	rc = service_doc_pdf(service, r->lang, now, &pdf, &pdf_len, err);
	if (!rc) {
		outbox_long_date(civil_local_date(now), r->lang, date);
		const struct outbox_var vars[] = {
			{ "service_name", service_doc_name(service, r->lang), NULL },
			{ "agency_name", service_doc_agency(service, r->lang), NULL },
			{ "service_content", strbuf_str(&text), strbuf_str(&html) },
			{ "date", date, NULL },
		};
		rc = outbox_render(app->store, "service_info", r->lang, vars,
				   ARRAY_SIZE(vars), &msg, err);
	}
	if (!rc) {
		struct outbox_attachment pdf_file = {
			filename, "application/pdf", pdf, pdf_len,
		};
		struct outbox_message m = {
			.kind = "service_info",
			.channel = r->channel,
			.recipient = recipient,
			.lang = r->lang,
			.subject = strbuf_str(&msg.subject),
			.body_text = strbuf_str(&msg.text),
			/* A fax gateway turns the text into the cover page. */
			.body_html = strcmp(r->channel, "fax") ? strbuf_str(&msg.html) : NULL,
			.attachments = &pdf_file,
			.attachment_count = 1,
			.service_id = r->service_id,
			.agency_id = json_integer_value(json_object_get(service, "agency_id")),
			.call_id = r->call_id,
			.actor = r->actor,
		};
		struct send_tx t = { &m, r->call_id, r->channel, 0 };

		snprintf(filename, sizeof(filename), TR(r->lang, "servicio-%lld.pdf",
							"service-%lld.pdf"), r->service_id);
		rc = send_in_tx(app->store, &t, err);
		*id = t.id;
		outbox_rendered_release(&msg);
	}
	if (!rc)
		outbox_wake(app);
	free(pdf);
	strbuf_release(&text);
	strbuf_release(&html);
	json_decref(service);
	return rc;
}
