/*
 * audit.c - /api/v1/audit: the audit trail, for the administrator.
 *
 * Entries come newest first. Filters: actor (user name), kind (change,
 * read, login, login_failed, logout, password_changed, password_reset,
 * user_created, user_updated, interrupted), route (a pattern such as
 * /api/v1/agencies/{id}), object_type (the route's tag: "citizens",
 * "cases", ...), object_id, from and to (UTC instants or dates, to
 * excluded) and before_seq.
 */
#include "core/common.h"
#include "api/api.h"
#include "auth/verify.h"
#include "store/audit.h"

static int read_instant(struct request *req, struct response *res,
			const char *name, const char **out)
{
	int y, m, d;

	if (req_query_text(req, res, name, 20, out))
		return RC_BAD_REQUEST;
	if (*out && sscanf(*out, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return reply_fail(req, res, RC_BAD_REQUEST, "invalid_parameter", name,
				  "El parámetro «%s» debe ser una fecha AAAA-MM-DD o un instante AAAA-MM-DDTHH:MM:SSZ (UTC).",
				  "The parameter \"%s\" must be a date YYYY-MM-DD or an instant YYYY-MM-DDTHH:MM:SSZ (UTC).",
				  name);
	return RC_OK;
}

void audit_list(struct request *req, struct response *res)
{
	struct audit_filter f = { 0 };
	struct page page;
	struct error err;
	json_t *out;

	if (req_page(req, res, &page) ||
	    req_query_text(req, res, "actor", 100, &f.actor) ||
	    req_query_text(req, res, "kind", 40, &f.kind) ||
	    req_query_text(req, res, "route", 200, &f.route) ||
	    req_query_text(req, res, "object_type", 60, &f.object_type) ||
	    req_query_text(req, res, "object_id", 60, &f.object_id) ||
	    read_instant(req, res, "from", &f.from) ||
	    read_instant(req, res, "to", &f.to) ||
	    req_query_long(req, res, "before_seq", 1, INT64_MAX, 0, &f.before_seq))
		return;
	if (store_audit_list(req->app->store, &f, &page, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, out);
}

void audit_verify_get(struct request *req, struct response *res)
{
	struct audit_report report;
	struct error err;
	json_t *out;

	if (audit_verify(req->app->store, 0, NULL, &report, &err)) {
		reply_error(req, res, &err);
		return;
	}
	out = json_pack("{sbsIsIsssI}", "intact", report.fault == AUDIT_FAULT_NONE,
			"entries", (json_int_t)report.entries,
			"head_seq", (json_int_t)report.head_seq,
			"head_hash", report.head_hash,
			"pending", (json_int_t)report.pending);
	if (report.fault != AUDIT_FAULT_NONE)
		json_object_set_new(out, "first_bad", json_pack("{sIssss}",
			"seq", (json_int_t)report.bad_seq,
			"problem", report.fault == AUDIT_FAULT_MISSING ? "missing" :
				   report.fault == AUDIT_FAULT_LINK ? "broken_link" : "altered",
			"message", audit_fault_text(report.fault, req->lang == LANG_EN)));
	reply_json(res, 200, out);
}
