/* query.c - parsing the parameters of a statistics query, and running one
 * against the shared cache of the app (see stats.h). */
#include "core/common.h"
#include "app/app.h"
#include "core/clock.h"
#include "stats/internal.h"
#include "store/stats.h"

static const char *const dim_codes[] = {
	"none", "agency", "service", "operator", "channel", "type", "day", "hour", "municipio",
};

const char *stats_dim_code(enum stats_dim dim)
{
	return dim_codes[dim];
}

int stats_dim_parse(const char *text, enum stats_dim *dim, struct error *err)
{
	*dim = STATS_BY_NONE;
	if (!text || !*text)
		return RC_OK;
	for (size_t i = 0; i < ARRAY_SIZE(dim_codes); i++) {
		if (!strcmp(text, dim_codes[i])) {
			*dim = (enum stats_dim)i;
			return RC_OK;
		}
	}
	return error_set(err, RC_INVALID, "invalid_value", "group_by",
			 "No se puede agrupar por «%s»; use agency, service, operator, channel, type, day, hour o municipio.",
			 "Cannot group by \"%s\"; use agency, service, operator, channel, type, day, hour or municipio.",
			 text);
}

int stats_period_parse(const char *text, const char *field,
		       struct civil_date *from, struct civil_date *to,
		       struct error *err)
{
	int year, month, day, n = -1;
	size_t len = text ? strlen(text) : 0;

	if (len == 4 && sscanf(text, "%4d%n", &year, &n) == 1 && n == 4 &&
	    year >= 1900 && year <= CIVIL_YEAR_MAX) {
		*from = (struct civil_date){ year, 1, 1 };
		*to = (struct civil_date){ year, 12, 31 };
		return RC_OK;
	}
	if (len == 7 && sscanf(text, "%4d-%2d%n", &year, &month, &n) == 2 && n == 7 &&
	    year >= 1900 && month >= 1 && month <= 12) {
		*from = (struct civil_date){ year, month, 1 };
		*to = (struct civil_date){ year, month, civil_days_in_month(year, month) };
		return RC_OK;
	}
	if (len == 10 && sscanf(text, "%4d-%2d-%2d%n", &year, &month, &day, &n) == 3 &&
	    n == 10 && civil_date_valid((struct civil_date){ year, month, day })) {
		*from = *to = (struct civil_date){ year, month, day };
		return RC_OK;
	}
	return error_set(err, RC_INVALID, "invalid_period", field,
			 "El período «%s» no es válido; use AAAA, AAAA-MM o AAAA-MM-DD (por ejemplo 2026-11).",
			 "The period \"%s\" is invalid; use YYYY, YYYY-MM or YYYY-MM-DD (for example 2026-11).",
			 text ? text : "");
}

/* Return the group labels in *labels (a new reference), read again when
 * the knowledge base or the copy's epoch changed since the last read. */
static int get_labels(struct app *app, json_t **labels, struct error *err)
{
	struct stats_cache *cache = app->stats;
	unsigned long generation = store_kb_generation(app->store);
	long long epoch;
	int rc = RC_OK;

	pthread_rwlock_rdlock(&cache->lock);
	epoch = cache->version.epoch;
	pthread_rwlock_unlock(&cache->lock);
	pthread_mutex_lock(&cache->labels_lock);
	if (!cache->labels || cache->labels_generation != generation ||
	    cache->labels_epoch != epoch) {
		json_t *fresh;

		rc = store_stats_labels(app->store, &fresh, err);
		if (!rc) {
			json_decref(cache->labels);
			cache->labels = fresh;
			cache->labels_generation = generation;
			cache->labels_epoch = epoch;
		}
	}
	if (!rc)
		*labels = json_incref(cache->labels);
	pthread_mutex_unlock(&cache->labels_lock);
	return rc;
}

int stats_run(struct app *app, const struct stats_query *query, enum lang lang,
	      json_t **out, struct error *err)
{
	json_t *labels = NULL;
	int rc;

	if (civil_date_compare(query->from, query->to) > 0)
		return error_set(err, RC_INVALID, "invalid_period", "to",
				 "El final del período es anterior a su inicio.",
				 "The period ends before it starts.");
	if (civil_days_between(query->from, query->to) >= STATS_MAX_PERIOD_DAYS)
		return error_set(err, RC_INVALID, "invalid_period", "to",
				 "El período no puede pasar de %d días.",
				 "The period cannot exceed %d days.", STATS_MAX_PERIOD_DAYS);
	rc = stats_cache_refresh(app->stats, app->store, err);
	if (!rc)
		rc = get_labels(app, &labels, err);
	if (!rc)
		rc = stats_cache_query(app->stats, query, clock_now(), labels, lang, out, err);
	json_decref(labels);
	return rc;
}
