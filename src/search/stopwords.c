/*
 * stopwords.c - Spanish and English function words that the index skips.
 *
 * They occur in nearly every document, so they neither help ranking nor
 * find anything, and their posting lists would be the longest of all. The
 * list is short on purpose: words that can carry meaning in a 3-1-1 query
 * ("no", "sin", "más") are not in it. Words are folded (no accents).
 */
#include "core/common.h"
#include "search/internal.h"

static const char *const stopwords[] = {
	/* Spanish */
	"a", "al", "como", "con", "cual", "cuando", "de", "del", "donde",
	"e", "el", "en", "es", "esta", "este", "la", "las", "le", "les",
	"lo", "los", "me", "mi", "o", "para", "por", "que", "se", "su",
	"sus", "u", "un", "una", "unas", "uno", "unos", "y", "ya",
	/* English */
	"an", "and", "are", "as", "at", "be", "by", "can", "do", "for",
	"from", "how", "i", "in", "is", "it", "my", "of", "on", "or", "the",
	"to", "what", "where", "with",
};

/* Return the word packed into an integer, or 0 when it has more than 8
 * bytes; stopwords are compared as integers because every indexed token
 * is checked. */
static uint64_t pack(const char *word, size_t len)
{
	uint64_t v = 0;

	if (len == 0 || len > 8)
		return 0;
	memcpy(&v, word, len);
	return v;
}

static uint64_t packed[ARRAY_SIZE(stopwords)];
static pthread_once_t packed_once = PTHREAD_ONCE_INIT;

static void pack_all(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(stopwords); i++)
		packed[i] = pack(stopwords[i], strlen(stopwords[i]));
}

bool is_stopword(const char *word, size_t len)
{
	uint64_t v = pack(word, len);

	if (v == 0)
		return false;
	pthread_once(&packed_once, pack_all);
	for (size_t i = 0; i < ARRAY_SIZE(packed); i++)
		if (packed[i] == v)
			return true;
	return false;
}
