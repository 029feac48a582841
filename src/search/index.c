/*
 * index.c - documents of the search index: adding, replacing, removing,
 * rebuilding, and the locks around them.
 *
 * Each (term, document) pair has one posting whose impact is a BM25F-style
 * sum over the document's fields. The best field counts fully and the
 * others add a tenth. Each field is saturated in term frequency and
 * normalised by its length against that field's average. Averages are computed
 * at each rebuild and kept until the next one, so a single upsert never
 * changes the impact of other documents.
 */
#include "core/common.h"
#include "core/log.h"
#include "search/internal.h"

#define BM25_K1 1.2f
#define BM25_B 0.5f
#define OTHER_FIELDS_SHARE 0.1f
/* Compact the postings when this many removed documents remain and they
 * are a quarter of all documents. */
#define COMPACT_MIN_DEAD 1024

/* One term of one document field, with its frequency. */
struct fwd {
	uint32_t term;
	uint16_t tf;
	uint8_t field; /* index in the document's fields */
	uint8_t enye;
};

struct search_builder {
	struct search_index *idx;
	struct state *st;
	struct fwd *fwd;
	size_t nfwd, cap;
	size_t *doc_start; /* first fwd entry of each document */
	size_t doc_start_cap;
};

static uint64_t doc_key(enum search_kind kind, int64_t id)
{
	uint64_t k = ((uint64_t)kind << 56) ^ (uint64_t)id;

	return search_hash(&k, sizeof(k));
}

/* ---- validation and copies ---------------------------------------------- */

static int validate_doc(const struct search_doc *doc, struct error *err)
{
	if (doc->kind != SEARCH_KIND_SERVICE && doc->kind != SEARCH_KIND_AGENCY &&
	    doc->kind != SEARCH_KIND_OFFICE)
		return error_set(err, RC_INVALID, "invalid_field", "kind",
				 "El tipo de documento %d no es válido.",
				 "Document kind %d is not valid.", (int)doc->kind);
	if (doc->nfields == 0 || doc->nfields > SEARCH_MAX_FIELDS)
		return error_set(err, RC_INVALID, "invalid_field", "fields",
				 "El documento debe tener de 1 a %d campos.",
				 "The document must have 1 to %d fields.",
				 SEARCH_MAX_FIELDS);
	if (doc->nagency_ids > SEARCH_MAX_AGENCIES)
		return error_set(err, RC_INVALID, "invalid_field", "agency_ids",
				 "El documento tiene más de %d agencias.",
				 "The document has more than %d agencies.",
				 SEARCH_MAX_AGENCIES);
	if (doc->nmunicipios > SEARCH_MAX_MUNICIPIOS)
		return error_set(err, RC_INVALID, "invalid_field", "municipios",
				 "El documento tiene más de %d municipios.",
				 "The document has more than %d municipios.",
				 SEARCH_MAX_MUNICIPIOS);
	for (size_t i = 0; i < doc->nfields; i++) {
		const struct search_field *f = &doc->fields[i];

		if (!f->name || !*f->name || !f->text)
			return error_set(err, RC_INVALID, "invalid_field",
					 "fields", "El campo %zu no tiene nombre o texto.",
					 "Field %zu has no name or text.", i);
		if (!(f->weight > 0.0f))
			return error_set(err, RC_INVALID, "invalid_field",
					 "weight", "El peso del campo %s debe ser positivo.",
					 "The weight of field %s must be positive.",
					 f->name);
		if (f->lang != LANG_ES && f->lang != LANG_EN)
			return error_set(err, RC_INVALID, "invalid_field",
					 "lang", "El idioma del campo %s no es válido.",
					 "The language of field %s is not valid.",
					 f->name);
	}
	return RC_OK;
}

static void doc_release(struct doc *d)
{
	for (uint8_t i = 0; i < d->nfields; i++)
		free(d->fields[i].text);
	free(d->fields);
	for (uint8_t i = 0; i < d->nmunicipios; i++)
		free(d->municipios[i]);
	free(d->municipios);
	free(d->title);
	free(d->terms);
	d->terms = NULL;
	d->nterms = 0;
	d->fields = NULL;
	d->municipios = NULL;
	d->title = NULL;
	d->nfields = 0;
	d->nmunicipios = 0;
}

static char *fold_copy(const char *s)
{
	size_t len = strlen(s);
	char *out = xmalloc(len * 2 + 1);

	text_fold(s, len, out, len * 2 + 1);
	return out;
}

static uint32_t new_doc(struct state *st, const struct search_doc *in)
{
	struct doc *d;
	uint32_t idx;

	if (st->ndocs == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 256;
		st->docs = xrealloc(st->docs, st->cap * sizeof(*st->docs));
		st->attrs = xrealloc(st->attrs, st->cap * sizeof(*st->attrs));
	}
	idx = st->ndocs++;
	d = &st->docs[idx];
	memset(d, 0, sizeof(*d));
	d->id = in->id;
	d->kind = (uint8_t)in->kind;
	d->level = (uint8_t)in->level;
	d->alive = true;
	d->title = xstrdup(in->title ? in->title : "");
	d->nagency = (uint8_t)in->nagency_ids;
	memcpy(d->agency_ids, in->agency_ids,
	       in->nagency_ids * sizeof(in->agency_ids[0]));
	d->nmunicipios = (uint8_t)in->nmunicipios;
	d->municipios = xcalloc(in->nmunicipios + 1, sizeof(char *));
	for (size_t i = 0; i < in->nmunicipios; i++)
		d->municipios[i] = fold_copy(in->municipios[i]);
	d->nfields = (uint8_t)in->nfields;
	d->fields = xcalloc(in->nfields, sizeof(*d->fields));
	for (size_t i = 0; i < in->nfields; i++) {
		const struct search_field *f = &in->fields[i];
		struct doc_field *df = &d->fields[i];
		bool added;
		uint32_t name = strmap_intern(&st->field_names, f->name,
					      strlen(f->name), &added);

		/* Field names are a fixed set chosen by the code that feeds
		 * the index, far fewer than 255. */
		BUG_ON(name >= MAX_FIELD_NAMES);
		if (added)
			st->field_weight[name] = f->weight;
		df->name = (uint8_t)name;
		df->text = xstrdup(f->text);
		df->weight = f->weight;
		df->lang = (uint8_t)f->lang;
		df->flags = (uint8_t)f->flags;
		d->langs |= (uint8_t)(1u << f->lang);
	}
	st->attrs[idx] = (struct doc_attr){ true, d->kind, d->level, d->langs };
	st->nlive++;
	u64map_put(&st->by_key, doc_key(in->kind, in->id), idx);
	return idx;
}

/* ---- tokens to forward entries -------------------------------------------- */

static bool keeps_token(const struct text_token *tok, unsigned flags)
{
	return (flags & SEARCH_FIELD_ACRONYM) || !is_stopword(tok->word, tok->len);
}

static int fwd_cmp(const void *a, const void *b)
{
	const struct fwd *x = a, *y = b;

	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	return (int)x->field - (int)y->field;
}

/*
 * Tokenise every field of doc into terms (added to the vocabulary), count
 * field lengths and append one aggregated entry per (term, field) to
 * *out, sorted by term. Returns the number of entries appended.
 */
static size_t doc_forward(struct state *st, struct doc *d, struct fwd **out,
			  size_t *n, size_t *cap)
{
	size_t first = *n;

	for (uint8_t i = 0; i < d->nfields; i++) {
		struct doc_field *f = &d->fields[i];
		struct text_tokenizer tz;
		struct text_token tok;

		text_tokenizer_init(&tz, f->text, strlen(f->text));
		while (text_next_token(&tz, &tok)) {
			if (!keeps_token(&tok, f->flags))
				continue;
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 1024;
				*out = xrealloc(*out, *cap * sizeof(**out));
			}
			(*out)[(*n)++] = (struct fwd){
				.term = vocab_intern(&st->vocab, &tok,
						     (enum lang)f->lang),
				.tf = 1,
				.field = i,
				.enye = tok.enye,
			};
			f->ntokens++;
		}
		st->len_sum[f->name] += f->ntokens;
		st->len_count[f->name]++;
	}
	/* Merge repeats of the same (term, field). */
	qsort(*out + first, *n - first, sizeof(**out), fwd_cmp);
	size_t w = first;
	for (size_t r = first; r < *n; r++) {
		if (w > first && (*out)[w - 1].term == (*out)[r].term &&
		    (*out)[w - 1].field == (*out)[r].field) {
			if ((*out)[w - 1].tf < UINT16_MAX)
				(*out)[w - 1].tf++;
			(*out)[w - 1].enye |= (*out)[r].enye;
			continue;
		}
		(*out)[w++] = (*out)[r];
	}
	*n = w;
	for (size_t r = first; r < w; r++)
		if (r == first || (*out)[r].term != (*out)[r - 1].term)
			st->vocab.terms[(*out)[r].term].df++;
	return w - first;
}

static float field_avg_len(const struct state *st, uint8_t name)
{
	if (st->avg_len[name] > 0.0f)
		return st->avg_len[name];
	if (st->len_count[name] > 0)
		return (float)(st->len_sum[name] / st->len_count[name]);
	return 1.0f;
}

static void posting_append(struct term *t, struct posting p)
{
	int k = 2;

	if (p.impact >= TIER_SPLIT_0)
		k = 0;
	else if (p.impact >= TIER_SPLIT_1)
		k = 1;

	if (t->npost[k] == t->cap[k]) {
		t->cap[k] = t->cap[k] ? t->cap[k] * 2 : 4;
		t->post[k] = xrealloc(t->post[k], t->cap[k] * sizeof(struct posting));
	}
	t->post[k][t->npost[k]++] = p;
	if (p.impact > t->max_impact[k])
		t->max_impact[k] = p.impact;
}

/* Turn the sorted forward entries of document idx into postings. */
static void emit_postings(struct state *st, uint32_t idx, const struct fwd *e,
			  size_t n)
{
	struct doc *d = &st->docs[idx];
	size_t distinct = 0;

	for (size_t i = 0; i < n; i++)
		distinct += i == 0 || e[i].term != e[i - 1].term;
	d->terms = xmalloc((distinct + 1) * sizeof(*d->terms));
	d->nterms = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		float best = 0.0f, sum = 0.0f, impact;
		uint8_t best_field = 0, flags = 0;

		for (; j < n && e[j].term == e[i].term; j++) {
			const struct doc_field *f = &d->fields[e[j].field];
			float norm = 1.0f - BM25_B +
				     BM25_B * (float)f->ntokens /
					     field_avg_len(st, f->name);
			float tf = (float)e[j].tf;
			float c = f->weight * tf * (BM25_K1 + 1.0f) /
				  (tf + BM25_K1 * norm);

			sum += c;
			if (c > best) {
				best = c;
				best_field = f->name;
			}
			if (e[j].enye)
				flags |= POSTING_ENYE;
		}
		impact = best + OTHER_FIELDS_SHARE * (sum - best);
		impact = impact * IMPACT_SCALE + 0.5f;
		struct posting p = {
			.doc = idx,
			.impact = impact > 65535.0f ? UINT16_MAX : (uint16_t)impact,
			.field = best_field,
			.flags = flags,
		};
		posting_append(&st->vocab.terms[e[i].term], p);
		d->terms[d->nterms++] = (struct doc_term){ e[i].term, p.impact,
							   p.field, p.flags };
		i = j;
	}
}

/* ---- removal and compaction ------------------------------------------- */

static void state_kill_doc(struct state *st, uint32_t idx)
{
	struct doc *d = &st->docs[idx];

	for (uint32_t i = 0; i < d->nterms; i++) {
		BUG_ON(st->vocab.terms[d->terms[i].term].df == 0);
		st->vocab.terms[d->terms[i].term].df--;
	}
	u64map_del(&st->by_key, doc_key((enum search_kind)d->kind, d->id));
	d->alive = false;
	st->attrs[idx].alive = false;
	doc_release(d);
	st->nlive--;
}

/* Drop removed documents from the document table and every posting list. */
static void state_compact(struct state *st)
{
	uint32_t *remap = xmalloc((st->ndocs + 1) * sizeof(*remap));
	uint32_t n = 0;

	for (uint32_t i = 0; i < st->ndocs; i++) {
		if (!st->docs[i].alive) {
			remap[i] = NO_ID;
			continue;
		}
		remap[i] = n;
		st->attrs[n] = st->attrs[i];
		st->docs[n++] = st->docs[i];
	}
	st->ndocs = n;
	for (uint32_t t = 0; t < st->vocab.words.count; t++) {
		struct term *term = &st->vocab.terms[t];

		for (int k = 0; k < TIERS; k++) {
			struct posting *list = term->post[k];
			uint32_t w = 0;

			for (uint32_t r = 0; r < term->npost[k]; r++) {
				uint32_t to = remap[list[r].doc];

				if (to == NO_ID)
					continue;
				list[w] = list[r];
				list[w++].doc = to;
			}
			term->npost[k] = w;
		}
	}
	u64map_free(&st->by_key);
	for (uint32_t i = 0; i < n; i++)
		u64map_put(&st->by_key,
			   doc_key((enum search_kind)st->docs[i].kind,
				   st->docs[i].id),
			   i);
	free(remap);
}

static void maybe_compact(struct state *st)
{
	uint32_t dead = st->ndocs - st->nlive;

	if (dead >= COMPACT_MIN_DEAD && dead * 4 >= st->ndocs) {
		log_info("search", "compacting index: %u removed of %u documents",
			 dead, st->ndocs);
		state_compact(st);
	}
}

void state_free(struct state *st)
{
	if (!st)
		return;
	for (uint32_t i = 0; i < st->ndocs; i++)
		doc_release(&st->docs[i]);
	free(st->docs);
	free(st->attrs);
	vocab_free(&st->vocab);
	u64map_free(&st->by_key);
	strmap_free(&st->field_names);
	free(st);
}

/* ---- public entry points --------------------------------------------------- */

struct search_index *search_index_new(void)
{
	struct search_index *idx = xcalloc(1, sizeof(*idx));

	BUG_ON(pthread_rwlock_init(&idx->lock, NULL) != 0);
	BUG_ON(pthread_mutex_init(&idx->writer, NULL) != 0);
	idx->st = xcalloc(1, sizeof(*idx->st));
	return idx;
}

void search_index_free(struct search_index *idx)
{
	if (!idx)
		return;
	state_free(idx->st);
	synonyms_free(&idx->syn);
	pthread_rwlock_destroy(&idx->lock);
	pthread_mutex_destroy(&idx->writer);
	free(idx);
}

int search_index_upsert(struct search_index *idx, const struct search_doc *doc,
			struct error *err)
{
	struct fwd *fwd = NULL;
	size_t nfwd = 0, cap = 0;
	uint32_t old, d;
	int rc = validate_doc(doc, err);

	if (rc != RC_OK)
		return rc;
	pthread_mutex_lock(&idx->writer);
	pthread_rwlock_wrlock(&idx->lock);
	old = u64map_get(&idx->st->by_key, doc_key(doc->kind, doc->id));
	if (old != NO_ID)
		state_kill_doc(idx->st, old);
	d = new_doc(idx->st, doc);
	doc_forward(idx->st, &idx->st->docs[d], &fwd, &nfwd, &cap);
	emit_postings(idx->st, d, fwd, nfwd);
	maybe_compact(idx->st);
	pthread_rwlock_unlock(&idx->lock);
	pthread_mutex_unlock(&idx->writer);
	free(fwd);
	return RC_OK;
}

bool search_index_remove(struct search_index *idx, enum search_kind kind,
			 int64_t id)
{
	uint32_t d;

	pthread_mutex_lock(&idx->writer);
	pthread_rwlock_wrlock(&idx->lock);
	d = u64map_get(&idx->st->by_key, doc_key(kind, id));
	if (d != NO_ID) {
		state_kill_doc(idx->st, d);
		maybe_compact(idx->st);
	}
	pthread_rwlock_unlock(&idx->lock);
	pthread_mutex_unlock(&idx->writer);
	return d != NO_ID;
}

size_t search_index_count(struct search_index *idx)
{
	size_t n;

	pthread_rwlock_rdlock(&idx->lock);
	n = idx->st->nlive;
	pthread_rwlock_unlock(&idx->lock);
	return n;
}

struct search_builder *search_index_build_begin(struct search_index *idx)
{
	struct search_builder *b = xcalloc(1, sizeof(*b));

	pthread_mutex_lock(&idx->writer);
	b->idx = idx;
	b->st = xcalloc(1, sizeof(*b->st));
	b->st->vocab.sorted_stale = true;
	return b;
}

int search_builder_add(struct search_builder *b, const struct search_doc *doc,
		       struct error *err)
{
	uint32_t old, d;
	int rc = validate_doc(doc, err);

	if (rc != RC_OK)
		return rc;
	old = u64map_get(&b->st->by_key, doc_key(doc->kind, doc->id));
	if (old != NO_ID)
		return error_set(err, RC_CONFLICT, "duplicate", "id",
				 "El documento %s %lld se añadió dos veces.",
				 "Document %s %lld was added twice.",
				 search_kind_name(doc->kind), (long long)doc->id);
	d = new_doc(b->st, doc);
	if (d + 1 >= b->doc_start_cap) {
		b->doc_start_cap = b->doc_start_cap ? b->doc_start_cap * 2 : 1024;
		b->doc_start = xrealloc(b->doc_start,
					b->doc_start_cap * sizeof(size_t));
	}
	b->doc_start[d] = b->nfwd;
	doc_forward(b->st, &b->st->docs[d], &b->fwd, &b->nfwd, &b->cap);
	b->doc_start[d + 1] = b->nfwd;
	return RC_OK;
}

void search_index_build_commit(struct search_builder *b)
{
	struct state *st = b->st, *old;
	struct vocab *v = &st->vocab;

	for (uint32_t i = 0; i < st->field_names.count; i++)
		if (st->len_count[i] > 0)
			st->avg_len[i] =
				(float)(st->len_sum[i] / st->len_count[i]);
	for (uint32_t d = 0; d < st->ndocs; d++)
		emit_postings(st, d, b->fwd + b->doc_start[d],
			      b->doc_start[d + 1] - b->doc_start[d]);
	vocab_sort(v);
	free(b->fwd);
	free(b->doc_start);

	pthread_rwlock_wrlock(&b->idx->lock);
	old = b->idx->st;
	b->idx->st = st;
	pthread_rwlock_unlock(&b->idx->lock);
	pthread_mutex_unlock(&b->idx->writer);
	log_info("search", "index rebuilt: %u documents, %u terms", st->nlive,
		 v->words.count);
	state_free(old);
	free(b);
}

void search_builder_abort(struct search_builder *b)
{
	state_free(b->st);
	free(b->fwd);
	free(b->doc_start);
	pthread_mutex_unlock(&b->idx->writer);
	free(b);
}

int search_index_query(struct search_index *idx, const struct search_query *q,
		       struct search_result *out, struct error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	pthread_rwlock_rdlock(&idx->lock);
	rc = query_run(idx->st, &idx->syn, q, out, err);
	pthread_rwlock_unlock(&idx->lock);
	return rc;
}

void search_result_free(struct search_result *r)
{
	for (size_t i = 0; i < r->count; i++) {
		free(r->hits[i].title);
		free(r->hits[i].section);
		free(r->hits[i].snippet);
	}
	free(r->hits);
	memset(r, 0, sizeof(*r));
}

const char *search_kind_name(enum search_kind kind)
{
	switch (kind) {
	case SEARCH_KIND_SERVICE:
		return "service";
	case SEARCH_KIND_AGENCY:
		return "agency";
	case SEARCH_KIND_OFFICE:
		return "office";
	}
	return "unknown";
}

const char *search_match_name(enum search_match match)
{
	static const char *const names[] = { "exact", "stem", "synonym",
					     "prefix", "typo" };

	return (size_t)match < ARRAY_SIZE(names) ? names[match] : "unknown";
}
