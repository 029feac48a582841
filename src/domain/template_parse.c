/* template_parse.c - template text to service document (see template_parse.h). */
#include "core/common.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "domain/template.h"
#include "core/utf8.h"
#include "domain/template_parse.h"
#include "domain/validate.h"

#include <ctype.h>
#include <strings.h>

/*
 * Cap of every output buffer. An output string is at most three times the
 * input: the longest growth is a one-byte continuation line joined to the
 * contact field with " — " (five bytes). Reaching the cap is a bug.
 */
#define OUTPUT_MAX (4 * (size_t)TEMPLATE_PARSE_MAX_BYTES)

/* A heading is short. Longer lines are body text. */
#define HEADING_MAX_BYTES 120

/* ------------------------------------------------------------------ */
/* Buffers and UTF-8                                                   */
/* ------------------------------------------------------------------ */

static void out_add(struct strbuf *sb, const char *s, size_t len)
{
	BUG_ON(strbuf_add(sb, s, len) != 0);
}

static void out_adds(struct strbuf *sb, const char *s)
{
	out_add(sb, s, strlen(s));
}

/* Decode the code point at s, which is valid UTF-8 (checked on entry). */
static uint32_t utf8_decode(const char *s, size_t *advance)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] < 0x80) {
		*advance = 1;
		return p[0];
	}
	if (p[0] < 0xE0) {
		*advance = 2;
		return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (p[0] < 0xF0) {
		*advance = 3;
		return ((uint32_t)(p[0] & 0x0F) << 12) |
		       ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	}
	*advance = 4;
	return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
	       ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Characters that count as a space: controls, no-break and typographic
 * spaces. */
static bool is_space_cp(uint32_t cp)
{
	return cp <= 0x20 || cp == 0x7F || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Invisible characters that are dropped: zero-width spaces and joiners,
 * word joiner, and a byte-order mark inside the text. */
static bool is_invisible_cp(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

/*
 * Copy s[0..len) to a new string with every run of spaces turned into one
 * ' ', invisible characters dropped and both ends trimmed.
 */
static char *collapse_spaces(const char *s, size_t len, size_t *out_len)
{
	struct strbuf sb;
	size_t i = 0;
	bool pending_space = false;

	strbuf_init(&sb, OUTPUT_MAX);
	out_add(&sb, "", 0);
	while (i < len) {
		size_t advance;
		uint32_t cp = utf8_decode(s + i, &advance);

		if (is_space_cp(cp)) {
			pending_space = sb.len > 0;
		} else if (!is_invisible_cp(cp)) {
			if (pending_space)
				out_add(&sb, " ", 1);
			pending_space = false;
			out_add(&sb, s + i, advance);
		}
		i += advance;
	}
	return strbuf_detach(&sb, out_len);
}

/* Find "[image:" or "[imagen:" in s, without regard to case. */
static const char *find_image_placeholder(const char *s)
{
	for (const char *p = strchr(s, '['); p; p = strchr(p + 1, '[')) {
		if (strncasecmp(p, "[image:", 7) == 0 ||
		    strncasecmp(p, "[imagen:", 8) == 0)
			return p;
	}
	return NULL;
}

/* Clean one raw line: spaces collapsed, image placeholders removed. A
 * placeholder without its closing "]" runs to the end of the line. */
static char *clean_line(const char *raw, size_t raw_len, size_t *out_len)
{
	char *text = collapse_spaces(raw, raw_len, out_len);
	const char *p = text, *start;
	struct strbuf sb;
	char *cleaned;

	if (!find_image_placeholder(text))
		return text;
	strbuf_init(&sb, OUTPUT_MAX);
	while ((start = find_image_placeholder(p)) != NULL) {
		const char *end = strchr(start, ']');

		out_add(&sb, p, (size_t)(start - p));
		out_add(&sb, " ", 1);
		p = end ? end + 1 : start + strlen(start);
	}
	out_adds(&sb, p);
	cleaned = collapse_spaces(sb.buf, sb.len, out_len);
	strbuf_release(&sb);
	free(text);
	return cleaned;
}

/* ------------------------------------------------------------------ */
/* Folded text: lower-case ASCII with accents removed                  */
/* ------------------------------------------------------------------ */

/* The letters U+00C0..U+00FF without their accents; '?' for symbols. */
static const char latin1_fold[] =
	"aaaaaaaceeeeiiiidnooooo?ouuuuy?s"
	"aaaaaaaceeeeiiiidnooooo?ouuuuy?y";

/* A placeholder for any other non-ASCII character: not a letter, digit,
 * space or punctuation that the matching below looks for. */
#define FOLD_OTHER '\x7f'

/*
 * A line folded for matching, one byte per code point: ASCII in lower
 * case, Latin-1 letters without accents, en and em dashes as '-'. The
 * markers "(s)" and "(es)" of optional plurals are removed. off[i] is the
 * byte offset in the original line of folded byte i, and off[len] is the
 * original length.
 */
struct folded {
	char *s;
	size_t *off;
	size_t len;
};

static void fold(const char *text, size_t len, struct folded *f)
{
	size_t i = 0, n = 0, w = 0;

	f->s = xmalloc(len + 1);
	f->off = xmalloc((len + 1) * sizeof(*f->off));
	while (i < len) {
		size_t advance;
		uint32_t cp = utf8_decode(text + i, &advance);
		char c;

		if (cp < 0x80)
			c = (char)tolower((int)cp);
		else if (cp >= 0xC0 && cp <= 0xFF)
			c = latin1_fold[cp - 0xC0];
		else if (cp == 0x2013 || cp == 0x2014)
			c = '-';
		else
			c = FOLD_OTHER;
		f->s[n] = c;
		f->off[n] = i;
		n++;
		i += advance;
	}
	f->off[n] = len;
	f->s[n] = '\0';

	/* Drop "(s)" and "(es)", keeping the offsets of what remains. */
	for (size_t r = 0; r < n;) {
		if (n - r >= 3 && memcmp(f->s + r, "(s)", 3) == 0) {
			r += 3;
			continue;
		}
		if (n - r >= 4 && memcmp(f->s + r, "(es)", 4) == 0) {
			r += 4;
			continue;
		}
		f->s[w] = f->s[r];
		f->off[w] = f->off[r];
		w++;
		r++;
	}
	f->off[w] = len;
	f->s[w] = '\0';
	f->len = w;
}

static void folded_release(struct folded *f)
{
	free(f->s);
	free(f->off);
}

/* Small words left out when comparing headings. */
static const char *const stop_words[] = {
	"a", "al", "de", "del", "e", "el", "en", "la", "las", "lo", "los",
	"o", "para", "por", "u", "y",
};

static bool is_stop_word(const char *w, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(stop_words); i++)
		if (strlen(stop_words[i]) == len && memcmp(stop_words[i], w, len) == 0)
			return true;
	return false;
}

/*
 * Store in key the words of text that matter for heading matching:
 * folded, small words left out, a final "s" and then a final "e" removed
 * from words longer than three letters, one space between words.
 */
static void heading_key(const char *text, size_t len, struct strbuf *key)
{
	struct folded f;
	size_t i = 0;

	fold(text, len, &f);
	strbuf_reset(key);
	out_add(key, "", 0);
	while (i < f.len) {
		size_t start, wlen;

		while (i < f.len && !isalnum((unsigned char)f.s[i]))
			i++;
		start = i;
		while (i < f.len && isalnum((unsigned char)f.s[i]))
			i++;
		wlen = i - start;
		if (wlen == 0 || is_stop_word(f.s + start, wlen))
			continue;
		/* Singular and plural meet: "redes" and "red" both give
		 * "red", "frecuentes" and "frecuente" give "frecuent". */
		if (wlen > 3 && f.s[start + wlen - 1] == 's')
			wlen--;
		if (wlen > 3 && f.s[start + wlen - 1] == 'e')
			wlen--;
		if (key->len)
			out_add(key, " ", 1);
		out_add(key, f.s + start, wlen);
	}
	folded_release(&f);
}

/*
 * Match name (folded ASCII) at the start of f, then an optional ':' (or
 * '-' when dash_separates). With allow_no_colon, a space may stand for
 * the colon. Returns the folded index where the value starts, or
 * (size_t)-1 when the line does not start with this label.
 */
static size_t match_label(const struct folded *f, const char *name,
			  bool allow_no_colon, bool dash_separates)
{
	size_t n = strlen(name), p;

	if (f->len < n || memcmp(f->s, name, n) != 0)
		return (size_t)-1;
	p = n;
	if (p < f->len && isalnum((unsigned char)f->s[p]))
		return (size_t)-1;
	while (p < f->len && f->s[p] == ' ')
		p++;
	if (p == f->len)
		return p;
	if (f->s[p] == ':' || (dash_separates && f->s[p] == '-')) {
		p++;
		while (p < f->len && f->s[p] == ' ')
			p++;
		return p;
	}
	if (allow_no_colon && p > n)
		return p;
	return (size_t)-1;
}

/* ------------------------------------------------------------------ */
/* List markers                                                        */
/* ------------------------------------------------------------------ */

enum marker { MARK_NONE, MARK_BULLET, MARK_NUMBER };

/* Bullets that need no space after them. */
static const char *const bullets[] = {
	"\xC2\xB7",     /* · middle dot */
	"\xE2\x80\xA2", /* • bullet */
	"\xE2\x80\xA3", /* ‣ triangular bullet */
	"\xE2\x97\xA6", /* ◦ white bullet */
	"\xE2\x96\xAA", /* ▪ small black square */
	"\xE2\x97\x8F", /* ● black circle */
	"\xE2\x97\x8B", /* ○ white circle */
	"\xE2\x96\xA0", /* ■ black square */
	"\xEF\x82\xB7", /* U+F0B7, Word's Symbol-font bullet */
	"\xEF\x82\xA7", /* U+F0A7, Word's Wingdings square */
};

/* Bullets that are list markers only when a space follows. */
static const char *const spaced_bullets[] = {
	"-", "*",
	"\xE2\x80\x93", /* – en dash */
	"\xE2\x80\x94", /* — em dash */
};

/*
 * Recognise a list marker at the start of a cleaned line. Sets *body to
 * the offset of the item text and, for a numbered item, *number_len to
 * the number of digits.
 */
static enum marker parse_marker(const char *s, size_t len, size_t *body,
				size_t *number_len)
{
	size_t digits = 0;

	for (size_t i = 0; i < ARRAY_SIZE(bullets); i++) {
		size_t n = strlen(bullets[i]);

		if (len >= n && memcmp(s, bullets[i], n) == 0) {
			*body = n + (len > n && s[n] == ' ');
			return MARK_BULLET;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(spaced_bullets); i++) {
		size_t n = strlen(spaced_bullets[i]);

		if (len >= n && memcmp(s, spaced_bullets[i], n) == 0 &&
		    (len == n || s[n] == ' ')) {
			*body = n + (len > n);
			return MARK_BULLET;
		}
	}
	while (digits < len && digits < 4 && isdigit((unsigned char)s[digits]))
		digits++;
	if (digits >= 1 && digits <= 3 && digits < len &&
	    (s[digits] == '.' || s[digits] == ')') &&
	    (digits + 1 == len || s[digits + 1] == ' ')) {
		*number_len = digits;
		*body = digits + 1 + (digits + 1 < len);
		return MARK_NUMBER;
	}
	*body = 0;
	return MARK_NONE;
}

/* ------------------------------------------------------------------ */
/* The document as lines                                               */
/* ------------------------------------------------------------------ */

/* A non-blank line of the template. */
struct line {
	size_t number; /* 1-based */
	char *text;    /* cleaned */
	size_t len;
};

/* Indices into the line array. */
struct line_list {
	size_t *items;
	size_t count;
	size_t alloc;
};

struct report {
	size_t line;         /* 0 when the report is about a missing part */
	char *text;
	const char *reason;
	const char *section; /* section key or NULL */
	size_t sequence;     /* keeps the order of reports on one line */
};

struct parse {
	struct line *lines;
	size_t line_count;

	struct line_list title;
	struct line_list disclaimer;
	struct line_list sections[TEMPLATE_SECTION_COUNT];
	bool found[TEMPLATE_SECTION_COUNT];

	struct report *reports;
	size_t report_count;
	size_t report_alloc;
};

static void list_push(struct line_list *list, size_t index)
{
	if (list->count == list->alloc) {
		list->alloc = list->alloc ? 2 * list->alloc : 16;
		list->items = xrealloc(list->items,
				       list->alloc * sizeof(*list->items));
	}
	list->items[list->count++] = index;
}

static void report_add(struct parse *ps, size_t line, const char *text,
		       const char *reason, const char *section)
{
	struct report *r;

	if (ps->report_count == ps->report_alloc) {
		ps->report_alloc = ps->report_alloc ? 2 * ps->report_alloc : 8;
		ps->reports = xrealloc(ps->reports,
				       ps->report_alloc * sizeof(*ps->reports));
	}
	r = &ps->reports[ps->report_count];
	r->line = line;
	r->text = xstrdup(text);
	r->reason = reason;
	r->section = section;
	r->sequence = ps->report_count;
	ps->report_count++;
}

static void report_line(struct parse *ps, const struct line *line,
			const char *reason, enum template_section_id section)
{
	report_add(ps, line->number, line->text, reason,
		   template_sections[section].key);
}

static void parse_release(struct parse *ps)
{
	for (size_t i = 0; i < ps->line_count; i++)
		free(ps->lines[i].text);
	free(ps->lines);
	free(ps->title.items);
	free(ps->disclaimer.items);
	for (size_t i = 0; i < TEMPLATE_SECTION_COUNT; i++)
		free(ps->sections[i].items);
	for (size_t i = 0; i < ps->report_count; i++)
		free(ps->reports[i].text);
	free(ps->reports);
}

/* Return the 1-based line number of byte offset in text[0..len). CRLF,
 * LF and a lone CR each end one line. */
static size_t line_number_at(const char *text, size_t len, size_t offset)
{
	size_t line = 1;

	for (size_t i = 0; i < offset; i++) {
		if (text[i] == '\n')
			line++;
		else if (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'))
			line++;
	}
	return line;
}

/* Check the encoding and split text into cleaned, non-blank lines. */
static int split_lines(struct parse *ps, const char *text, size_t len,
		       struct error *err)
{
	size_t bad, start = 0, alloc = 64, number = 0;
	const char *nul = memchr(text, '\0', len);

	if (nul) {
		size_t line = line_number_at(text, len, (size_t)(nul - text));
		char field[32];

		snprintf(field, sizeof(field), "line:%zu", line);
		return error_set(err, RC_INVALID, "nul_character", field,
				 "La línea %zu contiene un carácter nulo. Guarde "
				 "la plantilla como texto UTF-8 y vuelva a "
				 "importarla.",
				 "Line %zu contains a NUL character. Save the "
				 "template as UTF-8 text and import it again.",
				 line);
	}
	if (!utf8_valid(text, len, &bad)) {
		size_t line = line_number_at(text, len, bad);
		char field[32];

		snprintf(field, sizeof(field), "line:%zu", line);
		return error_set(err, RC_INVALID, "invalid_utf8", field,
				 "La línea %zu no es texto UTF-8 válido. Guarde "
				 "la plantilla con la codificación UTF-8 y vuelva "
				 "a importarla.",
				 "Line %zu is not valid UTF-8 text. Save the "
				 "template with UTF-8 encoding and import it "
				 "again.",
				 line);
	}

	ps->lines = xmalloc(alloc * sizeof(*ps->lines));
	while (start < len) {
		size_t end = start, next, cleaned_len;
		struct line *line;
		char *cleaned;

		while (end < len && text[end] != '\n' && text[end] != '\r')
			end++;
		next = end;
		if (next + 1 < len && text[next] == '\r' && text[next + 1] == '\n')
			next += 2;
		else if (next < len)
			next++;

		number++;
		cleaned = clean_line(text + start, end - start, &cleaned_len);
		start = next;
		/* Blank lines separate nothing that the sections keep, so
		 * only their numbers are counted. */
		if (cleaned_len == 0) {
			free(cleaned);
			continue;
		}
		if (ps->line_count == alloc) {
			alloc *= 2;
			ps->lines = xrealloc(ps->lines, alloc * sizeof(*ps->lines));
		}
		line = &ps->lines[ps->line_count];
		line->number = number;
		line->text = cleaned;
		line->len = cleaned_len;
		ps->line_count++;
	}
	return RC_OK;
}

/* ------------------------------------------------------------------ */
/* Headings                                                            */
/* ------------------------------------------------------------------ */

/* Heading forms; each is compared through heading_key. */
static const struct {
	enum template_section_id section;
	const char *title;
} heading_forms[] = {
	{ TEMPLATE_DESCRIPTION, "Descripción del Servicio" },
	{ TEMPLATE_AUDIENCE, "Audiencia y Propósito" },
	{ TEMPLATE_CONSIDERATIONS, "Consideraciones" },
	{ TEMPLATE_LOCATION_HOURS, "Lugar y Horario de Servicio" },
	{ TEMPLATE_LOCATION_HOURS, "Lugar y Horario" },
	{ TEMPLATE_COST_PAYMENT, "Costo del Servicio y Métodos de Pago" },
	{ TEMPLATE_COST_PAYMENT, "Costo del Servicio y Formas de Pago" },
	{ TEMPLATE_COST_PAYMENT, "Costo y Métodos de Pago" },
	{ TEMPLATE_REQUIREMENTS, "Requisitos para Obtener Servicio" },
	{ TEMPLATE_FAQ, "Preguntas Frecuentes" },
	{ TEMPLATE_RELATED_LINKS, "Enlaces Relacionados" },
	{ TEMPLATE_SOCIAL_MEDIA, "Redes Sociales" },
};

/* Return the section that line is the heading of, or -1. form_keys
 * contains the heading_key of each heading_forms entry. */
static int heading_section(const struct line *line, struct strbuf *key,
			   const struct strbuf *form_keys)
{
	size_t body, digits;

	if (line->len > HEADING_MAX_BYTES)
		return -1;
	if (parse_marker(line->text, line->len, &body, &digits) != MARK_NONE)
		return -1;
	heading_key(line->text, line->len, key);
	if (key->len == 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(heading_forms); i++)
		if (strcmp(key->buf, form_keys[i].buf) == 0)
			return (int)heading_forms[i].section;
	return -1;
}

static bool is_disclaimer(const struct line *line)
{
	static const char start[] = "este documento es solo de caracter informativo";
	struct folded f;
	bool match;

	fold(line->text, line->len, &f);
	match = strncmp(f.s, start, sizeof(start) - 1) == 0;
	folded_release(&f);
	return match;
}

/*
 * Sort every line into the title, a section or the disclaimer.
 * Returns false when no heading was found.
 */
static bool assign_lines(struct parse *ps)
{
	struct strbuf key, form_keys[ARRAY_SIZE(heading_forms)];
	int current = -1;
	bool in_disclaimer = false, any_heading = false;

	strbuf_init(&key, OUTPUT_MAX);
	for (size_t i = 0; i < ARRAY_SIZE(heading_forms); i++) {
		strbuf_init(&form_keys[i], OUTPUT_MAX);
		heading_key(heading_forms[i].title, strlen(heading_forms[i].title),
			    &form_keys[i]);
	}
	for (size_t i = 0; i < ps->line_count; i++) {
		struct line *line = &ps->lines[i];
		int section = heading_section(line, &key, form_keys);

		if (section >= 0) {
			if (ps->found[section])
				report_line(ps, line, "duplicate_heading",
					    (enum template_section_id)section);
			ps->found[section] = true;
			current = section;
			in_disclaimer = false;
			any_heading = true;
			continue;
		}
		if (!in_disclaimer && is_disclaimer(line))
			in_disclaimer = true;
		if (in_disclaimer)
			list_push(&ps->disclaimer, i);
		else if (current < 0)
			list_push(&ps->title, i);
		else
			list_push(&ps->sections[current], i);
	}
	strbuf_release(&key);
	for (size_t i = 0; i < ARRAY_SIZE(heading_forms); i++)
		strbuf_release(&form_keys[i]);
	return any_heading;
}

/* ------------------------------------------------------------------ */
/* Text sections                                                       */
/* ------------------------------------------------------------------ */

/*
 * Append one line to sb in the section text form: "- item" for a bullet,
 * "N. item" for a numbered item, the line itself otherwise. A marker with
 * no text after it adds nothing. sep goes before the line when sb is not
 * empty.
 */
static void add_item(struct strbuf *sb, const char *text, size_t len,
		     const char *sep)
{
	size_t body, digits = 0;
	enum marker mark = parse_marker(text, len, &body, &digits);

	if (body >= len)
		return;
	if (sb->len)
		out_adds(sb, sep);
	if (mark == MARK_BULLET) {
		out_adds(sb, "- ");
	} else if (mark == MARK_NUMBER) {
		out_add(sb, text, digits);
		out_adds(sb, ". ");
	}
	out_add(sb, text + body, len - body);
}

static char *build_text(const struct parse *ps, const struct line_list *list,
			const char *sep, bool keep_markers)
{
	struct strbuf sb;

	strbuf_init(&sb, OUTPUT_MAX);
	out_add(&sb, "", 0);
	for (size_t i = 0; i < list->count; i++) {
		const struct line *line = &ps->lines[list->items[i]];

		if (keep_markers) {
			add_item(&sb, line->text, line->len, sep);
		} else {
			if (sb.len)
				out_adds(&sb, sep);
			out_add(&sb, line->text, line->len);
		}
	}
	return strbuf_detach(&sb, NULL);
}

/* ------------------------------------------------------------------ */
/* JSON helpers                                                        */
/* ------------------------------------------------------------------ */

static json_t *json_text(const char *s)
{
	json_t *value = s ? json_string(s) : json_null();

	BUG_ON(!value);
	return value;
}

/* Return a new TEXT value {"es": es, "en": null}. */
static json_t *i18n_text(const char *es)
{
	json_t *obj = json_object();

	json_object_set_new(obj, "es", json_text(es));
	json_object_set_new(obj, "en", json_null());
	return obj;
}

/* ------------------------------------------------------------------ */
/* Lugar y Horario de Servicio                                         */
/* ------------------------------------------------------------------ */

enum location_field {
	LOC_PLACE,
	LOC_DIRECTORY,
	LOC_HOURS,
	LOC_CONTACT,
	LOC_PHONE,
	LOC_FAX,
	LOC_EMAIL,
	LOC_COUNT
};

static const struct {
	const char *key;
	const char *labels[6];   /* folded, longest first */
	const char *continuation; /* joins a line without a label */
	const char *repeat;       /* joins a second line with the label */
} location_fields[LOC_COUNT] = {
	[LOC_PLACE] = { "place", { "lugares", "lugar" }, ", ", "; " },
	[LOC_DIRECTORY] = { "directory", { "directorio" }, ", ", "; " },
	[LOC_HOURS] = { "hours", { "horarios", "horario" }, " ", "; " },
	[LOC_CONTACT] = { "contact", { "contactos", "contacto" },
			  " \xE2\x80\x94 ", "; " },
	[LOC_PHONE] = { "phone", { "telefonos", "telefono", "tel.", "tel" },
			", ", ", " },
	[LOC_FAX] = { "fax", { "fax" }, ", ", ", " },
	[LOC_EMAIL] = { "email",
			{ "correos electronicos", "correo electronico",
			  "correo-e", "e-mail", "email", "correo" },
			", ", ", " },
};

/* Match a location label at the start of text; sets *value to the byte
 * offset of its value. Returns the field or -1. */
static int location_label(const char *text, size_t len, size_t *value)
{
	struct folded f;
	int field = -1;

	fold(text, len, &f);
	for (int i = 0; i < LOC_COUNT && field < 0; i++) {
		for (size_t k = 0; k < ARRAY_SIZE(location_fields[i].labels); k++) {
			const char *label = location_fields[i].labels[k];
			size_t p;

			if (!label)
				break;
			p = match_label(&f, label, true, false);
			if (p != (size_t)-1) {
				field = i;
				*value = f.off[p];
				break;
			}
		}
	}
	folded_release(&f);
	return field;
}

/*
 * Return whether text starts like "Label: value": up to four words of
 * letters (with . ( ) / -) and a colon followed by a space or the end.
 */
static bool looks_like_label(const char *text, size_t len)
{
	size_t i = 0, words = 0;
	bool in_word = false;

	while (i < len && i <= 40) {
		unsigned char c = (unsigned char)text[i];

		if (c == ':')
			return words > 0 && words <= 4 &&
			       (i + 1 == len || text[i + 1] == ' ');
		if (c == ' ') {
			in_word = false;
		} else if (isalpha(c) || c >= 0x80 || strchr(".()/-", c)) {
			if (!in_word)
				words++;
			in_word = true;
		} else {
			return false;
		}
		i++;
	}
	return false;
}

/* Check the fields that template_validate checks beyond their type. */
static bool location_value_valid(int field, const char *value)
{
	if (field == LOC_PHONE || field == LOC_FAX)
		return is_valid_phone(value);
	if (field == LOC_EMAIL)
		return is_valid_email_list(value);
	return true;
}

static void add_location(struct parse *ps, json_t *tmpl)
{
	const struct line_list *list = &ps->sections[TEMPLATE_LOCATION_HOURS];
	struct strbuf fields[LOC_COUNT];
	const struct line *first_line[LOC_COUNT] = { NULL };
	int current = -1;
	json_t *location = json_object();
	char *text;

	for (int i = 0; i < LOC_COUNT; i++)
		strbuf_init(&fields[i], OUTPUT_MAX);

	for (size_t i = 0; i < list->count; i++) {
		const struct line *line = &ps->lines[list->items[i]];
		size_t body, digits, value;
		const char *s;
		size_t len;
		int field;

		parse_marker(line->text, line->len, &body, &digits);
		s = line->text + body;
		len = line->len - body;
		field = location_label(s, len, &value);
		if (field >= 0) {
			const char *v = s + value;
			size_t vlen = len - value;

			if (field == LOC_EMAIL && vlen >= 7 &&
			    strncasecmp(v, "mailto:", 7) == 0) {
				v += 7;
				vlen -= 7;
			}
			if (vlen && fields[field].len)
				out_adds(&fields[field], location_fields[field].repeat);
			out_add(&fields[field], v, vlen);
			if (!first_line[field])
				first_line[field] = line;
			current = field;
		} else if (current < 0) {
			report_line(ps, line, "unknown_line",
				    TEMPLATE_LOCATION_HOURS);
		} else if (current != LOC_HOURS && looks_like_label(s, len)) {
			report_line(ps, line, "unknown_label",
				    TEMPLATE_LOCATION_HOURS);
			current = -1;
		} else if (len) {
			if (fields[current].len)
				out_adds(&fields[current],
					 location_fields[current].continuation);
			out_add(&fields[current], s, len);
		}
	}

	for (int i = 0; i < LOC_COUNT; i++) {
		const char *value = fields[i].len ? fields[i].buf : NULL;

		if (value && !location_value_valid(i, value)) {
			report_line(ps, first_line[i],
				    i == LOC_EMAIL ? "invalid_email"
						   : "invalid_phone",
				    TEMPLATE_LOCATION_HOURS);
			value = NULL;
		}
		json_object_set_new(location, location_fields[i].key,
				    json_text(value));
		strbuf_release(&fields[i]);
	}
	json_object_set_new(tmpl, "location", location);

	text = ps->found[TEMPLATE_LOCATION_HOURS] ? build_text(ps, list, "\n", true)
						  : NULL;
	json_object_set_new(tmpl, "location_hours", i18n_text(text));
	free(text);
}

/* ------------------------------------------------------------------ */
/* Preguntas Frecuentes                                                */
/* ------------------------------------------------------------------ */

/* Return the byte length of a dash (-, en dash, em dash) at s, or 0. */
static size_t dash_len(const char *s, size_t len)
{
	if (len >= 1 && s[0] == '-')
		return 1;
	if (len >= 3 && (memcmp(s, "\xE2\x80\x93", 3) == 0 ||
			 memcmp(s, "\xE2\x80\x94", 3) == 0))
		return 3;
	return 0;
}

/*
 * Find a "?" followed by a dash that separates the question from the
 * answer ("¿...? - answer", "¿...?– answer"). Sets *question_end just
 * past the "?" and *answer to the answer's offset.
 */
static bool find_dash_separator(const char *s, size_t len,
				size_t *question_end, size_t *answer)
{
	for (size_t i = 0; i < len; i++) {
		size_t j = i + 1, d;

		if (s[i] != '?')
			continue;
		while (j < len && s[j] == ' ')
			j++;
		d = dash_len(s + j, len - j);
		if (d == 0 || (j + d < len && s[j + d] != ' '))
			continue;
		*question_end = i + 1;
		*answer = j + d;
		while (*answer < len && s[*answer] == ' ')
			(*answer)++;
		return true;
	}
	return false;
}

static bool starts_with_inverted_question_mark(const char *s, size_t len)
{
	return len >= 2 && memcmp(s, "\xC2\xBF", 2) == 0;
}

/*
 * Split a question item. Without a dash separator, text after the last
 * "?" is the answer, and a question that ends the line has its answer on
 * the following lines.
 */
static void split_question(const char *s, size_t len, size_t *question_end,
			   size_t *answer)
{
	const char *last;

	if (find_dash_separator(s, len, question_end, answer))
		return;
	*question_end = len;
	*answer = len;
	last = NULL;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '?')
			last = s + i;
	if (last) {
		*question_end = (size_t)(last - s) + 1;
		*answer = *question_end;
		while (*answer < len && s[*answer] == ' ')
			(*answer)++;
	}
}

struct faq_pair {
	const struct line *line;
	struct strbuf question;
	struct strbuf answer;
	bool open;
};

static void faq_finish(struct parse *ps, struct faq_pair *pair, json_t *faq)
{
	if (!pair->open)
		return;
	if (pair->answer.len == 0) {
		report_line(ps, pair->line, "faq_without_answer", TEMPLATE_FAQ);
	} else {
		json_t *entry = json_object();

		json_object_set_new(entry, "question", i18n_text(pair->question.buf));
		json_object_set_new(entry, "answer", i18n_text(pair->answer.buf));
		json_array_append_new(faq, entry);
	}
	strbuf_reset(&pair->question);
	strbuf_reset(&pair->answer);
	pair->open = false;
}

static void add_faq(struct parse *ps, json_t *tmpl)
{
	const struct line_list *list = &ps->sections[TEMPLATE_FAQ];
	struct faq_pair pair = { .open = false };
	json_t *faq = json_array();

	strbuf_init(&pair.question, OUTPUT_MAX);
	strbuf_init(&pair.answer, OUTPUT_MAX);
	for (size_t i = 0; i < list->count; i++) {
		const struct line *line = &ps->lines[list->items[i]];
		size_t body, digits, question_end, answer;
		const char *s;
		size_t len;

		parse_marker(line->text, line->len, &body, &digits);
		s = line->text + body;
		len = line->len - body;

		if (starts_with_inverted_question_mark(s, len) ||
		    find_dash_separator(s, len, &question_end, &answer)) {
			faq_finish(ps, &pair, faq);
			split_question(s, len, &question_end, &answer);
			pair.line = line;
			pair.open = true;
			out_add(&pair.question, s, question_end);
			out_add(&pair.answer, s + answer, len - answer);
		} else if (pair.open) {
			add_item(&pair.answer, line->text, line->len, "\n");
		} else {
			report_line(ps, line, "unknown_line", TEMPLATE_FAQ);
		}
	}
	faq_finish(ps, &pair, faq);
	strbuf_release(&pair.question);
	strbuf_release(&pair.answer);
	json_object_set_new(tmpl, "faq", faq);
}

/* ------------------------------------------------------------------ */
/* Addresses                                                           */
/* ------------------------------------------------------------------ */

/* Return whether token (not NUL-terminated) starts like a web address. */
static bool is_address_token(const char *s, size_t len)
{
	return (len > 7 && strncasecmp(s, "http://", 7) == 0) ||
	       (len > 8 && strncasecmp(s, "https://", 8) == 0) ||
	       (len > 4 && strncasecmp(s, "www.", 4) == 0);
}

/* Return whether token is a bare host name such as "pr.gov". */
static bool is_bare_host(const char *s, size_t len)
{
	const char *dot = NULL;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.')
			dot = s + i;
		else if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '/')
			return false;
	}
	if (!dot || dot == s || s[len - 1] == '.')
		return false;
	return isalpha((unsigned char)dot[1]) && isalpha((unsigned char)s[len - 1]);
}

/* Return a new absolute URL for an address token: "https://" is added
 * when the scheme is missing. */
static char *absolute_url(const char *s, size_t len)
{
	struct strbuf sb;

	strbuf_init(&sb, OUTPUT_MAX);
	if (strncasecmp(s, "http://", 7) != 0 && strncasecmp(s, "https://", 8) != 0)
		out_adds(&sb, "https://");
	out_add(&sb, s, len);
	return strbuf_detach(&sb, NULL);
}

/* Punctuation trimmed from both ends of an address found in text. */
static bool is_wrapping_punct(char c)
{
	return c && strchr(".,;:()[]<>\"'", c) != NULL;
}

/*
 * Find the first address token in s. Sets *start and *len to the token
 * without the punctuation around it.
 */
static bool find_address(const char *s, size_t len, size_t *start,
			 size_t *token_len)
{
	size_t i = 0;

	while (i < len) {
		size_t b, e;

		while (i < len && s[i] == ' ')
			i++;
		b = i;
		while (i < len && s[i] != ' ')
			i++;
		e = i;
		while (b < e && is_wrapping_punct(s[b]))
			b++;
		while (e > b && is_wrapping_punct(s[e - 1]) && s[e - 1] != ')')
			e--;
		/* Keep a closing parenthesis only when the address opens one. */
		if (e > b && s[e - 1] == ')' && !memchr(s + b, '(', e - b))
			e--;
		while (e > b && is_wrapping_punct(s[e - 1]) && s[e - 1] != ')')
			e--;
		if (is_address_token(s + b, e - b)) {
			*start = b;
			*token_len = e - b;
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Enlaces Relacionados                                                */
/* ------------------------------------------------------------------ */

enum link_mode { LINKS_NONE, LINKS_DOCUMENT, LINKS_WEB };

static const struct {
	const char *label;
	enum link_mode mode;
} link_labels[] = {
	{ "documentos de apoyo", LINKS_DOCUMENT },
	{ "documento de apoyo", LINKS_DOCUMENT },
	{ "paginas de internet", LINKS_WEB },
	{ "pagina de internet", LINKS_WEB },
	{ "paginas web", LINKS_WEB },
	{ "pagina web", LINKS_WEB },
	{ "sitios web", LINKS_WEB },
	{ "sitio web", LINKS_WEB },
};

/* Match a "Documento(s) de Apoyo:" or "Página(s) de Internet:" label. */
static enum link_mode link_label(const char *text, size_t len, size_t *value)
{
	struct folded f;
	enum link_mode mode = LINKS_NONE;

	fold(text, len, &f);
	for (size_t i = 0; i < ARRAY_SIZE(link_labels); i++) {
		size_t p = match_label(&f, link_labels[i].label, false, false);

		if (p != (size_t)-1) {
			mode = link_labels[i].mode;
			*value = f.off[p];
			break;
		}
	}
	folded_release(&f);
	return mode;
}

/* Characters trimmed from a link title once its address is taken out,
 * besides dashes. */
#define TITLE_TRIM " .,;:|()[]<>"

static bool is_title_trim(const char *s, size_t len, size_t *n)
{
	*n = dash_len(s, len);
	if (*n)
		return true;
	*n = 1;
	return len && strchr(TITLE_TRIM, s[0]) != NULL;
}

/* Append to sb the text of s[0..len) with title punctuation trimmed. */
static void add_trimmed_title(struct strbuf *sb, const char *s, size_t len)
{
	size_t n;

	while (len && is_title_trim(s, len, &n)) {
		s += n;
		len -= n;
	}
	while (len) {
		/* Trim one trailing character or dash at a time. */
		if (strchr(TITLE_TRIM "-", s[len - 1]))
			len--;
		else if (len >= 3 && dash_len(s + len - 3, 3) == 3)
			len -= 3;
		else
			break;
	}
	if (len == 0)
		return;
	if (sb->len)
		out_add(sb, " ", 1);
	out_add(sb, s, len);
}

static void add_link_entry(struct parse *ps, const struct line *line,
			   const char *s, size_t len, enum link_mode mode,
			   json_t *links)
{
	struct strbuf title;
	size_t start, token_len;
	char *url = NULL;
	const char *kind = "document";
	json_t *entry;

	strbuf_init(&title, OUTPUT_MAX);
	out_add(&title, "", 0);
	if (find_address(s, len, &start, &token_len)) {
		add_trimmed_title(&title, s, start);
		add_trimmed_title(&title, s + start + token_len,
				  len - start - token_len);
		if (title.len == 0)
			out_add(&title, s + start, token_len);
		url = absolute_url(s + start, token_len);
		kind = mode == LINKS_DOCUMENT ? "document" : "web";
	} else if (mode == LINKS_WEB && is_bare_host(s, len)) {
		out_add(&title, s, len);
		url = absolute_url(s, len);
		kind = "web";
	} else {
		out_add(&title, s, len);
	}

	if (url && !is_valid_url(url)) {
		report_line(ps, line, "invalid_url", TEMPLATE_RELATED_LINKS);
		goto out;
	}
	entry = json_object();
	json_object_set_new(entry, "kind", json_string(kind));
	json_object_set_new(entry, "title", i18n_text(title.buf));
	json_object_set_new(entry, "url", json_text(url));
	json_array_append_new(links, entry);
out:
	free(url);
	strbuf_release(&title);
}

static void add_related_links(struct parse *ps, json_t *tmpl)
{
	const struct line_list *list = &ps->sections[TEMPLATE_RELATED_LINKS];
	enum link_mode mode = LINKS_NONE;
	json_t *links = json_array();

	for (size_t i = 0; i < list->count; i++) {
		const struct line *line = &ps->lines[list->items[i]];
		size_t body, digits, value;
		enum link_mode label;
		const char *s;
		size_t len;

		parse_marker(line->text, line->len, &body, &digits);
		s = line->text + body;
		len = line->len - body;
		if (len == 0)
			continue;
		label = link_label(s, len, &value);
		if (label != LINKS_NONE) {
			mode = label;
			s += value;
			len -= value;
			if (len == 0)
				continue;
		}
		add_link_entry(ps, line, s, len, mode, links);
	}
	json_object_set_new(tmpl, "related_links", links);
}

/* ------------------------------------------------------------------ */
/* Redes Sociales                                                      */
/* ------------------------------------------------------------------ */

static const struct {
	const char *label; /* folded */
	const char *name;
	const char *host;
} networks[] = {
	{ "facebook", "Facebook", "facebook.com" },
	{ "instagram", "Instagram", "instagram.com" },
	{ "twitter", "Twitter", "twitter.com" },
	{ "x", "X", "x.com" },
	{ "youtube", "YouTube", "youtube.com" },
	{ "tiktok", "TikTok", "tiktok.com" },
	{ "linkedin", "LinkedIn", "linkedin.com" },
	{ "flickr", "Flickr", "flickr.com" },
	{ "pinterest", "Pinterest", "pinterest.com" },
	{ "threads", "Threads", "threads.net" },
	{ "whatsapp", "WhatsApp", "wa.me" },
	{ "telegram", "Telegram", "t.me" },
};

/* Match "Network: account" (or "Network - account") at the start of text. */
static int network_label(const char *text, size_t len, size_t *value)
{
	struct folded f;
	int network = -1;

	fold(text, len, &f);
	for (size_t i = 0; i < ARRAY_SIZE(networks); i++) {
		size_t p = match_label(&f, networks[i].label, true, true);

		if (p != (size_t)-1) {
			network = (int)i;
			*value = f.off[p];
			break;
		}
	}
	folded_release(&f);
	return network;
}

/* Return the host of an absolute URL, as an offset and a length. */
static void url_host(const char *url, size_t *start, size_t *len)
{
	const char *p = strstr(url, "://");

	*start = p ? (size_t)(p + 3 - url) : 0;
	*len = strcspn(url + *start, "/:?#");
}

/* Return the network whose host, or a subdomain of it such as www. or
 * m., serves url. */
static int network_of_url(const char *url)
{
	size_t start, len;

	url_host(url, &start, &len);
	for (size_t i = 0; i < ARRAY_SIZE(networks); i++) {
		size_t hlen = strlen(networks[i].host);
		const char *host = url + start;

		if (len < hlen || strncasecmp(host + len - hlen, networks[i].host,
					      hlen) != 0)
			continue;
		if (len == hlen || host[len - hlen - 1] == '.')
			return (int)i;
	}
	return -1;
}

/* Return a new string: the last path segment of url, or its host. */
static char *account_of_url(const char *url)
{
	size_t start, host_len, end, seg;

	url_host(url, &start, &host_len);
	end = start + host_len + strcspn(url + start + host_len, "?#");
	while (end > start + host_len && url[end - 1] == '/')
		end--;
	seg = end;
	while (seg > start + host_len && url[seg - 1] != '/')
		seg--;
	if (seg == end)
		return xstrndup(url + start, host_len);
	return xstrndup(url + seg, end - seg);
}

static void add_social_entry(json_t *social, int network, const char *account,
			     const char *url)
{
	json_t *entry = json_object();

	json_object_set_new(entry, "network", json_string(networks[network].name));
	json_object_set_new(entry, "account", json_text(account));
	json_object_set_new(entry, "url", json_text(url));
	json_array_append_new(social, entry);
}

static void add_social_line(struct parse *ps, const struct line *line,
			    json_t *social)
{
	size_t body, digits, value = 0, start, token_len;
	const char *s;
	size_t len;
	int network;
	char *url = NULL, *account = NULL;

	parse_marker(line->text, line->len, &body, &digits);
	s = line->text + body;
	len = line->len - body;
	network = network_label(s, len, &value);
	if (network >= 0) {
		s += value;
		len -= value;
	}
	if (len == 0) {
		report_line(ps, line, "unknown_line", TEMPLATE_SOCIAL_MEDIA);
		return;
	}

	if (find_address(s, len, &start, &token_len)) {
		url = absolute_url(s + start, token_len);
		if (!is_valid_url(url)) {
			report_line(ps, line, "invalid_url", TEMPLATE_SOCIAL_MEDIA);
			goto out;
		}
		if (network < 0)
			network = network_of_url(url);
		account = account_of_url(url);
	} else {
		account = xstrndup(s, len);
	}
	if (network < 0)
		report_line(ps, line, "unknown_line", TEMPLATE_SOCIAL_MEDIA);
	else
		add_social_entry(social, network, account, url);
out:
	free(url);
	free(account);
}

static void add_social_media(struct parse *ps, json_t *tmpl)
{
	const struct line_list *list = &ps->sections[TEMPLATE_SOCIAL_MEDIA];
	json_t *social = json_array();

	for (size_t i = 0; i < list->count; i++)
		add_social_line(ps, &ps->lines[list->items[i]], social);
	json_object_set_new(tmpl, "social_media", social);
}

/* ------------------------------------------------------------------ */
/* The service document                                                */
/* ------------------------------------------------------------------ */

static int compare_reports(const void *a, const void *b)
{
	const struct report *x = a, *y = b;
	size_t lx = x->line ? x->line : SIZE_MAX;
	size_t ly = y->line ? y->line : SIZE_MAX;

	if (lx != ly)
		return lx < ly ? -1 : 1;
	return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

static json_t *build_report(struct parse *ps)
{
	json_t *array = json_array();

	if (ps->report_count > 1)
		qsort(ps->reports, ps->report_count, sizeof(*ps->reports),
		      compare_reports);
	for (size_t i = 0; i < ps->report_count; i++) {
		const struct report *r = &ps->reports[i];
		json_t *entry = json_object();

		json_object_set_new(entry, "line",
				    r->line ? json_integer((json_int_t)r->line)
					    : json_null());
		json_object_set_new(entry, "text", json_text(r->text));
		json_object_set_new(entry, "reason", json_string(r->reason));
		json_object_set_new(entry, "section", json_text(r->section));
		json_array_append_new(array, entry);
	}
	return array;
}

static json_t *build_service(struct parse *ps)
{
	json_t *service = json_object();
	json_t *tmpl = json_object();
	char *text;

	text = build_text(ps, &ps->title, " ", false);
	if (*text == '\0')
		report_add(ps, 0, "", "missing_name", NULL);
	json_object_set_new(service, "name", i18n_text(*text ? text : NULL));
	free(text);

	for (size_t i = 0; i < TEMPLATE_SECTION_COUNT; i++) {
		const struct template_section *section = &template_sections[i];

		if (!ps->found[i])
			report_add(ps, 0, section->title_es, "missing_section",
				   section->key);
		if (section->kind != TEMPLATE_KIND_TEXT ||
		    section->id == TEMPLATE_LOCATION_HOURS)
			continue;
		text = ps->found[i] ? build_text(ps, &ps->sections[i], "\n", true)
				    : NULL;
		json_object_set_new(tmpl, section->key, i18n_text(text));
		free(text);
	}
	add_location(ps, tmpl);
	add_faq(ps, tmpl);
	add_related_links(ps, tmpl);
	add_social_media(ps, tmpl);

	text = build_text(ps, &ps->disclaimer, "\n", false);
	json_object_set_new(tmpl, "disclaimer", i18n_text(*text ? text : NULL));
	free(text);

	json_object_set_new(service, "template", tmpl);
	return service;
}

int template_parse(const char *text, size_t len, json_t **service_out,
		   json_t **unplaced_out, struct error *err)
{
	struct parse ps = { .lines = NULL };
	json_t *service;
	int rc;

	*service_out = NULL;
	*unplaced_out = NULL;
	if (len > TEMPLATE_PARSE_MAX_BYTES)
		return error_set(err, RC_TOO_LARGE, "too_large", "text",
				 "La plantilla tiene %zu bytes, pero el máximo es "
				 "%d. Divídala en varias plantillas.",
				 "The template has %zu bytes, but the maximum is "
				 "%d. Split it into several templates.",
				 len, TEMPLATE_PARSE_MAX_BYTES);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}

	rc = split_lines(&ps, text, len, err);
	if (rc)
		goto out;
	if (ps.line_count == 0) {
		rc = error_set(err, RC_INVALID, "empty", "text",
			       "La plantilla está vacía. Escriba el nombre del "
			       "servicio y sus secciones.",
			       "The template is empty. Write the service name "
			       "and its sections.");
		goto out;
	}
	if (!assign_lines(&ps)) {
		rc = error_set(err, RC_INVALID, "no_sections", "text",
			       "La plantilla no tiene ningún encabezado de "
			       "sección. Escriba cada encabezado solo en su "
			       "línea, por ejemplo «Descripción del Servicio».",
			       "The template has no section heading. Write "
			       "each heading alone on its line, for example "
			       "\"Descripción del Servicio\".");
		goto out;
	}
	service = build_service(&ps);
	*service_out = service;
	*unplaced_out = build_report(&ps);
out:
	parse_release(&ps);
	return rc;
}
