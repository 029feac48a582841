/*
 * cli.h - parsing the command line of linea311's subcommands.
 *
 * Every subcommand accepts the settings' flags (--data DIR, --listen
 * HOST:PORT, ... see core/config.c) plus its own flags. Flags take their
 * value as "--flag VALUE" or "--flag=VALUE". Exit codes: 0 success, 1
 * failure, 2 wrong usage.
 */
#ifndef LINEA311_CLI_H
#define LINEA311_CLI_H

#include "core/config.h"

#define CLI_MAX_FLAGS 24
#define CLI_MAX_POSITIONAL 16

struct cli_flag {
	const char *name;  /* without dashes */
	bool takes_value;
	const char *help_es;
	const char *help_en;
};

struct cli_args {
	const char *positional[CLI_MAX_POSITIONAL];
	size_t count;
	const char *values[CLI_MAX_FLAGS]; /* by index in the flag table */
	bool set[CLI_MAX_FLAGS];
};

/*
 * Parse argv (argv[0] is the subcommand) against flags (terminated by a
 * NULL name) and fill cfg with defaults, the configuration file, the
 * environment and the setting flags, in that order of precedence. Prints
 * the error and returns 2 on wrong usage, with cfg already released.
 */
int cli_setup(int argc, char **argv, const struct cli_flag *flags,
	      struct config *cfg, struct cli_args *args);

/* Return the value of flag name (NULL when absent) / whether it was given. */
const char *cli_value(const struct cli_args *args, const struct cli_flag *flags,
		      const char *name);
bool cli_given(const struct cli_args *args, const struct cli_flag *flags,
	       const char *name);

/* Print err to stderr in the user's language, prefixed by "linea311: ". */
void cli_print_error(const struct error *err);

/* Print a usage line and the flags of a subcommand. */
void cli_print_usage(const char *usage_es, const char *usage_en,
		     const struct cli_flag *flags);

/* Read a whole file (or standard input for "-") into a NUL-terminated
 * buffer; *len excludes the NUL. */
int cli_read_file(const char *path, char **data, size_t *len, struct error *err);

#endif
