/* fax.c - fax numbers and the fax command line (see fax.h). */
#include "core/common.h"
#include "core/strbuf.h"
#include "outbox/fax.h"

static int invalid_number(struct error *err, const char *field, const char *text)
{
	return error_set(err, RC_INVALID, "invalid_fax_number", field,
			 "El número de fax «%s» no es válido: use un número de Puerto Rico de 10 dígitos con código de área 787 o 939, por ejemplo (787) 555-0161.",
			 "The fax number \"%s\" is invalid: use a 10-digit Puerto Rico number with area code 787 or 939, for example (787) 555-0161.",
			 text);
}

int fax_number_parse(const char *text, const char *field,
		     char out[FAX_NUMBER_LEN], struct error *err)
{
	char digits[16];
	size_t n = 0;
	const char *p = text, *national;

	while (*p == ' ')
		p++;
	if (*p == '+') {
		/* "+" must introduce the country code 1. */
		if (p[1] != '1')
			return invalid_number(err, field, text);
		p++;
	}
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n >= sizeof(digits) - 1)
				return invalid_number(err, field, text);
			digits[n++] = *p;
		} else if (!strchr(" -.()", *p)) {
			return invalid_number(err, field, text);
		}
	}
	digits[n] = '\0';
	if (n == 11 && digits[0] == '1')
		national = digits + 1;
	else if (n == 10 && text[strspn(text, " ")] != '+')
		national = digits;
	else
		return invalid_number(err, field, text);
	if (strncmp(national, "787", 3) && strncmp(national, "939", 3))
		return invalid_number(err, field, text);
	if (national[3] == '0' || national[3] == '1')
		return invalid_number(err, field, text);
	out[0] = '1';
	memcpy(out + 1, national, 10);
	out[11] = '\0';
	return RC_OK;
}

static char *replace_all(const char *word, const char *number, const char *file,
			 bool *used)
{
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = word; *p;) {
		if (!strncmp(p, "{number}", 8)) {
			strbuf_adds(&sb, number);
			p += 8;
			*used = true;
		} else if (!strncmp(p, "{file}", 6)) {
			strbuf_adds(&sb, file);
			p += 6;
			*used = true;
		} else {
			strbuf_addch(&sb, *p++);
		}
	}
	return strbuf_detach(&sb, NULL);
}

int fax_command_argv(const char *command, const char *number,
		     const char *file, char ***argv, struct error *err)
{
	char **list = NULL;
	size_t count = 0;
	bool used = false;
	const char *p = command;

	*argv = NULL;
	for (;;) {
		size_t len;

		p += strspn(p, " \t");
		if (!*p)
			break;
		len = strcspn(p, " \t");
		{
			char *word = xstrndup(p, len);

			list = xrealloc(list, (count + 4) * sizeof(*list));
			list[count++] = replace_all(word, number, file, &used);
			free(word);
		}
		p += len;
	}
	if (!count || list[0][0] != '/') {
		if (list)
			list[count] = NULL;
		fax_argv_free(list);
		return error_set(err, RC_INVALID, "invalid_setting", "fax_command",
				 "La orden de fax «%s» no es válida: comience con la ruta absoluta del programa, por ejemplo /usr/bin/sendfax -n -d {number} {file}.",
				 "The fax command \"%s\" is invalid: start it with the program's absolute path, for example /usr/bin/sendfax -n -d {number} {file}.",
				 command);
	}
	if (!used) {
		list[count++] = xstrdup(number);
		list[count++] = xstrdup(file);
	}
	list[count] = NULL;
	*argv = list;
	return RC_OK;
}

void fax_argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **p = argv; *p; p++)
		free(*p);
	free(argv);
}
