/*
 * internal.h - what the files of src/outbox/ share and nothing outside
 * them uses.
 */
#ifndef LINEA311_OUTBOX_INTERNAL_H
#define LINEA311_OUTBOX_INTERNAL_H

#include "core/strbuf.h"
#include "domain/civil_time.h"
#include "outbox/outbox.h"
#include "outbox/templates.h"

/* A message rendered from its template: subject, text and the HTML
 * document. */
struct outbox_rendered {
	struct strbuf subject;
	struct strbuf text;
	struct strbuf html;
};

/*
 * Render template key in lang with vars: the administrator's stored
 * version when there is one, else the default. Reads the store, so it
 * may run inside the caller's transaction.
 */
int outbox_render(struct store *store, const char *key, enum lang lang,
		  const struct outbox_var *vars, size_t count,
		  struct outbox_rendered *out, struct error *err);
void outbox_rendered_release(struct outbox_rendered *r);

/* Write date as "7 de diciembre de 2026" or "December 7, 2026"; "-" for
 * an invalid date. */
void outbox_long_date(struct civil_date date, enum lang lang, char out[48]);

/* ---- delivery (sender.c, deliver.c) ---- */

enum outbox_verdict {
	OUTBOX_SENT,        /* accepted by the server or the fax command */
	OUTBOX_RETRY,       /* not accepted; try again after the back-off */
	OUTBOX_FAILED,      /* rejected for good */
	OUTBOX_UNCERTAIN,   /* transmitted, outcome unknown: never resent */
	OUTBOX_INTERRUPTED, /* stopped before transmission: queue again now */
};

/* One delivery attempt of one claimed message. */
struct outbox_attempt {
	struct app *app;
	struct outbox_sender *sender;
	json_t *message;        /* the claimed row */
	long long id;
	const char *attempt_id;
	bool transmitted;       /* phase "transmitted" is committed */
	enum outbox_verdict verdict;
	char error_code[48];
	char error[512];
};

/* Set the attempt's verdict, error code and detail (printf format). */
void outbox_attempt_set(struct outbox_attempt *a, enum outbox_verdict verdict,
			const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Commit phase "transmitted" for the attempt; must succeed before the
 * end of the message leaves. Returns false (and logs) when it failed. */
bool outbox_attempt_mark_transmitted(struct outbox_attempt *a);

/* Return true once the worker has been asked to stop. */
bool outbox_sender_stopping(struct outbox_sender *s);

/* Deliver the attempt's message by SMTP to address to. */
void outbox_deliver_smtp(struct outbox_attempt *a, const char *to);

/* Deliver the attempt's fax by running the configured fax command. */
void outbox_deliver_command(struct outbox_attempt *a);

#endif
