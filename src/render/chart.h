/*
 * chart.h - bar charts drawn with cairo, for the agencies' PDF reports.
 *
 * A chart has categories (days, age buckets, SLA names) and up to
 * CHART_MAX_SERIES series whose values stack in each category's bar.
 * Vertical charts put the categories along the x axis under a y scale
 * of round steps; horizontal charts draw one bar per category across the
 * width, each bar scaled to its own total (shares of 100 %), with the
 * counts written inside the segments. Text goes through pdf_draw_text,
 * so it uses the document's fonts.
 *
 *	struct chart *c = chart_new(CHART_VERTICAL, "Casos por día", 30);
 *	int closed = chart_add_series(c, "cerrados", CHART_GREEN);
 *	chart_set_category(c, 0, "01");
 *	chart_set(c, closed, 0, 12);
 *	pdf_drawing(doc, 220, chart_draw, c, chart_free);
 */
#ifndef LINEA311_RENDER_CHART_H
#define LINEA311_RENDER_CHART_H

#include <stddef.h>

#include <cairo.h>

#define CHART_MAX_SERIES 4

enum chart_kind {
	CHART_VERTICAL,	  /* stacked columns with a value axis */
	CHART_HORIZONTAL, /* stacked bars as shares of each bar's total */
};

/* Colours as 0xRRGGBB, chosen to stay apart in grey-scale print too. */
#define CHART_GREEN 0x2e7d32
#define CHART_RED 0xc62828
#define CHART_AMBER 0xf9a825
#define CHART_BLUE 0x1565c0
#define CHART_GREY 0x9e9e9e

struct chart;

/* Start a chart of kind with title (copied) and category_count
 * categories, every value 0 and every label empty. */
struct chart *chart_new(enum chart_kind kind, const char *title,
			size_t category_count);

/* Free a chart; takes void * so that it can be pdf_drawing's free_ctx. */
void chart_free(void *chart);

/* Add a series drawn in rgb (0xRRGGBB) and return its index; the label
 * (copied) appears in the legend. At most CHART_MAX_SERIES. */
int chart_add_series(struct chart *chart, const char *label, unsigned rgb);

/* Set the label (copied) under or beside category i. */
void chart_set_category(struct chart *chart, size_t i, const char *label);

/* Set the value of series s in category i; negative values count as 0. */
void chart_set(struct chart *chart, int s, size_t i, double value);

/*
 * Return the step of a value axis from 0 to at least max with about
 * ticks steps: 1, 2 or 5 times a power of ten (max 0 gives 1).
 */
double chart_axis_step(double max, int ticks);

/* Draw chart (a struct chart *) into the width x height box at the origin
 * of cr; its signature is pdf_draw_fn's. */
void chart_draw(cairo_t *cr, double width, double height, void *chart);

#endif
