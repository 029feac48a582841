/* search.c - GET /api/v1/search: the operator's search box. */
#include "core/common.h"
#include "api/api.h"
#include "app/search_sync.h"
#include "search/index.h"

#define MAX_QUERY_BYTES 500

/* Resolve the agency parameter: a numeric id, or an agency's acronym. */
static int agency_param(struct request *req, struct response *res,
			int64_t *out)
{
	const char *v;
	char *end;
	long long id;
	struct error err;

	*out = 0;
	if (req_query_text(req, res, "agency", 64, &v))
		return RC_BAD_REQUEST;
	if (!v)
		return RC_OK;
	errno = 0;
	id = strtoll(v, &end, 10);
	if (!errno && *end == '\0' && id > 0) {
		*out = id;
		return RC_OK;
	}
	if (store_agency_find(req->app->store, v, NULL, &id, &err)) {
		if (err.rc != RC_NOT_FOUND) {
			reply_error(req, res, &err);
			return err.rc;
		}
		return reply_fail(req, res, RC_INVALID, "invalid_field", "agency",
				  "No hay una agencia con id o siglas «%s».",
				  "There is no agency with id or acronym \"%s\".", v);
	}
	*out = id;
	return RC_OK;
}

static json_t *hit_json(const struct search_hit *h, enum lang lang)
{
	return json_pack("{sssIsssfssssssss}", "kind", search_kind_name(h->kind),
			 "id", (json_int_t)h->id, "title", h->title, "score",
			 h->score, "match", search_match_name(h->match),
			 "section", h->section, "section_title",
			 search_section_title(h->section, lang), "snippet",
			 h->snippet);
}

void search_get(struct request *req, struct response *res)
{
	static const char *const levels[] = { "federal", "state", "municipal", NULL };
	static const char *const langs[] = { "es", "en", NULL };
	static const char *const kinds[] = { "service", "agency", "office", NULL };
	struct search_query q = { .lang = -1 };
	struct search_result r;
	const char *level, *lang, *kind;
	long long limit;
	struct error err;
	json_t *items;

	if (req_query_text(req, res, "q", MAX_QUERY_BYTES, &q.text) ||
	    agency_param(req, res, &q.agency_id) ||
	    req_query_enum(req, res, "level", levels, &level) ||
	    req_query_municipio(req, res, "municipio", &q.municipio) ||
	    req_query_enum(req, res, "lang", langs, &lang) ||
	    req_query_enum(req, res, "kind", kinds, &kind) ||
	    req_query_long(req, res, "limit", 1, SEARCH_MAX_LIMIT,
			   SEARCH_DEFAULT_LIMIT, &limit))
		return;
	if (!q.text) {
		reply_fail(req, res, RC_BAD_REQUEST, "missing_field", "q",
			   "Falta el parámetro «q»: escriba qué busca.",
			   "The parameter \"q\" is missing: type what to search for.");
		return;
	}
	if (!req->app->search) {
		reply_fail(req, res, RC_UNAVAILABLE, "search_unavailable", NULL,
			   "La búsqueda aún no está lista. Intente de nuevo en unos segundos.",
			   "Search is not ready yet. Try again in a few seconds.");
		return;
	}
	if (level)
		q.level = !strcmp(level, "federal")   ? SEARCH_LEVEL_FEDERAL
			  : !strcmp(level, "state") ? SEARCH_LEVEL_STATE
						    : SEARCH_LEVEL_MUNICIPAL;
	if (lang)
		q.lang = !strcmp(lang, "en") ? LANG_EN : LANG_ES;
	for (int k = 0; kind && kinds[k]; k++)
		if (!strcmp(kind, kinds[k]))
			q.kinds = 1u << k;
	q.limit = (size_t)limit;

	if (search_index_query(req->app->search, &q, &r, &err)) {
		reply_error(req, res, &err);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < r.count; i++)
		json_array_append_new(items, hit_json(&r.hits[i], req->lang));
	reply_json(res, 200,
		   json_pack("{sssIsbso}", "query", q.text, "total",
			     (json_int_t)r.total, "total_exact", r.total_exact,
			     "items", items));
	search_result_free(&r);
}
