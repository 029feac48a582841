/* cmd_export.c - `linea311 export [FILE]`: the knowledge base as JSON. */
#include "core/common.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "app/app.h"
#include "store/kb.h"

static const struct cli_flag flags[] = {
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

int cmd_export(int argc, char **argv)
{
	struct config cfg;
	struct cli_args args;
	struct app app;
	struct error err;
	json_t *kb = NULL;
	const char *file;
	int rc;

	rc = cli_setup(argc, argv, flags, &cfg, &args);
	if (rc)
		return rc;
	if (cli_given(&args, flags, "help") || args.count > 1) {
		cli_print_usage("Uso: linea311 export [ARCHIVO.json]   (sin archivo: salida estándar)",
				"Usage: linea311 export [FILE.json]   (without a file: standard output)", flags);
		config_release(&cfg);
		return args.count > 1 ? 2 : 0;
	}
	file = args.count ? args.positional[0] : "-";
	if (app_open(&app, &cfg, &err)) {
		cli_print_error(&err);
		config_release(&cfg);
		return 1;
	}
	rc = store_kb_export(app.store, &kb, &err);
	if (!rc) {
		/* Write to a temporary file and rename it, so that a failed
		 * export never leaves half a file under the final name. */
		size_t flags_out = JSON_INDENT(1);

		if (!strcmp(file, "-")) {
			if (json_dumpf(kb, stdout, flags_out) || fputc('\n', stdout) == EOF)
				rc = error_set(&err, RC_IO, "write_failed", NULL,
					       "No se pudo escribir la exportación.", "Could not write the export.");
		} else {
			char tmp[4096];

			snprintf(tmp, sizeof(tmp), "%s.tmp", file);
			if (json_dump_file(kb, tmp, flags_out) || rename(tmp, file))
				rc = error_set(&err, RC_IO, "write_failed", "file",
					       "No se pudo escribir %s: %s.", "Could not write %s: %s.",
					       file, strerror(errno));
		}
	}
	if (rc)
		cli_print_error(&err);
	json_decref(kb);
	app_close(&app);
	config_release(&cfg);
	return rc ? 1 : 0;
}
