/*
 * case_import.h - loading a center's case history from the CSV format of
 * docs/import-cases.md (`linea311 import --cases FILE`).
 *
 * Each row becomes a case with its original number, timestamps, status,
 * agency and service. The SLA clocks are computed on the business
 * calendar as if the case had been handled in linea311: SLA1 and SLA2
 * start at the creation, the first contact decides SLA1 and the closing
 * decides SLA2. A closed row without a first contact takes its closing
 * as the first contact, because a case cannot be closed before the
 * agency contacts the citizen.
 *
 * The whole file is one transaction. Without skip_invalid the first
 * invalid row fails the import, naming file, line and field, and nothing
 * changes; with it, invalid rows are listed in the report and the rest
 * is imported. Imported cases notify no one.
 */
#ifndef LINEA311_CASE_IMPORT_H
#define LINEA311_CASE_IMPORT_H

#include <jansson.h>

#include "app/app.h"

struct case_import_options {
	bool skip_invalid;   /* report invalid rows and import the rest */
	bool create_missing; /* create agencies and services not found */
	const char *actor;   /* user name recorded on the history events */
};

/*
 * Import the CSV text data (len bytes) of file. *report receives
 * {"file", "imported", "rejected", "agencies_created",
 * "services_created", "errors": [{"line", "field", "message"}]}, the
 * messages in app->lang.
 */
int case_import_csv(struct app *app, const char *file, const char *data,
		    size_t len, const struct case_import_options *opt,
		    json_t **report, struct error *err);

#endif
