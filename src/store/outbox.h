/*
 * outbox.h - storage of the outbox: messages, their attachments and
 * delivery attempts, the editable message templates and the citizens'
 * subscriptions to case changes.
 *
 * Rows cross the interface as JSON with the API's member names. Writes
 * must run inside store_begin/store_commit, and the caller of
 * store_outbox_insert is usually in the middle of another module's
 * transaction. The delivery rules (when to retry, what is uncertain) are
 * in src/outbox/; the store only records the states it is given.
 */
#ifndef LINEA311_STORE_OUTBOX_H
#define LINEA311_STORE_OUTBOX_H

#include <time.h>

#include "store/kb.h"

struct outbox_attachment {
	const char *filename;     /* ASCII file name shown to the recipient */
	const char *content_type; /* "application/pdf" */
	const void *data;
	size_t len;
};

/* A message to queue. Strings are UTF-8 and are copied by the store. */
struct outbox_message {
	const char *kind;      /* "service_info", "case_created", ... */
	const char *channel;   /* "email" or "fax" */
	const char *recipient; /* email address, or fax number as 11 digits */
	enum lang lang;
	const char *subject;
	const char *body_text;
	const char *body_html; /* NULL: plain text only */
	const struct outbox_attachment *attachments;
	size_t attachment_count;
	long long service_id;  /* the ids the message is about; 0: none */
	long long agency_id;
	long long case_id;
	long long call_id;
	/* With a key, a message whose key is already in the outbox is not
	 * queued again (an SLA warning for the same case and due date). */
	const char *dedupe_key;
	const char *actor;     /* user name, or "system" */
};

/*
 * Insert m as queued and due at now, with message_id as its RFC 5322
 * Message-ID (without angle brackets). *id is the new row, or 0 when
 * dedupe_key was already present and nothing was inserted.
 */
int store_outbox_insert(struct store *store, const struct outbox_message *m,
			const char *message_id, time_t now, long long *id,
			struct error *err);

/*
 * Claim the oldest message due at now: set it to sending, phase
 * connecting, with attempt_id as its attempt, count the attempt and open
 * its row in outbox_attempts. *out is the message (without attachments),
 * or NULL when none is due.
 */
int store_outbox_claim(struct store *store, time_t now, const char *attempt_id,
		       json_t **out, struct error *err);

/* Return the earliest next_attempt_at of a queued message in *when, or
 * 0 when none is queued. */
int store_outbox_next_due(struct store *store, time_t *when, struct error *err);

/* Read the attachments of message id into a new array *out of *count
 * items, which the caller frees with store_outbox_attachments_free. */
int store_outbox_attachments(struct store *store, long long id,
			     struct outbox_attachment **out, size_t *count,
			     struct error *err);
void store_outbox_attachments_free(struct outbox_attachment *list,
				   size_t count);

/*
 * Record that attempt attempt_id of message id has handed the whole
 * message over (phase transmitted). RC_CONFLICT when the message is no
 * longer sending under that attempt.
 */
int store_outbox_mark_transmitted(struct store *store, long long id,
				  const char *attempt_id, time_t now,
				  struct error *err);

/* The outcome of an attempt. */
struct outbox_outcome {
	const char *status;     /* sent, queued, failed or uncertain */
	const char *outcome;    /* for outbox_attempts: sent, retry, failed, ... */
	time_t next_attempt_at; /* for queued */
	const char *error_code; /* NULL when sent */
	const char *error;      /* detail from the server or the command */
};

/* Close attempt attempt_id of message id with outcome; RC_CONFLICT when
 * the message is no longer sending under that attempt. */
int store_outbox_finish(struct store *store, long long id,
			const char *attempt_id, const struct outbox_outcome *o,
			time_t now, struct error *err);

/*
 * After a restart, settle every message left in sending: phase
 * connecting goes back to queued (due now), phase transmitted becomes
 * uncertain. Counts go to *requeued and *uncertain.
 */
int store_outbox_recover(struct store *store, time_t now, int *requeued,
			 int *uncertain, struct error *err);

struct outbox_filter {
	long long case_id; /* 0: any */
	long long call_id; /* 0: any */
	const char *status; /* NULL: any */
	const char *kind;   /* NULL: any */
};

/* List messages, newest first, without bodies. */
int store_outbox_list(struct store *store, const struct outbox_filter *f,
		      const struct page *page, json_t **out, struct error *err);

/* Read message id with its bodies, attachment names and attempts. */
int store_outbox_get(struct store *store, long long id, json_t **out,
		     struct error *err);

/* Queue a failed, uncertain or cancelled message again, due at now, with
 * a fresh allowance of attempts: attempts counts from 0 again, while the
 * attempt log keeps numbering on. RC_CONFLICT in another status. */
int store_outbox_requeue(struct store *store, long long id, time_t now,
			 struct error *err);

/* Cancel a queued, failed or uncertain message; RC_CONFLICT otherwise. */
int store_outbox_cancel(struct store *store, long long id, time_t now,
			struct error *err);

/* Count messages by status: {"queued": n, "sending": n, ...}. */
int store_outbox_counts(struct store *store, json_t **out, struct error *err);

/* ---- templates ---- */

/* Read the stored template key in lang as {"subject", "body_text",
 * "body_html", "updated_by", "updated_at"}; RC_NOT_FOUND when the
 * default applies. */
int store_outbox_template_get(struct store *store, const char *key,
			      enum lang lang, json_t **out, struct error *err);

/* Store (insert or replace) a template validated by the caller. */
int store_outbox_template_put(struct store *store, const char *key,
			      enum lang lang, const char *subject,
			      const char *body_text, const char *body_html,
			      const char *actor, time_t now, struct error *err);

/* Remove a stored template so that the default applies again. */
int store_outbox_template_delete(struct store *store, const char *key,
				 enum lang lang, struct error *err);

/* ---- what notifications read from other modules' tables ---- */

/*
 * Read what the notifications of case id need: number, status,
 * service_id, service name, agency_id, agency name and email, SLA due
 * dates and states, resolution. RC_NOT_FOUND when there is no such case.
 */
int store_outbox_case_info(struct store *store, long long id, json_t **out,
			   struct error *err);

/* Read the email addresses that receive an agency's notifications, as an
 * array of strings (the agency's own email; empty when it has none). */
int store_outbox_agency_addresses(struct store *store, long long agency_id,
				  json_t **out, struct error *err);

/* Record on call id that information was sent by channel. RC_NOT_FOUND
 * when there is no such call; RC_OK without effect while the calls table
 * does not exist. */
int store_outbox_log_call(struct store *store, long long call_id,
			  const char *channel, struct error *err);

/* ---- subscriptions ---- */

int store_outbox_subscribe(struct store *store, long long case_id,
			   const char *email, enum lang lang,
			   const char *actor, time_t now, struct error *err);
int store_outbox_unsubscribe(struct store *store, long long case_id,
			     struct error *err);
/* Read the subscription of case id, RC_NOT_FOUND when none. */
int store_outbox_subscription(struct store *store, long long case_id,
			      json_t **out, struct error *err);

#endif
