/* import_cases.c - `linea311 import --cases` (see import_cases.h). */
#include "core/common.h"
#include "app/case_import.h"
#include "cli/import_cases.h"

/* Rejected rows printed one per line; the rest are only counted. */
#define PRINTED_ERRORS_MAX 50

int import_cases(struct app *app, const char *file, const char *text, size_t len,
		 bool skip_invalid, bool create_missing, struct error *err)
{
	struct case_import_options opt = {
		.skip_invalid = skip_invalid,
		.create_missing = create_missing,
		.actor = "import",
	};
	enum lang lang = app->lang;
	json_t *report = NULL, *errors, *e;
	size_t i;
	int rc;

	rc = case_import_csv(app, file, text, len, &opt, &report, err);
	if (rc)
		return rc;
	printf(TR(lang, "%s: %lld casos importados, %lld filas rechazadas, %lld agencias y %lld servicios creados.\n",
		  "%s: %lld cases imported, %lld rows rejected, %lld agencies and %lld services created.\n"),
	       file, (long long)json_integer_value(json_object_get(report, "imported")),
	       (long long)json_integer_value(json_object_get(report, "rejected")),
	       (long long)json_integer_value(json_object_get(report, "agencies_created")),
	       (long long)json_integer_value(json_object_get(report, "services_created")));
	errors = json_object_get(report, "errors");
	json_array_foreach(errors, i, e) {
		if (i == PRINTED_ERRORS_MAX) {
			printf(TR(lang, "  ... y %zu más\n", "  ... and %zu more\n"),
			       json_array_size(errors) - i);
			break;
		}
		printf("  %s [%s]\n", json_string_value(json_object_get(e, "message")),
		       json_string_value(json_object_get(e, "field")));
	}
	json_decref(report);
	return RC_OK;
}
