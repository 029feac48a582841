/*
 * synonyms.c - the synonym and acronym groups of the index.
 *
 * Each phrase is kept as its folded words without stopwords, unless the
 * phrase is nothing but stopwords (the acronym "DE"); the query matches
 * phrases on those words (see query.c).
 */
#include "core/common.h"
#include "search/internal.h"

void synonyms_free(struct synonyms *s)
{
	free(s->phrases);
	free(s->next);
	u64map_free(&s->by_first);
	memset(s, 0, sizeof(*s));
}

/* Fold phrase into p; returns false when it has no word. */
static bool phrase_parse(const char *phrase, struct syn_phrase *p)
{
	struct text_tokenizer tz;
	struct text_token tok;
	size_t all = 0;

	memset(p, 0, sizeof(*p));
	text_tokenizer_init(&tz, phrase, strlen(phrase));
	while (text_next_token(&tz, &tok) && p->nwords < ARRAY_SIZE(p->words)) {
		all++;
		if (is_stopword(tok.word, tok.len))
			continue;
		memcpy(p->words[p->nwords++], tok.word, tok.len + 1);
	}
	if (p->nwords == 0 && all > 0) {
		/* Only stopwords: keep them all. */
		text_tokenizer_init(&tz, phrase, strlen(phrase));
		while (text_next_token(&tz, &tok) &&
		       p->nwords < ARRAY_SIZE(p->words))
			memcpy(p->words[p->nwords++], tok.word, tok.len + 1);
	}
	return p->nwords > 0;
}

void search_index_set_synonyms(struct search_index *idx,
			       const struct search_synonym_group *groups,
			       size_t ngroups)
{
	struct synonyms s = { 0 };
	size_t cap = 0;

	for (size_t g = 0; g < ngroups; g++)
		cap += groups[g].nphrases;
	s.phrases = xcalloc(cap + 1, sizeof(*s.phrases));
	s.next = xcalloc(cap + 1, sizeof(*s.next));
	for (size_t g = 0; g < ngroups; g++) {
		for (size_t i = 0; i < groups[g].nphrases; i++) {
			struct syn_phrase *p = &s.phrases[s.nphrases];
			uint64_t h;

			if (!groups[g].phrases[i] ||
			    !phrase_parse(groups[g].phrases[i], p))
				continue;
			p->group = (uint32_t)g;
			h = search_hash(p->words[0], strlen(p->words[0]));
			s.next[s.nphrases] = u64map_get(&s.by_first, h);
			u64map_put(&s.by_first, h, (uint32_t)s.nphrases);
			s.nphrases++;
		}
	}

	pthread_rwlock_wrlock(&idx->lock);
	synonyms_free(&idx->syn);
	idx->syn = s;
	pthread_rwlock_unlock(&idx->lock);
}
