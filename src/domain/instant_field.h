/*
 * instant_field.h - instants in JSON bodies: "at", "started_at" and the
 * like, in any form that civil_instant_parse accepts.
 */
#ifndef LINEA311_INSTANT_FIELD_H
#define LINEA311_INSTANT_FIELD_H

#include <jansson.h>
#include <stdbool.h>
#include <time.h>

#include "core/error.h"

/*
 * Read member key of obj as an instant into *instant and rewrite the
 * member in UTC ("2026-12-07T21:55:00Z"). An absent or null member is
 * RC_INVALID when required; otherwise it is left as it is and *instant is
 * not touched. Returns RC_OK when the member is valid or absent.
 */
int check_instant(json_t *obj, const char *key, bool required,
		  time_t *instant, struct error *err);

/* Return the member key of obj, an instant in UTC form, as time_t, or
 * fallback when it is absent or unreadable. */
time_t instant_member(json_t *obj, const char *key, time_t fallback);

#endif
