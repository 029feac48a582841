/* instant_field.c - instants in JSON bodies (see instant_field.h). */
#include "core/common.h"
#include "domain/civil_time.h"
#include "domain/instant_field.h"

int check_instant(json_t *obj, const char *key, bool required,
		  time_t *instant, struct error *err)
{
	json_t *value = json_object_get(obj, key);
	char utc[CIVIL_INSTANT_LEN];
	int rc;

	if (!value || json_is_null(value)) {
		if (!required)
			return RC_OK;
		return error_set(err, RC_INVALID, "missing_field", key,
				 "Falta el campo «%s». Escriba una fecha y hora, "
				 "por ejemplo 2026-12-07T17:55.",
				 "The field \"%s\" is missing. Provide a date and "
				 "time, for example 2026-12-07T17:55.",
				 key);
	}
	if (!json_is_string(value))
		return error_set(err, RC_INVALID, "invalid_type", key,
				 "El campo «%s» debe ser un texto con fecha y "
				 "hora, por ejemplo 2026-12-07T17:55.",
				 "The field \"%s\" must be a string with a date "
				 "and time, for example 2026-12-07T17:55.",
				 key);
	rc = civil_instant_parse(json_string_value(value), key, instant, err);
	if (rc)
		return rc;
	civil_instant_format_utc(*instant, utc);
	json_object_set_new(obj, key, json_string(utc));
	return RC_OK;
}

time_t instant_member(json_t *obj, const char *key, time_t fallback)
{
	const char *text = json_string_value(json_object_get(obj, key));
	time_t instant;

	if (!text || civil_instant_parse(text, key, &instant, NULL))
		return fallback;
	return instant;
}
