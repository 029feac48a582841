/*
 * server.h - the libmicrohttpd web server of linea311.
 *
 * It runs a pool of threads, each with its own epoll loop, and a
 * request's handler runs on the thread that read it. Request bodies above
 * the configured maximum get 413 without being kept in memory.
 */
#ifndef LINEA311_SERVER_H
#define LINEA311_SERVER_H

#include "app/app.h"

struct http_server;

/* Start serving app on listen ("HOST:PORT", "[::1]:PORT"; port 0 picks a
 * free one) with threads worker threads. */
int http_server_start(struct app *app, const char *listen, unsigned threads,
		      struct http_server **out, struct error *err);

/* Return the port the server listens on. */
unsigned short http_server_port(const struct http_server *server);

/* Wait up to grace_seconds for the requests in flight to finish while new
 * ones get 503, then stop the threads and free the server. */
void http_server_stop(struct http_server *server, unsigned grace_seconds);

#endif
