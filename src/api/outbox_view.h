/*
 * outbox_view.h - how the API shows an outbox message (api/outbox.c).
 */
#ifndef LINEA311_API_OUTBOX_VIEW_H
#define LINEA311_API_OUTBOX_VIEW_H

#include <jansson.h>
#include <stdbool.h>

/* Add the bilingual status label and error message to message m, drop
 * its bodies when summary, and return m. */
json_t *outbox_view_message(json_t *m, bool summary);

#endif
