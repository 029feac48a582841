/*
 * calendar_import.h - reading a holiday list from a CSV or an iCalendar
 * file, for `linea311 calendar import` and POST /api/v1/calendar/import.
 *
 * CSV: a header row with the columns fecha (or date), nombre (or name)
 * and, optionally, tipo (or kind: feriado/holiday, cierre/closure,
 * medio_dia/half_day, holiday when absent), then one row per day.
 *
 * iCalendar (RFC 5545, read with libical): every VEVENT with an all-day
 * DTSTART is one entry per day from DTSTART up to DTEND (excluded), named
 * by its SUMMARY. Its kind comes from CATEGORIES (the words above), and is
 * holiday otherwise. An event with an RRULE gives its occurrences within
 * the year of its DTSTART.
 */
#ifndef LINEA311_CALENDAR_IMPORT_H
#define LINEA311_CALENDAR_IMPORT_H

#include "domain/calendar.h"

/*
 * Parse data (len bytes, NUL-terminated) into list. An iCalendar file is
 * recognised by its BEGIN:VCALENDAR line, anything else is read as CSV.
 * Errors are RC_INVALID and name the file (name), the line or event and
 * the field; nothing is appended then.
 */
int calendar_import_parse(const char *name, const char *data, size_t len,
			  struct calendar_entry_list *list, struct error *err);

#endif
