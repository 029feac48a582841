/* validate.c - field checks shared by every validator (see validate.h). */
#include "core/common.h"
#include "domain/validate.h"

#include <ctype.h>
#include <strings.h>

static void field_name(char *buf, size_t size, const char *prefix,
		       const char *key)
{
	if (prefix && *prefix)
		snprintf(buf, size, "%s.%s", prefix, key);
	else
		snprintf(buf, size, "%s", key);
}

static int missing(const char *field, struct error *err)
{
	return error_set(err, RC_INVALID, "missing_field", field,
			 "Falta el campo «%s». Escriba un valor.",
			 "The field \"%s\" is missing. Provide a value.", field);
}

static int wrong_type(const char *field, const char *type_es,
		      const char *type_en, struct error *err)
{
	return error_set(err, RC_INVALID, "invalid_type", field,
			 "El campo «%s» debe ser %s.",
			 "The field \"%s\" must be %s.", field, type_es, type_en);
}

int check_string(json_t *obj, const char *key, const char *prefix,
		 bool required, size_t max, struct error *err)
{
	json_t *v = json_object_get(obj, key);
	char field[160];

	field_name(field, sizeof(field), prefix, key);
	if (!v || json_is_null(v))
		return required ? missing(field, err) : RC_OK;
	if (!json_is_string(v))
		return error_set(err, RC_INVALID, "invalid_type", field,
				 "El campo «%s» debe ser un texto.",
				 "The field \"%s\" must be a string.", field);
	if (required && json_string_length(v) == 0)
		return missing(field, err);
	if (json_string_length(v) > max)
		return error_set(err, RC_INVALID, "too_long", field,
				 "El campo «%s» es demasiado largo: el máximo es %zu bytes.",
				 "The field \"%s\" is too long: the maximum is %zu bytes.",
				 field, max);
	for (const char *p = json_string_value(v); *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
			return error_set(err, RC_INVALID, "control_character", field,
					 "El campo «%s» contiene un carácter de control no permitido.",
					 "The field \"%s\" contains a control character that is not allowed.",
					 field);
	}
	return RC_OK;
}

int check_integer(json_t *obj, const char *key, const char *prefix,
		  bool required, long long min, long long max, struct error *err)
{
	json_t *v = json_object_get(obj, key);
	char field[160];

	field_name(field, sizeof(field), prefix, key);
	if (!v || json_is_null(v))
		return required ? missing(field, err) : RC_OK;
	if (!json_is_integer(v))
		return wrong_type(field, "un número entero", "an integer", err);
	if (json_integer_value(v) < min || json_integer_value(v) > max)
		return error_set(err, RC_INVALID, "out_of_range", field,
				 "El campo «%s» debe estar entre %lld y %lld.",
				 "The field \"%s\" must be between %lld and %lld.",
				 field, min, max);
	return RC_OK;
}

int check_boolean(json_t *obj, const char *key, const char *prefix,
		  bool required, struct error *err)
{
	json_t *v = json_object_get(obj, key);
	char field[160];

	field_name(field, sizeof(field), prefix, key);
	if (!v)
		return required ? missing(field, err) : RC_OK;
	if (!json_is_boolean(v))
		return wrong_type(field, "true o false", "true or false", err);
	return RC_OK;
}

int check_enum(json_t *obj, const char *key, const char *prefix,
	       bool required, const char *const *values, struct error *err)
{
	json_t *v = json_object_get(obj, key);
	char field[160], list[400] = "";
	size_t used = 0;

	field_name(field, sizeof(field), prefix, key);
	if (!v || json_is_null(v))
		return required ? missing(field, err) : RC_OK;
	if (json_is_string(v))
		for (const char *const *p = values; *p; p++)
			if (!strcmp(json_string_value(v), *p))
				return RC_OK;
	for (const char *const *p = values; *p && used < sizeof(list); p++) {
		int n = snprintf(list + used, sizeof(list) - used, "%s%s",
				 p == values ? "" : ", ", *p);
		if (n > 0)
			used += (size_t)n;
	}
	return error_set(err, RC_INVALID, "invalid_value", field,
			 "El valor del campo «%s» no es válido. Use uno de: %s.",
			 "Invalid value for \"%s\". Use one of: %s.", field, list);
}

int check_text_pair(json_t *obj, const char *key, const char *prefix,
		    bool required_es, size_t max, struct error *err)
{
	json_t *v = json_object_get(obj, key);
	char field[160];
	int rc;

	field_name(field, sizeof(field), prefix, key);
	if (!v || json_is_null(v))
		return required_es ? missing(field, err) : RC_OK;
	if (!json_is_object(v))
		return error_set(err, RC_INVALID, "invalid_type", field,
				 "El campo «%s» debe ser un objeto {\"es\": \"...\", \"en\": \"...\"}.",
				 "The field \"%s\" must be an object {\"es\": \"...\", \"en\": \"...\"}.",
				 field);
	static const char *const langs[] = { "es", "en", NULL };
	rc = check_known_members(v, field, langs, err);
	if (!rc)
		rc = check_string(v, "es", field, required_es, max, err);
	if (!rc)
		rc = check_string(v, "en", field, false, max, err);
	return rc;
}

int check_email(json_t *obj, const char *key, const char *prefix,
		struct error *err)
{
	char field[160];
	int rc = check_string(obj, key, prefix, false, 254, err);
	json_t *v = json_object_get(obj, key);

	if (rc || !json_is_string(v))
		return rc;
	field_name(field, sizeof(field), prefix, key);
	if (!is_valid_email(json_string_value(v)))
		return error_set(err, RC_INVALID, "invalid_email", field,
				 "El correo electrónico «%s» no es válido. Use la forma nombre@dominio.pr.",
				 "The email address \"%s\" is not valid. Use the form name@domain.pr.",
				 json_string_value(v));
	return RC_OK;
}

int check_url(json_t *obj, const char *key, const char *prefix,
	      struct error *err)
{
	char field[160];
	int rc = check_string(obj, key, prefix, false, 2000, err);
	json_t *v = json_object_get(obj, key);
	const char *s;

	if (rc || !json_is_string(v))
		return rc;
	s = json_string_value(v);
	field_name(field, sizeof(field), prefix, key);
	if (!is_valid_url(s))
		return error_set(err, RC_INVALID, "invalid_url", field,
				 "La dirección «%s» del campo «%s» no es válida. Debe comenzar con https:// o http://.",
				 "The address \"%s\" in \"%s\" is not valid. It must start with https:// or http://.",
				 s, field);
	return RC_OK;
}

int check_phone(json_t *obj, const char *key, const char *prefix,
		struct error *err)
{
	char field[160];
	int rc = check_string(obj, key, prefix, false, 40, err);
	json_t *v = json_object_get(obj, key);

	if (rc || !json_is_string(v))
		return rc;
	field_name(field, sizeof(field), prefix, key);
	if (!is_valid_phone(json_string_value(v)))
		return error_set(err, RC_INVALID, "invalid_phone", field,
				 "El número «%s» del campo «%s» no es válido. Escriba al menos 7 dígitos, por ejemplo (787) 555-0100 Ext. 12.",
				 "The number \"%s\" in \"%s\" is not valid. Write at least 7 digits, for example (787) 555-0100 Ext. 12.",
				 json_string_value(v), field);
	return RC_OK;
}

int check_date(json_t *obj, const char *key, const char *prefix,
	       struct error *err)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char field[160];
	int rc = check_string(obj, key, prefix, false, 10, err);
	json_t *v = json_object_get(obj, key);
	int y, m, d, n = 0;

	if (rc || !json_is_string(v))
		return rc;
	field_name(field, sizeof(field), prefix, key);
	const char *s = json_string_value(v);
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100) || y % 400 == 0)))
		return error_set(err, RC_INVALID, "invalid_date", field,
				 "La fecha «%s» del campo «%s» no es válida. Use AAAA-MM-DD.",
				 "The date \"%s\" in \"%s\" is not valid. Use YYYY-MM-DD.",
				 s, field);
	return RC_OK;
}

int check_known_members(json_t *obj, const char *prefix,
			const char *const *allowed, struct error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		const char *const *p;
		char field[160];

		for (p = allowed; *p; p++)
			if (!strcmp(*p, key))
				break;
		if (*p)
			continue;
		field_name(field, sizeof(field), prefix, key);
		return error_set(err, RC_INVALID, "unknown_field", field,
				 "El campo «%s» no existe en este recurso. Revise cómo está escrito.",
				 "The field \"%s\" does not exist in this resource. Check its spelling.",
				 field);
	}
	return RC_OK;
}

static json_t *trimmed(json_t *s)
{
	const char *b = json_string_value(s);
	const char *e = b + json_string_length(s);

	while (b < e && isspace((unsigned char)*b))
		b++;
	while (e > b && isspace((unsigned char)e[-1]))
		e--;
	if (b == e)
		return json_null();
	return json_stringn(b, (size_t)(e - b));
}

void json_trim_strings(json_t *value)
{
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_object(value)) {
		json_object_foreach(value, key, v) {
			if (json_is_string(v))
				json_object_set_new(value, key, trimmed(v));
			else
				json_trim_strings(v);
		}
	} else if (json_is_array(value)) {
		json_array_foreach(value, i, v) {
			if (json_is_string(v))
				json_array_set_new(value, i, trimmed(v));
			else
				json_trim_strings(v);
		}
	}
}

#define URL_MAX 2048

static bool is_host_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-';
}

bool is_valid_url(const char *url)
{
	const char *host;
	size_t host_len = 0, len = strlen(url);

	if (len == 0 || len > URL_MAX)
		return false;
	if (strncasecmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		host = url + 7;
	else
		return false;

	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p == 0x7F)
			return false;

	while (host[host_len] && is_host_char(host[host_len]))
		host_len++;
	if (host_len == 0 || host[0] == '.' || host[0] == '-')
		return false;
	/* After the host only a port, a path, a query or a fragment may
	 * follow. A "user@" part is rejected because it hides the real
	 * host from the reader. */
	switch (host[host_len]) {
	case '\0':
	case '/':
	case '?':
	case '#':
		return true;
	case ':': {
		const char *port = host + host_len + 1;
		size_t digits = 0;

		while (isdigit((unsigned char)port[digits]))
			digits++;
		if (digits == 0 || digits > 5)
			return false;
		return port[digits] == '\0' || port[digits] == '/' ||
		       port[digits] == '?' || port[digits] == '#';
	}
	default:
		return false;
	}
}

static bool is_atext(char c)
{
	return isalnum((unsigned char)c) || (c && strchr("!#$%&'*+/=?^_`{|}~-", c));
}

bool is_valid_email(const char *email)
{
	const char *at = strchr(email, '@');
	const char *domain;
	size_t local_len, labels = 0;

	if (!at || strchr(at + 1, '@') || strlen(email) > 254)
		return false;
	local_len = (size_t)(at - email);
	if (local_len == 0 || local_len > 64)
		return false;
	if (email[0] == '.' || at[-1] == '.')
		return false;
	for (const char *p = email; p < at; p++) {
		if (*p == '.') {
			if (p[1] == '.')
				return false;
		} else if (!is_atext(*p)) {
			return false;
		}
	}

	domain = at + 1;
	for (;;) {
		size_t n = 0;

		while (isalnum((unsigned char)domain[n]) || domain[n] == '-')
			n++;
		if (n == 0 || n > 63 || domain[0] == '-' || domain[n - 1] == '-')
			return false;
		labels++;
		if (domain[n] == '\0')
			break;
		if (domain[n] != '.')
			return false;
		domain += n + 1;
	}
	return labels >= 2;
}

bool is_valid_email_list(const char *list)
{
	const char *p = list;

	if (*p == '\0')
		return false;
	while (*p) {
		size_t n = strcspn(p, ",");
		size_t start = 0, end = n;
		char one[256];

		while (start < end && p[start] == ' ')
			start++;
		while (end > start && p[end - 1] == ' ')
			end--;
		if (end - start >= sizeof(one))
			return false;
		memcpy(one, p + start, end - start);
		one[end - start] = '\0';
		if (!is_valid_email(one))
			return false;
		p += n;
		if (*p == ',' && *++p == '\0')
			return false;
	}
	return true;
}

/* Words that phone and fax text may contain besides numbers. */
static const char *const phone_words[] = {
	"ext", "exts", "x", "y", "o", "or", "and", "tty", "tdd",
	"extension", "extensión", "extensiones",
};

static bool is_phone_word(const char *word, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(phone_words); i++)
		if (strlen(phone_words[i]) == len &&
		    strncasecmp(phone_words[i], word, len) == 0)
			return true;
	return false;
}

bool is_valid_phone(const char *phone)
{
	size_t digits = 0;
	const char *p = phone;

	while (*p) {
		unsigned char c = (unsigned char)*p;

		if (isdigit(c)) {
			digits++;
			p++;
		} else if (c == ' ' || strchr("()+-.,/;#", c)) {
			p++;
		} else if (isalpha(c) || c >= 0x80) {
			const char *start = p;

			while (*p && (isalpha((unsigned char)*p) ||
				      (unsigned char)*p >= 0x80))
				p++;
			if (!is_phone_word(start, (size_t)(p - start)))
				return false;
		} else {
			return false;
		}
	}
	return digits >= 7;
}

/* Compare text with a code written with underscores, taking a space in
 * text as an underscore and ignoring ASCII case. */
static bool same_code(const char *text, const char *code)
{
	for (; *text && *code; text++, code++) {
		char c = *text == ' ' ? '_' : *text;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *code)
			return false;
	}
	return *text == '\0' && *code == '\0';
}

int code_lookup(const char *text, const char *const *codes,
		const char *const *aliases, int count)
{
	for (int i = 0; text && i < count; i++)
		if (same_code(text, codes[i]) || (aliases && same_code(text, aliases[i])))
			return i;
	return -1;
}
