/*
 * import_cases.h - the `linea311 import --cases FILE` part of the import
 * command: loads case history (app/case_import.h) and prints its report.
 */
#ifndef LINEA311_CLI_IMPORT_CASES_H
#define LINEA311_CLI_IMPORT_CASES_H

#include "app/app.h"

/* Import the case CSV text of file and print what was imported and each
 * rejected row. Returns the import's result code. */
int import_cases(struct app *app, const char *file, const char *text, size_t len,
		 bool skip_invalid, bool create_missing, struct error *err);

#endif
