/*
 * bench_stats.c - time the statistics engine over a data directory.
 * It times the first load of the columnar copy, then runs each query of
 * a fixed list REPEATS times through stats_run, which does what GET
 * /api/v1/stats does: the change-log check, the labels and the scan. It
 * prints the process's memory before and after the load.
 *
 * Usage: bench_stats DATA_DIR YEAR [REPEATS]   (REPEATS default 20)
 * "Today" comes from LINEA311_TEST_CLOCK when it is set.
 */
#include "core/common.h"
#include "app/app.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "stats/stats.h"

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Return the value in kB of a field ("VmRSS:", "VmHWM:") of
 * /proc/self/status, or -1. */
static long proc_status_kb(const char *field)
{
	char line[256];
	long value = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, strlen(field)))
			value = strtol(line + strlen(field), NULL, 10);
	fclose(f);
	return value;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct bench_query {
	const char *name;
	const char *period; /* "Y" for the year, "M" for its June */
	enum stats_dim group_by;
	bool one_agency;
};

static const struct bench_query queries[] = {
	{ "year, totals", "Y", STATS_BY_NONE, false },
	{ "year, by agency", "Y", STATS_BY_AGENCY, false },
	{ "year, by service", "Y", STATS_BY_SERVICE, false },
	{ "year, by day", "Y", STATS_BY_DAY, false },
	{ "year, by operator", "Y", STATS_BY_OPERATOR, false },
	{ "year, one agency by service", "Y", STATS_BY_SERVICE, true },
	{ "month, totals", "M", STATS_BY_NONE, false },
	{ "month, by agency", "M", STATS_BY_AGENCY, false },
	{ "month, by day", "M", STATS_BY_DAY, false },
	{ "month, by hour", "M", STATS_BY_HOUR, false },
	{ "month, one agency by service", "M", STATS_BY_SERVICE, true },
};

int main(int argc, char **argv)
{
	struct config cfg;
	struct app app;
	struct error err;
	struct stats_cache_info info;
	const char *test_clock = getenv("LINEA311_TEST_CLOCK");
	int repeats = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 20;
	long rss_before, rss_after;
	char month[16];
	double t0, load;

	if (argc < 3 || repeats < 1) {
		fprintf(stderr, "usage: bench_stats DATA_DIR YEAR [REPEATS]\n");
		return 2;
	}
	if (test_clock && *test_clock) {
		time_t start;

		if (clock_parse_utc(test_clock, &start)) {
			fprintf(stderr, "invalid LINEA311_TEST_CLOCK: use YYYY-MM-DDTHH:MM:SSZ\n");
			return 2;
		}
		clock_set_test_start(start);
	}
	snprintf(month, sizeof(month), "%.4s-06", argv[2]);
	config_init(&cfg);
	if (config_set(&cfg, "data", argv[1], &err) || app_open(&app, &cfg, &err)) {
		fprintf(stderr, "open: %s\n", err.message_en);
		return 1;
	}
	log_set_level("warn");

	rss_before = proc_status_kb("VmRSS:");
	t0 = seconds_now();
	if (stats_cache_refresh(app.stats, app.store, &err)) {
		fprintf(stderr, "load: %s\n", err.message_en);
		return 1;
	}
	load = seconds_now() - t0;
	rss_after = proc_status_kb("VmRSS:");
	stats_cache_info(app.stats, &info);
	printf("load: %zu cases, %zu calls in %.2f s; columns %.1f MB; "
	       "RSS %.1f MB before, %.1f MB after (peak %.1f MB)\n",
	       info.cases, info.calls, load, (double)info.bytes / 1e6,
	       (double)rss_before / 1024, (double)rss_after / 1024,
	       (double)proc_status_kb("VmHWM:") / 1024);

	printf("%-30s %10s %10s %10s   %s\n", "query", "min ms", "median ms", "max ms", "cases");
	for (size_t i = 0; i < ARRAY_SIZE(queries); i++) {
		const struct bench_query *b = &queries[i];
		struct stats_query q = { .group_by = b->group_by, .agency_id = b->one_agency ? 1 : 0 };
		double *times = xcalloc((size_t)repeats, sizeof(*times));
		long long created = 0;

		if (stats_period_parse(*b->period == 'Y' ? argv[2] : month, "period", &q.from,
				       &q.to, &err)) {
			fprintf(stderr, "period: %s\n", err.message_en);
			return 1;
		}
		for (int r = 0; r < repeats; r++) {
			json_t *out;

			t0 = seconds_now();
			if (stats_run(&app, &q, LANG_ES, &out, &err)) {
				fprintf(stderr, "%s: %s\n", b->name, err.message_en);
				return 1;
			}
			times[r] = (seconds_now() - t0) * 1000;
			created = json_integer_value(json_object_get(json_object_get(
				json_object_get(out, "totals"), "cases"), "created"));
			json_decref(out);
		}
		qsort(times, (size_t)repeats, sizeof(*times), compare_double);
		printf("%-30s %10.1f %10.1f %10.1f   %lld\n", b->name, times[0],
		       times[repeats / 2], times[repeats - 1], created);
		free(times);
	}
	printf("peak RSS %.1f MB\n", (double)proc_status_kb("VmHWM:") / 1024);
	app_close(&app);
	config_release(&cfg);
	return 0;
}
