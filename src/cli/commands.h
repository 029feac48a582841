/*
 * commands.h - the subcommands of linea311, one cmd_NAME.c file each.
 * main.c dispatches argv[1] through the commands[] table of commands.c.
 */
#ifndef LINEA311_COMMANDS_H
#define LINEA311_COMMANDS_H

struct command {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the subcommand */
	const char *summary_es;
	const char *summary_en;
};

extern const struct command commands[];

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_cases(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);

#endif
