/* report.c - an agency's periodic report as CSV and PDF (see report.h). */
#include "core/common.h"
#include "core/clock.h"
#include "render/chart.h"
#include "render/pdf.h"
#include "stats/export.h"
#include "stats/report.h"
#include "stats/stats.h"
#include "store/kb.h"

#include <math.h>

static const char *const months_es[] = {
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre",
};
static const char *const months_en[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

void stats_period_label(struct civil_date from, struct civil_date to,
			enum lang lang, char *out, size_t size)
{
	char a[CIVIL_DATE_LEN], b[CIVIL_DATE_LEN];

	if (from.year == to.year && from.month == 1 && from.day == 1 && to.month == 12 &&
	    to.day == 31) {
		snprintf(out, size, "%d", from.year);
		return;
	}
	if (from.year == to.year && from.month == to.month && from.day == 1 &&
	    to.day == civil_days_in_month(to.year, to.month)) {
		if (lang == LANG_EN)
			snprintf(out, size, "%s %d", months_en[from.month - 1], from.year);
		else
			snprintf(out, size, "%s de %d", months_es[from.month - 1], from.year);
		return;
	}
	civil_date_format(from, a);
	civil_date_format(to, b);
	snprintf(out, size, "%s – %s", a, b);
}

static long long figure(json_t *figures, const char *group, const char *name)
{
	return json_integer_value(json_object_get(json_object_get(figures, group), name));
}

/* Write a number, a real with two decimals, or "–" for null. */
static void format_value(json_t *value, bool percent, char *out, size_t size)
{
	if (json_is_integer(value))
		snprintf(out, size, "%lld", (long long)json_integer_value(value));
	else if (json_is_real(value) && percent)
		snprintf(out, size, "%.0f %%", json_real_value(value) * 100);
	else if (json_is_real(value) && json_real_value(value) == floor(json_real_value(value)))
		snprintf(out, size, "%.0f", json_real_value(value));
	else if (json_is_real(value))
		snprintf(out, size, "%.2f", json_real_value(value));
	else
		snprintf(out, size, "–");
}

static void summary_row(struct pdf_table *t, const char *label, json_t *value, bool percent)
{
	char text[48];

	format_value(value, percent, text, sizeof(text));
	pdf_table_row(t, (const char *[]){ label, text });
}

static void add_summary(struct pdf_doc *doc, json_t *totals, enum lang lang)
{
	static const double widths[] = { 3, 1 };
	struct pdf_table *t = pdf_table_new(doc, 2, widths);
	json_t *cases = json_object_get(totals, "cases");
	json_t *sla1 = json_object_get(totals, "sla1"), *sla2 = json_object_get(totals, "sla2");
	json_t *contact = json_object_get(totals, "business_days_to_first_contact");
	json_t *closing = json_object_get(totals, "business_days_to_closing");

	pdf_table_align(t, 1, PDF_ALIGN_RIGHT);
	pdf_table_header(t, (const char *[]){ TR(lang, "Cifra", "Figure"), TR(lang, "Valor", "Value") });
	summary_row(t, TR(lang, "Llamadas", "Calls"), json_object_get(json_object_get(totals, "calls"), "total"), false);
	summary_row(t, TR(lang, "Casos creados", "Cases created"), json_object_get(cases, "created"), false);
	summary_row(t, TR(lang, "Casos cerrados", "Cases closed"), json_object_get(cases, "closed"), false);
	summary_row(t, TR(lang, "Casos pendientes", "Cases pending"), json_object_get(cases, "pending"), false);
	summary_row(t, TR(lang, "Casos cancelados", "Cases cancelled"), json_object_get(cases, "cancelled"), false);
	summary_row(t, TR(lang, "SLA1 (primer contacto) cumplidos", "SLA1 (first contact) met"), json_object_get(sla1, "met"), false);
	summary_row(t, TR(lang, "SLA1 incumplidos", "SLA1 breached"), json_object_get(sla1, "breached"), false);
	summary_row(t, TR(lang, "SLA1 pendientes", "SLA1 pending"), json_object_get(sla1, "pending"), false);
	summary_row(t, TR(lang, "SLA1 cumplimiento", "SLA1 compliance"), json_object_get(sla1, "compliance"), true);
	summary_row(t, TR(lang, "SLA2 (cierre) cumplidos", "SLA2 (closing) met"), json_object_get(sla2, "met"), false);
	summary_row(t, TR(lang, "SLA2 incumplidos", "SLA2 breached"), json_object_get(sla2, "breached"), false);
	summary_row(t, TR(lang, "SLA2 pendientes", "SLA2 pending"), json_object_get(sla2, "pending"), false);
	summary_row(t, TR(lang, "SLA2 cumplimiento", "SLA2 compliance"), json_object_get(sla2, "compliance"), true);
	summary_row(t, TR(lang, "Días laborables al primer contacto (mediana)", "Business days to first contact (median)"), json_object_get(contact, "median"), false);
	summary_row(t, TR(lang, "Días laborables al primer contacto (promedio)", "Business days to first contact (average)"), json_object_get(contact, "average"), false);
	summary_row(t, TR(lang, "Días laborables al cierre (mediana)", "Business days to closing (median)"), json_object_get(closing, "median"), false);
	summary_row(t, TR(lang, "Días laborables al cierre (promedio)", "Business days to closing (average)"), json_object_get(closing, "average"), false);
}

static struct chart *cases_by_day_chart(json_t *by_day, enum lang lang)
{
	json_t *groups = json_object_get(by_day, "groups"), *g;
	struct chart *c = chart_new(CHART_VERTICAL,
		TR(lang, "Casos por día de creación y estado actual", "Cases by day created and current status"),
		json_array_size(groups));
	int closed = chart_add_series(c, TR(lang, "cerrados", "closed"), CHART_GREEN);
	int pending = chart_add_series(c, TR(lang, "pendientes", "pending"), CHART_AMBER);
	int cancelled = chart_add_series(c, TR(lang, "cancelados", "cancelled"), CHART_GREY);
	size_t i;

	json_array_foreach(groups, i, g) {
		const char *day = json_string_value(json_object_get(g, "key"));

		chart_set_category(c, i, day ? day + 8 : ""); /* "DD" of YYYY-MM-DD */
		chart_set(c, closed, i, (double)figure(g, "cases", "closed"));
		chart_set(c, pending, i, (double)figure(g, "cases", "pending"));
		chart_set(c, cancelled, i, (double)figure(g, "cases", "cancelled"));
	}
	return c;
}

static struct chart *sla_chart(json_t *totals, enum lang lang)
{
	struct chart *c = chart_new(CHART_HORIZONTAL,
		TR(lang, "Cumplimiento de los SLA (casos no cancelados)", "SLA compliance (cases not cancelled)"), 2);
	int met = chart_add_series(c, TR(lang, "cumplidos", "met"), CHART_GREEN);
	int breached = chart_add_series(c, TR(lang, "incumplidos", "breached"), CHART_RED);
	int pending = chart_add_series(c, TR(lang, "pendientes", "pending"), CHART_AMBER);

	chart_set_category(c, 0, TR(lang, "SLA1 primer contacto", "SLA1 first contact"));
	chart_set_category(c, 1, TR(lang, "SLA2 cierre", "SLA2 closing"));
	for (size_t i = 0; i < 2; i++) {
		const char *sla = i ? "sla2" : "sla1";

		chart_set(c, met, i, (double)figure(totals, sla, "met"));
		chart_set(c, breached, i, (double)figure(totals, sla, "breached"));
		chart_set(c, pending, i, (double)figure(totals, sla, "pending"));
	}
	return c;
}

static struct chart *backlog_chart(json_t *totals, enum lang lang)
{
	struct chart *c = chart_new(CHART_VERTICAL,
		TR(lang, "Casos abiertos por antigüedad (días laborables)", "Open cases by age (business days)"),
		STATS_BACKLOG_BUCKETS);
	int open = chart_add_series(c, TR(lang, "abiertos", "open"), CHART_BLUE);

	for (size_t i = 0; i < STATS_BACKLOG_BUCKETS; i++) {
		chart_set_category(c, i, stats_backlog_labels[i]);
		chart_set(c, open, i, (double)figure(totals, "backlog", stats_backlog_labels[i]));
	}
	return c;
}

static void add_group_table(struct pdf_doc *doc, json_t *result, bool by_agency, enum lang lang)
{
	static const double widths[] = { 3.2, 1.5, 1.5, 1.7, 1.1, 1.1, 1.9 };
	struct pdf_table *t = pdf_table_new(doc, 7, widths);
	json_t *g;
	size_t i;

	for (size_t c = 1; c < 7; c++)
		pdf_table_align(t, c, PDF_ALIGN_RIGHT);
	pdf_table_header(t, (const char *[]){
		by_agency ? TR(lang, "Agencia", "Agency") : TR(lang, "Servicio", "Service"),
		TR(lang, "Creados", "Created"), TR(lang, "Cerrados", "Closed"),
		TR(lang, "Pendientes", "Pending"), TR(lang, "SLA1", "SLA1"), TR(lang, "SLA2", "SLA2"),
		TR(lang, "Mediana días al cierre", "Median days to closing") });
	json_array_foreach(json_object_get(result, "groups"), i, g) {
		char created[24], closed[24], pending[24], sla1[24], sla2[24], days[24];

		format_value(json_object_get(json_object_get(g, "cases"), "created"), false, created, sizeof(created));
		format_value(json_object_get(json_object_get(g, "cases"), "closed"), false, closed, sizeof(closed));
		format_value(json_object_get(json_object_get(g, "cases"), "pending"), false, pending, sizeof(pending));
		format_value(json_object_get(json_object_get(g, "sla1"), "compliance"), true, sla1, sizeof(sla1));
		format_value(json_object_get(json_object_get(g, "sla2"), "compliance"), true, sla2, sizeof(sla2));
		format_value(json_object_get(json_object_get(g, "business_days_to_closing"), "median"), false, days, sizeof(days));
		pdf_table_row(t, (const char *[]){ json_string_value(json_object_get(g, "label")),
			created, closed, pending, sla1, sla2, days });
	}
}

static void add_definitions(struct pdf_doc *doc, enum lang lang)
{
	pdf_heading(doc, 1, TR(lang, "Definiciones", "Definitions"));
	pdf_bullet(doc, TR(lang,
		"Un caso pertenece al período en que se creó; su estado y sus SLA son los de la fecha de este informe.",
		"A case belongs to the period in which it was created; its status and SLAs are those at the date of this report."));
	pdf_bullet(doc, TR(lang,
		"Las fechas son locales de Puerto Rico (UTC−4, sin horario de verano).",
		"Dates are Puerto Rico local dates (UTC−4, no daylight saving time)."));
	pdf_bullet(doc, TR(lang,
		"SLA1 se cumple cuando la fecha local del primer contacto es igual o anterior a su fecha límite (el 2.º día laborable después del día de creación); SLA2, cuando lo es la fecha local del cierre (el N.º día laborable, N el SLA2 del servicio). Pendiente: aún sin decidir.",
		"SLA1 is met when the first contact's local date is on or before its due date (the 2nd business day after the day of creation); SLA2 when the closing's local date is (the Nth business day, N the service's SLA2). Pending: not decided yet."));
	pdf_bullet(doc, TR(lang,
		"Los casos cancelados, duplicados incluidos, no cuentan en ninguna cifra de SLA ni de días laborables.",
		"Cancelled cases, duplicates included, count in no SLA or business-day figure."));
	pdf_bullet(doc, TR(lang,
		"Días laborables al primer contacto o al cierre: los días laborables después del día de creación hasta el día del evento, ambos según el calendario oficial (sin fines de semana, feriados ni cierres declarados).",
		"Business days to first contact or to closing: the business days after the day of creation up to the day of the event, on the official calendar (no weekends, holidays or declared closures)."));
	pdf_bullet(doc, TR(lang,
		"Antigüedad de los casos abiertos: días laborables desde el día de creación hasta hoy, en los grupos 0-2, 3-5, 6-10, 11-30 y más de 30.",
		"Age of open cases: business days from the day of creation to today, in the buckets 0-2, 3-5, 6-10, 11-30 and over 30."));
}

static int build_pdf(struct stats_report *out, const char *subject, json_t *by_group,
		     json_t *by_day, bool by_agency, enum lang lang, struct error *err)
{
	char generated[CIVIL_INSTANT_LEN], footer[200];
	json_t *totals = json_object_get(by_group, "totals");
	struct pdf_doc *doc;
	int rc;

	civil_instant_format_local(clock_now(), generated);
	snprintf(footer, sizeof(footer), TR(lang, "Generado el %.10s a las %.5s (hora de Puerto Rico)",
					    "Generated on %.10s at %.5s (Puerto Rico time)"),
		 generated, generated + 11);
	doc = pdf_new(&(struct pdf_options){
		.title = out->title,
		.author = TR(lang, "Línea 3-1-1", "3-1-1 Line"),
		.header = subject,
		.footer = footer,
		.lang = lang,
	});
	pdf_title(doc, out->title);
	pdf_paragraph(doc, subject);
	pdf_heading(doc, 1, TR(lang, "Resumen", "Summary"));
	add_summary(doc, totals, lang);
	pdf_space(doc, 12);
	pdf_drawing(doc, 210, chart_draw, cases_by_day_chart(by_day, lang), chart_free);
	pdf_space(doc, 10);
	pdf_drawing(doc, 110, chart_draw, sla_chart(totals, lang), chart_free);
	pdf_space(doc, 10);
	pdf_drawing(doc, 170, chart_draw, backlog_chart(totals, lang), chart_free);
	pdf_page_break(doc);
	pdf_heading(doc, 1, by_agency ? TR(lang, "Por agencia", "By agency")
				      : TR(lang, "Por servicio", "By service"));
	add_group_table(doc, by_group, by_agency, lang);
	add_definitions(doc, lang);
	rc = pdf_render(doc, &out->pdf, &out->pdf_len, err);
	out->pages = pdf_page_count(doc);
	pdf_free(doc);
	return rc;
}

/* Keep letters, digits and '-' of an acronym for a file name. */
static void file_safe(const char *text, char *out, size_t size)
{
	size_t n = 0;

	for (; text && *text && n + 1 < size; text++)
		if ((*text >= 'A' && *text <= 'Z') || (*text >= 'a' && *text <= 'z') ||
		    (*text >= '0' && *text <= '9') || *text == '-')
			out[n++] = *text;
	out[n] = '\0';
}

int stats_report_build(struct app *app, long long agency_id,
		       struct civil_date from, struct civil_date to,
		       enum lang lang, struct stats_report *out,
		       struct error *err)
{
	struct stats_query q = { .from = from, .to = to, .agency_id = agency_id };
	json_t *agency = NULL, *by_group = NULL, *by_day = NULL;
	char period[80], subject[300], safe[40], from_text[CIVIL_DATE_LEN];
	struct strbuf csv = STRBUF_INIT;
	const char *name, *acronym;
	int rc;

	memset(out, 0, sizeof(*out));
	if (agency_id) {
		rc = store_agency_get(app->store, agency_id, &agency, err);
		if (rc)
			return rc == RC_NOT_FOUND ? error_set(err, RC_NOT_FOUND, "not_found", "agency",
				"No existe la agencia %lld.", "No agency %lld exists.", agency_id) : rc;
		name = json_string_value(json_object_get(json_object_get(agency, "name"),
							 lang == LANG_EN ? "en" : "es"));
		if (!name || !*name)
			name = json_string_value(json_object_get(json_object_get(agency, "name"), "es"));
		acronym = json_string_value(json_object_get(agency, "acronym"));
		file_safe(acronym && *acronym ? acronym : "", safe, sizeof(safe));
		if (!*safe)
			snprintf(safe, sizeof(safe), "%lld", agency_id);
		snprintf(subject, sizeof(subject), "%s%s%s%s", name ? name : "",
			 acronym ? " (" : "", acronym ? acronym : "", acronym ? ")" : "");
	} else {
		snprintf(safe, sizeof(safe), "%s", TR(lang, "centro", "center"));
		snprintf(subject, sizeof(subject), "%s", TR(lang, "Línea 3-1-1: todo el centro",
							    "3-1-1 Line: the whole center"));
	}
	stats_period_label(from, to, lang, period, sizeof(period));
	snprintf(out->title, sizeof(out->title), TR(lang, "Informe de llamadas y casos: %s",
						    "Calls and cases report: %s"), period);
	civil_date_format(from, from_text);
	if (from.day == 1 && to.day == civil_days_in_month(to.year, to.month) &&
	    from.year == to.year && from.month == to.month)
		from_text[7] = '\0'; /* YYYY-MM */
	snprintf(out->basename, sizeof(out->basename), "%s-%s-%s",
		 TR(lang, "informe", "report"), safe, from_text);

	q.group_by = agency_id ? STATS_BY_SERVICE : STATS_BY_AGENCY;
	rc = stats_run(app, &q, lang, &by_group, err);
	if (!rc) {
		q.group_by = STATS_BY_DAY;
		rc = stats_run(app, &q, lang, &by_day, err);
	}
	if (!rc)
		rc = build_pdf(out, subject, by_group, by_day, !agency_id, lang, err);
	if (!rc) {
		stats_csv(by_group, lang, &csv);
		out->csv = strbuf_detach(&csv, &out->csv_len);
	}
	json_decref(agency);
	json_decref(by_group);
	json_decref(by_day);
	if (rc)
		stats_report_release(out);
	return rc;
}

void stats_report_release(struct stats_report *report)
{
	free(report->csv);
	free(report->pdf);
	report->csv = report->pdf = NULL;
	report->csv_len = report->pdf_len = 0;
}
