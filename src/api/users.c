/*
 * users.c - /api/v1/users: accounts, for the administrator.
 *
 * DELETE disables an account (it is kept for the audit trail); PATCH
 * with "active": true enables it again. Creating or enabling an active
 * liaison, or moving an account to the liaison role, needs a free
 * licence of the agency (409 otherwise).
 */
#include "core/common.h"
#include "api/api.h"
#include "auth/account.h"
#include "auth/auth.h"
#include "domain/validate.h"
#include "store/user.h"

static void reply_user(struct request *req, struct response *res, long long id,
		       unsigned status)
{
	struct error err;
	json_t *user;

	if (store_user_get(req->app->store, id, &user, &err)) {
		reply_error(req, res, &err);
		return;
	}
	account_decorate(user);
	if (status == 201) {
		char location[64];

		snprintf(location, sizeof(location), "/api/v1/users/%lld", id);
		reply_header(res, "Location", location);
	}
	reply_json(res, status, user);
}

void users_list(struct request *req, struct response *res)
{
	static const char *const booleans[] = { "true", "false", NULL };
	struct user_filter f = { .active = -1 };
	const char *active;
	struct page page;
	struct error err;
	json_t *out, *item;
	size_t i;

	if (req_page(req, res, &page) ||
	    req_query_enum(req, res, "role", role_account_codes, &f.role) ||
	    req_query_long(req, res, "agency_id", 1, INT64_MAX, 0, &f.agency_id) ||
	    req_query_enum(req, res, "active", booleans, &active) ||
	    req_query_text(req, res, "q", 100, &f.q))
		return;
	if (active)
		f.active = !strcmp(active, "true");
	if (store_user_list(req->app->store, &f, &page, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	json_array_foreach(json_object_get(out, "items"), i, item)
		account_decorate(item);
	reply_json(res, 200, out);
}

void users_create(struct request *req, struct response *res)
{
	struct audit_who who;
	struct error err;
	json_t *body, *user = NULL, *password;
	long long id;
	int rc;

	if (req_json(req, res, &body))
		return;
	/* The password travels in the body but is not a member of the user. */
	password = json_incref(json_object_get(body, "password"));
	json_object_del(body, "password");
	rc = account_validate(body, NULL, &user, &err);
	if (!rc && !json_is_string(password))
		rc = error_set(&err, RC_INVALID, "missing_field", "password",
			       "Falta la contraseña inicial («password»).",
			       "The initial password (\"password\") is missing.");
	if (!rc) {
		audit_who_from_request(req, &who);
		rc = account_create(req->app, user, json_string_value(password), &who, &id, &err);
	}
	json_decref(password);
	json_decref(body);
	json_decref(user);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	auth_mark_audited(req);
	reply_user(req, res, id, 201);
}

void users_get(struct request *req, struct response *res)
{
	long long id;

	if (req_id(req, res, 0, &id))
		return;
	reply_user(req, res, id, 200);
}

static void update(struct request *req, struct response *res, long long id,
		   json_t *body)
{
	struct audit_who who;
	struct error err;
	json_t *current = NULL, *user = NULL;
	int rc;

	rc = store_user_get(req->app->store, id, &current, &err);
	if (!rc)
		rc = account_validate(body, current, &user, &err);
	if (!rc) {
		audit_who_from_request(req, &who);
		rc = account_update(req->app, id, user, &who, &err);
	}
	json_decref(current);
	json_decref(user);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	auth_mark_audited(req);
	reply_user(req, res, id, 200);
}

void users_patch(struct request *req, struct response *res)
{
	json_t *body;
	long long id;

	if (req_id(req, res, 0, &id) || req_json(req, res, &body))
		return;
	update(req, res, id, body);
	json_decref(body);
}

void users_disable(struct request *req, struct response *res)
{
	json_t *body = json_pack("{sb}", "active", 0);
	long long id;

	if (!req_id(req, res, 0, &id))
		update(req, res, id, body);
	json_decref(body);
}

void users_set_password(struct request *req, struct response *res)
{
	static const char *const members[] = { "password", NULL };
	struct audit_who who;
	struct error err;
	json_t *body;
	long long id;
	int rc;

	if (req_id(req, res, 0, &id) || req_json(req, res, &body))
		return;
	rc = check_known_members(body, NULL, members, &err);
	if (!rc)
		rc = check_string(body, "password", NULL, true, 1024, &err);
	if (!rc) {
		audit_who_from_request(req, &who);
		rc = account_set_password(req->app, id,
					  json_string_value(json_object_get(body, "password")),
					  0, "password_reset", &who, &err);
	}
	json_decref(body);
	if (rc) {
		reply_error(req, res, &err);
		return;
	}
	auth_mark_audited(req);
	reply_user(req, res, id, 200);
}
