/* test_stats.c - the statistics engine: parameters, the figures of a
 * small imported history worked out by hand, refreshes, the CSV export
 * and the case import's rejections. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#include "app/app.h"
#include "app/case_import.h"
#include "core/clock.h"
#include "core/config.h"
#include "stats/export.h"
#include "stats/internal.h"
#include "stats/report.h"
#include "stats/stats.h"

/* Monday 2026-12-07, 12:00 in Puerto Rico. */
#define NOW "2026-12-07T16:00:00Z"

/*
 * November 2026 has the holidays of 11, 19 and 26 November. The cases:
 *   A  Mon 11-02, contact Tue 11-03, closed Fri 11-06: SLA1 met (1 day),
 *      closing 4 days, SLA2 met
 *   B  Mon 11-02, closed Thu 11-05 with no contact: the closing is the
 *      contact, SLA1 breached (due Wed 11-04), 3 days to both
 *   C  Tue 11-10, new: 16 business days old today
 *   D  Tue 11-10, cancelled, by email
 *   E  Mon 11-30 23:30 local (12-01 in UTC), contact Tue 12-01: SLA1
 *      met, 5 days old
 *   F  in October: outside the period
 *   G  Mon 11-02 by web in Mayagüez by "ana", contact Thu 11-12: SLA1
 *      breached after 7 days, 22 days old
 */
static const char history[] =
	"number,created_at,status,agency,agency_name,service,channel,first_contact_at,closed_at,municipio,operator,description\n"
	"A,2026-11-02T14:00:00Z,closed,TST,\"Agencia de Prueba, Inc.\",Baches,,2026-11-03T15:00:00Z,2026-11-06T20:00:00Z,,,\n"
	"B,2026-11-02 11:00,closed,TST,,Baches,,,2026-11-05T09:00:00-04:00,,,\n"
	"C,2026-11-10T12:00:00Z,new,TST,,Baches,phone,,,,,\n"
	"D,2026-11-10T13:00:00Z,cancelled,TST,,Baches,email,,2026-11-10T14:00:00Z,,,\n"
	"E,2026-12-01T03:30:00Z,in_progress,TST,,Alumbrado,,2026-12-01T13:00:00Z,,,,\n"
	"F,2026-10-31T12:00:00Z,closed,TST,,Baches,,,2026-11-02T12:00:00Z,,,\n"
	"G,2026-11-02T14:00:00Z,contacted,TST,,Baches,web,2026-11-12T14:00:00Z,,mayaguez,ana,\"Bache, grande\"\n";

struct fixture {
	char dir[64];
	struct config cfg;
	struct app app;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct case_import_options opt = { .create_missing = true, .actor = "test" };
	struct error err;
	json_t *report = NULL;
	time_t now;

	assert_int_equal(clock_parse_utc(NOW, &now), 0);
	clock_set_test_start(now);
	snprintf(f->dir, sizeof(f->dir), "/tmp/linea311-stats-XXXXXX");
	if (!mkdtemp(f->dir))
		fail_msg("mkdtemp: %s", strerror(errno));
	config_init(&f->cfg);
	assert_int_equal(config_set(&f->cfg, "data", f->dir, &err), RC_OK);
	if (app_open(&f->app, &f->cfg, &err))
		fail_msg("app_open: %s", err.message_en);
	if (case_import_csv(&f->app, "history.csv", history, strlen(history), &opt, &report, &err))
		fail_msg("import: %s (%s)", err.message_en, err.field);
	assert_int_equal(json_integer_value(json_object_get(report, "imported")), 7);
	assert_int_equal(json_integer_value(json_object_get(report, "agencies_created")), 1);
	assert_int_equal(json_integer_value(json_object_get(report, "services_created")), 2);
	json_decref(report);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	app_close(&f->app);
	config_release(&f->cfg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(f);
	return 0;
}

static json_t *run_query(struct fixture *f, struct stats_query *q)
{
	struct error err;
	json_t *out = NULL;

	if (stats_run(&f->app, q, LANG_ES, &out, &err))
		fail_msg("stats: %s (%s)", err.message_en, err.field);
	return out;
}

static long long get_int(json_t *obj, const char *a, const char *b)
{
	json_t *v = json_object_get(json_object_get(obj, a), b);

	if (!json_is_integer(v))
		fail_msg("%s.%s is not an integer", a, b);
	return json_integer_value(v);
}

static double get_real(json_t *obj, const char *a, const char *b)
{
	json_t *v = json_object_get(json_object_get(obj, a), b);

	if (!json_is_number(v))
		fail_msg("%s.%s is not a number", a, b);
	return json_number_value(v);
}

static struct stats_query november(void)
{
	struct stats_query q = { 0 };
	struct error err;

	assert_int_equal(stats_period_parse("2026-11", "period", &q.from, &q.to, &err), RC_OK);
	return q;
}

static void test_period_parse(void **state)
{
	struct civil_date from, to;
	struct error err;

	(void)state;
	assert_int_equal(stats_period_parse("2024-02", "period", &from, &to, &err), RC_OK);
	assert_int_equal(from.day, 1);
	assert_int_equal(to.day, 29);
	assert_int_equal(stats_period_parse("2026", "period", &from, &to, &err), RC_OK);
	assert_int_equal(to.month, 12);
	assert_int_equal(to.day, 31);
	assert_int_equal(stats_period_parse("2026-12-07", "period", &from, &to, &err), RC_OK);
	assert_int_equal(civil_date_compare(from, to), 0);
	assert_int_equal(stats_period_parse("2026-13", "period", &from, &to, &err), RC_INVALID);
	assert_string_equal(err.field, "period");
	assert_int_equal(stats_period_parse("2026-02-30", "period", &from, &to, &err), RC_INVALID);
	assert_int_equal(stats_period_parse("26-11", "period", &from, &to, &err), RC_INVALID);
	assert_int_equal(stats_period_parse(NULL, "period", &from, &to, &err), RC_INVALID);
}

static void test_dim_parse(void **state)
{
	enum stats_dim dim;
	struct error err;

	(void)state;
	assert_int_equal(stats_dim_parse("municipio", &dim, &err), RC_OK);
	assert_int_equal(dim, STATS_BY_MUNICIPIO);
	assert_int_equal(stats_dim_parse(NULL, &dim, &err), RC_OK);
	assert_int_equal(dim, STATS_BY_NONE);
	assert_int_equal(stats_dim_parse("week", &dim, &err), RC_INVALID);
	assert_string_equal(err.field, "group_by");
}

static void test_local_day_and_hour(void **state)
{
	time_t t;

	(void)state;
	/* 03:30 UTC on 1 December is 23:30 on 30 November in Puerto Rico. */
	assert_int_equal(clock_parse_utc("2026-12-01T03:30:00Z", &t), 0);
	assert_int_equal(stats_local_day(t),
			 civil_days_from_date((struct civil_date){ 2026, 11, 30 }));
	assert_int_equal(stats_local_hour(t), 23);
	assert_int_equal(clock_parse_utc("1969-12-31T23:00:00Z", &t), 0);
	assert_int_equal(stats_local_day(t), -1);
	assert_int_equal(stats_local_hour(t), 19);
}

static void test_totals_by_hand(void **state)
{
	struct fixture *f = *state;
	struct stats_query q = november();
	json_t *out = run_query(f, &q), *t = json_object_get(out, "totals");

	assert_int_equal(get_int(t, "cases", "created"), 6);
	assert_int_equal(get_int(t, "cases", "closed"), 2);
	assert_int_equal(get_int(t, "cases", "pending"), 3);
	assert_int_equal(get_int(t, "cases", "cancelled"), 1);
	assert_int_equal(get_int(t, "sla1", "met"), 2);
	assert_int_equal(get_int(t, "sla1", "breached"), 2);
	assert_int_equal(get_int(t, "sla1", "pending"), 1);
	assert_int_equal(get_int(t, "sla2", "met"), 2);
	assert_int_equal(get_int(t, "sla2", "breached"), 0);
	assert_int_equal(get_int(t, "sla2", "pending"), 3);
	assert_true(fabs(get_real(t, "sla1", "compliance") - 0.5) < 1e-9);
	/* First contact after 1, 3, 1 and 7 business days. */
	assert_int_equal(get_int(t, "business_days_to_first_contact", "count"), 4);
	assert_true(fabs(get_real(t, "business_days_to_first_contact", "median") - 2.0) < 1e-9);
	assert_true(fabs(get_real(t, "business_days_to_first_contact", "average") - 3.0) < 1e-9);
	/* Closing after 4 and 3 business days. */
	assert_true(fabs(get_real(t, "business_days_to_closing", "median") - 3.5) < 1e-9);
	assert_true(fabs(get_real(t, "business_days_to_closing", "average") - 3.5) < 1e-9);
	assert_int_equal(get_int(t, "backlog", "0-2"), 0);
	assert_int_equal(get_int(t, "backlog", "3-5"), 1);
	assert_int_equal(get_int(t, "backlog", "11-30"), 2);
	assert_int_equal(get_int(t, "backlog", ">30"), 0);
	assert_string_equal(json_string_value(json_object_get(out, "today")), "2026-12-07");
	json_decref(out);
}

static void test_group_by_channel_and_day(void **state)
{
	struct fixture *f = *state;
	struct stats_query q = november();
	json_t *out, *groups;

	q.group_by = STATS_BY_CHANNEL;
	out = run_query(f, &q);
	groups = json_object_get(out, "groups");
	assert_int_equal(json_array_size(groups), 6); /* every channel, empty ones too */
	assert_string_equal(json_string_value(json_object_get(json_array_get(groups, 0), "key")), "phone");
	assert_string_equal(json_string_value(json_object_get(json_array_get(groups, 0), "label")), "teléfono");
	assert_int_equal(get_int(json_array_get(groups, 0), "cases", "created"), 4);
	assert_int_equal(get_int(json_array_get(groups, 1), "cases", "created"), 1);  /* email */
	assert_int_equal(get_int(json_array_get(groups, 3), "cases", "created"), 1);  /* web */
	json_decref(out);

	q.group_by = STATS_BY_DAY;
	out = run_query(f, &q);
	groups = json_object_get(out, "groups");
	assert_int_equal(json_array_size(groups), 30);
	assert_string_equal(json_string_value(json_object_get(json_array_get(groups, 29), "key")), "2026-11-30");
	assert_int_equal(get_int(json_array_get(groups, 29), "cases", "created"), 1);
	assert_int_equal(get_int(json_array_get(groups, 1), "cases", "created"), 3);
	json_decref(out);
}

static void test_filters(void **state)
{
	struct fixture *f = *state;
	struct stats_query q = november();
	json_t *out;

	q.municipio = "Mayaguez";
	out = run_query(f, &q);
	assert_int_equal(get_int(json_object_get(out, "totals"), "cases", "created"), 1);
	json_decref(out);

	q.municipio = NULL;
	q.operator = "ana";
	out = run_query(f, &q);
	assert_int_equal(get_int(json_object_get(out, "totals"), "sla1", "breached"), 1);
	json_decref(out);

	q.operator = "nadie";
	out = run_query(f, &q);
	assert_int_equal(get_int(json_object_get(out, "totals"), "cases", "created"), 0);
	json_decref(out);

	q.operator = NULL;
	q.type = "information";
	out = run_query(f, &q);
	assert_int_equal(get_int(json_object_get(out, "totals"), "cases", "created"), 0);
	json_decref(out);
}

/* A case written after the first query reaches the next one through the
 * change log, without a full reload. */
static void test_refresh_applies_changes(void **state)
{
	struct fixture *f = *state;
	struct stats_query q = november();
	struct case_import_row row = {
		.number = "H", .year = 2026, .agency_id = 1, .service_id = 1,
		.channel = "fax", .description = "x", .operator = "test", .status = "new",
		.sla1_days = 2, .sla1_outcome = "pending", .sla2_days = 30,
		.sla2_outcome = "pending",
	};
	struct stats_version before;
	struct error err;
	json_t *out = run_query(f, &q);

	json_decref(out);
	before = f->app.stats->version;
	assert_int_equal(clock_parse_utc("2026-11-20T15:00:00Z", &row.created), 0);
	row.updated = row.created;
	row.sla1_start = row.sla2_start = row.sla1_due = row.sla2_due =
		(struct civil_date){ 2026, 11, 20 };
	assert_int_equal(store_begin(f->app.store, &err), RC_OK);
	assert_int_equal(store_case_import(f->app.store, &row, "test", &err), RC_OK);
	assert_int_equal(store_commit(f->app.store, &err), RC_OK);

	q.channel = "fax";
	out = run_query(f, &q);
	assert_int_equal(get_int(json_object_get(out, "totals"), "cases", "created"), 1);
	/* Business days after Friday 11-20 up to 12-07: 10 (26 November is a holiday). */
	assert_int_equal(get_int(json_object_get(out, "totals"), "backlog", "6-10"), 1);
	assert_int_equal(f->app.stats->version.epoch, before.epoch);
	assert_true(f->app.stats->version.last_change > before.last_change);
	json_decref(out);
}

static void test_csv_export(void **state)
{
	struct fixture *f = *state;
	struct stats_query q = november();
	struct strbuf csv = STRBUF_INIT;
	json_t *out;

	q.group_by = STATS_BY_MUNICIPIO;
	out = run_query(f, &q);
	stats_csv(out, LANG_ES, &csv);
	assert_memory_equal(csv.buf, "\xEF\xBB\xBF", 3);
	assert_non_null(strstr(csv.buf, "\r\nMayagüez,2026-11-01,2026-11-30,"));
	assert_non_null(strstr(csv.buf, "\r\n(sin municipio),2026-11-01,2026-11-30,"));
	assert_non_null(strstr(csv.buf, ",días laborables al cierre: mediana,"));
	assert_non_null(strstr(csv.buf, "\r\nTotal,2026-11-01,2026-11-30,0,0,0,0,0,0,0,0,0,0,0,6,2,3,1,"));
	strbuf_release(&csv);
	json_decref(out);

	/* A label with a comma is quoted. */
	q.group_by = STATS_BY_AGENCY;
	out = run_query(f, &q);
	stats_csv(out, LANG_EN, &csv);
	assert_non_null(strstr(csv.buf, "\r\n\"Agencia de Prueba, Inc.\",2026-11-01,"));
	assert_non_null(strstr(csv.buf, ",business days to closing: median,"));
	strbuf_release(&csv);
	json_decref(out);
}

static void test_import_rejects_rows(void **state)
{
	static const char bad[] =
		"number,created_at,status,agency,service,closed_at\n"
		"R1,2026-11-02T14:00:00Z,new,TST,Baches,\n"
		"R2,2026-11-02T14:00:00Z,new,TST,Baches,1900-01-01T05:00:00Z\n"
		"R3,2026-11-02T14:00:00Z,closed,TST,Baches,\n"
		"A,2026-11-02T14:00:00Z,new,TST,Baches,\n";
	struct fixture *f = *state;
	struct case_import_options opt = { .actor = "test" };
	struct error err;
	json_t *report = NULL, *errors;

	assert_int_equal(case_import_csv(&f->app, "bad.csv", bad, strlen(bad), &opt, &report, &err),
			 RC_INVALID);
	assert_string_equal(err.field, "closed_at");
	assert_non_null(strstr(err.message_en, "bad.csv, line 3"));

	opt.skip_invalid = true;
	assert_int_equal(case_import_csv(&f->app, "bad.csv", bad, strlen(bad), &opt, &report, &err),
			 RC_OK);
	assert_int_equal(json_integer_value(json_object_get(report, "imported")), 1);
	assert_int_equal(json_integer_value(json_object_get(report, "rejected")), 3);
	errors = json_object_get(report, "errors");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(errors, 0), "line")), 3);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(errors, 1), "line")), 4);
	assert_string_equal(json_string_value(json_object_get(json_array_get(errors, 1), "field")), "closed_at");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(errors, 2), "line")), 5);
	assert_string_equal(json_string_value(json_object_get(json_array_get(errors, 2), "field")), "number");
	json_decref(report);
}

static void test_import_unknown_agency(void **state)
{
	static const char text[] =
		"number,created_at,status,agency,service\n"
		"Z1,2026-11-02T14:00:00Z,new,NOPE,Baches\n";
	struct fixture *f = *state;
	struct case_import_options opt = { .actor = "test" };
	struct error err;
	json_t *report = NULL;

	assert_int_equal(case_import_csv(&f->app, "z.csv", text, strlen(text), &opt, &report, &err),
			 RC_INVALID);
	assert_string_equal(err.field, "agency");
}

static void test_report_pdf_and_csv(void **state)
{
	struct fixture *f = *state;
	struct stats_report report;
	struct error err;

	if (stats_report_build(&f->app, 1, (struct civil_date){ 2026, 11, 1 },
			       (struct civil_date){ 2026, 11, 30 }, LANG_ES, &report, &err))
		fail_msg("report: %s", err.message_en);
	assert_string_equal(report.basename, "informe-TST-2026-11");
	assert_string_equal(report.title, "Informe de llamadas y casos: noviembre de 2026");
	assert_true(report.pdf_len > 1000);
	assert_memory_equal(report.pdf, "%PDF-", 5);
	assert_true(report.pages >= 2);
	assert_memory_equal(report.csv, "\xEF\xBB\xBFservicio,desde,hasta,", 24);
	assert_non_null(strstr(report.csv, "\r\nBaches,2026-11-01,2026-11-30,"));
	assert_non_null(strstr(report.csv, "\r\nAlumbrado,2026-11-01,2026-11-30,"));
	stats_report_release(&report);

	assert_int_equal(stats_report_build(&f->app, 99, (struct civil_date){ 2026, 11, 1 },
					    (struct civil_date){ 2026, 11, 30 }, LANG_EN, &report, &err),
			 RC_NOT_FOUND);
	assert_string_equal(err.field, "agency");
}

static void test_period_label(void **state)
{
	char text[80];

	(void)state;
	stats_period_label((struct civil_date){ 2026, 11, 1 }, (struct civil_date){ 2026, 11, 30 },
			   LANG_EN, text, sizeof(text));
	assert_string_equal(text, "November 2026");
	stats_period_label((struct civil_date){ 2026, 1, 1 }, (struct civil_date){ 2026, 12, 31 },
			   LANG_ES, text, sizeof(text));
	assert_string_equal(text, "2026");
	stats_period_label((struct civil_date){ 2026, 11, 1 }, (struct civil_date){ 2026, 11, 15 },
			   LANG_ES, text, sizeof(text));
	assert_string_equal(text, "2026-11-01 – 2026-11-15");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_parse),
		cmocka_unit_test(test_dim_parse),
		cmocka_unit_test(test_local_day_and_hour),
		cmocka_unit_test_setup_teardown(test_totals_by_hand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_by_channel_and_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refresh_applies_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_rejects_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_unknown_agency, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_pdf_and_csv, setup, teardown),
		cmocka_unit_test(test_period_label),
	};

	/* app_close releases the font caches after each test (outbox_close). */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
