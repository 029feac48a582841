/*
 * pdf.h - a small PDF document builder over cairo and pango.
 *
 * Build a document by appending blocks in reading order (title, headings,
 * paragraphs, list items, tables, drawings, page breaks), then call
 * pdf_render once to lay them out on pages and get the PDF bytes. Layout
 * runs only in pdf_render, in two passes over the same cairo PDF metrics,
 * so that the footer can print "Página 2 de 5" / "Page 2 of 5".
 *
 *	struct pdf_doc *doc = pdf_new(&(struct pdf_options){
 *		.title = "Informe", .lang = LANG_ES });
 *	pdf_title(doc, "Informe de la agencia");
 *	pdf_heading(doc, 1, "Casos");
 *	pdf_paragraph(doc, "Texto con acentos: año, Mayagüez.");
 *	struct pdf_table *t = pdf_table_new(doc, 2, NULL);
 *	pdf_table_header(t, (const char *[]){ "Estado", "Casos" });
 *	pdf_table_row(t, (const char *[]){ "nuevo", "12" });
 *	pdf_drawing(doc, 200, draw_chart, chart, free_chart);
 *	rc = pdf_render(doc, &bytes, &len, &err);
 *	pdf_free(doc);
 *
 * Text is UTF-8 and is drawn as plain text: Pango markup is not parsed,
 * so user input needs no escaping. Bytes that are not valid UTF-8 are
 * replaced by '?'. Every function copies the strings it is given. Pages
 * are US Letter (or A4) with the fonts "DejaVu Sans" and, for
 * pdf_preformatted, "DejaVu Sans Mono", which fontconfig replaces by the
 * closest installed family when they are missing.
 *
 * Threads: a document belongs to one thread at a time; different threads
 * may build and render different documents at once.
 */
#ifndef LINEA311_RENDER_PDF_H
#define LINEA311_RENDER_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "core/error.h"

struct pdf_doc;
struct pdf_table;

struct pdf_options {
	const char *title;  /* document metadata; required */
	const char *author; /* document metadata; NULL for none */
	const char *header; /* small text at the top of every page; NULL: none */
	const char *footer; /* small text at the bottom left; NULL: none */
	enum lang lang;     /* language of the page numbers */
	bool a4;            /* A4 (595 x 842 pt) instead of US Letter (612 x 792) */
};

enum pdf_align { PDF_ALIGN_LEFT = 0, PDF_ALIGN_CENTER, PDF_ALIGN_RIGHT };

/* Start an empty document. */
struct pdf_doc *pdf_new(const struct pdf_options *options);

/* Free a document, its tables, and the contexts of its drawings. */
void pdf_free(struct pdf_doc *doc);

/* Width and height in points of the text area of a page (inside the
 * margins), for sizing drawings. */
double pdf_content_width(const struct pdf_doc *doc);
double pdf_content_height(const struct pdf_doc *doc);

/* ---- text blocks ---- */

/* The document's title: large bold text. */
void pdf_title(struct pdf_doc *doc, const char *text);

/* A section heading, level 1 or 2. It starts a new page when less than
 * about three lines of body text would fit below it. */
void pdf_heading(struct pdf_doc *doc, int level, const char *text);

/* A paragraph, wrapped to the text width, where "\n" starts a new line.
 * A paragraph longer than the space left continues on the next page. */
void pdf_paragraph(struct pdf_doc *doc, const char *text);

/* A paragraph in smaller grey text, for notes and sources. */
void pdf_note(struct pdf_doc *doc, const char *text);

/* A paragraph that starts with label in bold ("Teléfono: "). The label
 * is printed as given, so it carries its own separator. */
void pdf_labeled(struct pdf_doc *doc, const char *label, const char *text);

/* An item of a bulleted list ("•"). Consecutive items form one list. */
void pdf_bullet(struct pdf_doc *doc, const char *text);

/* A list item with its own marker, such as "1." or "a)", hanging in the
 * list's left margin. */
void pdf_list_item(struct pdf_doc *doc, const char *marker, const char *text);

/* Text in a fixed-width font, with lines kept as given (long lines wrap). */
void pdf_preformatted(struct pdf_doc *doc, const char *text);

/* Vertical space of points, dropped at the top of a page. */
void pdf_space(struct pdf_doc *doc, double points);

/* Continue on a new page (no effect at the top of an empty page). */
void pdf_page_break(struct pdf_doc *doc);

/* ---- tables ---- */

/*
 * Append a table of columns columns. widths gives each column's share of
 * the text width (any positive numbers, scaled to fill the width), or
 * NULL for equal columns. The table belongs to doc, and rows are added
 * to it before pdf_render. A row never splits across pages, and the
 * header rows are repeated at the top of each page the table continues
 * on.
 */
struct pdf_table *pdf_table_new(struct pdf_doc *doc, size_t columns,
				const double *widths);

/* Align column (from 0) of every row. Columns are left-aligned by
 * default. */
void pdf_table_align(struct pdf_table *table, size_t column,
		     enum pdf_align align);

/* Add a header row (bold on grey). cells is an array of one string per
 * column, NULL for an empty cell. */
void pdf_table_header(struct pdf_table *table, const char *const *cells);

/* Add a body row the same way. */
void pdf_table_row(struct pdf_table *table, const char *const *cells);

/* ---- drawings (charts) ---- */

/*
 * Draw a width x height box with cairo, width being the text width.
 * fn is called once, while the final pass renders the page. cr is then
 * translated so that (0, 0) is the top left of the box, and clipped to
 * the box. fn must leave cr's state as it found it (cairo_save and
 * cairo_restore).
 * A box that does not fit in the space left on a page starts a new page;
 * height is cut to the page's text height. free_ctx (may be NULL) is
 * called on ctx by pdf_free.
 */
typedef void (*pdf_draw_fn)(cairo_t *cr, double width, double height,
			    void *ctx);
void pdf_drawing(struct pdf_doc *doc, double height, pdf_draw_fn fn,
		 void *ctx, void (*free_ctx)(void *ctx));

/*
 * Draw text for a chart label inside a pdf_draw_fn, in the document's
 * font at size points, in the current cairo source colour. (x, y) is the
 * left, centre or right end of the text's baseline, as align selects.
 * Returns the width of the text in points.
 */
double pdf_draw_text(cairo_t *cr, double x, double y, const char *text,
		     double size, bool bold, enum pdf_align align);

/* ---- output ---- */

/*
 * Lay the blocks out and return the PDF in *data (a NUL-terminated
 * buffer of *len bytes besides the NUL, freed by the caller). The
 * document may be rendered again. RC_INTERNAL when cairo fails.
 */
int pdf_render(struct pdf_doc *doc, char **data, size_t *len,
	       struct error *err);

/* Return the number of pages of the last pdf_render (0 before it). */
int pdf_page_count(const struct pdf_doc *doc);

#endif
