/*
 * template_parse.h - turn a template text document into a service document.
 *
 * The content office writes each service's template as a plain text
 * document: the service name, then the nine section headings of
 * template.h in order, each followed by its body, and an optional closing
 * disclaimer ("Este documento es sólo de carácter informativo...").
 * template_parse reads such a text from memory and builds the service
 * document that template.h describes. It does no I/O.
 *
 * What the parser accepts:
 *  - UTF-8 with or without a byte-order mark, LF, CRLF or CR line ends.
 *  - Headings alone on their line, matched without regard to accents,
 *    case, surrounding spaces and tabs, punctuation, singular or plural
 *    words ("Método"/"Métodos", "Costo(s)") and the small words de, del,
 *    y, para... Short forms are accepted too: "Lugar y Horario",
 *    "Costo y Métodos de Pago", "Costo del Servicio y Formas de Pago".
 *    A line that starts with a bullet or a number is never a heading.
 *  - Bullets "·", "•", "◦", "▪", "●", "○", "■", "‣" and the Word symbol
 *    bullets U+F0B7 and U+F0A7, and "-", "*", "–", "—" followed by a
 *    space. Numbered items "1." and "1)" followed by a space.
 *  - Image placeholders "[image: ...]" and "[imagen: ...]" are dropped.
 *
 * The service document it builds:
 *  - name.es: the lines before the first heading, joined with spaces.
 *  - Text sections: one line per paragraph, "- " before each bullet item,
 *    "N. " before each numbered item ("1)" becomes "1."), spaces and tabs
 *    collapsed. A section whose heading is missing has "es": null.
 *  - location_hours keeps its text, and "location" contains the fields of
 *    its "Label: value" lines (Lugar, Directorio, Horario, Contacto,
 *    Teléfono, Fax, Correo electrónico; the colon may be missing). A line
 *    without a label continues the field above it, joined with " " for
 *    hours, " — " for contact and ", " for the others. Fields not given
 *    are null.
 *  - faq: a question is an item that starts with "¿" or has " - ", " – "
 *    or " — " after its "?". The answer is the text after that dash and
 *    every following line up to the next question, sub-bullets included.
 *  - related_links: lines after "Documento(s) de Apoyo:" are documents,
 *    lines after "Página(s) de Internet:" are web pages. An entry without
 *    an address is a document title with url null. An address written
 *    as "www.host" gets "https://" in url, and the title keeps the text
 *    as written.
 *  - social_media: "Network: account" lines for known networks
 *    (Facebook, Instagram, Twitter, X, YouTube, TikTok, LinkedIn,
 *    Flickr, Pinterest, Threads, WhatsApp, Telegram), or a bare profile
 *    address on one of their hosts. url is set when the account is an
 *    address.
 *  - disclaimer.es: the disclaimer line and any lines after it up to the
 *    next heading.
 *  - Every "en" is null.
 *
 * The unplaced report is a JSON array of {"line", "text", "reason",
 * "section"} objects sorted by line. "line" is the 1-based line number and
 * "text" the line with spaces collapsed, or "line" is null for something
 * that is missing as a whole. "section" is the section key or null.
 * Reasons:
 *  - "unknown_line": a line that fits no structure of its section (an
 *    FAQ line before the first question, a social-media line for an
 *    unknown network, a location line before the first label).
 *  - "unknown_label": a location line "Label: value" whose label is not
 *    one of the seven. The line stays in the location_hours text.
 *  - "invalid_url": a related link or account whose address is invalid.
 *  - "invalid_phone", "invalid_email": the first line of a Teléfono, Fax
 *    or Correo electrónico field whose value template_validate would
 *    reject. The field is null and the line stays in the location_hours
 *    text.
 *  - "faq_without_answer": a question with no answer. It is left out.
 *  - "duplicate_heading": a heading seen before. The lines after it are
 *    added to the section it names.
 *  - "missing_section": a section heading that was not found ("text" is
 *    its Spanish title).
 *  - "missing_name": no text before the first heading.
 * Only the lines listed in the report are missing from the document, and
 * location lines stay in the location_hours text even when reported.
 *
 * The document passes template_validate_service except for the size
 * limits of template.h and a missing name, which the parser does not
 * enforce. Callers that store the result run template_validate_service on
 * it first.
 */
#ifndef LINEA311_TEMPLATE_PARSE_H
#define LINEA311_TEMPLATE_PARSE_H

#include <stddef.h>

#include <jansson.h>

#include "core/error.h"

/* The largest template text accepted, in bytes. */
#define TEMPLATE_PARSE_MAX_BYTES (1024 * 1024)

/*
 * Parse text[0..len) into a new service document (*service_out) and a new
 * unplaced report (*unplaced_out), both owned by the caller.
 * Errors, with nothing stored in the outputs:
 *  - RC_INVALID "empty" when the text contains nothing but spaces and
 *    image placeholders.
 *  - RC_INVALID "invalid_utf8" or "nul_character", with err->field set to
 *    "line:N" for the line at fault.
 *  - RC_INVALID "no_sections" when no section heading is found at all.
 *  - RC_TOO_LARGE "too_large" above TEMPLATE_PARSE_MAX_BYTES.
 */
int template_parse(const char *text, size_t len, json_t **service_out,
		   json_t **unplaced_out, struct error *err);

#endif
