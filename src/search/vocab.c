/*
 * vocab.c - the terms of the index: stems, the typo index and the sorted
 * word list for prefixes.
 *
 * The typo index follows the symmetric-deletion idea: every term is stored
 * under itself and under each string obtained by deleting one character
 * (two for terms of 6 or more characters); a query word looks up itself
 * and its own deletions, and every term found is checked with
 * text_distance. Two words within d edits always share such a string, so
 * no candidate is missed, and a lookup costs a few dozen hash probes
 * instead of a scan of the vocabulary.
 */
#include "core/common.h"
#include "search/internal.h"

#include <libstemmer.h>

/* ---- stemmers -------------------------------------------------------- */

/* Snowball stemmers keep state, so each thread gets its own pair. */
struct stemmers {
	struct sb_stemmer *by_lang[NLANGS];
};

static pthread_key_t stemmer_key;
static pthread_once_t stemmer_once = PTHREAD_ONCE_INIT;

static void stemmers_destroy(void *p)
{
	struct stemmers *s = p;

	for (int i = 0; i < NLANGS; i++)
		sb_stemmer_delete(s->by_lang[i]);
	free(s);
}

static void stemmer_key_create(void)
{
	BUG_ON(pthread_key_create(&stemmer_key, stemmers_destroy) != 0);
}

size_t search_stem(enum lang lang, const char *word, size_t len,
		   char out[TEXT_WORD_MAX + 1])
{
	struct stemmers *s;
	const sb_symbol *stem;
	size_t n;

	pthread_once(&stemmer_once, stemmer_key_create);
	s = pthread_getspecific(stemmer_key);
	if (!s) {
		s = xcalloc(1, sizeof(*s));
		s->by_lang[LANG_ES] = sb_stemmer_new("spanish", "UTF_8");
		s->by_lang[LANG_EN] = sb_stemmer_new("english", "UTF_8");
		BUG_ON(!s->by_lang[LANG_ES] || !s->by_lang[LANG_EN]);
		pthread_setspecific(stemmer_key, s);
	}
	stem = sb_stemmer_stem(s->by_lang[lang], (const sb_symbol *)word,
			       (int)len);
	if (!stem) {
		/* Only on out of memory inside libstemmer: keep the word. */
		stem = (const sb_symbol *)word;
		n = len;
	} else {
		n = (size_t)sb_stemmer_length(s->by_lang[lang]);
	}
	if (n > TEXT_WORD_MAX)
		n = TEXT_WORD_MAX;
	memcpy(out, stem, n);
	out[n] = '\0';
	return n;
}

/* ---- deletion strings --------------------------------------------------- */

#define MAX_DELETES 2200 /* one and two deletions of a 63-letter word */

struct deletes {
	uint64_t hashes[MAX_DELETES];
	size_t n;
};

static void deletes_add(struct deletes *d, const uint32_t *cps, size_t n)
{
	char buf[TEXT_WORD_MAX * 4 + 1];
	size_t len = 0;
	uint64_t h;

	for (size_t i = 0; i < n; i++)
		len += text_utf8_encode(cps[i], buf + len);
	h = search_hash(buf, len);
	for (size_t i = 0; i < d->n; i++)
		if (d->hashes[i] == h)
			return;
	if (d->n < MAX_DELETES)
		d->hashes[d->n++] = h;
}

/* Collect the hashes of word and of its deletions of up to depth
 * characters. */
static void deletes_collect(const char *word, size_t len, int depth,
			    struct deletes *d)
{
	uint32_t cps[TEXT_WORD_MAX + 1] = { 0 }, tmp[TEXT_WORD_MAX + 1];
	size_t n = 0, pos = 0;

	while (pos < len && n < TEXT_WORD_MAX)
		pos += text_utf8_decode(word + pos, len - pos, &cps[n++]);
	d->n = 0;
	deletes_add(d, cps, n);
	for (size_t i = 0; depth >= 1 && i < n; i++) {
		size_t k = 0;

		for (size_t x = 0; x < n; x++)
			if (x != i)
				tmp[k++] = cps[x];
		deletes_add(d, tmp, k);
		for (size_t j = i; depth >= 2 && j < k; j++) {
			uint32_t tmp2[TEXT_WORD_MAX + 1];
			size_t k2 = 0;

			for (size_t x = 0; x < k; x++)
				if (x != j)
					tmp2[k2++] = tmp[x];
			deletes_add(d, tmp2, k2);
		}
	}
}

static void typo_index_add(struct vocab *v, uint32_t term)
{
	const struct term *t = &v->terms[term];
	const char *w = vocab_word(v, term);
	struct deletes *d;

	if (t->has_digit || t->chars < 3)
		return;
	d = xmalloc(sizeof(*d));
	deletes_collect(w, t->len, t->chars >= 6 ? 2 : 1, d);
	for (size_t i = 0; i < d->n; i++) {
		uint32_t head = u64map_get(&v->del_head, d->hashes[i]);

		if (v->ndel == v->del_cap) {
			v->del_cap = v->del_cap ? v->del_cap * 2 : 1024;
			v->del_term = xrealloc(v->del_term,
					       v->del_cap * sizeof(uint32_t));
			v->del_next = xrealloc(v->del_next,
					       v->del_cap * sizeof(uint32_t));
		}
		v->del_term[v->ndel] = term;
		v->del_next[v->ndel] = head;
		u64map_put(&v->del_head, d->hashes[i], v->ndel);
		v->ndel++;
	}
	free(d);
}

size_t vocab_typo_candidates(const struct vocab *v, const char *word,
			     size_t len, int max_dist, struct candidate *out,
			     size_t out_cap)
{
	struct deletes *d = xmalloc(sizeof(*d));
	size_t n = 0;

	deletes_collect(word, len, max_dist, d);
	for (size_t i = 0; i < d->n; i++) {
		uint32_t e = u64map_get(&v->del_head, d->hashes[i]);

		for (; e != NO_ID; e = v->del_next[e]) {
			uint32_t term = v->del_term[e];
			const struct term *t = &v->terms[term];
			bool seen = false;
			int dist;

			if (t->df == 0)
				continue;
			for (size_t k = 0; k < n && !seen; k++)
				seen = out[k].term == term;
			if (seen)
				continue;
			dist = text_distance(word, len, vocab_word(v, term),
					     t->len, max_dist);
			if (dist == 0 || dist > max_dist)
				continue;
			if (n < out_cap)
				out[n++] = (struct candidate){ term, dist };
		}
	}
	free(d);
	return n;
}

/* ---- terms ---------------------------------------------------------------- */

const char *vocab_word(const struct vocab *v, uint32_t term)
{
	return v->words.strs[term];
}

uint32_t vocab_find(const struct vocab *v, const char *word, size_t len)
{
	return strmap_find(&v->words, word, len);
}

/* First position in sorted whose word is >= word[0..len). */
static uint32_t sorted_lower_bound(const struct vocab *v, const char *word,
				   size_t len)
{
	uint32_t lo = 0, hi = v->nsorted;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *w = vocab_word(v, v->sorted[mid]);
		int c = strncmp(w, word, len);

		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void sorted_insert(struct vocab *v, uint32_t term)
{
	const char *w = vocab_word(v, term);
	uint32_t lo = 0, hi = v->nsorted;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(vocab_word(v, v->sorted[mid]), w) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(v->sorted + lo + 1, v->sorted + lo,
		(v->nsorted - lo) * sizeof(*v->sorted));
	v->sorted[lo] = term;
	v->nsorted++;
}

struct sort_item {
	const char *word;
	uint32_t term;
};

static int sort_item_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sort_item *)a)->word,
		      ((const struct sort_item *)b)->word);
}

void vocab_sort(struct vocab *v)
{
	struct sort_item *items = xmalloc((v->nsorted + 1) * sizeof(*items));

	for (uint32_t i = 0; i < v->nsorted; i++)
		items[i] = (struct sort_item){ vocab_word(v, v->sorted[i]),
					       v->sorted[i] };
	qsort(items, v->nsorted, sizeof(*items), sort_item_cmp);
	for (uint32_t i = 0; i < v->nsorted; i++)
		v->sorted[i] = items[i].term;
	free(items);
	v->sorted_stale = false;
}

void vocab_each_prefix(const struct vocab *v, const char *prefix, size_t len,
		       void (*fn)(void *ctx, uint32_t term), void *ctx)
{
	for (uint32_t i = sorted_lower_bound(v, prefix, len); i < v->nsorted;
	     i++) {
		uint32_t term = v->sorted[i];

		if (strncmp(vocab_word(v, term), prefix, len) != 0)
			break;
		if (v->terms[term].df > 0)
			fn(ctx, term);
	}
}

static void add_to_stem_group(struct vocab *v, uint32_t term, enum lang lang)
{
	char stem[TEXT_WORD_MAX + 1];
	const char *w = vocab_word(v, term);
	size_t n = search_stem(lang, w, v->terms[term].len, stem);
	bool added;
	uint32_t g = strmap_intern(&v->stems[lang], stem, n, &added);

	if (g >= v->group_cap[lang]) {
		uint32_t cap = v->group_cap[lang] ? v->group_cap[lang] * 2 : 256;

		while (cap <= g)
			cap *= 2;
		v->groups[lang] = xrealloc(v->groups[lang],
					   cap * sizeof(struct id_list));
		memset(v->groups[lang] + v->group_cap[lang], 0,
		       (cap - v->group_cap[lang]) * sizeof(struct id_list));
		v->group_cap[lang] = cap;
	}
	id_list_push(&v->groups[lang][g], term);
	v->terms[term].stem[lang] = g;
}

uint32_t vocab_intern(struct vocab *v, const struct text_token *tok,
		      enum lang lang)
{
	bool added;
	uint32_t id = strmap_intern(&v->words, tok->word, tok->len, &added);
	struct term *t;

	if (added) {
		if (id >= v->cap) {
			v->cap = v->cap ? v->cap * 2 : 1024;
			v->terms = xrealloc(v->terms, v->cap * sizeof(*v->terms));
			v->sorted = xrealloc(v->sorted,
					     v->cap * sizeof(*v->sorted));
		}
		t = &v->terms[id];
		memset(t, 0, sizeof(*t));
		t->len = (uint16_t)tok->len;
		t->chars = (uint16_t)tok->chars;
		t->has_digit = tok->has_digit;
		for (int i = 0; i < NLANGS; i++)
			t->stem[i] = NO_ID;
		typo_index_add(v, id);
		if (v->sorted_stale)
			v->sorted[v->nsorted++] = id;
		else
			sorted_insert(v, id);
	}
	t = &v->terms[id];
	if (!(t->langs & (1u << lang))) {
		t->langs |= (uint8_t)(1u << lang);
		if (!t->has_digit)
			add_to_stem_group(v, id, lang);
	}
	return id;
}

void vocab_free(struct vocab *v)
{
	for (uint32_t i = 0; i < v->words.count; i++)
		for (int k = 0; k < TIERS; k++)
			free(v->terms[i].post[k]);
	free(v->terms);
	strmap_free(&v->words);
	for (int l = 0; l < NLANGS; l++) {
		for (uint32_t g = 0; g < v->stems[l].count; g++)
			free(v->groups[l][g].ids);
		free(v->groups[l]);
		strmap_free(&v->stems[l]);
	}
	u64map_free(&v->del_head);
	free(v->del_term);
	free(v->del_next);
	free(v->sorted);
	memset(v, 0, sizeof(*v));
}
