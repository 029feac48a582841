/*
 * gate.c - the authentication and authorization step that the server
 * runs before every handler (see auth.h).
 */
#include "core/common.h"
#include "auth/auth.h"
#include "auth/guard.h"
#include "auth/password.h"
#include "core/clock.h"
#include "core/log.h"
#include "http/router.h"
#include "store/audit.h"
#include "store/group_commit.h"
#include "store/user.h"

#include <ctype.h>
#include <microhttpd.h>
#include <strings.h>

static int read_setting(struct app *app, const char *name, long min, long max,
			long long scale, long long *out, struct error *err)
{
	long value;
	int rc = config_get_long(app->cfg, name, min, max, &value, err);

	if (!rc)
		*out = value * scale;
	return rc;
}

int auth_open(struct app *app, struct error *err)
{
	struct auth_settings *s = xcalloc(1, sizeof(*s));
	const char *secure = config_get(app->cfg, "cookie_secure");
	long long recovered = 0;
	int rc;

	app->auth = s;
	rc = read_setting(app, "session_idle_minutes", 1, 24 * 60, 60, &s->idle_seconds, err);
	if (!rc)
		rc = read_setting(app, "session_max_hours", 1, 24 * 30, 3600, &s->max_seconds, err);
	if (!rc)
		rc = read_setting(app, "login_max_failures", 1, 1000, 1, &s->max_failures, err);
	if (!rc)
		rc = read_setting(app, "login_max_failures_address", 1, 100000, 1,
				  &s->max_address_failures, err);
	if (!rc)
		rc = read_setting(app, "login_lock_minutes", 1, 24 * 60, 60, &s->lock_seconds, err);
	if (rc)
		return rc;
	if (!secure || !strcmp(secure, "auto"))
		s->cookie_secure = -1;
	else if (!strcmp(secure, "always"))
		s->cookie_secure = 1;
	else if (!strcmp(secure, "never"))
		s->cookie_secure = 0;
	else
		return error_set(err, RC_INVALID, "invalid_setting", "cookie_secure",
				 "El valor «%s» de «cookie_secure» no es válido: use auto, always o never.",
				 "Invalid value \"%s\" for \"cookie_secure\": use auto, always or never.",
				 secure);

	rc = store_begin(app->store, err);
	if (!rc) {
		rc = store_audit_pending_recover(app->store,
						 clock_now() - AUTH_PENDING_GRACE_SECONDS,
						 &recovered, err);
		if (rc)
			store_rollback(app->store);
		else
			rc = store_commit(app->store, err);
	}
	if (!rc && recovered)
		log_warn("audit", "recorded %lld interrupted changes left pending by an earlier run",
			 recovered);
	return rc;
}

void auth_close(struct app *app)
{
	free(app->auth);
	app->auth = NULL;
}

const struct auth_session *auth_session_of(const struct request *req)
{
	const struct auth_session *s = req->session;

	return s && s->session_id ? s : NULL;
}

enum role auth_role(const struct request *req)
{
	const struct auth_session *s = auth_session_of(req);

	return s ? s->role : ROLE_ANONYMOUS;
}

bool auth_liaison_scope(const struct request *req, long long *agency_id,
			long long *office_id)
{
	const struct auth_session *s = auth_session_of(req);

	if (!s || s->role != ROLE_LIAISON)
		return false;
	*agency_id = s->agency_id;
	*office_id = s->office_id;
	return true;
}

void auth_scope_filter(const struct request *req, long long *agency_id,
		       long long *office_id)
{
	long long agency, office;

	if (!auth_liaison_scope(req, &agency, &office))
		return;
	*agency_id = *agency_id && *agency_id != agency ? -1 : agency;
	if (office)
		*office_id = *office_id && *office_id != office ? -1 : office;
}

bool auth_cookie_secure(struct request *req)
{
	const struct auth_settings *s = req->app->auth;
	const char *proto;
	const union MHD_ConnectionInfo *info;

	if (s->cookie_secure >= 0)
		return s->cookie_secure;
	info = req->conn ? MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_GNUTLS_SESSION) : NULL;
	if (info && info->tls_session)
		return true;
	/* A TLS-terminating proxy reports HTTPS in X-Forwarded-Proto.
	 * Trusting it can only make the cookie stricter. */
	proto = req_header(req, "X-Forwarded-Proto");
	return proto && !strcasecmp(proto, "https");
}

static bool is_unsafe(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD");
}

/* ---- authentication ---- */

enum credential {
	CREDENTIAL_NONE,    /* anonymous */
	CREDENTIAL_VALID,
	CREDENTIAL_INVALID, /* err has the reason */
	CREDENTIAL_FAILED,  /* the store failed (see err) */
};

static int run_touch(struct store *store, void *ctx, struct error *err)
{
	return store_session_touch(store, *(long long *)ctx, err);
}

static void touch(struct request *req, long long session_id)
{
	struct error err;

	if (store_group_run(req->app->store, run_touch, &session_id, &err))
		log_warn("auth", "could not record the use of session %lld: %s",
			 session_id, err.message_en);
}

static enum credential invalid(struct error *err, const char *code,
			       const char *es, const char *en)
{
	error_set(err, RC_UNAUTHORIZED, code, NULL, "%s", "%s", es, en);
	return CREDENTIAL_INVALID;
}

static enum credential authenticate(struct request *req, struct auth_session *s,
				    struct error *err)
{
	const struct auth_settings *settings = req->app->auth;
	const char *header = req_header(req, "Authorization");
	const char *token;
	char hash[TOKEN_HASH_SIZE];
	struct session_record r;
	time_t now;
	bool cookie = false;
	int rc;

	if (header) {
		if (strncasecmp(header, "Bearer ", 7))
			return invalid(err, "invalid_authorization",
				       "La cabecera Authorization debe ser «Bearer TOKEN» con el token que devolvió POST /api/v1/session.",
				       "The Authorization header must be \"Bearer TOKEN\" with the token that POST /api/v1/session returned.");
		token = header + 7;
		while (*token == ' ')
			token++;
	} else {
		token = req_cookie(req, AUTH_COOKIE);
		if (!token || !*token)
			return CREDENTIAL_NONE;
		cookie = true;
	}
	if (strlen(token) != TOKEN_SIZE - 1)
		return invalid(err, "session_invalid",
			       "La sesión no es válida o ya terminó. Inicie sesión de nuevo.",
			       "The session is not valid or has ended. Log in again.");

	token_hash(token, hash);
	rc = store_session_lookup(req->app->store, hash, &r, err);
	if (rc == RC_NOT_FOUND || (!rc && strcmp(r.kind, cookie ? "cookie" : "bearer")))
		return invalid(err, "session_invalid",
			       "La sesión no es válida o ya terminó. Inicie sesión de nuevo.",
			       "The session is not valid or has ended. Log in again.");
	if (rc)
		return CREDENTIAL_FAILED;
	if (!r.user_active)
		return invalid(err, "account_disabled",
			       "Su cuenta está desactivada. Comuníquese con el administrador.",
			       "Your account is disabled. Contact the administrator.");
	now = clock_now();
	if (now >= r.expires_at || now >= r.last_seen_at + settings->idle_seconds)
		return invalid(err, "session_expired",
			       "Su sesión expiró. Inicie sesión de nuevo.",
			       "Your session has expired. Log in again.");
	if (!role_parse(r.role, &s->role))
		return invalid(err, "session_invalid",
			       "La cuenta tiene un rol desconocido. Comuníquese con el administrador.",
			       "The account has an unknown role. Contact the administrator.");

	s->session_id = r.id;
	s->user_id = r.user_id;
	snprintf(s->username, sizeof(s->username), "%s", r.username);
	s->agency_id = r.agency_id;
	s->office_id = r.office_id;
	s->cookie = cookie;
	snprintf(s->csrf_token, sizeof(s->csrf_token), "%s", r.csrf_token);
	s->expires_at = r.expires_at;
	s->idle_expires_at = now + settings->idle_seconds;
	if (s->idle_expires_at > r.expires_at)
		s->idle_expires_at = r.expires_at;
	if (now - r.last_seen_at >= AUTH_TOUCH_SECONDS)
		touch(req, r.id);
	return CREDENTIAL_VALID;
}

/* ---- CSRF ---- */

/* Return true when the Origin header is absent or names this server. */
static bool same_origin(struct request *req)
{
	const char *origin = req_header(req, "Origin");
	const char *host = req_header(req, "Host");
	const char *sep;

	if (!origin)
		return true;
	sep = strstr(origin, "://");
	if (!sep || !host)
		return false;
	return !strcasecmp(sep + 3, host);
}

static bool check_csrf(struct request *req, struct response *res,
		       const struct auth_session *s)
{
	const char *token = req_header(req, AUTH_CSRF_HEADER);

	if (!same_origin(req)) {
		reply_fail(req, res, RC_FORBIDDEN, "cross_origin", NULL,
			   "La solicitud viene de otro sitio (cabecera Origin) y se rechazó.",
			   "The request comes from another site (Origin header) and was rejected.");
		return false;
	}
	if (!token || !s->csrf_token[0] || !secret_equal(token, s->csrf_token)) {
		reply_fail(req, res, RC_FORBIDDEN, "csrf_failed", AUTH_CSRF_HEADER,
			   "Falta la cabecera X-CSRF-Token o no coincide con la de su sesión. Use el csrf_token que devolvió el inicio de sesión (o GET /api/v1/session).",
			   "The X-CSRF-Token header is missing or does not match your session. Send the csrf_token that the log-in returned (or GET /api/v1/session).");
		return false;
	}
	return true;
}

bool auth_origin_allowed(struct request *req, struct response *res)
{
	if (same_origin(req))
		return true;
	reply_fail(req, res, RC_FORBIDDEN, "cross_origin", NULL,
		   "La solicitud viene de otro sitio (cabecera Origin) y se rechazó.",
		   "The request comes from another site (Origin header) and was rejected.");
	return false;
}

/* ---- the gate ---- */

static const char *query_param(void *ctx, const char *name)
{
	return req_query(ctx, name);
}

static void deny(struct request *req, struct response *res,
		 const struct auth_session *s, enum authz_verdict verdict,
		 const char *param, const struct error *credential_error)
{
	if (s->role == ROLE_ANONYMOUS) {
		reply_header(res, "WWW-Authenticate", "Bearer realm=\"linea311\"");
		if (credential_error) {
			reply_error(req, res, credential_error);
			return;
		}
		reply_fail(req, res, RC_UNAUTHORIZED, "login_required", NULL,
			   "Inicie sesión para usar %s %s.",
			   "Log in to use %s %s.", req->method, req->route);
		return;
	}
	if (verdict == AUTHZ_DENY_PARAM) {
		reply_fail(req, res, RC_FORBIDDEN, "forbidden", param,
			   "Su rol (%s) no permite usar el parámetro «%s» en %s %s.",
			   "Your role (%s) may not use the parameter \"%s\" on %s %s.",
			   role_code(s->role), param, req->method, req->route);
		return;
	}
	reply_fail(req, res, RC_FORBIDDEN, "forbidden", NULL,
		   "Su rol (%s) no permite %s %s.",
		   "Your role (%s) may not call %s %s.",
		   role_code(s->role), req->method, req->route);
}

struct pending_job {
	struct audit_entry entry;
	long long id;
};

static int run_pending(struct store *store, void *ctx, struct error *err)
{
	struct pending_job *job = ctx;

	return store_audit_pending_add(store, &job->entry, &job->id, err);
}

/* Record the change about to run; false (with 503 sent) when it cannot be
 * recorded, so that no change runs unrecorded. It shares a group commit
 * with other requests' writes when the committer runs. */
static bool add_pending(struct request *req, struct response *res,
			struct auth_session *s)
{
	struct pending_job job = { .entry = { 0 } };
	struct audit_entry *e = &job.entry;
	struct audit_who who;
	struct error err;
	int rc;

	audit_who_from_request(req, &who);
	e->actor = who.actor;
	e->user_id = who.user_id;
	e->role = who.role;
	e->address = who.address;
	e->method = who.method;
	e->route = who.route;
	e->object_type = s->object_type;
	e->object_id = req->param_count ? req->params[0] : NULL;
	e->request_id = who.request_id;
	rc = store_group_run(req->app->store, run_pending, &job, &err);
	s->pending_id = rc ? 0 : job.id;
	if (rc) {
		log_error("audit", "could not record the pending change %s %s: %s",
			  req->method, req->route, err.message_en);
		reply_fail(req, res, RC_UNAVAILABLE, "audit_unavailable", NULL,
			   "No se pudo registrar el cambio en la bitácora de auditoría, así que no se hizo. Intente de nuevo.",
			   "The change could not be recorded in the audit trail, so it was not made. Try again.");
		return false;
	}
	return true;
}

/* Routes whose handlers write the audit entry inside the transaction of
 * the change itself (auth_audit_request), which makes a pending row
 * needless: the change and its entry commit together or not at all. */
static bool audits_itself(const struct route *route)
{
	static const char *const routes_list[][2] = {
		{ "POST", "/api/v1/cases" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(routes_list); i++)
		if (!strcmp(route->method, routes_list[i][0]) &&
		    !strcmp(route->pattern, routes_list[i][1]))
			return true;
	return false;
}

bool auth_gate(struct request *req, struct response *res,
	       const struct route *route)
{
	struct auth_session *s = xcalloc(1, sizeof(*s));
	struct error credential_error;
	enum credential credential;
	enum authz_verdict verdict;
	const char *param;

	req->session = s;
	s->role = ROLE_ANONYMOUS;
	s->rule = authz_find(route->method, route->pattern);
	s->object_type = route->tag;

	credential = authenticate(req, s, &credential_error);
	if (credential == CREDENTIAL_FAILED) {
		reply_error(req, res, &credential_error);
		return false;
	}
	if (credential == CREDENTIAL_VALID)
		req->actor = s->username;

	/* An expired or unknown session on a public route reads as
	 * anonymous: a stale cookie must not break the public pages. */
	verdict = authz_decide(s->rule, s->role, query_param, req, &param);
	if (verdict != AUTHZ_ALLOW) {
		log_info("auth", "denied %s %s to %s (%s)", req->method, req->route,
			 s->role == ROLE_ANONYMOUS ? "anonymous" : s->username,
			 role_code(s->role));
		deny(req, res, s, verdict, param,
		     credential == CREDENTIAL_INVALID ? &credential_error : NULL);
		return false;
	}
	if (s->cookie && is_unsafe(req->method) && !check_csrf(req, res, s))
		return false;
	if (s->rule && !guard_check(req, res, s))
		return false;
	if (is_unsafe(req->method) && !audits_itself(route) && !add_pending(req, res, s))
		return false;
	return true;
}
