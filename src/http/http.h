/*
 * http.h - requests, responses and handlers of the linea311 web server.
 *
 * A handler receives the parsed request and fills the response; it reads
 * as a list of steps because each req_* helper that fails has already
 * written the error response, so the handler only returns:
 *
 *	if (req_id(req, res, 0, &id))
 *		return;
 *
 * Everything a handler allocates is its own to free; the response body is
 * freed by the server after sending.
 */
#ifndef LINEA311_HTTP_H
#define LINEA311_HTTP_H

#include <jansson.h>

#include "app/app.h"
#include "core/strbuf.h"
#include "store/kb.h"

#define HTTP_MAX_PARAMS 4
#define HTTP_MAX_HEADERS 8

struct MHD_Connection;

struct request {
	struct app *app;
	const char *method;
	const char *path;       /* decoded, without the query string */
	const char *route;      /* the pattern matched, "/api/v1/services/{id}" */
	const char *params[HTTP_MAX_PARAMS]; /* path parameters, in order */
	size_t param_count;
	const char *body;
	size_t body_len;
	enum lang lang;         /* from ?lang= or Accept-Language */
	char id[20];            /* request id, also sent as X-Request-Id */
	char remote_addr[64];
	const char *actor;      /* user name for the records, "anonymous" */
	void *session;          /* set by the accounts module */
	struct MHD_Connection *conn;
};

struct response {
	unsigned status;
	const char *content_type;
	struct strbuf body;
	char *headers[HTTP_MAX_HEADERS][2];
	size_t header_count;
};

typedef void (*http_handler)(struct request *req, struct response *res);

/* ---- request helpers: on failure each writes the error and returns rc ---- */

/* Return a query parameter, header or cookie value, or NULL. */
const char *req_query(struct request *req, const char *name);
const char *req_header(struct request *req, const char *name);
const char *req_cookie(struct request *req, const char *name);

/* Parse path parameter i as a positive id (400 when it is not). */
int req_id(struct request *req, struct response *res, size_t i, long long *out);

/* Parse the body as a JSON object: 415 for another Content-Type, 400 for
 * an empty body, invalid UTF-8 or invalid JSON (with line and column). */
int req_json(struct request *req, struct response *res, json_t **out);

/* Read query parameter name as an integer in min..max, def when absent. */
int req_query_long(struct request *req, struct response *res,
		   const char *name, long long min, long long max,
		   long long def, long long *out);

/* Read query parameter name as text of at most max bytes of valid UTF-8,
 * NULL when absent or empty. */
int req_query_text(struct request *req, struct response *res,
		   const char *name, size_t max, const char **out);

/* Read query parameter name, which must be one of values when present. */
int req_query_enum(struct request *req, struct response *res,
		   const char *name, const char *const *values,
		   const char **out);

/* Read query parameter name as one of the 78 municipios, written with or
 * without accents; *out is the official name, NULL when absent. */
int req_query_municipio(struct request *req, struct response *res,
			const char *name, const char **out);

/* Read limit (1..500, default 50) and offset (default 0). */
int req_page(struct request *req, struct response *res, struct page *page);

/* ---- responses ---- */

/* Send value as JSON with status; takes the reference to value. */
void reply_json(struct response *res, unsigned status, json_t *value);

/* Send err as {"error": {"code", "message", "field"}} with its status. */
void reply_error(struct request *req, struct response *res,
		 const struct error *err);

/* Fill an error and send it in one step. Returns rc. */
int reply_fail(struct request *req, struct response *res, int rc,
	       const char *code, const char *field, const char *fmt_es,
	       const char *fmt_en, ...);

/* Send bytes as they are. */
void reply_bytes(struct response *res, unsigned status,
		 const char *content_type, const void *data, size_t len);

/* Add a response header; name and value are copied. */
void reply_header(struct response *res, const char *name, const char *value);

/* 204 No Content. */
void reply_empty(struct response *res);

#endif
