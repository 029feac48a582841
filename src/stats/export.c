/*
 * export.c - the statistics as a CSV table that spreadsheets open as
 * written: UTF-8 with a byte-order mark (so accents survive), CRLF line
 * ends, fields quoted by csv_write_field, dates as Puerto Rico local
 * dates. One row per group, then a total row.
 */
#include "core/common.h"
#include "domain/call.h"
#include "domain/csv.h"
#include "stats/export.h"

static const struct {
	const char *es, *en;
} type_heads[] = {
	{ "llamadas informativas", "information calls" },
	{ "llamadas transaccionales", "transaction calls" },
	{ "llamadas de referido", "referral calls" },
	{ "llamadas de seguimiento", "follow-up calls" },
}, channel_heads[] = {
	{ "llamadas por teléfono", "phone calls" },
	{ "llamadas por correo electrónico", "email contacts" },
	{ "llamadas por fax", "fax contacts" },
	{ "llamadas por web", "web contacts" },
	{ "llamadas presenciales", "in-person contacts" },
	{ "llamadas por API", "API contacts" },
};

static void add_number(struct strbuf *out, json_t *value)
{
	char text[40];

	strbuf_addch(out, ',');
	if (json_is_integer(value)) {
		snprintf(text, sizeof(text), "%lld", (long long)json_integer_value(value));
		strbuf_adds(out, text);
	} else if (json_is_real(value)) {
		snprintf(text, sizeof(text), "%.2f", json_real_value(value));
		strbuf_adds(out, text);
	}
}

static void add_head(struct strbuf *out, enum lang lang, const char *es, const char *en)
{
	strbuf_addch(out, ',');
	csv_write_field(out, TR(lang, es, en));
}

static void write_header(struct strbuf *out, enum lang lang, const char *group)
{
	csv_write_field(out, group);
	add_head(out, lang, "desde", "from");
	add_head(out, lang, "hasta", "to");
	add_head(out, lang, "llamadas", "calls");
	for (size_t i = 0; i < ARRAY_SIZE(type_heads); i++)
		add_head(out, lang, type_heads[i].es, type_heads[i].en);
	for (size_t i = 0; i < ARRAY_SIZE(channel_heads); i++)
		add_head(out, lang, channel_heads[i].es, channel_heads[i].en);
	add_head(out, lang, "casos creados", "cases created");
	add_head(out, lang, "casos cerrados", "cases closed");
	add_head(out, lang, "casos pendientes", "cases pending");
	add_head(out, lang, "casos cancelados", "cases cancelled");
	add_head(out, lang, "SLA1 cumplidos", "SLA1 met");
	add_head(out, lang, "SLA1 incumplidos", "SLA1 breached");
	add_head(out, lang, "SLA1 pendientes", "SLA1 pending");
	add_head(out, lang, "SLA1 cumplimiento", "SLA1 compliance");
	add_head(out, lang, "SLA2 cumplidos", "SLA2 met");
	add_head(out, lang, "SLA2 incumplidos", "SLA2 breached");
	add_head(out, lang, "SLA2 pendientes", "SLA2 pending");
	add_head(out, lang, "SLA2 cumplimiento", "SLA2 compliance");
	add_head(out, lang, "días laborables al primer contacto: mediana",
		 "business days to first contact: median");
	add_head(out, lang, "días laborables al primer contacto: promedio",
		 "business days to first contact: average");
	add_head(out, lang, "días laborables al cierre: mediana",
		 "business days to closing: median");
	add_head(out, lang, "días laborables al cierre: promedio",
		 "business days to closing: average");
	for (size_t i = 0; i < STATS_BACKLOG_BUCKETS; i++) {
		char es[64], en[64];

		snprintf(es, sizeof(es), "abiertos de %s días laborables", stats_backlog_labels[i]);
		snprintf(en, sizeof(en), "open %s business days", stats_backlog_labels[i]);
		add_head(out, lang, es, en);
	}
	strbuf_adds(out, "\r\n");
}

static void write_row(struct strbuf *out, const char *label, json_t *period, json_t *f)
{
	json_t *calls = json_object_get(f, "calls");
	json_t *cases = json_object_get(f, "cases");
	json_t *backlog = json_object_get(f, "backlog");

	csv_write_field(out, label);
	strbuf_addch(out, ',');
	csv_write_field(out, json_string_value(json_object_get(period, "from")));
	strbuf_addch(out, ',');
	csv_write_field(out, json_string_value(json_object_get(period, "to")));
	add_number(out, json_object_get(calls, "total"));
	for (size_t i = 0; call_types[i]; i++)
		add_number(out, json_object_get(json_object_get(calls, "by_type"), call_types[i]));
	for (size_t i = 0; call_channels[i]; i++)
		add_number(out, json_object_get(json_object_get(calls, "by_channel"), call_channels[i]));
	add_number(out, json_object_get(cases, "created"));
	add_number(out, json_object_get(cases, "closed"));
	add_number(out, json_object_get(cases, "pending"));
	add_number(out, json_object_get(cases, "cancelled"));
	for (int s = 1; s <= 2; s++) {
		json_t *sla = json_object_get(f, s == 1 ? "sla1" : "sla2");

		add_number(out, json_object_get(sla, "met"));
		add_number(out, json_object_get(sla, "breached"));
		add_number(out, json_object_get(sla, "pending"));
		add_number(out, json_object_get(sla, "compliance"));
	}
	add_number(out, json_object_get(json_object_get(f, "business_days_to_first_contact"), "median"));
	add_number(out, json_object_get(json_object_get(f, "business_days_to_first_contact"), "average"));
	add_number(out, json_object_get(json_object_get(f, "business_days_to_closing"), "median"));
	add_number(out, json_object_get(json_object_get(f, "business_days_to_closing"), "average"));
	for (size_t i = 0; i < STATS_BACKLOG_BUCKETS; i++)
		add_number(out, json_object_get(backlog, stats_backlog_labels[i]));
	strbuf_adds(out, "\r\n");
}

/* Return the heading of the group column for a group_by code. */
static const char *group_heading(const char *dim, enum lang lang)
{
	static const struct {
		const char *code, *es, *en;
	} names[] = {
		{ "agency", "agencia", "agency" },	{ "service", "servicio", "service" },
		{ "operator", "operador", "operator" }, { "channel", "canal", "channel" },
		{ "type", "tipo", "type" },		{ "day", "día", "day" },
		{ "hour", "hora", "hour" },		{ "municipio", "municipio", "municipio" },
	};

	for (size_t i = 0; dim && i < ARRAY_SIZE(names); i++)
		if (!strcmp(dim, names[i].code))
			return TR(lang, names[i].es, names[i].en);
	return TR(lang, "grupo", "group");
}

void stats_csv(json_t *result, enum lang lang, struct strbuf *out)
{
	json_t *period = json_object_get(result, "period");
	json_t *groups = json_object_get(result, "groups"), *g;
	const char *dim = json_string_value(json_object_get(result, "group_by"));
	size_t i;

	strbuf_adds(out, "\xEF\xBB\xBF");
	write_header(out, lang, group_heading(dim, lang));
	json_array_foreach(groups, i, g) {
		const char *label = json_string_value(json_object_get(g, "label"));

		write_row(out, label ? label : "", period, g);
	}
	write_row(out, TR(lang, "Total", "Total"), period, json_object_get(result, "totals"));
}
