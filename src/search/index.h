/*
 * index.h - the in-memory search index over services, agencies and offices.
 *
 * Documents are indexed by folded words (see domain/text.h), with stemmed
 * forms for Spanish and English (Snowball through libstemmer), a typo
 * index and a sorted vocabulary for prefixes. A query word matches, from
 * best to worst: the same word, a word with the same stem, a synonym or
 * acronym expansion, a word it is a prefix of (last word only), a word one
 * or two edits away. Each document field has a weight, so a match in a
 * service's name outranks one in its description, its other sections and
 * its FAQ, in that order.
 *
 * Thread safety: any number of threads may query at once while one thread
 * upserts or removes a document; writers take a write lock per document,
 * so a write is visible to every query that starts after it returns.
 */
#ifndef LINEA311_SEARCH_INDEX_H
#define LINEA311_SEARCH_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/i18n.h"

enum search_kind {
	SEARCH_KIND_SERVICE = 0,
	SEARCH_KIND_AGENCY = 1,
	SEARCH_KIND_OFFICE = 2,
};

enum search_level {
	SEARCH_LEVEL_ANY = 0, /* in a query: no filter; in a document: none */
	SEARCH_LEVEL_FEDERAL,
	SEARCH_LEVEL_STATE,
	SEARCH_LEVEL_MUNICIPAL,
};

/* Field weights. A service's name, an agency's name and acronym and an
 * office's name use SEARCH_WEIGHT_NAME. */
#define SEARCH_WEIGHT_NAME 10.0f
#define SEARCH_WEIGHT_DESCRIPTION 4.0f
#define SEARCH_WEIGHT_AGENCY 3.0f /* the owning agency's names on a service */
#define SEARCH_WEIGHT_SECTION 2.0f
#define SEARCH_WEIGHT_FAQ 1.0f

/* The field contains acronyms: every word is indexed, even one that is a
 * stopword elsewhere, so that "DE" finds the Departamento de Educación. */
#define SEARCH_FIELD_ACRONYM 1u

#define SEARCH_MAX_FIELDS 64
#define SEARCH_MAX_AGENCIES 4
#define SEARCH_MAX_MUNICIPIOS 16
#define SEARCH_MAX_LIMIT 100
#define SEARCH_DEFAULT_LIMIT 10

struct search_field {
	const char *name; /* section key reported with results: "name", ... */
	const char *text; /* UTF-8 */
	float weight; /* > 0; see SEARCH_WEIGHT_* */
	enum lang lang;
	unsigned flags; /* SEARCH_FIELD_* */
};

struct search_doc {
	enum search_kind kind;
	int64_t id; /* the store's id; (kind, id) identifies the document */
	const char *title; /* reported with results */
	enum search_level level;
	/* The owning agency first, then its parent agencies; an agency lists
	 * itself. The agency filter matches any of them. */
	int64_t agency_ids[SEARCH_MAX_AGENCIES];
	size_t nagency_ids;
	const char *const *municipios; /* where the service or office is */
	size_t nmunicipios;
	const struct search_field *fields;
	size_t nfields;
};

struct search_query {
	const char *text;
	int64_t agency_id; /* 0: any */
	enum search_level level;
	const char *municipio; /* NULL: any; compared folded */
	int lang; /* -1: any; else enum lang: documents with a field in it */
	unsigned kinds; /* bit mask of 1u << enum search_kind; 0: all */
	size_t limit; /* 0: SEARCH_DEFAULT_LIMIT; at most SEARCH_MAX_LIMIT */
};

enum search_match {
	SEARCH_MATCH_EXACT = 0,
	SEARCH_MATCH_STEM,
	SEARCH_MATCH_SYNONYM,
	SEARCH_MATCH_PREFIX,
	SEARCH_MATCH_TYPO,
};

struct search_hit {
	enum search_kind kind;
	int64_t id;
	double score;
	enum search_match match; /* the strongest kind of match in the document */
	char *title;
	char *section; /* name of the field that the snippet comes from */
	char *snippet; /* HTML-escaped, matched words inside <mark></mark> */
};

struct search_result {
	struct search_hit *hits;
	size_t count;
	/* Documents that matched and passed the filters. When total_exact is
	 * false the query skipped documents that match only in low-weight
	 * sections, because none of them could enter the results, and total
	 * counts the others only. */
	size_t total;
	bool total_exact;
};

/* A group of phrases that mean the same ("DTOP", "Departamento de
 * Transportación y Obras Públicas"). A query that contains one phrase also
 * matches documents that contain any other phrase of the group. */
struct search_synonym_group {
	const char *const *phrases;
	size_t nphrases;
};

struct search_index;
struct search_builder;

struct search_index *search_index_new(void);
void search_index_free(struct search_index *idx);

/* Add the document, or replace the one with the same kind and id. Fails
 * with RC_INVALID for a document without fields, with too many fields or
 * agencies or municipios, or with a field weight that is not positive. */
int search_index_upsert(struct search_index *idx, const struct search_doc *doc,
			struct error *err);

/* Remove the document; returns false when it was not indexed. */
bool search_index_remove(struct search_index *idx, enum search_kind kind,
			 int64_t id);

/* Return the number of documents indexed. */
size_t search_index_count(struct search_index *idx);

/*
 * Rebuild the whole index: search_index_build_begin, one
 * search_builder_add per document, then search_index_build_commit, which
 * replaces the index in one step, or search_builder_abort. Queries go on
 * against the old index meanwhile. Between begin and commit or abort,
 * upserts and removals on other threads wait, so that a caller that reads
 * its documents after begin loses no concurrent write.
 */
struct search_builder *search_index_build_begin(struct search_index *idx);
int search_builder_add(struct search_builder *b, const struct search_doc *doc,
		       struct error *err);
void search_index_build_commit(struct search_builder *b);
void search_builder_abort(struct search_builder *b);

/* Replace the synonym and acronym groups. Phrases without any word are
 * skipped. */
void search_index_set_synonyms(struct search_index *idx,
			       const struct search_synonym_group *groups,
			       size_t ngroups);

/*
 * Run the query and fill *out, best first. The last word of the text is
 * also matched as a prefix unless the text ends with a space. Fails with
 * RC_INVALID when the text has no word. Free the result with
 * search_result_free.
 */
int search_index_query(struct search_index *idx, const struct search_query *q,
		       struct search_result *out, struct error *err);

void search_result_free(struct search_result *r);

/* Return "service", "agency" or "office". */
const char *search_kind_name(enum search_kind kind);

/* Return "exact", "stem", "synonym", "prefix" or "typo". */
const char *search_match_name(enum search_match match);

#endif
