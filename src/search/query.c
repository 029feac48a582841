/*
 * query.c - turning a query into term alternatives and scoring documents.
 *
 * Each word of the query becomes a clause. Stopwords are dropped unless
 * typed in capitals or unless the query has nothing else. A clause's
 * alternatives are terms with a factor: the word itself 1.0, words with
 * the same Spanish or English stem 0.85, the last word's completions 0.6
 * to 0.8, words one edit away 0.6 and two edits 0.4. Corrections are
 * added only for words that fewer than TYPO_SKIP_DF documents contain as
 * typed, at a tenth of those factors when some document does. A word
 * with ñ matching a document word spelled with n scores 0.8 of that. A run of words that spells a synonym
 * phrase becomes a group whose options are the words as typed or any other
 * phrase of the synonym group (factor 0.9).
 *
 * Documents are scored term at a time into per-thread accumulators: a
 * clause takes its best alternative per document, times the clause's idf;
 * a group takes its best option; the document's score is the sum over
 * groups times the square of the fraction of query words it matched, so a
 * document matching every word ranks above one matching some of them. A
 * synonym option counts only documents that contain its whole phrase.
 * Postings come in three tiers (see internal.h); query_run reads the
 * lower tiers for every document only when the top results could change
 * by them, and always for a query that expands a synonym.
 */
#include "core/common.h"
#include "search/internal.h"

#include <math.h>

#define MAX_WORDS 16
#define MAX_ALTS 48
#define MAX_OPTIONS 8
#define MAX_PREFIX_ALTS 24
#define MAX_TYPO_ALTS 12
#define MIN_PREFIX_CHARS 2
#define FUZZY_PREFIX_KEEP 3 /* leading characters a fuzzy prefix keeps */
/* A word that this many documents contain as typed (or, for the last word,
 * as a prefix) is taken as spelled on purpose, so no typo corrections are
 * added for it. This keeps common words from pulling in the postings of
 * every word one or two edits away. */
#define TYPO_SKIP_DF 5

#define F_EXACT 1.0f
#define F_STEM 0.85f
#define F_SYNONYM 0.9f
#define F_TYPO1 0.6f
#define F_TYPO2 0.4f
/* Scale of the corrections of a whole word that some document contains
 * as typed, by its stem or as a prefix. An exact match in the least
 * weighted field (FAQ, 1.0) then outranks a correction in a name
 * (10 x 0.6 x 0.1), so exact words rank above corrected ones. */
#define TYPO_WITH_MATCH_SCALE 0.1f
#define F_FUZZY_PREFIX1 0.45f
#define F_FUZZY_PREFIX2 0.35f
#define F_ENYE_MISMATCH 0.8f

struct alt {
	uint32_t term;
	float factor;
	uint8_t match; /* enum search_match */
};

struct clause {
	struct alt alts[MAX_ALTS];
	size_t nalts;
	float idf;
	bool enye;
};

struct option {
	struct clause *clauses;
	size_t nclauses;
	float factor;
};

struct group {
	struct option options[MAX_OPTIONS];
	size_t noptions;
	size_t nwords;
};

struct word {
	struct text_token tok;
	char stem[NLANGS][TEXT_WORD_MAX + 1];
};

struct plan {
	struct word words[MAX_WORDS];
	size_t nwords;
	struct group groups[MAX_WORDS];
	size_t ngroups;
	size_t total_words;
};

/* ---- per-thread accumulators -------------------------------------------- */

struct scratch {
	uint32_t size;
	float *clause_best;
	float *opt_sum;
	uint8_t *opt_count;
	float *grp_val, *grp_matched, *grp_key;
	float *total, *matched;
	/* Sum over groups of each group's highest option value, whatever
	 * option the ranking picked: the base of the bound in query_run. */
	float *grp_max, *total_max;
	uint32_t *touch_clause, *touch_opt, *touch_grp, *touch_total;
	uint32_t nclause, nopt, ngrp, ntotal;
	/* Candidate documents, sorted, for SCAN_SEEN. */
	uint8_t *seen;
	uint32_t *touch_seen;
	uint32_t nseen;
	enum scan_mode {
		SCAN_ALL, /* every posting of both tiers */
		SCAN_TIER0, /* tier 0 only */
		SCAN_SEEN, /* both tiers, for the seen documents only */
	} mode;
};

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_release(struct scratch *s)
{
	free(s->clause_best);
	free(s->opt_sum);
	free(s->opt_count);
	free(s->grp_val);
	free(s->grp_matched);
	free(s->grp_key);
	free(s->total);
	free(s->matched);
	free(s->grp_max);
	free(s->total_max);
	free(s->touch_clause);
	free(s->touch_opt);
	free(s->touch_grp);
	free(s->touch_total);
	free(s->seen);
	free(s->touch_seen);
}

static void scratch_destroy(void *p)
{
	scratch_release(p);
	free(p);
}

static void scratch_key_create(void)
{
	BUG_ON(pthread_key_create(&scratch_key, scratch_destroy) != 0);
}

/* Return the calling thread's accumulators, all zero, for n documents. */
static struct scratch *scratch_get(uint32_t n)
{
	struct scratch *s;

	pthread_once(&scratch_once, scratch_key_create);
	s = pthread_getspecific(scratch_key);
	if (!s) {
		s = xcalloc(1, sizeof(*s));
		pthread_setspecific(scratch_key, s);
	}
	if (s->size < n || s->size == 0) {
		uint32_t size = n < 1024 ? 1024 : n + n / 4;

		scratch_release(s);
		memset(s, 0, sizeof(*s));
		s->size = size;
		s->clause_best = xcalloc(size, sizeof(float));
		s->opt_sum = xcalloc(size, sizeof(float));
		s->opt_count = xcalloc(size, 1);
		s->grp_val = xcalloc(size, sizeof(float));
		s->grp_matched = xcalloc(size, sizeof(float));
		s->grp_key = xcalloc(size, sizeof(float));
		s->grp_max = xcalloc(size, sizeof(float));
		s->total_max = xcalloc(size, sizeof(float));
		s->total = xcalloc(size, sizeof(float));
		s->matched = xcalloc(size, sizeof(float));
		s->touch_clause = xmalloc(size * sizeof(uint32_t));
		s->touch_opt = xmalloc(size * sizeof(uint32_t));
		s->touch_grp = xmalloc(size * sizeof(uint32_t));
		s->touch_total = xmalloc(size * sizeof(uint32_t));
		s->seen = xcalloc(size, 1);
		s->touch_seen = xmalloc(size * sizeof(uint32_t));
	}
	return s;
}

/* ---- building clauses ------------------------------------------------------- */

static void add_alt(struct clause *c, uint32_t term, float factor,
		    enum search_match match)
{
	for (size_t i = 0; i < c->nalts; i++) {
		if (c->alts[i].term != term)
			continue;
		if (factor > c->alts[i].factor) {
			c->alts[i].factor = factor;
			c->alts[i].match = (uint8_t)match;
		}
		return;
	}
	if (c->nalts < MAX_ALTS)
		c->alts[c->nalts++] =
			(struct alt){ term, factor, (uint8_t)match };
}

static bool has_alt(const struct clause *c, uint32_t term)
{
	for (size_t i = 0; i < c->nalts; i++)
		if (c->alts[i].term == term)
			return true;
	return false;
}

static void add_exact_and_stems(const struct vocab *v, struct clause *c,
				const struct word *w)
{
	uint32_t t = vocab_find(v, w->tok.word, w->tok.len);

	if (t != NO_ID && v->terms[t].df > 0)
		add_alt(c, t, F_EXACT, SEARCH_MATCH_EXACT);
	if (w->tok.has_digit)
		return;
	for (int l = 0; l < NLANGS; l++) {
		uint32_t g = strmap_find(&v->stems[l], w->stem[l],
					 strlen(w->stem[l]));

		if (g == NO_ID)
			continue;
		for (uint32_t i = 0; i < v->groups[l][g].n; i++) {
			uint32_t s = v->groups[l][g].ids[i];

			if (v->terms[s].df > 0)
				add_alt(c, s, F_STEM, SEARCH_MATCH_STEM);
		}
	}
}

struct prefix_ctx {
	const struct vocab *v;
	const struct word *w;
	struct candidate found[256];
	size_t n;
	int max_dist; /* 0: plain prefix; else fuzzy */
};

static void collect_prefix(void *p, uint32_t term)
{
	struct prefix_ctx *ctx = p;
	const struct term *t = &ctx->v->terms[term];
	int d = 0;

	if (ctx->max_dist > 0) {
		if (t->has_digit)
			return;
		d = text_prefix_distance(ctx->w->tok.word, ctx->w->tok.len,
					 vocab_word(ctx->v, term), t->len,
					 ctx->max_dist);
		if (d == 0 || d > ctx->max_dist)
			return;
	}
	if (ctx->n < ARRAY_SIZE(ctx->found))
		ctx->found[ctx->n++] = (struct candidate){ term, d };
}

/* Most frequent first, so that common completions are kept. */
static int candidate_cmp_df(const void *a, const void *b, const void *v)
{
	const struct candidate *x = a, *y = b;
	const struct vocab *voc = v;

	if (x->dist != y->dist)
		return x->dist - y->dist;
	if (voc->terms[x->term].df != voc->terms[y->term].df)
		return voc->terms[x->term].df > voc->terms[y->term].df ? -1 : 1;
	return x->term < y->term ? -1 : (x->term > y->term);
}

/* Insertion sort with a context (qsort has none in C17); lists are short. */
static void sort_candidates(struct candidate *c, size_t n,
			    const struct vocab *v)
{
	for (size_t i = 1; i < n; i++) {
		struct candidate x = c[i];
		size_t j = i;

		while (j > 0 && candidate_cmp_df(&c[j - 1], &x, v) > 0) {
			c[j] = c[j - 1];
			j--;
		}
		c[j] = x;
	}
}

/* Return the edits a word of chars letters may have: 1 from 4 letters,
 * 2 from 8. */
/* Return the documents that contain some alternative of c, counted once
 * per alternative (an upper bound of the distinct documents). */
static uint64_t clause_df(const struct vocab *v, const struct clause *c)
{
	uint64_t df = 0;

	for (size_t i = 0; i < c->nalts; i++)
		df += v->terms[c->alts[i].term].df;
	return df;
}

static int max_edits(size_t chars)
{
	if (chars >= 8)
		return 2;
	if (chars >= 4)
		return 1;
	return 0;
}

static void add_prefixes(const struct vocab *v, struct clause *c,
			 const struct word *w)
{
	struct prefix_ctx *ctx = xcalloc(1, sizeof(*ctx));
	size_t keep = 0, pos = 0, kept = 0;
	int edits = max_edits(w->tok.chars);

	ctx->v = v;
	ctx->w = w;
	if (w->tok.chars >= MIN_PREFIX_CHARS) {
		vocab_each_prefix(v, w->tok.word, w->tok.len, collect_prefix, ctx);
		sort_candidates(ctx->found, ctx->n, v);
		for (size_t i = 0; i < ctx->n && kept < MAX_PREFIX_ALTS; i++) {
			const struct term *t = &v->terms[ctx->found[i].term];

			if (has_alt(c, ctx->found[i].term))
				continue;
			add_alt(c, ctx->found[i].term,
				0.6f + 0.2f * (float)w->tok.chars / (float)t->chars,
				SEARCH_MATCH_PREFIX);
			kept++;
		}
	}
	if (edits == 0 || w->tok.has_digit || clause_df(v, c) >= TYPO_SKIP_DF)
		goto out;
	/* Fuzzy prefix: keep the first characters, allow edits after them. */
	while (pos < w->tok.len && keep < FUZZY_PREFIX_KEEP) {
		uint32_t cp;

		pos += text_utf8_decode(w->tok.word + pos, w->tok.len - pos, &cp);
		keep++;
	}
	ctx->n = 0;
	ctx->max_dist = edits;
	vocab_each_prefix(v, w->tok.word, pos, collect_prefix, ctx);
	sort_candidates(ctx->found, ctx->n, v);
	kept = 0;
	for (size_t i = 0; i < ctx->n && kept < MAX_PREFIX_ALTS; i++) {
		if (has_alt(c, ctx->found[i].term))
			continue;
		add_alt(c, ctx->found[i].term,
			ctx->found[i].dist == 1 ? F_FUZZY_PREFIX1 : F_FUZZY_PREFIX2,
			SEARCH_MATCH_TYPO);
		kept++;
	}
out:
	free(ctx);
}

static void add_typos(const struct vocab *v, struct clause *c,
		      const struct word *w)
{
	struct candidate found[128];
	int edits = max_edits(w->tok.chars);
	size_t n, kept = 0;
	float scale;

	if (edits == 0 || w->tok.has_digit || clause_df(v, c) >= TYPO_SKIP_DF)
		return;
	scale = clause_df(v, c) > 0 ? TYPO_WITH_MATCH_SCALE : 1.0f;
	n = vocab_typo_candidates(v, w->tok.word, w->tok.len, edits, found,
				  ARRAY_SIZE(found));
	sort_candidates(found, n, v);
	for (size_t i = 0; i < n && kept < MAX_TYPO_ALTS; i++) {
		if (has_alt(c, found[i].term))
			continue;
		add_alt(c, found[i].term,
			scale * (found[i].dist == 1 ? F_TYPO1 : F_TYPO2),
			SEARCH_MATCH_TYPO);
		kept++;
	}
}

/* BM25's idf, from the frequency of the word as typed when it occurs, else
 * of its most frequent alternative, so that every alternative of a clause
 * shares one weight and a rare misspelling cannot outscore the word. */
static void clause_set_idf(struct clause *c, const struct vocab *v,
			   uint32_t ndocs)
{
	uint32_t df = 0;

	for (size_t i = 0; i < c->nalts; i++) {
		uint32_t d = v->terms[c->alts[i].term].df;

		if (c->alts[i].match == SEARCH_MATCH_EXACT) {
			df = d;
			break;
		}
		if (d > df)
			df = d;
	}
	c->idf = logf(1.0f + ((float)ndocs - (float)df + 0.5f) /
				     ((float)df + 0.5f));
}

/* ---- parsing ------------------------------------------------------------- */

static bool ends_with_space(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t');
}

static void plan_words(struct plan *p, const char *text)
{
	struct text_tokenizer tz;
	struct text_token all[MAX_WORDS];
	size_t nall = 0;

	text_tokenizer_init(&tz, text, strlen(text));
	while (nall < MAX_WORDS && text_next_token(&tz, &all[nall]))
		nall++;
	for (size_t i = 0; i < nall; i++)
		if (!is_stopword(all[i].word, all[i].len) || all[i].all_upper)
			p->words[p->nwords++].tok = all[i];
	if (p->nwords == 0)
		for (size_t i = 0; i < nall; i++)
			p->words[p->nwords++].tok = all[i];
	for (size_t i = 0; i < p->nwords; i++)
		for (int l = 0; l < NLANGS; l++)
			search_stem((enum lang)l, p->words[i].tok.word,
				    p->words[i].tok.len, p->words[i].stem[l]);
}

static bool same_word(const struct word *w, const char *phrase_word)
{
	char stem[TEXT_WORD_MAX + 1];

	if (strcmp(w->tok.word, phrase_word) == 0)
		return true;
	if (w->tok.has_digit)
		return false;
	for (int l = 0; l < NLANGS; l++) {
		search_stem((enum lang)l, phrase_word, strlen(phrase_word), stem);
		if (strcmp(stem, w->stem[l]) == 0)
			return true;
	}
	return false;
}

/* Return the longest synonym phrase that starts at word i, or NULL. */
static const struct syn_phrase *match_phrase(const struct synonyms *syn,
					     const struct plan *p, size_t i)
{
	const struct syn_phrase *best = NULL;

	/* Phrases are indexed by their first folded word, and stems of that
	 * word are not looked up. So "licencias" starts no phrase that begins
	 * with "licencia". */
	for (uint32_t k = u64map_get(&syn->by_first,
				     search_hash(p->words[i].tok.word,
						 p->words[i].tok.len));
	     k != NO_ID; k = syn->next[k]) {
		const struct syn_phrase *ph = &syn->phrases[k];
		bool ok = i + ph->nwords <= p->nwords;

		for (size_t j = 0; ok && j < ph->nwords; j++)
			ok = same_word(&p->words[i + j], ph->words[j]);
		if (ok && (!best || ph->nwords > best->nwords))
			best = ph;
	}
	return best;
}

static struct clause *new_clauses(size_t n)
{
	return xcalloc(n, sizeof(struct clause));
}

static void plan_free(struct plan *p)
{
	for (size_t g = 0; g < p->ngroups; g++)
		for (size_t o = 0; o < p->groups[g].noptions; o++)
			free(p->groups[g].options[o].clauses);
}

static void plan_build(struct plan *p, const struct state *st,
		       const struct synonyms *syn, bool prefix_last)
{
	const struct vocab *v = &st->vocab;

	for (size_t i = 0; i < p->nwords;) {
		const struct syn_phrase *ph = syn->nphrases
						      ? match_phrase(syn, p, i)
						      : NULL;
		size_t n = ph ? ph->nwords : 1;
		struct group *g = &p->groups[p->ngroups++];
		struct option *o = &g->options[g->noptions++];

		g->nwords = n;
		o->factor = 1.0f;
		o->nclauses = n;
		o->clauses = new_clauses(n);
		for (size_t j = 0; j < n; j++) {
			const struct word *w = &p->words[i + j];
			struct clause *c = &o->clauses[j];

			c->enye = w->tok.enye;
			add_exact_and_stems(v, c, w);
			if (prefix_last && i + j == p->nwords - 1)
				add_prefixes(v, c, w);
			add_typos(v, c, w);
			clause_set_idf(c, v, st->nlive);
		}
		for (size_t k = 0; ph && k < syn->nphrases &&
				   g->noptions < MAX_OPTIONS;
		     k++) {
			const struct syn_phrase *other = &syn->phrases[k];
			struct option *so;

			if (other->group != ph->group || other == ph)
				continue;
			so = &g->options[g->noptions++];
			so->factor = F_SYNONYM;
			so->nclauses = other->nwords;
			so->clauses = new_clauses(other->nwords);
			for (size_t j = 0; j < other->nwords; j++) {
				struct word w = { 0 };
				struct clause *c = &so->clauses[j];

				w.tok.len = strlen(other->words[j]);
				memcpy(w.tok.word, other->words[j], w.tok.len + 1);
				for (size_t b = 0; b < w.tok.len; b++)
					if (w.tok.word[b] >= '0' &&
					    w.tok.word[b] <= '9')
						w.tok.has_digit = true;
				for (int l = 0; l < NLANGS; l++)
					search_stem((enum lang)l, w.tok.word,
						    w.tok.len, w.stem[l]);
				add_exact_and_stems(v, c, &w);
				for (size_t a = 0; a < c->nalts; a++)
					c->alts[a].match = SEARCH_MATCH_SYNONYM;
				clause_set_idf(c, v, st->nlive);
			}
		}
		p->total_words += n;
		i += n;
	}
}

/* ---- scoring ---------------------------------------------------------------- */

static void update_best(struct scratch *s, const struct posting *p, float f,
			float f_mismatch)
{
	float val = (float)p->impact * ((p->flags & POSTING_ENYE) ? f : f_mismatch);

	if (val > s->clause_best[p->doc]) {
		if (s->clause_best[p->doc] == 0.0f)
			s->touch_clause[s->nclause++] = p->doc;
		s->clause_best[p->doc] = val;
	}
}

static uint32_t gallop(const struct posting *list, uint32_t n, uint32_t from,
		       uint32_t doc);

/* Update clause_best from the postings of list that belong to seen
 * documents: looked up one by one when they are few against the list,
 * else filtered in one pass. */
static void scan_seen(const struct posting *list, uint32_t n, float f,
		      float f_mismatch, struct scratch *s)
{
	if ((uint64_t)s->nseen * 8 < n) {
		uint32_t pos = 0;

		for (uint32_t i = 0; i < s->nseen && pos < n; i++) {
			pos = gallop(list, n, pos, s->touch_seen[i]);
			if (pos < n && list[pos].doc == s->touch_seen[i])
				update_best(s, &list[pos], f, f_mismatch);
		}
		return;
	}
	for (uint32_t i = 0; i < n; i++)
		if (s->seen[list[i].doc])
			update_best(s, &list[i], f, f_mismatch);
}

/* Score a clause into clause_best, reading the tiers that s->mode selects. */
static void score_clause(const struct vocab *v, const struct clause *c,
			 float factor, struct scratch *s)
{
	for (size_t a = 0; a < c->nalts; a++) {
		const struct term *t = &v->terms[c->alts[a].term];
		float f = c->alts[a].factor * factor * c->idf / IMPACT_SCALE;
		float f_mismatch = c->enye ? f * F_ENYE_MISMATCH : f;

		for (int k = 0; k < TIERS; k++) {
			if (s->mode == SCAN_SEEN) {
				scan_seen(t->post[k], t->npost[k], f, f_mismatch, s);
				continue;
			}
			if (k >= 1 && s->mode == SCAN_TIER0)
				break;
			for (uint32_t i = 0; i < t->npost[k]; i++)
				update_best(s, &t->post[k][i], f, f_mismatch);
		}
	}
}

/* Return the first index at or after from whose posting's document is
 * >= doc, by galloping: the callers ask for increasing documents, so each
 * search starts where the last one ended. */
static uint32_t gallop(const struct posting *list, uint32_t n, uint32_t from,
		       uint32_t doc)
{
	uint32_t lo = from, step = 1, hi;

	if (lo >= n || list[lo].doc >= doc)
		return lo;
	while (lo + step < n && list[lo + step].doc < doc) {
		lo += step;
		step *= 2;
	}
	hi = lo + step < n ? lo + step : n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (list[mid].doc < doc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Return the clause's best value for document d, 0 when it lacks every
 * alternative; the same value score_clause computes. pos has one
 * cursor per alternative, for documents asked in increasing order. */
static float clause_value(const struct vocab *v, const struct clause *c,
			  float factor, uint32_t d, uint32_t (*pos)[TIERS])
{
	float best = 0.0f;

	for (size_t a = 0; a < c->nalts; a++) {
		const struct term *t = &v->terms[c->alts[a].term];

		for (int k = 0; k < TIERS; k++) {
			const struct posting *p;
			float val;

			pos[a][k] = gallop(t->post[k], t->npost[k], pos[a][k], d);
			if (pos[a][k] >= t->npost[k] || t->post[k][pos[a][k]].doc != d)
				continue;
			p = &t->post[k][pos[a][k]];
			val = (float)p->impact * c->alts[a].factor * factor *
			      c->idf / IMPACT_SCALE;
			if (c->enye && !(p->flags & POSTING_ENYE))
				val *= F_ENYE_MISMATCH;
			if (val > best)
				best = val;
		}
	}
	return best;
}

/* Sort document ids ascending: insertion sort for short lists, else an
 * LSD radix sort in four 8-bit passes (qsort's indirect comparisons
 * showed up in profiles). */
static void sort_docs(uint32_t *ids, uint32_t n)
{
	uint32_t count[257], *tmp, *from = ids, *to;

	if (n <= 64) {
		for (uint32_t i = 1; i < n; i++) {
			uint32_t x = ids[i], j = i;

			for (; j > 0 && ids[j - 1] > x; j--)
				ids[j] = ids[j - 1];
			ids[j] = x;
		}
		return;
	}
	tmp = xmalloc(n * sizeof(uint32_t));
	to = tmp;
	for (int shift = 0; shift < 32; shift += 8) {
		uint32_t *swap;

		memset(count, 0, sizeof(count));
		for (uint32_t i = 0; i < n; i++)
			count[((from[i] >> shift) & 0xFF) + 1]++;
		for (uint32_t k = 0; k < 256; k++)
			count[k + 1] += count[k];
		for (uint32_t i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xFF]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	/* An even number of passes leaves the sorted ids back in ids. */
	free(tmp);
}

static uint64_t clause_postings(const struct vocab *v, const struct clause *c)
{
	uint64_t n = 0;

	for (size_t a = 0; a < c->nalts; a++)
		for (int k = 0; k < TIERS; k++)
			n += v->terms[c->alts[a].term].npost[k];
	return n;
}

/*
 * Score a synonym option: only documents that contain every word of the
 * phrase count, so the option's rarest clause is scanned and the others
 * are looked up for its documents alone. Expansions such as an agency's
 * full name would otherwise scan every document that contains
 * "Departamento".
 */
static void score_option_all(const struct vocab *v, const struct option *o,
			     size_t nwords, struct scratch *s)
{
	size_t rare = 0;

	for (size_t c = 1; c < o->nclauses; c++)
		if (clause_postings(v, &o->clauses[c]) <
		    clause_postings(v, &o->clauses[rare]))
			rare = c;
	uint32_t (*pos)[MAX_ALTS][TIERS] = xcalloc(o->nclauses, sizeof(*pos));

	score_clause(v, &o->clauses[rare], o->factor, s);
	sort_docs(s->touch_clause, s->nclause);
	for (uint32_t i = 0; i < s->nclause; i++) {
		uint32_t d = s->touch_clause[i];
		float sum = s->clause_best[d], val;
		bool all = true;

		s->clause_best[d] = 0.0f;
		for (size_t c = 0; c < o->nclauses && all; c++) {
			float x;

			if (c == rare)
				continue;
			x = clause_value(v, &o->clauses[c], o->factor, d, pos[c]);
			all = x > 0.0f;
			sum += x;
		}
		if (!all)
			continue;
		val = sum / (float)o->nclauses * (float)nwords;
		if (val > s->grp_max[d])
			s->grp_max[d] = val;
		if (val > s->grp_key[d]) {
			if (s->grp_key[d] == 0.0f)
				s->touch_grp[s->ngrp++] = d;
			s->grp_key[d] = val;
			s->grp_val[d] = val;
			s->grp_matched[d] = (float)nwords;
		}
	}
	s->nclause = 0;
	free(pos);
}

static void score_option(const struct vocab *v, const struct option *o,
			 size_t nwords, struct scratch *s)
{
	if (o->factor < 1.0f) {
		score_option_all(v, o, nwords, s);
		return;
	}
	for (size_t c = 0; c < o->nclauses; c++) {
		score_clause(v, &o->clauses[c], o->factor, s);
		for (uint32_t i = 0; i < s->nclause; i++) {
			uint32_t d = s->touch_clause[i];

			if (s->opt_count[d] == 0)
				s->touch_opt[s->nopt++] = d;
			s->opt_sum[d] += s->clause_best[d];
			s->opt_count[d]++;
			s->clause_best[d] = 0.0f;
		}
		s->nclause = 0;
	}
	for (uint32_t i = 0; i < s->nopt; i++) {
		uint32_t d = s->touch_opt[i];
		float share = (float)nwords / (float)o->nclauses;
		float val = s->opt_sum[d] * share;
		float matched = (float)s->opt_count[d] * share;
		float frac = matched / (float)nwords;
		float key = val * frac * frac;

		if (val > s->grp_max[d])
			s->grp_max[d] = val;
		if (key > s->grp_key[d]) {
			if (s->grp_key[d] == 0.0f)
				s->touch_grp[s->ngrp++] = d;
			s->grp_key[d] = key;
			s->grp_val[d] = val;
			s->grp_matched[d] = matched;
		}
		s->opt_sum[d] = 0.0f;
		s->opt_count[d] = 0;
	}
	s->nopt = 0;
}

static void score_group(const struct vocab *v, const struct group *g,
			struct scratch *s)
{
	if (g->noptions == 1 && g->options[0].nclauses == 1) {
		/* One word without synonyms: its clause is the group. */
		score_clause(v, &g->options[0].clauses[0], g->options[0].factor, s);
		for (uint32_t i = 0; i < s->nclause; i++) {
			uint32_t d = s->touch_clause[i];

			if (s->total[d] == 0.0f)
				s->touch_total[s->ntotal++] = d;
			s->total[d] += s->clause_best[d];
			s->total_max[d] += s->clause_best[d];
			s->matched[d] += 1.0f;
			s->clause_best[d] = 0.0f;
		}
		s->nclause = 0;
		return;
	}
	for (size_t o = 0; o < g->noptions; o++)
		score_option(v, &g->options[o], g->nwords, s);
	for (uint32_t i = 0; i < s->ngrp; i++) {
		uint32_t d = s->touch_grp[i];

		if (s->total[d] == 0.0f)
			s->touch_total[s->ntotal++] = d;
		s->total[d] += s->grp_val[d];
		s->total_max[d] += s->grp_max[d];
		s->matched[d] += s->grp_matched[d];
		s->grp_key[d] = 0.0f;
		s->grp_val[d] = 0.0f;
		s->grp_matched[d] = 0.0f;
		s->grp_max[d] = 0.0f;
	}
	s->ngrp = 0;
}

/* ---- filters and the top k ---------------------------------------------- */

struct filter {
	const struct search_query *q;
	char municipio[256];
};

static bool doc_passes(const struct state *st, uint32_t idx,
		       const struct filter *f)
{
	const struct search_query *q = f->q;
	const struct doc_attr *a = &st->attrs[idx];
	const struct doc *d;
	bool ok;

	if (!a->alive)
		return false;
	if (q->kinds && !(q->kinds & (1u << a->kind)))
		return false;
	if (q->level != SEARCH_LEVEL_ANY && a->level != q->level)
		return false;
	if (q->lang >= 0 && !(a->langs & (1u << q->lang)))
		return false;
	d = &st->docs[idx];
	if (q->agency_id) {
		ok = false;
		for (uint8_t i = 0; i < d->nagency && !ok; i++)
			ok = d->agency_ids[i] == q->agency_id;
		if (!ok)
			return false;
	}
	if (q->municipio && *q->municipio) {
		ok = false;
		for (uint8_t i = 0; i < d->nmunicipios && !ok; i++)
			ok = strcmp(d->municipios[i], f->municipio) == 0;
		if (!ok)
			return false;
	}
	return true;
}

struct ranked {
	float score;
	uint32_t doc;
};

/* True when a ranks below b: lower score, then higher kind and id. */
static bool ranks_below(const struct state *st, struct ranked a,
			struct ranked b)
{
	const struct doc *x = &st->docs[a.doc], *y = &st->docs[b.doc];

	if (a.score != b.score)
		return a.score < b.score;
	if (x->kind != y->kind)
		return x->kind > y->kind;
	return x->id > y->id;
}

/* Min-heap on rank: heap[0] is the worst of the kept documents. */
static void heap_sift_down(const struct state *st, struct ranked *h, size_t n,
			   size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < n && ranks_below(st, h[l], h[m]))
			m = l;
		if (r < n && ranks_below(st, h[r], h[m]))
			m = r;
		if (m == i)
			return;
		struct ranked tmp = h[i];
		h[i] = h[m];
		h[m] = tmp;
		i = m;
	}
}

static void heap_push(const struct state *st, struct ranked *h, size_t *n,
		      size_t cap, struct ranked x)
{
	if (*n < cap) {
		size_t i = (*n)++;

		h[i] = x;
		while (i > 0 && ranks_below(st, h[i], h[(i - 1) / 2])) {
			struct ranked tmp = h[i];

			h[i] = h[(i - 1) / 2];
			h[(i - 1) / 2] = tmp;
			i = (i - 1) / 2;
		}
		return;
	}
	if (ranks_below(st, h[0], x)) {
		h[0] = x;
		heap_sift_down(st, h, *n, 0);
	}
}

/* ---- hits ------------------------------------------------------------------ */

static const struct doc_term *doc_term_find(const struct doc *d, uint32_t term)
{
	uint32_t lo = 0, hi = d->nterms;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (d->terms[mid].term < term)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nterms && d->terms[lo].term == term ? &d->terms[lo] : NULL;
}

static int matched_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct matched_term *)a)->term;
	uint32_t y = ((const struct matched_term *)b)->term;

	return x < y ? -1 : x > y;
}

/* Fill hit with the document's match class, section and snippet. */
static void hit_fill(const struct state *st, const struct plan *p, uint32_t d,
		     struct search_hit *hit)
{
	struct matched_term *terms = NULL;
	size_t n = 0, cap = 0;
	float section_best = 0.0f;
	bool matched_any = false;
	float section_score[MAX_FIELD_NAMES] = { 0 };
	uint8_t section = st->docs[d].fields[0].name;

	hit->match = SEARCH_MATCH_EXACT;
	for (size_t g = 0; g < p->ngroups; g++) {
		for (size_t o = 0; o < p->groups[g].noptions; o++) {
			const struct option *opt = &p->groups[g].options[o];

			for (size_t c = 0; c < opt->nclauses; c++) {
				const struct clause *cl = &opt->clauses[c];

				for (size_t a = 0; a < cl->nalts; a++) {
					const struct alt *al = &cl->alts[a];
					const struct doc_term *post =
						doc_term_find(&st->docs[d], al->term);

					if (!post)
						continue;
					if (!matched_any ||
					    al->match < hit->match) {
						/* The strongest kind of match
						 * found in the document. */
						hit->match = (enum search_match)
								     al->match;
						matched_any = true;
					}
					/* The section is the field name where
					 * the matches weigh most. */
					section_score[post->field] +=
						st->field_weight[post->field] *
						al->factor * opt->factor;
					if (section_score[post->field] >
					    section_best) {
						section_best =
							section_score[post->field];
						section = post->field;
					}
					if (n == cap) {
						cap = cap ? cap * 2 : 16;
						terms = xrealloc(terms,
								 cap * sizeof(*terms));
					}
					terms[n++] = (struct matched_term){
						al->term, al->factor * opt->factor
					};
				}
			}
		}
	}
	qsort(terms, n, sizeof(*terms), matched_cmp);
	/* Keep one entry per term, with its best factor. */
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		if (w > 0 && terms[w - 1].term == terms[i].term) {
			if (terms[i].factor > terms[w - 1].factor)
				terms[w - 1].factor = terms[i].factor;
			continue;
		}
		terms[w++] = terms[i];
	}
	snippet_fill(st, &st->docs[d], section, terms, w, hit);
	free(terms);
}

static bool plan_has_synonyms(const struct plan *p)
{
	for (size_t g = 0; g < p->ngroups; g++)
		if (p->groups[g].noptions > 1)
			return true;
	return false;
}

/* Return the most that the postings of tiers 1 and up can give a
 * document: what a document without any tier-0 posting of the query can
 * reach, and the most they can add to one that has some. */
static float unseen_bound(const struct vocab *v, const struct plan *p)
{
	float bound = 0.0f;

	for (size_t g = 0; g < p->ngroups; g++) {
		const struct group *gr = &p->groups[g];
		float group_best = 0.0f;

		for (size_t o = 0; o < gr->noptions; o++) {
			const struct option *opt = &gr->options[o];
			float sum = 0.0f;

			for (size_t c = 0; c < opt->nclauses; c++) {
				const struct clause *cl = &opt->clauses[c];
				float best = 0.0f;

				for (size_t a = 0; a < cl->nalts; a++) {
					const struct term *t = &v->terms[cl->alts[a].term];

					for (int k = 1; k < TIERS; k++) {
						float x = (float)t->max_impact[k] *
							  cl->alts[a].factor;

						best = x > best ? x : best;
					}
				}
				sum += best * opt->factor * cl->idf / IMPACT_SCALE;
			}
			sum = sum / (float)opt->nclauses * (float)gr->nwords;
			group_best = sum > group_best ? sum : group_best;
		}
		bound += group_best;
	}
	return bound;
}

/* Score every group, then rank the touched documents that pass the
 * filters into heap. Returns the number of such documents. When bound is
 * not negative, the touched documents whose raw score plus bound reaches
 * the last kept score become the seen documents of the next pass: no
 * other document that this pass scored can enter the results. */
static size_t score_and_rank(const struct state *st, const struct plan *p,
			     const struct filter *f, struct scratch *s,
			     struct ranked *heap, size_t *nheap, size_t limit,
			     float bound)
{
	size_t total = 0;
	float threshold;

	for (size_t g = 0; g < p->ngroups; g++)
		score_group(&st->vocab, &p->groups[g], s);
	*nheap = 0;
	for (uint32_t i = 0; i < s->ntotal; i++) {
		uint32_t d = s->touch_total[i];
		float frac = s->matched[d] / (float)p->total_words;
		struct ranked r = { s->total[d] * frac * frac, d };

		if (!doc_passes(st, d, f))
			continue;
		total++;
		heap_push(st, heap, nheap, limit, r);
	}
	threshold = *nheap == limit ? heap[0].score : 0.0f;
	if (bound >= 0.0f)
		s->nseen = 0;
	for (uint32_t i = 0; i < s->ntotal; i++) {
		uint32_t d = s->touch_total[i];

		if (bound >= 0.0f && s->total_max[d] + bound >= threshold) {
			s->seen[d] = 1;
			s->touch_seen[s->nseen++] = d;
		}
		s->total[d] = 0.0f;
		s->total_max[d] = 0.0f;
		s->matched[d] = 0.0f;
	}
	s->ntotal = 0;
	return total;
}

static void clear_seen(struct scratch *s)
{
	for (uint32_t i = 0; i < s->nseen; i++)
		s->seen[s->touch_seen[i]] = 0;
	s->nseen = 0;
}

int query_run(const struct state *st, const struct synonyms *syn,
	      const struct search_query *q, struct search_result *out,
	      struct error *err)
{
	struct plan *p;
	struct scratch *s;
	struct filter f = { .q = q };
	struct ranked *heap;
	size_t limit = q->limit ? q->limit : SEARCH_DEFAULT_LIMIT, nheap = 0;
	size_t total = 0;
	float bound;

	if (!q->text)
		return error_set(err, RC_INVALID, "invalid_field", "q",
				 "Escriba al menos una palabra para buscar.",
				 "Type at least one word to search for.");
	if (limit > SEARCH_MAX_LIMIT)
		limit = SEARCH_MAX_LIMIT;
	p = xcalloc(1, sizeof(*p));
	plan_words(p, q->text);
	if (p->nwords == 0) {
		free(p);
		return error_set(err, RC_INVALID, "invalid_field", "q",
				 "Escriba al menos una palabra para buscar.",
				 "Type at least one word to search for.");
	}
	if (q->municipio)
		text_fold(q->municipio, strlen(q->municipio), f.municipio,
			  sizeof(f.municipio));
	plan_build(p, st, syn, !ends_with_space(q->text));

	/*
	 * Tier 0 first: its scores are lower bounds. A document can gain at
	 * most `bound` from tier 1, so only those whose bound reaches the
	 * current top results are scored again on both tiers, exactly. If the
	 * last top result then beats anything a document with no tier-0
	 * posting could reach, the result is exact; otherwise every posting
	 * is read.
	 */
	s = scratch_get(st->ndocs);
	heap = xmalloc(limit * sizeof(*heap));
	nheap = 0;
	out->total_exact = false;
	if (plan_has_synonyms(p)) {
		/* NOTE: a synonym option counts only documents with its whole
		 * phrase. The bound below does not cover a phrase that spans
		 * tiers, so such queries read every tier. */
		bound = -1.0f;
	} else {
		bound = unseen_bound(&st->vocab, p);
		s->mode = SCAN_TIER0;
		total = score_and_rank(st, p, &f, s, heap, &nheap, limit, bound);
	}
	if (bound >= 0.0f && nheap == limit) {
		sort_docs(s->touch_seen, s->nseen);
		s->mode = SCAN_SEEN;
		score_and_rank(st, p, &f, s, heap, &nheap, limit, -1.0f);
	}
	clear_seen(s);
	if (bound < 0.0f || nheap < limit || !(heap[0].score > bound)) {
		s->mode = SCAN_ALL;
		total = score_and_rank(st, p, &f, s, heap, &nheap, limit, -1.0f);
		out->total_exact = true;
	}

	/* Pop the heap from worst to best into the result. */
	out->hits = xcalloc(nheap + 1, sizeof(*out->hits));
	out->count = nheap;
	out->total = total;
	for (size_t k = nheap; k > 0; k--) {
		struct ranked r = heap[0];
		struct search_hit *hit = &out->hits[k - 1];
		const struct doc *d = &st->docs[r.doc];

		heap[0] = heap[nheap - 1];
		nheap--;
		heap_sift_down(st, heap, nheap, 0);
		hit->kind = (enum search_kind)d->kind;
		hit->id = d->id;
		hit->score = r.score;
		hit->title = xstrdup(d->title);
		hit_fill(st, p, r.doc, hit);
	}
	free(heap);
	plan_free(p);
	free(p);
	return RC_OK;
}
