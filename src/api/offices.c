/* offices.c - /api/v1/offices: agencies' offices with their hours. */
#include "core/common.h"
#include "api/api.h"
#include "api/crud.h"
#include "domain/kb.h"

static const struct crud_type office_type = {
	.kind = "office",
	.base = "/api/v1/offices",
	.validate = office_validate,
	.create = store_office_create,
	.update = store_office_update,
	.get = store_office_get,
	.archive = store_office_archive,
};

void offices_list(struct request *req, struct response *res)
{
	static const char *const booleans[] = { "true", "false", NULL };
	struct office_filter f = { 0 };
	struct page page;
	const char *archived;
	struct error err;
	json_t *out;

	if (req_page(req, res, &page) ||
	    req_query_long(req, res, "agency_id", 1, INT64_MAX, 0, &f.agency_id) ||
	    req_query_municipio(req, res, "municipio", &f.municipio) ||
	    req_query_enum(req, res, "archived", booleans, &archived))
		return;
	f.archived = archived && !strcmp(archived, "true");
	if (store_office_list(req->app->store, &f, &page, &out, &err)) {
		reply_error(req, res, &err);
		return;
	}
	reply_json(res, 200, out);
}

void offices_create(struct request *req, struct response *res)
{
	crud_create(&office_type, req, res);
}

void offices_get(struct request *req, struct response *res)
{
	crud_get(&office_type, req, res);
}

void offices_replace(struct request *req, struct response *res)
{
	crud_update(&office_type, false, req, res);
}

void offices_patch(struct request *req, struct response *res)
{
	crud_update(&office_type, true, req, res);
}

void offices_archive(struct request *req, struct response *res)
{
	crud_archive(&office_type, req, res);
}
