/*
 * aggregate.c - computing the figures of a query over the columnar copy
 * (see stats.h; docs/statistics.md defines each figure).
 */
#include "core/common.h"
#include "domain/call.h"
#include "domain/municipio.h"
#include "stats/internal.h"

#include <math.h>

const char *const stats_backlog_labels[STATS_BACKLOG_BUCKETS] = {
	"0-2", "3-5", "6-10", "11-30", ">30",
};

/* A histogram of business-day counts: counts[v] cases took v days. It
 * gives the exact median without keeping every value. */
struct values {
	uint32_t *counts;
	size_t size;  /* values 0 .. size - 1 */
	size_t count; /* values added */
	double sum;
};

/* The running figures of one group (or of the totals). */
struct acc {
	int64_t key;
	long long calls;
	long long calls_type[STATS_TYPE_COUNT];
	long long calls_channel[STATS_CHANNEL_COUNT];
	long long created, closed, pending, cancelled;
	long long sla1[3], sla2[3]; /* by enum stats_outcome */
	struct values to_contact, to_closing;
	long long backlog[STATS_BACKLOG_BUCKETS];
};

struct groups {
	struct acc *items;
	size_t count, alloc;
	size_t *slots; /* index + 1; 0 for empty */
	size_t slot_count;
};

static void values_push(struct values *v, long value)
{
	if (value < 0)
		value = 0; /* an event before the day of creation counts as 0 days */
	if ((size_t)value >= v->size) {
		size_t size = v->size ? v->size : 64;

		while (size <= (size_t)value)
			size *= 2;
		v->counts = xrealloc(v->counts, size * sizeof(*v->counts));
		memset(v->counts + v->size, 0, (size - v->size) * sizeof(*v->counts));
		v->size = size;
	}
	v->counts[value]++;
	v->count++;
	v->sum += (double)value;
}

static size_t key_hash(int64_t key, size_t slot_count)
{
	return (size_t)(((uint64_t)key * 11400714819323198485ULL) >> 20) & (slot_count - 1);
}

static void groups_rehash(struct groups *g)
{
	size_t n = g->slot_count ? g->slot_count * 2 : 64;

	free(g->slots);
	g->slots = xcalloc(n, sizeof(*g->slots));
	g->slot_count = n;
	for (size_t i = 0; i < g->count; i++) {
		size_t s = key_hash(g->items[i].key, n);

		while (g->slots[s])
			s = (s + 1) & (n - 1);
		g->slots[s] = i + 1;
	}
}

static struct acc *groups_get(struct groups *g, int64_t key)
{
	size_t s;

	if (g->slot_count) {
		s = key_hash(key, g->slot_count);
		while (g->slots[s]) {
			if (g->items[g->slots[s] - 1].key == key)
				return &g->items[g->slots[s] - 1];
			s = (s + 1) & (g->slot_count - 1);
		}
	}
	if ((g->count + 1) * 2 > g->slot_count)
		groups_rehash(g);
	if (g->count == g->alloc) {
		g->alloc = g->alloc ? g->alloc * 2 : 32;
		g->items = xrealloc(g->items, g->alloc * sizeof(*g->items));
	}
	memset(&g->items[g->count], 0, sizeof(g->items[g->count]));
	g->items[g->count].key = key;
	g->count++;
	s = key_hash(key, g->slot_count);
	while (g->slots[s])
		s = (s + 1) & (g->slot_count - 1);
	g->slots[s] = g->count;
	return &g->items[g->count - 1];
}

static void acc_release(struct acc *a)
{
	free(a->to_contact.counts);
	free(a->to_closing.counts);
}

static void groups_release(struct groups *g)
{
	for (size_t i = 0; i < g->count; i++)
		acc_release(&g->items[i]);
	free(g->items);
	free(g->slots);
}

/* ---- the query, resolved against the copy ---- */

#define NO_MATCH UINT32_MAX

struct plan {
	const struct stats_cache *cache;
	const struct stats_query *q;
	int64_t lo, hi; /* [lo, hi): UTC instants of the period */
	int32_t today;
	uint32_t operator;  /* 0: any, NO_MATCH: unknown name */
	uint32_t municipio; /* 0: any */
	int channel;	    /* -1: any */
	int type;	    /* -1: any */
};

static int index_of(const char *const *list, const char *text)
{
	for (int i = 0; text && list[i]; i++)
		if (!strcmp(list[i], text))
			return i;
	return -1;
}

static int bucket_of(long age)
{
	if (age <= 2)
		return 0;
	if (age <= 5)
		return 1;
	if (age <= 10)
		return 2;
	if (age <= 30)
		return 3;
	return 4;
}

static void add_case(const struct plan *p, struct acc *a, size_t i)
{
	const struct stats_cases *c = &p->cache->cases;
	int32_t created = c->created_day[i];

	a->created++;
	if (c->status[i] == ST_CANCELLED) {
		a->cancelled++;
		return;
	}
	if (c->status[i] == ST_CLOSED) {
		a->closed++;
		if (c->closed_day[i] != STATS_NO_DAY)
			values_push(&a->to_closing,
				    stats_business_days(p->cache, created, c->closed_day[i]));
	} else {
		a->pending++;
		a->backlog[bucket_of(stats_business_days(p->cache, created, p->today))]++;
	}
	a->sla1[c->sla1[i]]++;
	a->sla2[c->sla2[i]]++;
	if (c->contact_day[i] != STATS_NO_DAY)
		values_push(&a->to_contact,
			    stats_business_days(p->cache, created, c->contact_day[i]));
}

static void add_call(const struct plan *p, struct acc *a, size_t i)
{
	const struct stats_calls *c = &p->cache->calls;

	a->calls++;
	a->calls_type[c->type[i]]++;
	a->calls_channel[c->channel[i]]++;
}

static int64_t case_key(const struct plan *p, size_t i)
{
	const struct stats_cases *c = &p->cache->cases;

	switch (p->q->group_by) {
	case STATS_BY_AGENCY: return c->agency[i];
	case STATS_BY_SERVICE: return c->service[i];
	case STATS_BY_OPERATOR: return c->operator[i];
	case STATS_BY_CHANNEL: return c->channel[i];
	case STATS_BY_TYPE: return STATS_TYPE_REFERRAL;
	case STATS_BY_DAY: return c->created_day[i];
	case STATS_BY_HOUR: return stats_local_hour(c->created[i]);
	case STATS_BY_MUNICIPIO: return c->municipio[i];
	case STATS_BY_NONE: break;
	}
	return 0;
}

static int64_t call_key(const struct plan *p, size_t i)
{
	const struct stats_calls *c = &p->cache->calls;

	switch (p->q->group_by) {
	case STATS_BY_AGENCY: return c->agency[i];
	case STATS_BY_SERVICE: return c->service[i];
	case STATS_BY_OPERATOR: return c->operator[i];
	case STATS_BY_CHANNEL: return c->channel[i];
	case STATS_BY_TYPE: return c->type[i];
	case STATS_BY_DAY: return stats_local_day(c->started[i]);
	case STATS_BY_HOUR: return stats_local_hour(c->started[i]);
	case STATS_BY_MUNICIPIO: return c->municipio[i];
	case STATS_BY_NONE: break;
	}
	return 0;
}

static bool case_matches(const struct plan *p, size_t i)
{
	const struct stats_cases *c = &p->cache->cases;
	const struct stats_query *q = p->q;

	if (c->created[i] < p->lo || c->created[i] >= p->hi)
		return false;
	if (q->agency_id && c->agency[i] != q->agency_id)
		return false;
	if (q->service_id && c->service[i] != q->service_id)
		return false;
	if (p->operator && c->operator[i] != p->operator)
		return false;
	if (p->municipio && c->municipio[i] != p->municipio)
		return false;
	if (p->channel >= 0 && c->channel[i] != p->channel)
		return false;
	return p->type < 0 || p->type == STATS_TYPE_REFERRAL;
}

static bool call_matches(const struct plan *p, size_t i)
{
	const struct stats_calls *c = &p->cache->calls;
	const struct stats_query *q = p->q;

	if (c->started[i] < p->lo || c->started[i] >= p->hi)
		return false;
	if (q->agency_id && c->agency[i] != q->agency_id)
		return false;
	if (q->service_id && c->service[i] != q->service_id)
		return false;
	if (p->operator && c->operator[i] != p->operator)
		return false;
	if (p->municipio && c->municipio[i] != p->municipio)
		return false;
	if (p->channel >= 0 && c->channel[i] != p->channel)
		return false;
	return p->type < 0 || c->type[i] == p->type;
}

static void values_merge(struct values *dst, const struct values *src)
{
	for (size_t value = src->size; value-- > 0;) {
		if (!src->counts[value])
			continue;
		values_push(dst, (long)value); /* makes room for the largest first */
		dst->counts[value] += src->counts[value] - 1;
		dst->count += src->counts[value] - 1;
		dst->sum += (double)value * (double)(src->counts[value] - 1);
	}
}

/* Add the figures of src to dst. */
static void acc_merge(struct acc *dst, const struct acc *src)
{
	dst->calls += src->calls;
	for (int i = 0; i < STATS_TYPE_COUNT; i++)
		dst->calls_type[i] += src->calls_type[i];
	for (int i = 0; i < STATS_CHANNEL_COUNT; i++)
		dst->calls_channel[i] += src->calls_channel[i];
	dst->created += src->created;
	dst->closed += src->closed;
	dst->pending += src->pending;
	dst->cancelled += src->cancelled;
	for (int i = 0; i < 3; i++) {
		dst->sla1[i] += src->sla1[i];
		dst->sla2[i] += src->sla2[i];
	}
	values_merge(&dst->to_contact, &src->to_contact);
	values_merge(&dst->to_closing, &src->to_closing);
	for (int i = 0; i < STATS_BACKLOG_BUCKETS; i++)
		dst->backlog[i] += src->backlog[i];
}

/* Accumulate the matching rows into their groups, or into the totals
 * when there is no grouping. Grouped totals are the sum of the groups, so
 * each row updates one accumulator only. */
static void scan(const struct plan *p, struct acc *totals, struct groups *groups)
{
	const struct stats_cases *cases = &p->cache->cases;
	const struct stats_calls *calls = &p->cache->calls;
	bool grouped = p->q->group_by != STATS_BY_NONE;

	for (size_t i = 0; i < cases->count; i++) {
		if (!case_matches(p, i))
			continue;
		add_case(p, grouped ? groups_get(groups, case_key(p, i)) : totals, i);
	}
	for (size_t i = 0; i < calls->count; i++) {
		if (!call_matches(p, i))
			continue;
		add_call(p, grouped ? groups_get(groups, call_key(p, i)) : totals, i);
	}
	for (size_t g = 0; grouped && g < groups->count; g++)
		acc_merge(totals, &groups->items[g]);
}

/* ---- the response ---- */

static const char *channel_label(int i, enum lang lang)
{
	static const char *const es[] = { "teléfono", "correo electrónico", "fax",
					  "web", "presencial", "API" };
	static const char *const en[] = { "phone", "email", "fax", "web", "in person", "API" };

	return lang == LANG_EN ? en[i] : es[i];
}

static const char *type_label(int i, enum lang lang)
{
	static const char *const es[] = { "informativa", "transaccional", "referido", "seguimiento" };
	static const char *const en[] = { "information", "transaction", "referral", "follow-up" };

	return lang == LANG_EN ? en[i] : es[i];
}

static json_t *round2(double x)
{
	return json_real((double)llround(x * 100.0) / 100.0);
}

/* Median and average of v: the median of an even count is the mean of
 * the two middle values. */
static json_t *duration_json(const struct values *v)
{
	size_t seen = 0, lower, upper;
	double median = 0;
	bool have_lower = false;

	if (!v->count)
		return json_pack("{s:i, s:n, s:n}", "count", 0, "median", "average");
	lower = (v->count - 1) / 2;
	upper = v->count / 2;
	for (size_t value = 0; value < v->size; value++) {
		seen += v->counts[value];
		if (!have_lower && seen > lower) {
			median = (double)value;
			have_lower = true;
		}
		if (seen > upper) {
			median = (median + (double)value) / 2.0;
			break;
		}
	}
	return json_pack("{s:I, s:o, s:o}", "count", (json_int_t)v->count, "median",
			 json_real(median), "average", round2(v->sum / (double)v->count));
}

static json_t *sla_json(const long long counts[3])
{
	long long decided = counts[OUT_MET] + counts[OUT_MISSED];

	return json_pack("{s:I, s:I, s:I, s:o}", "met", (json_int_t)counts[OUT_MET],
			 "breached", (json_int_t)counts[OUT_MISSED], "pending",
			 (json_int_t)counts[OUT_PENDING], "compliance",
			 decided ? round2((double)counts[OUT_MET] / (double)decided) : json_null());
}

/* Write the figures of a into obj. */
static void figures_json(struct acc *a, json_t *obj)
{
	json_t *by_type = json_object(), *by_channel = json_object(), *backlog = json_object();

	for (int i = 0; i < STATS_TYPE_COUNT; i++)
		json_object_set_new(by_type, call_types[i], json_integer(a->calls_type[i]));
	for (int i = 0; i < STATS_CHANNEL_COUNT; i++)
		json_object_set_new(by_channel, call_channels[i], json_integer(a->calls_channel[i]));
	for (int i = 0; i < STATS_BACKLOG_BUCKETS; i++)
		json_object_set_new(backlog, stats_backlog_labels[i], json_integer(a->backlog[i]));
	json_object_set_new(obj, "calls", json_pack("{s:I, s:o, s:o}", "total",
		(json_int_t)a->calls, "by_type", by_type, "by_channel", by_channel));
	json_object_set_new(obj, "cases", json_pack("{s:I, s:I, s:I, s:I}",
		"created", (json_int_t)a->created, "closed", (json_int_t)a->closed,
		"pending", (json_int_t)a->pending, "cancelled", (json_int_t)a->cancelled));
	json_object_set_new(obj, "sla1", sla_json(a->sla1));
	json_object_set_new(obj, "sla2", sla_json(a->sla2));
	json_object_set_new(obj, "business_days_to_first_contact", duration_json(&a->to_contact));
	json_object_set_new(obj, "business_days_to_closing", duration_json(&a->to_closing));
	json_object_set_new(obj, "backlog", backlog);
}

static const char *lang_name(json_t *name, enum lang lang)
{
	const char *en = json_string_value(json_object_get(name, "en"));
	const char *es = json_string_value(json_object_get(name, "es"));

	return lang == LANG_EN && en && *en ? en : es;
}

/* Set "key" and "label" of a group object. */
static void group_label(const struct plan *p, int64_t key, json_t *labels,
			enum lang lang, json_t *obj)
{
	char text[32];
	json_t *entry;

	switch (p->q->group_by) {
	case STATS_BY_AGENCY:
	case STATS_BY_SERVICE:
		snprintf(text, sizeof(text), "%lld", (long long)key);
		entry = json_object_get(json_object_get(labels,
			p->q->group_by == STATS_BY_AGENCY ? "agencies" : "services"), text);
		json_object_set_new(obj, "key", json_integer(key));
		json_object_set_new(obj, "label", json_string(lang_name(json_object_get(entry, "name"), lang)
			? lang_name(json_object_get(entry, "name"), lang) : text));
		if (p->q->group_by == STATS_BY_AGENCY)
			json_object_set(obj, "acronym", json_object_get(entry, "acronym")
				? json_object_get(entry, "acronym") : json_null());
		break;
	case STATS_BY_OPERATOR:
	case STATS_BY_MUNICIPIO: {
		const char *name = stats_dict_name(p->q->group_by == STATS_BY_OPERATOR
			? &p->cache->operators : &p->cache->municipios, (uint32_t)key);

		json_object_set_new(obj, "key", name ? json_string(name) : json_null());
		json_object_set_new(obj, "label", json_string(name ? name
			: p->q->group_by == STATS_BY_OPERATOR ? TR(lang, "(sin operador)", "(no operator)")
			: TR(lang, "(sin municipio)", "(no municipio)")));
		break;
	}
	case STATS_BY_CHANNEL:
		json_object_set_new(obj, "key", json_string(call_channels[key]));
		json_object_set_new(obj, "label", json_string(channel_label((int)key, lang)));
		break;
	case STATS_BY_TYPE:
		json_object_set_new(obj, "key", json_string(call_types[key]));
		json_object_set_new(obj, "label", json_string(type_label((int)key, lang)));
		break;
	case STATS_BY_DAY:
		civil_date_format(civil_date_from_days((long)key), text);
		json_object_set_new(obj, "key", json_string(text));
		json_object_set_new(obj, "label", json_string(text));
		break;
	case STATS_BY_HOUR:
		snprintf(text, sizeof(text), "%02d:00", (int)key);
		json_object_set_new(obj, "key", json_integer(key));
		json_object_set_new(obj, "label", json_string(text));
		break;
	case STATS_BY_NONE:
		break;
	}
}

/* Order: time and fixed lists by key, names by label. */
static int compare_groups(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	long long kx = json_integer_value(json_object_get(x, "sort"));
	long long ky = json_integer_value(json_object_get(y, "sort"));
	const char *lx = json_string_value(json_object_get(x, "label"));
	const char *ly = json_string_value(json_object_get(y, "label"));
	int c;

	if (kx != ky)
		return kx < ky ? -1 : 1;
	c = strcmp(lx ? lx : "", ly ? ly : "");
	return c;
}

static json_t *groups_json(const struct plan *p, struct groups *g, json_t *labels,
			   enum lang lang)
{
	enum stats_dim dim = p->q->group_by;
	bool by_key = dim == STATS_BY_DAY || dim == STATS_BY_HOUR ||
		      dim == STATS_BY_CHANNEL || dim == STATS_BY_TYPE;
	json_t **items = xcalloc(g->count + 1, sizeof(*items));
	json_t *out = json_array();

	for (size_t i = 0; i < g->count; i++) {
		json_t *obj = json_object();

		group_label(p, g->items[i].key, labels, lang, obj);
		figures_json(&g->items[i], obj);
		json_object_set_new(obj, "sort", json_integer(by_key ? g->items[i].key : 0));
		items[i] = obj;
	}
	qsort(items, g->count, sizeof(*items), compare_groups);
	for (size_t i = 0; i < g->count; i++) {
		json_object_del(items[i], "sort");
		json_array_append_new(out, items[i]);
	}
	free(items);
	return out;
}

/* Groups that a chart expects even when empty: every day of the period,
 * every hour, every channel and type. */
static void add_empty_groups(const struct plan *p, struct groups *g)
{
	long first = civil_days_from_date(p->q->from), last = civil_days_from_date(p->q->to);

	switch (p->q->group_by) {
	case STATS_BY_DAY:
		for (long d = first; d <= last; d++)
			groups_get(g, d);
		break;
	case STATS_BY_HOUR:
		for (int h = 0; h < 24; h++)
			groups_get(g, h);
		break;
	case STATS_BY_CHANNEL:
		for (int c = 0; c < STATS_CHANNEL_COUNT; c++)
			groups_get(g, c);
		break;
	case STATS_BY_TYPE:
		for (int t = 0; t < STATS_TYPE_COUNT; t++)
			groups_get(g, t);
		break;
	default:
		break;
	}
}

static json_t *filters_json(const struct stats_query *q)
{
	json_t *f = json_object();

	if (q->agency_id)
		json_object_set_new(f, "agency_id", json_integer(q->agency_id));
	if (q->service_id)
		json_object_set_new(f, "service_id", json_integer(q->service_id));
	if (q->operator)
		json_object_set_new(f, "operator", json_string(q->operator));
	if (q->channel)
		json_object_set_new(f, "channel", json_string(q->channel));
	if (q->type)
		json_object_set_new(f, "type", json_string(q->type));
	if (q->municipio)
		json_object_set_new(f, "municipio", json_string(q->municipio));
	return f;
}

int stats_cache_query(struct stats_cache *cache, const struct stats_query *query,
		      time_t now, json_t *labels, enum lang lang, json_t **out,
		      struct error *err)
{
	struct plan p = { .cache = cache, .q = query, .channel = -1, .type = -1 };
	struct acc totals = { 0 };
	struct groups groups = { 0 };
	char from[CIVIL_DATE_LEN], to[CIVIL_DATE_LEN], today[CIVIL_DATE_LEN];
	char as_of[CIVIL_INSTANT_LEN];
	json_t *result, *figures;

	if (query->channel && (p.channel = index_of(call_channels, query->channel)) < 0)
		return error_set(err, RC_INVALID, "invalid_value", "channel",
				 "El canal «%s» no existe.", "There is no channel \"%s\".",
				 query->channel);
	if (query->type && (p.type = index_of(call_types, query->type)) < 0)
		return error_set(err, RC_INVALID, "invalid_value", "type",
				 "El tipo de llamada «%s» no existe.", "There is no call type \"%s\".",
				 query->type);
	p.lo = civil_instant_from_local_date(query->from);
	p.hi = civil_instant_from_local_date(civil_date_add_days(query->to, 1));
	p.today = stats_local_day(now);

	pthread_rwlock_rdlock(&cache->lock);
	if (query->operator) {
		p.operator = stats_dict_find(&cache->operators, query->operator);
		if (!p.operator)
			p.operator = NO_MATCH;
	}
	if (query->municipio) {
		const char *canonical = municipio_canonical(query->municipio);

		p.municipio = stats_dict_find(&cache->municipios,
					      canonical ? canonical : query->municipio);
		if (!p.municipio)
			p.municipio = NO_MATCH;
	}
	scan(&p, &totals, &groups);
	if (query->group_by != STATS_BY_NONE)
		add_empty_groups(&p, &groups);

	civil_date_format(query->from, from);
	civil_date_format(query->to, to);
	civil_date_format(civil_date_from_days(p.today), today);
	civil_instant_format_local(now, as_of);
	figures = json_object();
	figures_json(&totals, figures);
	result = json_pack("{s:{s:s, s:s, s:s}, s:s?, s:o, s:s, s:s, s:o}",
			   "period", "from", from, "to", to, "timezone", "America/Puerto_Rico",
			   "group_by", query->group_by ? stats_dim_code(query->group_by) : NULL,
			   "filters", filters_json(query), "as_of", as_of, "today", today,
			   "totals", figures);
	if (query->group_by != STATS_BY_NONE)
		json_object_set_new(result, "groups", groups_json(&p, &groups, labels, lang));
	pthread_rwlock_unlock(&cache->lock);

	acc_release(&totals);
	groups_release(&groups);
	*out = result;
	return RC_OK;
}
