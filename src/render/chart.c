/* chart.c - stacked bar charts drawn with cairo (see chart.h). */
#include "core/common.h"
#include "render/chart.h"
#include "render/pdf.h"

#include <math.h>

#define TITLE_SIZE 11.0
#define LABEL_SIZE 7.5
#define LEGEND_SWATCH 8.0

struct series {
	char *label;
	unsigned rgb;
	double *values;
};

struct chart {
	enum chart_kind kind;
	char *title;
	size_t category_count;
	char **categories;
	struct series series[CHART_MAX_SERIES];
	int series_count;
};

struct chart *chart_new(enum chart_kind kind, const char *title,
			size_t category_count)
{
	struct chart *c = xcalloc(1, sizeof(*c));

	c->kind = kind;
	c->title = xstrdup(title ? title : "");
	c->category_count = category_count;
	c->categories = xcalloc(category_count + 1, sizeof(*c->categories));
	return c;
}

void chart_free(void *chart)
{
	struct chart *c = chart;

	if (!c)
		return;
	for (size_t i = 0; i < c->category_count; i++)
		free(c->categories[i]);
	for (int s = 0; s < c->series_count; s++) {
		free(c->series[s].label);
		free(c->series[s].values);
	}
	free(c->categories);
	free(c->title);
	free(c);
}

int chart_add_series(struct chart *chart, const char *label, unsigned rgb)
{
	struct series *s;

	BUG_ON(chart->series_count >= CHART_MAX_SERIES);
	s = &chart->series[chart->series_count];
	s->label = xstrdup(label ? label : "");
	s->rgb = rgb;
	s->values = xcalloc(chart->category_count + 1, sizeof(*s->values));
	return chart->series_count++;
}

void chart_set_category(struct chart *chart, size_t i, const char *label)
{
	BUG_ON(i >= chart->category_count);
	free(chart->categories[i]);
	chart->categories[i] = xstrdup(label ? label : "");
}

void chart_set(struct chart *chart, int s, size_t i, double value)
{
	BUG_ON(s < 0 || s >= chart->series_count || i >= chart->category_count);
	chart->series[s].values[i] = value > 0 ? value : 0;
}

double chart_axis_step(double max, int ticks)
{
	double raw, magnitude, fraction;

	if (max <= 0 || ticks < 1)
		return 1;
	raw = max / ticks;
	magnitude = pow(10, floor(log10(raw)));
	fraction = raw / magnitude;
	if (fraction <= 1)
		return magnitude;
	if (fraction <= 2)
		return 2 * magnitude;
	if (fraction <= 5)
		return 5 * magnitude;
	return 10 * magnitude;
}

static void set_rgb(cairo_t *cr, unsigned rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
			     (rgb & 0xff) / 255.0);
}

static double category_total(const struct chart *c, size_t i)
{
	double total = 0;

	for (int s = 0; s < c->series_count; s++)
		total += c->series[s].values[i];
	return total;
}

static void format_count(double value, char *out, size_t size)
{
	if (value == floor(value))
		snprintf(out, size, "%.0f", value);
	else
		snprintf(out, size, "%.1f", value);
}

/* Draw the title and the legend; returns the height they take. */
static double draw_heading(cairo_t *cr, const struct chart *c, double width)
{
	double x = 0, y = TITLE_SIZE + 12;

	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	pdf_draw_text(cr, 0, TITLE_SIZE, c->title, TITLE_SIZE, true, PDF_ALIGN_LEFT);
	for (int s = 0; s < c->series_count; s++) {
		double w;

		set_rgb(cr, c->series[s].rgb);
		cairo_rectangle(cr, x, y - LEGEND_SWATCH + 1, LEGEND_SWATCH, LEGEND_SWATCH);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		w = pdf_draw_text(cr, x + LEGEND_SWATCH + 3, y, c->series[s].label, LABEL_SIZE + 0.5,
				  false, PDF_ALIGN_LEFT);
		x += LEGEND_SWATCH + 3 + w + 14;
		if (x > width - 60 && s + 1 < c->series_count) {
			x = 0;
			y += LABEL_SIZE + 6;
		}
	}
	return y + 8;
}

static void draw_vertical(cairo_t *cr, const struct chart *c, double width,
			  double height)
{
	double top = draw_heading(cr, c, width);
	double max = 0, step, axis_max, left = 34, bottom = height - 16;
	double plot_w = width - left - 4, plot_h, slot, bar;
	size_t label_every;
	char text[32];

	for (size_t i = 0; i < c->category_count; i++)
		if (category_total(c, i) > max)
			max = category_total(c, i);
	step = chart_axis_step(max, 5);
	axis_max = step * ceil(max / step);
	if (axis_max <= 0)
		axis_max = step;
	plot_h = bottom - top;
	if (plot_h < 20 || !c->category_count)
		return;

	/* Grid lines and the value axis. */
	cairo_set_line_width(cr, 0.4);
	for (double v = 0; v <= axis_max + step / 2; v += step) {
		double y = bottom - v / axis_max * plot_h;

		cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
		cairo_move_to(cr, left, y);
		cairo_line_to(cr, left + plot_w, y);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		format_count(v, text, sizeof(text));
		pdf_draw_text(cr, left - 4, y + LABEL_SIZE / 3, text, LABEL_SIZE, false,
			      PDF_ALIGN_RIGHT);
	}

	/* Columns, stacked from the first series up. */
	slot = plot_w / (double)c->category_count;
	bar = slot * 0.7;
	for (size_t i = 0; i < c->category_count; i++) {
		double x = left + slot * (double)i + (slot - bar) / 2, y = bottom;

		for (int s = 0; s < c->series_count; s++) {
			double h = c->series[s].values[i] / axis_max * plot_h;

			if (h <= 0)
				continue;
			set_rgb(cr, c->series[s].rgb);
			cairo_rectangle(cr, x, y - h, bar, h);
			cairo_fill(cr);
			y -= h;
		}
	}

	/* Category labels, thinned so that they do not overlap. */
	label_every = (size_t)ceil(24.0 / slot);
	if (label_every < 1)
		label_every = 1;
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	for (size_t i = 0; i < c->category_count; i += label_every)
		pdf_draw_text(cr, left + slot * ((double)i + 0.5), height - 4,
			      c->categories[i], LABEL_SIZE, false, PDF_ALIGN_CENTER);
	cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, left, bottom);
	cairo_line_to(cr, left + plot_w, bottom);
	cairo_stroke(cr);
}

static void draw_horizontal(cairo_t *cr, const struct chart *c, double width,
			    double height)
{
	double top = draw_heading(cr, c, width);
	double left = 0, row, bar, plot_w;
	char text[48];

	/* An estimate of the widest bold label: about 0.7 em per byte. */
	for (size_t i = 0; i < c->category_count; i++)
		if ((double)strlen(c->categories[i]) * LABEL_SIZE * 0.7 > left)
			left = (double)strlen(c->categories[i]) * LABEL_SIZE * 0.7;
	if (left > width * 0.3)
		left = width * 0.3;
	left += 8;
	plot_w = width - left - 40;
	if (!c->category_count || plot_w < 40)
		return;
	row = (height - top) / (double)c->category_count;
	bar = row * 0.6 > 22 ? 22 : row * 0.6;
	for (size_t i = 0; i < c->category_count; i++) {
		double total = category_total(c, i), x = left;
		double y = top + row * (double)i + (row - bar) / 2;

		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		pdf_draw_text(cr, 0, y + bar / 2 + LABEL_SIZE / 3, c->categories[i], LABEL_SIZE + 0.5,
			      true, PDF_ALIGN_LEFT);
		if (total <= 0) {
			cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
			cairo_rectangle(cr, left, y, plot_w, bar);
			cairo_fill(cr);
			continue;
		}
		for (int s = 0; s < c->series_count; s++) {
			double w = c->series[s].values[i] / total * plot_w;

			if (w <= 0)
				continue;
			set_rgb(cr, c->series[s].rgb);
			cairo_rectangle(cr, x, y, w, bar);
			cairo_fill(cr);
			format_count(c->series[s].values[i], text, sizeof(text));
			if (w > (double)strlen(text) * LABEL_SIZE * 0.6 + 4) {
				cairo_set_source_rgb(cr, 1, 1, 1);
				pdf_draw_text(cr, x + w / 2, y + bar / 2 + LABEL_SIZE / 3, text,
					      LABEL_SIZE, true, PDF_ALIGN_CENTER);
			}
			x += w;
		}
		format_count(total, text, sizeof(text));
		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		pdf_draw_text(cr, left + plot_w + 4, y + bar / 2 + LABEL_SIZE / 3, text, LABEL_SIZE,
			      false, PDF_ALIGN_LEFT);
	}
}

void chart_draw(cairo_t *cr, double width, double height, void *chart)
{
	const struct chart *c = chart;

	cairo_save(cr);
	if (c->kind == CHART_VERTICAL)
		draw_vertical(cr, c, width, height);
	else
		draw_horizontal(cr, c, width, height);
	cairo_restore(cr);
}
