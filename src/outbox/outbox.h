/*
 * outbox.h - email and fax to citizens and agencies through a durable
 * outbox.
 *
 * A message is written to the store in the same transaction as the change
 * that causes it (outbox_enqueue and the outbox_notify_* functions run
 * inside the caller's transaction), so it exists exactly when the change
 * does. The sender worker (sender.h) delivers it afterwards, with retries
 * and exponential back-off, across restarts. Delivery is at most once to
 * the mail server that accepted it. A message is marked "sending" in a
 * committed transaction before the sender talks to the server, and
 * "transmitted" in another just before the end of its data. A message
 * found transmitted after a crash is left "uncertain" for staff to check
 * instead of being sent again. Every message carries one Message-ID for
 * all its attempts, so a receiver can also drop a copy sent again by
 * hand. docs/email-fax.md describes the settings and the states.
 */
#ifndef LINEA311_OUTBOX_H
#define LINEA311_OUTBOX_H

#include "app/app.h"
#include "store/outbox.h"

enum outbox_starttls {
	OUTBOX_STARTTLS_OFF,      /* never upgrade (smtp:// in clear) */
	OUTBOX_STARTTLS_OPTIONAL, /* upgrade when the server offers it */
	OUTBOX_STARTTLS_REQUIRED, /* fail rather than send in clear */
};

/* The settings of the outbox, read once by outbox_open. */
struct outbox_settings {
	char *smtp_url;         /* NULL: email is not configured */
	char *smtp_user;
	char *smtp_password;
	char *from_address;     /* addr-spec of the From header */
	char *from_name;        /* display name, UTF-8 */
	enum outbox_starttls starttls;
	char *ca_file;          /* NULL: the system's CA certificates */
	long smtp_timeout;      /* seconds for one delivery */
	char *fax_gateway;      /* domain of the email-to-fax gateway */
	char *fax_command;      /* command line with {number} and {file} */
	bool sender_enabled;    /* false: messages queue but nothing is sent */
	long retry_base;        /* seconds before the second attempt */
	long retry_max;         /* maximum wait between attempts, seconds */
	long max_attempts;
	bool notify_referral;
	bool notify_sla_at_risk;
	bool notify_sla_breached;
	bool notify_case_status;
	char *coordinator_email; /* NULL: SLA notices go to the agency only */
};

struct outbox_sender;

struct outbox {
	struct outbox_settings settings;
	struct outbox_sender *sender; /* NULL while the worker is stopped */
};

/* Read and check the outbox settings of app->cfg into app->outbox. */
int outbox_open(struct app *app, struct error *err);
void outbox_close(struct app *app);

/*
 * Queue m in the transaction open on the calling thread, with a new
 * Message-ID. A message whose dedupe_key is already in the outbox is
 * skipped without error. outbox_enqueue_id also returns the new row's id
 * (0 when skipped).
 */
int outbox_enqueue(struct store *store, const struct outbox_message *m,
		   struct error *err);
int outbox_enqueue_id(struct store *store, const struct outbox_message *m,
		      long long *id, struct error *err);

/* Tell the sender that a message was committed, so that it does not wait
 * for its next poll. Safe to call when the sender is not running. */
void outbox_wake(struct app *app);

/*
 * Delivery wait after attempt number attempts (from 1) failed: retry_base
 * doubled for each earlier attempt, at most retry_max seconds.
 */
long outbox_backoff(const struct outbox_settings *s, long attempts);

/* ---- service information to a citizen ---- */

struct outbox_send_request {
	long long service_id;
	const char *channel;   /* "email" or "fax" */
	const char *recipient; /* email address or fax number as typed */
	enum lang lang;
	long long call_id;     /* 0: none */
	const char *actor;
};

/*
 * Render the published service as an email (text, HTML and a PDF
 * attachment) or a fax (the PDF), queue it and record on the call that
 * the information was sent, all in one transaction. Checks the channel's
 * configuration and the recipient first. *id is the queued message.
 */
int outbox_send_service(struct app *app, const struct outbox_send_request *r,
			long long *id, struct error *err);

/* ---- notifications: call inside the transaction of the change ---- */

/* A new referral: to the agency's liaisons (notify_referral). */
int outbox_notify_case_created(struct app *app, long long case_id,
			       struct error *err);

/* A status change, from_status being the API code before it: to the
 * citizen who subscribed to the case (notify_case_status). */
int outbox_notify_case_status(struct app *app, long long case_id,
			      const char *from_status, struct error *err);

enum outbox_sla_event {
	OUTBOX_SLA1_AT_RISK,
	OUTBOX_SLA1_BREACHED,
	OUTBOX_SLA2_AT_RISK,
	OUTBOX_SLA2_BREACHED,
};

/*
 * An SLA of case_id at risk or breached: to the agency's liaisons and
 * the coordinator (notify_sla_at_risk, notify_sla_breached). Each event
 * is sent once per case, due date and recipient, so the SLA sweep may
 * call this on every run while the state lasts.
 */
int outbox_notify_sla(struct app *app, long long case_id,
		      enum outbox_sla_event event, struct error *err);

/*
 * Notify what the SLA states of case_id call for: at_risk gives the "at
 * risk" notice and overdue the "breached" one, for each clock of an open
 * case. The deduplication of outbox_notify_sla makes repeated calls safe.
 */
int outbox_notify_sla_states(struct app *app, long long case_id,
			     struct error *err);

/*
 * Register the case-change hook (app/case_hooks.h) that turns a new
 * case, a status change and an SLA state change into notifications, in
 * the transaction of the change. The server calls it when the sender
 * starts; command-line imports run without it, so that loading old
 * cases sends nothing.
 */
void outbox_hooks_install(struct app *app);
void outbox_hooks_remove(void);

/* Subscribe the citizen's email to the status changes of case_id. */
int outbox_subscribe_case(struct app *app, long long case_id,
			  const char *email, enum lang lang, const char *actor,
			  struct error *err);

#endif
