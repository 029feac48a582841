/*
 * api.h - the handlers of the HTTP API, one group per resource file in
 * src/api/. routes.c maps them to methods and paths.
 */
#ifndef LINEA311_API_H
#define LINEA311_API_H

#include "http/http.h"

/* system.c */
void system_healthz(struct request *req, struct response *res);
void system_metrics(struct request *req, struct response *res);
void system_openapi(struct request *req, struct response *res);
void system_version(struct request *req, struct response *res);

/* agencies.c */
void agencies_list(struct request *req, struct response *res);
void agencies_create(struct request *req, struct response *res);
void agencies_get(struct request *req, struct response *res);
void agencies_replace(struct request *req, struct response *res);
void agencies_patch(struct request *req, struct response *res);
void agencies_archive(struct request *req, struct response *res);

/* offices.c */
void offices_list(struct request *req, struct response *res);
void offices_create(struct request *req, struct response *res);
void offices_get(struct request *req, struct response *res);
void offices_replace(struct request *req, struct response *res);
void offices_patch(struct request *req, struct response *res);
void offices_archive(struct request *req, struct response *res);

/* services.c */
void services_list(struct request *req, struct response *res);
void services_create(struct request *req, struct response *res);
void services_get(struct request *req, struct response *res);
void services_replace(struct request *req, struct response *res);
void services_patch(struct request *req, struct response *res);
void services_archive(struct request *req, struct response *res);
void services_set_status(struct request *req, struct response *res);
void services_review(struct request *req, struct response *res);
void services_versions(struct request *req, struct response *res);
void services_version_get(struct request *req, struct response *res);

/* search.c */
void search_get(struct request *req, struct response *res);

/* synonyms.c */
void synonyms_list(struct request *req, struct response *res);
void synonyms_create(struct request *req, struct response *res);
void synonyms_get(struct request *req, struct response *res);
void synonyms_update(struct request *req, struct response *res);
void synonyms_delete(struct request *req, struct response *res);

/* stats.c */
void stats_get(struct request *req, struct response *res);

/* send.c */
void services_send(struct request *req, struct response *res);

/* outbox.c */
void outbox_messages_list(struct request *req, struct response *res);
void outbox_messages_get(struct request *req, struct response *res);
void outbox_messages_retry(struct request *req, struct response *res);
void outbox_messages_cancel(struct request *req, struct response *res);
void outbox_status(struct request *req, struct response *res);
void outbox_templates_list(struct request *req, struct response *res);
void outbox_templates_get(struct request *req, struct response *res);
void outbox_templates_put(struct request *req, struct response *res);
void outbox_templates_reset(struct request *req, struct response *res);
void outbox_case_messages(struct request *req, struct response *res);
void outbox_case_subscription_get(struct request *req, struct response *res);
void outbox_case_subscription_put(struct request *req, struct response *res);
void outbox_case_subscription_delete(struct request *req, struct response *res);

/* citizens.c */
void citizens_list(struct request *req, struct response *res);
void citizens_create(struct request *req, struct response *res);
void citizens_get(struct request *req, struct response *res);
void citizens_replace(struct request *req, struct response *res);
void citizens_patch(struct request *req, struct response *res);
void calls_list(struct request *req, struct response *res);
void calls_create(struct request *req, struct response *res);
void calls_get(struct request *req, struct response *res);
void calls_patch(struct request *req, struct response *res);

/* cases.c */
void cases_list(struct request *req, struct response *res);
void cases_create(struct request *req, struct response *res);
void cases_lookup(struct request *req, struct response *res);
void cases_sweep(struct request *req, struct response *res);
void cases_get(struct request *req, struct response *res);
void cases_patch(struct request *req, struct response *res);
void cases_set_status(struct request *req, struct response *res);
void cases_first_contact(struct request *req, struct response *res);
void cases_duplicate(struct request *req, struct response *res);
void cases_history(struct request *req, struct response *res);
void cases_notes_list(struct request *req, struct response *res);
void cases_notes_create(struct request *req, struct response *res);

/* calendar.c */
void calendar_show(struct request *req, struct response *res);
void calendar_due_get(struct request *req, struct response *res);
void calendar_entry_create(struct request *req, struct response *res);
void calendar_entry_delete(struct request *req, struct response *res);
void calendar_import_upload(struct request *req, struct response *res);
void calendar_year_get(struct request *req, struct response *res);
void calendar_year_confirm(struct request *req, struct response *res);

/* session.c */
void session_create(struct request *req, struct response *res);
void session_get(struct request *req, struct response *res);
void session_delete(struct request *req, struct response *res);
void session_change_password(struct request *req, struct response *res);

/* users.c */
void users_list(struct request *req, struct response *res);
void users_create(struct request *req, struct response *res);
void users_get(struct request *req, struct response *res);
void users_patch(struct request *req, struct response *res);
void users_disable(struct request *req, struct response *res);
void users_set_password(struct request *req, struct response *res);

/* audit.c */
void audit_list(struct request *req, struct response *res);
void audit_verify_get(struct request *req, struct response *res);

/* public_requests.c */
void public_requests_create(struct request *req, struct response *res);

#endif
