/*
 * snippet.c - the section and the highlighted snippet of a search hit.
 *
 * The section is chosen by the query from the postings (the field name
 * where the matches weigh most); the snippet is the window of that
 * field's original text with the most matched words, HTML-escaped, with
 * each matched word inside <mark></mark> and runs of white space shown as
 * one space.
 */
#include "core/common.h"
#include "core/strbuf.h"
#include "search/internal.h"

#define WINDOW_TOKENS 24
#define WHOLE_FIELD_BYTES 240

struct span {
	size_t start, end;
	bool matched;
};

static const struct matched_term *find_term(const struct matched_term *terms,
					    size_t n, uint32_t term)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (terms[mid].term < term)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && terms[lo].term == term ? &terms[lo] : NULL;
}

/* Tokenise field f; fill spans (when not NULL) and return the weighted sum
 * of distinct matched terms. seen has one flag per matched term. */
static float field_matches(const struct state *st, const struct doc_field *f,
			   const struct matched_term *terms, size_t nterms,
			   bool *seen, struct span **spans, size_t *nspans)
{
	struct text_tokenizer tz;
	struct text_token tok;
	float score = 0.0f;
	size_t cap = 0;

	memset(seen, 0, nterms * sizeof(bool));
	text_tokenizer_init(&tz, f->text, strlen(f->text));
	while (text_next_token(&tz, &tok)) {
		const struct matched_term *m = NULL;
		uint32_t t = vocab_find(&st->vocab, tok.word, tok.len);

		if (t != NO_ID)
			m = find_term(terms, nterms, t);
		if (m && !seen[m - terms]) {
			seen[m - terms] = true;
			score += f->weight * m->factor;
		}
		if (!spans)
			continue;
		if (*nspans == cap) {
			cap = cap ? cap * 2 : 64;
			*spans = xrealloc(*spans, cap * sizeof(**spans));
		}
		(*spans)[(*nspans)++] = (struct span){ tok.start, tok.end, m != NULL };
	}
	return score;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static const char *entity(char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	}
	return NULL;
}

/* Append s HTML-escaped, each run of white space as one space. Runs of
 * plain bytes are copied in one call. */
static void add_escaped(struct strbuf *sb, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t run = i;

		while (run < len && !is_space(s[run]) && !entity(s[run]))
			run++;
		strbuf_add(sb, s + i, run - i);
		i = run;
		if (i >= len)
			break;
		if (is_space(s[i])) {
			while (i < len && is_space(s[i]))
				i++;
			if (sb->len > 0 && sb->buf[sb->len - 1] != ' ')
				strbuf_addch(sb, ' ');
			continue;
		}
		strbuf_adds(sb, entity(s[i]));
		i++;
	}
}

static char *build_snippet(const char *text, const struct span *spans,
			   size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(text), first = 0, last = n, best = 0, count = 0;
	size_t from, to, pos;

	if (len > WHOLE_FIELD_BYTES && n > WINDOW_TOKENS) {
		/* Slide a window of WINDOW_TOKENS words to the most matches. */
		for (size_t i = 0; i < n; i++) {
			count += spans[i].matched;
			if (i >= WINDOW_TOKENS)
				count -= spans[i - WINDOW_TOKENS].matched;
			if (i + 1 >= WINDOW_TOKENS && count > best) {
				best = count;
				first = i + 1 - WINDOW_TOKENS;
			}
		}
		/* Centre the window on its matched words. */
		size_t lo = first + WINDOW_TOKENS, hi = first, centre;
		for (size_t i = first; i < first + WINDOW_TOKENS; i++) {
			if (!spans[i].matched)
				continue;
			lo = i < lo ? i : lo;
			hi = i;
		}
		if (lo <= hi) {
			centre = (lo + hi) / 2;
			first = centre > WINDOW_TOKENS / 2
					? centre - WINDOW_TOKENS / 2
					: 0;
			if (first + WINDOW_TOKENS > n)
				first = n - WINDOW_TOKENS;
		}
		last = first + WINDOW_TOKENS;
		from = spans[first].start;
		to = spans[last - 1].end;
	} else {
		from = 0;
		to = len;
	}
	if (from > 0)
		strbuf_adds(&sb, "… ");
	pos = from;
	for (size_t i = first; i < last && i < n; i++) {
		if (!spans[i].matched)
			continue;
		add_escaped(&sb, text + pos, spans[i].start - pos);
		strbuf_adds(&sb, "<mark>");
		add_escaped(&sb, text + spans[i].start,
			    spans[i].end - spans[i].start);
		strbuf_adds(&sb, "</mark>");
		pos = spans[i].end;
	}
	add_escaped(&sb, text + pos, to - pos);
	while (sb.len > 0 && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	if (to < len)
		strbuf_adds(&sb, " …");
	return strbuf_detach(&sb, NULL);
}

void snippet_fill(const struct state *st, const struct doc *doc,
		  uint8_t section, const struct matched_term *terms,
		  size_t nterms, struct search_hit *hit)
{
	bool *seen = xcalloc(nterms + 1, sizeof(bool));
	struct span *spans = NULL, *best_spans = NULL;
	size_t nspans = 0, best_nspans = 0;
	uint8_t best_field = 0;
	float best = -1.0f;

	/* Only fields named section are tokenised, once each: usually one or
	 * two (the Spanish and the English text). */
	for (uint8_t i = 0; i < doc->nfields; i++) {
		float score;

		if (doc->fields[i].name != section)
			continue;
		nspans = 0;
		score = field_matches(st, &doc->fields[i], terms, nterms, seen,
				      &spans, &nspans);
		if (score > best) {
			struct span *tmp = best_spans;

			best = score;
			best_field = i;
			best_spans = spans;
			best_nspans = nspans;
			spans = tmp;
		}
	}
	if (best < 0.0f) {
		/* No field has that name: show the first field unmarked. */
		field_matches(st, &doc->fields[0], terms, nterms, seen,
			      &best_spans, &best_nspans);
	}
	hit->section = xstrdup(
		st->field_names.strs[doc->fields[best_field].name]);
	hit->snippet = build_snippet(doc->fields[best_field].text, best_spans,
				     best_nspans);
	free(spans);
	free(best_spans);
	free(seen);
}
