/*
 * kb_import.h - loading content into the knowledge base: the content
 * office's template documents, the knowledge base as JSON, agencies and
 * offices as CSV, and the real content bundled with linea311.
 *
 * Every import runs in one transaction: a failed import changes nothing,
 * and its error names the file, the line (or JSON path) and the field.
 */
#ifndef LINEA311_KB_IMPORT_H
#define LINEA311_KB_IMPORT_H

#include "app/app.h"
#include "core/strbuf.h"

struct template_import {
	long long agency_id;   /* owner of the new service */
	long long service_id;  /* > 0: store as a new version of this service */
	bool publish;          /* take the service through review to published */
	bool referrals_allowed;
	long long sla2_days;   /* 0: keep the default of 30 */
	const char *actor;
};

/*
 * Import one template document. On success *id is the service and
 * *report contains {"service_id", "sections": [keys found], "unplaced":
 * [...]} (see template_parse.h for the unplaced entries).
 */
int kb_import_template(struct app *app, const char *file, const char *text,
		       size_t len, const struct template_import *opt,
		       long long *id, json_t **report, struct error *err);

/* Import a knowledge base written by `linea311 export` into a store that has no
 * agencies, offices or services with the same ids. */
int kb_import_json(struct app *app, const char *file, const char *text,
		   size_t len, json_t **report, struct error *err);

/*
 * Import agencies or offices from CSV, recognised by their header (see
 * docs/import-formats.md). Agencies are matched by acronym, or by name
 * when they have none, and updated; others are created. Offices are
 * matched by agency and name.
 */
int kb_import_csv(struct app *app, const char *file, const char *text,
		  size_t len, json_t **report, struct error *err);

/* Write every live agency or office ("agencies" or "offices") as CSV in
 * the columns kb_import_csv reads, starting with a UTF-8 byte-order mark. */
int kb_export_csv(struct app *app, const char *kind, struct strbuf *out,
		  struct error *err);

/* Load the bundled content: agencies, the 78 municipios and the seed
 * template, published and open to referrals. Safe to run twice. */
int kb_load_bundled(struct app *app, json_t **report, struct error *err);

/* Resolve an agency given as an id or an acronym. */
int kb_find_agency(struct app *app, const char *id_or_acronym, long long *id,
		   struct error *err);

#endif
