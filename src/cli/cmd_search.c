/* cmd_search.c - `linea311 search QUERY`: the operator search from a shell. */
#include "core/common.h"
#include "app/app.h"
#include "app/search_sync.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/strbuf.h"
#include "domain/municipio.h"
#include "search/index.h"
#include "store/kb.h"

#include <unistd.h>

static const struct cli_flag flags[] = {
	{ "agency", true, "solo esta agencia (id o siglas) y sus dependencias",
	  "only this agency (id or acronym) and its sub-agencies" },
	{ "level", true, "solo este nivel: federal, state o municipal",
	  "only this level: federal, state or municipal" },
	{ "municipio", true, "solo este municipio", "only this municipio" },
	{ "language", true, "solo documentos con texto en es o en",
	  "only documents with text in es or en" },
	{ "kind", true, "solo service, agency u office",
	  "only service, agency or office" },
	{ "limit", true, "cuántos resultados mostrar (1 a 100, 10 por omisión)",
	  "how many results to show (1 to 100, default 10)" },
	{ "json", false, "muestra la respuesta en JSON como la API",
	  "print the answer as JSON, as the API does" },
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

static int usage_error(struct error *err, const char *field, const char *value)
{
	return error_set(err, RC_INVALID, "invalid_field", field,
			 "El valor «%s» de --%s no es válido; vea linea311 search --help.",
			 "The value \"%s\" of --%s is not valid; see linea311 search --help.",
			 value, field);
}

/* Fill q's filters from the flags. */
static int read_filters(struct app *app, const struct cli_args *args,
			struct search_query *q, struct error *err)
{
	const char *v;
	char *end;

	if ((v = cli_value(args, flags, "agency"))) {
		long long id;

		errno = 0;
		id = strtoll(v, &end, 10);
		if (errno || *end || id <= 0) {
			if (store_agency_find(app->store, v, NULL, &id, err))
				return err->rc;
		}
		q->agency_id = id;
	}
	if ((v = cli_value(args, flags, "level"))) {
		if (!strcmp(v, "federal"))
			q->level = SEARCH_LEVEL_FEDERAL;
		else if (!strcmp(v, "state"))
			q->level = SEARCH_LEVEL_STATE;
		else if (!strcmp(v, "municipal"))
			q->level = SEARCH_LEVEL_MUNICIPAL;
		else
			return usage_error(err, "level", v);
	}
	if ((v = cli_value(args, flags, "municipio"))) {
		q->municipio = municipio_canonical(v);
		if (!q->municipio)
			return usage_error(err, "municipio", v);
	}
	if ((v = cli_value(args, flags, "language"))) {
		if (strcmp(v, "es") && strcmp(v, "en"))
			return usage_error(err, "language", v);
		q->lang = !strcmp(v, "en") ? LANG_EN : LANG_ES;
	}
	if ((v = cli_value(args, flags, "kind"))) {
		if (!strcmp(v, "service"))
			q->kinds = 1u << SEARCH_KIND_SERVICE;
		else if (!strcmp(v, "agency"))
			q->kinds = 1u << SEARCH_KIND_AGENCY;
		else if (!strcmp(v, "office"))
			q->kinds = 1u << SEARCH_KIND_OFFICE;
		else
			return usage_error(err, "kind", v);
	}
	if ((v = cli_value(args, flags, "limit"))) {
		long n;

		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || *end || n < 1 || n > SEARCH_MAX_LIMIT)
			return usage_error(err, "limit", v);
		q->limit = (size_t)n;
	}
	return RC_OK;
}

/* Print an HTML snippet for a terminal: entities decoded, marked words in
 * bold on a terminal and between asterisks elsewhere. */
static void print_snippet(const char *s, bool tty)
{
	static const struct {
		const char *from, *to;
	} map[] = {
		{ "&amp;", "&" },  { "&lt;", "<" },   { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" },
	};

	while (*s) {
		bool done = false;

		if (!strncmp(s, "<mark>", 6)) {
			fputs(tty ? "\033[1m" : "*", stdout);
			s += 6;
			continue;
		}
		if (!strncmp(s, "</mark>", 7)) {
			fputs(tty ? "\033[0m" : "*", stdout);
			s += 7;
			continue;
		}
		for (size_t i = 0; i < ARRAY_SIZE(map) && !done; i++) {
			size_t n = strlen(map[i].from);

			if (!strncmp(s, map[i].from, n)) {
				fputs(map[i].to, stdout);
				s += n;
				done = true;
			}
		}
		if (!done)
			fputc(*s++, stdout);
	}
}

static void print_result(const struct search_result *r, enum lang lang,
			 bool as_json, const char *text)
{
	static const char *const kind_es[] = { "servicio", "agencia", "oficina" };
	bool tty = isatty(STDOUT_FILENO);

	if (as_json) {
		json_t *items = json_array();

		for (size_t i = 0; i < r->count; i++) {
			const struct search_hit *h = &r->hits[i];

			json_array_append_new(
				items,
				json_pack("{sssIsssfssssssss}", "kind",
					  search_kind_name(h->kind), "id",
					  (json_int_t)h->id, "title", h->title,
					  "score", h->score, "match",
					  search_match_name(h->match), "section",
					  h->section, "section_title",
					  search_section_title(h->section, lang),
					  "snippet", h->snippet));
		}
		json_t *out = json_pack("{sssIsbso}", "query", text, "total",
					(json_int_t)r->total, "total_exact",
					r->total_exact, "items", items);

		json_dumpf(out, stdout, JSON_INDENT(1));
		fputc('\n', stdout);
		json_decref(out);
		return;
	}
	printf(TR(lang, "%s%zu resultados para «%s»\n", "%s%zu results for \"%s\"\n"),
	       r->total_exact ? "" : TR(lang, "al menos ", "at least "), r->total,
	       text);
	for (size_t i = 0; i < r->count; i++) {
		const struct search_hit *h = &r->hits[i];

		printf("%2zu. [%s %lld] %s\n    %s: ", i + 1,
		       lang == LANG_EN ? search_kind_name(h->kind) : kind_es[h->kind],
		       (long long)h->id, h->title,
		       search_section_title(h->section, lang));
		print_snippet(h->snippet, tty);
		fputc('\n', stdout);
	}
}

int cmd_search(int argc, char **argv)
{
	struct config cfg;
	struct cli_args args;
	struct app app;
	struct error err;
	struct search_query q = { .lang = -1 };
	struct search_result r = { 0 };
	struct strbuf text = STRBUF_INIT;
	int rc;

	rc = cli_setup(argc, argv, flags, &cfg, &args);
	if (rc)
		return rc;
	if (cli_given(&args, flags, "help") || args.count == 0) {
		cli_print_usage("Uso: linea311 search [--agency X] [--level N] [--municipio M] PALABRAS...",
				"Usage: linea311 search [--agency X] [--level L] [--municipio M] WORDS...",
				flags);
		config_release(&cfg);
		return args.count == 0 && !cli_given(&args, flags, "help") ? 2 : 0;
	}
	for (size_t i = 0; i < args.count; i++) {
		if (i)
			strbuf_addch(&text, ' ');
		strbuf_adds(&text, args.positional[i]);
	}
	q.text = strbuf_str(&text);
	if (app_open(&app, &cfg, &err)) {
		cli_print_error(&err);
		strbuf_release(&text);
		config_release(&cfg);
		return 1;
	}
	rc = read_filters(&app, &args, &q, &err);
	if (!rc)
		rc = search_sync_build(&app, &err);
	if (!rc)
		rc = search_index_query(app.search, &q, &r, &err);
	if (rc)
		cli_print_error(&err);
	else
		print_result(&r, app.lang, cli_given(&args, flags, "json"), q.text);
	search_result_free(&r);
	app_close(&app);
	strbuf_release(&text);
	config_release(&cfg);
	return rc ? 1 : 0;
}
