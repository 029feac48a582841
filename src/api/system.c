/* system.c - /healthz, /metrics, /api/v1/openapi.json and the version. */
#include "core/common.h"
#include "core/version.h"
#include "api/api.h"
#include "http/metrics.h"
#include "http/router.h"

void system_healthz(struct request *req, struct response *res)
{
	struct error err;

	if (store_ping(req->app->store, &err)) {
		reply_json(res, 503, json_pack("{ssss}", "status", "unavailable",
					       "store", store_backend(req->app->store)));
		return;
	}
	reply_json(res, 200, json_pack("{sssssi}", "status", "ok", "store",
				       store_backend(req->app->store), "schema",
				       store_schema_version(req->app->store)));
}

void system_metrics(struct request *req, struct response *res)
{
	(void)req;
	res->status = 200;
	res->content_type = "text/plain; version=0.0.4; charset=utf-8";
	metrics_render(&res->body);
}

void system_version(struct request *req, struct response *res)
{
	(void)req;
	reply_json(res, 200, json_pack("{ssss}", "name", "linea311", "version", LINEA311_VERSION));
}

static json_t *error_response(const char *description)
{
	return json_pack("{sss{s{s{ss}}}}", "description", description, "content",
			 "application/json", "schema", "$ref",
			 "#/components/schemas/Error");
}

/* Build the OpenAPI 3 document from the route table, so that it lists
 * every endpoint the server has. */
static json_t *openapi_document(void)
{
	json_t *paths = json_object();

	for (size_t i = 0; i < route_count; i++) {
		const struct route *r = &routes[i];
		json_t *item = json_object_get(paths, r->pattern), *params, *op;
		json_t *responses;
		char method[8], op_id[128];
		size_t j = 0;

		if (!item) {
			item = json_object();
			json_object_set_new(paths, r->pattern, item);
		}
		for (j = 0; r->method[j] && j + 1 < sizeof(method); j++)
			method[j] = (char)(r->method[j] | 0x20);
		method[j] = '\0';
		params = json_array();
		for (const char *p = strchr(r->pattern, '{'); p; p = strchr(p + 1, '{')) {
			const char *end = strchr(p, '}');
			char name[32];

			snprintf(name, sizeof(name), "%.*s", (int)(end - p - 1), p + 1);
			json_array_append_new(params, json_pack(
				"{sssssbs{ss}}", "name", name, "in", "path",
				"required", 1, "schema", "type",
				!strcmp(name, "number") ? "string" : "integer"));
		}
		responses = json_pack("{s{ss}}", "200", "description", "Success");
		if (!strcmp(r->method, "POST"))
			json_object_set_new(responses, "201", json_pack("{ss}", "description", "Created"));
		json_object_set_new(responses, "400", error_response("Malformed request"));
		json_object_set_new(responses, "404", error_response("Not found"));
		if (strcmp(r->method, "GET")) {
			json_object_set_new(responses, "409", error_response("Conflict with the current state"));
			json_object_set_new(responses, "413", error_response("Body too large"));
			json_object_set_new(responses, "415", error_response("Body is not JSON"));
			json_object_set_new(responses, "422", error_response("Invalid field"));
		}
		snprintf(op_id, sizeof(op_id), "%s_%zu", r->tag, i);
		op = json_pack("{sssss[s]soso}", "summary", r->summary, "operationId",
			       op_id, "tags", r->tag, "parameters", params,
			       "responses", responses);
		if (!strcmp(r->method, "POST") || !strcmp(r->method, "PUT") ||
		    !strcmp(r->method, "PATCH"))
			json_object_set_new(op, "requestBody", json_pack(
				"{sbs{s{s{ss}}}}", "required", 1, "content",
				"application/json", "schema", "type", "object"));
		json_object_set_new(item, method, op);
	}
	json_t *error_fields = json_pack("{s{ss}s{ss}s{ss}}", "code", "type", "string",
					 "message", "type", "string",
					 "field", "type", "string");
	json_t *error_schema = json_pack("{sss[s]s{s{ssso}}}", "type", "object",
					 "required", "error", "properties", "error",
					 "type", "object", "properties", error_fields);

	return json_pack(
		"{sss{ssssss}s[{ss}]sos{s{so}}}",
		"openapi", "3.0.3",
		"info", "title", "linea311 API", "version", LINEA311_VERSION,
		"description", "API of the linea311 3-1-1 citizen-services system. Errors are {\"error\": {\"code\", \"message\", \"field\"}}; messages follow Accept-Language or ?lang=es|en.",
		"servers", "url", "/",
		"paths", paths,
		"components", "schemas", "Error", error_schema);
}

void system_openapi(struct request *req, struct response *res)
{
	(void)req;
	reply_json(res, 200, openapi_document());
}
