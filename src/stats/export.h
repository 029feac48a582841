/*
 * export.h - the figures of a statistics query as CSV.
 */
#ifndef LINEA311_STATS_EXPORT_H
#define LINEA311_STATS_EXPORT_H

#include <jansson.h>

#include "core/strbuf.h"
#include "stats/stats.h"

/* Append result (a stats_cache_query response) to out as CSV: a
 * byte-order mark, a header row in lang, one row per group and a total
 * row, each with the period's local dates. */
void stats_csv(json_t *result, enum lang lang, struct strbuf *out);

#endif
