/* i18n.c - picking the user's language (see i18n.h). */
#include "core/common.h"
#include "core/i18n.h"

static bool starts_with_en(const char *s)
{
	return s && (s[0] == 'e' || s[0] == 'E') && (s[1] == 'n' || s[1] == 'N') &&
	       (s[2] == '\0' || s[2] == '_' || s[2] == '-' || s[2] == '.' ||
		s[2] == ',' || s[2] == ';');
}

enum lang lang_from_env(void)
{
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return starts_with_en(v) ? LANG_EN : LANG_ES;
	}
	return LANG_ES;
}

enum lang lang_parse(const char *value)
{
	if (!value)
		return LANG_ES;
	while (*value == ' ')
		value++;
	/* The first language listed is the one preferred. */
	return starts_with_en(value) ? LANG_EN : LANG_ES;
}

const char *lang_code(enum lang lang)
{
	return lang == LANG_EN ? "en" : "es";
}
