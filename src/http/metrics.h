/*
 * metrics.h - Prometheus metrics of the web server.
 *
 * linea311_http_requests_total{route, method, status} counts requests;
 * linea311_http_request_duration_seconds{route} is a latency histogram
 * of the time from a request's first byte to its queued response.
 * Counters are atomic, so recording takes no lock.
 */
#ifndef LINEA311_METRICS_H
#define LINEA311_METRICS_H

#include <stddef.h>

#include "core/strbuf.h"

/* Size the tables for route_count routes; call once before serving. */
void metrics_init(size_t route_count);
void metrics_release(void);

/* Record one request; route is the route's index or route_count for a
 * request that matched no route. */
void metrics_record(size_t route, const char *method, unsigned status,
		    double seconds);

/* Append the metrics in the Prometheus text format. */
void metrics_render(struct strbuf *out);

/* Set a gauge that another module reports, shown as linea311_<name>;
 * name and help must be string literals. */
void metrics_set_gauge(const char *name, const char *help, double value);

#endif
