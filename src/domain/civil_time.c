/* civil_time.c - civil dates and Puerto Rico local time (see civil_time.h). */
#include "core/common.h"
#include "domain/civil_time.h"

#define SECONDS_PER_DAY 86400LL

/* Days from 0001-01-01 to 1970-01-01 in the proleptic Gregorian calendar. */
#define DAYS_TO_EPOCH 719162L

/* Days from 0001-01-01 to 1 January of year, for year >= 1. */
static long days_before_year(int year)
{
	long y = year - 1;

	return 365 * y + y / 4 - y / 100 + y / 400;
}

/* Days from 1 January to the first day of month. */
static int days_before_month(int year, int month)
{
	static const int cumulative[12] = { 0,   31,  59,  90,  120, 151,
					    181, 212, 243, 273, 304, 334 };
	int days = cumulative[month - 1];

	if (month > 2 && civil_is_leap_year(year))
		days++;
	return days;
}

/* Floor division, because C division truncates toward zero. */
static long long floor_div(long long a, long long b)
{
	long long q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

bool civil_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int civil_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && civil_is_leap_year(year))
		return 29;
	return days[month - 1];
}

bool civil_date_valid(struct civil_date date)
{
	if (date.year < CIVIL_YEAR_MIN || date.year > CIVIL_YEAR_MAX)
		return false;
	if (date.month < 1 || date.month > 12)
		return false;
	return date.day >= 1 &&
	       date.day <= civil_days_in_month(date.year, date.month);
}

long civil_days_from_date(struct civil_date date)
{
	BUG_ON(!civil_date_valid(date));
	return days_before_year(date.year) +
	       days_before_month(date.year, date.month) + (date.day - 1) -
	       DAYS_TO_EPOCH;
}

struct civil_date civil_date_from_days(long days)
{
	long ordinal = days + DAYS_TO_EPOCH; /* days since 0001-01-01 */
	struct civil_date date;
	long day_of_year;
	int year;

	BUG_ON(ordinal < 0);

	/* 146097 days make 400 Gregorian years; the estimate is at most one
	 * year off, and the two loops correct it. */
	year = (int)(floor_div((long long)ordinal * 400, 146097)) + 1;
	while (year > 1 && days_before_year(year) > ordinal)
		year--;
	while (days_before_year(year + 1) <= ordinal)
		year++;

	day_of_year = ordinal - days_before_year(year);
	date.year = year;
	date.month = 12;
	while (date.month > 1 &&
	       days_before_month(year, date.month) > day_of_year)
		date.month--;
	date.day = (int)(day_of_year - days_before_month(year, date.month)) + 1;
	return date;
}

enum civil_weekday civil_weekday(struct civil_date date)
{
	/* 1970-01-01 was a Thursday. */
	long remainder = (civil_days_from_date(date) + CIVIL_THURSDAY) % 7;

	if (remainder < 0)
		remainder += 7;
	return (enum civil_weekday)remainder;
}

struct civil_date civil_date_add_days(struct civil_date date, long days)
{
	return civil_date_from_days(civil_days_from_date(date) + days);
}

int civil_date_compare(struct civil_date a, struct civil_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

long civil_days_between(struct civil_date a, struct civil_date b)
{
	return civil_days_from_date(b) - civil_days_from_date(a);
}

struct civil_date civil_nth_weekday(int year, int month,
				    enum civil_weekday weekday, int n)
{
	struct civil_date date = { year, month, 1 };
	int shift;

	BUG_ON(month < 1 || month > 12);
	BUG_ON(n != -1 && (n < 1 || n > 4));

	if (n == -1) {
		date.day = civil_days_in_month(year, month);
		shift = ((int)civil_weekday(date) - (int)weekday + 7) % 7;
		date.day -= shift;
		return date;
	}
	shift = ((int)weekday - (int)civil_weekday(date) + 7) % 7;
	date.day = 1 + shift + 7 * (n - 1);
	return date;
}

/*
 * The anonymous Gregorian computus: integer arithmetic equivalent to the
 * Gregorian Easter tables, for every Gregorian year. The unit tests check
 * it against the earliest (22 March) and latest (25 April) possible dates.
 */
struct civil_date civil_easter_sunday(int year)
{
	int golden = year % 19;
	int century = year / 100;
	int year_of_century = year % 100;
	int leap_centuries = century / 4;
	int century_rest = century % 4;
	int lunar_correction = (century + 8) / 25;
	int metonic = (century - lunar_correction + 1) / 3;
	int epact = (19 * golden + century - leap_centuries - metonic + 15) % 30;
	int leap_years = year_of_century / 4;
	int year_rest = year_of_century % 4;
	int weekday_shift = (32 + 2 * century_rest + 2 * leap_years - epact -
			     year_rest) % 7;
	int correction = (golden + 11 * epact + 22 * weekday_shift) / 451;
	int sum = epact + weekday_shift - 7 * correction + 114;
	struct civil_date date = { year, sum / 31, sum % 31 + 1 };

	return date;
}

struct civil_datetime civil_local_datetime(time_t instant)
{
	long long local = (long long)instant + CIVIL_PR_UTC_OFFSET;
	long long days = floor_div(local, SECONDS_PER_DAY);
	long long second_of_day = local - days * SECONDS_PER_DAY;
	struct civil_datetime dt;

	dt.date = civil_date_from_days((long)days);
	dt.hour = (int)(second_of_day / 3600);
	dt.minute = (int)(second_of_day / 60 % 60);
	dt.second = (int)(second_of_day % 60);
	return dt;
}

struct civil_date civil_local_date(time_t instant)
{
	return civil_local_datetime(instant).date;
}

time_t civil_instant_from_local(struct civil_datetime local)
{
	long long seconds = (long long)civil_days_from_date(local.date) *
				    SECONDS_PER_DAY +
			    local.hour * 3600LL + local.minute * 60LL +
			    local.second;

	return (time_t)(seconds - CIVIL_PR_UTC_OFFSET);
}

time_t civil_instant_from_local_date(struct civil_date date)
{
	struct civil_datetime local = { date, 0, 0, 0 };

	return civil_instant_from_local(local);
}

void civil_date_format(struct civil_date date, char out[CIVIL_DATE_LEN])
{
	snprintf(out, CIVIL_DATE_LEN, "%04u-%02u-%02u",
		 (unsigned)date.year % 10000u, (unsigned)date.month % 100u,
		 (unsigned)date.day % 100u);
}

static void format_datetime(struct civil_datetime dt, const char *suffix,
			    char out[CIVIL_INSTANT_LEN])
{
	snprintf(out, CIVIL_INSTANT_LEN, "%04u-%02u-%02uT%02u:%02u:%02u%.6s",
		 (unsigned)dt.date.year % 10000u, (unsigned)dt.date.month % 100u,
		 (unsigned)dt.date.day % 100u, (unsigned)dt.hour % 100u,
		 (unsigned)dt.minute % 100u, (unsigned)dt.second % 100u,
		 suffix);
}

void civil_instant_format_utc(time_t instant, char out[CIVIL_INSTANT_LEN])
{
	/* UTC is the local time of an offset of zero. */
	struct civil_datetime dt =
		civil_local_datetime(instant - CIVIL_PR_UTC_OFFSET);

	format_datetime(dt, "Z", out);
}

void civil_instant_format_local(time_t instant, char out[CIVIL_INSTANT_LEN])
{
	format_datetime(civil_local_datetime(instant), "-04:00", out);
}

/* Read exactly count decimal digits at *cursor into value. */
static bool read_digits(const char **cursor, int count, int *value)
{
	const char *p = *cursor;
	int result = 0;

	for (int i = 0; i < count; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		result = result * 10 + (p[i] - '0');
	}
	*cursor = p + count;
	*value = result;
	return true;
}

/* Parse YYYY-MM-DD at *cursor without requiring the end of the text. */
static bool read_date(const char **cursor, struct civil_date *date)
{
	const char *p = *cursor;

	if (!read_digits(&p, 4, &date->year) || *p++ != '-' ||
	    !read_digits(&p, 2, &date->month) || *p++ != '-' ||
	    !read_digits(&p, 2, &date->day))
		return false;
	if (!civil_date_valid(*date))
		return false;
	*cursor = p;
	return true;
}

int civil_date_parse(const char *text, const char *field,
		     struct civil_date *date, struct error *err)
{
	const char *p = text ? text : "";

	if (!read_date(&p, date) || *p != '\0')
		return error_set(err, RC_INVALID, "invalid_date", field,
				 "El valor «%.64s» de «%s» no es una fecha "
				 "válida; use AAAA-MM-DD, por ejemplo "
				 "2026-12-07.",
				 "The value \"%.64s\" of \"%s\" is not a valid "
				 "date; use YYYY-MM-DD, for example "
				 "2026-12-07.",
				 text ? text : "", field);
	return RC_OK;
}

/* Parse the part after the date: THH:MM[:SS[.fraction]][zone]. Sets
 * *offset to the zone's offset in seconds and *has_zone when one is
 * given. */
static bool read_time_and_zone(const char **cursor, struct civil_datetime *dt,
			       int *offset, bool *has_zone)
{
	const char *p = *cursor;
	int zone_hours, zone_minutes = 0, sign;

	if (*p != 'T' && *p != 't' && *p != ' ')
		return false;
	p++;
	if (!read_digits(&p, 2, &dt->hour) || *p++ != ':' ||
	    !read_digits(&p, 2, &dt->minute))
		return false;
	dt->second = 0;
	if (*p == ':') {
		p++;
		if (!read_digits(&p, 2, &dt->second))
			return false;
		if (*p == '.' || *p == ',') {
			p++;
			if (*p < '0' || *p > '9')
				return false;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (dt->hour > 23 || dt->minute > 59 || dt->second > 59)
		return false;

	*offset = 0;
	*has_zone = false;
	if (*p == 'Z' || *p == 'z') {
		*has_zone = true;
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		p++;
		if (!read_digits(&p, 2, &zone_hours))
			return false;
		if (*p == ':') {
			p++;
			if (!read_digits(&p, 2, &zone_minutes))
				return false;
		} else if (*p != '\0' &&
			   !read_digits(&p, 2, &zone_minutes)) {
			return false;
		}
		if (zone_hours > 23 || zone_minutes > 59)
			return false;
		*offset = sign * (zone_hours * 3600 + zone_minutes * 60);
		*has_zone = true;
	}
	*cursor = p;
	return true;
}

int civil_instant_parse(const char *text, const char *field, time_t *instant,
			struct error *err)
{
	const char *p = text ? text : "";
	struct civil_datetime dt = { { 0, 0, 0 }, 0, 0, 0 };
	bool has_zone = false;
	int offset = 0;
	time_t result;

	if (!read_date(&p, &dt.date))
		goto invalid;
	if (*p != '\0' && !read_time_and_zone(&p, &dt, &offset, &has_zone))
		goto invalid;
	if (*p != '\0')
		goto invalid;

	/* civil_instant_from_local reads dt as UTC-4; an explicit zone
	 * replaces that offset with the one given. */
	result = civil_instant_from_local(dt);
	if (has_zone)
		result += CIVIL_PR_UTC_OFFSET - offset;
	*instant = result;
	return RC_OK;

invalid:
	return error_set(err, RC_INVALID, "invalid_datetime", field,
			 "El valor «%.64s» de «%s» no es una fecha y hora "
			 "válida; use AAAA-MM-DDTHH:MM[:SS] con Z o un "
			 "desfase como -04:00 (sin desfase se toma la hora "
			 "de Puerto Rico).",
			 "The value \"%.64s\" of \"%s\" is not a valid date "
			 "and time; use YYYY-MM-DDTHH:MM[:SS] with Z or an "
			 "offset such as -04:00 (without one, Puerto Rico "
			 "time is assumed).",
			 text ? text : "", field);
}
