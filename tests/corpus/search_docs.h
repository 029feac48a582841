/*
 * search_docs.h - turning generated services and the bundled agency list
 * into search documents, the same way the server indexes real ones.
 *
 * Header-only, for the relevance test and the search benchmark.
 */
#ifndef LINEA311_SEARCH_DOCS_H
#define LINEA311_SEARCH_DOCS_H

#include "corpus/search_corpus.h"

#define CORPUS_AGENCY_ID_BASE 1000

struct corpus_agency {
	char acronym[24];
	char name_es[160];
	char name_en[160];
	char parent[24];
	enum search_level level;
};

struct corpus_agencies {
	struct corpus_agency list[128];
	size_t count;
};

/* Read data/bundled/agencias-pr.csv (siglas,nombre,name_en,nivel,
 * agencia_madre; no quoted commas). Returns the number read, 0 on error. */
static size_t corpus_agencies_load(const char *path, struct corpus_agencies *a)
{
	FILE *f = fopen(path, "r");
	char line[512];

	a->count = 0;
	if (!f)
		return 0;
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return 0;
	}
	while (fgets(line, sizeof(line), f) && a->count < 128) {
		struct corpus_agency *ag = &a->list[a->count];
		char *cols[5] = { 0 };
		char *p = line;
		size_t n = 0;

		line[strcspn(line, "\r\n")] = '\0';
		while (n < 5) {
			cols[n++] = p;
			p = strchr(p, ',');
			if (!p)
				break;
			*p++ = '\0';
		}
		if (n < 4)
			continue;
		snprintf(ag->acronym, sizeof(ag->acronym), "%s", cols[0]);
		snprintf(ag->name_es, sizeof(ag->name_es), "%s", cols[1]);
		snprintf(ag->name_en, sizeof(ag->name_en), "%s", cols[2]);
		snprintf(ag->parent, sizeof(ag->parent), "%s", cols[4] ? cols[4] : "");
		ag->level = strcmp(cols[3], "federal") == 0     ? SEARCH_LEVEL_FEDERAL
			    : strcmp(cols[3], "municipal") == 0 ? SEARCH_LEVEL_MUNICIPAL
								  : SEARCH_LEVEL_STATE;
		a->count++;
	}
	fclose(f);
	return a->count;
}

static int64_t corpus_agency_id(const struct corpus_agencies *a,
				const char *acronym)
{
	for (size_t i = 0; acronym && i < a->count; i++)
		if (strcmp(a->list[i].acronym, acronym) == 0)
			return CORPUS_AGENCY_ID_BASE + (int64_t)i;
	return 0;
}

static const struct corpus_agency *corpus_agency_get(
	const struct corpus_agencies *a, const char *acronym)
{
	int64_t id = corpus_agency_id(a, acronym);

	return id ? &a->list[id - CORPUS_AGENCY_ID_BASE] : NULL;
}

/* Storage for the fields of one document. */
struct corpus_doc {
	struct search_field fields[12];
	const char *municipios[1];
	struct search_doc doc;
	char agency_names[400];
};

/* Fill d with the search document of generated service s. */
static void corpus_service_doc(const struct corpus_agencies *a,
			       const struct corpus_service *s,
			       struct corpus_doc *d)
{
	const struct corpus_agency *ag = corpus_agency_get(a, s->topic->agency);
	size_t n = 0;

	memset(d, 0, sizeof(*d));
	d->fields[n++] = (struct search_field){ "name", strbuf_str(&s->name_es),
						SEARCH_WEIGHT_NAME, LANG_ES, 0 };
	d->fields[n++] = (struct search_field){ "name", strbuf_str(&s->name_en),
						SEARCH_WEIGHT_NAME, LANG_EN, 0 };
	d->fields[n++] = (struct search_field){ "description",
						strbuf_str(&s->description),
						SEARCH_WEIGHT_DESCRIPTION, LANG_ES, 0 };
	d->fields[n++] = (struct search_field){ "description", s->topic->detail_en,
						SEARCH_WEIGHT_DESCRIPTION, LANG_EN, 0 };
	d->fields[n++] = (struct search_field){ "audience", strbuf_str(&s->audience),
						SEARCH_WEIGHT_SECTION, LANG_ES, 0 };
	d->fields[n++] = (struct search_field){ "considerations",
						strbuf_str(&s->considerations),
						SEARCH_WEIGHT_SECTION, LANG_ES, 0 };
	d->fields[n++] = (struct search_field){ "location", strbuf_str(&s->place),
						SEARCH_WEIGHT_SECTION, LANG_ES, 0 };
	d->fields[n++] = (struct search_field){ "cost", strbuf_str(&s->cost),
						SEARCH_WEIGHT_SECTION, LANG_ES, 0 };
	d->fields[n++] = (struct search_field){ "requirements",
						strbuf_str(&s->requirements),
						SEARCH_WEIGHT_SECTION, LANG_ES, 0 };
	d->fields[n++] = (struct search_field){ "faq", strbuf_str(&s->faq),
						SEARCH_WEIGHT_FAQ, LANG_ES, 0 };
	if (ag) {
		snprintf(d->agency_names, sizeof(d->agency_names), "%s. %s",
			 ag->name_es, ag->name_en);
		d->fields[n++] = (struct search_field){ "agency", d->agency_names,
							SEARCH_WEIGHT_AGENCY,
							LANG_ES, 0 };
		d->fields[n++] = (struct search_field){ "agency", ag->acronym,
							SEARCH_WEIGHT_AGENCY,
							LANG_ES,
							SEARCH_FIELD_ACRONYM };
		d->doc.agency_ids[d->doc.nagency_ids++] =
			corpus_agency_id(a, ag->acronym);
		if (ag->parent[0])
			d->doc.agency_ids[d->doc.nagency_ids++] =
				corpus_agency_id(a, ag->parent);
	}
	d->doc.kind = SEARCH_KIND_SERVICE;
	d->doc.id = s->id;
	d->doc.title = strbuf_str(&s->name_es);
	d->doc.level = s->topic->level;
	d->municipios[0] = s->municipio;
	d->doc.municipios = d->municipios;
	d->doc.nmunicipios = s->municipio ? 1 : 0;
	d->doc.fields = d->fields;
	d->doc.nfields = n;
}

/* Fill d with the search document of agency number i of a. */
static void corpus_agency_doc(const struct corpus_agencies *a, size_t i,
			      struct corpus_doc *d)
{
	const struct corpus_agency *ag = &a->list[i];
	size_t n = 0;

	memset(d, 0, sizeof(*d));
	d->fields[n++] = (struct search_field){ "acronym", ag->acronym,
						SEARCH_WEIGHT_NAME, LANG_ES,
						SEARCH_FIELD_ACRONYM };
	d->fields[n++] = (struct search_field){ "name", ag->name_es,
						SEARCH_WEIGHT_NAME, LANG_ES, 0 };
	d->fields[n++] = (struct search_field){ "name", ag->name_en,
						SEARCH_WEIGHT_NAME, LANG_EN, 0 };
	d->doc.kind = SEARCH_KIND_AGENCY;
	d->doc.id = CORPUS_AGENCY_ID_BASE + (int64_t)i;
	d->doc.title = ag->name_es;
	d->doc.level = ag->level;
	d->doc.agency_ids[d->doc.nagency_ids++] = d->doc.id;
	if (ag->parent[0])
		d->doc.agency_ids[d->doc.nagency_ids++] =
			corpus_agency_id(a, ag->parent);
	d->doc.fields = d->fields;
	d->doc.nfields = n;
}

#endif
