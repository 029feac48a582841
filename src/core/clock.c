/* clock.c - the current time, shiftable for tests (see clock.h). */
#include "core/common.h"
#include "core/clock.h"

static time_t test_offset;

time_t clock_now(void)
{
	return time(NULL) + test_offset;
}

void clock_set_test_start(time_t start)
{
	test_offset = start - time(NULL);
}

void clock_format_utc(time_t t, char buf[static 21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int clock_parse_utc(const char *s, time_t *out)
{
	int y, mo, d, h, mi, se, n = 0;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 ||
	    s[n] != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || se > 60)
		return -1;
	*out = (time_t)(days_from_civil(y, mo, d) * 86400L + h * 3600L + mi * 60L + se);
	return 0;
}
