/* test_outbox_pdf.c - the PDF builder: pages, tables, text with accents. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "render/pdf.h"

/* Write the PDF to a temporary file and return its text as pdftotext
 * (poppler-utils) extracts it, layout order kept. */
static char *pdf_text(const char *data, size_t len)
{
	char path[] = "/tmp/linea311-test-pdf-XXXXXX";
	char command[128], chunk[4096];
	size_t total = 0, n;
	char *text = xcalloc(1, 1);
	FILE *out;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	snprintf(command, sizeof(command), "pdftotext -enc UTF-8 -layout %s -", path);
	out = popen(command, "r");
	assert_non_null(out);
	while ((n = fread(chunk, 1, sizeof(chunk), out)) > 0) {
		text = xrealloc(text, total + n + 1);
		memcpy(text + total, chunk, n);
		total += n;
		text[total] = '\0';
	}
	assert_int_equal(pclose(out), 0);
	unlink(path);
	return text;
}

static int draw_calls;

static void draw_bars(cairo_t *cr, double width, double height, void *ctx)
{
	(void)ctx;
	draw_calls++;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.2, 0.4, 0.7);
	cairo_rectangle(cr, 10, height - 60, width / 4, 50);
	cairo_fill(cr);
	cairo_restore(cr);
	pdf_draw_text(cr, width / 2, 20, "Gráfica de llamadas", 10, true,
		      PDF_ALIGN_CENTER);
}

static void free_counter(void *ctx)
{
	(*(int *)ctx)++;
}

static void pdf_single_page(void **state)
{
	struct pdf_doc *doc = pdf_new(&(struct pdf_options){
		.title = "Prueba", .footer = "Tu Línea 3-1-1", .lang = LANG_ES });
	struct error err = { 0 };
	char *data, *text;
	size_t len;

	(void)state;
	pdf_title(doc, "Servicio de Mayagüez");
	pdf_heading(doc, 1, "Descripción del Servicio");
	pdf_paragraph(doc, "Peñuelas, año, acción: texto con acentos y eñe.");
	pdf_labeled(doc, "Teléfono: ", "(787) 555-0100");
	pdf_bullet(doc, "Primer requisito");
	pdf_list_item(doc, "2.", "Segundo requisito");
	pdf_note(doc, "Nota al pie");
	assert_int_equal(pdf_render(doc, &data, &len, &err), RC_OK);
	assert_true(len > 1000);
	assert_memory_equal(data, "%PDF-", 5);
	assert_int_equal(pdf_page_count(doc), 1);

	text = pdf_text(data, len);
	assert_non_null(strstr(text, "Servicio de Mayagüez"));
	assert_non_null(strstr(text, "Descripción del Servicio"));
	assert_non_null(strstr(text, "Peñuelas, año, acción"));
	assert_non_null(strstr(text, "Teléfono: (787) 555-0100"));
	assert_non_null(strstr(text, "Segundo requisito"));
	assert_non_null(strstr(text, "Página 1 de 1"));
	assert_non_null(strstr(text, "Tu Línea 3-1-1"));
	free(text);
	free(data);
	pdf_free(doc);
}

static void pdf_long_table_pages(void **state)
{
	struct pdf_doc *doc = pdf_new(&(struct pdf_options){
		.title = "Report", .header = "Agency report", .lang = LANG_EN });
	struct pdf_table *table;
	struct error err = { 0 };
	char *data, *text, *second_page;
	size_t len;
	int freed = 0;

	(void)state;
	draw_calls = 0;
	pdf_title(doc, "Cases by status");
	table = pdf_table_new(doc, 3, (const double[]){ 3, 1, 1 });
	pdf_table_align(table, 1, PDF_ALIGN_RIGHT);
	pdf_table_header(table, (const char *[]){ "Agency", "Open", "Closed" });
	for (int i = 0; i < 120; i++) {
		char name[32], open[16];

		snprintf(name, sizeof(name), "Agency number %d", i);
		snprintf(open, sizeof(open), "%d", i * 3);
		pdf_table_row(table, (const char *[]){ name, open, NULL });
	}
	pdf_drawing(doc, 220, draw_bars, &freed, free_counter);
	pdf_page_break(doc);
	pdf_paragraph(doc, "Last page.");
	assert_int_equal(pdf_render(doc, &data, &len, &err), RC_OK);
	assert_true(pdf_page_count(doc) >= 4);
	assert_int_equal(draw_calls, 1);

	text = pdf_text(data, len);
	assert_non_null(strstr(text, "Agency number 119"));
	assert_non_null(strstr(text, "Gráfica de llamadas"));
	assert_non_null(strstr(text, "Page 1 of"));
	assert_non_null(strstr(text, "Agency report"));
	/* The header row is repeated on the second page of the table. */
	second_page = strchr(text, '\f');
	assert_non_null(second_page);
	assert_non_null(strstr(second_page, "Agency"));
	assert_non_null(strstr(second_page, "Closed"));
	free(text);
	free(data);
	pdf_free(doc);
	assert_int_equal(freed, 1);
}

static void pdf_long_paragraph_splits(void **state)
{
	struct pdf_doc *doc = pdf_new(&(struct pdf_options){ .title = "Largo" });
	struct strbuf long_text = STRBUF_INIT;
	struct error err = { 0 };
	char *data, *text;
	size_t len;

	(void)state;
	for (int i = 0; i < 400; i++)
		strbuf_addf(&long_text, "Oración número %d del párrafo largo. ", i);
	pdf_paragraph(doc, strbuf_str(&long_text));
	assert_int_equal(pdf_render(doc, &data, &len, &err), RC_OK);
	assert_true(pdf_page_count(doc) >= 2);
	text = pdf_text(data, len);
	assert_non_null(strstr(text, "Oración número 399"));
	assert_non_null(strstr(text, "Página 2 de"));
	free(text);
	free(data);
	pdf_free(doc);
	strbuf_release(&long_text);
}

static void pdf_invalid_utf8_replaced(void **state)
{
	struct pdf_doc *doc = pdf_new(&(struct pdf_options){ .title = "x" });
	struct error err = { 0 };
	char *data, *text;
	size_t len;

	(void)state;
	pdf_paragraph(doc, "antes \xff\xfe despu\xc3\xa9s");
	assert_int_equal(pdf_render(doc, &data, &len, &err), RC_OK);
	text = pdf_text(data, len);
	assert_non_null(strstr(text, "antes ?? después"));
	free(text);
	free(data);
	pdf_free(doc);
}

static void pdf_empty_document_one_page(void **state)
{
	struct pdf_doc *doc = pdf_new(&(struct pdf_options){ .title = "vacío" });
	struct error err = { 0 };
	char *data;
	size_t len;

	(void)state;
	pdf_page_break(doc);
	assert_int_equal(pdf_render(doc, &data, &len, &err), RC_OK);
	assert_int_equal(pdf_page_count(doc), 1);
	free(data);
	pdf_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pdf_single_page),
		cmocka_unit_test(pdf_long_table_pages),
		cmocka_unit_test(pdf_long_paragraph_splits),
		cmocka_unit_test(pdf_invalid_utf8_replaced),
		cmocka_unit_test(pdf_empty_document_one_page),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	return failed;
}
