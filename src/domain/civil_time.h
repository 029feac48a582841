/*
 * civil_time.h - civil dates and the local time of Puerto Rico.
 *
 * All SLA rules work on local dates of America/Puerto_Rico, which is
 * Atlantic Standard Time, UTC-4, all year: Puerto Rico observes no daylight
 * saving time. This module therefore converts with the fixed offset and
 * never consults the TZ database, the TZ variable or localtime().
 *
 * Dates use the proleptic Gregorian calendar and are valid from year 1 to
 * year 9999. Instants are time_t seconds since 1970-01-01T00:00:00Z.
 */
#ifndef LINEA311_CIVIL_TIME_H
#define LINEA311_CIVIL_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/error.h"

/* Offset of Puerto Rico local time from UTC, in seconds. */
#define CIVIL_PR_UTC_OFFSET (-4 * 3600)

#define CIVIL_YEAR_MIN 1
#define CIVIL_YEAR_MAX 9999

/* Buffer sizes, terminator included, of the formatted values. */
#define CIVIL_DATE_LEN 11     /* 2026-12-07 */
#define CIVIL_INSTANT_LEN 26  /* 2026-12-07T17:55:00-04:00 */

enum civil_weekday {
	CIVIL_SUNDAY = 0,
	CIVIL_MONDAY,
	CIVIL_TUESDAY,
	CIVIL_WEDNESDAY,
	CIVIL_THURSDAY,
	CIVIL_FRIDAY,
	CIVIL_SATURDAY,
};

struct civil_date {
	int year;
	int month; /* 1-12 */
	int day;   /* 1-31 */
};

/* A wall-clock time of Puerto Rico on a civil date. */
struct civil_datetime {
	struct civil_date date;
	int hour;   /* 0-23 */
	int minute; /* 0-59 */
	int second; /* 0-59 */
};

bool civil_is_leap_year(int year);

/* Return the number of days of month in year; 0 for a month outside 1-12. */
int civil_days_in_month(int year, int month);

/* Return true when the fields form a date between years 1 and 9999. */
bool civil_date_valid(struct civil_date date);

/* Return the number of days from 1970-01-01 to a valid date (negative
 * before 1970). */
long civil_days_from_date(struct civil_date date);

/* Return the date that is days after 1970-01-01. */
struct civil_date civil_date_from_days(long days);

enum civil_weekday civil_weekday(struct civil_date date);

/* Return date moved by days (negative moves back). */
struct civil_date civil_date_add_days(struct civil_date date, long days);

/* Return <0, 0 or >0 as a is before, equal to or after b. */
int civil_date_compare(struct civil_date a, struct civil_date b);

/* Return the number of days from a to b: 1 when b is the day after a. */
long civil_days_between(struct civil_date a, struct civil_date b);

/*
 * Return the nth weekday of month in year: n = 1 for the first, 2 for the
 * second and so on, or n = -1 for the last. The month must exist and n
 * must be -1 or 1-4 (every month has at least four of each weekday).
 */
struct civil_date civil_nth_weekday(int year, int month,
				    enum civil_weekday weekday, int n);

/* Return the date of Easter Sunday of year in the Gregorian calendar. */
struct civil_date civil_easter_sunday(int year);

/* Return the local date of Puerto Rico at instant. */
struct civil_date civil_local_date(time_t instant);

/* Return the local date and wall-clock time of Puerto Rico at instant. */
struct civil_datetime civil_local_datetime(time_t instant);

/* Return the instant of a Puerto Rico local date and time. */
time_t civil_instant_from_local(struct civil_datetime local);

/* Return the instant at which a local date begins (00:00 local). */
time_t civil_instant_from_local_date(struct civil_date date);

/* Write date as YYYY-MM-DD into out, of CIVIL_DATE_LEN bytes. */
void civil_date_format(struct civil_date date, char out[CIVIL_DATE_LEN]);

/* Write instant as UTC, "2026-12-07T21:55:00Z", into out. */
void civil_instant_format_utc(time_t instant, char out[CIVIL_INSTANT_LEN]);

/* Write instant as Puerto Rico local time with its offset,
 * "2026-12-07T17:55:00-04:00", into out. */
void civil_instant_format_local(time_t instant, char out[CIVIL_INSTANT_LEN]);

/*
 * Parse text of the form YYYY-MM-DD into date. On failure returns
 * RC_INVALID with code "invalid_date" and the field name given (such as
 * "from" or "date"). The message quotes the value.
 */
int civil_date_parse(const char *text, const char *field,
		     struct civil_date *date, struct error *err);

/*
 * Parse an ISO 8601 date and time into an instant. Accepted forms:
 *   YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM|±HHMM|±HH]
 *   YYYY-MM-DD (the start of that local day)
 * A space may replace the T. Without Z or an offset the time is local
 * Puerto Rico time. The fraction of a second is dropped. Errors are
 * RC_INVALID with code "invalid_datetime", naming field and quoting text.
 */
int civil_instant_parse(const char *text, const char *field, time_t *instant,
			struct error *err);

#endif
