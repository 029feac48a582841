/*
 * routes.c - every endpoint of linea311: method, path, handler and the
 * summary shown in the OpenAPI document. A path with a literal segment
 * must come before a path with a parameter at the same place
 * ("/cases/lookup" before "/cases/{id}"), because the first match wins.
 */
#include "core/common.h"
#include "api/api.h"
#include "http/router.h"

const struct route routes[] = {
	{ "GET", "/healthz", system_healthz, "Health of the server and its store", "system" },
	{ "GET", "/metrics", system_metrics, "Prometheus metrics", "system" },
	{ "GET", "/api/v1/openapi.json", system_openapi, "This OpenAPI document", "system" },
	{ "GET", "/api/v1/version", system_version, "Version of the server", "system" },

	{ "GET", "/api/v1/agencies", agencies_list, "List agencies (filters: level, integration_status, municipio, parent_id, q, archived)", "agencies" },
	{ "POST", "/api/v1/agencies", agencies_create, "Create an agency", "agencies" },
	{ "GET", "/api/v1/agencies/{id}", agencies_get, "Get an agency", "agencies" },
	{ "PUT", "/api/v1/agencies/{id}", agencies_replace, "Replace an agency", "agencies" },
	{ "PATCH", "/api/v1/agencies/{id}", agencies_patch, "Change some members of an agency", "agencies" },
	{ "DELETE", "/api/v1/agencies/{id}", agencies_archive, "Archive an agency", "agencies" },

	{ "GET", "/api/v1/offices", offices_list, "List offices (filters: agency_id, municipio, archived)", "offices" },
	{ "POST", "/api/v1/offices", offices_create, "Create an office", "offices" },
	{ "GET", "/api/v1/offices/{id}", offices_get, "Get an office", "offices" },
	{ "PUT", "/api/v1/offices/{id}", offices_replace, "Replace an office", "offices" },
	{ "PATCH", "/api/v1/offices/{id}", offices_patch, "Change some members of an office", "offices" },
	{ "DELETE", "/api/v1/offices/{id}", offices_archive, "Archive an office", "offices" },

	{ "GET", "/api/v1/services", services_list, "List services (filters: agency_id, status, level, referrals_allowed)", "services" },
	{ "POST", "/api/v1/services", services_create, "Create a service as a draft", "services" },
	{ "GET", "/api/v1/services/{id}", services_get, "Get a service: published version, or ?view=latest, or ?version=N", "services" },
	{ "PUT", "/api/v1/services/{id}", services_replace, "Replace a service's content as a new draft version", "services" },
	{ "PATCH", "/api/v1/services/{id}", services_patch, "Change some members of a service as a new draft version", "services" },
	{ "DELETE", "/api/v1/services/{id}", services_archive, "Archive a service", "services" },
	{ "POST", "/api/v1/services/{id}/status", services_set_status, "Move a service through the content workflow", "services" },
	{ "POST", "/api/v1/services/{id}/review", services_review, "Mark the published content as reviewed today", "services" },
	{ "GET", "/api/v1/services/{id}/versions", services_versions, "List every version of a service", "services" },
	{ "GET", "/api/v1/services/{id}/versions/{version}", services_version_get, "Get one version of a service", "services" },

	{ "GET", "/api/v1/search", search_get, "Search published services, agencies and offices (q, agency, level, municipio, lang, kind, limit)", "search" },
	{ "GET", "/api/v1/synonyms", synonyms_list, "List synonym and acronym groups (q, limit, offset)", "search" },
	{ "POST", "/api/v1/synonyms", synonyms_create, "Create a synonym or acronym group", "search" },
	{ "GET", "/api/v1/synonyms/{id}", synonyms_get, "Get a synonym or acronym group", "search" },
	{ "PUT", "/api/v1/synonyms/{id}", synonyms_update, "Replace a synonym or acronym group", "search" },
	{ "DELETE", "/api/v1/synonyms/{id}", synonyms_delete, "Delete a synonym or acronym group", "search" },

	{ "GET", "/api/v1/stats", stats_get, "Statistics of calls and cases for a period (period or from/to, group_by, agency_id, service_id, operator, channel, type, municipio, format=csv); definitions in docs/statistics.md: a case counts in the period it was created in, SLA met when the event's local date is on or before the due date, cancelled cases count in no SLA figure", "stats" },
	{ "GET", "/api/v1/citizens", citizens_list, "Find citizens by phone (written any way), email, name or case number", "citizens" },
	{ "POST", "/api/v1/citizens", citizens_create, "Create a citizen", "citizens" },
	{ "GET", "/api/v1/citizens/{id}", citizens_get, "Get a citizen", "citizens" },
	{ "PUT", "/api/v1/citizens/{id}", citizens_replace, "Replace a citizen", "citizens" },
	{ "PATCH", "/api/v1/citizens/{id}", citizens_patch, "Change some members of a citizen", "citizens" },
	{ "GET", "/api/v1/calls", calls_list, "List calls (filters: citizen_id, case_id, agency_id, service_id, type, channel, operator, from, to)", "calls" },
	{ "POST", "/api/v1/calls", calls_create, "Log a call", "calls" },
	{ "GET", "/api/v1/calls/{id}", calls_get, "Get a call", "calls" },
	{ "PATCH", "/api/v1/calls/{id}", calls_patch, "Change a call: its end, outcome or linked case", "calls" },
	{ "GET", "/api/v1/cases", cases_list, "List cases (filters: agency_id, office_id, service_id, citizen_id, status, sla_state, sla1_state, sla2_state, due_before, created_from, created_to, municipio, number, open)", "cases" },
	{ "POST", "/api/v1/cases", cases_create, "Create a case (referral) for a service of an integrated agency", "cases" },
	{ "POST", "/api/v1/public/requests", public_requests_create, "Submit a citizen's request from the web, without an account; returns only the case number and dates", "cases" },
	{ "GET", "/api/v1/cases/lookup", cases_lookup, "Follow up a case by the number the citizen quotes (public view)", "cases" },
	{ "POST", "/api/v1/cases/sla-sweep", cases_sweep, "Run the SLA sweep now", "cases" },
	{ "GET", "/api/v1/cases/{id}", cases_get, "Get a case with its live SLA states", "cases" },
	{ "PATCH", "/api/v1/cases/{id}", cases_patch, "Route a case to an office, an area or a person", "cases" },
	{ "POST", "/api/v1/cases/{id}/status", cases_set_status, "Move a case to another status", "cases" },
	{ "POST", "/api/v1/cases/{id}/first-contact", cases_first_contact, "Record the first contact with the citizen", "cases" },
	{ "POST", "/api/v1/cases/{id}/duplicate", cases_duplicate, "Link a case as a duplicate of its main case", "cases" },
	{ "GET", "/api/v1/cases/{id}/history", cases_history, "The complete history of a case", "cases" },
	{ "GET", "/api/v1/cases/{id}/notes", cases_notes_list, "List the notes of a case", "cases" },
	{ "POST", "/api/v1/cases/{id}/notes", cases_notes_create, "Add a note, internal or visible to the citizen", "cases" },
	{ "GET", "/api/v1/calendar", calendar_show, "Holidays and closures of a year (?year=)", "calendar" },
	{ "GET", "/api/v1/calendar/due", calendar_due_get, "Due date of an SLA of N business days (from, days)", "calendar" },
	{ "POST", "/api/v1/calendar/entries", calendar_entry_create, "Add a holiday, closure or half day", "calendar" },
	{ "DELETE", "/api/v1/calendar/entries/{date}", calendar_entry_delete, "Remove a holiday, closure or half day (?kind=)", "calendar" },
	{ "POST", "/api/v1/calendar/import", calendar_import_upload, "Import holiday lists as CSV or iCalendar", "calendar" },
	{ "GET", "/api/v1/calendar/years/{year}", calendar_year_get, "Holidays and closures of a year", "calendar" },
	{ "POST", "/api/v1/calendar/years/{year}/confirm", calendar_year_confirm, "Confirm the holiday list of a year", "calendar" },

	{ "POST", "/api/v1/services/{id}/send", services_send, "Send a published service's information to a citizen by email or fax (channel, recipient, language, call_id)", "outbox" },
	{ "GET", "/api/v1/outbox/status", outbox_status, "Email and fax configuration and message counts by status", "outbox" },
	{ "GET", "/api/v1/outbox/messages", outbox_messages_list, "List outbox messages (filters: case_id, call_id, status, kind)", "outbox" },
	{ "GET", "/api/v1/outbox/messages/{id}", outbox_messages_get, "Get a message with its delivery attempts", "outbox" },
	{ "POST", "/api/v1/outbox/messages/{id}/retry", outbox_messages_retry, "Queue a failed, uncertain or cancelled message again", "outbox" },
	{ "POST", "/api/v1/outbox/messages/{id}/cancel", outbox_messages_cancel, "Cancel a message not yet sent", "outbox" },
	{ "GET", "/api/v1/outbox/templates", outbox_templates_list, "List the message templates in both languages", "outbox" },
	{ "GET", "/api/v1/outbox/templates/{key}/{lang}", outbox_templates_get, "Get a message template", "outbox" },
	{ "PUT", "/api/v1/outbox/templates/{key}/{lang}", outbox_templates_put, "Replace a message template (subject, body_text, body_html)", "outbox" },
	{ "DELETE", "/api/v1/outbox/templates/{key}/{lang}", outbox_templates_reset, "Restore a message template's default", "outbox" },
	{ "GET", "/api/v1/cases/{id}/messages", outbox_case_messages, "List the messages about a case and their delivery status", "outbox" },
	{ "GET", "/api/v1/cases/{id}/notifications", outbox_case_subscription_get, "The citizen's subscription to the case's status changes", "outbox" },
	{ "PUT", "/api/v1/cases/{id}/notifications", outbox_case_subscription_put, "Subscribe the citizen's email to the case's status changes (email, language)", "outbox" },
	{ "DELETE", "/api/v1/cases/{id}/notifications", outbox_case_subscription_delete, "Stop telling the citizen of the case's status changes", "outbox" },


	{ "POST", "/api/v1/session", session_create, "Log in: a bearer token (client api) or a session cookie and CSRF token (client browser)", "session" },
	{ "GET", "/api/v1/session", session_get, "The current session and its user", "session" },
	{ "DELETE", "/api/v1/session", session_delete, "Log out", "session" },
	{ "POST", "/api/v1/session/password", session_change_password, "Change one's own password", "session" },

	{ "GET", "/api/v1/users", users_list, "List accounts (filters: role, agency_id, active, q)", "users" },
	{ "POST", "/api/v1/users", users_create, "Create an account", "users" },
	{ "GET", "/api/v1/users/{id}", users_get, "Get an account", "users" },
	{ "PATCH", "/api/v1/users/{id}", users_patch, "Change an account's name, role, scope or active flag", "users" },
	{ "DELETE", "/api/v1/users/{id}", users_disable, "Disable an account", "users" },
	{ "POST", "/api/v1/users/{id}/password", users_set_password, "Reset an account's password", "users" },

	{ "GET", "/api/v1/audit", audit_list, "List audit entries (filters: actor, kind, route, object_type, object_id, from, to)", "audit" },
	{ "GET", "/api/v1/audit/verify", audit_verify_get, "Check the audit trail's hash chain", "audit" },
};

const size_t route_count = ARRAY_SIZE(routes);
