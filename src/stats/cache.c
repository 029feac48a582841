/*
 * cache.c - loading and refreshing the columnar copy of cases and calls
 * (see internal.h and stats.h).
 */
#include "core/common.h"
#include "core/clock.h"
#include "core/log.h"
#include "domain/call.h"
#include "stats/internal.h"
#include "store/calendar.h"

/* Prune the change log once it contains this many rows more than the
 * window that lagging readers may still need. */
#define CHANGE_LOG_KEEP 100000

/* Days of business-day prefix built past today, so the prefix covers
 * "today" for a year before it has to be rebuilt. */
#define BD_MARGIN_DAYS 400

/* ---- dictionaries ---- */

static uint64_t hash_name(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void dict_grow(struct stats_dict *dict)
{
	size_t n = dict->slot_count ? dict->slot_count * 2 : 64;

	free(dict->slots);
	dict->slots = xcalloc(n, sizeof(*dict->slots));
	dict->slot_count = n;
	for (size_t code = 1; code <= dict->count; code++) {
		size_t i = hash_name(dict->names[code - 1]) & (n - 1);

		while (dict->slots[i])
			i = (i + 1) & (n - 1);
		dict->slots[i] = (uint32_t)code;
	}
}

uint32_t stats_dict_find(const struct stats_dict *dict, const char *name)
{
	size_t i;

	if (!name || !*name || !dict->slot_count)
		return 0;
	i = hash_name(name) & (dict->slot_count - 1);
	while (dict->slots[i]) {
		if (!strcmp(dict->names[dict->slots[i] - 1], name))
			return dict->slots[i];
		i = (i + 1) & (dict->slot_count - 1);
	}
	return 0;
}

uint32_t stats_dict_code(struct stats_dict *dict, const char *name)
{
	uint32_t code = stats_dict_find(dict, name);
	size_t i;

	if (code || !name || !*name)
		return code;
	BUG_ON(dict->count >= UINT32_MAX - 1);
	if ((dict->count + 1) * 2 > dict->slot_count)
		dict_grow(dict);
	if (dict->count == dict->alloc) {
		dict->alloc = dict->alloc ? dict->alloc * 2 : 64;
		dict->names = xrealloc(dict->names, dict->alloc * sizeof(*dict->names));
	}
	dict->names[dict->count++] = xstrdup(name);
	i = hash_name(name) & (dict->slot_count - 1);
	while (dict->slots[i])
		i = (i + 1) & (dict->slot_count - 1);
	dict->slots[i] = (uint32_t)dict->count;
	return (uint32_t)dict->count;
}

const char *stats_dict_name(const struct stats_dict *dict, uint32_t code)
{
	return code && code <= dict->count ? dict->names[code - 1] : NULL;
}

static void dict_release(struct stats_dict *dict)
{
	for (size_t i = 0; i < dict->count; i++)
		free(dict->names[i]);
	free(dict->names);
	free(dict->slots);
	memset(dict, 0, sizeof(*dict));
}

static size_t dict_bytes(const struct stats_dict *dict)
{
	size_t bytes = dict->alloc * sizeof(char *) + dict->slot_count * sizeof(uint32_t);

	for (size_t i = 0; i < dict->count; i++)
		bytes += strlen(dict->names[i]) + 1;
	return bytes;
}

/* ---- time ---- */

int32_t stats_local_day(int64_t instant)
{
	int64_t local = instant + CIVIL_PR_UTC_OFFSET;
	int64_t day = local / 86400;

	if (local % 86400 < 0)
		day--;
	return (int32_t)day;
}

int stats_local_hour(int64_t instant)
{
	int64_t local = instant + CIVIL_PR_UTC_OFFSET;
	int64_t second = local % 86400;

	if (second < 0)
		second += 86400;
	return (int)(second / 3600);
}

long stats_business_days(const struct stats_cache *cache, int32_t from,
			 int32_t to)
{
	int64_t last = (int64_t)cache->bd_first + (int64_t)cache->bd_count - 1;

	if (to <= from)
		return 0;
	if (cache->bd_count && from >= cache->bd_first && to <= last)
		return (long)cache->bd_prefix[to - cache->bd_first] -
		       cache->bd_prefix[from - cache->bd_first];
	return calendar_count_business_days(&cache->cal,
					    civil_date_from_days(from + 1L),
					    civil_date_from_days(to));
}

/* Build the business-day prefix over [first, last]. */
static void build_business_days(struct stats_cache *cache, int32_t first,
				int32_t last)
{
	int32_t running = 0;

	free(cache->bd_prefix);
	cache->bd_first = first;
	cache->bd_count = (size_t)(last - first + 1);
	cache->bd_prefix = xmalloc(cache->bd_count * sizeof(*cache->bd_prefix));
	for (size_t i = 0; i < cache->bd_count; i++) {
		struct civil_date d = civil_date_from_days((long)first + (long)i);

		running += calendar_is_business_day(&cache->cal, d);
		cache->bd_prefix[i] = running;
	}
}

/* ---- columns ---- */

#define GROW(table, field) \
	(table)->field = xrealloc((table)->field, (table)->alloc * sizeof(*(table)->field))

static void cases_reserve(struct stats_cases *t, size_t n)
{
	if (n <= t->alloc)
		return;
	/* Grow by an eighth: geometric, so appends stay amortised O(1), with
	 * less spare room than doubling leaves on millions of rows. */
	while (t->alloc < n)
		t->alloc += t->alloc / 8 + 1024;
	GROW(t, id);
	GROW(t, created);
	GROW(t, created_day);
	GROW(t, agency);
	GROW(t, service);
	GROW(t, operator);
	GROW(t, municipio);
	GROW(t, channel);
	GROW(t, status);
	GROW(t, sla1);
	GROW(t, sla2);
	GROW(t, contact_day);
	GROW(t, closed_day);
}

static void calls_reserve(struct stats_calls *t, size_t n)
{
	if (n <= t->alloc)
		return;
	/* Grow by an eighth: geometric, so appends stay amortised O(1), with
	 * less spare room than doubling leaves on millions of rows. */
	while (t->alloc < n)
		t->alloc += t->alloc / 8 + 1024;
	GROW(t, id);
	GROW(t, started);
	GROW(t, agency);
	GROW(t, service);
	GROW(t, operator);
	GROW(t, municipio);
	GROW(t, type);
	GROW(t, channel);
}

/* Give back the capacity that doubling left unused after a full load. */
static void cases_fit(struct stats_cases *t)
{
	if (!t->count || t->count == t->alloc)
		return;
	t->alloc = t->count;
	GROW(t, id);
	GROW(t, created);
	GROW(t, created_day);
	GROW(t, agency);
	GROW(t, service);
	GROW(t, operator);
	GROW(t, municipio);
	GROW(t, channel);
	GROW(t, status);
	GROW(t, sla1);
	GROW(t, sla2);
	GROW(t, contact_day);
	GROW(t, closed_day);
}

static void calls_fit(struct stats_calls *t)
{
	if (!t->count || t->count == t->alloc)
		return;
	t->alloc = t->count;
	GROW(t, id);
	GROW(t, started);
	GROW(t, agency);
	GROW(t, service);
	GROW(t, operator);
	GROW(t, municipio);
	GROW(t, type);
	GROW(t, channel);
}

static void cases_release(struct stats_cases *t)
{
	free(t->id);
	free(t->created);
	free(t->created_day);
	free(t->agency);
	free(t->service);
	free(t->operator);
	free(t->municipio);
	free(t->channel);
	free(t->status);
	free(t->sla1);
	free(t->sla2);
	free(t->contact_day);
	free(t->closed_day);
	memset(t, 0, sizeof(*t));
}

static void calls_release(struct stats_calls *t)
{
	free(t->id);
	free(t->started);
	free(t->agency);
	free(t->service);
	free(t->operator);
	free(t->municipio);
	free(t->type);
	free(t->channel);
	memset(t, 0, sizeof(*t));
}

/* Return the index of text in list (NULL-terminated), or fallback. */
static uint8_t code_of(const char *const *list, const char *text, uint8_t fallback)
{
	for (uint8_t i = 0; text && list[i]; i++)
		if (!strcmp(list[i], text))
			return i;
	return fallback;
}

static uint8_t status_code(const char *status)
{
	static const char *const statuses[] = {
		"new", "contacted", "in_progress", "closed", "cancelled", NULL,
	};

	return code_of(statuses, status, ST_NEW);
}

static uint8_t outcome_code(const char *outcome)
{
	static const char *const outcomes[] = { "pending", "met", "missed", NULL };

	return code_of(outcomes, outcome, OUT_PENDING);
}

/* Return the row of id, or the row where it would be inserted with
 * *found false. */
static size_t find_row(const int64_t *ids, size_t count, int64_t id, bool *found)
{
	size_t lo = 0, hi = count;

	if (count && ids[count - 1] < id) {
		*found = false;
		return count;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < count && ids[lo] == id;
	return lo;
}

#define SHIFT(table, field, at, by)                                         \
	memmove(&(table)->field[(at) + (by)], &(table)->field[at],         \
		((table)->count - (at)) * sizeof(*(table)->field))
#define UNSHIFT(table, field, at)                                           \
	memmove(&(table)->field[at], &(table)->field[(at) + 1],            \
		((table)->count - (at) - 1) * sizeof(*(table)->field))

static void cases_open_row(struct stats_cases *t, size_t at)
{
	cases_reserve(t, t->count + 1);
	if (at < t->count) {
		SHIFT(t, id, at, 1);
		SHIFT(t, created, at, 1);
		SHIFT(t, created_day, at, 1);
		SHIFT(t, agency, at, 1);
		SHIFT(t, service, at, 1);
		SHIFT(t, operator, at, 1);
		SHIFT(t, municipio, at, 1);
		SHIFT(t, channel, at, 1);
		SHIFT(t, status, at, 1);
		SHIFT(t, sla1, at, 1);
		SHIFT(t, sla2, at, 1);
		SHIFT(t, contact_day, at, 1);
		SHIFT(t, closed_day, at, 1);
	}
	t->count++;
}

static void cases_delete_row(struct stats_cases *t, size_t at)
{
	UNSHIFT(t, id, at);
	UNSHIFT(t, created, at);
	UNSHIFT(t, created_day, at);
	UNSHIFT(t, agency, at);
	UNSHIFT(t, service, at);
	UNSHIFT(t, operator, at);
	UNSHIFT(t, municipio, at);
	UNSHIFT(t, channel, at);
	UNSHIFT(t, status, at);
	UNSHIFT(t, sla1, at);
	UNSHIFT(t, sla2, at);
	UNSHIFT(t, contact_day, at);
	UNSHIFT(t, closed_day, at);
	t->count--;
}

static void calls_open_row(struct stats_calls *t, size_t at)
{
	calls_reserve(t, t->count + 1);
	if (at < t->count) {
		SHIFT(t, id, at, 1);
		SHIFT(t, started, at, 1);
		SHIFT(t, agency, at, 1);
		SHIFT(t, service, at, 1);
		SHIFT(t, operator, at, 1);
		SHIFT(t, municipio, at, 1);
		SHIFT(t, type, at, 1);
		SHIFT(t, channel, at, 1);
	}
	t->count++;
}

static void calls_delete_row(struct stats_calls *t, size_t at)
{
	UNSHIFT(t, id, at);
	UNSHIFT(t, started, at);
	UNSHIFT(t, agency, at);
	UNSHIFT(t, service, at);
	UNSHIFT(t, operator, at);
	UNSHIFT(t, municipio, at);
	UNSHIFT(t, type, at);
	UNSHIFT(t, channel, at);
	t->count--;
}

/* The destination of rows while loading: a table and the dictionaries
 * to fill. */
struct load_target {
	struct stats_cases *cases;
	struct stats_calls *calls;
	struct stats_dict *operators;
	struct stats_dict *municipios;
	int32_t min_day, max_day;
};

static void note_day(struct load_target *t, int32_t day)
{
	if (day == STATS_NO_DAY)
		return;
	if (day < t->min_day)
		t->min_day = day;
	if (day > t->max_day)
		t->max_day = day;
}

static void set_case(struct load_target *t, size_t i, const struct stats_case_row *row)
{
	struct stats_cases *c = t->cases;

	c->id[i] = row->id;
	c->created[i] = row->created;
	c->created_day[i] = stats_local_day(row->created);
	c->agency[i] = (int32_t)row->agency_id;
	c->service[i] = (int32_t)row->service_id;
	c->operator[i] = stats_dict_code(t->operators, row->operator);
	c->municipio[i] = stats_dict_code(t->municipios, row->municipio);
	c->channel[i] = code_of(call_channels, row->channel, 0);
	c->status[i] = status_code(row->status);
	c->sla1[i] = outcome_code(row->sla1_outcome);
	c->sla2[i] = outcome_code(row->sla2_outcome);
	c->contact_day[i] = row->has_first_contact ? stats_local_day(row->first_contact) : STATS_NO_DAY;
	c->closed_day[i] = row->has_closed ? stats_local_day(row->closed) : STATS_NO_DAY;
	note_day(t, c->created_day[i]);
	note_day(t, c->contact_day[i]);
	note_day(t, c->closed_day[i]);
}

static void set_call(struct load_target *t, size_t i, const struct stats_call_row *row)
{
	struct stats_calls *c = t->calls;

	c->id[i] = row->id;
	c->started[i] = row->started;
	c->agency[i] = (int32_t)row->agency_id;
	c->service[i] = (int32_t)row->service_id;
	c->operator[i] = stats_dict_code(t->operators, row->operator);
	c->municipio[i] = stats_dict_code(t->municipios, row->municipio);
	c->type[i] = code_of(call_types, row->type, 0);
	c->channel[i] = code_of(call_channels, row->channel, 0);
	note_day(t, stats_local_day(row->started));
}

/* Ids beyond INT32_MAX do not fit the columns; SQLite hands out rowids
 * from 1 upwards, so only a hand-edited store gets there. */
static int check_ids(long long agency, long long service, long long id,
		     void *ctx)
{
	struct error *err = ctx;

	if (agency > INT32_MAX || service > INT32_MAX)
		return error_set(err, RC_INTERNAL, "id_too_large", "id",
				 "El registro %lld usa un id de agencia o servicio demasiado grande para las estadísticas.",
				 "Row %lld uses an agency or service id too large for the statistics.",
				 id);
	return RC_OK;
}

struct load_ctx {
	struct load_target target;
	struct error *err;
};

static int upsert_case(const struct stats_case_row *row, void *arg)
{
	struct load_ctx *ctx = arg;
	struct stats_cases *c = ctx->target.cases;
	bool found;
	size_t at = find_row(c->id, c->count, row->id, &found);
	int rc;

	if (row->deleted) {
		if (found)
			cases_delete_row(c, at);
		return RC_OK;
	}
	rc = check_ids(row->agency_id, row->service_id, row->id, ctx->err);
	if (rc)
		return rc;
	if (!found)
		cases_open_row(c, at);
	set_case(&ctx->target, at, row);
	return RC_OK;
}

static int upsert_call(const struct stats_call_row *row, void *arg)
{
	struct load_ctx *ctx = arg;
	struct stats_calls *c = ctx->target.calls;
	bool found;
	size_t at = find_row(c->id, c->count, row->id, &found);
	int rc;

	if (row->deleted) {
		if (found)
			calls_delete_row(c, at);
		return RC_OK;
	}
	rc = check_ids(row->agency_id, row->service_id, row->id, ctx->err);
	if (rc)
		return rc;
	if (!found)
		calls_open_row(c, at);
	set_call(&ctx->target, at, row);
	return RC_OK;
}

/* ---- the cache ---- */

struct stats_cache *stats_cache_new(void)
{
	struct stats_cache *cache = xcalloc(1, sizeof(*cache));

	pthread_rwlock_init(&cache->lock, NULL);
	pthread_mutex_init(&cache->refresh_lock, NULL);
	pthread_mutex_init(&cache->labels_lock, NULL);
	calendar_init(&cache->cal);
	return cache;
}

static void cache_clear(struct stats_cache *cache)
{
	cases_release(&cache->cases);
	calls_release(&cache->calls);
	dict_release(&cache->operators);
	dict_release(&cache->municipios);
	free(cache->bd_prefix);
	cache->bd_prefix = NULL;
	cache->bd_count = 0;
	cache->loaded = false;
}

void stats_cache_free(struct stats_cache *cache)
{
	if (!cache)
		return;
	cache_clear(cache);
	calendar_release(&cache->cal);
	json_decref(cache->labels);
	pthread_rwlock_destroy(&cache->lock);
	pthread_mutex_destroy(&cache->refresh_lock);
	pthread_mutex_destroy(&cache->labels_lock);
	free(cache);
}

/* The whole copy that a full load builds before it replaces the old one. */
struct snapshot {
	struct stats_cases cases;
	struct stats_calls calls;
	struct stats_dict operators;
	struct stats_dict municipios;
	int32_t min_day, max_day;
};

static int load_snapshot(struct store *store, struct snapshot *snap,
			 struct error *err)
{
	struct load_ctx ctx = {
		.target = {
			.cases = &snap->cases,
			.calls = &snap->calls,
			.operators = &snap->operators,
			.municipios = &snap->municipios,
			.min_day = INT32_MAX,
			.max_day = INT32_MIN + 1,
		},
		.err = err,
	};
	int rc;

	rc = store_stats_each_case(store, 0, upsert_case, &ctx, err);
	if (!rc)
		rc = store_stats_each_call(store, 0, upsert_call, &ctx, err);
	snap->min_day = ctx.target.min_day;
	snap->max_day = ctx.target.max_day;
	return rc;
}

/* Make the business-day prefix cover [min_day - 1, max(max_day, today)],
 * rebuilding it with a margin when it does not; call with the write lock
 * held. min_day > max_day means no day to add. */
static void cover_days(struct stats_cache *cache, int32_t min_day, int32_t max_day)
{
	int32_t today = stats_local_day(clock_now());
	int32_t first = today - 1, last = today;

	if (cache->bd_count) {
		first = cache->bd_first;
		last = cache->bd_first + (int32_t)cache->bd_count - 1;
	}
	if (min_day <= max_day) {
		if (min_day - 1 < first)
			first = min_day - 1;
		if (max_day > last)
			last = max_day;
	}
	if (today > last)
		last = today;
	if (cache->bd_count && first == cache->bd_first &&
	    last == cache->bd_first + (int32_t)cache->bd_count - 1)
		return;
	build_business_days(cache, first, last + BD_MARGIN_DAYS);
}

static int full_load(struct stats_cache *cache, struct store *store,
		     const struct stats_version *version, struct error *err)
{
	struct snapshot snap = { 0 };
	struct calendar cal;
	long long generation;
	int rc;

	calendar_init(&cal);
	rc = store_calendar_load(store, &cal, &generation, err);
	if (!rc)
		rc = load_snapshot(store, &snap, err);
	if (rc) {
		cases_release(&snap.cases);
		calls_release(&snap.calls);
		dict_release(&snap.operators);
		dict_release(&snap.municipios);
		calendar_release(&cal);
		return rc;
	}
	cases_fit(&snap.cases);
	calls_fit(&snap.calls);
	pthread_rwlock_wrlock(&cache->lock);
	cache_clear(cache);
	calendar_release(&cache->cal);
	cache->cal = cal;
	cache->cases = snap.cases;
	cache->calls = snap.calls;
	cache->operators = snap.operators;
	cache->municipios = snap.municipios;
	cover_days(cache, snap.min_day, snap.max_day);
	cache->version = *version;
	cache->loaded = true;
	pthread_rwlock_unlock(&cache->lock);
	log_info("stats", "loaded %zu cases and %zu calls", cache->cases.count,
		 cache->calls.count);
	return RC_OK;
}

/* Apply the changes logged after the cache's version, under the write
 * lock (the rows are read from the store while the lock is held, which
 * keeps queries out for the few milliseconds that takes). */
static int apply_changes(struct stats_cache *cache, struct store *store,
			 const struct stats_version *version, struct error *err)
{
	struct load_ctx ctx = {
		.target = {
			.cases = &cache->cases,
			.calls = &cache->calls,
			.operators = &cache->operators,
			.municipios = &cache->municipios,
			.min_day = INT32_MAX,
			.max_day = INT32_MIN + 1,
		},
		.err = err,
	};
	long long after = cache->version.last_change;
	int rc;

	pthread_rwlock_wrlock(&cache->lock);
	rc = store_stats_each_case(store, after, upsert_case, &ctx, err);
	if (!rc)
		rc = store_stats_each_call(store, after, upsert_call, &ctx, err);
	if (!rc) {
		cover_days(cache, ctx.target.min_day, ctx.target.max_day);
		cache->version.last_change = version->last_change;
		cache->version.first_change = version->first_change;
	}
	pthread_rwlock_unlock(&cache->lock);
	return rc;
}

static int reload_calendar(struct stats_cache *cache, struct store *store,
			   const struct stats_version *version, struct error *err)
{
	struct calendar cal;
	long long generation;
	int32_t first, last;
	int rc;

	calendar_init(&cal);
	rc = store_calendar_load(store, &cal, &generation, err);
	if (rc) {
		calendar_release(&cal);
		return rc;
	}
	pthread_rwlock_wrlock(&cache->lock);
	calendar_release(&cache->cal);
	cache->cal = cal;
	first = cache->bd_first;
	last = cache->bd_first + (int32_t)cache->bd_count - 1;
	if (cache->bd_count)
		build_business_days(cache, first, last);
	cache->version.calendar_generation = version->calendar_generation;
	pthread_rwlock_unlock(&cache->lock);
	return RC_OK;
}

/* Keep the change log short once this copy has read it; a reader that
 * falls further behind than CHANGE_LOG_KEEP reloads everything. */
static void prune_log(struct store *store, const struct stats_version *version)
{
	struct error err;

	if (version->last_change - version->first_change < 2 * CHANGE_LOG_KEEP)
		return;
	if (store_begin(store, &err))
		return;
	if (store_stats_prune_changes(store, version->last_change - CHANGE_LOG_KEEP, &err) ||
	    store_commit(store, &err)) {
		store_rollback(store);
		log_warn("stats", "pruning the change log failed: %s", err.message_en);
	}
}

int stats_cache_refresh(struct stats_cache *cache, struct store *store,
			struct error *err)
{
	struct stats_version version;
	int rc;

	pthread_mutex_lock(&cache->refresh_lock);
	rc = store_stats_version(store, &version, err);
	if (rc)
		goto out;
	if (!cache->loaded || version.epoch != cache->version.epoch ||
	    (version.first_change > cache->version.last_change + 1)) {
		rc = full_load(cache, store, &version, err);
		goto out;
	}
	if (version.calendar_generation != cache->version.calendar_generation) {
		rc = reload_calendar(cache, store, &version, err);
		if (rc)
			goto out;
	}
	if (version.last_change > cache->version.last_change) {
		rc = apply_changes(cache, store, &version, err);
		if (rc)
			goto out;
	} else {
		/* Nothing changed, but today may have moved past the prefix. */
		int32_t today = stats_local_day(clock_now());

		if (today >= cache->bd_first + (int32_t)cache->bd_count) {
			pthread_rwlock_wrlock(&cache->lock);
			cover_days(cache, 1, 0);
			pthread_rwlock_unlock(&cache->lock);
		}
	}
	prune_log(store, &version);
out:
	pthread_mutex_unlock(&cache->refresh_lock);
	return rc;
}

void stats_cache_info(struct stats_cache *cache, struct stats_cache_info *info)
{
	const struct stats_cases *c = &cache->cases;
	const struct stats_calls *l = &cache->calls;

	pthread_rwlock_rdlock(&cache->lock);
	info->cases = c->count;
	info->calls = l->count;
	info->bytes = c->alloc * (sizeof(*c->id) + sizeof(*c->created) +
				  sizeof(*c->created_day) + sizeof(*c->agency) +
				  sizeof(*c->service) + sizeof(*c->operator) +
				  sizeof(*c->municipio) + sizeof(*c->channel) +
				  sizeof(*c->status) + sizeof(*c->sla1) + sizeof(*c->sla2) +
				  sizeof(*c->contact_day) + sizeof(*c->closed_day)) +
		      l->alloc * (sizeof(*l->id) + sizeof(*l->started) + sizeof(*l->agency) +
				  sizeof(*l->service) + sizeof(*l->operator) +
				  sizeof(*l->municipio) + sizeof(*l->type) + sizeof(*l->channel)) +
		      dict_bytes(&cache->operators) + dict_bytes(&cache->municipios) +
		      cache->bd_count * sizeof(*cache->bd_prefix);
	pthread_rwlock_unlock(&cache->lock);
}
