/* server.c - the libmicrohttpd web server (see server.h). */
#include "core/common.h"
#include "auth/auth.h"
#include "core/embedded.h"
#include "core/log.h"
#include "core/utf8.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <unistd.h>

struct http_server {
	struct MHD_Daemon *daemon;
	struct app *app;
	unsigned short port;
	FILE *access_log;
	atomic_int in_flight;
	atomic_bool stopping; /* new requests get 503 while the last ones finish */
	atomic_ulong next_id;
};

/* Per-request state kept by libmicrohttpd between callbacks. */
struct exchange {
	struct timespec start;
	struct strbuf body;
	bool too_large;
	size_t route;
	unsigned status;
	size_t bytes_out;
	char method[12];
	char id[20];
};

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void client_address(struct MHD_Connection *conn, char *buf, size_t size)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = info ? info->client_addr : NULL;

	snprintf(buf, size, "-");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf, (socklen_t)size);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf, (socklen_t)size);
}

static enum MHD_Result send_response(struct MHD_Connection *conn,
				     struct request *req, struct response *res,
				     struct exchange *ex)
{
	struct MHD_Response *r;
	enum MHD_Result ok;
	size_t len = res->body.len;
	char *data = strbuf_detach(&res->body, NULL);

	BUG_ON(res->status == 0);
	r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (res->content_type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, res->content_type);
	MHD_add_response_header(r, "X-Request-Id", req->id);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	for (size_t i = 0; i < res->header_count; i++) {
		MHD_add_response_header(r, res->headers[i][0], res->headers[i][1]);
		free(res->headers[i][0]);
		free(res->headers[i][1]);
	}
	res->header_count = 0;
	ex->status = res->status;
	ex->bytes_out = len;
	ok = MHD_queue_response(conn, res->status, r);
	MHD_destroy_response(r);
	return ok;
}

static void handle(struct http_server *server, const char *url, struct exchange *ex, struct request *req,
		   struct response *res)
{
	char buf[1024], allow[128];
	enum route_match m;

	if (atomic_load(&server->stopping)) {
		reply_header(res, "Connection", "close");
		reply_fail(req, res, RC_UNAVAILABLE, "shutting_down", NULL,
			   "El servidor se está deteniendo. Intente de nuevo en unos segundos.",
			   "The server is stopping. Try again in a few seconds.");
		return;
	}
	if (ex->too_large) {
		reply_fail(req, res, RC_TOO_LARGE, "body_too_large", NULL,
			   "El cuerpo de la solicitud supera el máximo de %lld bytes.",
			   "The request body exceeds the maximum of %lld bytes.",
			   server->app->max_body);
		return;
	}
	if (!utf8_valid(url, strlen(url), NULL)) {
		reply_fail(req, res, RC_BAD_REQUEST, "invalid_utf8", NULL,
			   "La dirección solicitada no es UTF-8 válido.",
			   "The requested path is not valid UTF-8.");
		return;
	}
	m = router_match(req->method, url, buf, sizeof(buf), req, &ex->route,
			 allow, sizeof(allow));
	if (m == ROUTE_FOUND) {
		/* Authentication, the authorization table and the audit trail
		 * (auth/auth.h) wrap every handler. */
		if (auth_gate(req, res, &routes[ex->route]))
			routes[ex->route].handler(req, res);
		auth_finish(req, res);
		return;
	}
	ex->route = route_count;
	if (m == ROUTE_NO_METHOD) {
		reply_header(res, "Allow", allow);
		reply_fail(req, res, RC_METHOD, "method_not_allowed", NULL,
			   "El método %s no se admite en esta dirección. Métodos permitidos: %s.",
			   "The method %s is not allowed here. Allowed methods: %s.",
			   req->method, allow);
		return;
	}
	if ((!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD")) &&
	    strncmp(url, "/api/", 5) && static_file_reply(req, res, url))
		return;
	reply_fail(req, res, RC_NOT_FOUND, "not_found", NULL,
		   "No existe la dirección %s.", "There is nothing at %s.", url);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload_data,
				  size_t *upload_data_size, void **state)
{
	struct http_server *server = cls;
	struct exchange *ex = *state;
	struct request req;
	struct response res;
	enum MHD_Result ok;

	(void)version;
	if (!ex) {
		/* First call: only the headers are here. Queueing a response
		 * now would make libmicrohttpd close the connection, so the
		 * response waits for the next call even when it is known. */
		const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
			MHD_HTTP_HEADER_CONTENT_LENGTH);

		ex = xcalloc(1, sizeof(*ex));
		clock_gettime(CLOCK_MONOTONIC, &ex->start);
		strbuf_init(&ex->body, (size_t)server->app->max_body);
		snprintf(ex->method, sizeof(ex->method), "%s", method);
		snprintf(ex->id, sizeof(ex->id), "%lx-%lu", (unsigned long)getpid() & 0xfff,
			 atomic_fetch_add(&server->next_id, 1));
		if (length && strtoull(length, NULL, 10) > (unsigned long long)server->app->max_body)
			ex->too_large = true;
		atomic_fetch_add(&server->in_flight, 1);
		*state = ex;
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!ex->too_large && strbuf_add(&ex->body, upload_data, *upload_data_size))
			ex->too_large = true;
		*upload_data_size = 0;
		return MHD_YES;
	}

	memset(&req, 0, sizeof(req));
	memset(&res, 0, sizeof(res));
	strbuf_init(&res.body, 0);
	req.app = server->app;
	req.method = method;
	req.path = url;
	req.conn = conn;
	req.body = strbuf_str(&ex->body);
	req.body_len = ex->body.len;
	req.actor = "anonymous";
	snprintf(req.id, sizeof(req.id), "%s", ex->id);
	client_address(conn, req.remote_addr, sizeof(req.remote_addr));
	{
		const char *lang = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "lang");

		if (!lang)
			lang = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							   MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
		req.lang = lang_parse(lang);
	}
	log_set_request_id(req.id);
	handle(server, url, ex, &req, &res);
	ok = send_response(conn, &req, &res, ex);
	/* Counted when queued, so that /metrics already includes this request
	 * when the same client sends its next one. */
	metrics_record(ex->route, ex->method, ex->status, seconds_since(&ex->start));
	log_set_request_id(NULL);
	strbuf_release(&res.body);
	return ok;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
			 enum MHD_RequestTerminationCode code)
{
	struct http_server *server = cls;
	struct exchange *ex = *state;
	double seconds;

	(void)conn;
	if (!ex)
		return;
	seconds = seconds_since(&ex->start);
	if (server->access_log) {
		char stamp[24];
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
		/* The route pattern, not the path: paths and query strings can
		 * carry citizens' phone numbers or email addresses. */
		fprintf(server->access_log, "%s %s %s %s %u %zu %.3fms%s\n", stamp,
			ex->id, ex->method,
			ex->route < route_count ? routes[ex->route].pattern : "-",
			ex->status, ex->bytes_out, seconds * 1000,
			code == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
		fflush(server->access_log);
	}
	strbuf_release(&ex->body);
	free(ex);
	*state = NULL;
	atomic_fetch_sub(&server->in_flight, 1);
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss,
			socklen_t *len, struct error *err)
{
	char host[128];
	const char *colon;
	char *end;
	long port;

	if (listen[0] == '[') {
		const char *close = strchr(listen, ']');

		if (!close || close[1] != ':')
			goto invalid;
		snprintf(host, sizeof(host), "%.*s", (int)(close - listen - 1), listen + 1);
		colon = close + 1;
	} else {
		colon = strrchr(listen, ':');
		if (!colon)
			goto invalid;
		snprintf(host, sizeof(host), "%.*s", (int)(colon - listen), listen);
	}
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (errno || *end || end == colon + 1 || port < 0 || port > 65535)
		goto invalid;

	memset(ss, 0, sizeof(*ss));
	struct sockaddr_in *in4 = (struct sockaddr_in *)(void *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)(void *)ss;
	if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		*len = sizeof(*in4);
		return RC_OK;
	}
	if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*in6);
		return RC_OK;
	}
invalid:
	return error_set(err, RC_INVALID, "invalid_listen", "listen",
			 "La dirección «%s» no es válida. Use HOST:PUERTO con una dirección IP, por ejemplo 127.0.0.1:8311.",
			 "The address \"%s\" is not valid. Use HOST:PORT with an IP address, for example 127.0.0.1:8311.",
			 listen);
}

int http_server_start(struct app *app, const char *listen, unsigned threads,
		      struct http_server **out, struct error *err)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct http_server *server;
	const char *log_path = config_get(app->cfg, "access_log");
	const union MHD_DaemonInfo *info;
	int rc;

	rc = parse_listen(listen, &ss, &sslen, err);
	if (rc)
		return rc;
	if (!threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (unsigned)n : 1;
	}

	server = xcalloc(1, sizeof(*server));
	server->app = app;
	if (log_path && strcmp(log_path, "-")) {
		server->access_log = fopen(log_path, "a");
		if (!server->access_log) {
			rc = error_set(err, RC_IO, "access_log", "access_log",
				       "No se pudo abrir el registro de accesos %s: %s.",
				       "Could not open the access log %s: %s.",
				       log_path, strerror(errno));
			free(server);
			return rc;
		}
	} else {
		server->access_log = stdout;
	}
	metrics_init(route_count);

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			 MHD_USE_ERROR_LOG | MHD_USE_TURBO;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	server->daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, server,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, server,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
		MHD_OPTION_END);
	if (!server->daemon) {
		rc = error_set(err, RC_IO, "listen_failed", "listen",
			       "No se pudo escuchar en %s: %s. ¿Hay otro servidor en ese puerto?",
			       "Could not listen on %s: %s. Is another server using that port?",
			       listen, strerror(errno));
		if (server->access_log != stdout)
			fclose(server->access_log);
		metrics_release();
		free(server);
		return rc;
	}
	info = MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
	server->port = info ? info->port : 0;
	*out = server;
	return RC_OK;
}

unsigned short http_server_port(const struct http_server *server)
{
	return server->port;
}

void http_server_stop(struct http_server *server, unsigned grace_seconds)
{
	/* NOTE: MHD_quiesce_daemon would stop accepting at once, but in
	 * libmicrohttpd 0.9.75's thread-pool epoll mode it raced with the
	 * workers and aborted the process ("Failed to remove listen FD from
	 * epoll set"). New requests get 503 instead. */
	atomic_store(&server->stopping, true);
	for (unsigned i = 0; i < grace_seconds * 20 && atomic_load(&server->in_flight) > 0; i++)
		usleep(50000);
	if (atomic_load(&server->in_flight) > 0)
		log_warn("http", "%d requests still in flight after %us; closing them",
			 atomic_load(&server->in_flight), grace_seconds);
	MHD_stop_daemon(server->daemon);
	if (server->access_log && server->access_log != stdout)
		fclose(server->access_log);
	metrics_release();
	free(server);
}
