/*
 * service_doc.h - a published service's template as a document for the
 * citizen: plain text and HTML for the email body, and PDF for the
 * attachment and the fax.
 *
 * The input is a service as store_service_get returns it (members name,
 * template, agency, last_reviewed_at). Each section is written in the
 * requested language. A section without English text is written in
 * Spanish, and the document then notes that part of it is available in
 * Spanish only. Empty sections are left out. Section text follows the
 * template's conventions: one paragraph per line, "- " for a bullet item
 * and "1. " for a numbered item.
 */
#ifndef LINEA311_OUTBOX_SERVICE_DOC_H
#define LINEA311_OUTBOX_SERVICE_DOC_H

#include <jansson.h>
#include <time.h>

#include "core/error.h"
#include "core/strbuf.h"

/* Return the service's name in lang, or in Spanish when it has none. */
const char *service_doc_name(json_t *service, enum lang lang);

/* Return the service's agency name in lang, or in Spanish. */
const char *service_doc_agency(json_t *service, enum lang lang);

/* Append the service as plain text, lines separated by "\n". */
void service_doc_text(json_t *service, enum lang lang, struct strbuf *out);

/* Append the service as an HTML fragment (no <html> or <body>). */
void service_doc_html(json_t *service, enum lang lang, struct strbuf *out);

/* Render the service as a PDF sent at instant sent_at; *data is freed
 * by the caller. */
int service_doc_pdf(json_t *service, enum lang lang, time_t sent_at,
		    char **data, size_t *len, struct error *err);

#endif
