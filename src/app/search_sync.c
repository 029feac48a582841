/*
 * search_sync.c - building the search index from the store and applying
 * committed writes to it (see search_sync.h).
 *
 * Every change is applied under one mutex that covers reading the store
 * and updating the index, so two writes to the same record that commit in
 * one order also reach the index in that order: the later one reads the
 * later state.
 */
#include "core/common.h"
#include "app/search_sync.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "search/index.h"
#include "store/kb.h"
#include "store/synonym.h"

#include <pthread.h>

#define PAGE_SIZE 500
#define MAX_TEXTS 16

static pthread_mutex_t sync_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- section titles --------------------------------------------------------- */

static const struct {
	const char *name, *es, *en;
} section_titles[] = {
	{ "name", "Nombre", "Name" },
	{ "acronym", "Siglas", "Acronym" },
	{ "description", "Descripción del Servicio", "Service description" },
	{ "audience", "Audiencia y Propósito", "Audience and purpose" },
	{ "considerations", "Consideraciones", "Considerations" },
	{ "location_hours", "Lugar y Horario de Servicio", "Place and hours of service" },
	{ "cost_payment", "Costo del Servicio y Métodos de Pago", "Cost and payment methods" },
	{ "requirements", "Requisitos para Obtener Servicio", "Requirements to obtain the service" },
	{ "faq", "Preguntas Frecuentes", "Frequently asked questions" },
	{ "related_links", "Enlaces Relacionados", "Related links" },
	{ "agency", "Agencia", "Agency" },
	{ "municipio", "Municipio", "Municipality" },
	{ "address", "Dirección", "Address" },
};

const char *search_section_title(const char *name, enum lang lang)
{
	for (size_t i = 0; i < ARRAY_SIZE(section_titles); i++)
		if (!strcmp(section_titles[i].name, name))
			return TR(lang, section_titles[i].es, section_titles[i].en);
	return name;
}

/* ---- agencies as context for documents --------------------------------------- */

struct agency_info {
	long long id;
	long long parent_id;
	char acronym[64];
	char *names; /* "Spanish name. English name" */
	const char *name_es; /* inside names */
	const char *name_en; /* inside names, or NULL */
	char *municipio; /* NULL unless municipal */
	enum search_level level;
	char *municipios[SEARCH_MAX_MUNICIPIOS]; /* agency's and its offices' */
	size_t nmunicipios;
};

struct agency_table {
	struct agency_info *list; /* sorted by id */
	size_t count, cap;
};

static const char *json_text(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s && *s ? s : NULL;
}

static enum search_level level_of(const char *level)
{
	if (!level)
		return SEARCH_LEVEL_ANY;
	if (!strcmp(level, "federal"))
		return SEARCH_LEVEL_FEDERAL;
	if (!strcmp(level, "municipal"))
		return SEARCH_LEVEL_MUNICIPAL;
	return SEARCH_LEVEL_STATE;
}

static void agency_add_municipio(struct agency_info *a, const char *m)
{
	if (!m || a->nmunicipios >= SEARCH_MAX_MUNICIPIOS)
		return;
	for (size_t i = 0; i < a->nmunicipios; i++)
		if (!strcmp(a->municipios[i], m))
			return;
	a->municipios[a->nmunicipios++] = xstrdup(m);
}

static void agency_info_fill(struct agency_info *a, json_t *row)
{
	json_t *name = json_object_get(row, "name");
	const char *es = json_text(name, "es"), *en = json_text(name, "en");
	const char *acronym = json_text(row, "acronym");
	struct strbuf sb = STRBUF_INIT;
	size_t es_len;

	memset(a, 0, sizeof(*a));
	a->id = json_integer_value(json_object_get(row, "id"));
	a->parent_id = json_integer_value(json_object_get(row, "parent_id"));
	snprintf(a->acronym, sizeof(a->acronym), "%s", acronym ? acronym : "");
	strbuf_adds(&sb, es ? es : "");
	es_len = sb.len;
	if (en) {
		strbuf_adds(&sb, ". ");
		strbuf_adds(&sb, en);
	}
	a->names = strbuf_detach(&sb, NULL);
	a->name_es = a->names;
	a->name_en = en ? a->names + es_len + 2 : NULL;
	/* name_es ends where the English name begins. */
	a->names[es_len] = '\0';
	a->level = level_of(json_text(row, "level"));
	if (json_text(row, "municipio"))
		a->municipio = xstrdup(json_text(row, "municipio"));
	agency_add_municipio(a, a->municipio);
}

static void agency_info_release(struct agency_info *a)
{
	free(a->names);
	free(a->municipio);
	for (size_t i = 0; i < a->nmunicipios; i++)
		free(a->municipios[i]);
	memset(a, 0, sizeof(*a));
}

static void agency_table_release(struct agency_table *t)
{
	for (size_t i = 0; i < t->count; i++)
		agency_info_release(&t->list[i]);
	free(t->list);
	memset(t, 0, sizeof(*t));
}

static struct agency_info *agency_table_find(const struct agency_table *t,
					     long long id)
{
	size_t lo = 0, hi = t->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->list[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->count && t->list[lo].id == id ? &t->list[lo] : NULL;
}

static int agency_cmp(const void *a, const void *b)
{
	long long x = ((const struct agency_info *)a)->id;
	long long y = ((const struct agency_info *)b)->id;

	return x < y ? -1 : x > y;
}

/* Call fn for every live agency, a page at a time. */
static int each_agency(struct store *store, int (*fn)(json_t *row, void *ctx),
		       void *ctx, struct error *err)
{
	struct agency_filter f = { 0 };
	struct page page = { PAGE_SIZE, 0 };

	for (;;) {
		json_t *out, *items;
		size_t n;
		int rc = store_agency_list(store, &f, &page, &out, err);

		if (rc)
			return rc;
		items = json_object_get(out, "items");
		n = json_array_size(items);
		for (size_t i = 0; i < n && !rc; i++)
			rc = fn(json_array_get(items, i), ctx);
		json_decref(out);
		if (rc || n < (size_t)page.limit)
			return rc;
		page.offset += page.limit;
	}
}

/* Call fn for every live office (of agency_id, or all for 0). */
static int each_office(struct store *store, long long agency_id,
		       int (*fn)(json_t *row, void *ctx), void *ctx,
		       struct error *err)
{
	struct office_filter f = { .agency_id = agency_id };
	struct page page = { PAGE_SIZE, 0 };

	for (;;) {
		json_t *out, *items;
		size_t n;
		int rc = store_office_list(store, &f, &page, &out, err);

		if (rc)
			return rc;
		items = json_object_get(out, "items");
		n = json_array_size(items);
		for (size_t i = 0; i < n && !rc; i++)
			rc = fn(json_array_get(items, i), ctx);
		json_decref(out);
		if (rc || n < (size_t)page.limit)
			return rc;
		page.offset += page.limit;
	}
}

static int table_add_agency(json_t *row, void *ctx)
{
	struct agency_table *t = ctx;

	if (t->count == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->list = xrealloc(t->list, t->cap * sizeof(*t->list));
	}
	agency_info_fill(&t->list[t->count++], row);
	return 0;
}

static int table_add_office_municipio(json_t *row, void *ctx)
{
	struct agency_info *a = agency_table_find(
		ctx, json_integer_value(json_object_get(row, "agency_id")));

	if (a)
		agency_add_municipio(a, json_text(row, "municipio"));
	return 0;
}

/* Load every live agency with the municipios of its offices. */
static int agency_table_load(struct store *store, struct agency_table *t,
			     struct error *err)
{
	int rc = each_agency(store, table_add_agency, t, err);

	if (rc)
		return rc;
	qsort(t->list, t->count, sizeof(*t->list), agency_cmp);
	return each_office(store, 0, table_add_office_municipio, t, err);
}

/* Load one agency (RC_NOT_FOUND when archived) and its parent into t. */
static int agency_table_load_one(struct store *store, long long id,
				 struct agency_table *t, struct error *err)
{
	json_t *row;
	int rc = store_agency_get(store, id, &row, err);

	if (rc)
		return rc;
	if (json_is_true(json_object_get(row, "archived"))) {
		json_decref(row);
		return error_set(err, RC_NOT_FOUND, "not_found", NULL,
				 "La agencia %lld está archivada.",
				 "Agency %lld is archived.", id);
	}
	table_add_agency(row, t);
	json_decref(row);
	if (t->list[0].parent_id &&
	    store_agency_get(store, t->list[0].parent_id, &row, NULL) == RC_OK) {
		table_add_agency(row, t);
		json_decref(row);
	}
	qsort(t->list, t->count, sizeof(*t->list), agency_cmp);
	return each_office(store, id, table_add_office_municipio, t, err);
}

/* ---- documents ---------------------------------------------------------------- */

struct doc_builder {
	struct search_doc doc;
	struct search_field fields[SEARCH_MAX_FIELDS];
	struct strbuf texts[MAX_TEXTS];
	size_t ntexts;
	const char *municipios[SEARCH_MAX_MUNICIPIOS];
};

static void builder_release(struct doc_builder *b)
{
	for (size_t i = 0; i < b->ntexts; i++)
		strbuf_release(&b->texts[i]);
	b->ntexts = 0;
}

static void add_field(struct doc_builder *b, const char *name, const char *text,
		      float weight, enum lang lang, unsigned flags)
{
	if (!text || !*text || b->doc.nfields >= SEARCH_MAX_FIELDS)
		return;
	b->fields[b->doc.nfields++] =
		(struct search_field){ name, text, weight, lang, flags };
}

/* Add a {"es", "en"} text member as one field per language. */
static void add_text_pair(struct doc_builder *b, const char *name, json_t *pair,
			  float weight)
{
	add_field(b, name, json_text(pair, "es"), weight, LANG_ES, 0);
	add_field(b, name, json_text(pair, "en"), weight, LANG_EN, 0);
}

static struct strbuf *new_text(struct doc_builder *b)
{
	BUG_ON(b->ntexts >= MAX_TEXTS);
	strbuf_init(&b->texts[b->ntexts], 0);
	return &b->texts[b->ntexts++];
}

/* Add the owning agency's names and acronym, and set the document's
 * agency ids (the agency, then its parent) and municipios. */
static void add_agency_context(struct doc_builder *b,
			       const struct agency_table *t, long long agency)
{
	const struct agency_info *a = agency_table_find(t, agency), *parent;

	if (!a)
		return;
	add_field(b, "agency", a->name_es, SEARCH_WEIGHT_AGENCY, LANG_ES, 0);
	add_field(b, "agency", a->name_en, SEARCH_WEIGHT_AGENCY, LANG_EN, 0);
	add_field(b, "agency", a->acronym, SEARCH_WEIGHT_AGENCY, LANG_ES,
		  SEARCH_FIELD_ACRONYM);
	b->doc.agency_ids[b->doc.nagency_ids++] = a->id;
	b->doc.level = a->level;
	parent = a->parent_id ? agency_table_find(t, a->parent_id) : NULL;
	if (parent) {
		/* A sub-agency's services belong to its parent too: the
		 * parent's acronym finds them ("DTOP" finds CESCO's). */
		add_field(b, "agency", parent->name_es, SEARCH_WEIGHT_SECTION,
			  LANG_ES, 0);
		add_field(b, "agency", parent->acronym, SEARCH_WEIGHT_SECTION,
			  LANG_ES, SEARCH_FIELD_ACRONYM);
	}
	if (a->parent_id)
		b->doc.agency_ids[b->doc.nagency_ids++] = a->parent_id;
}

static void builder_init(struct doc_builder *b, enum search_kind kind,
			 long long id)
{
	memset(b, 0, sizeof(*b));
	b->doc.kind = kind;
	b->doc.id = id;
	b->doc.fields = b->fields;
	b->doc.municipios = b->municipios;
}

static void service_doc(struct doc_builder *b, json_t *svc,
			const struct agency_table *t)
{
	const struct agency_info *a = agency_table_find(
		t, json_integer_value(json_object_get(svc, "agency_id")));
	static const char *const sections[] = {
		"audience", "considerations", "location_hours", "cost_payment",
		"requirements",
	};
	json_t *name = json_object_get(svc, "name");
	json_t *tmpl = json_object_get(svc, "template");
	json_t *location = json_object_get(tmpl, "location");
	json_t *faq = json_object_get(tmpl, "faq");
	json_t *links = json_object_get(tmpl, "related_links");
	struct strbuf *faq_text[2], *place, *link_text;
	size_t i;
	json_t *item;

	builder_init(b, SEARCH_KIND_SERVICE,
		     json_integer_value(json_object_get(svc, "id")));
	faq_text[0] = new_text(b);
	faq_text[1] = new_text(b);
	place = new_text(b);
	link_text = new_text(b);

	b->doc.title = json_text(name, "es") ? json_text(name, "es")
					       : json_text(name, "en");
	add_text_pair(b, "name", name, SEARCH_WEIGHT_NAME);
	add_text_pair(b, "description", json_object_get(tmpl, "description"),
		      SEARCH_WEIGHT_DESCRIPTION);
	for (i = 0; i < ARRAY_SIZE(sections); i++)
		add_text_pair(b, sections[i], json_object_get(tmpl, sections[i]),
			      SEARCH_WEIGHT_SECTION);
	if (json_text(location, "place"))
		strbuf_addf(place, "%s\n", json_text(location, "place"));
	if (json_text(location, "directory"))
		strbuf_addf(place, "%s\n", json_text(location, "directory"));
	add_field(b, "location_hours", strbuf_str(place), SEARCH_WEIGHT_SECTION,
		  LANG_ES, 0);
	json_array_foreach(faq, i, item) {
		for (int l = 0; l < 2; l++) {
			const char *code = l ? "en" : "es";
			const char *q = json_text(json_object_get(item, "question"), code);
			const char *ans = json_text(json_object_get(item, "answer"), code);

			if (q)
				strbuf_addf(faq_text[l], "%s ", q);
			if (ans)
				strbuf_addf(faq_text[l], "%s\n", ans);
		}
	}
	add_field(b, "faq", strbuf_str(faq_text[0]), SEARCH_WEIGHT_FAQ, LANG_ES, 0);
	add_field(b, "faq", strbuf_str(faq_text[1]), SEARCH_WEIGHT_FAQ, LANG_EN, 0);
	json_array_foreach(links, i, item)
		if (json_text(item, "title"))
			strbuf_addf(link_text, "%s\n", json_text(item, "title"));
	add_field(b, "related_links", strbuf_str(link_text), SEARCH_WEIGHT_FAQ,
		  LANG_ES, 0);
	add_agency_context(b, t, a ? a->id : 0);
	if (a)
		for (i = 0; i < a->nmunicipios; i++)
			b->municipios[b->doc.nmunicipios++] = a->municipios[i];
	if (!b->doc.title)
		b->doc.title = "";
}

static void agency_doc(struct doc_builder *b, const struct agency_info *a,
		       const struct agency_table *t)
{
	const struct agency_info *parent = a->parent_id
						   ? agency_table_find(t, a->parent_id)
						   : NULL;

	builder_init(b, SEARCH_KIND_AGENCY, a->id);
	b->doc.title = a->name_es;
	add_field(b, "acronym", a->acronym, SEARCH_WEIGHT_NAME, LANG_ES,
		  SEARCH_FIELD_ACRONYM);
	add_field(b, "name", a->name_es, SEARCH_WEIGHT_NAME, LANG_ES, 0);
	add_field(b, "name", a->name_en, SEARCH_WEIGHT_NAME, LANG_EN, 0);
	add_field(b, "municipio", a->municipio, SEARCH_WEIGHT_DESCRIPTION,
		  LANG_ES, 0);
	b->doc.level = a->level;
	b->doc.agency_ids[b->doc.nagency_ids++] = a->id;
	if (parent) {
		add_field(b, "agency", parent->name_es, SEARCH_WEIGHT_SECTION,
			  LANG_ES, 0);
		add_field(b, "agency", parent->acronym, SEARCH_WEIGHT_SECTION,
			  LANG_ES, SEARCH_FIELD_ACRONYM);
		b->doc.agency_ids[b->doc.nagency_ids++] = parent->id;
	}
	for (size_t i = 0; i < a->nmunicipios; i++)
		b->municipios[b->doc.nmunicipios++] = a->municipios[i];
}

static void office_doc(struct doc_builder *b, json_t *office,
		       const struct agency_table *t)
{
	json_t *name = json_object_get(office, "name");

	builder_init(b, SEARCH_KIND_OFFICE,
		     json_integer_value(json_object_get(office, "id")));
	b->doc.title = json_text(name, "es") ? json_text(name, "es") : "";
	add_text_pair(b, "name", name, SEARCH_WEIGHT_NAME);
	add_field(b, "municipio", json_text(office, "municipio"),
		  SEARCH_WEIGHT_DESCRIPTION, LANG_ES, 0);
	add_field(b, "address", json_text(office, "address"),
		  SEARCH_WEIGHT_SECTION, LANG_ES, 0);
	add_agency_context(b, t,
			   json_integer_value(json_object_get(office, "agency_id")));
	if (json_text(office, "municipio"))
		b->municipios[b->doc.nmunicipios++] = json_text(office, "municipio");
}

/* ---- synonyms -------------------------------------------------------------- */

struct synonym_list {
	json_t *groups; /* array of phrase arrays, kept alive for the strings */
};

static int collect_synonyms(json_t *group, void *ctx)
{
	struct synonym_list *l = ctx;

	json_array_append(l->groups, json_object_get(group, "phrases"));
	return 0;
}

static int load_synonyms(struct app *app, struct error *err)
{
	struct synonym_list l = { json_array() };
	struct search_synonym_group *groups;
	size_t n, i;
	int rc = store_synonym_each(app->store, collect_synonyms, &l, err);

	if (rc) {
		json_decref(l.groups);
		return rc;
	}
	n = json_array_size(l.groups);
	groups = xcalloc(n + 1, sizeof(*groups));
	for (i = 0; i < n; i++) {
		json_t *phrases = json_array_get(l.groups, i);
		size_t k = json_array_size(phrases);
		const char **list = xcalloc(k + 1, sizeof(char *));

		for (size_t j = 0; j < k; j++)
			list[j] = json_string_value(json_array_get(phrases, j));
		groups[i] = (struct search_synonym_group){ list, k };
	}
	search_index_set_synonyms(app->search, groups, n);
	for (i = 0; i < n; i++)
		free((void *)groups[i].phrases);
	free(groups);
	json_decref(l.groups);
	return RC_OK;
}

/* ---- full build ------------------------------------------------------------- */

struct build_ctx {
	struct search_builder *builder;
	struct agency_table *agencies;
	struct error *err;
	size_t services, offices;
};

static int build_add(struct build_ctx *c, struct doc_builder *b)
{
	int rc = search_builder_add(c->builder, &b->doc, c->err);

	builder_release(b);
	return rc;
}

static int build_service(json_t *svc, void *ctx)
{
	struct build_ctx *c = ctx;
	struct doc_builder *b = xmalloc(sizeof(*b));
	int rc;

	service_doc(b, svc, c->agencies);
	rc = build_add(c, b);
	free(b);
	c->services++;
	return rc;
}

static int build_office(json_t *office, void *ctx)
{
	struct build_ctx *c = ctx;
	struct doc_builder *b = xmalloc(sizeof(*b));
	int rc;

	office_doc(b, office, c->agencies);
	rc = build_add(c, b);
	free(b);
	c->offices++;
	return rc;
}

static int build_locked(struct app *app, struct error *err)
{
	struct agency_table agencies = { 0 };
	struct build_ctx c = { .agencies = &agencies, .err = err };
	struct doc_builder *b = xmalloc(sizeof(*b));
	struct timespec t0, t1;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!app->search)
		app->search = search_index_new();
	c.builder = search_index_build_begin(app->search);
	rc = agency_table_load(app->store, &agencies, err);
	for (size_t i = 0; !rc && i < agencies.count; i++) {
		agency_doc(b, &agencies.list[i], &agencies);
		rc = build_add(&c, b);
	}
	if (!rc)
		rc = each_office(app->store, 0, build_office, &c, err);
	if (!rc)
		rc = store_service_each_published(app->store, build_service, &c, err);
	if (rc)
		search_builder_abort(c.builder);
	else
		search_index_build_commit(c.builder);
	if (!rc)
		rc = load_synonyms(app, err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!rc)
		log_info("search",
			 "index built: %zu services, %zu agencies, %zu offices in %.2f s",
			 c.services, agencies.count, c.offices,
			 (double)(t1.tv_sec - t0.tv_sec) +
				 (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	agency_table_release(&agencies);
	free(b);
	return rc;
}

int search_sync_build(struct app *app, struct error *err)
{
	int rc;

	pthread_mutex_lock(&sync_lock);
	rc = build_locked(app, err);
	pthread_mutex_unlock(&sync_lock);
	if (rc)
		log_error("search", "index build failed: %s", err->message_en);
	return rc;
}

/* ---- one change ------------------------------------------------------------ */

static int sync_service(struct app *app, long long id, struct error *err)
{
	struct agency_table agencies = { 0 };
	struct doc_builder *b;
	json_t *svc;
	int rc = store_service_get(app->store, id, SERVICE_PUBLISHED, 0, &svc, err);

	if (rc == RC_NOT_FOUND) {
		/* Not published (any more) or archived: not searchable. */
		search_index_remove(app->search, SEARCH_KIND_SERVICE, id);
		return RC_OK;
	}
	if (rc)
		return rc;
	rc = agency_table_load_one(app->store,
				   json_integer_value(json_object_get(svc, "agency_id")),
				   &agencies, err);
	if (rc == RC_NOT_FOUND)
		rc = RC_OK; /* index the service without its agency */
	b = xmalloc(sizeof(*b));
	if (!rc) {
		service_doc(b, svc, &agencies);
		rc = search_index_upsert(app->search, &b->doc, err);
		builder_release(b);
	}
	free(b);
	json_decref(svc);
	agency_table_release(&agencies);
	return rc;
}

static int sync_office_row(struct app *app, json_t *office,
			   const struct agency_table *t, struct error *err)
{
	struct doc_builder *b = xmalloc(sizeof(*b));
	int rc;

	office_doc(b, office, t);
	rc = search_index_upsert(app->search, &b->doc, err);
	builder_release(b);
	free(b);
	return rc;
}

static int sync_office(struct app *app, long long id, struct error *err)
{
	struct agency_table agencies = { 0 };
	json_t *office;
	int rc = store_office_get(app->store, id, &office, err);

	if (rc == RC_NOT_FOUND ||
	    (!rc && json_is_true(json_object_get(office, "archived")))) {
		if (!rc)
			json_decref(office);
		search_index_remove(app->search, SEARCH_KIND_OFFICE, id);
		return RC_OK;
	}
	if (rc)
		return rc;
	rc = agency_table_load_one(app->store,
				   json_integer_value(json_object_get(office, "agency_id")),
				   &agencies, err);
	if (rc == RC_NOT_FOUND)
		rc = RC_OK;
	if (!rc)
		rc = sync_office_row(app, office, &agencies, err);
	json_decref(office);
	agency_table_release(&agencies);
	return rc;
}

struct agency_sync {
	struct app *app;
	const struct agency_table *agencies;
	struct error *err;
};

static int resync_office(json_t *office, void *ctx)
{
	struct agency_sync *s = ctx;

	return sync_office_row(s->app, office, s->agencies, s->err);
}

/* An agency's names, acronym, level and municipios are part of its
 * services' and offices' documents, so those are indexed again too. */
static int sync_agency(struct app *app, long long id, struct error *err)
{
	struct agency_table agencies = { 0 };
	struct service_filter f = { .agency_id = id, .referrals_allowed = -1 };
	struct page page = { PAGE_SIZE, 0 };
	struct doc_builder *b;
	int rc = agency_table_load_one(app->store, id, &agencies, err);

	if (rc == RC_NOT_FOUND) {
		search_index_remove(app->search, SEARCH_KIND_AGENCY, id);
		return RC_OK;
	}
	if (rc)
		return rc;
	b = xmalloc(sizeof(*b));
	agency_doc(b, agency_table_find(&agencies, id), &agencies);
	rc = search_index_upsert(app->search, &b->doc, err);
	builder_release(b);
	free(b);
	if (!rc) {
		struct agency_sync s = { app, &agencies, err };

		rc = each_office(app->store, id, resync_office, &s, err);
	}
	while (!rc) {
		json_t *out, *items;
		size_t n;

		rc = store_service_list(app->store, &f, &page, &out, err);
		if (rc)
			break;
		items = json_object_get(out, "items");
		n = json_array_size(items);
		for (size_t i = 0; i < n && !rc; i++)
			rc = sync_service(app, json_integer_value(json_object_get(
						       json_array_get(items, i), "id")),
					  err);
		json_decref(out);
		if (n < (size_t)page.limit)
			break;
		page.offset += page.limit;
	}
	agency_table_release(&agencies);
	return rc;
}

void search_sync_changed(struct app *app, const char *kind, long long id)
{
	struct error err = { 0 };
	int rc;

	if (!app->search)
		return;
	pthread_mutex_lock(&sync_lock);
	if (!strcmp(kind, "service"))
		rc = sync_service(app, id, &err);
	else if (!strcmp(kind, "office"))
		rc = sync_office(app, id, &err);
	else if (!strcmp(kind, "agency"))
		rc = sync_agency(app, id, &err);
	else if (!strcmp(kind, "synonym"))
		rc = load_synonyms(app, &err);
	else
		rc = build_locked(app, &err);
	pthread_mutex_unlock(&sync_lock);
	if (rc)
		log_error("search", "index update for %s %lld failed: %s", kind, id,
			  err.message_en);
}

void search_sync_close(struct app *app)
{
	pthread_mutex_lock(&sync_lock);
	search_index_free(app->search);
	app->search = NULL;
	pthread_mutex_unlock(&sync_lock);
}

int search_worker_start(struct app *app, struct error *err)
{
	return search_sync_build(app, err);
}

void search_worker_stop(struct app *app)
{
	search_sync_close(app);
}
