/*
 * sender.c - the outbox worker thread (see sender.h): recovery, claiming,
 * and recording how each attempt ended. The SMTP and fax command
 * deliveries are in deliver.c.
 */
#include "core/common.h"
#include "core/clock.h"
#include "core/log.h"
#include "outbox/internal.h"
#include "outbox/sender.h"

#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>

#define POLL_SECONDS 1

struct outbox_sender {
	struct app *app;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;  /* signalled by outbox_wake and stop */
	bool stop;
	bool woken;
};

bool outbox_sender_stopping(struct outbox_sender *s)
{
	bool stop;

	pthread_mutex_lock(&s->lock);
	stop = s->stop;
	pthread_mutex_unlock(&s->lock);
	return stop;
}

void outbox_wake(struct app *app)
{
	struct outbox_sender *s = app->outbox ? app->outbox->sender : NULL;

	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->woken = true;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

void outbox_attempt_set(struct outbox_attempt *a, enum outbox_verdict verdict,
			const char *code, const char *fmt, ...)
{
	va_list ap;

	a->verdict = verdict;
	snprintf(a->error_code, sizeof(a->error_code), "%s", code ? code : "");
	a->error[0] = '\0';
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(a->error, sizeof(a->error), fmt, ap);
		va_end(ap);
	}
}

bool outbox_attempt_mark_transmitted(struct outbox_attempt *a)
{
	struct store *store = a->app->store;
	struct error err;
	int rc = store_begin(store, &err);

	if (!rc)
		rc = store_outbox_mark_transmitted(store, a->id, a->attempt_id, clock_now(), &err);
	if (!rc)
		rc = store_commit(store, &err);
	else
		store_rollback(store);
	if (rc) {
		log_error("outbox", "message %lld attempt %s: could not record the transmission: %s",
			  a->id, a->attempt_id, err.message_en);
		return false;
	}
	a->transmitted = true;
	return true;
}

/* Sleep seconds, or until woken or stopped. */
static void sleep_for(struct outbox_sender *s, long seconds)
{
	struct timespec until;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += seconds;
	pthread_mutex_lock(&s->lock);
	while (!s->stop && !s->woken && seconds > 0)
		if (pthread_cond_timedwait(&s->cond, &s->lock, &until))
			break;
	s->woken = false;
	pthread_mutex_unlock(&s->lock);
}

/* Sleep until the next queued message is due, at most POLL_SECONDS. */
static void wait_for_work(struct outbox_sender *s)
{
	struct error err;
	time_t due = 0;
	long seconds = POLL_SECONDS;

	if (!store_outbox_next_due(s->app->store, &due, &err) && due) {
		time_t now = clock_now();

		if (due <= now)
			seconds = 0;
		else if (due - now < seconds)
			seconds = (long)(due - now);
	}
	sleep_for(s, seconds);
}

static int claim(struct store *store, const char *attempt_id, json_t **msg,
		 struct error *err)
{
	int rc = store_begin(store, err);

	if (rc)
		return rc;
	rc = store_outbox_claim(store, clock_now(), attempt_id, msg, err);
	if (rc) {
		store_rollback(store);
		return rc;
	}
	rc = store_commit(store, err);
	if (rc) {
		json_decref(*msg);
		*msg = NULL;
	}
	return rc;
}

/* Turn the attempt's verdict into the message's next state and record it. */
static void finish(struct outbox_attempt *a)
{
	const struct outbox_settings *s = &a->app->outbox->settings;
	long attempts = (long)json_integer_value(json_object_get(a->message, "attempts"));
	struct outbox_outcome o = { .error_code = a->error_code[0] ? a->error_code : NULL,
				    .error = a->error[0] ? a->error : NULL };
	time_t now = clock_now();
	struct store *store = a->app->store;
	struct error err;
	int rc;

	switch (a->verdict) {
	case OUTBOX_SENT:
		o.status = o.outcome = "sent";
		o.error_code = o.error = NULL;
		break;
	case OUTBOX_RETRY:
		if (attempts >= s->max_attempts) {
			o.status = o.outcome = "failed";
			break;
		}
		o.status = "queued";
		o.outcome = "retry";
		o.next_attempt_at = now + outbox_backoff(s, attempts);
		break;
	case OUTBOX_FAILED:
		o.status = o.outcome = "failed";
		break;
	case OUTBOX_UNCERTAIN:
		o.status = o.outcome = "uncertain";
		break;
	case OUTBOX_INTERRUPTED:
		o.status = "queued";
		o.outcome = "interrupted";
		o.next_attempt_at = now;
		break;
	}
	rc = store_begin(store, &err);
	if (!rc)
		rc = store_outbox_finish(store, a->id, a->attempt_id, &o, now, &err);
	if (!rc)
		rc = store_commit(store, &err);
	else
		store_rollback(store);
	if (rc) {
		/* The message stays "sending"; the next start settles it. */
		log_error("outbox", "message %lld attempt %s: could not record the outcome %s: %s",
			  a->id, a->attempt_id, o.outcome, err.message_en);
		return;
	}
	if (a->verdict == OUTBOX_SENT)
		log_info("outbox", "message %lld sent (attempt %ld)", a->id, attempts);
	else
		/* The detail may quote the recipient (a server's reply, the fax
		 * command's output), so it goes to the store and not the log. */
		log_warn("outbox", "message %lld attempt %ld: %s (%s)", a->id, attempts,
			 o.outcome, a->error_code);
}

static void deliver(struct outbox_sender *s, json_t *msg, const char *attempt_id)
{
	const struct outbox_settings *set = &s->app->outbox->settings;
	const char *channel = json_string_value(json_object_get(msg, "channel"));
	const char *recipient = json_string_value(json_object_get(msg, "recipient"));
	struct outbox_attempt a = {
		.app = s->app,
		.sender = s,
		.message = msg,
		.id = json_integer_value(json_object_get(msg, "id")),
		.attempt_id = attempt_id,
	};

	if (!strcmp(channel, "fax") && set->fax_command) {
		outbox_deliver_command(&a);
	} else if (!strcmp(channel, "fax") && set->fax_gateway && set->smtp_url) {
		char address[320];

		snprintf(address, sizeof(address), "%s@%s", recipient, set->fax_gateway);
		outbox_deliver_smtp(&a, address);
	} else if (!strcmp(channel, "email") && set->smtp_url) {
		outbox_deliver_smtp(&a, recipient);
	} else {
		outbox_attempt_set(&a, OUTBOX_RETRY, "not_configured",
				   "no %s delivery is configured",
				   !strcmp(channel, "fax") ? "fax" : "SMTP");
	}
	finish(&a);
}

static void recover(struct app *app)
{
	struct store *store = app->store;
	int requeued = 0, uncertain = 0;
	struct error err;
	int rc = store_begin(store, &err);

	if (!rc)
		rc = store_outbox_recover(store, clock_now(), &requeued, &uncertain, &err);
	if (!rc)
		rc = store_commit(store, &err);
	else
		store_rollback(store);
	if (rc)
		log_error("outbox", "could not settle interrupted messages: %s", err.message_en);
	else if (requeued || uncertain)
		log_warn("outbox", "after a stop during delivery: %d message(s) queued again"
			 " (not transmitted), %d left uncertain (transmitted, not resent)",
			 requeued, uncertain);
}

static void *sender_main(void *arg)
{
	struct outbox_sender *s = arg;
	unsigned long failures = 0;

	while (!outbox_sender_stopping(s)) {
		unsigned char random[12];
		char attempt_id[sizeof(random) * 2 + 1];
		json_t *msg = NULL;
		struct error err;

		randombytes_buf(random, sizeof(random));
		sodium_bin2hex(attempt_id, sizeof(attempt_id), random, sizeof(random));
		if (claim(s->app->store, attempt_id, &msg, &err)) {
			/* Log the first failure and every 60th repeat, and
			 * wait a whole poll interval before trying again. */
			if (failures++ % 60 == 0)
				log_error("outbox", "could not claim a message (%lu failures): %s",
					  failures, err.message_en);
			sleep_for(s, POLL_SECONDS);
			continue;
		}
		failures = 0;
		if (!msg) {
			wait_for_work(s);
			continue;
		}
		deliver(s, msg, attempt_id);
		json_decref(msg);
	}
	return NULL;
}

int outbox_sender_start(struct app *app, struct error *err)
{
	const struct outbox_settings *set = &app->outbox->settings;
	struct outbox_sender *s;
	pthread_condattr_t attr;

	outbox_hooks_install(app);
	recover(app);
	if (!set->sender_enabled) {
		log_warn("outbox", "outbox_send is off: messages are queued but not delivered");
		return RC_OK;
	}
	if (!set->smtp_url && !set->fax_command) {
		log_warn("outbox", "no SMTP server (--smtp) and no fax command: messages stay queued");
		return RC_OK;
	}
	if (set->smtp_user && set->starttls != OUTBOX_STARTTLS_REQUIRED &&
	    strncmp(set->smtp_url, "smtps://", 8))
		log_warn("outbox", "SMTP authentication without smtp_starttls=required may send"
			 " the password in clear text");
	if (curl_global_init(CURL_GLOBAL_DEFAULT))
		return error_set(err, RC_INTERNAL, "curl_init", NULL,
				 "No se pudo iniciar libcurl.", "Could not initialise libcurl.");

	s = xcalloc(1, sizeof(*s));
	s->app = app;
	pthread_mutex_init(&s->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cond, &attr);
	pthread_condattr_destroy(&attr);
	if (pthread_create(&s->thread, NULL, sender_main, s)) {
		pthread_cond_destroy(&s->cond);
		pthread_mutex_destroy(&s->lock);
		free(s);
		curl_global_cleanup();
		return error_set(err, RC_INTERNAL, "thread", NULL,
				 "No se pudo iniciar el hilo de envío de mensajes.",
				 "Could not start the message sender thread.");
	}
	app->outbox->sender = s;
	log_info("outbox", "sender started (%s%s%s)", set->smtp_url ? "SMTP" : "",
		 set->smtp_url && set->fax_command ? ", " : "",
		 set->fax_command ? "fax command" : "");
	return RC_OK;
}

void outbox_sender_stop(struct app *app)
{
	struct outbox_sender *s = app->outbox ? app->outbox->sender : NULL;

	outbox_hooks_remove();
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->stop = true;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->lock);
	free(s);
	app->outbox->sender = NULL;
	curl_global_cleanup();
}
