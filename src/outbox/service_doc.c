/*
 * service_doc.c - a service as text, HTML and PDF (see service_doc.h).
 *
 * One walk over the template (walk_service) calls the functions of a
 * struct doc_writer, so the three formats list the same sections in the
 * same order and differ only in how each piece is written.
 */
#include "core/common.h"
#include "domain/civil_time.h"
#include "domain/template.h"
#include "outbox/service_doc.h"
#include "outbox/templates.h"
#include "render/pdf.h"

struct doc_writer {
	void (*title)(void *ctx, const char *text, const char *subtitle);
	void (*heading)(void *ctx, const char *text);
	void (*paragraph)(void *ctx, const char *text);
	/* marker NULL: a bullet */
	void (*item)(void *ctx, const char *marker, const char *text);
	void (*labeled)(void *ctx, const char *label, const char *text);
	/* url NULL: a document named but not linked */
	void (*link)(void *ctx, const char *title, const char *url);
	void (*note)(void *ctx, const char *text);
	void *ctx;
};

/* Return text[lang] of a {"es", "en"} pair, else text.es; NULL when both
 * are missing. *fallback is set when Spanish replaced English. */
static const char *pick(json_t *pair, enum lang lang, bool *fallback)
{
	const char *es = json_string_value(json_object_get(pair, "es"));
	const char *en = json_string_value(json_object_get(pair, "en"));

	if (lang == LANG_EN && en && *en)
		return en;
	if (lang == LANG_EN && es && *es && fallback)
		*fallback = true;
	return es && *es ? es : NULL;
}

const char *service_doc_name(json_t *service, enum lang lang)
{
	const char *name = pick(json_object_get(service, "name"), lang, NULL);

	return name ? name : "";
}

const char *service_doc_agency(json_t *service, enum lang lang)
{
	const char *name = pick(json_object_get(json_object_get(service, "agency"), "name"),
				lang, NULL);

	return name ? name : "";
}

/* Return the length of a numbered-item marker ("1." or "12)") at the
 * start of line followed by a space, or 0. */
static size_t number_marker(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && i < 3 && line[i] >= '0' && line[i] <= '9')
		i++;
	if (i == 0 || i + 1 >= len || (line[i] != '.' && line[i] != ')') || line[i + 1] != ' ')
		return 0;
	return i + 1;
}

/* Write section text: one paragraph or list item per line. */
static void walk_text(const struct doc_writer *w, const char *text)
{
	const char *p = text;

	while (*p) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		size_t marker = number_marker(line, len);
		char *start = line;

		while (*start == ' ' || *start == '\t')
			start++;
		if (!*start) {
			/* blank line: nothing to write */
		} else if (!strncmp(start, "- ", 2)) {
			w->item(w->ctx, NULL, start + 2);
		} else if (marker) {
			char number[8];

			snprintf(number, sizeof(number), "%.*s", (int)marker, line);
			w->item(w->ctx, number, line + marker + 1);
		} else {
			w->paragraph(w->ctx, start);
		}
		free(line);
		p += len;
		if (*p == '\n')
			p++;
	}
}

/* Write the "location" object as labelled lines; false when it is empty. */
static bool walk_location(const struct doc_writer *w, json_t *location, enum lang lang)
{
	static const struct { const char *key, *es, *en; } fields[] = {
		{ "place", "Lugar: ", "Place: " },
		{ "directory", "Directorio: ", "Directory: " },
		{ "hours", "Horario: ", "Hours: " },
		{ "contact", "Contacto: ", "Contact: " },
		{ "phone", "Teléfono: ", "Phone: " },
		{ "fax", "Fax: ", "Fax: " },
		{ "email", "Correo electrónico: ", "Email: " },
	};
	bool any = false;

	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		const char *value = json_string_value(json_object_get(location, fields[i].key));

		if (value && *value) {
			w->labeled(w->ctx, TR(lang, fields[i].es, fields[i].en), value);
			any = true;
		}
	}
	return any;
}

static bool section_has_content(json_t *tmpl, const struct template_section *s,
				enum lang lang, bool *fallback)
{
	json_t *value = json_object_get(tmpl, s->key);

	if (s->id == TEMPLATE_LOCATION_HOURS) {
		json_t *location = json_object_get(tmpl, "location");
		const char *key;
		json_t *v;

		json_object_foreach(location, key, v)
			if (json_string_length(v))
				return true;
	}
	if (s->kind == TEMPLATE_KIND_TEXT)
		return pick(value, lang, fallback) != NULL;
	return json_array_size(value) > 0;
}

static void walk_faq(const struct doc_writer *w, json_t *faq, enum lang lang)
{
	size_t i;
	json_t *pair;

	json_array_foreach(faq, i, pair) {
		const char *question = pick(json_object_get(pair, "question"), lang, NULL);
		const char *answer = pick(json_object_get(pair, "answer"), lang, NULL);

		if (question)
			w->labeled(w->ctx, question, "");
		if (answer)
			walk_text(w, answer);
	}
}

static void walk_links(const struct doc_writer *w, json_t *links, enum lang lang)
{
	size_t i;
	json_t *link;

	json_array_foreach(links, i, link) {
		const char *title = pick(json_object_get(link, "title"), lang, NULL);
		const char *url = json_string_value(json_object_get(link, "url"));

		if (title || url)
			w->link(w->ctx, title ? title : url, url);
	}
}

static void walk_social(const struct doc_writer *w, json_t *accounts)
{
	size_t i;
	json_t *a;

	json_array_foreach(accounts, i, a) {
		const char *network = json_string_value(json_object_get(a, "network"));
		const char *account = json_string_value(json_object_get(a, "account"));
		const char *url = json_string_value(json_object_get(a, "url"));
		char label[320];

		snprintf(label, sizeof(label), "%s: %s", network ? network : "",
			 account ? account : "");
		w->link(w->ctx, label, url);
	}
}

static void walk_service(const struct doc_writer *w, json_t *service, enum lang lang)
{
	json_t *tmpl = json_object_get(service, "template");
	const char *reviewed = json_string_value(json_object_get(service, "last_reviewed_at"));
	const char *disclaimer;
	bool fallback = false;

	w->title(w->ctx, service_doc_name(service, lang), service_doc_agency(service, lang));
	for (size_t i = 0; i < TEMPLATE_SECTION_COUNT; i++)
		section_has_content(tmpl, &template_sections[i], lang, &fallback);
	if (fallback || (lang == LANG_EN && !json_string_length(
				json_object_get(json_object_get(service, "name"), "en"))))
		w->note(w->ctx, TR(lang, "Parte de esta información solo está disponible en español.",
				   "Some parts of this information are available in Spanish only."));

	for (size_t i = 0; i < TEMPLATE_SECTION_COUNT; i++) {
		const struct template_section *s = &template_sections[i];
		json_t *value = json_object_get(tmpl, s->key);

		if (!section_has_content(tmpl, s, lang, NULL))
			continue;
		w->heading(w->ctx, TR(lang, s->title_es, s->title_en));
		switch (s->kind) {
		case TEMPLATE_KIND_TEXT:
			if (s->id == TEMPLATE_LOCATION_HOURS &&
			    walk_location(w, json_object_get(tmpl, "location"), lang))
				break;
			walk_text(w, pick(value, lang, NULL));
			break;
		case TEMPLATE_KIND_FAQ:
			walk_faq(w, value, lang);
			break;
		case TEMPLATE_KIND_LINKS:
			walk_links(w, value, lang);
			break;
		case TEMPLATE_KIND_SOCIAL:
			walk_social(w, value);
			break;
		}
	}
	disclaimer = pick(json_object_get(tmpl, "disclaimer"), lang, NULL);
	if (disclaimer)
		w->note(w->ctx, disclaimer);
	if (reviewed && strlen(reviewed) >= 10) {
		char note[120];

		snprintf(note, sizeof(note), TR(lang, "Información revisada el %.10s.",
						"Information reviewed on %.10s."), reviewed);
		w->note(w->ctx, note);
	}
}

/* ---- plain text ---- */

#define TITLE_RULE_MAX 60

static size_t utf8_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Underline text, at most TITLE_RULE_MAX characters long. */
static void underline(struct strbuf *out, const char *text, char c)
{
	size_t width = utf8_width(text);

	for (size_t i = width < TITLE_RULE_MAX ? width : TITLE_RULE_MAX; i > 0; i--)
		strbuf_addch(out, c);
	strbuf_addch(out, '\n');
}

static void text_title(void *ctx, const char *text, const char *subtitle)
{
	strbuf_addf(ctx, "%s\n%s\n", text, subtitle);
	underline(ctx, strlen(text) > strlen(subtitle) ? text : subtitle, '=');
}

static void text_heading(void *ctx, const char *text)
{
	strbuf_addf(ctx, "\n%s\n", text);
	underline(ctx, text, '-');
}

static void text_paragraph(void *ctx, const char *text)
{
	strbuf_addf(ctx, "%s\n", text);
}

static void text_item(void *ctx, const char *marker, const char *text)
{
	strbuf_addf(ctx, "  %s %s\n", marker ? marker : "\xe2\x80\xa2", text);
}

static void text_labeled(void *ctx, const char *label, const char *text)
{
	strbuf_addf(ctx, "%s%s\n", label, text);
}

static void text_link(void *ctx, const char *title, const char *url)
{
	if (url && strcmp(title, url))
		strbuf_addf(ctx, "  \xe2\x80\xa2 %s: %s\n", title, url);
	else
		strbuf_addf(ctx, "  \xe2\x80\xa2 %s\n", title);
}

static void text_note(void *ctx, const char *text)
{
	strbuf_addf(ctx, "\n(%s)\n", text);
}

void service_doc_text(json_t *service, enum lang lang, struct strbuf *out)
{
	const struct doc_writer w = {
		text_title, text_heading, text_paragraph, text_item,
		text_labeled, text_link, text_note, out,
	};

	walk_service(&w, service, lang);
}

/* ---- HTML ---- */

struct html_ctx {
	struct strbuf *out;
	bool in_list;
};

static void html_end_list(struct html_ctx *h)
{
	if (h->in_list) {
		strbuf_adds(h->out, "</ul>\n");
		h->in_list = false;
	}
}

static void html_element(struct html_ctx *h, const char *open, const char *text,
			 const char *close)
{
	html_end_list(h);
	strbuf_adds(h->out, open);
	outbox_html_escape(h->out, text);
	strbuf_adds(h->out, close);
}

static void html_title(void *ctx, const char *text, const char *subtitle)
{
	html_element(ctx, "<h2 style=\"color:#0d3b6e\">", text, "</h2>\n");
	html_element(ctx, "<p><em>", subtitle, "</em></p>\n");
}

static void html_heading(void *ctx, const char *text)
{
	html_element(ctx, "<h3 style=\"color:#0d3b6e\">", text, "</h3>\n");
}

static void html_paragraph(void *ctx, const char *text)
{
	html_element(ctx, "<p>", text, "</p>\n");
}

static void html_item(void *ctx, const char *marker, const char *text)
{
	struct html_ctx *h = ctx;

	if (marker) {
		html_end_list(h);
		strbuf_adds(h->out, "<p style=\"margin-left:1.5em\">");
		outbox_html_escape(h->out, marker);
		strbuf_adds(h->out, " ");
		outbox_html_escape(h->out, text);
		strbuf_adds(h->out, "</p>\n");
		return;
	}
	if (!h->in_list) {
		strbuf_adds(h->out, "<ul>\n");
		h->in_list = true;
	}
	strbuf_adds(h->out, "<li>");
	outbox_html_escape(h->out, text);
	strbuf_adds(h->out, "</li>\n");
}

static void html_labeled(void *ctx, const char *label, const char *text)
{
	struct html_ctx *h = ctx;

	html_end_list(h);
	strbuf_adds(h->out, "<p><strong>");
	outbox_html_escape(h->out, label);
	strbuf_adds(h->out, "</strong>");
	outbox_html_escape(h->out, text);
	strbuf_adds(h->out, "</p>\n");
}

static void html_link(void *ctx, const char *title, const char *url)
{
	struct html_ctx *h = ctx;

	if (!h->in_list) {
		strbuf_adds(h->out, "<ul>\n");
		h->in_list = true;
	}
	strbuf_adds(h->out, "<li>");
	if (url) {
		strbuf_adds(h->out, "<a href=\"");
		outbox_html_escape(h->out, url);
		strbuf_adds(h->out, "\">");
		outbox_html_escape(h->out, title);
		strbuf_adds(h->out, "</a>");
	} else {
		outbox_html_escape(h->out, title);
	}
	strbuf_adds(h->out, "</li>\n");
}

static void html_note(void *ctx, const char *text)
{
	html_element(ctx, "<p style=\"color:#555\"><small>", text, "</small></p>\n");
}

void service_doc_html(json_t *service, enum lang lang, struct strbuf *out)
{
	struct html_ctx h = { out, false };
	const struct doc_writer w = {
		html_title, html_heading, html_paragraph, html_item,
		html_labeled, html_link, html_note, &h,
	};

	strbuf_adds(out, "<div>\n");
	walk_service(&w, service, lang);
	html_end_list(&h);
	strbuf_adds(out, "</div>\n");
}

/* ---- PDF ---- */

static void pdf_w_title(void *ctx, const char *text, const char *subtitle)
{
	pdf_title(ctx, text);
	pdf_paragraph(ctx, subtitle);
}

static void pdf_w_heading(void *ctx, const char *text)
{
	pdf_heading(ctx, 1, text);
}

static void pdf_w_paragraph(void *ctx, const char *text)
{
	pdf_paragraph(ctx, text);
}

static void pdf_w_item(void *ctx, const char *marker, const char *text)
{
	if (marker)
		pdf_list_item(ctx, marker, text);
	else
		pdf_bullet(ctx, text);
}

static void pdf_w_labeled(void *ctx, const char *label, const char *text)
{
	pdf_labeled(ctx, label, text);
}

static void pdf_w_link(void *ctx, const char *title, const char *url)
{
	char line[2600];

	if (url && strcmp(title, url))
		snprintf(line, sizeof(line), "%s: %s", title, url);
	else
		snprintf(line, sizeof(line), "%s", title);
	pdf_bullet(ctx, line);
}

static void pdf_w_note(void *ctx, const char *text)
{
	pdf_note(ctx, text);
}

int service_doc_pdf(json_t *service, enum lang lang, time_t sent_at,
		    char **data, size_t *len, struct error *err)
{
	char date[CIVIL_DATE_LEN], footer[160];
	struct pdf_doc *doc;
	int rc;

	civil_date_format(civil_local_date(sent_at), date);
	snprintf(footer, sizeof(footer),
		 TR(lang, "Enviado el %s. Para más ayuda, llame al 3-1-1.",
		    "Sent on %s. For more help, call 3-1-1."), date);
	doc = pdf_new(&(struct pdf_options){
		.title = service_doc_name(service, lang),
		.author = "Tu Línea de Servicios de Gobierno 3-1-1",
		.header = "Tu Línea de Servicios de Gobierno 3-1-1",
		.footer = footer,
		.lang = lang,
	});
	{
		const struct doc_writer w = {
			pdf_w_title, pdf_w_heading, pdf_w_paragraph, pdf_w_item,
			pdf_w_labeled, pdf_w_link, pdf_w_note, doc,
		};

		walk_service(&w, service, lang);
	}
	rc = pdf_render(doc, data, len, err);
	pdf_free(doc);
	return rc;
}
