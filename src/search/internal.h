/*
 * internal.h - data structures shared by the files of the search index.
 *
 * A state is one complete index: documents, vocabulary and postings. The
 * public struct search_index holds the current state behind a read/write
 * lock; a rebuild prepares a new state and swaps it in.
 */
#ifndef LINEA311_SEARCH_INTERNAL_H
#define LINEA311_SEARCH_INTERNAL_H

#include <pthread.h>

#include "domain/text.h"
#include "search/index.h"

#define NO_ID UINT32_MAX
#define NLANGS 2

/* ---- hash maps ---------------------------------------------------------- */

uint64_t search_hash(const void *data, size_t len);

/* Open addressing from uint64 keys to uint32 values, with deletion. */
struct u64map {
	uint64_t *keys;
	uint32_t *vals; /* NO_ID marks an empty slot */
	size_t size; /* power of two, 0 before the first insert */
	size_t count;
};

void u64map_free(struct u64map *m);
uint32_t u64map_get(const struct u64map *m, uint64_t key);
void u64map_put(struct u64map *m, uint64_t key, uint32_t val);
void u64map_del(struct u64map *m, uint64_t key);

/* Interned strings: each string gets a dense id, kept for the map's life. */
struct strmap {
	char **strs;
	uint32_t count, cap;
	struct u64map index; /* hash of string -> first id, chained below */
	uint32_t *next; /* next id with the same hash, or NO_ID */
};

void strmap_free(struct strmap *m);
uint32_t strmap_find(const struct strmap *m, const char *s, size_t len);
/* Return the id of s, adding it when new; *added is set when it was. */
uint32_t strmap_intern(struct strmap *m, const char *s, size_t len,
		       bool *added);

/* ---- vocabulary ----------------------------------------------------------- */

#define POSTING_ENYE 1u

/* One document that contains a term, with its field-weighted impact. */
struct posting {
	uint32_t doc;
	uint16_t impact; /* score contribution * IMPACT_SCALE */
	uint8_t field; /* field-name id of the best-scoring field */
	uint8_t flags; /* POSTING_* */
};

#define IMPACT_SCALE 256.0f

/*
 * Postings are split in three tiers by impact, each sorted by document.
 * Tier 0 starts at TIER_SPLIT_0 (in practice a match in a name or
 * acronym), tier 1 at TIER_SPLIT_1 (a description or an agency name),
 * and tier 2 has the rest (other sections, FAQ). A query scores tier 0 first and reads
 * the other tiers only for documents that could still reach the top
 * results (see query.c).
 */
#define TIERS 3
#define TIER_SPLIT_0 (6.0f * IMPACT_SCALE)
#define TIER_SPLIT_1 (3.0f * IMPACT_SCALE)

struct term {
	uint32_t df; /* live documents containing the term */
	uint16_t len;
	uint16_t chars;
	uint8_t langs; /* 1 << lang for each field language seen */
	bool has_digit;
	uint32_t stem[NLANGS]; /* stem-group id, or NO_ID */
	struct posting *post[TIERS];
	uint32_t npost[TIERS], cap[TIERS];
	/* Highest impact ever stored in each tier; removals leave it, so it
	 * stays an upper bound. */
	uint16_t max_impact[TIERS];
};

struct id_list {
	uint32_t *ids;
	uint32_t n, cap;
};

void id_list_push(struct id_list *l, uint32_t id);

struct vocab {
	struct strmap words; /* term id == word id */
	struct term *terms;
	uint32_t cap;
	struct strmap stems[NLANGS]; /* stem string -> group id */
	struct id_list *groups[NLANGS]; /* group id -> term ids */
	uint32_t group_cap[NLANGS];
	/* Typo index: hash of each term and its deletions -> term ids. */
	struct u64map del_head;
	uint32_t *del_term, *del_next;
	uint32_t ndel, del_cap;
	/* Term ids in byte order of their words, for prefixes. */
	uint32_t *sorted;
	uint32_t nsorted;
	bool sorted_stale; /* bulk build: sort once at the end */
};

void vocab_free(struct vocab *v);
const char *vocab_word(const struct vocab *v, uint32_t term);
uint32_t vocab_find(const struct vocab *v, const char *word, size_t len);
/* Return the id of the word, adding the term when new, and register its
 * stem for lang. */
uint32_t vocab_intern(struct vocab *v, const struct text_token *tok,
		      enum lang lang);
void vocab_sort(struct vocab *v);

/* Stem a folded word with the calling thread's Snowball stemmer. Returns
 * the length written to out (at most TEXT_WORD_MAX). */
size_t search_stem(enum lang lang, const char *word, size_t len,
		   char out[TEXT_WORD_MAX + 1]);

/* Candidate term with its edit distance. */
struct candidate {
	uint32_t term;
	int dist;
};

/* Fill out with live terms within max_dist edits of word; returns count. */
size_t vocab_typo_candidates(const struct vocab *v, const char *word,
			     size_t len, int max_dist, struct candidate *out,
			     size_t out_cap);

/* Call fn for each live term that starts with prefix[0..len). */
void vocab_each_prefix(const struct vocab *v, const char *prefix, size_t len,
		       void (*fn)(void *ctx, uint32_t term), void *ctx);

/* ---- documents and state --------------------------------------------------- */

/* One term of a document with its posting's values. */
struct doc_term {
	uint32_t term;
	uint16_t impact;
	uint8_t field;
	uint8_t flags;
};

struct doc_field {
	char *text;
	float weight;
	uint8_t name; /* field-name id */
	uint8_t lang;
	uint8_t flags;
	uint32_t ntokens;
};

struct doc {
	int64_t id;
	uint8_t kind;
	uint8_t level;
	uint8_t langs;
	bool alive;
	uint8_t nagency;
	uint8_t nmunicipios;
	uint8_t nfields;
	int64_t agency_ids[SEARCH_MAX_AGENCIES];
	char **municipios; /* folded */
	char *title;
	struct doc_field *fields;
	/* The document's postings by term id, ascending: the forward index
	 * that results and removals look terms up in. */
	struct doc_term *terms;
	uint32_t nterms;
};

#define MAX_FIELD_NAMES 255

/* The attributes that every query checks, apart from the documents so
 * that scanning them stays in cache. */
struct doc_attr {
	bool alive;
	uint8_t kind;
	uint8_t level;
	uint8_t langs;
};

struct state {
	struct vocab vocab;
	struct doc *docs;
	struct doc_attr *attrs; /* one per document, same index */
	uint32_t ndocs, cap, nlive;
	struct u64map by_key; /* (kind, id) -> doc index */
	struct strmap field_names;
	float field_weight[MAX_FIELD_NAMES]; /* first weight seen per name */
	double len_sum[MAX_FIELD_NAMES]; /* for average field lengths */
	uint32_t len_count[MAX_FIELD_NAMES];
	float avg_len[MAX_FIELD_NAMES]; /* frozen at each rebuild */
};

void state_free(struct state *st);
bool is_stopword(const char *word, size_t len);

/* ---- synonyms ------------------------------------------------------------ */

/* A phrase as folded words without stopwords, NUL-separated. */
struct syn_phrase {
	char words[8][TEXT_WORD_MAX + 1];
	uint8_t nwords;
	uint32_t group;
};

struct synonyms {
	struct syn_phrase *phrases;
	size_t nphrases;
	struct u64map by_first; /* hash of first word -> first phrase index */
	uint32_t *next; /* next phrase with the same first-word hash */
};

void synonyms_free(struct synonyms *s);

struct search_index {
	pthread_rwlock_t lock; /* guards st and syn */
	pthread_mutex_t writer; /* one writer or builder at a time */
	struct state *st;
	struct synonyms syn;
};

/* ---- query --------------------------------------------------------------- */

int query_run(const struct state *st, const struct synonyms *syn,
	      const struct search_query *q, struct search_result *out,
	      struct error *err);

/* Matched term with the factor of its best match, for snippets. */
struct matched_term {
	uint32_t term;
	float factor;
};

/* Fill the hit's section with the field name section (a field-name id)
 * and its snippet with the field of that name that has the most weighted
 * matches. terms is sorted by term id. */
void snippet_fill(const struct state *st, const struct doc *doc,
		  uint8_t section, const struct matched_term *terms,
		  size_t nterms, struct search_hit *hit);

#endif
