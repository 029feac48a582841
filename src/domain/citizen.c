/* citizen.c - checking citizen records (see citizen.h). */
#include "core/common.h"
#include "domain/citizen.h"
#include "domain/municipio.h"
#include "domain/phone.h"
#include "domain/validate.h"

const char *const citizen_languages[] = { "es", "en", NULL };
const char *const citizen_contact_methods[] = { "phone", "email", "mail",
						NULL };
const char *const citizen_phone_kinds[] = { "mobile", "home", "work", "other",
					    NULL };

static const char *const citizen_members[] = {
	"name",	     "phones",	   "email",    "postal_address",
	"zip_code",  "municipio", "language", "contact_method",
	NULL,
};

/* Members that a stored citizen carries besides the writable ones. */
static const char *const read_only_members[] = {
	"id", "created_at", "updated_at", "cases", NULL,
};

static bool is_member(const char *const *list, const char *key)
{
	for (; *list; list++) {
		if (!strcmp(*list, key))
			return true;
	}
	return false;
}

/* Return a new object with the writable members of current, then those
 * of body over them. */
static json_t *merge(json_t *body, json_t *current)
{
	json_t *obj = json_object();
	const char *key;
	json_t *value;

	if (current) {
		json_object_foreach(current, key, value) {
			if (is_member(citizen_members, key))
				json_object_set(obj, key, value);
		}
	}
	json_object_foreach(body, key, value) {
		if (!is_member(read_only_members, key))
			json_object_set(obj, key, value);
	}
	return obj;
}

static int invalid_zip(const char *zip, struct error *err)
{
	return error_set(err, RC_INVALID, "invalid_zip_code", "zip_code",
			 "El código postal «%.20s» no es válido; escriba cinco "
			 "dígitos (por ejemplo 00901) o cinco, guion y cuatro.",
			 "The ZIP code \"%.20s\" is invalid; write five digits "
			 "(for example 00901) or five, a dash and four.",
			 zip);
}

static int check_zip(json_t *obj, struct error *err)
{
	const char *zip = json_string_value(json_object_get(obj, "zip_code"));
	size_t len;
	int rc = check_string(obj, "zip_code", NULL, false, 10, err);

	if (rc || !zip)
		return rc;
	len = strlen(zip);
	if (len != 5 && len != 10)
		return invalid_zip(zip, err);
	for (size_t i = 0; i < len; i++) {
		bool digit = zip[i] >= '0' && zip[i] <= '9';

		if (i == 5 ? zip[i] != '-' : !digit)
			return invalid_zip(zip, err);
	}
	return RC_OK;
}

static int check_municipio(json_t *obj, struct error *err)
{
	const char *name = json_string_value(json_object_get(obj, "municipio"));
	const char *canonical;
	int rc = check_string(obj, "municipio", NULL, false, 60, err);

	if (rc || !name)
		return rc;
	canonical = municipio_canonical(name);
	if (!canonical)
		return error_set(err, RC_INVALID, "invalid_municipio",
				 "municipio",
				 "«%.60s» no es un municipio de Puerto Rico.",
				 "\"%.60s\" is not a municipio of Puerto Rico.",
				 name);
	json_object_set_new(obj, "municipio", json_string(canonical));
	return RC_OK;
}

/* Replace phones by an array of {"number": E.164, "kind"} without
 * repeated numbers. */
static int normalize_phones(json_t *obj, struct error *err)
{
	json_t *phones = json_object_get(obj, "phones");
	json_t *result;
	json_t *item;
	size_t i;

	if (!phones || json_is_null(phones)) {
		json_object_set_new(obj, "phones", json_array());
		return RC_OK;
	}
	if (!json_is_array(phones))
		return error_set(err, RC_INVALID, "invalid_type", "phones",
				 "El campo «phones» debe ser una lista de "
				 "teléfonos.",
				 "The field \"phones\" must be a list of phone "
				 "numbers.");
	if (json_array_size(phones) > CITIZEN_MAX_PHONES)
		return error_set(err, RC_INVALID, "too_many", "phones",
				 "Un ciudadano puede tener como máximo %d "
				 "teléfonos.",
				 "A citizen can have at most %d phone numbers.",
				 CITIZEN_MAX_PHONES);

	result = json_array();
	json_array_foreach(phones, i, item) {
		char field[40], number[PHONE_E164_LEN];
		const char *text = json_string_value(item);
		const char *kind = "mobile";
		json_t *entry, *existing;
		size_t j;
		int rc;

		snprintf(field, sizeof(field), "phones[%zu]", i);
		if (json_is_object(item)) {
			static const char *const members[] = { "number", "kind",
							       "display", NULL };

			rc = check_known_members(item, field, members, err);
			if (!rc)
				rc = check_string(item, "number", field, true,
						  40, err);
			if (!rc)
				rc = check_enum(item, "kind", field, false,
						citizen_phone_kinds, err);
			if (rc) {
				json_decref(result);
				return rc;
			}
			text = json_string_value(json_object_get(item, "number"));
			if (json_is_string(json_object_get(item, "kind")))
				kind = json_string_value(
					json_object_get(item, "kind"));
		} else if (!text) {
			json_decref(result);
			return error_set(err, RC_INVALID, "invalid_type", field,
					 "Cada teléfono debe ser un texto o un "
					 "objeto {\"number\", \"kind\"}.",
					 "Each phone must be a string or an "
					 "object {\"number\", \"kind\"}.");
		}
		rc = phone_normalize(text, field, number, err);
		if (rc) {
			json_decref(result);
			return rc;
		}
		json_array_foreach(result, j, existing) {
			if (!strcmp(json_string_value(json_object_get(
					    existing, "number")),
				    number))
				break;
		}
		if (j < json_array_size(result))
			continue;
		entry = json_pack("{ssss}", "number", number, "kind", kind);
		json_array_append_new(result, entry);
	}
	json_object_set_new(obj, "phones", result);
	return RC_OK;
}

static int check_contact_method(json_t *obj, struct error *err)
{
	const char *method =
		json_string_value(json_object_get(obj, "contact_method"));
	bool has_phone = json_array_size(json_object_get(obj, "phones")) > 0;
	bool has_email = json_is_string(json_object_get(obj, "email"));
	bool has_address =
		json_is_string(json_object_get(obj, "postal_address"));

	if (!method) {
		method = has_email && !has_phone ? "email" : "phone";
		json_object_set_new(obj, "contact_method", json_string(method));
	}
	if (!strcmp(method, "phone") && !has_phone && (has_email || has_address))
		return error_set(err, RC_INVALID, "missing_field", "phones",
				 "El método de contacto es el teléfono, pero el "
				 "ciudadano no tiene ninguno; añada un teléfono "
				 "o cambie el método.",
				 "The contact method is phone, but the citizen "
				 "has no phone number; add one or change the "
				 "method.");
	if (!strcmp(method, "email") && !has_email)
		return error_set(err, RC_INVALID, "missing_field", "email",
				 "El método de contacto es el correo "
				 "electrónico; escriba la dirección.",
				 "The contact method is email; provide the "
				 "email address.");
	if (!strcmp(method, "mail") && !has_address)
		return error_set(err, RC_INVALID, "missing_field",
				 "postal_address",
				 "El método de contacto es el correo postal; "
				 "escriba la dirección postal.",
				 "The contact method is postal mail; provide "
				 "the postal address.");
	return RC_OK;
}

int citizen_validate(json_t *body, json_t *current, json_t **out,
		     struct error *err)
{
	json_t *obj = merge(body, current);
	int rc;

	json_trim_strings(obj);
	rc = check_known_members(obj, NULL, citizen_members, err);
	if (!rc)
		rc = check_string(obj, "name", NULL, true, 200, err);
	if (!rc)
		rc = normalize_phones(obj, err);
	if (!rc)
		rc = check_email(obj, "email", NULL, err);
	if (!rc)
		rc = check_string(obj, "postal_address", NULL, false, 500, err);
	if (!rc)
		rc = check_zip(obj, err);
	if (!rc)
		rc = check_municipio(obj, err);
	if (!rc)
		rc = check_enum(obj, "language", NULL, false,
				citizen_languages, err);
	if (!rc)
		rc = check_enum(obj, "contact_method", NULL, false,
				citizen_contact_methods, err);
	if (!rc)
		rc = check_contact_method(obj, err);
	if (rc) {
		json_decref(obj);
		return rc;
	}
	if (!json_is_string(json_object_get(obj, "language")))
		json_object_set_new(obj, "language", json_string("es"));
	*out = obj;
	return RC_OK;
}
