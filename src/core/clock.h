/*
 * clock.h - the current time, in one place.
 *
 * All code asks clock_now() for "now" so that integration tests can run
 * the server at a chosen instant: `serve --test-clock=ISO` (or the
 * environment variable LINEA311_TEST_CLOCK) fixes the start instant and
 * the clock then advances normally from it. The server logs a warning at
 * start when a test clock is in force.
 */
#ifndef LINEA311_CLOCK_H
#define LINEA311_CLOCK_H

#include <time.h>

/* Return the current UTC instant, shifted when a test clock is set. */
time_t clock_now(void);

/* Make clock_now() return start now and advance from it. */
void clock_set_test_start(time_t start);

/* Write t as "YYYY-MM-DDTHH:MM:SSZ" (21 bytes with the NUL). */
void clock_format_utc(time_t t, char buf[static 21]);

/* Parse "YYYY-MM-DDTHH:MM:SSZ" as written by clock_format_utc; -1 on a
 * malformed value. */
int clock_parse_utc(const char *s, time_t *out);

#endif
