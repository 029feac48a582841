/*
 * router.h - the table of routes and how a request finds its handler.
 *
 * Patterns are paths whose segments may be "{name}" to capture one path
 * segment. routes.c holds the table; the OpenAPI document and the metrics
 * labels come from it, so every endpoint is declared exactly once.
 */
#ifndef LINEA311_ROUTER_H
#define LINEA311_ROUTER_H

#include "http/http.h"

struct route {
	const char *method;
	const char *pattern;
	http_handler handler;
	const char *summary; /* one line for the OpenAPI document, English */
	const char *tag;     /* OpenAPI tag: the resource */
};

extern const struct route routes[];
extern const size_t route_count;

enum route_match { ROUTE_FOUND, ROUTE_NO_PATH, ROUTE_NO_METHOD };

/*
 * Find the route for method and path. On ROUTE_FOUND, *index is the
 * route's index and req->params hold the captured segments (pointing into
 * buf, a copy of path that the caller keeps alive). On ROUTE_NO_METHOD,
 * allow lists the methods the path accepts ("GET, POST").
 */
enum route_match router_match(const char *method, const char *path,
			      char *buf, size_t size, struct request *req,
			      size_t *index, char *allow, size_t allow_size);

#endif
