/*
 * cmd_calendar.c - `linea311 calendar`: holidays, closures and due dates
 * from a shell.
 *
 *   calendar holiday add DATE [NAME]     calendar holiday remove DATE
 *   calendar closure add DATE [NAME]     calendar closure remove DATE
 *   calendar halfday add DATE [NAME]     calendar halfday remove DATE
 *   calendar due DATETIME N              calendar list [YEAR]
 *   calendar import FILE                 calendar confirm YEAR
 *
 * `due` prints the due date as YYYY-MM-DD on its first line, then one line
 * per holiday or closure it skipped: date, kind and name, tab-separated.
 * Every subcommand warns on standard error from 1 November while the next
 * year's list is unconfirmed.
 */
#include "core/common.h"
#include "app/app.h"
#include "app/calendar_import.h"
#include "app/calendar_service.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/clock.h"

static const struct cli_flag flags[] = {
	{ "actor", true, "nombre con el que se registran los cambios",
	  "name under which the changes are recorded" },
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

static const char usage_es[] =
	"Uso: linea311 calendar holiday|closure|halfday add FECHA [NOMBRE]\n"
	"     linea311 calendar holiday|closure|halfday remove FECHA\n"
	"     linea311 calendar due FECHA-HORA N\n"
	"     linea311 calendar list [AÑO]\n"
	"     linea311 calendar import ARCHIVO.csv|ARCHIVO.ics\n"
	"     linea311 calendar confirm AÑO\n"
	"FECHA es AAAA-MM-DD; FECHA-HORA es AAAA-MM-DDTHH:MM con Z o un desfase,\n"
	"o sin él en hora de Puerto Rico.";
static const char usage_en[] =
	"Usage: linea311 calendar holiday|closure|halfday add DATE [NAME]\n"
	"       linea311 calendar holiday|closure|halfday remove DATE\n"
	"       linea311 calendar due DATETIME N\n"
	"       linea311 calendar list [YEAR]\n"
	"       linea311 calendar import FILE.csv|FILE.ics\n"
	"       linea311 calendar confirm YEAR\n"
	"DATE is YYYY-MM-DD; DATETIME is YYYY-MM-DDTHH:MM with Z or an offset,\n"
	"or without one in Puerto Rico time.";

static int wrong_usage(enum lang lang)
{
	fprintf(stderr, "%s\n", TR(lang, usage_es, usage_en));
	return 2;
}

/* Parse a positive integer of at most max into *value. */
static bool parse_number(const char *text, long max, long *value)
{
	char *end;

	errno = 0;
	*value = strtol(text, &end, 10);
	return !errno && *text && !*end && *value >= 1 && *value <= max;
}

static void print_entry(const struct calendar_entry *entry, enum lang lang)
{
	char date[CIVIL_DATE_LEN];

	civil_date_format(entry->date, date);
	printf("%s\t%s\t%s\n", date, calendar_kind_label(entry->kind, lang),
	       entry->name);
}

static int run_edit(struct app *app, const char *kind_word,
		    const char *const *args, size_t count, const char *actor,
		    struct error *err)
{
	struct calendar_change_result result = { 0 };
	struct calendar_entry entry = { .kind = CALENDAR_HOLIDAY };
	enum lang lang = app->lang;
	int rc;

	if (!strcmp(kind_word, "closure"))
		entry.kind = CALENDAR_CLOSURE;
	else if (!strcmp(kind_word, "halfday"))
		entry.kind = CALENDAR_HALF_DAY;
	if (count < 2 || count > 3 ||
	    (strcmp(args[0], "add") && strcmp(args[0], "remove")) ||
	    (!strcmp(args[0], "remove") && count != 2))
		return -1;
	rc = civil_date_parse(args[1], "date", &entry.date, err);
	if (rc)
		return rc;

	if (!strcmp(args[0], "add")) {
		if (count == 3)
			snprintf(entry.name, sizeof(entry.name), "%s", args[2]);
		rc = calendar_service_add(app, &entry, actor, &result, err);
		if (!rc)
			printf(TR(lang, "Añadido: %s %s «%s».\n",
				  "Added: %s %s \"%s\".\n"),
			       calendar_kind_label(entry.kind, lang), args[1],
			       entry.name);
	} else {
		rc = calendar_service_remove(app, entry.date, entry.kind, actor,
					     &result, err);
		if (!rc)
			printf(TR(lang, "Eliminado: %s %s.\n",
				  "Removed: %s %s.\n"),
			       calendar_kind_label(entry.kind, lang), args[1]);
	}
	if (!rc)
		printf(TR(lang,
			  "Casos abiertos con nuevas fechas límite: %ld.\n",
			  "Open cases with new due dates: %ld.\n"),
		       result.cases_recomputed);
	return rc;
}

static int run_due(struct app *app, const char *const *args, size_t count,
		   struct error *err)
{
	struct calendar_entry_list skipped = { NULL, 0, 0 };
	const struct calendar *cal;
	struct civil_date due;
	char text[CIVIL_DATE_LEN];
	time_t instant;
	long days;
	int rc;

	if (count != 2)
		return -1;
	rc = civil_instant_parse(args[0], "DATETIME", &instant, err);
	if (rc)
		return rc;
	if (!parse_number(args[1], CALENDAR_MAX_BUSINESS_DAYS, &days))
		return error_set(err, RC_INVALID, "invalid_days", "N",
				 "N debe ser un número de días laborables entre "
				 "1 y %d, no «%s».",
				 "N must be a number of business days between 1 "
				 "and %d, not \"%s\".",
				 CALENDAR_MAX_BUSINESS_DAYS, args[1]);
	rc = calendar_service_get(app, &cal, err);
	if (rc)
		return rc;
	rc = calendar_add_business_days(cal, civil_local_date(instant),
					(int)days, &due, &skipped, err);
	calendar_service_put(cal);
	if (!rc) {
		civil_date_format(due, text);
		printf("%s\n", text);
		for (size_t i = 0; i < skipped.count; i++) {
			if (skipped.items[i].kind != CALENDAR_WEEKEND)
				print_entry(&skipped.items[i], app->lang);
		}
	}
	calendar_entry_list_release(&skipped);
	return rc;
}

static int run_list(struct app *app, const char *const *args, size_t count,
		    struct error *err)
{
	json_t *year_json = NULL, *entry;
	long year = civil_local_date(clock_now()).year;
	size_t i;
	int rc;

	if (count > 1 || (count == 1 && !parse_number(args[0], CIVIL_YEAR_MAX,
						      &year)))
		return -1;
	rc = calendar_service_year(app, (int)year, app->lang, &year_json, err);
	if (rc)
		return rc;
	printf(TR(app->lang, "Año %ld (%s, %s)\n", "Year %ld (%s, %s)\n"), year,
	       json_string_value(json_object_get(year_json, "source")),
	       json_is_true(json_object_get(year_json, "confirmed"))
		       ? TR(app->lang, "confirmado", "confirmed")
		       : TR(app->lang, "sin confirmar", "unconfirmed"));
	json_array_foreach(json_object_get(year_json, "entries"), i, entry) {
		printf("%s\t%s\t%s\n",
		       json_string_value(json_object_get(entry, "date")),
		       json_string_value(json_object_get(entry, "kind_label")),
		       json_string_value(json_object_get(entry, "name")));
	}
	json_decref(year_json);
	return RC_OK;
}

static int run_import(struct app *app, const char *const *args, size_t count,
		      const char *actor, struct error *err)
{
	struct calendar_change_result result = { 0 };
	struct calendar_entry_list list = { NULL, 0, 0 };
	json_t *years = NULL, *year;
	size_t len, i;
	char *data;
	int rc;

	if (count != 1)
		return -1;
	rc = cli_read_file(args[0], &data, &len, err);
	if (rc)
		return rc;
	rc = calendar_import_parse(args[0], data, len, &list, err);
	free(data);
	if (!rc)
		rc = calendar_service_import(app, list.items, list.count, actor,
					     &years, &result, err);
	if (!rc) {
		printf(TR(app->lang, "Importados %zu días en los años:",
			  "Imported %zu days in the years:"),
		       list.count);
		json_array_foreach(years, i, year)
			printf(" %lld", (long long)json_integer_value(year));
		printf("\n%s\n",
		       TR(app->lang,
			  "Cada año queda sin confirmar: revíselo y ejecute "
			  "«linea311 calendar confirm AÑO».",
			  "Each year is now unconfirmed: review it and run "
			  "\"linea311 calendar confirm YEAR\"."));
		printf(TR(app->lang,
			  "Casos abiertos con nuevas fechas límite: %ld.\n",
			  "Open cases with new due dates: %ld.\n"),
		       result.cases_recomputed);
	}
	json_decref(years);
	calendar_entry_list_release(&list);
	return rc;
}

static int run_confirm(struct app *app, const char *const *args, size_t count,
		       const char *actor, struct error *err)
{
	long year;
	int rc;

	if (count != 1 || !parse_number(args[0], CIVIL_YEAR_MAX, &year))
		return -1;
	rc = calendar_service_confirm(app, (int)year, actor, err);
	if (!rc)
		printf(TR(app->lang, "Lista de %ld confirmada.\n",
			  "List of %ld confirmed.\n"),
		       year);
	return rc;
}

/* Apply LINEA311_TEST_CLOCK as serve does, so that tests can check the
 * November warning. */
static void apply_test_clock(void)
{
	const char *value = getenv("LINEA311_TEST_CLOCK");
	time_t start;

	if (value && *value && !clock_parse_utc(value, &start))
		clock_set_test_start(start);
}

int cmd_calendar(int argc, char **argv)
{
	struct config cfg;
	struct cli_args args;
	struct app app;
	struct error err;
	const char *const *rest;
	const char *verb, *actor;
	json_t *warning;
	size_t count;
	int rc;

	rc = cli_setup(argc, argv, flags, &cfg, &args);
	if (rc)
		return rc;
	if (cli_given(&args, flags, "help")) {
		cli_print_usage(usage_es, usage_en, flags);
		config_release(&cfg);
		return 0;
	}
	if (args.count < 1) {
		config_release(&cfg);
		return wrong_usage(lang_from_env());
	}
	apply_test_clock();
	verb = args.positional[0];
	rest = args.positional + 1;
	count = args.count - 1;
	actor = cli_value(&args, flags, "actor");
	if (!actor)
		actor = "cli";

	if (app_open(&app, &cfg, &err)) {
		cli_print_error(&err);
		config_release(&cfg);
		return 1;
	}
	if (!strcmp(verb, "holiday") || !strcmp(verb, "closure") ||
	    !strcmp(verb, "halfday"))
		rc = run_edit(&app, verb, rest, count, actor, &err);
	else if (!strcmp(verb, "due"))
		rc = run_due(&app, rest, count, &err);
	else if (!strcmp(verb, "list"))
		rc = run_list(&app, rest, count, &err);
	else if (!strcmp(verb, "import"))
		rc = run_import(&app, rest, count, actor, &err);
	else if (!strcmp(verb, "confirm"))
		rc = run_confirm(&app, rest, count, actor, &err);
	else
		rc = -1;

	warning = calendar_service_warning(&app, clock_now(), app.lang);
	if (warning) {
		fprintf(stderr, "linea311: %s\n",
			json_string_value(json_object_get(warning, "message")));
		json_decref(warning);
	}
	app_close(&app);
	config_release(&cfg);
	if (rc < 0)
		return wrong_usage(lang_from_env());
	if (rc) {
		cli_print_error(&err);
		return 1;
	}
	return 0;
}
