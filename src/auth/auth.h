/*
 * auth.h - accounts, sessions, authorization and auditing of requests.
 *
 * The server calls auth_gate before every handler and auth_finish after
 * it. auth_gate authenticates the request: a bearer token in the
 * Authorization header, or the linea311_session cookie with its CSRF
 * token. It then checks the route against the authorization table
 * (auth/authz.h) and its guards. For a change (POST, PUT, PATCH, DELETE)
 * it also records a pending audit row. auth_finish writes the audit entry
 * of a change that succeeded and of a successful read of citizens'
 * personal data.
 *
 * Why a pending row: most handlers commit their own transaction, which
 * this module cannot join, so the entry of a change is written right
 * after the handler. The pending row is committed before the handler
 * runs, so a change whose entry could not be written (a crash, a full
 * disk) still leaves a trace. auth_open and `linea311 audit verify` turn
 * pending rows older than AUTH_PENDING_GRACE_SECONDS into entries of kind
 * "interrupted". A handler that can write its entry inside its own
 * transaction calls auth_audit_request, and then auth_finish only drops
 * the pending row; a route whose handler always does so (see
 * audits_itself in gate.c) gets no pending row at all.
 *
 * Reads of personal data are audited before the response leaves: when
 * the entry cannot be written, the client gets 503 instead of the data.
 *
 * These writes go through store_group_run, so with group commit running
 * they share disk syncs with other requests' writes.
 */
#ifndef LINEA311_AUTH_H
#define LINEA311_AUTH_H

#include <time.h>

#include "app/app.h"
#include "auth/authz.h"
#include "auth/role.h"
#include "http/http.h"

#define AUTH_COOKIE "linea311_session"
#define AUTH_CSRF_HEADER "X-CSRF-Token"
#define AUTH_PENDING_GRACE_SECONDS 600
#define AUTH_TOUCH_SECONDS 60 /* how stale last_seen_at may get */

/* Settings read from the configuration at start (see core/config.c). */
struct auth_settings {
	long long idle_seconds;      /* session_idle_minutes */
	long long max_seconds;       /* session_max_hours */
	long long max_failures;      /* login_max_failures, per account */
	long long max_address_failures; /* login_max_failures_address */
	long long lock_seconds;      /* login_lock_minutes */
	int cookie_secure;           /* -1 auto, 0 never, 1 always */
};

/* The authenticated caller of a request and the request's audit state.
 * req->session points at one for every request that matched a route. */
struct auth_session {
	long long session_id;  /* 0: anonymous */
	long long user_id;
	char username[64];
	enum role role;        /* ROLE_ANONYMOUS without a session */
	long long agency_id;   /* liaisons: their agency */
	long long office_id;   /* regional liaisons: their office */
	bool cookie;           /* authenticated by cookie, not bearer */
	char csrf_token[48];
	time_t expires_at;
	time_t idle_expires_at;
	/* the request's state */
	const struct authz_rule *rule;
	const char *object_type; /* the route's tag */
	long long pending_id;    /* audit_pending row, 0: none */
	bool audited;            /* the handler wrote the entry itself */
};

/* The actor of an audit entry written outside auth_finish. */
struct audit_who {
	const char *actor;
	long long user_id;
	const char *role;
	const char *address;
	const char *method;
	const char *route;
	const char *request_id;
};

/* Read the settings into app->auth and recover pending audit rows older
 * than AUTH_PENDING_GRACE_SECONDS. */
int auth_open(struct app *app, struct error *err);
void auth_close(struct app *app);

/* ---- server steps (src/http/server.c) ---- */

struct route;

/* Authenticate and authorize req for route; false when the request must
 * not reach the handler, with res filled. */
bool auth_gate(struct request *req, struct response *res,
	       const struct route *route);

/* Write the audit entries the request calls for and free req->session. */
void auth_finish(struct request *req, struct response *res);

/* ---- for handlers ---- */

/* Return the caller's session, or NULL for an anonymous caller. */
const struct auth_session *auth_session_of(const struct request *req);

/* Return the caller's role (ROLE_ANONYMOUS without a session). */
enum role auth_role(const struct request *req);

/*
 * Return true when the caller is a liaison, who may only reach the cases
 * of agency *agency_id, and of office *office_id when that is not 0 (a
 * regional liaison). Cases outside that scope must return 404, in lists
 * and searches as well.
 */
bool auth_liaison_scope(const struct request *req, long long *agency_id,
			long long *office_id);

/*
 * Narrow a list filter to the caller's scope: for a liaison, set
 * *agency_id to their agency and, for a regional liaison, *office_id to
 * their office. A filter that named another agency or office gets -1, an
 * id no row has, so the list comes back empty as if those cases did not
 * exist. Other callers' filters stay as they are.
 */
void auth_scope_filter(const struct request *req, long long *agency_id,
		       long long *office_id);

/* Fill who from req (valid while req is). */
void audit_who_from_request(const struct request *req, struct audit_who *who);

/* Fill who for a command-line action: actor "cli:LOGIN", address
 * "local", route the command ("user add"). */
void audit_who_from_cli(struct audit_who *who, const char *command);

/*
 * Append an entry of kind for who inside the caller's transaction.
 * detail is a JSON object (NULL: {}); it must not hold personal data or
 * secrets, only ids and codes.
 */
int auth_audit(struct store *store, const struct audit_who *who,
	       const char *kind, const char *object_type, const char *object_id,
	       long long status, json_t *detail, struct error *err);

/* Append the entry of req's change inside the handler's transaction and
 * mark req audited, so that auth_finish writes no second one. */
int auth_audit_request(struct store *store, struct request *req,
		       const char *kind, const char *object_id,
		       json_t *detail, struct error *err);

/* Mark req audited after the handler appended its entry with auth_audit
 * in a transaction that committed. */
void auth_mark_audited(struct request *req);

/* Return true when the request's Origin header is absent or names this
 * server; otherwise reply 403 and return false. */
bool auth_origin_allowed(struct request *req, struct response *res);

/* Return whether the session cookie should be Secure: by the
 * cookie_secure setting, or when the request came over TLS (directly, or
 * behind a proxy that sends X-Forwarded-Proto: https). */
bool auth_cookie_secure(struct request *req);

#endif
