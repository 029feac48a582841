/*
 * pdf.c - the PDF document builder (see pdf.h).
 *
 * pdf_render lays the blocks out twice with the same code: a measuring
 * pass on a PDF surface whose output is discarded counts the pages, and
 * the drawing pass renders them with "page N of M" in the footer. Both
 * passes use a PDF surface and a Pango resolution of 72 dpi, so one font
 * point is one unit of the page and both passes measure the same.
 */
#include "core/common.h"
#include "core/clock.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "render/pdf.h"

#include <stdatomic.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#define MARGIN_X 54.0        /* left and right margins, points */
#define MARGIN_TOP 72.0      /* top of the text area */
#define MARGIN_BOTTOM 64.0   /* from the bottom of the text area to the page's */
#define HEADER_BASELINE 42.0 /* from the top of the page */
#define FOOTER_BASELINE 34.0 /* from the bottom of the page */
#define LIST_INDENT 18.0     /* left margin of list item text */
#define CELL_PADDING 4.0
#define HEADING_KEEP 42.0    /* room kept below a heading for what follows */

#define FONT_FAMILY "DejaVu Sans"

#define FONT_MONO "DejaVu Sans Mono"

enum block_kind {
	BLOCK_TITLE,
	BLOCK_HEADING1,
	BLOCK_HEADING2,
	BLOCK_PARAGRAPH,
	BLOCK_NOTE,
	BLOCK_LABELED,
	BLOCK_ITEM,
	BLOCK_PRE,
	BLOCK_SPACE,
	BLOCK_BREAK,
	BLOCK_TABLE,
	BLOCK_DRAWING,
};

/* Text styles; the index of each one's font in struct flow. */
enum style {
	STYLE_TITLE,
	STYLE_HEADING1,
	STYLE_HEADING2,
	STYLE_BODY,
	STYLE_BOLD,
	STYLE_NOTE,
	STYLE_MONO,
	STYLE_SMALL,
	STYLE_COUNT,
};

static const char *const style_fonts[STYLE_COUNT] = {
	[STYLE_TITLE] = FONT_FAMILY " Bold 19",
	[STYLE_HEADING1] = FONT_FAMILY " Bold 14",
	[STYLE_HEADING2] = FONT_FAMILY " Bold 11.5",
	[STYLE_BODY] = FONT_FAMILY " 10",
	[STYLE_BOLD] = FONT_FAMILY " Bold 10",
	[STYLE_NOTE] = FONT_FAMILY " 8.5",
	[STYLE_MONO] = FONT_MONO " 9",
	[STYLE_SMALL] = FONT_FAMILY " 8",
};

struct table_row {
	char **cells;
	bool header;
};

struct pdf_table {
	size_t columns;
	double *widths; /* shares of the text width, summing to 1 */
	enum pdf_align *align;
	struct table_row *rows;
	size_t count, alloc;
};

struct block {
	enum block_kind kind;
	char *text;
	char *label;   /* BLOCK_LABELED: bold prefix; BLOCK_ITEM: marker */
	double points; /* BLOCK_SPACE: space; BLOCK_DRAWING: height */
	struct pdf_table *table;
	pdf_draw_fn draw;
	void *ctx;
	void (*free_ctx)(void *ctx);
};

struct pdf_doc {
	char *title;
	char *author;
	char *header;
	char *footer;
	enum lang lang;
	double page_width;
	double page_height;
	struct block *blocks;
	size_t count, alloc;
	int pages;
};

/* The state of one layout pass. */
struct flow {
	struct pdf_doc *doc;
	cairo_t *cr;
	PangoContext *pango;
	PangoFontDescription *fonts[STYLE_COUNT];
	bool draw;       /* false in the measuring pass */
	int page;        /* from 1 */
	int total;       /* pages, known in the drawing pass only */
	double y;        /* top of the next line */
	bool page_empty; /* nothing placed on this page yet */
};

/* ---- building ---- */

static char *copy_text(const char *s)
{
	char *copy = xstrdup(s ? s : "");

	utf8_sanitize(copy);
	return copy;
}

struct pdf_doc *pdf_new(const struct pdf_options *options)
{
	struct pdf_doc *doc = xcalloc(1, sizeof(*doc));

	BUG_ON(!options || !options->title);
	doc->title = copy_text(options->title);
	doc->author = options->author ? copy_text(options->author) : NULL;
	doc->header = options->header ? copy_text(options->header) : NULL;
	doc->footer = options->footer ? copy_text(options->footer) : NULL;
	doc->lang = options->lang;
	doc->page_width = options->a4 ? 595.0 : 612.0;
	doc->page_height = options->a4 ? 842.0 : 792.0;
	return doc;
}

static void table_free(struct pdf_table *t)
{
	for (size_t i = 0; i < t->count; i++) {
		for (size_t c = 0; c < t->columns; c++)
			free(t->rows[i].cells[c]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	free(t->widths);
	free(t->align);
	free(t);
}

void pdf_free(struct pdf_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->count; i++) {
		struct block *b = &doc->blocks[i];

		free(b->text);
		free(b->label);
		if (b->table)
			table_free(b->table);
		if (b->free_ctx)
			b->free_ctx(b->ctx);
	}
	free(doc->blocks);
	free(doc->title);
	free(doc->author);
	free(doc->header);
	free(doc->footer);
	free(doc);
}

double pdf_content_width(const struct pdf_doc *doc)
{
	return doc->page_width - 2 * MARGIN_X;
}

double pdf_content_height(const struct pdf_doc *doc)
{
	return doc->page_height - MARGIN_TOP - MARGIN_BOTTOM;
}

static struct block *add_block(struct pdf_doc *doc, enum block_kind kind)
{
	struct block *b;

	if (doc->count == doc->alloc) {
		doc->alloc = doc->alloc ? doc->alloc * 2 : 32;
		doc->blocks = xrealloc(doc->blocks, doc->alloc * sizeof(*doc->blocks));
	}
	b = &doc->blocks[doc->count++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

static void add_text(struct pdf_doc *doc, enum block_kind kind, const char *label,
		     const char *text)
{
	struct block *b = add_block(doc, kind);

	b->text = copy_text(text);
	if (label)
		b->label = copy_text(label);
}

void pdf_title(struct pdf_doc *doc, const char *text)
{
	add_text(doc, BLOCK_TITLE, NULL, text);
}

void pdf_heading(struct pdf_doc *doc, int level, const char *text)
{
	BUG_ON(level != 1 && level != 2);
	add_text(doc, level == 1 ? BLOCK_HEADING1 : BLOCK_HEADING2, NULL, text);
}

void pdf_paragraph(struct pdf_doc *doc, const char *text)
{
	add_text(doc, BLOCK_PARAGRAPH, NULL, text);
}

void pdf_note(struct pdf_doc *doc, const char *text)
{
	add_text(doc, BLOCK_NOTE, NULL, text);
}

void pdf_labeled(struct pdf_doc *doc, const char *label, const char *text)
{
	add_text(doc, BLOCK_LABELED, label, text);
}

void pdf_bullet(struct pdf_doc *doc, const char *text)
{
	add_text(doc, BLOCK_ITEM, "\xe2\x80\xa2", text); /* U+2022 BULLET */
}

void pdf_list_item(struct pdf_doc *doc, const char *marker, const char *text)
{
	add_text(doc, BLOCK_ITEM, marker, text);
}

void pdf_preformatted(struct pdf_doc *doc, const char *text)
{
	add_text(doc, BLOCK_PRE, NULL, text);
}

void pdf_space(struct pdf_doc *doc, double points)
{
	add_block(doc, BLOCK_SPACE)->points = points > 0 ? points : 0;
}

void pdf_page_break(struct pdf_doc *doc)
{
	add_block(doc, BLOCK_BREAK);
}

struct pdf_table *pdf_table_new(struct pdf_doc *doc, size_t columns,
				const double *widths)
{
	struct pdf_table *t = xcalloc(1, sizeof(*t));
	double sum = 0;

	BUG_ON(columns == 0);
	t->columns = columns;
	t->widths = xcalloc(columns, sizeof(*t->widths));
	t->align = xcalloc(columns, sizeof(*t->align));
	for (size_t c = 0; c < columns; c++) {
		t->widths[c] = widths && widths[c] > 0 ? widths[c] : 1.0;
		sum += t->widths[c];
	}
	for (size_t c = 0; c < columns; c++)
		t->widths[c] /= sum;
	add_block(doc, BLOCK_TABLE)->table = t;
	return t;
}

void pdf_table_align(struct pdf_table *table, size_t column,
		     enum pdf_align align)
{
	BUG_ON(column >= table->columns);
	table->align[column] = align;
}

static void table_add(struct pdf_table *t, const char *const *cells, bool header)
{
	struct table_row *row;

	if (t->count == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 16;
		t->rows = xrealloc(t->rows, t->alloc * sizeof(*t->rows));
	}
	row = &t->rows[t->count++];
	row->header = header;
	row->cells = xcalloc(t->columns, sizeof(char *));
	for (size_t c = 0; c < t->columns; c++)
		row->cells[c] = copy_text(cells[c]);
}

void pdf_table_header(struct pdf_table *table, const char *const *cells)
{
	table_add(table, cells, true);
}

void pdf_table_row(struct pdf_table *table, const char *const *cells)
{
	table_add(table, cells, false);
}

void pdf_drawing(struct pdf_doc *doc, double height, pdf_draw_fn fn,
		 void *ctx, void (*free_ctx)(void *ctx))
{
	struct block *b = add_block(doc, BLOCK_DRAWING);

	BUG_ON(!fn);
	b->points = height > 1 ? height : 1;
	b->draw = fn;
	b->ctx = ctx;
	b->free_ctx = free_ctx;
}

/* ---- layout ---- */

static double to_points(int pango_units)
{
	return (double)pango_units / PANGO_SCALE;
}

static int to_pango(double points)
{
	return (int)(points * PANGO_SCALE);
}

static double bottom(const struct flow *f)
{
	return f->doc->page_height - MARGIN_BOTTOM;
}

static PangoLayout *new_layout(struct flow *f, enum style style, const char *text,
			       double width)
{
	PangoLayout *layout = pango_layout_new(f->pango);

	pango_layout_set_font_description(layout, f->fonts[style]);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	if (width > 0)
		pango_layout_set_width(layout, to_pango(width));
	pango_layout_set_text(layout, text, -1);
	return layout;
}

static void set_grey(cairo_t *cr)
{
	cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
}

static void set_ink(cairo_t *cr)
{
	cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
}

static void set_accent(cairo_t *cr)
{
	cairo_set_source_rgb(cr, 0.05, 0.23, 0.43);
}

/* Draw a one-line text whose baseline is at y, its left, centre or right
 * end at x. */
static void draw_line_at(struct flow *f, enum style style, const char *text,
			 double x, double y, enum pdf_align align)
{
	PangoLayout *layout = new_layout(f, style, text, 0);
	PangoRectangle logical;
	double left = x;

	pango_layout_get_extents(layout, NULL, &logical);
	if (align == PDF_ALIGN_RIGHT)
		left = x - to_points(logical.width);
	else if (align == PDF_ALIGN_CENTER)
		left = x - to_points(logical.width) / 2;
	cairo_move_to(f->cr, left, y - to_points(pango_layout_get_baseline(layout)));
	pango_cairo_show_layout(f->cr, layout);
	g_object_unref(layout);
}

static void draw_page_frame(struct flow *f)
{
	struct pdf_doc *doc = f->doc;
	double footer_y = doc->page_height - FOOTER_BASELINE;
	char number[64];

	set_grey(f->cr);
	cairo_set_line_width(f->cr, 0.5);
	if (doc->header) {
		draw_line_at(f, STYLE_SMALL, doc->header, MARGIN_X, HEADER_BASELINE,
			     PDF_ALIGN_LEFT);
		cairo_move_to(f->cr, MARGIN_X, HEADER_BASELINE + 6);
		cairo_line_to(f->cr, doc->page_width - MARGIN_X, HEADER_BASELINE + 6);
		cairo_stroke(f->cr);
	}
	cairo_move_to(f->cr, MARGIN_X, footer_y - 12);
	cairo_line_to(f->cr, doc->page_width - MARGIN_X, footer_y - 12);
	cairo_stroke(f->cr);
	if (doc->footer)
		draw_line_at(f, STYLE_SMALL, doc->footer, MARGIN_X, footer_y,
			     PDF_ALIGN_LEFT);
	snprintf(number, sizeof(number), TR(doc->lang, "Página %d de %d", "Page %d of %d"),
		 f->page, f->total);
	draw_line_at(f, STYLE_SMALL, number, doc->page_width - MARGIN_X, footer_y,
		     PDF_ALIGN_RIGHT);
	set_ink(f->cr);
}

static void start_page(struct flow *f)
{
	f->y = MARGIN_TOP;
	f->page_empty = true;
	if (f->draw)
		draw_page_frame(f);
}

static void new_page(struct flow *f)
{
	if (f->draw)
		cairo_show_page(f->cr);
	f->page++;
	start_page(f);
}

/* Add vertical space, except at the top of a page. */
static void add_space(struct flow *f, double points)
{
	if (!f->page_empty)
		f->y += points;
}

/*
 * Place the lines of layout with their left edge at x, moving to a new
 * page whenever the next line does not fit. marker, when not NULL, is
 * drawn on the first line's baseline with its right end at marker_right.
 */
static void place_lines(struct flow *f, PangoLayout *layout, double x,
			PangoLayout *marker, double marker_right)
{
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	bool first = true;

	do {
		PangoRectangle logical;
		double height, ascent;

		pango_layout_iter_get_line_extents(it, NULL, &logical);
		height = to_points(logical.height);
		ascent = to_points(pango_layout_iter_get_baseline(it) - logical.y);
		if (!f->page_empty && f->y + height > bottom(f))
			new_page(f);
		if (f->draw) {
			cairo_move_to(f->cr, x + to_points(logical.x), f->y + ascent);
			pango_cairo_show_layout_line(f->cr,
				pango_layout_iter_get_line_readonly(it));
			if (first && marker) {
				PangoRectangle m;

				pango_layout_get_extents(marker, NULL, &m);
				cairo_move_to(f->cr, marker_right - to_points(m.width),
					      f->y + ascent);
				pango_cairo_show_layout_line(f->cr,
					pango_layout_get_line_readonly(marker, 0));
			}
		}
		f->y += height;
		f->page_empty = false;
		first = false;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static double layout_height(PangoLayout *layout)
{
	PangoRectangle logical;

	pango_layout_get_extents(layout, NULL, &logical);
	return to_points(logical.height);
}

static void place_text(struct flow *f, const struct block *b)
{
	double width = pdf_content_width(f->doc);
	PangoLayout *layout, *marker = NULL;
	enum style style = STYLE_BODY;
	double before = 0, after = 6, x = MARGIN_X;

	switch (b->kind) {
	case BLOCK_TITLE:
		style = STYLE_TITLE;
		after = 4;
		break;
	case BLOCK_HEADING1:
		style = STYLE_HEADING1;
		before = 12;
		after = 4;
		break;
	case BLOCK_HEADING2:
		style = STYLE_HEADING2;
		before = 8;
		after = 3;
		break;
	case BLOCK_NOTE:
		style = STYLE_NOTE;
		break;
	case BLOCK_ITEM:
		x += LIST_INDENT;
		width -= LIST_INDENT;
		after = 3;
		break;
	case BLOCK_PRE:
		style = STYLE_MONO;
		break;
	default:
		break;
	}
	add_space(f, before);

	if (b->kind == BLOCK_LABELED) {
		/* One layout with the label's bytes in bold. */
		size_t label_len = strlen(b->label);
		char *joined = xmalloc(label_len + strlen(b->text) + 1);
		PangoAttrList *attrs = pango_attr_list_new();
		PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);

		memcpy(joined, b->label, label_len);
		memcpy(joined + label_len, b->text, strlen(b->text) + 1);
		bold->start_index = 0;
		bold->end_index = (guint)label_len;
		pango_attr_list_insert(attrs, bold);
		layout = new_layout(f, STYLE_BODY, joined, width);
		pango_layout_set_attributes(layout, attrs);
		pango_attr_list_unref(attrs);
		free(joined);
	} else {
		layout = new_layout(f, style, b->text, width);
	}
	if (b->kind == BLOCK_ITEM)
		marker = new_layout(f, STYLE_BODY, b->label, 0);

	/* A heading keeps some room below it for the text it introduces. */
	if ((b->kind == BLOCK_HEADING1 || b->kind == BLOCK_HEADING2) &&
	    !f->page_empty && f->y + layout_height(layout) + HEADING_KEEP > bottom(f))
		new_page(f);

	if (f->draw && (b->kind == BLOCK_TITLE || b->kind == BLOCK_HEADING1 ||
			b->kind == BLOCK_HEADING2))
		set_accent(f->cr);
	else if (f->draw && b->kind == BLOCK_NOTE)
		set_grey(f->cr);
	place_lines(f, layout, x, marker, x - 5);
	if (f->draw)
		set_ink(f->cr);

	if (b->kind == BLOCK_TITLE) {
		/* A rule under the title. */
		f->y += 3;
		if (f->draw) {
			set_accent(f->cr);
			cairo_set_line_width(f->cr, 1.2);
			cairo_move_to(f->cr, MARGIN_X, f->y);
			cairo_line_to(f->cr, MARGIN_X + pdf_content_width(f->doc), f->y);
			cairo_stroke(f->cr);
			set_ink(f->cr);
		}
		after = 10;
	}
	f->y += after;
	g_object_unref(layout);
	if (marker)
		g_object_unref(marker);
}

/* ---- tables ---- */

struct row_layout {
	PangoLayout **cells;
	double height;
};

static void row_layout_build(struct flow *f, const struct pdf_table *t,
			     const struct table_row *row, struct row_layout *out)
{
	double width = pdf_content_width(f->doc);

	out->cells = xcalloc(t->columns, sizeof(*out->cells));
	out->height = 0;
	for (size_t c = 0; c < t->columns; c++) {
		double cell_width = t->widths[c] * width - 2 * CELL_PADDING;
		PangoLayout *layout = new_layout(f, row->header ? STYLE_BOLD : STYLE_BODY,
						 row->cells[c], cell_width > 1 ? cell_width : 1);
		static const PangoAlignment aligns[] = {
			[PDF_ALIGN_LEFT] = PANGO_ALIGN_LEFT,
			[PDF_ALIGN_CENTER] = PANGO_ALIGN_CENTER,
			[PDF_ALIGN_RIGHT] = PANGO_ALIGN_RIGHT,
		};
		double h;

		pango_layout_set_alignment(layout, aligns[t->align[c]]);
		h = layout_height(layout) + 2 * CELL_PADDING;
		if (h > out->height)
			out->height = h;
		out->cells[c] = layout;
	}
}

static void row_layout_free(const struct pdf_table *t, struct row_layout *row)
{
	for (size_t c = 0; c < t->columns; c++)
		g_object_unref(row->cells[c]);
	free(row->cells);
}

static void draw_row(struct flow *f, const struct pdf_table *t,
		     const struct table_row *row, const struct row_layout *rl)
{
	double x = MARGIN_X, width = pdf_content_width(f->doc);

	if (f->draw) {
		if (row->header) {
			cairo_set_source_rgb(f->cr, 0.88, 0.91, 0.95);
			cairo_rectangle(f->cr, MARGIN_X, f->y, width, rl->height);
			cairo_fill(f->cr);
		}
		cairo_set_source_rgb(f->cr, 0.6, 0.6, 0.6);
		cairo_set_line_width(f->cr, 0.5);
		for (size_t c = 0; c < t->columns; c++) {
			double cell_width = t->widths[c] * width;

			cairo_rectangle(f->cr, x, f->y, cell_width, rl->height);
			cairo_stroke(f->cr);
			x += cell_width;
		}
		set_ink(f->cr);
		x = MARGIN_X;
		for (size_t c = 0; c < t->columns; c++) {
			cairo_move_to(f->cr, x + CELL_PADDING, f->y + CELL_PADDING);
			pango_cairo_show_layout(f->cr, rl->cells[c]);
			x += t->widths[c] * width;
		}
	}
	f->y += rl->height;
	f->page_empty = false;
}

/*
 * Place a table row by row. A row that does not fit starts a new page,
 * where the header rows that precede the first body row are repeated.
 * NOTE: a single row taller than a page is drawn past the bottom margin.
 */
static void place_table(struct flow *f, const struct pdf_table *t)
{
	struct row_layout *rows = xcalloc(t->count ? t->count : 1, sizeof(*rows));
	size_t leading_headers = 0;

	while (leading_headers < t->count && t->rows[leading_headers].header)
		leading_headers++;
	for (size_t i = 0; i < t->count; i++)
		row_layout_build(f, t, &t->rows[i], &rows[i]);

	add_space(f, 4);
	for (size_t i = 0; i < t->count; i++) {
		double need = rows[i].height;

		/* Keep the header rows with the first body row. */
		if (i == 0)
			for (size_t h = 0; h <= leading_headers && h < t->count; h++)
				need += h ? rows[h].height : 0;
		if (!f->page_empty && f->y + need > bottom(f)) {
			new_page(f);
			if (i >= leading_headers)
				for (size_t h = 0; h < leading_headers; h++)
					draw_row(f, t, &t->rows[h], &rows[h]);
		}
		draw_row(f, t, &t->rows[i], &rows[i]);
	}
	f->y += 10;
	for (size_t i = 0; i < t->count; i++)
		row_layout_free(t, &rows[i]);
	free(rows);
}

static void place_drawing(struct flow *f, const struct block *b)
{
	double width = pdf_content_width(f->doc);
	double height = b->points;

	if (height > pdf_content_height(f->doc))
		height = pdf_content_height(f->doc);
	add_space(f, 4);
	if (!f->page_empty && f->y + height > bottom(f))
		new_page(f);
	if (f->draw) {
		cairo_save(f->cr);
		cairo_translate(f->cr, MARGIN_X, f->y);
		cairo_rectangle(f->cr, 0, 0, width, height);
		cairo_clip(f->cr);
		cairo_new_path(f->cr);
		set_ink(f->cr);
		b->draw(f->cr, width, height, b->ctx);
		cairo_restore(f->cr);
		set_ink(f->cr);
	}
	f->y += height + 10;
	f->page_empty = false;
}

double pdf_draw_text(cairo_t *cr, double x, double y, const char *text,
		     double size, bool bold, enum pdf_align align)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *font = pango_font_description_from_string(FONT_FAMILY);
	PangoRectangle logical;
	char *clean = copy_text(text);
	double left = x, width;

	pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72);
	pango_layout_context_changed(layout);
	pango_font_description_set_size(font, to_pango(size));
	if (bold)
		pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(layout, font);
	pango_layout_set_text(layout, clean, -1);
	pango_layout_get_extents(layout, NULL, &logical);
	width = to_points(logical.width);
	if (align == PDF_ALIGN_RIGHT)
		left = x - width;
	else if (align == PDF_ALIGN_CENTER)
		left = x - width / 2;
	cairo_move_to(cr, left, y - to_points(pango_layout_get_baseline(layout)));
	pango_cairo_show_layout(cr, layout);
	pango_font_description_free(font);
	g_object_unref(layout);
	free(clean);
	return width;
}

/* ---- passes and output ---- */

static void run_pass(struct flow *f)
{
	f->page = 1;
	start_page(f);
	for (size_t i = 0; i < f->doc->count; i++) {
		const struct block *b = &f->doc->blocks[i];

		switch (b->kind) {
		case BLOCK_SPACE:
			add_space(f, b->points);
			break;
		case BLOCK_BREAK:
			if (!f->page_empty)
				new_page(f);
			break;
		case BLOCK_TABLE:
			place_table(f, b->table);
			break;
		case BLOCK_DRAWING:
			place_drawing(f, b);
			break;
		default:
			place_text(f, b);
			break;
		}
	}
	if (f->draw)
		cairo_show_page(f->cr);
}

static cairo_status_t write_buffer(void *closure, const unsigned char *data,
				   unsigned int length)
{
	strbuf_add(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t write_nothing(void *closure, const unsigned char *data,
				    unsigned int length)
{
	(void)closure;
	(void)data;
	(void)length;
	return CAIRO_STATUS_SUCCESS;
}

/* Run one pass on a new PDF surface that writes to out (NULL: nowhere). */
static int render_pass(struct pdf_doc *doc, struct strbuf *out, int total,
		       int *pages, struct error *err)
{
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(
		out ? write_buffer : write_nothing, out, doc->page_width,
		doc->page_height);
	struct flow f = { .doc = doc, .draw = out != NULL, .total = total };
	cairo_status_t status;
	char created[21];

	clock_format_utc(clock_now(), created);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc->title);
	if (doc->author)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR,
					       doc->author);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "linea311");
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
	f.cr = cairo_create(surface);
	f.pango = pango_cairo_create_context(f.cr);
	pango_cairo_context_set_resolution(f.pango, 72);
	for (int i = 0; i < STYLE_COUNT; i++)
		f.fonts[i] = pango_font_description_from_string(style_fonts[i]);
	set_ink(f.cr);

	run_pass(&f);
	*pages = f.page;

	for (int i = 0; i < STYLE_COUNT; i++)
		pango_font_description_free(f.fonts[i]);
	g_object_unref(f.pango);
	status = cairo_status(f.cr);
	cairo_destroy(f.cr);
	cairo_surface_finish(surface);
	if (status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS)
		return error_set(err, RC_INTERNAL, "pdf_failed", NULL,
				 "No se pudo generar el PDF: %s.",
				 "Could not produce the PDF: %s.",
				 cairo_status_to_string(status));
	return RC_OK;
}

int pdf_render(struct pdf_doc *doc, char **data, size_t *len, struct error *err)
{
	struct strbuf out = STRBUF_INIT;
	int pages, rc;
	rc = render_pass(doc, NULL, 0, &pages, err);
	if (!rc)
		rc = render_pass(doc, &out, pages, &doc->pages, err);
	if (rc) {
		strbuf_release(&out);
		return rc;
	}
	/* Both passes lay out with the same metrics, so they agree. */
	BUG_ON(doc->pages != pages);
	*data = strbuf_detach(&out, len);
	return RC_OK;
}

int pdf_page_count(const struct pdf_doc *doc)
{
	return doc->pages;
}
