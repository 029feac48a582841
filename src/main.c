/* main.c - dispatch to the subcommand named by argv[1]. */
#include "core/common.h"
#include "cli/commands.h"
#include "core/i18n.h"

int main(int argc, char **argv)
{
	enum lang lang = lang_from_env();

	if (argc < 2)
		return cmd_help(argc, argv);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--version"))
		return cmd_version(argc - 1, argv + 1);
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, argv[1]))
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "%s\n", TR(lang,
		"linea311: ese subcomando no existe; vea «linea311 help».",
		"linea311: no such subcommand; see \"linea311 help\"."));
	return 2;
}
