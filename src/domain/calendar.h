/*
 * calendar.h - the business-day calendar of the Puerto Rico government.
 *
 * A business day is Monday to Friday that is neither an official holiday
 * nor a declared closure (a hurricane closure, say). A half day, such as
 * 24 December closed from noon, is shown on schedules but still counts as
 * a business day.
 *
 * Holidays are data. A struct calendar stores the entries of "data years":
 * years that an administrator edited, imported or confirmed. Any other
 * year gets the default Puerto Rico holidays computed by rule (see
 * calendar.c for the rules and their legal source), so the calendar works
 * for every year from 1 to 9999 without being filled in first. The first
 * edit of a year copies that year's rule entries into the data, so that
 * removing a default holiday sticks.
 *
 * The functions that take a const calendar only read it and may run on
 * several threads at once; those that change it need exclusive access.
 */
#ifndef LINEA311_CALENDAR_H
#define LINEA311_CALENDAR_H

#include "core/error.h"
#include "domain/civil_time.h"

/* Maximum length in bytes of an entry name, terminator included. */
#define CALENDAR_NAME_MAX 160

/* Maximum number of entries that the default rules give for one year. */
#define CALENDAR_RULES_MAX 24

/* Largest N accepted by calendar_add_business_days: about four years. */
#define CALENDAR_MAX_BUSINESS_DAYS 1000

enum calendar_kind {
	CALENDAR_HOLIDAY = 0, /* "holiday": official holiday, no business */
	CALENDAR_CLOSURE,     /* "closure": declared closure, no business */
	CALENDAR_HALF_DAY,    /* "half_day": closed part of the day, still a
				 business day */
	CALENDAR_WEEKEND,     /* "weekend": only in lists of skipped days */
};

struct calendar_entry {
	struct civil_date date;
	enum calendar_kind kind;
	char name[CALENDAR_NAME_MAX]; /* UTF-8; empty for CALENDAR_WEEKEND */
};

/* A growable list of entries that its owner frees with
 * calendar_entry_list_release. */
struct calendar_entry_list {
	struct calendar_entry *items;
	size_t count;
	size_t alloc;
};

struct calendar_year {
	int year;
	bool confirmed; /* an administrator confirmed the year's list */
};

struct calendar {
	struct calendar_entry *entries; /* of data years, sorted by date */
	size_t count;
	size_t alloc;
	struct calendar_year *years; /* data years, sorted by year */
	size_t year_count;
	size_t year_alloc;
};

/* Return "holiday", "closure", "half_day" or "weekend". */
const char *calendar_kind_code(enum calendar_kind kind);

/* Return the Spanish or English label of kind ("feriado", "holiday"...). */
const char *calendar_kind_label(enum calendar_kind kind, enum lang lang);

/*
 * Parse a kind that an entry may have: the codes "holiday", "closure",
 * "half_day" or the Spanish words "feriado", "cierre", "medio_dia" (with or
 * without the accent), in any case. "weekend" is rejected. Errors are
 * RC_INVALID naming field.
 */
int calendar_kind_parse(const char *text, const char *field,
			enum calendar_kind *kind, struct error *err);

/*
 * Fill out with the default Puerto Rico entries of year, sorted by date,
 * and return how many there are (at most CALENDAR_RULES_MAX).
 */
size_t calendar_rule_entries(int year,
			     struct calendar_entry out[CALENDAR_RULES_MAX]);

/* Initialise an empty calendar, in which every year follows the rules. */
void calendar_init(struct calendar *cal);

/* Free the storage of cal and leave it empty, as after calendar_init. */
void calendar_release(struct calendar *cal);

/* Make dst, which must be initialised, an independent copy of src. */
void calendar_copy(struct calendar *dst, const struct calendar *src);

/* Return the data year record of year, or NULL when year follows the
 * rules. */
const struct calendar_year *calendar_find_year(const struct calendar *cal,
					       int year);

/*
 * Make year a data year holding the entries that the rules give it, unless
 * it is one already. Returns RC_INVALID for a year outside 1-9999.
 */
int calendar_materialize_year(struct calendar *cal, int year,
			      struct error *err);

/*
 * Add entry, first materialising its year. Errors: RC_INVALID for an
 * invalid date, an empty or too long name or the weekend kind;
 * RC_CONFLICT when an entry of the same kind exists on that date.
 */
int calendar_add(struct calendar *cal, const struct calendar_entry *entry,
		 struct error *err);

/*
 * Remove the entry of kind on date, first materialising its year.
 * Returns RC_NOT_FOUND, naming field "date", when there is none.
 */
int calendar_remove(struct calendar *cal, struct civil_date date,
		    enum calendar_kind kind, struct error *err);

/*
 * Replace the whole list of year with the count entries given, all of
 * which must fall in year (RC_INVALID otherwise, and nothing changes).
 * The year becomes a data year and loses its confirmation, because an
 * imported list has to be confirmed again.
 */
int calendar_replace_year(struct calendar *cal, int year,
			  const struct calendar_entry *entries, size_t count,
			  struct error *err);

/* Mark the list of year as confirmed, materialising the year first. */
int calendar_confirm_year(struct calendar *cal, int year, struct error *err);

/*
 * Return true from 1 November of today's year while the list of the next
 * year is unconfirmed; *year is set to that next year.
 */
bool calendar_next_year_unconfirmed(const struct calendar *cal,
				    struct civil_date today, int *year);

/* Append to list the entries of year, sorted by date. */
void calendar_list_year(const struct calendar *cal, int year,
			struct calendar_entry_list *list);

/* Append to list the entries on date (a date may have several). */
void calendar_list_date(const struct calendar *cal, struct civil_date date,
			struct calendar_entry_list *list);

bool calendar_is_business_day(const struct calendar *cal,
			      struct civil_date date);

/*
 * Count days business days, starting on the first business day after
 * from, and set *due to the last of them. So with days = 2 and from a
 * Monday with no holidays that week, *due is the Wednesday.
 *
 * When skipped is not NULL, every non-business day after from and before
 * *due is appended to it in date order: a holiday or closure with its
 * name, or a plain weekend day as CALENDAR_WEEKEND.
 *
 * Errors: RC_INVALID (field "days") when days is outside
 * 1-CALENDAR_MAX_BUSINESS_DAYS, or when the count would pass year 9999.
 */
int calendar_add_business_days(const struct calendar *cal,
			       struct civil_date from, int days,
			       struct civil_date *due,
			       struct calendar_entry_list *skipped,
			       struct error *err);

/*
 * Return the number of business days d with from <= d <= to; 0 when to is
 * before from.
 */
long calendar_count_business_days(const struct calendar *cal,
				  struct civil_date from,
				  struct civil_date to);

void calendar_entry_list_append(struct calendar_entry_list *list,
				const struct calendar_entry *entry);
void calendar_entry_list_release(struct calendar_entry_list *list);

#endif
