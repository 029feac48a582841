/* cmd_serve.c - `linea311 serve`: the web application and the API. */
#include "core/common.h"
#include "app/workers.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/version.h"
#include "http/server.h"

#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

static const struct cli_flag flags[] = {
	{ "test-clock", true, "inicia el reloj en este instante UTC (solo para pruebas)",
	  "start the clock at this UTC instant (tests only)" },
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

static int start_workers(struct app *app, size_t *started, struct error *err)
{
	for (*started = 0; workers[*started].name; (*started)++) {
		int rc = workers[*started].start(app, err);

		if (rc)
			return rc;
		log_info("serve", "started worker %s", workers[*started].name);
	}
	return RC_OK;
}

static void stop_workers(struct app *app, size_t started)
{
	while (started-- > 0) {
		workers[started].stop(app);
		log_info("serve", "stopped worker %s", workers[started].name);
	}
}

int cmd_serve(int argc, char **argv)
{
	struct config cfg;
	struct cli_args args;
	struct app app;
	struct http_server *server = NULL;
	struct error err;
	sigset_t signals;
	const char *clock_value;
	size_t started = 0;
	long threads;
	int rc, sig = 0;

	rc = cli_setup(argc, argv, flags, &cfg, &args);
	if (rc)
		return rc;
	if (cli_given(&args, flags, "help")) {
		cli_print_usage("Uso: linea311 serve [--data DIR] [--listen HOST:PUERTO]",
				"Usage: linea311 serve [--data DIR] [--listen HOST:PORT]", flags);
		config_release(&cfg);
		return 0;
	}
	if (log_set_level(config_get(&cfg, "log_level"))) {
		error_set(&err, RC_INVALID, "invalid_setting", "log_level",
			  "El nivel de registro «%s» no es válido: use debug, info, warn o error.",
			  "Invalid log level \"%s\": use debug, info, warn or error.",
			  config_get(&cfg, "log_level"));
		goto fail;
	}
	clock_value = cli_value(&args, flags, "test-clock");
	if (!clock_value)
		clock_value = getenv("LINEA311_TEST_CLOCK");
	if (clock_value && *clock_value) {
		time_t start;

		if (clock_parse_utc(clock_value, &start)) {
			error_set(&err, RC_INVALID, "invalid_setting", "test-clock",
				  "El instante «%s» no es válido: use AAAA-MM-DDTHH:MM:SSZ.",
				  "Invalid instant \"%s\": use YYYY-MM-DDTHH:MM:SSZ.", clock_value);
			goto fail;
		}
		clock_set_test_start(start);
		log_warn("serve", "test clock in force: the server's time starts at %s", clock_value);
	}
	if (config_get_long(&cfg, "threads", 0, 256, &threads, &err))
		goto fail;

	/* Block the stop signals in every thread; this one waits for them. */
	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &signals, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* A misspelt --data would otherwise start an empty line. */
	{
		char db[4096];
		struct stat st;

		snprintf(db, sizeof(db), "%s/linea311.db", config_get(&cfg, "data"));
		if (stat(db, &st)) {
			error_set(&err, RC_INVALID, "not_initialised", "data",
				  "El directorio de datos %s no tiene una base de datos. Créela con «linea311 init --data %s» (añada --bundled para cargar el contenido incluido).",
				  "The data directory %s has no database. Create it with \"linea311 init --data %s\" (add --bundled to load the bundled content).",
				  config_get(&cfg, "data"), config_get(&cfg, "data"));
			goto fail;
		}
	}
	if (app_open(&app, &cfg, &err))
		goto fail;
	if (start_workers(&app, &started, &err)) {
		stop_workers(&app, started);
		app_close(&app);
		goto fail;
	}
	if (http_server_start(&app, config_get(&cfg, "listen"), (unsigned)threads,
			      &server, &err)) {
		stop_workers(&app, started);
		app_close(&app);
		goto fail;
	}
	log_info("serve", "linea311 %s serving on %s (port %u), data %s, store %s schema %d",
		 LINEA311_VERSION, config_get(&cfg, "listen"), http_server_port(server),
		 config_get(&cfg, "data"), store_backend(app.store),
		 store_schema_version(app.store));

	sigwait(&signals, &sig);
	log_info("serve", "received %s; finishing requests in flight",
		 sig == SIGTERM ? "SIGTERM" : "SIGINT");
	http_server_stop(server, 10);
	stop_workers(&app, started);
	app_close(&app);
	log_info("serve", "shutdown complete");
	config_release(&cfg);
	return 0;

fail:
	cli_print_error(&err);
	config_release(&cfg);
	return 1;
}
