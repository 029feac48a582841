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

bool is_stopword(const char *word, size_t len)
{
	if (len > 6)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(stopwords); i++)
		if (strlen(stopwords[i]) == len &&
		    memcmp(stopwords[i], word, len) == 0)
			return true;
	return false;
}
