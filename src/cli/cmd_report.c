/*
 * cmd_report.c - `linea311 report --period 2026-11 [--agency ID]`: write
 * the period's report of an agency, or of the whole center, as CSV and
 * PDF; or print the statistics as JSON with --json.
 */
#include "core/common.h"
#include "app/kb_import.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/clock.h"
#include "stats/delivery.h"
#include "stats/report.h"
#include "stats/stats.h"

static const struct cli_flag flags[] = {
	{ "period", true, "período: AAAA, AAAA-MM o AAAA-MM-DD (obligatorio)",
	  "period: YYYY, YYYY-MM or YYYY-MM-DD (required)" },
	{ "agency", true, "agencia del informe: id o siglas (por omisión, todo el centro)",
	  "agency of the report: id or acronym (default: the whole center)" },
	{ "lang", true, "idioma del informe: es o en (por omisión, el de LANG)",
	  "language of the report: es or en (default: that of LANG)" },
	{ "out", true, "directorio donde escribir el CSV y el PDF (por omisión, el actual)",
	  "directory to write the CSV and the PDF in (default: the current one)" },
	{ "json", false, "imprime las estadísticas en JSON en vez de escribir el informe",
	  "print the statistics as JSON instead of writing the report" },
	{ "group-by", true, "con --json: agency, service, operator, channel, type, day, hour o municipio",
	  "with --json: agency, service, operator, channel, type, day, hour or municipio" },
	{ "send", false, "pone en cola el informe del mes para el correo de la agencia (o de cada agencia integrada)",
	  "queue the month's report to the agency's email (or to every integrated agency's)" },
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

static int write_file(const char *dir, const char *name, const char *ext,
		      const char *data, size_t len, struct error *err)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		int saved = errno;

		if (f)
			fclose(f);
		return error_set(err, RC_IO, "write_failed", "out",
				 "No se pudo escribir %s: %s.", "Could not write %s: %s.",
				 path, strerror(saved));
	}
	printf("%s\n", path);
	return RC_OK;
}

/* The test clock of LINEA311_TEST_CLOCK, as `serve --test-clock` has it. */
static int apply_test_clock(struct error *err)
{
	const char *value = getenv("LINEA311_TEST_CLOCK");
	time_t start;

	if (!value || !*value)
		return RC_OK;
	if (clock_parse_utc(value, &start))
		return error_set(err, RC_INVALID, "invalid_setting", "LINEA311_TEST_CLOCK",
				 "Instante inválido «%s»: use AAAA-MM-DDTHH:MM:SSZ.",
				 "Invalid instant \"%s\": use YYYY-MM-DDTHH:MM:SSZ.", value);
	clock_set_test_start(start);
	return RC_OK;
}

static int run(struct app *app, const struct cli_args *args, enum lang lang,
	       struct error *err)
{
	struct stats_query q = { 0 };
	const char *agency = cli_value(args, flags, "agency");
	const char *dir = cli_value(args, flags, "out");
	struct stats_report report;
	json_t *out;
	int rc;

	rc = stats_period_parse(cli_value(args, flags, "period"), "period", &q.from, &q.to, err);
	if (!rc && agency)
		rc = kb_find_agency(app, agency, &q.agency_id, err);
	if (rc)
		return rc;
	if (cli_given(args, flags, "send")) {
		long queued = 0, skipped = 0;

		if (q.from.day != 1 || q.from.month != q.to.month || q.from.year != q.to.year ||
		    q.to.day != civil_days_in_month(q.to.year, q.to.month))
			return error_set(err, RC_INVALID, "invalid_period", "period",
					 "--send envía el informe de un mes: use --period AAAA-MM.",
					 "--send sends a month's report: use --period YYYY-MM.");
		rc = stats_deliver_month(app, q.agency_id, q.from.year, q.from.month, &queued,
					 &skipped, err);
		if (!rc)
			printf(TR(lang, "%ld mensajes en cola, %ld agencias sin correo electrónico.\n",
				  "%ld messages queued, %ld agencies without an email address.\n"),
			       queued, skipped);
		return rc;
	}
	if (cli_given(args, flags, "json")) {
		rc = stats_dim_parse(cli_value(args, flags, "group-by"), &q.group_by, err);
		if (!rc)
			rc = stats_run(app, &q, lang, &out, err);
		if (!rc) {
			json_dumpf(out, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
			printf("\n");
			json_decref(out);
		}
		return rc;
	}
	rc = stats_report_build(app, q.agency_id, q.from, q.to, lang, &report, err);
	if (rc)
		return rc;
	rc = write_file(dir ? dir : ".", report.basename, "csv", report.csv, report.csv_len, err);
	if (!rc)
		rc = write_file(dir ? dir : ".", report.basename, "pdf", report.pdf, report.pdf_len, err);
	stats_report_release(&report);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	struct config cfg;
	struct cli_args args;
	struct app app;
	struct error err;
	const char *lang_value;
	enum lang lang;
	int rc;

	rc = cli_setup(argc, argv, flags, &cfg, &args);
	if (rc)
		return rc;
	if (cli_given(&args, flags, "help") || !cli_given(&args, flags, "period")) {
		cli_print_usage("Uso: linea311 report --period AAAA-MM [--agency SIGLAS] [--lang es|en] [--out DIR] [--json]",
				"Usage: linea311 report --period YYYY-MM [--agency ACRONYM] [--lang es|en] [--out DIR] [--json]",
				flags);
		config_release(&cfg);
		return cli_given(&args, flags, "help") ? 0 : 2;
	}
	lang_value = cli_value(&args, flags, "lang");
	lang = lang_value ? lang_parse(lang_value) : lang_from_env();
	if (apply_test_clock(&err) || app_open(&app, &cfg, &err)) {
		cli_print_error(&err);
		config_release(&cfg);
		return 1;
	}
	rc = run(&app, &args, lang, &err);
	if (rc)
		cli_print_error(&err);
	app_close(&app);
	config_release(&cfg);
	return rc ? 1 : 0;
}
