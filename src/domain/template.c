/* template.c - template sections and validation (see template.h). */
#include "core/common.h"
#include "core/error.h"
#include "core/utf8.h"
#include "domain/template.h"
#include "domain/validate.h"

#include <ctype.h>
#include <strings.h>

const struct template_section template_sections[TEMPLATE_SECTION_COUNT] = {
	{ TEMPLATE_DESCRIPTION, "description", "Descripción del Servicio",
	  "Service Description", TEMPLATE_KIND_TEXT },
	{ TEMPLATE_AUDIENCE, "audience", "Audiencia y Propósito",
	  "Audience and Purpose", TEMPLATE_KIND_TEXT },
	{ TEMPLATE_CONSIDERATIONS, "considerations", "Consideraciones",
	  "Considerations", TEMPLATE_KIND_TEXT },
	{ TEMPLATE_LOCATION_HOURS, "location_hours",
	  "Lugar y Horario de Servicio", "Service Location and Hours",
	  TEMPLATE_KIND_TEXT },
	{ TEMPLATE_COST_PAYMENT, "cost_payment",
	  "Costo del Servicio y Métodos de Pago",
	  "Service Cost and Payment Methods", TEMPLATE_KIND_TEXT },
	{ TEMPLATE_REQUIREMENTS, "requirements",
	  "Requisitos para Obtener Servicio",
	  "Requirements to Obtain the Service", TEMPLATE_KIND_TEXT },
	{ TEMPLATE_FAQ, "faq", "Preguntas Frecuentes",
	  "Frequently Asked Questions", TEMPLATE_KIND_FAQ },
	{ TEMPLATE_RELATED_LINKS, "related_links", "Enlaces Relacionados",
	  "Related Links", TEMPLATE_KIND_LINKS },
	{ TEMPLATE_SOCIAL_MEDIA, "social_media", "Redes Sociales",
	  "Social Media", TEMPLATE_KIND_SOCIAL },
};

/* Members of the "location" object, in the order the block lists them. */
static const char *const location_keys[] = {
	"place", "directory", "hours", "contact", "phone", "fax", "email",
};

const struct template_section *template_section_find(const char *key)
{
	for (size_t i = 0; i < TEMPLATE_SECTION_COUNT; i++)
		if (strcmp(template_sections[i].key, key) == 0)
			return &template_sections[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* JSON validation                                                     */
/* ------------------------------------------------------------------ */

#define PATH_MAX_LEN 96

static int invalid_type(struct error *err, const char *path,
			const char *expected_es, const char *expected_en)
{
	/* error_set formats both messages with the same arguments, so the
	 * English one is written again with the English description. */
	error_set(err, RC_INVALID, "invalid_type", path,
		  "El campo %s debe ser %s.", "Field %s must be %s.", path,
		  expected_es);
	if (err)
		snprintf(err->message_en, sizeof(err->message_en),
			 "Field %s must be %s.", path, expected_en);
	return RC_INVALID;
}

static int unknown_member(struct error *err, const char *path)
{
	return error_set(err, RC_INVALID, "unknown_field", path,
			 "El campo %s no existe en una plantilla. Quítelo o "
			 "corrija su nombre.",
			 "Field %s does not exist in a template. Remove it or "
			 "correct its name.",
			 path);
}

static int missing_value(struct error *err, const char *path)
{
	return error_set(err, RC_INVALID, "missing_field", path,
			 "Falta el campo %s. Escriba su texto en español.",
			 "Field %s is missing. Write its Spanish text.", path);
}

/* Check one JSON string: no NUL, valid UTF-8, at most max bytes. */
static int check_template_string(json_t *value, const char *path, size_t max,
			struct error *err)
{
	const char *s = json_string_value(value);
	size_t len = json_string_length(value);

	if (memchr(s, '\0', len))
		return error_set(err, RC_INVALID, "invalid_text", path,
				 "El campo %s contiene un carácter nulo (\\u0000). "
				 "Quítelo.",
				 "Field %s contains a NUL character (\\u0000). "
				 "Remove it.",
				 path);
	if (!utf8_valid(s, len, NULL))
		return error_set(err, RC_INVALID, "invalid_utf8", path,
				 "El campo %s no es texto UTF-8 válido. Vuelva a "
				 "escribirlo o guárdelo como UTF-8.",
				 "Field %s is not valid UTF-8 text. Retype it or "
				 "save it as UTF-8.",
				 path);
	if (len > max)
		return error_set(err, RC_INVALID, "too_long", path,
				 "El campo %s tiene %zu bytes, pero el máximo es "
				 "%zu. Acórtelo.",
				 "Field %s has %zu bytes, but the maximum is %zu. "
				 "Shorten it.",
				 path, len, max);
	return RC_OK;
}

static bool is_blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/*
 * Check a TEXT value {"es": string|null, "en": string|null}. An absent or
 * null value counts as both languages null. With require_es, the Spanish
 * text must be present and not blank.
 */
static int check_text(json_t *value, const char *path, size_t max,
		      bool require_es, struct error *err)
{
	static const char *const langs[] = { "es", "en" };
	char sub[PATH_MAX_LEN];
	const char *key;
	json_t *member;
	int rc;

	if (!value || json_is_null(value)) {
		if (require_es) {
			snprintf(sub, sizeof(sub), "%s.es", path);
			return missing_value(err, sub);
		}
		return RC_OK;
	}
	if (!json_is_object(value))
		return invalid_type(err, path,
				    "un objeto {\"es\": texto, \"en\": texto}",
				    "an object {\"es\": text, \"en\": text}");
	json_object_foreach(value, key, member) {
		if (strcmp(key, "es") != 0 && strcmp(key, "en") != 0) {
			snprintf(sub, sizeof(sub), "%s.%s", path, key);
			return unknown_member(err, sub);
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++) {
		member = json_object_get(value, langs[i]);
		snprintf(sub, sizeof(sub), "%s.%s", path, langs[i]);
		if (!member || json_is_null(member))
			continue;
		if (!json_is_string(member))
			return invalid_type(err, sub, "texto o null",
					    "a string or null");
		rc = check_template_string(member, sub, max, err);
		if (rc)
			return rc;
	}
	if (require_es) {
		member = json_object_get(value, "es");
		snprintf(sub, sizeof(sub), "%s.es", path);
		if (!json_is_string(member) || is_blank(json_string_value(member)))
			return missing_value(err, sub);
	}
	return RC_OK;
}

/* Return whether the TEXT value has non-blank text in lang. */
static bool text_has(json_t *value, const char *lang)
{
	json_t *s = json_is_object(value) ? json_object_get(value, lang) : NULL;

	return json_is_string(s) && !is_blank(json_string_value(s));
}

/* Check an optional plain string member: string or null, at most max. */
static int check_plain(json_t *value, const char *path, size_t max,
		       struct error *err)
{
	if (!value || json_is_null(value))
		return RC_OK;
	if (!json_is_string(value))
		return invalid_type(err, path, "texto o null", "a string or null");
	return check_template_string(value, path, max, err);
}

static int check_template_url(json_t *value, const char *path, struct error *err)
{
	int rc = check_plain(value, path, TEMPLATE_MAX_URL, err);

	if (rc || !value || json_is_null(value))
		return rc;
	if (!is_valid_url(json_string_value(value)))
		return error_set(err, RC_INVALID, "invalid_url", path,
				 "El campo %s no es una dirección web válida. "
				 "Escríbala completa, empezando con https:// o "
				 "http:// (por ejemplo https://www.pr.gov).",
				 "Field %s is not a valid web address. Write it in "
				 "full, starting with https:// or http:// (for "
				 "example https://www.pr.gov).",
				 path);
	return RC_OK;
}

/* Check that obj has only the members listed in keys. */
static int check_members(json_t *obj, const char *path,
			 const char *const *keys, size_t count,
			 struct error *err)
{
	const char *key;
	json_t *member;
	char sub[PATH_MAX_LEN];

	json_object_foreach(obj, key, member) {
		bool known = false;

		for (size_t i = 0; i < count && !known; i++)
			known = strcmp(keys[i], key) == 0;
		if (!known) {
			snprintf(sub, sizeof(sub), "%s.%s", path, key);
			return unknown_member(err, sub);
		}
	}
	return RC_OK;
}

/* Check that value is an array of at most max entries (absent is empty). */
static int check_array(json_t *value, const char *path, size_t max,
		       struct error *err)
{
	if (!value || json_is_null(value))
		return RC_OK;
	if (!json_is_array(value))
		return invalid_type(err, path, "una lista", "an array");
	if (json_array_size(value) > max)
		return error_set(err, RC_INVALID, "too_many", path,
				 "El campo %s tiene %zu entradas, pero el máximo "
				 "es %zu. Quite las que sobran.",
				 "Field %s has %zu entries, but the maximum is %zu. "
				 "Remove the extra ones.",
				 path, json_array_size(value), max);
	return RC_OK;
}

static int check_faq(json_t *faq, struct error *err)
{
	static const char *const keys[] = { "question", "answer" };
	char path[PATH_MAX_LEN];
	size_t i;
	json_t *entry;
	int rc = check_array(faq, "template.faq", TEMPLATE_MAX_FAQ, err);

	if (rc || !json_is_array(faq))
		return rc;
	json_array_foreach(faq, i, entry) {
		json_t *question, *answer;

		snprintf(path, sizeof(path), "template.faq[%zu]", i);
		if (!json_is_object(entry))
			return invalid_type(err, path,
					    "un objeto {\"question\", \"answer\"}",
					    "an object {\"question\", \"answer\"}");
		rc = check_members(entry, path, keys, ARRAY_SIZE(keys), err);
		if (rc)
			return rc;
		question = json_object_get(entry, "question");
		answer = json_object_get(entry, "answer");

		snprintf(path, sizeof(path), "template.faq[%zu].question", i);
		rc = check_text(question, path, TEMPLATE_MAX_QUESTION, true, err);
		if (rc)
			return rc;
		snprintf(path, sizeof(path), "template.faq[%zu].answer", i);
		rc = check_text(answer, path, TEMPLATE_MAX_ANSWER, true, err);
		if (rc)
			return rc;

		/* An English question needs an English answer and the other
		 * way round, or the English page would show half a pair. */
		if (text_has(question, "en") != text_has(answer, "en")) {
			snprintf(path, sizeof(path), "template.faq[%zu].%s.en", i,
				 text_has(question, "en") ? "answer" : "question");
			return error_set(err, RC_INVALID, "incomplete_faq", path,
					 "Falta el campo %s. Una pregunta en "
					 "inglés necesita su respuesta en inglés "
					 "y al revés. Escriba las dos o ninguna.",
					 "Field %s is missing. An English question "
					 "needs an English answer and the other "
					 "way round. Write both or neither.",
					 path);
		}
	}
	return RC_OK;
}

static int check_links(json_t *links, struct error *err)
{
	static const char *const keys[] = { "kind", "title", "url" };
	char path[PATH_MAX_LEN];
	size_t i;
	json_t *entry;
	int rc = check_array(links, "template.related_links",
			     TEMPLATE_MAX_LINKS, err);

	if (rc || !json_is_array(links))
		return rc;
	json_array_foreach(links, i, entry) {
		const char *kind;
		json_t *url;

		snprintf(path, sizeof(path), "template.related_links[%zu]", i);
		if (!json_is_object(entry))
			return invalid_type(err, path,
					    "un objeto {\"kind\", \"title\", \"url\"}",
					    "an object {\"kind\", \"title\", \"url\"}");
		rc = check_members(entry, path, keys, ARRAY_SIZE(keys), err);
		if (rc)
			return rc;

		snprintf(path, sizeof(path), "template.related_links[%zu].kind", i);
		kind = json_string_value(json_object_get(entry, "kind"));
		if (!kind || (strcmp(kind, "document") != 0 &&
			      strcmp(kind, "web") != 0))
			return error_set(err, RC_INVALID, "invalid_kind", path,
					 "El campo %s debe ser \"document\" "
					 "(documento de apoyo) o \"web\" (página "
					 "de Internet).",
					 "Field %s must be \"document\" (supporting "
					 "document) or \"web\" (web page).",
					 path);

		snprintf(path, sizeof(path), "template.related_links[%zu].title", i);
		rc = check_text(json_object_get(entry, "title"), path,
				TEMPLATE_MAX_LINK_TITLE, true, err);
		if (rc)
			return rc;

		snprintf(path, sizeof(path), "template.related_links[%zu].url", i);
		url = json_object_get(entry, "url");
		rc = check_template_url(url, path, err);
		if (rc)
			return rc;
		if (strcmp(kind, "web") == 0 && !json_is_string(url))
			return error_set(err, RC_INVALID, "missing_field", path,
					 "Falta el campo %s. Una página de "
					 "Internet necesita su dirección "
					 "(https://...).",
					 "Field %s is missing. A web page needs "
					 "its address (https://...).",
					 path);
	}
	return RC_OK;
}

static int check_required_plain(json_t *value, const char *path, size_t max,
				struct error *err)
{
	int rc;

	if (!json_is_string(value) || is_blank(json_string_value(value))) {
		if (value && !json_is_null(value) && !json_is_string(value))
			return invalid_type(err, path, "texto", "a string");
		return error_set(err, RC_INVALID, "missing_field", path,
				 "Falta el campo %s. Escríbalo.",
				 "Field %s is missing. Fill it in.", path);
	}
	rc = check_template_string(value, path, max, err);
	return rc;
}

static int check_social(json_t *social, struct error *err)
{
	static const char *const keys[] = { "network", "account", "url" };
	char path[PATH_MAX_LEN];
	size_t i;
	json_t *entry;
	int rc = check_array(social, "template.social_media",
			     TEMPLATE_MAX_SOCIAL, err);

	if (rc || !json_is_array(social))
		return rc;
	json_array_foreach(social, i, entry) {
		snprintf(path, sizeof(path), "template.social_media[%zu]", i);
		if (!json_is_object(entry))
			return invalid_type(err, path,
					    "un objeto {\"network\", \"account\", \"url\"}",
					    "an object {\"network\", \"account\", \"url\"}");
		rc = check_members(entry, path, keys, ARRAY_SIZE(keys), err);
		if (rc)
			return rc;

		snprintf(path, sizeof(path), "template.social_media[%zu].network", i);
		rc = check_required_plain(json_object_get(entry, "network"), path,
					  TEMPLATE_MAX_NETWORK, err);
		if (rc)
			return rc;
		snprintf(path, sizeof(path), "template.social_media[%zu].account", i);
		rc = check_required_plain(json_object_get(entry, "account"), path,
					  TEMPLATE_MAX_ACCOUNT, err);
		if (rc)
			return rc;
		snprintf(path, sizeof(path), "template.social_media[%zu].url", i);
		rc = check_template_url(json_object_get(entry, "url"), path, err);
		if (rc)
			return rc;
	}
	return RC_OK;
}

static int check_location(json_t *location, struct error *err)
{
	char path[PATH_MAX_LEN];
	json_t *value;
	int rc;

	if (!location || json_is_null(location))
		return RC_OK;
	if (!json_is_object(location))
		return invalid_type(err, "template.location",
				    "un objeto {\"place\", \"hours\", ...}",
				    "an object {\"place\", \"hours\", ...}");
	rc = check_members(location, "template.location", location_keys,
			   ARRAY_SIZE(location_keys), err);
	if (rc)
		return rc;
	for (size_t i = 0; i < ARRAY_SIZE(location_keys); i++) {
		snprintf(path, sizeof(path), "template.location.%s",
			 location_keys[i]);
		rc = check_plain(json_object_get(location, location_keys[i]), path,
				 TEMPLATE_MAX_LOCATION_FIELD, err);
		if (rc)
			return rc;
	}

	value = json_object_get(location, "email");
	if (json_is_string(value) && !is_blank(json_string_value(value))) {
		if (!is_valid_email_list(json_string_value(value)))
			return error_set(err, RC_INVALID, "invalid_email",
					 "template.location.email",
					 "El campo template.location.email no es una "
					 "dirección de correo electrónico válida. "
					 "Escríbala como nombre@dominio.pr (separe "
					 "varias con comas).",
					 "Field template.location.email is not a "
					 "valid email address. Write it as "
					 "name@domain.pr (separate several with "
					 "commas).");
	}
	static const char *const phone_keys[] = { "phone", "fax" };
	for (size_t i = 0; i < ARRAY_SIZE(phone_keys); i++) {
		value = json_object_get(location, phone_keys[i]);
		if (!json_is_string(value) || is_blank(json_string_value(value)))
			continue;
		if (is_valid_phone(json_string_value(value)))
			continue;
		snprintf(path, sizeof(path), "template.location.%s", phone_keys[i]);
		return error_set(err, RC_INVALID, "invalid_phone", path,
				 "El campo %s no es un número válido. Escríbalo "
				 "con al menos 7 dígitos, como (787) 555-0100 "
				 "Ext. 3001, sin otro texto.",
				 "Field %s is not a valid number. Write it with at "
				 "least 7 digits, as (787) 555-0100 Ext. 3001, "
				 "without other text.",
				 path);
	}
	return RC_OK;
}

int template_validate(json_t *tmpl, struct error *err)
{
	static const char *const keys[] = {
		"description", "audience", "considerations", "location_hours",
		"cost_payment", "requirements", "faq", "related_links",
		"social_media", "location", "disclaimer",
	};
	char path[PATH_MAX_LEN];
	int rc;

	if (!json_is_object(tmpl))
		return invalid_type(err, "template", "un objeto", "an object");
	rc = check_members(tmpl, "template", keys, ARRAY_SIZE(keys), err);
	if (rc)
		return rc;

	for (size_t i = 0; i < TEMPLATE_SECTION_COUNT; i++) {
		const struct template_section *section = &template_sections[i];

		if (section->kind != TEMPLATE_KIND_TEXT)
			continue;
		snprintf(path, sizeof(path), "template.%s", section->key);
		rc = check_text(json_object_get(tmpl, section->key), path,
				TEMPLATE_MAX_SECTION_TEXT, false, err);
		if (rc)
			return rc;
	}
	rc = check_text(json_object_get(tmpl, "disclaimer"), "template.disclaimer",
			TEMPLATE_MAX_DISCLAIMER, false, err);
	if (rc)
		return rc;
	rc = check_faq(json_object_get(tmpl, "faq"), err);
	if (rc)
		return rc;
	rc = check_links(json_object_get(tmpl, "related_links"), err);
	if (rc)
		return rc;
	rc = check_social(json_object_get(tmpl, "social_media"), err);
	if (rc)
		return rc;
	return check_location(json_object_get(tmpl, "location"), err);
}

int template_validate_service(json_t *service, struct error *err)
{
	int rc;

	if (!json_is_object(service))
		return invalid_type(err, "service", "un objeto", "an object");
	rc = check_text(json_object_get(service, "name"), "name",
			TEMPLATE_MAX_NAME, true, err);
	if (rc)
		return rc;
	return template_validate(json_object_get(service, "template"), err);
}
