/* guard.c - authorization checks on stored data (see guard.h). */
#include "core/common.h"
#include "auth/guard.h"
#include "domain/case_record.h"
#include "store/kb.h"
#include "store/case.h"
#include "store/user.h"

/* Parse the body as a JSON object; NULL when it is not one, in which
 * case the handler reports the error in its usual words. */
static json_t *body_object(const struct request *req)
{
	json_t *body;

	if (!req->body_len)
		return NULL;
	body = json_loadb(req->body, req->body_len, 0, NULL);
	if (!json_is_object(body)) {
		json_decref(body);
		return NULL;
	}
	return body;
}

static long long path_id(const struct request *req, size_t i)
{
	char *end;
	long long id;

	if (i >= req->param_count)
		return 0;
	errno = 0;
	id = strtoll(req->params[i], &end, 10);
	return errno || *end || id < 1 ? 0 : id;
}

static bool forbid(struct request *req, struct response *res, const char *field,
		   const char *es, const char *en)
{
	reply_fail(req, res, RC_FORBIDDEN, "forbidden", field, "%s", "%s", es, en);
	return false;
}

/* Only the administrator sets an agency's licences: a request of another
 * role must leave them as they are (a PUT without "licences" sets 0). */
static bool guard_licences(struct request *req, struct response *res,
			   const struct auth_session *s)
{
	json_t *body, *v, *agency = NULL;
	long long current = 0, wanted;
	long long id = path_id(req, 0);
	bool ok = true;

	if (s->role == ROLE_ADMIN)
		return true;
	body = body_object(req);
	if (!body)
		return true;
	v = json_object_get(body, "licences");
	if (v && !json_is_integer(v) && !json_is_null(v)) {
		json_decref(body);
		return true; /* the handler rejects the type */
	}
	if (id) {
		if (store_agency_get(req->app->store, id, &agency, NULL)) {
			json_decref(body);
			return true; /* the handler returns 404 */
		}
		current = json_integer_value(json_object_get(agency, "licences"));
		json_decref(agency);
	}
	if (json_is_integer(v))
		wanted = json_integer_value(v);
	else if (!strcmp(req->method, "PATCH"))
		wanted = current;
	else
		wanted = 0;
	if (wanted != current) {
		char es[300], en[300];

		snprintf(es, sizeof(es),
			 "Solo el administrador cambia las licencias de una agencia. Envíe «licences»: %lld (sin cambio) u omítalo en PATCH.",
			 current);
		snprintf(en, sizeof(en),
			 "Only the administrator changes an agency's licences. Send \"licences\": %lld (unchanged) or leave it out of a PATCH.",
			 current);
		ok = forbid(req, res, "licences", es, en);
	}
	json_decref(body);
	return ok;
}

/* Read the agency of service id; 0 when the service does not exist. */
static long long service_agency(struct request *req, long long id)
{
	json_t *service;
	long long agency;

	if (!id || store_service_get(req->app->store, id, SERVICE_LATEST, 0,
				     &service, NULL))
		return 0;
	agency = json_integer_value(json_object_get(service, "agency_id"));
	json_decref(service);
	return agency;
}

/* A liaison reads the unpublished content of their own agency only. */
static bool guard_service_drafts(struct request *req, struct response *res,
				 const struct auth_session *s)
{
	const char *view = req_query(req, "view");
	const char *version = req_query(req, "version");
	long long agency;

	if (s->role != ROLE_LIAISON)
		return true;
	/* GET /services/{id} without these parameters is the public view;
	 * the versions routes are unpublished content whatever the query. */
	if (!strcmp(s->rule->pattern, "/api/v1/services/{id}") &&
	    !(view && !strcmp(view, "latest")) && !(version && *version))
		return true;
	agency = service_agency(req, path_id(req, 0));
	if (!agency || agency == s->agency_id)
		return true;
	return forbid(req, res, NULL,
		      "Un enlace solo puede ver el contenido no publicado de los servicios de su agencia.",
		      "A liaison may see the unpublished content of their own agency's services only.");
}

static bool guard_service_list(struct request *req, struct response *res,
			       const struct auth_session *s)
{
	const char *status = req_query(req, "status");
	const char *agency = req_query(req, "agency_id");
	char own[24];

	if (s->role != ROLE_LIAISON || !status || !*status || !strcmp(status, "published"))
		return true;
	snprintf(own, sizeof(own), "%lld", s->agency_id);
	if (agency && !strcmp(agency, own))
		return true;
	{
		char es[300], en[300];

		snprintf(es, sizeof(es),
			 "Un enlace solo puede listar los servicios no publicados de su agencia: añada agency_id=%lld.",
			 s->agency_id);
		snprintf(en, sizeof(en),
			 "A liaison may list the unpublished services of their own agency only: add agency_id=%lld.",
			 s->agency_id);
		return forbid(req, res, "agency_id", es, en);
	}
}

/*
 * Check the workflow moves each role may make. The administrator makes
 * any move, the content office any but approval. The coordinator sends drafts to review and
 * back. A liaison approves a service of their agency that is in review,
 * or returns it to draft.
 */
static bool guard_service_status(struct request *req, struct response *res,
				 const struct auth_session *s)
{
	json_t *body, *service = NULL;
	const char *target, *current;
	long long agency;
	bool ok = true;

	if (s->role == ROLE_ADMIN)
		return true;
	body = body_object(req);
	target = body ? json_string_value(json_object_get(body, "status")) : NULL;
	if (!target) {
		json_decref(body);
		return true; /* the handler reports the missing status */
	}
	if (s->role == ROLE_CONTENT_MANAGER) {
		/* The agency approves its own content; the content office
		 * writes, sends to review and publishes. */
		if (!strcmp(target, "approved"))
			ok = forbid(req, res, "status",
				    "La aprobación corresponde al enlace de la agencia (o al administrador). Envíe el servicio a revisión y espere su aprobación.",
				    "Approval belongs to the agency's liaison (or the administrator). Send the service to review and wait for its approval.");
		json_decref(body);
		return ok;
	}
	if (s->role == ROLE_COORDINATOR) {
		if (strcmp(target, "in_review") && strcmp(target, "draft"))
			ok = forbid(req, res, "status",
				    "El coordinador solo puede enviar un servicio a revisión («in_review») o devolverlo a borrador («draft»).",
				    "The coordinator may only send a service to review (\"in_review\") or return it to draft (\"draft\").");
		json_decref(body);
		return ok;
	}
	if (s->role != ROLE_LIAISON) {
		json_decref(body);
		return forbid(req, res, NULL, "Su rol no permite cambiar el estado de un servicio.",
			      "Your role may not change the status of a service.");
	}
	if (store_service_get(req->app->store, path_id(req, 0), SERVICE_LATEST, 0,
			      &service, NULL)) {
		json_decref(body);
		return true; /* the handler returns 404 */
	}
	agency = json_integer_value(json_object_get(service, "agency_id"));
	current = json_string_value(json_object_get(service, "status"));
	if (agency != s->agency_id)
		ok = forbid(req, res, NULL,
			    "Un enlace solo puede aprobar los servicios de su agencia.",
			    "A liaison may approve their own agency's services only.");
	else if (!current || strcmp(current, "in_review") ||
		 (strcmp(target, "approved") && strcmp(target, "draft")))
		ok = forbid(req, res, "status",
			    "Un enlace solo puede aprobar («approved») un servicio en revisión o devolverlo a borrador («draft»).",
			    "A liaison may only approve (\"approved\") a service in review or return it to draft (\"draft\").");
	/* NOTE: the status is read here and again in the handler's
	 * transaction. A move by someone else in between is still checked
	 * against the workflow there, but not against this rule. */
	json_decref(service);
	json_decref(body);
	return ok;
}

/* Return true when case id lies in the liaison's scope. */
static bool case_in_scope(struct request *req, const struct auth_session *s,
			  long long id)
{
	long long agency = 0, office = 0;

	if (store_case_scope(req->app->store, id, &agency, &office, NULL))
		return false;
	return agency == s->agency_id && (!s->office_id || office == s->office_id);
}

/*
 * The main case that a liaison's case is marked a duplicate of (by id as
 * main_case_id or duplicate_of, or by number) must be in the liaison's
 * scope too. Outside it, the error is the one for a main case that does
 * not exist, so that no other agency's case can be probed or linked.
 */
static bool guard_main_case(struct request *req, struct response *res,
			    const struct auth_session *s)
{
	static const char *const id_members[] = { "main_case_id", "duplicate_of" };
	json_t *body = body_object(req);
	const char *field = NULL, *number = NULL;
	long long main = 0;
	bool ok = true;

	for (size_t i = 0; body && i < ARRAY_SIZE(id_members) && !field; i++) {
		json_t *v = json_object_get(body, id_members[i]);

		if (json_is_integer(v)) {
			main = json_integer_value(v);
			field = id_members[i];
		}
	}
	number = body ? json_string_value(json_object_get(body, "main_case_number")) : NULL;
	if (!field && number) {
		char canonical[CASE_NUMBER_LEN];
		int year;
		long long seq;

		field = "main_case_number";
		if (case_number_parse(number, &year, &seq)) {
			case_number_format(year, seq, canonical);
			store_case_find_number(req->app->store, canonical, &main, NULL);
		}
	}
	if (main > 0 && !case_in_scope(req, s, main)) {
		if (number)
			reply_fail(req, res, RC_INVALID, "not_found", field,
				   "No existe el caso principal %s.",
				   "The main case %s does not exist.", number);
		else
			reply_fail(req, res, RC_INVALID, "not_found", field,
				   "No existe el caso principal %lld.",
				   "The main case %lld does not exist.", main);
		ok = false;
	}
	json_decref(body);
	return ok;
}

/*
 * A liaison reaches only the cases of their agency, and a regional liaison
 * only those routed to their office. A case outside that scope gets the
 * same 404 as a case that does not exist.
 */
static bool guard_case(struct request *req, struct response *res,
		       const struct auth_session *s)
{
	long long id = path_id(req, 0), agency = 0, office = 0;
	struct error err;
	int rc;

	if (s->role != ROLE_LIAISON || !id)
		return true;
	rc = store_case_scope(req->app->store, id, &agency, &office, &err);
	if (rc == RC_NOT_FOUND)
		return true; /* the handler returns 404 in its own words */
	if (rc) {
		reply_error(req, res, &err);
		return false;
	}
	if (agency == s->agency_id && (!s->office_id || office == s->office_id))
		return strcmp(req->method, "POST") || guard_main_case(req, res, s);
	reply_fail(req, res, RC_NOT_FOUND, "not_found", NULL,
		   "No se encontró el caso %lld.", "No case %lld was found.", id);
	return false;
}

/* A liaison reads the figures of their own agency only. */
static bool guard_own_agency(struct request *req, struct response *res,
			     const struct auth_session *s)
{
	const char *agency = req_query(req, "agency_id");
	char own[24], es[300], en[300];

	if (s->role != ROLE_LIAISON)
		return true;
	snprintf(own, sizeof(own), "%lld", s->agency_id);
	if (agency && !strcmp(agency, own))
		return true;
	snprintf(es, sizeof(es),
		 "Un enlace solo puede consultar los datos de su agencia: añada agency_id=%lld.",
		 s->agency_id);
	snprintf(en, sizeof(en),
		 "A liaison may only see their own agency's figures: add agency_id=%lld.",
		 s->agency_id);
	return forbid(req, res, "agency_id", es, en);
}

bool guard_check(struct request *req, struct response *res,
		 const struct auth_session *s)
{
	switch (s->rule->guard) {
	case AUTHZ_GUARD_NONE:
		return true;
	case AUTHZ_GUARD_AGENCY_LICENCES:
		return guard_licences(req, res, s);
	case AUTHZ_GUARD_SERVICE_DRAFTS:
		return guard_service_drafts(req, res, s);
	case AUTHZ_GUARD_SERVICE_LIST:
		return guard_service_list(req, res, s);
	case AUTHZ_GUARD_SERVICE_STATUS:
		return guard_service_status(req, res, s);
	case AUTHZ_GUARD_CASE:
		return guard_case(req, res, s);
	case AUTHZ_GUARD_OWN_AGENCY:
		return guard_own_agency(req, res, s);
	}
	return true;
}
