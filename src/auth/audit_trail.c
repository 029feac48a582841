/*
 * audit_trail.c - writing audit entries for requests and commands (see
 * auth.h for when each entry is written).
 */
#include "core/common.h"
#include "auth/auth.h"
#include "core/log.h"
#include "http/router.h"
#include "store/audit.h"
#include "store/group_commit.h"

#include <pwd.h>
#include <unistd.h>

#define MAX_CITIZEN_IDS 500

void audit_who_from_request(const struct request *req, struct audit_who *who)
{
	const struct auth_session *s = auth_session_of(req);

	memset(who, 0, sizeof(*who));
	who->actor = s ? s->username : "anonymous";
	who->user_id = s ? s->user_id : 0;
	who->role = role_code(s ? s->role : ROLE_ANONYMOUS);
	who->address = req->remote_addr;
	who->method = req->method;
	who->route = req->route;
	who->request_id = req->id;
}

void audit_who_from_cli(struct audit_who *who, const char *command)
{
	static char actor[80];
	const struct passwd *pw = getpwuid(geteuid());

	/* The login name of the user who ran the command on the server. */
	snprintf(actor, sizeof(actor), "cli:%s", pw ? pw->pw_name : "unknown");
	memset(who, 0, sizeof(*who));
	who->actor = actor;
	who->address = "local";
	who->route = command;
}

int auth_audit(struct store *store, const struct audit_who *who,
	       const char *kind, const char *object_type, const char *object_id,
	       long long status, json_t *detail, struct error *err)
{
	struct audit_entry e = { 0 };
	char *text = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc;

	e.kind = kind;
	e.actor = who->actor;
	e.user_id = who->user_id;
	e.role = who->role;
	e.address = who->address;
	e.method = who->method;
	e.route = who->route;
	e.object_type = object_type;
	e.object_id = object_id;
	e.status = status;
	e.request_id = who->request_id;
	e.detail = text;
	rc = store_audit_append(store, &e, err);
	free(text);
	return rc;
}

int auth_audit_request(struct store *store, struct request *req,
		       const char *kind, const char *object_id,
		       json_t *detail, struct error *err)
{
	struct auth_session *s = req->session;
	struct audit_who who;
	int rc;

	audit_who_from_request(req, &who);
	rc = auth_audit(store, &who, kind, s ? s->object_type : NULL, object_id,
			0, detail, err);
	if (!rc && s)
		s->audited = true;
	return rc;
}

void auth_mark_audited(struct request *req)
{
	struct auth_session *s = req->session;

	if (s)
		s->audited = true;
}

/* ---- what an entry records about a request ---- */

/* Members whose values are codes, never personal data, and describe what
 * a change did. Other members are recorded by name only. */
static const char *const value_members[] = {
	"status", "role", "active", "licences", "integration_status",
	"level", "agency_id", "office_id", "service_id", "type", "channel",
	NULL,
};

static json_t *change_detail(const struct request *req)
{
	json_t *body = req->body_len ? json_loadb(req->body, req->body_len, 0, NULL) : NULL;
	json_t *detail = json_object(), *fields, *values;
	const char *key;
	json_t *v;

	if (!json_is_object(body)) {
		json_decref(body);
		return detail;
	}
	fields = json_array();
	values = json_object();
	json_object_foreach(body, key, v) {
		json_array_append_new(fields, json_string(key));
		for (const char *const *m = value_members; *m; m++)
			if (!strcmp(*m, key) && (json_is_string(v) || json_is_integer(v) ||
						 json_is_boolean(v) || json_is_null(v)))
				json_object_set(values, key, v);
	}
	json_object_set_new(detail, "fields", fields);
	if (json_object_size(values))
		json_object_set_new(detail, "values", values);
	else
		json_decref(values);
	json_decref(body);
	return detail;
}

static void add_unique_id(json_t *ids, json_t *id)
{
	size_t i;
	json_t *v;

	if (!json_is_integer(id) || json_array_size(ids) >= MAX_CITIZEN_IDS)
		return;
	json_array_foreach(ids, i, v)
		if (json_equal(v, id))
			return;
	json_array_append(ids, id);
}

/*
 * Collect the ids of the citizens whose data a response shows: members
 * "citizen_id", the "id" of objects under "citizen" or "citizens", and,
 * for the citizens endpoints, the "id" of the response and of its items.
 */
static void collect_citizens(json_t *value, bool citizen_level, json_t *ids)
{
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_array(value)) {
		json_array_foreach(value, i, v)
			collect_citizens(v, citizen_level, ids);
		return;
	}
	if (!json_is_object(value))
		return;
	if (citizen_level)
		add_unique_id(ids, json_object_get(value, "id"));
	json_object_foreach(value, key, v) {
		if (!strcmp(key, "citizen_id"))
			add_unique_id(ids, v);
		else if (!strcmp(key, "citizen") || !strcmp(key, "citizens"))
			collect_citizens(v, true, ids);
		else if (!strcmp(key, "items") && citizen_level)
			collect_citizens(v, true, ids);
		else if (json_is_object(v) || json_is_array(v))
			collect_citizens(v, false, ids);
	}
}

static json_t *read_detail(const struct request *req, const struct response *res,
			   const struct auth_session *s)
{
	json_t *body = json_loadb(res->body.buf ? res->body.buf : "", res->body.len, 0, NULL);
	json_t *ids = json_array();
	bool citizens = s->object_type && !strcmp(s->object_type, "citizens");

	(void)req;
	collect_citizens(body, citizens, ids);
	json_decref(body);
	return json_pack("{so}", "citizen_ids", ids);
}

/* Return the id of the object a change touched: the response's "id", or
 * the first path parameter. */
static char *object_id_of(const struct request *req, const struct response *res)
{
	json_t *body = json_loadb(res->body.buf ? res->body.buf : "", res->body.len, 0, NULL);
	json_t *id = json_object_get(body, "id");
	char *out = NULL;

	if (json_is_integer(id)) {
		char buf[24];

		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(id));
		out = xstrdup(buf);
	} else if (json_is_string(id)) {
		out = xstrdup(json_string_value(id));
	} else if (req->param_count) {
		out = xstrdup(req->params[0]);
	}
	json_decref(body);
	return out;
}

static bool is_success(unsigned status)
{
	return status >= 200 && status < 300;
}

/* The writes that finish a request: an entry (NULL kind: none) and the
 * removal of a pending row (0: none), in one transaction. */
struct finish_job {
	struct audit_who who;
	const char *kind;
	const char *object_type;
	const char *object_id;
	long long status;
	json_t *detail;
	long long pending_id;
};

static int run_finish(struct store *store, void *ctx, struct error *err)
{
	struct finish_job *job = ctx;
	int rc = RC_OK;

	if (job->kind)
		rc = auth_audit(store, &job->who, job->kind, job->object_type,
				job->object_id, job->status, job->detail, err);
	if (!rc && job->pending_id)
		rc = store_audit_pending_remove(store, job->pending_id, err);
	return rc;
}

/* Finish a change: its entry (when it succeeded and the handler wrote
 * none) and the removal of its pending row, in one transaction that may
 * share a group commit with other requests' writes. */
static void finish_change(struct request *req, struct response *res,
			  struct auth_session *s)
{
	struct finish_job job = {
		.object_type = s->object_type,
		.status = res->status,
		.pending_id = s->pending_id,
	};
	char *object_id = NULL;
	struct error err;
	int rc;

	audit_who_from_request(req, &job.who);
	if (is_success(res->status) && !s->audited) {
		job.kind = "change";
		job.detail = change_detail(req);
		object_id = object_id_of(req, res);
		job.object_id = object_id;
	}
	if (!job.kind && !job.pending_id)
		return; /* the handler wrote the entry with its change */
	rc = store_group_run(req->app->store, run_finish, &job, &err);
	json_decref(job.detail);
	free(object_id);
	if (rc)
		log_error("audit", "could not record %s %s (pending row %lld stays and will be recorded as interrupted): %s",
			  req->method, req->route, s->pending_id, err.message_en);
}

/* Audit a read of personal data; when that fails, the data is withheld. */
static void finish_read(struct request *req, struct response *res,
			struct auth_session *s)
{
	struct finish_job job = {
		.kind = "read",
		.object_type = s->object_type,
		.object_id = req->param_count ? req->params[0] : NULL,
		.status = res->status,
		.detail = read_detail(req, res, s),
	};
	struct error err;
	int rc;

	audit_who_from_request(req, &job.who);
	rc = store_group_run(req->app->store, run_finish, &job, &err);
	json_decref(job.detail);
	if (rc) {
		log_error("audit", "could not record a read of personal data on %s; response withheld: %s",
			  req->route, err.message_en);
		for (size_t i = 0; i < res->header_count; i++) {
			free(res->headers[i][0]);
			free(res->headers[i][1]);
		}
		res->header_count = 0;
		reply_fail(req, res, RC_UNAVAILABLE, "audit_unavailable", NULL,
			   "No se pudo registrar la consulta en la bitácora de auditoría, así que no se muestran los datos. Intente de nuevo.",
			   "The read could not be recorded in the audit trail, so the data is not shown. Try again.");
	}
}

void auth_finish(struct request *req, struct response *res)
{
	struct auth_session *s = req->session;

	if (!s)
		return;
	if (s->pending_id)
		finish_change(req, res, s);
	else if (s->rule && (s->rule->flags & AUTHZ_PERSONAL_DATA) &&
		 is_success(res->status) && !s->audited &&
		 (!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD")))
		finish_read(req, res, s);
	free(s);
	req->session = NULL;
	req->actor = "anonymous";
}
