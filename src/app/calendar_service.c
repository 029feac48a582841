/* calendar_service.c - the shared calendar and its changes (see
 * calendar_service.h). */
#include "core/common.h"
#include "app/calendar_service.h"
#include "app/case_service.h"
#include "core/clock.h"
#include "core/log.h"
#include "store/calendar.h"

#include <pthread.h>
#include <stddef.h>

/* A loaded calendar with the readers that still use it. The calendar is
 * the first member, so a reader's pointer leads back to the snapshot. */
struct snapshot {
	struct calendar cal;
	long long generation;
	int readers;   /* guarded by cache.lock */
	bool replaced; /* a newer snapshot took its place */
};

static struct {
	pthread_mutex_t lock;
	struct store *store;
	struct snapshot *current;
} cache = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void snapshot_free(struct snapshot *snap)
{
	calendar_release(&snap->cal);
	free(snap);
}

/* Drop the reference of one reader or of the cache; the lock is held. */
static void snapshot_unref(struct snapshot *snap)
{
	if (--snap->readers == 0 && snap->replaced)
		snapshot_free(snap);
}

int calendar_service_get(struct app *app, const struct calendar **cal,
			 struct error *err)
{
	struct snapshot *fresh;
	long long generation;
	int rc;

	rc = store_calendar_generation(app->store, &generation, err);
	if (rc)
		return rc;

	pthread_mutex_lock(&cache.lock);
	if (cache.current && cache.store == app->store &&
	    cache.current->generation == generation) {
		cache.current->readers++;
		*cal = &cache.current->cal;
		pthread_mutex_unlock(&cache.lock);
		return RC_OK;
	}
	pthread_mutex_unlock(&cache.lock);

	fresh = xcalloc(1, sizeof(*fresh));
	calendar_init(&fresh->cal);
	rc = store_calendar_load(app->store, &fresh->cal, &fresh->generation,
				 err);
	if (rc) {
		snapshot_free(fresh);
		return rc;
	}

	pthread_mutex_lock(&cache.lock);
	if (cache.current && cache.store == app->store &&
	    cache.current->generation >= fresh->generation) {
		/* Another thread loaded the same or a newer one meanwhile. */
		snapshot_free(fresh);
	} else {
		if (cache.current) {
			cache.current->replaced = true;
			snapshot_unref(cache.current);
		}
		fresh->readers = 1; /* the cache's own reference */
		cache.current = fresh;
		cache.store = app->store;
	}
	cache.current->readers++;
	*cal = &cache.current->cal;
	pthread_mutex_unlock(&cache.lock);
	return RC_OK;
}

void calendar_service_put(const struct calendar *cal)
{
	struct snapshot *snap;

	if (!cal)
		return;
	snap = (struct snapshot *)(void *)((char *)(uintptr_t)cal -
					   offsetof(struct snapshot, cal));
	pthread_mutex_lock(&cache.lock);
	snapshot_unref(snap);
	pthread_mutex_unlock(&cache.lock);
}

static int setting(struct app *app, const char *name, int fallback, int max)
{
	long value;

	if (config_get_long(app->cfg, name, 1, max, &value, NULL))
		return fallback;
	return (int)value;
}

void calendar_service_policy(struct app *app, struct sla_policy *policy)
{
	struct sla_policy defaults = SLA_POLICY_DEFAULT;

	*policy = defaults;
	policy->sla1_days = setting(app, "sla1_days", defaults.sla1_days,
				    CALENDAR_MAX_BUSINESS_DAYS);
	policy->sla1_risk_days = setting(app, "sla1_risk_days",
					 defaults.sla1_risk_days, 100);
	policy->sla2_risk_days = setting(app, "sla2_risk_days",
					 defaults.sla2_risk_days, 100);
}

/* A change to apply to the calendar loaded inside the transaction. It
 * adds the years it changed to years. */
typedef int (*change_fn)(struct calendar *cal, void *ctx, json_t *years,
			 struct error *err);

/* Load the calendar, apply change, save the years it touched with source,
 * and recompute the open cases, all in one transaction. */
static int run_change(struct app *app, change_fn change, void *ctx,
		      const char *source, const char *actor, json_t *years,
		      struct calendar_change_result *result, struct error *err)
{
	struct calendar cal;
	struct sla_policy policy;
	long long generation;
	long recomputed = 0;
	json_t *year;
	size_t i;
	int rc;

	calendar_init(&cal);
	calendar_service_policy(app, &policy);
	rc = store_begin(app->store, err);
	if (rc)
		return rc;
	rc = store_calendar_load(app->store, &cal, &generation, err);
	if (!rc)
		rc = change(&cal, ctx, years, err);
	json_array_foreach(years, i, year) {
		if (rc)
			break;
		rc = store_calendar_save_year(app->store, &cal,
					      (int)json_integer_value(year),
					      source, err);
	}
	if (!rc)
		rc = case_service_recompute_open(app->store, &cal, &policy, clock_now(),
					  actor, &recomputed, NULL, err);
	if (rc) {
		store_rollback(app->store);
		calendar_release(&cal);
		return rc;
	}
	rc = store_commit(app->store, err);
	calendar_release(&cal);
	if (rc)
		return rc;
	log_info("calendar", "calendar changed (%s); %ld open cases got new "
			     "due dates",
		 source, recomputed);
	if (result)
		result->cases_recomputed = recomputed;
	return RC_OK;
}

static int add_change(struct calendar *cal, void *ctx, json_t *years,
		      struct error *err)
{
	const struct calendar_entry *entry = ctx;

	json_array_append_new(years, json_integer(entry->date.year));
	return calendar_add(cal, entry, err);
}

int calendar_service_add(struct app *app, struct calendar_entry *entry,
			 const char *actor,
			 struct calendar_change_result *result,
			 struct error *err)
{
	json_t *years = json_array();
	int rc;

	if (!entry->name[0])
		snprintf(entry->name, sizeof(entry->name), "%s",
			 entry->kind == CALENDAR_CLOSURE    ? "Cierre"
			 : entry->kind == CALENDAR_HALF_DAY ? "Medio día"
							    : "Feriado");
	rc = run_change(app, add_change, entry, "edit", actor, years, result,
			err);
	json_decref(years);
	return rc;
}

struct removal {
	struct civil_date date;
	enum calendar_kind kind;
};

static int remove_change(struct calendar *cal, void *ctx, json_t *years,
			 struct error *err)
{
	const struct removal *removal = ctx;

	json_array_append_new(years, json_integer(removal->date.year));
	return calendar_remove(cal, removal->date, removal->kind, err);
}

int calendar_service_remove(struct app *app, struct civil_date date,
			    enum calendar_kind kind, const char *actor,
			    struct calendar_change_result *result,
			    struct error *err)
{
	struct removal removal = { date, kind };
	json_t *years = json_array();
	int rc;

	rc = run_change(app, remove_change, &removal, "edit", actor, years,
			result, err);
	json_decref(years);
	return rc;
}

struct import {
	const struct calendar_entry *entries;
	size_t count;
};

static int import_change(struct calendar *cal, void *ctx, json_t *years,
			 struct error *err)
{
	const struct import *import = ctx;
	struct calendar_entry *of_year;
	int rc = RC_OK;

	/* Every year present in the file, in order of first appearance. */
	for (size_t i = 0; i < import->count; i++) {
		int year = import->entries[i].date.year;
		json_t *seen;
		size_t j;
		bool found = false;

		json_array_foreach(years, j, seen) {
			found |= json_integer_value(seen) == year;
		}
		if (!found)
			json_array_append_new(years, json_integer(year));
	}

	of_year = xmalloc((import->count + 1) * sizeof(*of_year));
	for (size_t y = 0; y < json_array_size(years) && !rc; y++) {
		int year = (int)json_integer_value(json_array_get(years, y));
		size_t n = 0;

		for (size_t i = 0; i < import->count; i++) {
			if (import->entries[i].date.year == year)
				of_year[n++] = import->entries[i];
		}
		rc = calendar_replace_year(cal, year, of_year, n, err);
	}
	free(of_year);
	return rc;
}

int calendar_service_import(struct app *app,
			    const struct calendar_entry *entries, size_t count,
			    const char *actor, json_t **years_out,
			    struct calendar_change_result *result,
			    struct error *err)
{
	struct import import = { entries, count };
	json_t *years = json_array();
	int rc;

	if (count == 0) {
		json_decref(years);
		return error_set(err, RC_INVALID, "empty_import", "file",
				 "El archivo no contiene ningún feriado ni "
				 "cierre.",
				 "The file contains no holiday or closure.");
	}
	rc = run_change(app, import_change, &import, "import", actor, years,
			result, err);
	if (!rc && years_out)
		*years_out = json_incref(years);
	json_decref(years);
	return rc;
}

int calendar_service_confirm(struct app *app, int year, const char *actor,
			     struct error *err)
{
	struct calendar cal;
	json_t *info = NULL;
	long long generation;
	int rc;

	if (year < CIVIL_YEAR_MIN || year > CIVIL_YEAR_MAX)
		return error_set(err, RC_INVALID, "invalid_year", "year",
				 "El año %d no es válido.",
				 "The year %d is invalid.", year);
	calendar_init(&cal);
	rc = store_begin(app->store, err);
	if (rc)
		return rc;
	/* A year that follows the rules is saved first, so that what was
	 * confirmed stays fixed even if the rules in the code change. */
	rc = store_calendar_year_info(app->store, year, &info, err);
	if (!rc && !info) {
		rc = store_calendar_load(app->store, &cal, &generation, err);
		if (!rc)
			rc = calendar_materialize_year(&cal, year, err);
		if (!rc)
			rc = store_calendar_save_year(app->store, &cal, year,
						      "rules", err);
	}
	json_decref(info);
	if (!rc)
		rc = store_calendar_confirm(app->store, year, actor, clock_now(),
					    err);
	calendar_release(&cal);
	if (rc) {
		store_rollback(app->store);
		return rc;
	}
	rc = store_commit(app->store, err);
	if (!rc)
		log_info("calendar", "list of %d confirmed", year);
	return rc;
}

json_t *calendar_service_warning(struct app *app, time_t now, enum lang lang)
{
	const struct calendar *cal;
	char message[300];
	int year;
	bool unconfirmed;

	if (calendar_service_get(app, &cal, NULL))
		return NULL;
	unconfirmed = calendar_next_year_unconfirmed(cal, civil_local_date(now),
						     &year);
	calendar_service_put(cal);
	if (!unconfirmed)
		return NULL;
	snprintf(message, sizeof(message),
		 TR(lang,
		    "La lista de feriados de %d no está confirmada. Revísela "
		    "e impórtela o confírmela antes del 1 de enero.",
		    "The holiday list of %d is not confirmed. Review it and "
		    "import or confirm it before 1 January."),
		 year);
	return json_pack("{sssiss}", "code", "calendar_year_unconfirmed",
			 "year", year, "message", message);
}

const char *calendar_service_weekday(struct civil_date date, enum lang lang)
{
	static const char *const weekdays_es[] = {
		"domingo", "lunes", "martes", "miércoles", "jueves", "viernes",
		"sábado",
	};
	static const char *const weekdays_en[] = {
		"Sunday",   "Monday", "Tuesday",  "Wednesday",
		"Thursday", "Friday", "Saturday",
	};
	enum civil_weekday day = civil_weekday(date);

	return TR(lang, weekdays_es[day], weekdays_en[day]);
}

json_t *calendar_service_entry_json(const struct calendar_entry *entry,
				    enum lang lang)
{
	char date[CIVIL_DATE_LEN];

	civil_date_format(entry->date, date);
	return json_pack("{ssssssssss}", "date", date, "weekday",
			 calendar_service_weekday(entry->date, lang), "kind",
			 calendar_kind_code(entry->kind), "kind_label",
			 calendar_kind_label(entry->kind, lang), "name",
			 entry->name);
}

int calendar_service_year(struct app *app, int year, enum lang lang,
			  json_t **out, struct error *err)
{
	struct calendar_entry_list list = { NULL, 0, 0 };
	const struct calendar *cal;
	json_t *info = NULL, *entries, *result;
	int rc;

	if (year < CIVIL_YEAR_MIN || year > CIVIL_YEAR_MAX)
		return error_set(err, RC_INVALID, "invalid_year", "year",
				 "El año %d no es válido; use un año entre 1 y "
				 "9999.",
				 "The year %d is invalid; use a year between 1 "
				 "and 9999.",
				 year);
	rc = store_calendar_year_info(app->store, year, &info, err);
	if (!rc)
		rc = calendar_service_get(app, &cal, err);
	if (rc) {
		json_decref(info);
		return rc;
	}
	calendar_list_year(cal, year, &list);
	calendar_service_put(cal);

	entries = json_array();
	for (size_t i = 0; i < list.count; i++)
		json_array_append_new(entries, calendar_service_entry_json(
						       &list.items[i], lang));
	calendar_entry_list_release(&list);

	result = json_object();
	json_object_set_new(result, "year", json_integer(year));
	if (info) {
		json_object_set(result, "source", json_object_get(info, "source"));
		json_object_set(result, "confirmed_at",
				json_object_get(info, "confirmed_at"));
		json_object_set(result, "confirmed_by",
				json_object_get(info, "confirmed_by"));
	} else {
		json_object_set_new(result, "source", json_string("rules"));
		json_object_set_new(result, "confirmed_at", json_null());
		json_object_set_new(result, "confirmed_by", json_null());
	}
	json_object_set_new(result, "confirmed",
			    json_boolean(json_is_string(json_object_get(
				    result, "confirmed_at"))));
	json_object_set_new(result, "entries", entries);
	json_decref(info);
	*out = result;
	return RC_OK;
}
