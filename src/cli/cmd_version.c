/* cmd_version.c - `linea311 version` and `linea311 help`. */
#include "core/common.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/version.h"

#include <jansson.h>
#include <microhttpd.h>
#include <sqlite3.h>

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("linea311 %s (SQLite %s, libmicrohttpd %s, jansson %s)\n",
	       LINEA311_VERSION, sqlite3_libversion(), MHD_get_version(),
	       JANSSON_VERSION);
	return 0;
}

int cmd_help(int argc, char **argv)
{
	enum lang lang = lang_from_env();

	if (argc >= 2) {
		for (const struct command *c = commands; c->name; c++) {
			if (!strcmp(c->name, argv[1]) && strcmp(c->name, "help")) {
				char *args[] = { argv[1], (char *)"--help", NULL };

				return c->run(2, args);
			}
		}
	}
	printf("%s\n\n", TR(lang,
		"linea311: sistema de servicios al ciudadano 3-1-1.\n\nUso: linea311 SUBCOMANDO [OPCIONES]",
		"linea311: 3-1-1 citizen-services system.\n\nUsage: linea311 SUBCOMMAND [OPTIONS]"));
	printf("%s\n", TR(lang, "Subcomandos:", "Subcommands:"));
	for (const struct command *c = commands; c->name; c++)
		printf("  %-10s %s\n", c->name, TR(lang, c->summary_es, c->summary_en));
	printf("\n%s\n", TR(lang,
		"«linea311 help SUBCOMANDO» muestra las opciones de cada uno.",
		"\"linea311 help SUBCOMMAND\" shows the options of each one."));
	return 0;
}
