/*
 * municipio.h - the 78 municipios of Puerto Rico.
 *
 * The list is the bundled data/bundled/municipios-pr.txt, compiled into
 * the binary; names are the official accented forms ("Mayagüez").
 */
#ifndef LINEA311_MUNICIPIO_H
#define LINEA311_MUNICIPIO_H

#include <stddef.h>

/* Return the official name matching name ignoring case and accents
 * ("mayaguez" gives "Mayagüez"), or NULL when it is no municipio. The
 * returned string is static. */
const char *municipio_canonical(const char *name);

/* Return the number of municipios and the i-th official name. */
size_t municipio_count(void);
const char *municipio_name(size_t i);

#endif
