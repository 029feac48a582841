/* office.c - offices in SQLite (see store/kb.h). */
#include "core/common.h"
#include "core/clock.h"
#include "store/kb.h"
#include "store/sqlite/db.h"
#include "store/sqlite/rows.h"

#define OFFICE_COLUMNS                                                       \
	"id, agency_id, name_es AS name__es, name_en AS name__en, address,"  \
	" municipio, phones AS phones_json, fax, email, latitude, longitude," \
	" hours AS hours_json, notes, archived, created_at, updated_at"

static json_t *office_row(sqlite3_stmt *stmt)
{
	json_t *o = db_row_json(stmt);

	row_int_to_bool(o, "archived");
	return o;
}

static void bind_coordinate(sqlite3_stmt *stmt, int i, json_t *v)
{
	if (json_is_number(v))
		sqlite3_bind_double(stmt, i, json_number_value(v));
	else
		sqlite3_bind_null(stmt, i);
}

/* Bind the writable members of a validated office to ?1..?12. */
static void bind_office(sqlite3_stmt *stmt, json_t *o)
{
	json_t *name = json_object_get(o, "name");

	db_bind_int(stmt, 1, json_integer_value(json_object_get(o, "agency_id")));
	db_bind_json_text(stmt, 2, json_object_get(name, "es"));
	db_bind_json_text(stmt, 3, json_object_get(name, "en"));
	db_bind_json_text(stmt, 4, json_object_get(o, "address"));
	db_bind_json_text(stmt, 5, json_object_get(o, "municipio"));
	db_bind_json_dump(stmt, 6, json_object_get(o, "phones"));
	db_bind_json_text(stmt, 7, json_object_get(o, "fax"));
	db_bind_json_text(stmt, 8, json_object_get(o, "email"));
	bind_coordinate(stmt, 9, json_object_get(o, "latitude"));
	bind_coordinate(stmt, 10, json_object_get(o, "longitude"));
	db_bind_json_dump(stmt, 11, json_object_get(o, "hours"));
	db_bind_json_text(stmt, 12, json_object_get(o, "notes"));
}

/* The office's agency must exist and not be archived. */
static int check_agency(struct store *store, json_t *o, struct error *err)
{
	long long agency_id = json_integer_value(json_object_get(o, "agency_id"));
	json_t *agency = NULL;
	int rc = store_agency_get(store, agency_id, &agency, NULL);
	bool live = !rc && !json_is_true(json_object_get(agency, "archived"));

	json_decref(agency);
	if (rc == RC_STORE)
		return error_set(err, RC_STORE, "store_error", NULL,
				 "Error de la base de datos.", "Database error.");
	if (!live)
		return error_set(err, RC_INVALID, "not_found", "agency_id",
				 "La agencia %lld no existe o está archivada.",
				 "The agency %lld does not exist or is archived.", agency_id);
	return RC_OK;
}

int store_office_create(struct store *store, json_t *office, long long *id,
			struct error *err)
{
	static const char sql[] =
		"INSERT INTO offices (agency_id, name_es, name_en, address, municipio,"
		" phones, fax, email, latitude, longitude, hours, notes, created_at,"
		" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)";
	int rc = check_agency(store, office, err);

	if (rc)
		return rc;
	return row_write(store, sql, bind_office, office, 13, 0, id, "office", err);
}

int store_office_update(struct store *store, long long id, json_t *office,
			struct error *err)
{
	static const char sql[] =
		"UPDATE offices SET agency_id = ?1, name_es = ?2, name_en = ?3,"
		" address = ?4, municipio = ?5, phones = ?6, fax = ?7, email = ?8,"
		" latitude = ?9, longitude = ?10, hours = ?11, notes = ?12,"
		" updated_at = ?13 WHERE id = ?14 AND archived = 0";
	int rc = check_agency(store, office, err);

	if (rc)
		return rc;
	return row_write(store, sql, bind_office, office, 13, id, NULL, "office", err);
}

int store_office_get(struct store *store, long long id, json_t **out,
		     struct error *err)
{
	static const char sql[] = "SELECT " OFFICE_COLUMNS " FROM offices WHERE id = ?";

	return row_get_by_id(store, sql, id, office_row, "office", out, err);
}

int store_office_list(struct store *store, const struct office_filter *f,
		      const struct page *page, json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT " OFFICE_COLUMNS ", COUNT(*) OVER () AS total_rows FROM offices"
		" WHERE archived = ?1 AND (?2 = 0 OR agency_id = ?2)"
		" AND (?3 IS NULL OR municipio = ?3)"
		" ORDER BY name_es, id LIMIT ?4 OFFSET ?5";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, f->archived);
	db_bind_int(stmt, 2, f->agency_id);
	db_bind_text(stmt, 3, f->municipio);
	db_bind_int(stmt, 4, page->limit);
	db_bind_int(stmt, 5, page->offset);
	return row_collect_page(store, stmt, office_row, page, out, err);
}

int store_office_archive(struct store *store, long long id, struct error *err)
{
	static const char sql[] =
		"UPDATE offices SET archived = 1, updated_at = ?2 WHERE id = ?1 AND archived = 0";

	return row_archive(store, sql, id, "office", err);
}
