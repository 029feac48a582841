/* metrics.c - Prometheus metrics (see metrics.h). */
#include "core/common.h"
#include "http/metrics.h"
#include "http/router.h"

#include <pthread.h>
#include <stdatomic.h>

static const unsigned statuses[] = {
	200, 201, 204, 301, 302, 304, 400, 401, 403, 404, 405, 409, 413, 415,
	422, 423, 429, 500, 503, 0, /* 0: any other */
};
static const char *const methods[] = {
	"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "OTHER",
};
static const double buckets[] = {
	0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
};

#define NSTATUS ARRAY_SIZE(statuses)
#define NMETHOD ARRAY_SIZE(methods)
#define NBUCKET (ARRAY_SIZE(buckets) + 1)

struct route_metrics {
	atomic_ulong count[NMETHOD][NSTATUS];
	atomic_ulong bucket[NBUCKET];
	atomic_ulong sum_us;
};

struct gauge {
	const char *name, *help;
	double value;
};

static struct route_metrics *table;
static size_t table_size;
static struct gauge gauges[32];
static size_t gauge_count;
static pthread_mutex_t gauge_lock = PTHREAD_MUTEX_INITIALIZER;

void metrics_init(size_t count)
{
	table_size = count + 1;
	table = xcalloc(table_size, sizeof(*table));
}

void metrics_release(void)
{
	free(table);
	table = NULL;
	table_size = 0;
}

static size_t status_slot(unsigned status)
{
	for (size_t i = 0; i + 1 < NSTATUS; i++)
		if (statuses[i] == status)
			return i;
	return NSTATUS - 1;
}

static size_t method_slot(const char *method)
{
	for (size_t i = 0; i + 1 < NMETHOD; i++)
		if (!strcmp(methods[i], method))
			return i;
	return NMETHOD - 1;
}

void metrics_record(size_t route, const char *method, unsigned status,
		    double seconds)
{
	struct route_metrics *m;
	size_t b = 0;

	if (!table || route >= table_size)
		return;
	m = &table[route];
	atomic_fetch_add(&m->count[method_slot(method)][status_slot(status)], 1);
	while (b < ARRAY_SIZE(buckets) && seconds > buckets[b])
		b++;
	atomic_fetch_add(&m->bucket[b], 1);
	atomic_fetch_add(&m->sum_us, (unsigned long)(seconds * 1e6));
}

static const char *route_label(size_t i)
{
	return i < route_count ? routes[i].pattern : "unmatched";
}

void metrics_render(struct strbuf *out)
{
	strbuf_adds(out, "# HELP linea311_http_requests_total HTTP requests by route, method and status.\n"
			 "# TYPE linea311_http_requests_total counter\n");
	for (size_t r = 0; r < table_size; r++)
		for (size_t m = 0; m < NMETHOD; m++)
			for (size_t s = 0; s < NSTATUS; s++) {
				unsigned long n = atomic_load(&table[r].count[m][s]);
				char status[12];

				if (!n)
					continue;
				if (statuses[s])
					snprintf(status, sizeof(status), "%u", statuses[s]);
				else
					snprintf(status, sizeof(status), "other");
				strbuf_addf(out, "linea311_http_requests_total{route=\"%s\",method=\"%s\",status=\"%s\"} %lu\n",
					    route_label(r), methods[m], status, n);
			}

	strbuf_adds(out, "# HELP linea311_http_request_duration_seconds Time from the request's arrival to its response, by route.\n"
			 "# TYPE linea311_http_request_duration_seconds histogram\n");
	for (size_t r = 0; r < table_size; r++) {
		unsigned long cumulative = 0;

		for (size_t b = 0; b < NBUCKET; b++)
			cumulative += atomic_load(&table[r].bucket[b]);
		if (!cumulative)
			continue;
		cumulative = 0;
		for (size_t b = 0; b < NBUCKET; b++) {
			cumulative += atomic_load(&table[r].bucket[b]);
			if (b < ARRAY_SIZE(buckets))
				strbuf_addf(out, "linea311_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n",
					    route_label(r), buckets[b], cumulative);
			else
				strbuf_addf(out, "linea311_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n",
					    route_label(r), cumulative);
		}
		strbuf_addf(out, "linea311_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n",
			    route_label(r), (double)atomic_load(&table[r].sum_us) / 1e6);
		strbuf_addf(out, "linea311_http_request_duration_seconds_count{route=\"%s\"} %lu\n",
			    route_label(r), cumulative);
	}

	pthread_mutex_lock(&gauge_lock);
	for (size_t i = 0; i < gauge_count; i++)
		strbuf_addf(out, "# HELP linea311_%s %s\n# TYPE linea311_%s gauge\nlinea311_%s %g\n",
			    gauges[i].name, gauges[i].help, gauges[i].name,
			    gauges[i].name, gauges[i].value);
	pthread_mutex_unlock(&gauge_lock);
}

void metrics_set_gauge(const char *name, const char *help, double value)
{
	pthread_mutex_lock(&gauge_lock);
	for (size_t i = 0; i < gauge_count; i++) {
		if (!strcmp(gauges[i].name, name)) {
			gauges[i].value = value;
			pthread_mutex_unlock(&gauge_lock);
			return;
		}
	}
	if (gauge_count < ARRAY_SIZE(gauges))
		gauges[gauge_count++] = (struct gauge){ name, help, value };
	pthread_mutex_unlock(&gauge_lock);
}
