/* agencies.c - /api/v1/agencies: the directory of agencies. */
#include "core/common.h"
#include "api/api.h"
#include "api/crud.h"
#include "domain/kb.h"

static const struct crud_type agency_type = {
	.kind = "agency",
	.base = "/api/v1/agencies",
	.validate = agency_validate,
	.create = store_agency_create,
	.update = store_agency_update,
	.get = store_agency_get,
	.archive = store_agency_archive,
};

void agencies_list(struct request *req, struct response *res)
{
	static const char *const levels[] = { "federal", "state", "municipal", NULL };
	static const char *const statuses[] = {
		"not_integrated", "onboarding", "integrated", "suspended", NULL,
	};
	static const char *const booleans[] = { "true", "false", NULL };
	struct agency_filter f = { 0 };
	struct page page;
	const char *archived;
	struct error err;
	json_t *out;

	if (req_page(req, res, &page) ||
	    req_query_enum(req, res, "level", levels, &f.level) ||
	    req_query_enum(req, res, "integration_status", statuses, &f.integration_status) ||
	    req_query_municipio(req, res, "municipio", &f.municipio) ||
	    req_query_long(req, res, "parent_id", 1, INT64_MAX, 0, &f.parent_id) ||
	    req_query_text(req, res, "q", 200, &f.name) ||
	    req_query_enum(req, res, "archived", booleans, &archived))
		return;
	f.archived = archived && !strcmp(archived, "true");
	if (store_agency_list(req->app->store, &f, &page, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, out);
}

void agencies_create(struct request *req, struct response *res)
{
	crud_create(&agency_type, req, res);
}

void agencies_get(struct request *req, struct response *res)
{
	crud_get(&agency_type, req, res);
}

void agencies_replace(struct request *req, struct response *res)
{
	crud_update(&agency_type, false, req, res);
}

void agencies_patch(struct request *req, struct response *res)
{
	crud_update(&agency_type, true, req, res);
}

void agencies_archive(struct request *req, struct response *res)
{
	crud_archive(&agency_type, req, res);
}
