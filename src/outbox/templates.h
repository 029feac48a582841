/*
 * templates.h - the message templates of the outbox and their syntax.
 *
 * Each kind of message (service information, new referral, SLA at risk,
 * ...) has a template per language: a subject, a plain-text body and an
 * HTML body. The defaults are compiled in; the administrator may store
 * replacements (see store/outbox.h), and the program checks them with
 * outbox_template_check before they are stored.
 *
 * Syntax: "{{name}}" is replaced by variable name, HTML-escaped in HTML
 * bodies unless the variable carries its own HTML. "{{#name}}...{{/name}}"
 * keeps the text between the tags only when name is not empty. Spaces
 * inside the braces are allowed. There is no escape for a literal "{{".
 * Pure code: no I/O.
 */
#ifndef LINEA311_OUTBOX_TEMPLATES_H
#define LINEA311_OUTBOX_TEMPLATES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/strbuf.h"

#define OUTBOX_SUBJECT_MAX 200     /* bytes */
#define OUTBOX_BODY_MAX 65536      /* bytes, for each body */

struct outbox_template_def {
	const char *key;                 /* "service_info" */
	const char *description_es;
	const char *description_en;
	const char *const *variables;    /* NULL-terminated */
	const char *subject[2];          /* by enum lang */
	const char *body_text[2];
	const char *body_html[2];
};

/* The templates, terminated by an entry whose key is NULL. */
extern const struct outbox_template_def outbox_template_defs[];

/* Return the template called key, or NULL. */
const struct outbox_template_def *outbox_template_find(const char *key);

/* A value for a template. html, when not NULL, is used as it is in HTML
 * bodies (for blocks that the program renders); otherwise text is
 * escaped there. */
struct outbox_var {
	const char *name;
	const char *text;
	const char *html;
};

/*
 * Append tmpl with its tags replaced by vars to out. html selects HTML
 * escaping; one_line (for subjects) turns line breaks in values into
 * spaces. A variable that vars lacks renders as empty text.
 */
void outbox_template_render(const char *tmpl, const struct outbox_var *vars,
			    size_t count, bool html, bool one_line,
			    struct strbuf *out);

/*
 * Check that tmpl is well formed (every "{{" closed, sections nested
 * and closed) and names only variables of def. RC_INVALID naming field,
 * with the position and the allowed names in the message.
 */
int outbox_template_check(const struct outbox_template_def *def,
			  const char *tmpl, const char *field,
			  struct error *err);

/* Append text to out with &, <, >, " and ' escaped for HTML. */
void outbox_html_escape(struct strbuf *out, const char *text);

#endif
