/* outbox.c - the outbox in SQLite (see store/outbox.h). */
#include "core/common.h"
#include "core/clock.h"
#include "store/outbox.h"
#include "store/sqlite/db.h"
#include "store/sqlite/rows.h"

#define SUMMARY_COLUMNS                                                      \
	"id, message_id, kind, channel, recipient, language, subject, status," \
	" sending_phase, attempts, attempt_id, next_attempt_at, error_code,"  \
	" last_error, service_id, agency_id, case_id, call_id, created_by,"  \
	" created_at, updated_at, sent_at"

static int not_found(struct error *err, long long id)
{
	return error_set(err, RC_NOT_FOUND, "not_found", NULL,
			 "No se encontró el mensaje %lld.",
			 "No message %lld was found.", id);
}

static void bind_optional_id(sqlite3_stmt *stmt, int i, long long id)
{
	if (id > 0)
		db_bind_int(stmt, i, id);
	else
		sqlite3_bind_null(stmt, i);
}

int store_outbox_insert(struct store *store, const struct outbox_message *m,
			const char *message_id, time_t now, long long *id,
			struct error *err)
{
	static const char sql[] =
		"INSERT INTO outbox_messages (message_id, kind, channel, recipient,"
		" language, subject, body_text, body_html, status, next_attempt_at,"
		" service_id, agency_id, case_id, call_id, dedupe_key, created_by,"
		" created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'queued', ?9, ?10, ?11,"
		" ?12, ?13, ?14, ?15, ?9, ?9)"
		" ON CONFLICT (dedupe_key) DO NOTHING";
	static const char attachment_sql[] =
		"INSERT INTO outbox_attachments (message_id, position, filename,"
		" content_type, data) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char at[21];
	int rc;

	*id = 0;
	if (!stmt)
		return RC_STORE;
	clock_format_utc(now, at);
	db_bind_text(stmt, 1, message_id);
	db_bind_text(stmt, 2, m->kind);
	db_bind_text(stmt, 3, m->channel);
	db_bind_text(stmt, 4, m->recipient);
	db_bind_text(stmt, 5, lang_code(m->lang));
	db_bind_text(stmt, 6, m->subject);
	db_bind_text(stmt, 7, m->body_text);
	db_bind_text(stmt, 8, m->body_html);
	db_bind_text(stmt, 9, at);
	bind_optional_id(stmt, 10, m->service_id);
	bind_optional_id(stmt, 11, m->agency_id);
	bind_optional_id(stmt, 12, m->case_id);
	bind_optional_id(stmt, 13, m->call_id);
	db_bind_text(stmt, 14, m->dedupe_key);
	db_bind_text(stmt, 15, m->actor ? m->actor : "system");
	rc = db_step_done(store, stmt, "queue message", err);
	if (rc)
		return rc;
	if (db_changes(store) == 0)
		return RC_OK; /* the dedupe key is already queued */
	*id = db_last_id(store);

	for (size_t i = 0; i < m->attachment_count; i++) {
		const struct outbox_attachment *a = &m->attachments[i];

		stmt = db_stmt(store, attachment_sql, err);
		if (!stmt)
			return RC_STORE;
		db_bind_int(stmt, 1, *id);
		db_bind_int(stmt, 2, (long long)i);
		db_bind_text(stmt, 3, a->filename);
		db_bind_text(stmt, 4, a->content_type);
		sqlite3_bind_blob64(stmt, 5, a->data, a->len, SQLITE_TRANSIENT);
		rc = db_step_done(store, stmt, "queue attachment", err);
		if (rc)
			return rc;
	}
	return RC_OK;
}

int store_outbox_claim(struct store *store, time_t now, const char *attempt_id,
		       json_t **out, struct error *err)
{
	static const char pick_sql[] =
		"SELECT id FROM outbox_messages WHERE status = 'queued'"
		" AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT 1";
	static const char claim_sql[] =
		"UPDATE outbox_messages SET status = 'sending',"
		" sending_phase = 'connecting', attempts = attempts + 1,"
		" attempt_id = ?2, next_attempt_at = NULL, updated_at = ?3"
		" WHERE id = ?1 AND status = 'queued'";
	static const char attempt_sql[] =
		"INSERT INTO outbox_attempts (message_id, attempt, attempt_id, started_at)"
		" SELECT id, (SELECT COALESCE(MAX(attempt), 0) + 1 FROM outbox_attempts"
		"   WHERE message_id = ?1), attempt_id, ?2 FROM outbox_messages WHERE id = ?1";
	sqlite3_stmt *stmt = db_stmt(store, pick_sql, err);
	char at[21];
	long long id = 0;
	int rc;

	*out = NULL;
	if (!stmt)
		return RC_STORE;
	clock_format_utc(now, at);
	db_bind_text(stmt, 1, at);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		id = sqlite3_column_int64(stmt, 0);
	db_done(stmt);
	if (!id)
		return RC_OK;

	stmt = db_stmt(store, claim_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, attempt_id);
	db_bind_text(stmt, 3, at);
	rc = db_step_done(store, stmt, "claim message", err);
	if (rc || db_changes(store) == 0)
		return rc;
	stmt = db_stmt(store, attempt_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, at);
	rc = db_step_done(store, stmt, "record attempt", err);
	if (rc)
		return rc;
	return store_outbox_get(store, id, out, err);
}

int store_outbox_next_due(struct store *store, time_t *when, struct error *err)
{
	static const char sql[] =
		"SELECT MIN(next_attempt_at) FROM outbox_messages WHERE status = 'queued'";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	const char *text = NULL;

	*when = 0;
	if (!stmt)
		return RC_STORE;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		text = (const char *)sqlite3_column_text(stmt, 0);
	if (text && clock_parse_utc(text, when))
		*when = 0;
	db_done(stmt);
	return RC_OK;
}

int store_outbox_attachments(struct store *store, long long id,
			     struct outbox_attachment **out, size_t *count,
			     struct error *err)
{
	static const char sql[] =
		"SELECT filename, content_type, data FROM outbox_attachments"
		" WHERE message_id = ? ORDER BY position";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	struct outbox_attachment *list = NULL;
	size_t n = 0;
	int step;

	*out = NULL;
	*count = 0;
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		size_t len = (size_t)sqlite3_column_bytes(stmt, 2);
		void *data = xmalloc(len ? len : 1);

		if (len)
			memcpy(data, sqlite3_column_blob(stmt, 2), len);
		list = xrealloc(list, (n + 1) * sizeof(*list));
		list[n].filename = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		list[n].content_type = xstrdup((const char *)sqlite3_column_text(stmt, 1));
		list[n].data = data;
		list[n].len = len;
		n++;
	}
	if (step != SQLITE_DONE) {
		int rc = db_error(db_conn(store, NULL), "read attachments", err);

		db_done(stmt);
		store_outbox_attachments_free(list, n);
		return rc;
	}
	db_done(stmt);
	*out = list;
	*count = n;
	return RC_OK;
}

void store_outbox_attachments_free(struct outbox_attachment *list, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free((char *)list[i].filename);
		free((char *)list[i].content_type);
		free((void *)list[i].data);
	}
	free(list);
}

int store_outbox_mark_transmitted(struct store *store, long long id,
				  const char *attempt_id, time_t now,
				  struct error *err)
{
	static const char sql[] =
		"UPDATE outbox_messages SET sending_phase = 'transmitted', updated_at = ?3"
		" WHERE id = ?1 AND status = 'sending' AND attempt_id = ?2";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char at[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(now, at);
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, attempt_id);
	db_bind_text(stmt, 3, at);
	rc = db_step_done(store, stmt, "mark message transmitted", err);
	if (!rc && db_changes(store) == 0)
		rc = error_set(err, RC_CONFLICT, "attempt_superseded", NULL,
			       "El mensaje %lld ya no está en este intento de envío.",
			       "Message %lld is no longer in this delivery attempt.", id);
	return rc;
}

int store_outbox_finish(struct store *store, long long id,
			const char *attempt_id, const struct outbox_outcome *o,
			time_t now, struct error *err)
{
	static const char sql[] =
		"UPDATE outbox_messages SET status = ?3, sending_phase = NULL,"
		" next_attempt_at = ?4, error_code = ?5, last_error = ?6,"
		" updated_at = ?7, sent_at = CASE WHEN ?3 = 'sent' THEN ?7 END"
		" WHERE id = ?1 AND status = 'sending' AND attempt_id = ?2";
	static const char attempt_sql[] =
		"UPDATE outbox_attempts SET finished_at = ?3, outcome = ?4,"
		" error_code = ?5, error = ?6 WHERE message_id = ?1 AND attempt_id = ?2";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char at[21], next[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(now, at);
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, attempt_id);
	db_bind_text(stmt, 3, o->status);
	if (!strcmp(o->status, "queued")) {
		clock_format_utc(o->next_attempt_at, next);
		db_bind_text(stmt, 4, next);
	}
	db_bind_text(stmt, 5, o->error_code);
	db_bind_text(stmt, 6, o->error);
	db_bind_text(stmt, 7, at);
	rc = db_step_done(store, stmt, "finish attempt", err);
	if (rc)
		return rc;
	if (db_changes(store) == 0)
		return error_set(err, RC_CONFLICT, "attempt_superseded", NULL,
				 "El mensaje %lld ya no está en este intento de envío.",
				 "Message %lld is no longer in this delivery attempt.", id);
	stmt = db_stmt(store, attempt_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, attempt_id);
	db_bind_text(stmt, 3, at);
	db_bind_text(stmt, 4, o->outcome);
	db_bind_text(stmt, 5, o->error_code);
	db_bind_text(stmt, 6, o->error);
	return db_step_done(store, stmt, "finish attempt", err);
}

int store_outbox_recover(struct store *store, time_t now, int *requeued,
			 int *uncertain, struct error *err)
{
	static const char attempts_sql[] =
		"UPDATE outbox_attempts SET finished_at = ?1,"
		" outcome = CASE m.sending_phase WHEN 'transmitted' THEN 'uncertain'"
		"   ELSE 'interrupted' END,"
		" error_code = CASE m.sending_phase WHEN 'transmitted' THEN 'interrupted_after_transmission'"
		"   ELSE 'interrupted_before_transmission' END"
		" FROM outbox_messages AS m"
		" WHERE m.id = outbox_attempts.message_id AND m.status = 'sending'"
		" AND m.attempt_id = outbox_attempts.attempt_id";
	static const char requeue_sql[] =
		"UPDATE outbox_messages SET status = 'queued', sending_phase = NULL,"
		" next_attempt_at = ?1, updated_at = ?1,"
		" error_code = 'interrupted_before_transmission',"
		" last_error = 'the server stopped before the message was transmitted'"
		" WHERE status = 'sending' AND sending_phase = 'connecting'";
	static const char uncertain_sql[] =
		"UPDATE outbox_messages SET status = 'uncertain', sending_phase = NULL,"
		" updated_at = ?1, error_code = 'interrupted_after_transmission',"
		" last_error = 'the server stopped after transmitting the message and"
		" before the outcome was known'"
		" WHERE status = 'sending'";
	sqlite3_stmt *stmt;
	char at[21];
	int rc;

	clock_format_utc(now, at);
	stmt = db_stmt(store, attempts_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, at);
	rc = db_step_done(store, stmt, "recover attempts", err);
	if (rc)
		return rc;

	stmt = db_stmt(store, requeue_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, at);
	rc = db_step_done(store, stmt, "requeue interrupted messages", err);
	if (rc)
		return rc;
	*requeued = db_changes(store);

	/* What is still sending was transmitted: its outcome is unknown. */
	stmt = db_stmt(store, uncertain_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, at);
	rc = db_step_done(store, stmt, "settle transmitted messages", err);
	if (rc)
		return rc;
	*uncertain = db_changes(store);
	return RC_OK;
}

/* Nest error_code and last_error as "last_error": {"code", "detail"}. */
static json_t *message_row(sqlite3_stmt *stmt)
{
	json_t *m = db_row_json(stmt);
	json_t *code = json_object_get(m, "error_code");

	if (json_is_string(code))
		json_object_set_new(m, "last_error", json_pack("{sOsO}",
			"code", code, "detail", json_object_get(m, "last_error")));
	else
		json_object_set_new(m, "last_error", json_null());
	json_object_del(m, "error_code");
	return m;
}

int store_outbox_list(struct store *store, const struct outbox_filter *f,
		      const struct page *page, json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT " SUMMARY_COLUMNS ", COUNT(*) OVER () AS total_rows"
		" FROM outbox_messages"
		" WHERE (?1 = 0 OR case_id = ?1) AND (?2 = 0 OR call_id = ?2)"
		" AND (?3 IS NULL OR status = ?3) AND (?4 IS NULL OR kind = ?4)"
		" ORDER BY id DESC LIMIT ?5 OFFSET ?6";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, f->case_id);
	db_bind_int(stmt, 2, f->call_id);
	db_bind_text(stmt, 3, f->status);
	db_bind_text(stmt, 4, f->kind);
	db_bind_int(stmt, 5, page->limit);
	db_bind_int(stmt, 6, page->offset);
	return row_collect_page(store, stmt, message_row, page, out, err);
}

static int collect(struct store *store, sqlite3_stmt *stmt, json_t **out,
		   struct error *err)
{
	json_t *items = json_array();
	int step;

	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		json_array_append_new(items, db_row_json(stmt));
	if (step != SQLITE_DONE) {
		int rc = db_error(db_conn(store, NULL), "read", err);

		db_done(stmt);
		json_decref(items);
		return rc;
	}
	db_done(stmt);
	*out = items;
	return RC_OK;
}

int store_outbox_get(struct store *store, long long id, json_t **out,
		     struct error *err)
{
	static const char sql[] =
		"SELECT " SUMMARY_COLUMNS ", body_text, body_html, dedupe_key"
		" FROM outbox_messages WHERE id = ?";
	static const char attachments_sql[] =
		"SELECT filename, content_type, length(data) AS size"
		" FROM outbox_attachments WHERE message_id = ? ORDER BY position";
	static const char attempts_sql[] =
		"SELECT attempt, attempt_id, started_at, finished_at, outcome,"
		" error_code, error FROM outbox_attempts WHERE message_id = ?"
		" ORDER BY attempt";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	json_t *m = NULL, *list;
	int step, rc;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		m = message_row(stmt);
	db_done(stmt);
	if (!m)
		return not_found(err, id);

	stmt = db_stmt(store, attachments_sql, err);
	if (!stmt)
		goto fail;
	db_bind_int(stmt, 1, id);
	rc = collect(store, stmt, &list, err);
	if (rc)
		goto fail;
	json_object_set_new(m, "attachments", list);

	stmt = db_stmt(store, attempts_sql, err);
	if (!stmt)
		goto fail;
	db_bind_int(stmt, 1, id);
	rc = collect(store, stmt, &list, err);
	if (rc)
		goto fail;
	json_object_set_new(m, "attempt_log", list);
	*out = m;
	return RC_OK;

fail:
	json_decref(m);
	return RC_STORE;
}

int store_outbox_requeue(struct store *store, long long id, time_t now,
			 struct error *err)
{
	static const char sql[] =
		"UPDATE outbox_messages SET status = 'queued', next_attempt_at = ?2,"
		" attempts = 0, updated_at = ?2"
		" WHERE id = ?1 AND status IN ('failed', 'uncertain', 'cancelled')";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char at[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(now, at);
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, at);
	rc = db_step_done(store, stmt, "requeue message", err);
	if (!rc && db_changes(store) == 0)
		rc = error_set(err, RC_CONFLICT, "not_retryable", NULL,
			       "Solo se puede reenviar un mensaje fallido, incierto o cancelado.",
			       "Only a failed, uncertain or cancelled message can be sent again.");
	return rc;
}

int store_outbox_cancel(struct store *store, long long id, time_t now,
			struct error *err)
{
	static const char sql[] =
		"UPDATE outbox_messages SET status = 'cancelled', next_attempt_at = NULL,"
		" updated_at = ?2 WHERE id = ?1 AND status IN ('queued', 'failed', 'uncertain')";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char at[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(now, at);
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, at);
	rc = db_step_done(store, stmt, "cancel message", err);
	if (!rc && db_changes(store) == 0)
		rc = error_set(err, RC_CONFLICT, "not_cancellable", NULL,
			       "Solo se puede cancelar un mensaje en cola, fallido o incierto.",
			       "Only a queued, failed or uncertain message can be cancelled.");
	return rc;
}

int store_outbox_counts(struct store *store, json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT status, COUNT(*) FROM outbox_messages GROUP BY status";
	static const char *const statuses[] = {
		"queued", "sending", "sent", "failed", "uncertain", "cancelled",
	};
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	json_t *counts = json_object();
	int step;

	if (!stmt) {
		json_decref(counts);
		return RC_STORE;
	}
	for (size_t i = 0; i < ARRAY_SIZE(statuses); i++)
		json_object_set_new(counts, statuses[i], json_integer(0));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		json_object_set_new(counts, (const char *)sqlite3_column_text(stmt, 0),
				    json_integer(sqlite3_column_int64(stmt, 1)));
	db_done(stmt);
	if (step != SQLITE_DONE) {
		json_decref(counts);
		return db_error(db_conn(store, NULL), "count messages", err);
	}
	*out = counts;
	return RC_OK;
}

/* ---- templates ---- */

int store_outbox_template_get(struct store *store, const char *key,
			      enum lang lang, json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT subject, body_text, body_html, updated_by, updated_at"
		" FROM outbox_templates WHERE key = ? AND language = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, key);
	db_bind_text(stmt, 2, lang_code(lang));
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = db_row_json(stmt);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return error_set(err, RC_NOT_FOUND, "not_found", "key",
				 "No hay una plantilla guardada «%s».",
				 "There is no stored template \"%s\".", key);
	return RC_OK;
}

int store_outbox_template_put(struct store *store, const char *key,
			      enum lang lang, const char *subject,
			      const char *body_text, const char *body_html,
			      const char *actor, time_t now, struct error *err)
{
	static const char sql[] =
		"INSERT INTO outbox_templates (key, language, subject, body_text,"
		" body_html, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (key, language) DO UPDATE SET subject = excluded.subject,"
		" body_text = excluded.body_text, body_html = excluded.body_html,"
		" updated_by = excluded.updated_by, updated_at = excluded.updated_at";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char at[21];

	if (!stmt)
		return RC_STORE;
	clock_format_utc(now, at);
	db_bind_text(stmt, 1, key);
	db_bind_text(stmt, 2, lang_code(lang));
	db_bind_text(stmt, 3, subject);
	db_bind_text(stmt, 4, body_text);
	db_bind_text(stmt, 5, body_html);
	db_bind_text(stmt, 6, actor);
	db_bind_text(stmt, 7, at);
	return db_step_done(store, stmt, "store template", err);
}

int store_outbox_template_delete(struct store *store, const char *key,
				 enum lang lang, struct error *err)
{
	static const char sql[] =
		"DELETE FROM outbox_templates WHERE key = ? AND language = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, key);
	db_bind_text(stmt, 2, lang_code(lang));
	return db_step_done(store, stmt, "reset template", err);
}

/* ---- other modules' tables ---- */

static bool table_exists(struct store *store, const char *name)
{
	static const char sql[] =
		"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, NULL);
	bool found;

	if (!stmt)
		return false;
	db_bind_text(stmt, 1, name);
	found = sqlite3_step(stmt) == SQLITE_ROW;
	db_done(stmt);
	return found;
}

int store_outbox_case_info(struct store *store, long long id, json_t **out,
			   struct error *err)
{
	static const char sql[] =
		"SELECT c.id, c.number, c.status, c.resolution, c.service_id,"
		" c.agency_id, c.office_id, c.sla1_due, c.sla2_due, c.sla1_state,"
		" c.sla2_state, c.created_at,"
		" json_extract(v.document, '$.name.es') AS service_name__es,"
		" json_extract(v.document, '$.name.en') AS service_name__en,"
		" a.name_es AS agency_name__es, a.name_en AS agency_name__en,"
		" a.email AS agency_email"
		" FROM cases AS c"
		" JOIN agencies AS a ON a.id = c.agency_id"
		" JOIN services AS s ON s.id = c.service_id"
		" LEFT JOIN service_versions AS v ON v.service_id = s.id"
		"   AND v.version = COALESCE(s.published_version, s.version)"
		" WHERE c.id = ?";
	sqlite3_stmt *stmt;
	int step;

	if (!table_exists(store, "cases"))
		return error_set(err, RC_NOT_FOUND, "not_found", "case_id",
				 "No se encontró el caso %lld.", "No case %lld was found.", id);
	stmt = db_stmt(store, sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = db_row_json(stmt);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return error_set(err, RC_NOT_FOUND, "not_found", "case_id",
				 "No se encontró el caso %lld.", "No case %lld was found.", id);
	return RC_OK;
}

int store_outbox_agency_addresses(struct store *store, long long agency_id,
				  json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT email FROM agencies WHERE id = ? AND email IS NOT NULL"
		" AND email <> ''";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	json_t *list = json_array();
	int step;

	if (!stmt) {
		json_decref(list);
		return RC_STORE;
	}
	/* NOTE: liaisons' own addresses are not stored yet (the users table
	 * has no email column), so the agency's address replaces them. */
	db_bind_int(stmt, 1, agency_id);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		json_array_append_new(list, json_string((const char *)sqlite3_column_text(stmt, 0)));
	db_done(stmt);
	if (step != SQLITE_DONE) {
		json_decref(list);
		return db_error(db_conn(store, NULL), "read agency addresses", err);
	}
	*out = list;
	return RC_OK;
}

int store_outbox_log_call(struct store *store, long long call_id,
			  const char *channel, struct error *err)
{
	static const char sql[] =
		"UPDATE calls SET sent_via = ?2, updated_at = ?3 WHERE id = ?1";
	sqlite3_stmt *stmt;
	char at[21];
	int rc;

	if (!table_exists(store, "calls"))
		return RC_OK;
	stmt = db_stmt(store, sql, err);
	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), at);
	db_bind_int(stmt, 1, call_id);
	db_bind_text(stmt, 2, channel);
	db_bind_text(stmt, 3, at);
	rc = db_step_done(store, stmt, "log the sending on the call", err);
	if (!rc && db_changes(store) == 0)
		rc = error_set(err, RC_NOT_FOUND, "not_found", "call_id",
			       "No se encontró la llamada %lld.", "No call %lld was found.",
			       call_id);
	return rc;
}

/* ---- subscriptions ---- */

int store_outbox_subscribe(struct store *store, long long case_id,
			   const char *email, enum lang lang,
			   const char *actor, time_t now, struct error *err)
{
	static const char sql[] =
		"INSERT INTO outbox_case_subscriptions (case_id, email, language,"
		" created_by, created_at) VALUES (?, ?, ?, ?, ?)"
		" ON CONFLICT (case_id) DO UPDATE SET email = excluded.email,"
		" language = excluded.language, created_by = excluded.created_by,"
		" created_at = excluded.created_at";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char at[21];

	if (!stmt)
		return RC_STORE;
	clock_format_utc(now, at);
	db_bind_int(stmt, 1, case_id);
	db_bind_text(stmt, 2, email);
	db_bind_text(stmt, 3, lang_code(lang));
	db_bind_text(stmt, 4, actor);
	db_bind_text(stmt, 5, at);
	return db_step_done(store, stmt, "subscribe to case", err);
}

int store_outbox_unsubscribe(struct store *store, long long case_id,
			     struct error *err)
{
	static const char sql[] =
		"DELETE FROM outbox_case_subscriptions WHERE case_id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, case_id);
	return db_step_done(store, stmt, "unsubscribe from case", err);
}

int store_outbox_subscription(struct store *store, long long case_id,
			      json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT case_id, email, language, created_by, created_at"
		" FROM outbox_case_subscriptions WHERE case_id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, case_id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = db_row_json(stmt);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return error_set(err, RC_NOT_FOUND, "not_found", "case_id",
				 "El caso %lld no tiene avisos al ciudadano.",
				 "Case %lld has no citizen notifications.", case_id);
	return RC_OK;
}
