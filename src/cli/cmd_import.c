/*
 * cmd_import.c - `linea311 import FILE...`: templates (.txt), the
 * knowledge base (.json) and agencies or offices (.csv).
 */
#include "core/common.h"
#include "app/kb_import.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/import_cases.h"

#include <strings.h>

static const struct cli_flag flags[] = {
	{ "agency", true, "agencia dueña de la plantilla: id o siglas (obligatoria para .txt)",
	  "agency that owns the template: id or acronym (required for .txt)" },
	{ "service", true, "guarda la plantilla como una versión nueva de este servicio",
	  "store the template as a new version of this service" },
	{ "publish", false, "publica la plantilla importada", "publish the imported template" },
	{ "referrals", false, "permite referir casos para el servicio", "allow referrals for the service" },
	{ "sla2", true, "días laborables del SLA2 (por omisión 30)", "SLA2 in business days (default 30)" },
	{ "cases", false, "los archivos son historial de casos en CSV (docs/import-cases.md)",
	  "the files are case history as CSV (docs/import-cases.md)" },
	{ "skip-invalid", false, "con --cases: omite y lista las filas inválidas en vez de fallar",
	  "with --cases: skip and list invalid rows instead of failing" },
	{ "create-missing", false, "con --cases: crea las agencias y servicios que no existan",
	  "with --cases: create the agencies and services that do not exist" },
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

static void print_unplaced(enum lang lang, json_t *unplaced)
{
	json_t *u;
	size_t i;

	json_array_foreach(unplaced, i, u) {
		json_t *line = json_object_get(u, "line");

		if (json_is_integer(line))
			printf(TR(lang, "  línea %lld (%s): %s\n", "  line %lld (%s): %s\n"),
			       (long long)json_integer_value(line),
			       json_string_value(json_object_get(u, "reason")),
			       json_string_value(json_object_get(u, "text")));
		else
			printf("  (%s): %s\n", json_string_value(json_object_get(u, "reason")),
			       json_string_value(json_object_get(u, "text")));
	}
}

static int import_one(struct app *app, const char *file, const struct cli_args *args,
		      struct error *err)
{
	enum lang lang = app->lang;
	json_t *report = NULL;
	char *text;
	size_t len;
	int rc;

	rc = cli_read_file(file, &text, &len, err);
	if (rc)
		return rc;
	if (cli_given(args, flags, "cases")) {
		rc = import_cases(app, file, text, len, cli_given(args, flags, "skip-invalid"),
				  cli_given(args, flags, "create-missing"), err);
	} else if (has_suffix(file, ".json")) {
		rc = kb_import_json(app, file, text, len, &report, err);
		if (!rc)
			printf(TR(lang, "%s: %lld agencias, %lld oficinas y %lld servicios importados.\n",
				  "%s: imported %lld agencies, %lld offices and %lld services.\n"), file,
			       (long long)json_integer_value(json_object_get(report, "agencies")),
			       (long long)json_integer_value(json_object_get(report, "offices")),
			       (long long)json_integer_value(json_object_get(report, "services")));
	} else if (has_suffix(file, ".csv")) {
		rc = kb_import_csv(app, file, text, len, &report, err);
		bool agencies = !rc && !strcmp(json_string_value(json_object_get(report, "kind")), "agencies");

		if (!rc)
			printf(TR(lang, "%s: %s, %lld nuevas, %lld actualizadas.\n",
				  "%s: %s, %lld created, %lld updated.\n"), file,
			       agencies ? TR(lang, "agencias", "agencies") : TR(lang, "oficinas", "offices"),
			       (long long)json_integer_value(json_object_get(report, "created")),
			       (long long)json_integer_value(json_object_get(report, "updated")));
	} else {
		struct template_import opt = {
			.publish = cli_given(args, flags, "publish"),
			.referrals_allowed = cli_given(args, flags, "referrals"),
			.actor = "import",
		};
		const char *agency = cli_value(args, flags, "agency");
		const char *service = cli_value(args, flags, "service");
		const char *sla2 = cli_value(args, flags, "sla2");
		long long id;

		if (!agency)
			rc = error_set(err, RC_INVALID, "missing_option", "agency",
				       "Indique la agencia de la plantilla con --agency ID o --agency SIGLAS.",
				       "Name the template's agency with --agency ID or --agency ACRONYM.");
		if (!rc)
			rc = kb_find_agency(app, agency, &opt.agency_id, err);
		if (!rc && service && ((opt.service_id = strtoll(service, NULL, 10)) < 1))
			rc = error_set(err, RC_INVALID, "invalid_option", "service",
				       "--service debe ser el número de un servicio.",
				       "--service must be a service number.");
		if (!rc && sla2 && ((opt.sla2_days = strtoll(sla2, NULL, 10)) < 1 || opt.sla2_days > 365))
			rc = error_set(err, RC_INVALID, "invalid_option", "sla2",
				       "--sla2 debe ser un número de días laborables entre 1 y 365.",
				       "--sla2 must be a number of business days between 1 and 365.");
		if (!rc)
			rc = kb_import_template(app, file, text, len, &opt, &id, &report, err);
		if (!rc) {
			json_t *unplaced = json_object_get(report, "unplaced");

			printf(TR(lang, "%s: servicio %lld, %zu secciones ubicadas, %zu líneas sin ubicar%s\n",
				  "%s: service %lld, %zu sections placed, %zu lines unplaced%s\n"), file, id,
			       json_array_size(json_object_get(report, "sections")),
			       json_array_size(unplaced), json_array_size(unplaced) ? ":" : ".");
			print_unplaced(lang, unplaced);
		}
	}
	json_decref(report);
	free(text);
	return rc;
}

int cmd_import(int argc, char **argv)
{
	struct config cfg;
	struct cli_args args;
	struct app app;
	struct error err;
	int rc;

	rc = cli_setup(argc, argv, flags, &cfg, &args);
	if (rc)
		return rc;
	if (cli_given(&args, flags, "help") || !args.count) {
		cli_print_usage("Uso: linea311 import ARCHIVO... [--agency SIGLAS] [--publish] [--referrals]",
				"Usage: linea311 import FILE... [--agency ACRONYM] [--publish] [--referrals]", flags);
		config_release(&cfg);
		return args.count || cli_given(&args, flags, "help") ? 0 : 2;
	}
	if (app_open(&app, &cfg, &err)) {
		cli_print_error(&err);
		config_release(&cfg);
		return 1;
	}
	for (size_t i = 0; i < args.count && !rc; i++) {
		if (import_one(&app, args.positional[i], &args, &err)) {
			cli_print_error(&err);
			rc = 1;
		}
	}
	app_close(&app);
	config_release(&cfg);
	return rc;
}
