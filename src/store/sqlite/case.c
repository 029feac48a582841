/* case.c - cases, their history and notes in SQLite (see store/case.h). */
#include "core/common.h"
#include "core/clock.h"
#include "store/case.h"
#include "store/sqlite/case_rows.h"
#include "store/sqlite/db.h"
#include "store/sqlite/rows.h"

void case_state_release(struct case_state *state)
{
	free(state->resolution);
	state->resolution = NULL;
}

static const char *state_code(int state)
{
	return state == CASE_NO_STATE ? NULL
				      : sla_state_code((enum sla_state)state);
}

/* Bind a clock to six parameters from first: start, days, due, outcome,
 * stopped, state. */
static void bind_clock(sqlite3_stmt *stmt, int first,
		       const struct sla_clock *clock, int state)
{
	case_rows_bind_date(stmt, first, clock->start);
	db_bind_int(stmt, first + 1, clock->days);
	case_rows_bind_date(stmt, first + 2, clock->due);
	db_bind_text(stmt, first + 3, sla_outcome_code(clock->outcome));
	if (clock->outcome == SLA_PENDING)
		sqlite3_bind_null(stmt, first + 4);
	else
		case_rows_bind_date(stmt, first + 4, clock->stopped);
	db_bind_text(stmt, first + 5, state_code(state));
}

/* Read a clock from the six columns from first, in bind_clock's order. */
static void read_clock(sqlite3_stmt *stmt, int first, struct sla_clock *clock,
		       int *state)
{
	const char *outcome = (const char *)sqlite3_column_text(stmt, first + 3);
	const char *state_text =
		(const char *)sqlite3_column_text(stmt, first + 5);
	enum sla_state parsed;

	clock->start = case_rows_date(stmt, first);
	clock->days = sqlite3_column_int(stmt, first + 1);
	clock->due = case_rows_date(stmt, first + 2);
	if (!sla_outcome_parse(outcome, &clock->outcome))
		clock->outcome = SLA_PENDING;
	clock->stopped = case_rows_date(stmt, first + 4);
	*state = CASE_NO_STATE;
	if (state_text && !sla_state_parse(state_text, "", &parsed, NULL))
		*state = (int)parsed;
}

/* Link the call to the case unless it already leads to another case (a
 * call may give rise to several referrals; it keeps the first). */
static int link_call(struct store *store, long long call_id, long long case_id,
		     time_t at, struct error *err)
{
	static const char sql[] =
		"UPDATE calls SET case_id = ?2, updated_at = ?3"
		" WHERE id = ?1 AND case_id IS NULL";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, call_id);
	db_bind_int(stmt, 2, case_id);
	case_rows_bind_instant(stmt, 3, at);
	return db_step_done(store, stmt, "link call to case", err);
}

int store_case_insert(struct store *store, const struct case_new *c,
		      long long *id, char number[CASE_NUMBER_LEN],
		      struct error *err)
{
	static const char counter_sql[] =
		"INSERT INTO case_counters (year, last_seq) VALUES (?1, 1)"
		" ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1"
		" RETURNING last_seq";
	static const char insert_sql[] =
		"INSERT INTO cases (number, year, seq, citizen_id, service_id,"
		" agency_id, office_id, area, assignee, channel, call_id,"
		" description, municipio, location, status, created_at,"
		" created_by, updated_at, sla1_start, sla1_days, sla1_due,"
		" sla1_outcome, sla1_stopped, sla1_state, sla2_start, sla2_days,"
		" sla2_due, sla2_outcome, sla2_stopped, sla2_state)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14, 'new', ?15, ?16, ?15, ?17, ?18, ?19, ?20, ?21, ?22, ?23,"
		" ?24, ?25, ?26, ?27, ?28)";
	static const char *const id_members[] = { "citizen_id", "office_id",
						  "call_id" };
	static const int id_params[] = { 4, 7, 11 };
	int year = civil_local_date(c->created_at).year;
	json_t *body = c->body, *data;
	char due1[CIVIL_DATE_LEN], due2[CIVIL_DATE_LEN];
	sqlite3_stmt *stmt;
	long long seq;
	int rc, step;

	stmt = db_stmt(store, counter_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, year);
	step = sqlite3_step(stmt);
	if (step != SQLITE_ROW) {
		rc = db_error(db_conn(store, NULL), "number case", err);
		db_done(stmt);
		return rc;
	}
	seq = sqlite3_column_int64(stmt, 0);
	db_done(stmt);
	case_number_format(year, seq, number);

	stmt = db_stmt(store, insert_sql, err);
	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, number);
	db_bind_int(stmt, 2, year);
	db_bind_int(stmt, 3, seq);
	for (size_t i = 0; i < ARRAY_SIZE(id_members); i++) {
		json_t *value = json_object_get(body, id_members[i]);

		if (json_is_integer(value))
			db_bind_int(stmt, id_params[i], json_integer_value(value));
	}
	db_bind_int(stmt, 5, json_integer_value(json_object_get(body,
								"service_id")));
	db_bind_int(stmt, 6, c->agency_id);
	db_bind_json_text(stmt, 8, json_object_get(body, "area"));
	db_bind_json_text(stmt, 9, json_object_get(body, "assignee"));
	db_bind_json_text(stmt, 10, json_object_get(body, "channel"));
	db_bind_json_text(stmt, 12, json_object_get(body, "description"));
	db_bind_json_text(stmt, 13, json_object_get(body, "municipio"));
	db_bind_json_text(stmt, 14, json_object_get(body, "location"));
	case_rows_bind_instant(stmt, 15, c->created_at);
	db_bind_text(stmt, 16, c->actor);
	bind_clock(stmt, 17, &c->sla1, (int)c->sla1_state);
	bind_clock(stmt, 23, &c->sla2, (int)c->sla2_state);
	rc = db_step_done(store, stmt, "create case", err);
	if (rc)
		return rc;
	*id = db_last_id(store);

	civil_date_format(c->sla1.due, due1);
	civil_date_format(c->sla2.due, due2);
	data = json_pack("{sisssiss}", "sla1_days", c->sla1.days, "sla1_due",
			 due1, "sla2_days", c->sla2.days, "sla2_due", due2);
	rc = store_case_add_event(store, *id, c->created_at, c->actor,
				  "created", NULL, "new", data, err);
	json_decref(data);
	if (rc)
		return rc;

	if (json_is_integer(json_object_get(body, "call_id")))
		rc = link_call(store, json_integer_value(json_object_get(
					      body, "call_id")),
			       *id, c->created_at, err);
	return rc;
}

int store_case_service_terms(struct store *store, long long service_id,
			     struct case_service_terms *terms,
			     struct error *err)
{
	static const char sql[] =
		"SELECT s.agency_id, s.published_version IS NOT NULL"
		" AND s.status <> 'archived', s.referrals_allowed, s.sla2_days,"
		" a.integration_status = 'integrated'"
		" FROM services s JOIN agencies a ON a.id = s.agency_id"
		" WHERE s.id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, service_id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		terms->agency_id = sqlite3_column_int64(stmt, 0);
		terms->published = sqlite3_column_int(stmt, 1);
		terms->referrals_allowed = sqlite3_column_int(stmt, 2);
		terms->sla2_days = sqlite3_column_int(stmt, 3);
		terms->agency_integrated = sqlite3_column_int(stmt, 4);
	}
	db_done(stmt);
	if (step != SQLITE_ROW)
		return case_rows_not_found(err, "el servicio", "service",
					   service_id);
	return RC_OK;
}

#define STATE_COLUMNS                                                        \
	"id, number, service_id, agency_id, status, created_at,"             \
	" first_contact_at, first_contact_method, first_contact_by,"         \
	" closed_at, cancelled_at, reopened_at, reopen_count, resolution,"   \
	" cancel_reason, duplicate_of,"                                      \
	" sla1_start, sla1_days, sla1_due, sla1_outcome, sla1_stopped,"      \
	" sla1_state, sla2_start, sla2_days, sla2_due, sla2_outcome,"        \
	" sla2_stopped, sla2_state"

static void read_state(sqlite3_stmt *stmt, struct case_state *s)
{
	const char *resolution = (const char *)sqlite3_column_text(stmt, 13);
	const char *status = (const char *)sqlite3_column_text(stmt, 4);

	memset(s, 0, sizeof(*s));
	s->id = sqlite3_column_int64(stmt, 0);
	case_rows_text(stmt, 1, s->number, sizeof(s->number));
	s->service_id = sqlite3_column_int64(stmt, 2);
	s->agency_id = sqlite3_column_int64(stmt, 3);
	if (case_status_parse(status, "status", &s->status, NULL))
		s->status = CASE_CANCELLED;
	s->created_at = case_rows_instant(stmt, 5);
	s->first_contact_at = case_rows_instant(stmt, 6);
	case_rows_text(stmt, 7, s->first_contact_method,
		       sizeof(s->first_contact_method));
	case_rows_text(stmt, 8, s->first_contact_by,
		       sizeof(s->first_contact_by));
	s->closed_at = case_rows_instant(stmt, 9);
	s->cancelled_at = case_rows_instant(stmt, 10);
	s->reopened_at = case_rows_instant(stmt, 11);
	s->reopen_count = sqlite3_column_int(stmt, 12);
	s->resolution = resolution ? xstrdup(resolution) : NULL;
	case_rows_text(stmt, 14, s->cancel_reason, sizeof(s->cancel_reason));
	s->duplicate_of = sqlite3_column_int64(stmt, 15);
	read_clock(stmt, 16, &s->sla1, &s->sla1_state);
	read_clock(stmt, 22, &s->sla2, &s->sla2_state);
}

int store_case_load_state(struct store *store, long long id,
			  struct case_state *state, struct error *err)
{
	static const char sql[] =
		"SELECT " STATE_COLUMNS " FROM cases WHERE id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		read_state(stmt, state);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return case_rows_not_found(err, "el caso", "case", id);
	return RC_OK;
}

static void bind_optional_text(sqlite3_stmt *stmt, int i, const char *text)
{
	db_bind_text(stmt, i, text && *text ? text : NULL);
}

int store_case_save_state(struct store *store, const struct case_state *s,
			  time_t updated_at, struct error *err)
{
	static const char sql[] =
		"UPDATE cases SET status = ?2, first_contact_at = ?3,"
		" first_contact_method = ?4, first_contact_by = ?5,"
		" closed_at = ?6, cancelled_at = ?7, reopened_at = ?8,"
		" reopen_count = ?9, resolution = ?10, cancel_reason = ?11,"
		" duplicate_of = ?12, updated_at = ?13,"
		" sla1_start = ?14, sla1_days = ?15, sla1_due = ?16,"
		" sla1_outcome = ?17, sla1_stopped = ?18, sla1_state = ?19,"
		" sla2_start = ?20, sla2_days = ?21, sla2_due = ?22,"
		" sla2_outcome = ?23, sla2_stopped = ?24, sla2_state = ?25"
		" WHERE id = ?1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int rc;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, s->id);
	db_bind_text(stmt, 2, case_status_code(s->status));
	case_rows_bind_instant(stmt, 3, s->first_contact_at);
	bind_optional_text(stmt, 4, s->first_contact_method);
	bind_optional_text(stmt, 5, s->first_contact_by);
	case_rows_bind_instant(stmt, 6, s->closed_at);
	case_rows_bind_instant(stmt, 7, s->cancelled_at);
	case_rows_bind_instant(stmt, 8, s->reopened_at);
	db_bind_int(stmt, 9, s->reopen_count);
	db_bind_text(stmt, 10, s->resolution);
	bind_optional_text(stmt, 11, s->cancel_reason);
	if (s->duplicate_of)
		db_bind_int(stmt, 12, s->duplicate_of);
	case_rows_bind_instant(stmt, 13, updated_at);
	bind_clock(stmt, 14, &s->sla1, s->sla1_state);
	bind_clock(stmt, 20, &s->sla2, s->sla2_state);
	rc = db_step_done(store, stmt, "update case", err);
	if (!rc && db_changes(store) == 0)
		rc = case_rows_not_found(err, "el caso", "case", s->id);
	return rc;
}

int store_case_save_clocks(struct store *store, const struct case_state *s,
			   struct error *err)
{
	/* Only the due dates and states: a recomputation never changes an
	 * outcome, and the statistics' change log watches the outcomes. */
	static const char sql[] =
		"UPDATE cases SET sla1_due = ?2, sla1_state = ?3,"
		" sla2_due = ?4, sla2_state = ?5 WHERE id = ?1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, s->id);
	case_rows_bind_date(stmt, 2, s->sla1.due);
	db_bind_text(stmt, 3, state_code(s->sla1_state));
	case_rows_bind_date(stmt, 4, s->sla2.due);
	db_bind_text(stmt, 5, state_code(s->sla2_state));
	return db_step_done(store, stmt, "update case clocks", err);
}

int store_case_open_states(struct store *store, struct case_state **states,
			   size_t *count, struct error *err)
{
	static const char sql[] =
		"SELECT " STATE_COLUMNS " FROM cases"
		" WHERE status IN ('new', 'contacted', 'in_progress') ORDER BY id";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	struct case_state *items = NULL;
	size_t used = 0, alloc = 0;
	int step;

	if (!stmt)
		return RC_STORE;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (used == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			items = xrealloc(items, alloc * sizeof(*items));
		}
		read_state(stmt, &items[used++]);
	}
	if (step != SQLITE_DONE) {
		int rc = db_error(db_conn(store, NULL), "list open cases", err);

		db_done(stmt);
		for (size_t i = 0; i < used; i++)
			case_state_release(&items[i]);
		free(items);
		return rc;
	}
	db_done(stmt);
	*states = items;
	*count = used;
	return RC_OK;
}

int store_case_add_event(struct store *store, long long id, time_t at,
			 const char *actor, const char *type, const char *from,
			 const char *to, json_t *data, struct error *err)
{
	static const char sql[] =
		"INSERT INTO case_events (case_id, at, actor, type, from_status,"
		" to_status, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		" COALESCE(?7, '{}'))";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	case_rows_bind_instant(stmt, 2, at);
	db_bind_text(stmt, 3, actor);
	db_bind_text(stmt, 4, type);
	db_bind_text(stmt, 5, from);
	db_bind_text(stmt, 6, to);
	db_bind_json_dump(stmt, 7, data);
	return db_step_done(store, stmt, "record case event", err);
}

int store_case_set_routing(struct store *store, long long id, json_t *routing,
			   time_t at, struct error *err)
{
	/* ?5, ?6 and ?7 are 1 when the member is present: an absent member
	 * keeps its value, a null one clears it. */
	static const char sql[] =
		"UPDATE cases SET"
		" office_id = CASE WHEN ?5 THEN ?2 ELSE office_id END,"
		" area = CASE WHEN ?6 THEN ?3 ELSE area END,"
		" assignee = CASE WHEN ?7 THEN ?4 ELSE assignee END,"
		" updated_at = ?8 WHERE id = ?1";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	json_t *office = json_object_get(routing, "office_id");
	int rc;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	if (json_is_integer(office))
		db_bind_int(stmt, 2, json_integer_value(office));
	db_bind_json_text(stmt, 3, json_object_get(routing, "area"));
	db_bind_json_text(stmt, 4, json_object_get(routing, "assignee"));
	db_bind_int(stmt, 5, office != NULL);
	db_bind_int(stmt, 6, json_object_get(routing, "area") != NULL);
	db_bind_int(stmt, 7, json_object_get(routing, "assignee") != NULL);
	case_rows_bind_instant(stmt, 8, at);
	rc = db_step_done(store, stmt, "route case", err);
	if (!rc && db_changes(store) == 0)
		rc = case_rows_not_found(err, "el caso", "case", id);
	return rc;
}

int store_case_add_note(struct store *store, long long id, json_t *note,
			const char *author, time_t at, long long *note_id,
			struct error *err)
{
	static const char sql[] =
		"INSERT INTO case_notes (case_id, at, author, visibility, text)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int rc;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	case_rows_bind_instant(stmt, 2, at);
	db_bind_text(stmt, 3, author);
	db_bind_json_text(stmt, 4, json_object_get(note, "visibility"));
	db_bind_json_text(stmt, 5, json_object_get(note, "text"));
	rc = db_step_done(store, stmt, "add case note", err);
	if (!rc)
		*note_id = db_last_id(store);
	return rc;
}

#define CASE_COLUMNS                                                         \
	"k.id, k.number, k.status, k.citizen_id, c.name AS citizen_name,"    \
	" k.service_id, k.agency_id, k.office_id, k.area, k.assignee,"       \
	" k.channel, k.call_id, k.description, k.municipio, k.location,"     \
	" k.resolution, k.cancel_reason, k.duplicate_of,"                    \
	" d.number AS duplicate_of_number,"                                  \
	" k.first_contact_at AS first_contact__at,"                          \
	" k.first_contact_method AS first_contact__method,"                  \
	" k.first_contact_by AS first_contact__by,"                          \
	" k.closed_at, k.cancelled_at, k.reopened_at, k.reopen_count,"       \
	" k.created_at, k.created_by, k.updated_at,"                         \
	" k.sla1_days AS sla1__days, k.sla1_start AS sla1__start,"           \
	" k.sla1_due AS sla1__due, k.sla1_outcome AS sla1__outcome,"         \
	" k.sla1_stopped AS sla1__stopped, k.sla1_state AS sla1__state,"     \
	" k.sla2_days AS sla2__days, k.sla2_start AS sla2__start,"           \
	" k.sla2_due AS sla2__due, k.sla2_outcome AS sla2__outcome,"         \
	" k.sla2_stopped AS sla2__stopped, k.sla2_state AS sla2__state,"     \
	" a.acronym AS agency_acronym, a.name_es AS agency_name_es,"         \
	" a.name_en AS agency_name_en,"                                      \
	" json_extract(v.document, '$.name.es') AS service_name_es,"         \
	" json_extract(v.document, '$.name.en') AS service_name_en,"         \
	" o.name_es AS office_name_es, o.name_en AS office_name_en"

#define CASE_JOINS                                                           \
	" FROM cases k JOIN agencies a ON a.id = k.agency_id"                \
	" JOIN services s ON s.id = k.service_id"                            \
	" LEFT JOIN service_versions v ON v.service_id = s.id"               \
	"   AND v.version = COALESCE(s.published_version, s.version)"        \
	" LEFT JOIN offices o ON o.id = k.office_id"                         \
	" LEFT JOIN cases d ON d.id = k.duplicate_of"                        \
	" LEFT JOIN citizens c ON c.id = k.citizen_id"

/* Move flat columns prefix_name_es and prefix_name_en into
 * object key {"id", "name": {"es", "en"}} (plus extra members). */
static void nest_name(json_t *row, const char *key, const char *id_member,
		      const char *name_es, const char *name_en)
{
	json_t *id = json_object_get(row, id_member);
	json_t *obj;

	if (json_is_null(id) || !id) {
		json_object_set_new(row, key, json_null());
	} else {
		obj = json_pack("{sOs{sOsO}}", "id", id, "name", "es",
				json_object_get(row, name_es), "en",
				json_object_get(row, name_en));
		json_object_set_new(row, key, obj);
	}
	json_object_del(row, name_es);
	json_object_del(row, name_en);
}

static json_t *case_row(sqlite3_stmt *stmt)
{
	json_t *row = db_row_json(stmt);
	json_t *contact = json_object_get(row, "first_contact");

	nest_name(row, "agency", "agency_id", "agency_name_es",
		  "agency_name_en");
	json_object_set(json_object_get(row, "agency"), "acronym",
			json_object_get(row, "agency_acronym"));
	json_object_del(row, "agency_acronym");
	nest_name(row, "service", "service_id", "service_name_es",
		  "service_name_en");
	nest_name(row, "office", "office_id", "office_name_es",
		  "office_name_en");
	if (json_is_object(contact) &&
	    json_is_null(json_object_get(contact, "at")))
		json_object_set_new(row, "first_contact", json_null());
	return row;
}

int store_case_get(struct store *store, long long id, json_t **out,
		   struct error *err)
{
	static const char sql[] =
		"SELECT " CASE_COLUMNS CASE_JOINS " WHERE k.id = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = case_row(stmt);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return case_rows_not_found(err, "el caso", "case", id);
	return RC_OK;
}

int store_case_find_number(struct store *store, const char *number,
			   long long *id, struct error *err)
{
	static const char sql[] = "SELECT id FROM cases WHERE number = ?";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);
	int step;

	if (!stmt)
		return RC_STORE;
	db_bind_text(stmt, 1, number);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	db_done(stmt);
	if (step != SQLITE_ROW)
		return error_set(err, RC_NOT_FOUND, "not_found", "number",
				 "No existe ningún caso con el número %s.",
				 "There is no case with the number %s.",
				 number);
	return RC_OK;
}

int store_case_list(struct store *store, const struct case_filter *f,
		    const struct page *page, json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT " CASE_COLUMNS ", COUNT(*) OVER () AS total_rows"
		CASE_JOINS
		" WHERE (?1 = 0 OR k.agency_id = ?1)"
		" AND (?2 = 0 OR k.office_id = ?2)"
		" AND (?3 = 0 OR k.service_id = ?3)"
		" AND (?4 = 0 OR k.citizen_id = ?4)"
		" AND (?5 IS NULL OR k.status = ?5)"
		" AND (?6 IS NULL OR k.sla1_state = ?6 OR k.sla2_state = ?6)"
		" AND (?7 IS NULL OR k.sla1_state = ?7)"
		" AND (?8 IS NULL OR k.sla2_state = ?8)"
		" AND (?9 IS NULL OR (k.status IN ('new', 'contacted',"
		"   'in_progress') AND ((k.sla1_outcome = 'pending'"
		"   AND k.sla1_due < ?9) OR (k.sla2_outcome = 'pending'"
		"   AND k.sla2_due < ?9))))"
		" AND (?10 IS NULL OR k.created_at >= ?10)"
		" AND (?11 IS NULL OR k.created_at < ?11)"
		" AND (?12 IS NULL OR k.municipio = ?12)"
		" AND (?13 = 0 OR k.status IN ('new', 'contacted', 'in_progress'))"
		" AND (?16 IS NULL OR k.number = ?16)"
		" ORDER BY k.created_at DESC, k.id DESC LIMIT ?14 OFFSET ?15";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, f->agency_id);
	db_bind_int(stmt, 2, f->office_id);
	db_bind_int(stmt, 3, f->service_id);
	db_bind_int(stmt, 4, f->citizen_id);
	db_bind_text(stmt, 5, f->status);
	db_bind_text(stmt, 6, f->sla_state);
	db_bind_text(stmt, 7, f->sla1_state);
	db_bind_text(stmt, 8, f->sla2_state);
	db_bind_text(stmt, 9, f->due_before);
	db_bind_text(stmt, 10, f->created_from);
	db_bind_text(stmt, 11, f->created_to);
	db_bind_text(stmt, 12, f->municipio);
	db_bind_int(stmt, 13, f->open_only);
	db_bind_int(stmt, 14, page->limit);
	db_bind_int(stmt, 15, page->offset);
	db_bind_text(stmt, 16, f->number);
	return row_collect_page(store, stmt, case_row, page, out, err);
}

/* Collect every row of stmt into {"items": [...]}. */
static int collect_items(struct store *store, sqlite3_stmt *stmt,
			 json_t **out, struct error *err)
{
	json_t *items = json_array();
	int step;

	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		json_array_append_new(items, db_row_json(stmt));
	if (step != SQLITE_DONE) {
		int rc = db_error(db_conn(store, NULL), "read case rows", err);

		db_done(stmt);
		json_decref(items);
		return rc;
	}
	db_done(stmt);
	*out = json_pack("{so}", "items", items);
	return RC_OK;
}

int store_case_history(struct store *store, long long id, json_t **out,
		       struct error *err)
{
	static const char sql[] =
		"SELECT id, at, actor, type, from_status, to_status,"
		" data AS data_json FROM case_events WHERE case_id = ?"
		" ORDER BY id";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	return collect_items(store, stmt, out, err);
}

int store_case_notes(struct store *store, long long id, bool citizen_only,
		     json_t **out, struct error *err)
{
	static const char sql[] =
		"SELECT id, at, author, visibility, text FROM case_notes"
		" WHERE case_id = ?1 AND (?2 = 0 OR visibility = 'citizen')"
		" ORDER BY id";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	db_bind_int(stmt, 2, citizen_only);
	return collect_items(store, stmt, out, err);
}

int store_case_duplicates(struct store *store, long long id, json_t **out,
			  struct error *err)
{
	static const char sql[] =
		"SELECT id, number FROM cases WHERE duplicate_of = ? ORDER BY id";
	sqlite3_stmt *stmt = db_stmt(store, sql, err);

	if (!stmt)
		return RC_STORE;
	db_bind_int(stmt, 1, id);
	return collect_items(store, stmt, out, err);
}
