/*
 * session.c - /api/v1/session: log-in, the current session, log-out and
 * password change.
 *
 * POST /api/v1/session {"username", "password", "client"} starts a
 * session. "client": "api" returns a bearer token in the body (send it
 * as "Authorization: Bearer TOKEN"); "client": "browser" sets the
 * HttpOnly, SameSite=Strict cookie linea311_session and returns a CSRF
 * token that every POST, PUT, PATCH and DELETE of that session must send
 * in the X-CSRF-Token header. Without "client", a request with an Origin
 * header (which browsers send on every POST) gets a cookie, any other a
 * bearer token. The token itself is never in the body of a browser
 * session, so scripts cannot read it.
 *
 * Too many failed log-ins lock the account (423) or the client address
 * (429) for login_lock_minutes; see core/config.c for the limits.
 */
#include "core/common.h"
#include "api/api.h"
#include "auth/account.h"
#include "auth/auth.h"
#include "auth/password.h"
#include "core/clock.h"
#include "core/log.h"
#include "domain/validate.h"
#include "store/user.h"

#include <sodium.h>

static void format_time(time_t t, char *buf)
{
	clock_format_utc(t, buf);
}

/* Reply 429 with Retry-After for a locked address. */
static void reply_address_locked(struct request *req, struct response *res,
				 time_t until)
{
	char seconds[24];
	long long wait = (long long)(until - clock_now());

	if (wait < 1)
		wait = 1;
	snprintf(seconds, sizeof(seconds), "%lld", wait);
	reply_header(res, "Retry-After", seconds);
	reply_fail(req, res, RC_TOO_MANY, "too_many_attempts", NULL,
		   "Demasiados intentos fallidos de iniciar sesión desde su dirección. Espere %lld minutos e intente de nuevo.",
		   "Too many failed log-ins from your address. Wait %lld minutes and try again.",
		   (wait + 59) / 60);
}

static void reply_account_locked(struct request *req, struct response *res,
				 time_t until)
{
	char when[21];
	long long wait = (long long)(until - clock_now());

	format_time(until, when);
	reply_fail(req, res, RC_LOCKED, "account_locked", NULL,
		   "La cuenta está bloqueada por intentos fallidos hasta %s (UTC), unos %lld minutos. Espere o pida al administrador que restablezca su contraseña.",
		   "The account is locked after failed log-ins until %s (UTC), about %lld minutes. Wait, or ask the administrator to reset your password.",
		   when, (wait + 59) / 60);
}

struct login_failure {
	const struct user_credentials *user; /* NULL: unknown user name */
	const char *reason;
	bool uncounted;      /* the password was right: audit only */
	bool account_locked;
	time_t address_locked_until;
};

/* Count a failed log-in for the account and the address (unless
 * f->uncounted) and audit it, in one transaction. */
static int record_failure(struct request *req, struct login_failure *f,
			  struct error *err)
{
	const struct auth_settings *settings = req->app->auth;
	struct store *store = req->app->store;
	struct audit_who who;
	char object[24];
	json_t *detail;
	int rc;

	rc = store_begin(store, err);
	if (rc)
		return rc;
	if (f->user && !f->user->locked_until && !f->uncounted)
		rc = store_user_login_failed(store, f->user->id, settings->max_failures,
					     clock_now() + settings->lock_seconds,
					     &f->account_locked, err);
	if (!rc && !f->uncounted)
		rc = store_throttle_failed(store, req->remote_addr,
					   settings->max_address_failures,
					   settings->lock_seconds,
					   &f->address_locked_until, err);
	if (!rc) {
		audit_who_from_request(req, &who);
		/* A mistyped user name can be a password: only names of
		 * existing accounts go into the trail. */
		if (f->user) {
			who.actor = f->user->username;
			who.user_id = f->user->id;
			snprintf(object, sizeof(object), "%lld", f->user->id);
		}
		detail = json_pack("{sssb}", "reason", f->reason, "account_locked",
				   f->account_locked);
		rc = auth_audit(store, &who, "login_failed", "session",
				f->user ? object : NULL, 0, detail, err);
		json_decref(detail);
	}
	if (rc) {
		store_rollback(store);
		return rc;
	}
	auth_mark_audited(req);
	return store_commit(store, err);
}

static void reply_failure(struct request *req, struct response *res,
			  struct login_failure *f)
{
	struct error err;

	if (record_failure(req, f, &err)) {
		reply_error(req, res, &err);
		return;
	}
	if (f->account_locked) {
		reply_account_locked(req, res, clock_now() + req->app->auth->lock_seconds);
		return;
	}
	if (f->address_locked_until) {
		reply_address_locked(req, res, f->address_locked_until);
		return;
	}
	reply_fail(req, res, RC_UNAUTHORIZED, "login_failed", NULL,
		   "El usuario o la contraseña no son correctos.",
		   "The user name or the password is not correct.");
}

static void set_cookie(struct request *req, struct response *res,
		       const char *token, long long max_age)
{
	char cookie[200];

	snprintf(cookie, sizeof(cookie), "%s=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Strict%s",
		 AUTH_COOKIE, token, max_age, auth_cookie_secure(req) ? "; Secure" : "");
	reply_header(res, "Set-Cookie", cookie);
}

static json_t *user_json(struct request *req, long long id)
{
	json_t *user = NULL;

	if (store_user_get(req->app->store, id, &user, NULL))
		return json_null();
	account_decorate(user);
	return user;
}

struct new_session {
	const struct user_credentials *user;
	bool cookie;
	char token[TOKEN_SIZE];
	char csrf[TOKEN_SIZE];
	char *new_hash; /* a rehash with today's parameters, or NULL */
	time_t expires_at;
	long long id;
};

static int start_session(struct request *req, struct new_session *n,
			 struct error *err)
{
	struct store *store = req->app->store;
	char hash[TOKEN_HASH_SIZE], object[24];
	struct audit_who who;
	json_t *detail;
	int rc;

	token_generate(n->token);
	token_hash(n->token, hash);
	if (n->cookie)
		token_generate(n->csrf);
	n->expires_at = clock_now() + req->app->auth->max_seconds;

	rc = store_begin(store, err);
	if (rc)
		return rc;
	rc = store_user_login_succeeded(store, n->user->id, err);
	if (!rc && n->new_hash)
		rc = store_user_rehash(store, n->user->id, n->new_hash, err);
	if (!rc)
		rc = store_session_create(store, n->user->id, hash,
					  n->cookie ? "cookie" : "bearer",
					  n->cookie ? n->csrf : NULL, req->remote_addr,
					  n->expires_at, &n->id, err);
	/* Sessions that ended or expired a day ago are of no further use. */
	if (!rc)
		rc = store_session_purge(store, clock_now() - 86400, err);
	if (!rc) {
		audit_who_from_request(req, &who);
		who.actor = n->user->username;
		who.user_id = n->user->id;
		snprintf(object, sizeof(object), "%lld", n->user->id);
		detail = json_pack("{sssI}", "client", n->cookie ? "browser" : "api",
				   "session_id", (json_int_t)n->id);
		rc = auth_audit(store, &who, "login", "session", object, 0, detail, err);
		json_decref(detail);
	}
	if (rc) {
		store_rollback(store);
		return rc;
	}
	auth_mark_audited(req);
	return store_commit(store, err);
}

static int read_login(struct request *req, struct response *res, json_t **body,
		      bool *cookie)
{
	static const char *const members[] = { "username", "password", "client", NULL };
	static const char *const clients[] = { "api", "browser", NULL };
	const char *client;
	struct error err;
	int rc;

	if (req_json(req, res, body))
		return RC_BAD_REQUEST;
	rc = check_known_members(*body, NULL, members, &err);
	if (!rc)
		rc = check_string(*body, "username", NULL, true, 200, &err);
	if (!rc)
		rc = check_string(*body, "password", NULL, true, PASSWORD_MAX_BYTES, &err);
	if (!rc)
		rc = check_enum(*body, "client", NULL, false, clients, &err);
	if (rc) {
		json_decref(*body);
		reply_error(req, res, &err);
		return rc;
	}
	client = json_string_value(json_object_get(*body, "client"));
	*cookie = client ? !strcmp(client, "browser") : req_header(req, "Origin") != NULL;
	return RC_OK;
}

void session_create(struct request *req, struct response *res)
{
	struct new_session n = { 0 };
	struct user_credentials user;
	struct login_failure failure = { 0 };
	char username[201], expires[21];
	const char *password;
	time_t locked_until;
	struct error err;
	json_t *body, *out;
	int rc;

	if (!auth_origin_allowed(req, res) || read_login(req, res, &body, &n.cookie))
		return;
	snprintf(username, sizeof(username), "%s",
		 json_string_value(json_object_get(body, "username")));
	account_fold_username(username);
	password = json_string_value(json_object_get(body, "password"));

	if (store_throttle_locked_until(req->app->store, req->remote_addr,
					&locked_until, &err)) {
		reply_error(req, res, &err);
		goto out;
	}
	if (locked_until) {
		reply_address_locked(req, res, locked_until);
		goto out;
	}
	rc = store_user_credentials(req->app->store, username, &user, &err);
	if (rc && rc != RC_NOT_FOUND) {
		reply_error(req, res, &err);
		goto out;
	}
	if (rc == RC_NOT_FOUND) {
		password_verify_dummy(password);
		failure.reason = "unknown_user";
		reply_failure(req, res, &failure);
		goto out;
	}
	failure.user = &user;
	if (user.locked_until > clock_now()) {
		/* The password is not even checked while the lock lasts. */
		failure.reason = "account_locked";
		if (!record_failure(req, &failure, &err) && failure.address_locked_until)
			reply_address_locked(req, res, failure.address_locked_until);
		else
			reply_account_locked(req, res, user.locked_until);
		goto out;
	}
	user.locked_until = 0;
	if (!password_verify(user.hash, password)) {
		failure.reason = "wrong_password";
		reply_failure(req, res, &failure);
		goto out;
	}
	if (!user.active) {
		failure.reason = "account_disabled";
		failure.uncounted = true;
		if (record_failure(req, &failure, &err)) {
			reply_error(req, res, &err);
			goto out;
		}
		reply_fail(req, res, RC_FORBIDDEN, "account_disabled", NULL,
			   "Su cuenta está desactivada. Comuníquese con el administrador.",
			   "Your account is disabled. Contact the administrator.");
		goto out;
	}

	n.user = &user;
	if (password_needs_rehash(user.hash)) {
		char fresh[PASSWORD_HASH_SIZE];

		if (!password_hash(password, fresh, NULL))
			n.new_hash = xstrdup(fresh);
	}
	rc = start_session(req, &n, &err);
	free(n.new_hash);
	if (rc) {
		reply_error(req, res, &err);
		goto out;
	}
	format_time(n.expires_at, expires);
	out = json_pack("{sssosIsI}", "expires_at", expires,
			"user", user_json(req, user.id),
			"idle_timeout_seconds", (json_int_t)req->app->auth->idle_seconds,
			"session_id", (json_int_t)n.id);
	if (n.cookie) {
		set_cookie(req, res, n.token, req->app->auth->max_seconds);
		json_object_set_new(out, "csrf_token", json_string(n.csrf));
	} else {
		json_object_set_new(out, "token", json_string(n.token));
		json_object_set_new(out, "token_type", json_string("Bearer"));
	}
	log_info("auth", "user %lld logged in (%s session %lld)", user.id,
		 n.cookie ? "cookie" : "bearer", n.id);
	reply_header(res, "Cache-Control", "no-store");
	reply_json(res, 201, out);
out:
	sodium_memzero(n.token, sizeof(n.token));
	json_decref(body);
}

void session_get(struct request *req, struct response *res)
{
	const struct auth_session *s = auth_session_of(req);
	char expires[21], idle[21];
	json_t *out;

	BUG_ON(!s); /* the authorization table admits staff only */
	format_time(s->expires_at, expires);
	format_time(s->idle_expires_at, idle);
	out = json_pack("{sosIssssss}", "user", user_json(req, s->user_id),
			"session_id", (json_int_t)s->session_id,
			"client", s->cookie ? "browser" : "api",
			"expires_at", expires, "idle_expires_at", idle);
	if (s->cookie)
		json_object_set_new(out, "csrf_token", json_string(s->csrf_token));
	reply_header(res, "Cache-Control", "no-store");
	reply_json(res, 200, out);
}

void session_delete(struct request *req, struct response *res)
{
	const struct auth_session *s = auth_session_of(req);
	struct store *store = req->app->store;
	char object[24];
	struct error err;
	int rc;

	BUG_ON(!s);
	snprintf(object, sizeof(object), "%lld", s->user_id);
	rc = store_begin(store, &err);
	if (!rc)
		rc = store_session_end(store, s->session_id, &err);
	if (!rc)
		rc = auth_audit_request(store, req, "logout", object, NULL, &err);
	if (rc) {
		store_rollback(store);
		reply_error(req, res, &err);
		return;
	}
	if (store_commit(store, &err)) {
		reply_error(req, res, &err);
		return;
	}
	if (s->cookie)
		set_cookie(req, res, "", 0);
	reply_empty(res);
}

void session_change_password(struct request *req, struct response *res)
{
	static const char *const members[] = { "current_password", "new_password", NULL };
	const struct auth_session *s = auth_session_of(req);
	struct user_credentials user;
	struct audit_who who;
	struct error err;
	json_t *body;
	int rc;

	BUG_ON(!s);
	if (req_json(req, res, &body))
		return;
	rc = check_known_members(body, NULL, members, &err);
	if (!rc)
		rc = check_string(body, "current_password", NULL, true, PASSWORD_MAX_BYTES, &err);
	if (!rc)
		rc = check_string(body, "new_password", NULL, true, PASSWORD_MAX_BYTES, &err);
	if (!rc)
		rc = store_user_credentials(req->app->store, s->username, &user, &err);
	if (rc)
		goto fail;
	if (!password_verify(user.hash, json_string_value(json_object_get(body, "current_password")))) {
		/* A wrong current password counts like a failed log-in, so a
		 * stolen session cannot be used to guess the password. */
		struct login_failure failure = { .user = &user, .reason = "wrong_current_password" };

		user.locked_until = 0;
		rc = record_failure(req, &failure, &err);
		if (!rc)
			rc = error_set(&err, RC_INVALID, "wrong_password", "current_password",
				       "La contraseña actual no es correcta.",
				       "The current password is not correct.");
		goto fail;
	}
	audit_who_from_request(req, &who);
	rc = account_set_password(req->app, s->user_id,
				  json_string_value(json_object_get(body, "new_password")),
				  s->session_id, "password_changed", &who, &err);
	if (rc) {
		if (!strcmp(err.field, "password"))
			snprintf(err.field, sizeof(err.field), "new_password");
		goto fail;
	}
	auth_mark_audited(req);
	json_decref(body);
	reply_empty(res);
	return;
fail:
	json_decref(body);
	reply_error(req, res, &err);
}
