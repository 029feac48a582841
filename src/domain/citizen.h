/*
 * citizen.h - rules of citizen records: who called, and how to reach them.
 *
 * A citizen has a name, up to CITIZEN_MAX_PHONES phones (stored in E.164,
 * see phone.h), an email, a postal address with ZIP code, a municipio, a
 * preferred language and a preferred contact method. Pure code: no I/O.
 */
#ifndef LINEA311_CITIZEN_H
#define LINEA311_CITIZEN_H

#include <jansson.h>

#include "core/error.h"

#define CITIZEN_MAX_PHONES 5

/* "es", "en". */
extern const char *const citizen_languages[];

/* "phone", "email", "mail" (postal mail). */
extern const char *const citizen_contact_methods[];

/* "mobile", "home", "work", "other". */
extern const char *const citizen_phone_kinds[];

/*
 * Check a citizen body and fill defaults. When current is not NULL the
 * body is a partial update merged over current (a stored citizen). On
 * success *out is a new object with the members name, phones (an array of
 * {"number": E.164, "kind"}), email, postal_address, zip_code, municipio
 * (official spelling), language and contact_method. A phone may be given
 * as a plain string. The contact method needs the matching data: a phone,
 * an email or a postal address.
 */
int citizen_validate(json_t *body, json_t *current, json_t **out,
		     struct error *err);

#endif
