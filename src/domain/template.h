/*
 * template.h - the shape of a service template and its validation.
 *
 * A template is the structured content of one service. In JSON it is the
 * "template" member of a service document:
 *
 *   {
 *     "name": {"es": "...", "en": null},
 *     "template": {
 *       "description":    TEXT,   "audience":     TEXT,
 *       "considerations": TEXT,   "location_hours": TEXT,
 *       "cost_payment":   TEXT,   "requirements": TEXT,
 *       "faq": [{"question": TEXT, "answer": TEXT}, ...],
 *       "related_links": [{"kind": "document" | "web", "title": TEXT,
 *                          "url": "http(s)://..." | null}, ...],
 *       "social_media": [{"network": "Facebook", "account": "911PR",
 *                         "url": "http(s)://..." | null}, ...],
 *       "location": {"place", "directory", "hours", "contact", "phone",
 *                    "fax", "email": string | null},
 *       "disclaimer": TEXT
 *     }
 *   }
 *
 * TEXT is {"es": string | null, "en": string | null}. Section text contains
 * one paragraph per line, with "\n" between them. A bullet-list item is a
 * line starting with "- ", and a numbered item keeps its number ("1. ").
 */
#ifndef LINEA311_TEMPLATE_H
#define LINEA311_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/error.h"

/* The nine sections of a template, in the order a template lists them. */
enum template_section_id {
	TEMPLATE_DESCRIPTION = 0,
	TEMPLATE_AUDIENCE,
	TEMPLATE_CONSIDERATIONS,
	TEMPLATE_LOCATION_HOURS,
	TEMPLATE_COST_PAYMENT,
	TEMPLATE_REQUIREMENTS,
	TEMPLATE_FAQ,
	TEMPLATE_RELATED_LINKS,
	TEMPLATE_SOCIAL_MEDIA,
	TEMPLATE_SECTION_COUNT
};

/* Storage form of a section's content in the template JSON. */
enum template_section_kind {
	TEMPLATE_KIND_TEXT,          /* TEXT */
	TEMPLATE_KIND_FAQ,           /* array of question/answer pairs */
	TEMPLATE_KIND_LINKS,         /* array of related links */
	TEMPLATE_KIND_SOCIAL,        /* array of social-media accounts */
};

/* One template section: its JSON key and its title in both languages. */
struct template_section {
	enum template_section_id id;
	const char *key;
	const char *title_es;
	const char *title_en;
	enum template_section_kind kind;
};

/* The nine sections, indexed by enum template_section_id. */
extern const struct template_section template_sections[TEMPLATE_SECTION_COUNT];

/* Return the section whose JSON key is key, or NULL. */
const struct template_section *template_section_find(const char *key);

/* Size limits that template_validate enforces, in bytes of UTF-8. */
#define TEMPLATE_MAX_NAME 300
#define TEMPLATE_MAX_SECTION_TEXT 32768
#define TEMPLATE_MAX_QUESTION 1000
#define TEMPLATE_MAX_ANSWER 8192
#define TEMPLATE_MAX_FAQ 200
#define TEMPLATE_MAX_LINK_TITLE 500
#define TEMPLATE_MAX_LINKS 100
#define TEMPLATE_MAX_URL 2048
#define TEMPLATE_MAX_NETWORK 40
#define TEMPLATE_MAX_ACCOUNT 200
#define TEMPLATE_MAX_SOCIAL 30
#define TEMPLATE_MAX_LOCATION_FIELD 1000
#define TEMPLATE_MAX_DISCLAIMER 2000


/*
 * Validate the "template" object of a service document (see the top of
 * this file) as it comes from the API. The checks cover every member's
 * type, unknown members, valid UTF-8 without NUL and the TEMPLATE_MAX_*
 * limits. They also require FAQ entries with both a question and an
 * answer, http/https URLs, email syntax and phone/fax text. Absent and
 * null members are accepted as empty.
 * Returns RC_OK, or RC_INVALID with err->field set to a JSON path such as
 * "template.faq[2].answer.es".
 */
int template_validate(json_t *tmpl, struct error *err);

/* Validate a whole service document: "name" (Spanish name required) and
 * "template" as template_validate does. Other members are left to the
 * caller. */
int template_validate_service(json_t *service, struct error *err);

#endif
