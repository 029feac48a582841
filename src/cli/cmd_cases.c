/*
 * cmd_cases.c - `linea311 cases sweep`: run the SLA sweep once from a
 * shell (the server runs it every minute by itself), for example from
 * cron while the server is down. It prints how many cases got new due
 * dates and how many became at risk or overdue.
 */
#include "core/common.h"
#include "app/app.h"
#include "app/case_service.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/clock.h"

static const struct cli_flag flags[] = {
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

int cmd_cases(int argc, char **argv)
{
	struct config cfg;
	struct cli_args args;
	struct app app;
	struct error err;
	const char *clock_value;
	long dues = 0, alarms = 0;
	time_t start;
	int rc;

	rc = cli_setup(argc, argv, flags, &cfg, &args);
	if (rc)
		return rc;
	if (cli_given(&args, flags, "help") || args.count != 1 ||
	    strcmp(args.positional[0], "sweep")) {
		cli_print_usage("Uso: linea311 cases sweep",
				"Usage: linea311 cases sweep", flags);
		config_release(&cfg);
		return cli_given(&args, flags, "help") ? 0 : 2;
	}
	/* The same test clock as serve, so that tests can sweep later. */
	clock_value = getenv("LINEA311_TEST_CLOCK");
	if (clock_value && *clock_value && !clock_parse_utc(clock_value, &start))
		clock_set_test_start(start);

	if (app_open(&app, &cfg, &err)) {
		cli_print_error(&err);
		config_release(&cfg);
		return 1;
	}
	rc = case_service_sweep(&app, clock_now(), &dues, &alarms, &err);
	if (rc)
		cli_print_error(&err);
	else
		printf(TR(app.lang,
			  "Casos con nuevas fechas límite: %ld; casos que "
			  "pasaron a en riesgo o vencido: %ld.\n",
			  "Cases with new due dates: %ld; cases that became at "
			  "risk or overdue: %ld.\n"),
		       dues, alarms);
	app_close(&app);
	config_release(&cfg);
	return rc ? 1 : 0;
}
