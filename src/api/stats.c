/*
 * stats.c - GET /api/v1/stats: figures of calls and cases for a period,
 * grouped and filtered, as JSON or as CSV (?format=csv). The figures and
 * their definitions are in docs/statistics.md.
 */
#include "core/common.h"
#include "api/api.h"
#include "core/clock.h"
#include "stats/export.h"
#include "stats/stats.h"

/* Read period, or from and to, into q; the current local month when
 * none is given. */
static int read_period(struct request *req, struct response *res,
		       struct stats_query *q)
{
	const char *period, *from, *to;
	struct civil_date ignored;
	struct error err;

	if (req_query_text(req, res, "period", 10, &period) ||
	    req_query_text(req, res, "from", 10, &from) ||
	    req_query_text(req, res, "to", 10, &to))
		return RC_BAD_REQUEST;
	if (period && (from || to))
		return reply_fail(req, res, RC_INVALID, "invalid_period", "period",
				  "Indique period o from y to, no ambos.",
				  "Give period or from and to, not both.");
	if (period) {
		if (stats_period_parse(period, "period", &q->from, &q->to, &err))
			goto fail;
		return RC_OK;
	}
	if (from || to) {
		if (!from || !to)
			return reply_fail(req, res, RC_INVALID, "missing_parameter", from ? "to" : "from",
					  "Indique from y to (AAAA-MM-DD) juntos.",
					  "Give from and to (YYYY-MM-DD) together.");
		if (stats_period_parse(from, "from", &q->from, &ignored, &err) ||
		    stats_period_parse(to, "to", &ignored, &q->to, &err))
			goto fail;
		return RC_OK;
	}
	q->from = civil_local_date(clock_now());
	q->from.day = 1;
	q->to = q->from;
	q->to.day = civil_days_in_month(q->to.year, q->to.month);
	return RC_OK;
fail:
	reply_error(req, res, &err);
	return err.rc;
}

void stats_get(struct request *req, struct response *res)
{
	static const char *const formats[] = { "json", "csv", NULL };
	struct stats_query q = { 0 };
	const char *group_by, *format;
	struct error err;
	json_t *out;

	if (read_period(req, res, &q) ||
	    req_query_text(req, res, "group_by", 20, &group_by) ||
	    req_query_long(req, res, "agency_id", 1, INT32_MAX, 0, &q.agency_id) ||
	    req_query_long(req, res, "service_id", 1, INT32_MAX, 0, &q.service_id) ||
	    req_query_text(req, res, "operator", 200, &q.operator) ||
	    req_query_text(req, res, "channel", 20, &q.channel) ||
	    req_query_text(req, res, "type", 20, &q.type) ||
	    req_query_text(req, res, "municipio", 60, &q.municipio) ||
	    req_query_enum(req, res, "format", formats, &format))
		return;
	/* A liaison gets here only with agency_id set to their own agency:
	 * the route's guard in the authorization table checks it. */
	if (stats_dim_parse(group_by, &q.group_by, &err) ||
	    stats_run(req->app, &q, req->lang, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	if (format && !strcmp(format, "csv")) {
		struct strbuf csv = STRBUF_INIT;
		char disposition[96];
		json_t *period = json_object_get(out, "period");

		stats_csv(out, req->lang, &csv);
		snprintf(disposition, sizeof(disposition),
			 "attachment; filename=\"%s-%s-%s.csv\"", TR(req->lang, "estadisticas", "statistics"),
			 json_string_value(json_object_get(period, "from")),
			 json_string_value(json_object_get(period, "to")));
		reply_header(res, "Content-Disposition", disposition);
		reply_bytes(res, 200, "text/csv; charset=utf-8", csv.buf, csv.len);
		strbuf_release(&csv);
		json_decref(out);
		return;
	}
	reply_json(res, 200, out);
}
