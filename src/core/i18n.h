/*
 * i18n.h - the two languages of linea311.
 *
 * Every text shown to a user is written in Spanish and English side by
 * side at the place it is used, as TR(lang, "es", "en"), so no message can
 * lack a translation. Spanish is the default.
 */
#ifndef LINEA311_I18N_H
#define LINEA311_I18N_H

enum lang { LANG_ES = 0, LANG_EN = 1 };

#define TR(lang, es, en) ((lang) == LANG_EN ? (en) : (es))

/* Return the language of the command line: English when LANG or
 * LC_ALL/LC_MESSAGES starts with "en", Spanish otherwise. */
enum lang lang_from_env(void);

/* Return the language asked for by an Accept-Language header value or a
 * "lang" parameter ("en", "en-US;q=0.8", ...); Spanish for NULL or other. */
enum lang lang_parse(const char *value);

/* Return "es" or "en". */
const char *lang_code(enum lang lang);

#endif
