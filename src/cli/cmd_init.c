/* cmd_init.c - `linea311 init`: create the data directory and its store. */
#include "core/common.h"
#include "app/kb_import.h"
#include "cli/cli.h"
#include "cli/commands.h"

static const struct cli_flag flags[] = {
	{ "bundled", false, "carga el contenido real incluido: agencias, municipios y la plantilla del 3-1-1",
	  "load the bundled real content: agencies, municipios and the 3-1-1 template" },
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

int cmd_init(int argc, char **argv)
{
	enum lang lang = lang_from_env();
	struct config cfg;
	struct cli_args args;
	struct app app;
	struct error err;
	json_t *report = NULL;
	int rc;

	rc = cli_setup(argc, argv, flags, &cfg, &args);
	if (rc)
		return rc;
	if (cli_given(&args, flags, "help")) {
		cli_print_usage("Uso: linea311 init [--data DIR] [--bundled]",
				"Usage: linea311 init [--data DIR] [--bundled]", flags);
		config_release(&cfg);
		return 0;
	}
	if (args.count) {
		fprintf(stderr, "%s\n", TR(lang, "linea311: init no lleva argumentos; vea «linea311 help init».",
					   "linea311: init takes no arguments; see \"linea311 help init\"."));
		config_release(&cfg);
		return 2;
	}
	if (app_open(&app, &cfg, &err)) {
		cli_print_error(&err);
		config_release(&cfg);
		return 1;
	}
	printf(TR(lang, "Directorio de datos listo: %s (esquema %d)\n",
		  "Data directory ready: %s (schema %d)\n"),
	       config_get(&cfg, "data"), store_schema_version(app.store));
	if (cli_given(&args, flags, "bundled")) {
		if (kb_load_bundled(&app, &report, &err)) {
			cli_print_error(&err);
			rc = 1;
		} else {
			json_t *agencies = json_object_get(report, "agencies");
			json_t *unplaced = json_object_get(json_object_get(report, "template"), "unplaced");

			printf(TR(lang, "Agencias: %lld nuevas, %lld actualizadas; municipios nuevos: %lld.\n",
				  "Agencies: %lld created, %lld updated; new municipios: %lld.\n"),
			       (long long)json_integer_value(json_object_get(agencies, "created")),
			       (long long)json_integer_value(json_object_get(agencies, "updated")),
			       (long long)json_integer_value(json_object_get(report, "municipios")));
			if (json_integer_value(json_object_get(report, "service_id")))
				printf(TR(lang, "Plantilla del 3-1-1 publicada como el servicio %lld (%zu líneas sin ubicar).\n",
					  "3-1-1 template published as service %lld (%zu unplaced lines).\n"),
				       (long long)json_integer_value(json_object_get(report, "service_id")),
				       json_array_size(unplaced));
			else
				printf("%s\n", TR(lang, "La plantilla del 3-1-1 ya estaba cargada.",
						  "The 3-1-1 template was already loaded."));
			json_decref(report);
		}
	}
	app_close(&app);
	config_release(&cfg);
	return rc;
}
