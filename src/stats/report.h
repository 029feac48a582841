/*
 * report.h - the periodic report of an agency (or of the whole center):
 * the statistics of a period as a CSV table and as a PDF with charts, in
 * Spanish or English. `linea311 report` writes both files; the monthly
 * delivery sends them to the agency's liaisons.
 */
#ifndef LINEA311_STATS_REPORT_H
#define LINEA311_STATS_REPORT_H

#include "app/app.h"
#include "domain/civil_time.h"

struct stats_report {
	char *csv; /* UTF-8 with a byte-order mark */
	size_t csv_len;
	char *pdf;
	size_t pdf_len;
	int pages;
	char basename[160]; /* "informe-ACRONYM-2026-11" / "report-..." */
	char title[400];    /* "Informe de ... noviembre de 2026" */
};

/*
 * Build the report of agency_id (0: the whole center, grouped by agency)
 * for the local dates from..to in lang. The CSV has one row per service
 * (per agency for the center) and a total row; the PDF adds charts of the
 * cases by day, the SLA outcomes and the backlog, and the definitions.
 * RC_NOT_FOUND (field "agency") for an unknown agency.
 */
int stats_report_build(struct app *app, long long agency_id,
		       struct civil_date from, struct civil_date to,
		       enum lang lang, struct stats_report *out,
		       struct error *err);

void stats_report_release(struct stats_report *report);

/* Write "noviembre de 2026" / "November 2026" for a whole month, the
 * year for a whole year, else "2026-11-01 – 2026-11-15". */
void stats_period_label(struct civil_date from, struct civil_date to,
			enum lang lang, char *out, size_t size);

#endif
