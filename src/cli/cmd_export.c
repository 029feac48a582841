/* cmd_export.c - `linea311 export [FILE]`: the knowledge base as JSON. */
#include "core/common.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "app/kb_import.h"
#include "store/kb.h"

static const struct cli_flag flags[] = {
	{ "agencies", false, "exporta las agencias en CSV en lugar de la base completa en JSON",
	  "export the agencies as CSV instead of the whole knowledge base as JSON" },
	{ "offices", false, "exporta las oficinas en CSV", "export the offices as CSV" },
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

/* Write data to file ("-": standard output) through a temporary file and
 * a rename, so that a failed export never leaves half a file. */
static int write_file(const char *file, const char *data, size_t len,
		      struct error *err)
{
	char tmp[4096];
	FILE *f;

	if (!strcmp(file, "-"))
		return fwrite(data, 1, len, stdout) == len ? RC_OK :
			error_set(err, RC_IO, "write_failed", NULL,
				  "No se pudo escribir la exportación.", "Could not write the export.");
	snprintf(tmp, sizeof(tmp), "%s.tmp", file);
	f = fopen(tmp, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) || rename(tmp, file)) {
		int e = errno;

		return error_set(err, RC_IO, "write_failed", "file",
				 "No se pudo escribir %s: %s.", "Could not write %s: %s.",
				 file, strerror(e));
	}
	return RC_OK;
}

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
		cli_print_usage("Uso: linea311 export [--agencies | --offices] [ARCHIVO]   (sin archivo: salida estándar)",
				"Usage: linea311 export [--agencies | --offices] [FILE]   (without a file: standard output)", flags);
		config_release(&cfg);
		return args.count > 1 ? 2 : 0;
	}
	file = args.count ? args.positional[0] : "-";
	if (app_open(&app, &cfg, &err)) {
		cli_print_error(&err);
		config_release(&cfg);
		return 1;
	}
	if (cli_given(&args, flags, "agencies") || cli_given(&args, flags, "offices")) {
		struct strbuf csv = STRBUF_INIT;

		rc = kb_export_csv(&app, cli_given(&args, flags, "agencies") ? "agencies" : "offices",
				   &csv, &err);
		if (!rc)
			rc = write_file(file, csv.buf, csv.len, &err);
		strbuf_release(&csv);
	} else {
		rc = store_kb_export(app.store, &kb, &err);
	}
	if (!rc && kb) {
		char *text = json_dumps(kb, JSON_INDENT(1));

		rc = write_file(file, text, strlen(text), &err);
		if (!rc && !strcmp(file, "-"))
			putchar('\n');
		free(text);
	}
	if (rc)
		cli_print_error(&err);
	json_decref(kb);
	app_close(&app);
	config_release(&cfg);
	return rc ? 1 : 0;
}
