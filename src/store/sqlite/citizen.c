/* citizen.c - citizens and calls in SQLite (see store/citizen.h). */
#include "core/common.h"
#include "core/clock.h"
#include "domain/phone.h"
#include "domain/text.h"
#include "store/citizen.h"
#include "store/sqlite/db.h"
#include "store/sqlite/case_rows.h"
#include "store/sqlite/rows.h"

#define NAME_FOLDED_MAX 400

#define CITIZEN_COLUMNS                                                      \
	"c.id, c.name, c.email, c.postal_address, c.zip_code, c.municipio,"  \
	" c.language, c.contact_method, c.created_at, c.updated_at,"         \
	" (SELECT json_group_array(json_object('number', p.number,"          \
	"   'kind', p.kind)) FROM (SELECT number, kind FROM citizen_phones"   \
	"   WHERE citizen_id = c.id ORDER BY position) p) AS phones_json"

/* Add the display form to each phone of a citizen row. */
static json_t *citizen_row(sqlite3_stmt *stmt)
{
	json_t *c = db_row_json(stmt);
	json_t *phones = json_object_get(c, "phones");
	json_t *phone;
	size_t i;

	if (!json_is_array(phones)) {
		phones = json_array();
		json_object_set_new(c, "phones", phones);
	}
	json_array_foreach(phones, i, phone) {
		const char *number =
			json_string_value(json_object_get(phone, "number"));
		char display[PHONE_DISPLAY_LEN];

		if (!number)
			continue;
		phone_format(number, display);
		json_object_set_new(phone, "display", json_string(display));
	}
	return c;
}

static int write_phones(struct store *store, long long id, json_t *citizen,
			struct error *err)
{
	static const char delete_sql[] =
		"DELETE FROM citizen_phones WHERE citizen_id = ?";
	static const char insert_sql[] =
		"INSERT INTO citizen_phones (citizen_id, position, number, kind)"
		" VALUES (?1, ?2, ?3, ?4)";
	json_t *phone;
	size_t i;
	sqlite3_stmt *stmt = db_stmt(store, delete_sql, err);
	int rc;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	rc = db_step_done(store, stmt, "delete citizen phones", err);
	if (rc)
		return rc;

	json_array_foreach(json_object_get(citizen, "phones"), i, phone) {
		stmt = db_stmt(store, insert_sql, err);
		if (!stmt)
			return RC_STORE;
		db_bind_int(stmt, 1, id);
		db_bind_int(stmt, 2, (long long)i);
		db_bind_json_text(stmt, 3, json_object_get(phone, "number"));
		db_bind_json_text(stmt, 4, json_object_get(phone, "kind"));
		rc = db_step_done(store, stmt, "insert citizen phone", err);
		if (rc)
			return rc;
	}
	return RC_OK;
}

/* Bind the members of a validated citizen to ?1..?7 and the folded
 * name to ?9. */
static void bind_citizen(sqlite3_stmt *stmt, json_t *c)
{
	const char *name = json_string_value(json_object_get(c, "name"));
	char folded[NAME_FOLDED_MAX];

	text_fold(name, strlen(name), folded, sizeof(folded));
	db_bind_text(stmt, 1, name);
	db_bind_json_text(stmt, 2, json_object_get(c, "email"));
	db_bind_json_text(stmt, 3, json_object_get(c, "postal_address"));
	db_bind_json_text(stmt, 4, json_object_get(c, "zip_code"));
	db_bind_json_text(stmt, 5, json_object_get(c, "municipio"));
	db_bind_json_text(stmt, 6, json_object_get(c, "language"));
	db_bind_json_text(stmt, 7, json_object_get(c, "contact_method"));
	db_bind_text(stmt, 9, folded);
}

int store_citizen_create(struct store *store, json_t *citizen, long long *id,
			 struct error *err)
{
	static const char sql[] =
		"INSERT INTO citizens (name, email, postal_address, zip_code,"
		" municipio, language, contact_method, name_folded, created_at,"
		" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, ?10, ?10)";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	bind_citizen(stmt, citizen);
	db_bind_text(stmt, 10, now);
	rc = db_step_done(store, stmt, "create citizen", err);
	if (rc)
		return rc;
	*id = db_last_id(store);
	return write_phones(store, *id, citizen, err);
}

int store_citizen_update(struct store *store, long long id, json_t *citizen,
			 struct error *err)
{
	static const char sql[] =
		"UPDATE citizens SET name = ?1, email = ?2, postal_address = ?3,"
		" zip_code = ?4, municipio = ?5, language = ?6,"
		" contact_method = ?7, name_folded = ?9, updated_at = ?10"
		" WHERE id = ?11";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	bind_citizen(stmt, citizen);
	db_bind_text(stmt, 10, now);
	db_bind_int(stmt, 11, id);
	rc = db_step_done(store, stmt, "update citizen", err);
	if (rc)
		return rc;
	if (db_changes(store) == 0)
		return case_rows_not_found(err, "el ciudadano", "citizen", id);
	return write_phones(store, id, citizen, err);
}

int store_citizen_get(struct store *store, long long id, json_t **out,
		      struct error *err)
{
	static const char sql[] =
		"SELECT " CITIZEN_COLUMNS " FROM citizens c WHERE c.id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = citizen_row(stmt);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return case_rows_not_found(err, "el ciudadano", "citizen", id);
	return RC_OK;
}

int store_citizen_find(struct store *store, const struct citizen_filter *f,
		       const struct page *page, json_t **out,
		       struct error *err)
{
	static const char sql[] =
		"SELECT " CITIZEN_COLUMNS ", COUNT(*) OVER () AS total_rows"
		" FROM citizens c"
		" WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM citizen_phones p"
		"   WHERE p.citizen_id = c.id AND (CASE WHEN ?2"
		"   THEN p.number LIKE '%' || ?1 ELSE p.number = ?1 END)))"
		" AND (?3 IS NULL OR c.email = ?3 COLLATE NOCASE)"
		" AND (?4 IS NULL OR c.name_folded LIKE '%' || ?4 || '%')"
		" AND (?5 IS NULL OR EXISTS (SELECT 1 FROM cases k"
		"   WHERE k.citizen_id = c.id AND k.number = ?5))"
		" ORDER BY c.name_folded, c.id LIMIT ?6 OFFSET ?7";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, f->phone);
	db_bind_int(stmt, 2, f->phone_suffix);
	db_bind_text(stmt, 3, f->email);
	db_bind_text(stmt, 4, f->name);
	db_bind_text(stmt, 5, f->case_number);
	db_bind_int(stmt, 6, page->limit);
	db_bind_int(stmt, 7, page->offset);
	return row_collect_page(store, stmt, citizen_row, page, out, err);
}

#define CALL_COLUMNS                                                         \
	"l.id, l.type, l.channel, l.citizen_id, l.caller_phone, l.service_id," \
	" l.agency_id, l.case_id, k.number AS case_number, l.operator,"      \
	" l.started_at, l.ended_at, CAST(strftime('%s', l.ended_at) AS"      \
	" INTEGER) - CAST(strftime('%s', l.started_at) AS INTEGER)"          \
	" AS duration_seconds, l.outcome, l.sent_via, l.notes, l.created_at," \
	" l.updated_at"

/* Bind the members of a validated call to ?1..?13. */
static void bind_call(sqlite3_stmt *stmt, json_t *call)
{
	static const char *const text_members[] = {
		"type", "channel", NULL, "caller_phone", NULL, NULL, NULL,
		"operator", "started_at", "ended_at", "outcome", "sent_via",
		"notes",
	};
	static const char *const id_members[] = {
		NULL, NULL, "citizen_id", NULL, "service_id", "agency_id",
		"case_id",
	};

	for (int i = 0; i < (int)ARRAY_SIZE(text_members); i++) {
		if (text_members[i])
			db_bind_json_text(stmt, i + 1,
					  json_object_get(call, text_members[i]));
	}
	for (int i = 0; i < (int)ARRAY_SIZE(id_members); i++) {
		json_t *value;

		if (!id_members[i])
			continue;
		value = json_object_get(call, id_members[i]);
		if (json_is_integer(value))
			db_bind_int(stmt, i + 1, json_integer_value(value));
		else
			db_bind_text(stmt, i + 1, NULL);
	}
}

int store_call_create(struct store *store, json_t *call, long long *id,
		      struct error *err)
{
	static const char sql[] =
		"INSERT INTO calls (type, channel, citizen_id, caller_phone,"
		" service_id, agency_id, case_id, operator, started_at, ended_at,"
		" outcome, sent_via, notes, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14, ?14)";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	bind_call(stmt, call);
	db_bind_text(stmt, 14, now);
	rc = db_step_done(store, stmt, "create call", err);
	if (!rc)
		*id = db_last_id(store);
	return rc;
}

int store_call_update(struct store *store, long long id, json_t *call,
		      struct error *err)
{
	static const char sql[] =
		"UPDATE calls SET type = ?1, channel = ?2, citizen_id = ?3,"
		" caller_phone = ?4, service_id = ?5, agency_id = ?6,"
		" case_id = ?7, operator = ?8, started_at = ?9, ended_at = ?10,"
		" outcome = ?11, sent_via = ?12, notes = ?13, updated_at = ?14"
		" WHERE id = ?15";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	bind_call(stmt, call);
	db_bind_text(stmt, 14, now);
	db_bind_int(stmt, 15, id);
	rc = db_step_done(store, stmt, "update call", err);
	if (!rc && db_changes(store) == 0)
		rc = case_rows_not_found(err, "la llamada", "call", id);
	return rc;
}

int store_call_get(struct store *store, long long id, json_t **out,
		   struct error *err)
{
	static const char sql[] =
		"SELECT " CALL_COLUMNS " FROM calls l"
		" LEFT JOIN cases k ON k.id = l.case_id WHERE l.id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = db_row_json(stmt);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return case_rows_not_found(err, "la llamada", "call", id);
	return RC_OK;
}

int store_call_list(struct store *store, const struct call_filter *f,
		    const struct page *page, json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT " CALL_COLUMNS ", COUNT(*) OVER () AS total_rows"
		" FROM calls l LEFT JOIN cases k ON k.id = l.case_id"
		" WHERE (?1 = 0 OR l.citizen_id = ?1)"
		" AND (?2 = 0 OR l.case_id = ?2)"
		" AND (?3 = 0 OR l.agency_id = ?3)"
		" AND (?4 = 0 OR l.service_id = ?4)"
		" AND (?5 IS NULL OR l.type = ?5)"
		" AND (?6 IS NULL OR l.channel = ?6)"
		" AND (?7 IS NULL OR l.operator = ?7)"
		" AND (?8 IS NULL OR l.started_at >= ?8)"
		" AND (?9 IS NULL OR l.started_at < ?9)"
		" ORDER BY l.started_at DESC, l.id DESC LIMIT ?10 OFFSET ?11";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, f->citizen_id);
	db_bind_int(stmt, 2, f->case_id);
	db_bind_int(stmt, 3, f->agency_id);
	db_bind_int(stmt, 4, f->service_id);
	db_bind_text(stmt, 5, f->type);
	db_bind_text(stmt, 6, f->channel);
	db_bind_text(stmt, 7, f->operator_name);
	db_bind_text(stmt, 8, f->from);
	db_bind_text(stmt, 9, f->to);
	db_bind_int(stmt, 10, page->limit);
	db_bind_int(stmt, 11, page->offset);
	return row_collect_page(store, stmt, db_row_json, page, out, err);
}

int store_call_link_case(struct store *store, long long call_id,
			 long long case_id, struct error *err)
{
	static const char sql[] =
		"UPDATE calls SET case_id = ?2, updated_at = ?3 WHERE id = ?1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	char now[21];
	int rc;

	if (!stmt)
		return RC_STORE;
	clock_format_utc(clock_now(), now);
	db_bind_int(stmt, 1, call_id);
	db_bind_int(stmt, 2, case_id);
	db_bind_text(stmt, 3, now);
	rc = db_step_done(store, stmt, "link call to case", err);
	if (!rc && db_changes(store) == 0)
		rc = case_rows_not_found(err, "la llamada", "call", call_id);
	return rc;
}
