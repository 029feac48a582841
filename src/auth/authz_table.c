/*
 * authz_table.c - who may call each endpoint (see authz.h).
 *
 * One line per route of src/http/routes.c, in the same order. A new route
 * needs its line here: test_auth_authz fails until it has one, and the
 * server denies the route to everyone but the administrator meanwhile.
 *
 * Policy in short:
 * - Citizens without a session (anonymous) read published content only:
 *   agencies, offices, published services, search, and the system's own
 *   documents. Archived rows and unpublished versions need a staff role.
 * - Operators and supervisors read published content. The content office
 *   (content_manager), the interagency coordinator and the administrator
 *   write the directory and the templates. A liaison reads and approves
 *   the unpublished templates of their own agency. Approval belongs to
 *   them or to the administrator (see guard.c).
 * - Citizens' data and calls are for the call center (operators,
 *   supervisors) and the administrator. Cases are read by the call center,
 *   the coordinator (SLA compliance) and liaisons, who reach only the
 *   cases of their agency or office; the agency's work on a case (first
 *   contact, routing) is the liaison's, with the supervisor and the
 *   administrator able to step in.
 * - Only the administrator manages accounts, licences, the calendar and
 *   the audit trail.
 */
#include "core/common.h"
#include "auth/authz.h"

#define ANON ROLE_BIT(ROLE_ANONYMOUS)
#define OP ROLE_BIT(ROLE_OPERATOR)
#define SUP ROLE_BIT(ROLE_SUPERVISOR)
#define CM ROLE_BIT(ROLE_CONTENT_MANAGER)
#define CO ROLE_BIT(ROLE_COORDINATOR)
#define LI ROLE_BIT(ROLE_LIAISON)
#define AD ROLE_BIT(ROLE_ADMIN)

#define PUBLIC ROLES_PUBLIC
#define STAFF ROLES_STAFF
#define CONTENT_EDITORS (CM | CO | AD)
#define CONTENT_READERS (CM | CO | LI | AD) /* may read unpublished content */
#define CALL_CENTER (OP | SUP | AD)         /* citizens, calls, new cases */
#define CASE_READERS (OP | SUP | CO | LI | AD)
#define CASE_WORKERS (OP | SUP | LI | AD)

#define NOT_PUBLISHED "draft|in_review|approved|archived|any"

const struct authz_rule authz_rules[] = {
	{ "GET", "/healthz", PUBLIC, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/metrics", SUP | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/openapi.json", PUBLIC, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/version", PUBLIC, 0, AUTHZ_GUARD_NONE, { { 0 } } },

	{ "GET", "/api/v1/agencies", PUBLIC, 0, AUTHZ_GUARD_NONE,
	  { { "archived", "true", STAFF } } },
	{ "POST", "/api/v1/agencies", CONTENT_EDITORS, 0, AUTHZ_GUARD_AGENCY_LICENCES, { { 0 } } },
	{ "GET", "/api/v1/agencies/{id}", PUBLIC, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "PUT", "/api/v1/agencies/{id}", CONTENT_EDITORS, 0, AUTHZ_GUARD_AGENCY_LICENCES, { { 0 } } },
	{ "PATCH", "/api/v1/agencies/{id}", CONTENT_EDITORS, 0, AUTHZ_GUARD_AGENCY_LICENCES, { { 0 } } },
	{ "DELETE", "/api/v1/agencies/{id}", CM | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },

	{ "GET", "/api/v1/offices", PUBLIC, 0, AUTHZ_GUARD_NONE,
	  { { "archived", "true", STAFF } } },
	{ "POST", "/api/v1/offices", CONTENT_EDITORS, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/offices/{id}", PUBLIC, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "PUT", "/api/v1/offices/{id}", CONTENT_EDITORS, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "PATCH", "/api/v1/offices/{id}", CONTENT_EDITORS, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "DELETE", "/api/v1/offices/{id}", CM | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },

	{ "GET", "/api/v1/services", PUBLIC, 0, AUTHZ_GUARD_SERVICE_LIST,
	  { { "status", NOT_PUBLISHED, CONTENT_READERS } } },
	{ "POST", "/api/v1/services", CONTENT_EDITORS, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/services/{id}", PUBLIC, 0, AUTHZ_GUARD_SERVICE_DRAFTS,
	  { { "view", "latest", CONTENT_READERS }, { "version", NULL, CONTENT_READERS } } },
	{ "PUT", "/api/v1/services/{id}", CONTENT_EDITORS, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "PATCH", "/api/v1/services/{id}", CONTENT_EDITORS, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "DELETE", "/api/v1/services/{id}", CM | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/services/{id}/status", CONTENT_READERS, 0, AUTHZ_GUARD_SERVICE_STATUS, { { 0 } } },
	{ "POST", "/api/v1/services/{id}/review", CONTENT_EDITORS, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/services/{id}/versions", CONTENT_READERS, 0, AUTHZ_GUARD_SERVICE_DRAFTS, { { 0 } } },
	{ "GET", "/api/v1/services/{id}/versions/{version}", CONTENT_READERS, 0, AUTHZ_GUARD_SERVICE_DRAFTS, { { 0 } } },

	{ "GET", "/api/v1/search", PUBLIC, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/synonyms", STAFF, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/synonyms", CM | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/synonyms/{id}", STAFF, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "PUT", "/api/v1/synonyms/{id}", CM | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "DELETE", "/api/v1/synonyms/{id}", CM | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },

	{ "GET", "/api/v1/stats", SUP | CO | LI | AD, 0, AUTHZ_GUARD_OWN_AGENCY, { { 0 } } },

	{ "GET", "/api/v1/citizens", CALL_CENTER, AUTHZ_PERSONAL_DATA, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/citizens", CALL_CENTER, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/citizens/{id}", CALL_CENTER, AUTHZ_PERSONAL_DATA, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "PUT", "/api/v1/citizens/{id}", CALL_CENTER, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "PATCH", "/api/v1/citizens/{id}", CALL_CENTER, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/calls", CALL_CENTER, AUTHZ_PERSONAL_DATA, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/calls", CALL_CENTER, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/calls/{id}", CALL_CENTER, AUTHZ_PERSONAL_DATA, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "PATCH", "/api/v1/calls/{id}", CALL_CENTER, 0, AUTHZ_GUARD_NONE, { { 0 } } },

	{ "GET", "/api/v1/cases", CASE_READERS, AUTHZ_PERSONAL_DATA, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/cases", CALL_CENTER, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/cases/lookup", PUBLIC, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	/* A citizen's own request from the web portal (web/js/endpoints.js);
	 * the route itself is still to come. */
	{ "POST", "/api/v1/public/requests", PUBLIC, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/cases/sla-sweep", AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/cases/{id}", CASE_READERS, AUTHZ_PERSONAL_DATA, AUTHZ_GUARD_CASE, { { 0 } } },
	{ "PATCH", "/api/v1/cases/{id}", SUP | LI | AD, 0, AUTHZ_GUARD_CASE, { { 0 } } },
	{ "POST", "/api/v1/cases/{id}/status", CASE_WORKERS, 0, AUTHZ_GUARD_CASE, { { 0 } } },
	{ "POST", "/api/v1/cases/{id}/first-contact", SUP | LI | AD, 0, AUTHZ_GUARD_CASE, { { 0 } } },
	{ "POST", "/api/v1/cases/{id}/duplicate", CASE_WORKERS, 0, AUTHZ_GUARD_CASE, { { 0 } } },
	{ "GET", "/api/v1/cases/{id}/history", CASE_READERS, 0, AUTHZ_GUARD_CASE, { { 0 } } },
	{ "GET", "/api/v1/cases/{id}/notes", CASE_READERS, AUTHZ_PERSONAL_DATA, AUTHZ_GUARD_CASE, { { 0 } } },
	{ "POST", "/api/v1/cases/{id}/notes", CASE_WORKERS, 0, AUTHZ_GUARD_CASE, { { 0 } } },
	{ "GET", "/api/v1/cases/{id}/messages", CASE_READERS, AUTHZ_PERSONAL_DATA, AUTHZ_GUARD_CASE, { { 0 } } },
	{ "GET", "/api/v1/cases/{id}/notifications", CASE_READERS, AUTHZ_PERSONAL_DATA, AUTHZ_GUARD_CASE, { { 0 } } },
	{ "PUT", "/api/v1/cases/{id}/notifications", CASE_WORKERS, 0, AUTHZ_GUARD_CASE, { { 0 } } },
	{ "DELETE", "/api/v1/cases/{id}/notifications", CASE_WORKERS, 0, AUTHZ_GUARD_CASE, { { 0 } } },

	{ "GET", "/api/v1/calendar", STAFF, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/calendar/due", STAFF, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/calendar/entries", AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "DELETE", "/api/v1/calendar/entries/{date}", AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/calendar/import", AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/calendar/years/{year}", STAFF, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/calendar/years/{year}/confirm", AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },

	{ "POST", "/api/v1/services/{id}/send", CALL_CENTER, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/outbox/status", SUP | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/outbox/messages", SUP | AD, AUTHZ_PERSONAL_DATA, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/outbox/messages/{id}", SUP | AD, AUTHZ_PERSONAL_DATA, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/outbox/messages/{id}/retry", SUP | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/outbox/messages/{id}/cancel", SUP | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/outbox/templates", STAFF, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/outbox/templates/{key}/{lang}", STAFF, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "PUT", "/api/v1/outbox/templates/{key}/{lang}", CM | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "DELETE", "/api/v1/outbox/templates/{key}/{lang}", CM | AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },

	{ "POST", "/api/v1/session", PUBLIC, AUTHZ_SELF_AUDITED, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/session", STAFF, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "DELETE", "/api/v1/session", STAFF, AUTHZ_SELF_AUDITED, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/session/password", STAFF, AUTHZ_SELF_AUDITED, AUTHZ_GUARD_NONE, { { 0 } } },

	{ "GET", "/api/v1/users", AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/users", AD, AUTHZ_SELF_AUDITED, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/users/{id}", AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "PATCH", "/api/v1/users/{id}", AD, AUTHZ_SELF_AUDITED, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "DELETE", "/api/v1/users/{id}", AD, AUTHZ_SELF_AUDITED, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "POST", "/api/v1/users/{id}/password", AD, AUTHZ_SELF_AUDITED, AUTHZ_GUARD_NONE, { { 0 } } },

	{ "GET", "/api/v1/audit", AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
	{ "GET", "/api/v1/audit/verify", AD, 0, AUTHZ_GUARD_NONE, { { 0 } } },
};

const size_t authz_rule_count = ARRAY_SIZE(authz_rules);
