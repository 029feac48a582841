/*
 * calendar.c - the business-day calendar (see calendar.h).
 *
 * Default holidays of the Puerto Rico government
 * ----------------------------------------------
 * The rules below reproduce the list of government holidays that the
 * Oficina de Administración y Transformación de los Recursos Humanos
 * (OATRH) published for 2026. Ley 26-2017 (Ley de Cumplimiento con el Plan
 * Fiscal) cut the government's list to 15 days, and later years restored
 * some. Because the list changes with the law, every year's list remains
 * data that an administrator can edit, import and confirm.
 *
 *   Fixed dates: 1 January (Año Nuevo), 6 January (Día de Reyes), 2 March
 *   (Ciudadanía Americana), 22 March (Abolición de la Esclavitud), 19 June
 *   (Juneteenth), 4 July (Independencia de los Estados Unidos), 25 July
 *   (Constitución de Puerto Rico), 27 July (José Celso Barbosa), 11
 *   November (Veterano), 19 November (Descubrimiento de Puerto Rico) and
 *   25 December (Navidad). A fixed holiday that falls on a Sunday is
 *   observed on the Monday after, named with "(observado)"; one that falls
 *   on a Saturday is not moved.
 *
 *   By rule: third Monday of January (Martin Luther King Jr.), third Monday
 *   of February (Presidentes y Próceres Puertorriqueños), Good Friday (two
 *   days before Gregorian Easter Sunday), last Monday of May (Recordación),
 *   first Monday of September (Trabajo), second Monday of October (Día de
 *   la Raza), fourth Thursday of November (Acción de Gracias) and, in years
 *   divisible by 4, general-election day: the Tuesday after the first
 *   Monday of November.
 *
 *   24 December (Nochebuena) is a half day, closed from noon, and is never
 *   moved: it counts as a business day.
 */
#include "core/common.h"
#include "domain/calendar.h"

#include <strings.h>

enum rule_type {
	RULE_FIXED,	  /* month and day, Sunday observed on Monday */
	RULE_FIXED_UNMOVED, /* month and day, never moved */
	RULE_NTH_WEEKDAY, /* nth (or last, -1) weekday of month */
	RULE_GOOD_FRIDAY, /* two days before Easter Sunday */
	RULE_ELECTION,	  /* Tuesday after the first Monday of November,
			     in years divisible by 4 */
};

struct holiday_rule {
	enum rule_type type;
	enum calendar_kind kind;
	int month;
	int day;		   /* RULE_FIXED* */
	enum civil_weekday weekday; /* RULE_NTH_WEEKDAY */
	int nth;		   /* RULE_NTH_WEEKDAY: 1-4 or -1 for last */
	const char *name;
};

static const struct holiday_rule default_rules[] = {
	{ RULE_FIXED, CALENDAR_HOLIDAY, 1, 1, 0, 0, "Año Nuevo" },
	{ RULE_FIXED, CALENDAR_HOLIDAY, 1, 6, 0, 0, "Día de Reyes" },
	{ RULE_NTH_WEEKDAY, CALENDAR_HOLIDAY, 1, 0, CIVIL_MONDAY, 3,
	  "Natalicio de Martin Luther King Jr." },
	{ RULE_NTH_WEEKDAY, CALENDAR_HOLIDAY, 2, 0, CIVIL_MONDAY, 3,
	  "Día de los Presidentes y de los Próceres Puertorriqueños" },
	{ RULE_FIXED, CALENDAR_HOLIDAY, 3, 2, 0, 0,
	  "Día de la Ciudadanía Americana" },
	{ RULE_FIXED, CALENDAR_HOLIDAY, 3, 22, 0, 0,
	  "Día de la Abolición de la Esclavitud" },
	{ RULE_GOOD_FRIDAY, CALENDAR_HOLIDAY, 0, 0, 0, 0, "Viernes Santo" },
	{ RULE_NTH_WEEKDAY, CALENDAR_HOLIDAY, 5, 0, CIVIL_MONDAY, -1,
	  "Día de la Recordación" },
	{ RULE_FIXED, CALENDAR_HOLIDAY, 6, 19, 0, 0, "Juneteenth" },
	{ RULE_FIXED, CALENDAR_HOLIDAY, 7, 4, 0, 0,
	  "Día de la Independencia de los Estados Unidos" },
	{ RULE_FIXED, CALENDAR_HOLIDAY, 7, 25, 0, 0,
	  "Día de la Constitución de Puerto Rico" },
	{ RULE_FIXED, CALENDAR_HOLIDAY, 7, 27, 0, 0,
	  "Natalicio de José Celso Barbosa" },
	{ RULE_NTH_WEEKDAY, CALENDAR_HOLIDAY, 9, 0, CIVIL_MONDAY, 1,
	  "Día del Trabajo" },
	{ RULE_NTH_WEEKDAY, CALENDAR_HOLIDAY, 10, 0, CIVIL_MONDAY, 2,
	  "Día de la Raza" },
	{ RULE_ELECTION, CALENDAR_HOLIDAY, 11, 0, 0, 0,
	  "Día de las Elecciones Generales" },
	{ RULE_FIXED, CALENDAR_HOLIDAY, 11, 11, 0, 0, "Día del Veterano" },
	{ RULE_FIXED, CALENDAR_HOLIDAY, 11, 19, 0, 0,
	  "Día del Descubrimiento de Puerto Rico" },
	{ RULE_NTH_WEEKDAY, CALENDAR_HOLIDAY, 11, 0, CIVIL_THURSDAY, 4,
	  "Día de Acción de Gracias" },
	{ RULE_FIXED_UNMOVED, CALENDAR_HALF_DAY, 12, 24, 0, 0,
	  "Nochebuena (desde el mediodía)" },
	{ RULE_FIXED, CALENDAR_HOLIDAY, 12, 25, 0, 0, "Día de Navidad" },
};

_Static_assert(ARRAY_SIZE(default_rules) <= CALENDAR_RULES_MAX,
	       "CALENDAR_RULES_MAX is too small for the default rules");

static const char *const kind_codes[] = { "holiday", "closure", "half_day",
					  "weekend" };

const char *calendar_kind_code(enum calendar_kind kind)
{
	BUG_ON((size_t)kind >= ARRAY_SIZE(kind_codes));
	return kind_codes[kind];
}

const char *calendar_kind_label(enum calendar_kind kind, enum lang lang)
{
	switch (kind) {
	case CALENDAR_HOLIDAY: return TR(lang, "feriado", "holiday");
	case CALENDAR_CLOSURE: return TR(lang, "cierre", "closure");
	case CALENDAR_HALF_DAY: return TR(lang, "medio día", "half day");
	case CALENDAR_WEEKEND: return TR(lang, "fin de semana", "weekend");
	}
	BUG_ON(1);
	return "";
}

int calendar_kind_parse(const char *text, const char *field,
			enum calendar_kind *kind, struct error *err)
{
	static const struct {
		const char *word;
		enum calendar_kind kind;
	} words[] = {
		{ "holiday", CALENDAR_HOLIDAY },
		{ "feriado", CALENDAR_HOLIDAY },
		{ "closure", CALENDAR_CLOSURE },
		{ "cierre", CALENDAR_CLOSURE },
		{ "half_day", CALENDAR_HALF_DAY },
		{ "medio_dia", CALENDAR_HALF_DAY },
		{ "medio_día", CALENDAR_HALF_DAY },
	};

	for (size_t i = 0; text && i < ARRAY_SIZE(words); i++) {
		if (!strcasecmp(text, words[i].word)) {
			*kind = words[i].kind;
			return RC_OK;
		}
	}
	return error_set(err, RC_INVALID, "invalid_kind", field,
			 "El tipo «%.40s» no es válido; use holiday (feriado), "
			 "closure (cierre) o half_day (medio_dia).",
			 "The kind \"%.40s\" is invalid; use holiday, closure "
			 "or half_day.",
			 text ? text : "");
}

static int compare_entries(const void *pa, const void *pb)
{
	const struct calendar_entry *a = pa, *b = pb;
	int by_date = civil_date_compare(a->date, b->date);

	if (by_date)
		return by_date;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void set_entry(struct calendar_entry *entry, struct civil_date date,
		      enum calendar_kind kind, const char *name,
		      const char *suffix)
{
	entry->date = date;
	entry->kind = kind;
	snprintf(entry->name, sizeof(entry->name), "%s%s", name, suffix);
}

size_t calendar_rule_entries(int year,
			     struct calendar_entry out[CALENDAR_RULES_MAX])
{
	size_t count = 0;

	for (size_t i = 0; i < ARRAY_SIZE(default_rules); i++) {
		const struct holiday_rule *rule = &default_rules[i];
		struct civil_date date = { year, rule->month, rule->day };
		const char *suffix = "";

		switch (rule->type) {
		case RULE_FIXED:
			if (civil_weekday(date) == CIVIL_SUNDAY) {
				date = civil_date_add_days(date, 1);
				suffix = " (observado)";
			}
			break;
		case RULE_FIXED_UNMOVED:
			break;
		case RULE_NTH_WEEKDAY:
			date = civil_nth_weekday(year, rule->month,
						 rule->weekday, rule->nth);
			break;
		case RULE_GOOD_FRIDAY:
			date = civil_date_add_days(civil_easter_sunday(year),
						   -2);
			break;
		case RULE_ELECTION:
			if (year % 4 != 0)
				continue;
			date = civil_date_add_days(
				civil_nth_weekday(year, 11, CIVIL_MONDAY, 1),
				1);
			break;
		}
		set_entry(&out[count++], date, rule->kind, rule->name,
			  suffix);
	}
	qsort(out, count, sizeof(out[0]), compare_entries);
	return count;
}

void calendar_init(struct calendar *cal)
{
	memset(cal, 0, sizeof(*cal));
}

void calendar_release(struct calendar *cal)
{
	free(cal->entries);
	free(cal->years);
	calendar_init(cal);
}

void calendar_copy(struct calendar *dst, const struct calendar *src)
{
	calendar_release(dst);
	if (src->count) {
		dst->entries = xmalloc(src->count * sizeof(*src->entries));
		memcpy(dst->entries, src->entries,
		       src->count * sizeof(*src->entries));
	}
	dst->count = dst->alloc = src->count;
	if (src->year_count) {
		dst->years = xmalloc(src->year_count * sizeof(*src->years));
		memcpy(dst->years, src->years,
		       src->year_count * sizeof(*src->years));
	}
	dst->year_count = dst->year_alloc = src->year_count;
}

static struct calendar_year *find_year(const struct calendar *cal, int year)
{
	for (size_t i = 0; i < cal->year_count; i++) {
		if (cal->years[i].year == year)
			return &cal->years[i];
	}
	return NULL;
}

const struct calendar_year *calendar_find_year(const struct calendar *cal,
					       int year)
{
	return find_year(cal, year);
}

/* Return the index of the first entry on or after date. */
static size_t lower_bound(const struct calendar *cal, struct civil_date date)
{
	size_t low = 0, high = cal->count;

	while (low < high) {
		size_t mid = low + (high - low) / 2;

		if (civil_date_compare(cal->entries[mid].date, date) < 0)
			low = mid + 1;
		else
			high = mid;
	}
	return low;
}

static void insert_entry(struct calendar *cal,
			 const struct calendar_entry *entry)
{
	size_t at = lower_bound(cal, entry->date);

	while (at < cal->count &&
	       compare_entries(&cal->entries[at], entry) < 0)
		at++;
	if (cal->count == cal->alloc) {
		cal->alloc = cal->alloc ? cal->alloc * 2 : 64;
		cal->entries = xrealloc(cal->entries,
					cal->alloc * sizeof(*cal->entries));
	}
	memmove(&cal->entries[at + 1], &cal->entries[at],
		(cal->count - at) * sizeof(*cal->entries));
	cal->entries[at] = *entry;
	cal->count++;
}

static void delete_entry(struct calendar *cal, size_t at)
{
	memmove(&cal->entries[at], &cal->entries[at + 1],
		(cal->count - at - 1) * sizeof(*cal->entries));
	cal->count--;
}

/* Remove every entry of year from the entry array. */
static void delete_year_entries(struct calendar *cal, int year)
{
	struct civil_date first = { year, 1, 1 };
	size_t from = lower_bound(cal, first), to = from;

	while (to < cal->count && cal->entries[to].date.year == year)
		to++;
	if (to == from)
		return;
	memmove(&cal->entries[from], &cal->entries[to],
		(cal->count - to) * sizeof(*cal->entries));
	cal->count -= to - from;
}

static struct calendar_year *add_year_record(struct calendar *cal, int year)
{
	size_t at = 0;

	while (at < cal->year_count && cal->years[at].year < year)
		at++;
	if (cal->year_count == cal->year_alloc) {
		cal->year_alloc = cal->year_alloc ? cal->year_alloc * 2 : 8;
		cal->years = xrealloc(cal->years,
				      cal->year_alloc * sizeof(*cal->years));
	}
	memmove(&cal->years[at + 1], &cal->years[at],
		(cal->year_count - at) * sizeof(*cal->years));
	cal->years[at].year = year;
	cal->years[at].confirmed = false;
	cal->year_count++;
	return &cal->years[at];
}

static int check_year(int year, struct error *err)
{
	if (year < CIVIL_YEAR_MIN || year > CIVIL_YEAR_MAX)
		return error_set(err, RC_INVALID, "invalid_year", "year",
				 "El año %d no es válido; use un año entre "
				 "1 y 9999.",
				 "The year %d is invalid; use a year between 1 "
				 "and 9999.",
				 year);
	return RC_OK;
}

int calendar_materialize_year(struct calendar *cal, int year,
			      struct error *err)
{
	struct calendar_entry rules[CALENDAR_RULES_MAX];
	size_t count;
	int rc;

	rc = check_year(year, err);
	if (rc)
		return rc;
	if (calendar_find_year(cal, year))
		return RC_OK;

	count = calendar_rule_entries(year, rules);
	for (size_t i = 0; i < count; i++)
		insert_entry(cal, &rules[i]);
	add_year_record(cal, year);
	return RC_OK;
}

/* Accept names of 1 to CALENDAR_NAME_MAX - 1 bytes of valid UTF-8
 * without control characters. */
static bool name_valid(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t len = strlen(name);

	if (len == 0 || len >= CALENDAR_NAME_MAX)
		return false;
	while (*p) {
		int follow;

		if (*p < 0x20 || *p == 0x7f)
			return false;
		if (*p < 0x80)
			follow = 0;
		else if ((*p & 0xe0) == 0xc0 && *p >= 0xc2)
			follow = 1;
		else if ((*p & 0xf0) == 0xe0)
			follow = 2;
		else if ((*p & 0xf8) == 0xf0 && *p <= 0xf4)
			follow = 3;
		else
			return false;
		p++;
		for (int i = 0; i < follow; i++, p++) {
			if ((*p & 0xc0) != 0x80)
				return false;
		}
	}
	return true;
}

static int check_entry(const struct calendar_entry *entry, struct error *err)
{
	char date[CIVIL_DATE_LEN];

	if (!civil_date_valid(entry->date))
		return error_set(err, RC_INVALID, "invalid_date", "date",
				 "La fecha %04d-%02d-%02d no es válida.",
				 "The date %04d-%02d-%02d is invalid.",
				 entry->date.year, entry->date.month,
				 entry->date.day);
	civil_date_format(entry->date, date);
	if (entry->kind != CALENDAR_HOLIDAY &&
	    entry->kind != CALENDAR_CLOSURE &&
	    entry->kind != CALENDAR_HALF_DAY)
		return error_set(err, RC_INVALID, "invalid_kind", "kind",
				 "El tipo de la entrada del %s no es válido; "
				 "use holiday, closure o half_day.",
				 "The kind of the entry on %s is invalid; use "
				 "holiday, closure or half_day.",
				 date);
	if (!name_valid(entry->name))
		return error_set(err, RC_INVALID, "invalid_name", "name",
				 "El nombre de la entrada del %s debe tener "
				 "entre 1 y %d bytes de texto UTF-8 sin "
				 "caracteres de control.",
				 "The name of the entry on %s must be 1 to %d "
				 "bytes of UTF-8 text without control "
				 "characters.",
				 date, CALENDAR_NAME_MAX - 1);
	return RC_OK;
}

/* Return the index of the entry of kind on date, or -1. */
static long find_entry(const struct calendar *cal, struct civil_date date,
		       enum calendar_kind kind)
{
	for (size_t at = lower_bound(cal, date);
	     at < cal->count && !civil_date_compare(cal->entries[at].date, date);
	     at++) {
		if (cal->entries[at].kind == kind)
			return (long)at;
	}
	return -1;
}

int calendar_add(struct calendar *cal, const struct calendar_entry *entry,
		 struct error *err)
{
	char date[CIVIL_DATE_LEN];
	int rc;

	rc = check_entry(entry, err);
	if (rc)
		return rc;
	rc = calendar_materialize_year(cal, entry->date.year, err);
	if (rc)
		return rc;

	if (find_entry(cal, entry->date, entry->kind) >= 0) {
		civil_date_format(entry->date, date);
		return error_set(err, RC_CONFLICT, "calendar_entry_exists",
				 "date",
				 "Ya existe una entrada de tipo %s el %s; "
				 "elimínela antes de añadir otra.",
				 "An entry of kind %s already exists on %s; "
				 "remove it before adding another.",
				 calendar_kind_code(entry->kind), date);
	}
	insert_entry(cal, entry);
	return RC_OK;
}

int calendar_remove(struct calendar *cal, struct civil_date date,
		    enum calendar_kind kind, struct error *err)
{
	char text[CIVIL_DATE_LEN];
	long at;
	int rc;

	if (!civil_date_valid(date))
		return error_set(err, RC_INVALID, "invalid_date", "date",
				 "La fecha indicada no es válida.",
				 "The date given is invalid.");
	rc = calendar_materialize_year(cal, date.year, err);
	if (rc)
		return rc;

	at = find_entry(cal, date, kind);
	if (at < 0) {
		civil_date_format(date, text);
		return error_set(err, RC_NOT_FOUND, "calendar_entry_not_found",
				 "date",
				 "No hay ninguna entrada de tipo %s el %s.",
				 "There is no entry of kind %s on %s.",
				 calendar_kind_code(kind), text);
	}
	delete_entry(cal, (size_t)at);
	return RC_OK;
}

int calendar_replace_year(struct calendar *cal, int year,
			  const struct calendar_entry *entries, size_t count,
			  struct error *err)
{
	struct calendar_year *record;
	char date[CIVIL_DATE_LEN];
	int rc;

	rc = check_year(year, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < count; i++) {
		rc = check_entry(&entries[i], err);
		if (rc)
			return rc;
		civil_date_format(entries[i].date, date);
		if (entries[i].date.year != year)
			return error_set(err, RC_INVALID, "wrong_year", "date",
					 "La fecha %s no pertenece al año %d.",
					 "The date %s is not in the year %d.",
					 date, year);
		for (size_t j = 0; j < i; j++) {
			if (entries[j].kind == entries[i].kind &&
			    !civil_date_compare(entries[j].date,
						entries[i].date))
				return error_set(
					err, RC_INVALID, "duplicate_entry",
					"date",
					"Hay dos entradas de tipo %s el %s.",
					"There are two entries of kind %s on "
					"%s.",
					calendar_kind_code(entries[i].kind),
					date);
		}
	}

	delete_year_entries(cal, year);
	for (size_t i = 0; i < count; i++)
		insert_entry(cal, &entries[i]);
	record = find_year(cal, year);
	if (!record)
		record = add_year_record(cal, year);
	record->confirmed = false;
	return RC_OK;
}

int calendar_confirm_year(struct calendar *cal, int year, struct error *err)
{
	int rc = calendar_materialize_year(cal, year, err);

	if (rc)
		return rc;
	find_year(cal, year)->confirmed = true;
	return RC_OK;
}

bool calendar_next_year_unconfirmed(const struct calendar *cal,
				    struct civil_date today, int *year)
{
	const struct calendar_year *next;

	*year = today.year + 1;
	if (today.month < 11)
		return false;
	next = calendar_find_year(cal, *year);
	return !next || !next->confirmed;
}

/*
 * The entries of one year, either a slice of a data year or the rule
 * entries computed into the view itself. Loops that walk day by day load
 * a view once per year instead of recomputing the rules every day.
 */
struct year_view {
	int year;
	const struct calendar_entry *entries;
	size_t count;
	struct calendar_entry rules[CALENDAR_RULES_MAX];
};

static void year_view_load(const struct calendar *cal, int year,
			   struct year_view *view)
{
	view->year = year;
	if (calendar_find_year(cal, year)) {
		struct civil_date first = { year, 1, 1 };
		size_t from = lower_bound(cal, first), to = from;

		while (to < cal->count && cal->entries[to].date.year == year)
			to++;
		view->entries = cal->entries + from;
		view->count = to - from;
	} else {
		view->count = calendar_rule_entries(year, view->rules);
		view->entries = view->rules;
	}
}

/* Return the first holiday or closure of view on date, or NULL. */
static const struct calendar_entry *
year_view_closed_entry(const struct year_view *view, struct civil_date date)
{
	for (size_t i = 0; i < view->count; i++) {
		const struct calendar_entry *entry = &view->entries[i];

		if (civil_date_compare(entry->date, date))
			continue;
		if (entry->kind == CALENDAR_HOLIDAY ||
		    entry->kind == CALENDAR_CLOSURE)
			return entry;
	}
	return NULL;
}

static bool is_weekend(struct civil_date date)
{
	enum civil_weekday day = civil_weekday(date);

	return day == CIVIL_SATURDAY || day == CIVIL_SUNDAY;
}

/* Return whether date is a business day, first loading the year of date
 * into view when view contains another year. */
static bool view_is_business_day(const struct calendar *cal,
				 struct year_view *view,
				 struct civil_date date,
				 const struct calendar_entry **closed)
{
	if (view->year != date.year)
		year_view_load(cal, date.year, view);
	*closed = year_view_closed_entry(view, date);
	return !*closed && !is_weekend(date);
}

void calendar_list_year(const struct calendar *cal, int year,
			struct calendar_entry_list *list)
{
	struct year_view view;

	year_view_load(cal, year, &view);
	for (size_t i = 0; i < view.count; i++)
		calendar_entry_list_append(list, &view.entries[i]);
}

void calendar_list_date(const struct calendar *cal, struct civil_date date,
			struct calendar_entry_list *list)
{
	struct year_view view;

	year_view_load(cal, date.year, &view);
	for (size_t i = 0; i < view.count; i++) {
		if (!civil_date_compare(view.entries[i].date, date))
			calendar_entry_list_append(list, &view.entries[i]);
	}
}

bool calendar_is_business_day(const struct calendar *cal,
			      struct civil_date date)
{
	const struct calendar_entry *closed;
	struct year_view view = { .year = 0 };

	return view_is_business_day(cal, &view, date, &closed);
}

int calendar_add_business_days(const struct calendar *cal,
			       struct civil_date from, int days,
			       struct civil_date *due,
			       struct calendar_entry_list *skipped,
			       struct error *err)
{
	static const struct civil_date last_date = { CIVIL_YEAR_MAX, 12, 31 };
	const struct calendar_entry *closed;
	struct year_view view = { .year = 0 };
	struct civil_date date = from;
	int counted = 0;

	if (days < 1 || days > CALENDAR_MAX_BUSINESS_DAYS)
		return error_set(err, RC_INVALID, "invalid_days", "days",
				 "El número de días laborables %d no es "
				 "válido; use un número entre 1 y %d.",
				 "The number of business days %d is invalid; "
				 "use a number between 1 and %d.",
				 days, CALENDAR_MAX_BUSINESS_DAYS);
	BUG_ON(!civil_date_valid(from));

	while (counted < days) {
		if (!civil_date_compare(date, last_date))
			return error_set(err, RC_INVALID, "date_out_of_range",
					 "days",
					 "El plazo pasaría del año 9999.",
					 "The period would pass the year "
					 "9999.");
		date = civil_date_add_days(date, 1);
		if (view_is_business_day(cal, &view, date, &closed)) {
			counted++;
			continue;
		}
		if (skipped && closed) {
			calendar_entry_list_append(skipped, closed);
		} else if (skipped) {
			struct calendar_entry weekend = { date,
							  CALENDAR_WEEKEND,
							  "" };

			calendar_entry_list_append(skipped, &weekend);
		}
	}
	*due = date;
	return RC_OK;
}

long calendar_count_business_days(const struct calendar *cal,
				  struct civil_date from,
				  struct civil_date to)
{
	const struct calendar_entry *closed;
	struct year_view view = { .year = 0 };
	long count = 0;
	long first = civil_days_from_date(from), last = civil_days_from_date(to);

	for (long day = first; day <= last; day++) {
		if (view_is_business_day(cal, &view, civil_date_from_days(day),
					 &closed))
			count++;
	}
	return count;
}

void calendar_entry_list_append(struct calendar_entry_list *list,
				const struct calendar_entry *entry)
{
	if (list->count == list->alloc) {
		list->alloc = list->alloc ? list->alloc * 2 : 16;
		list->items = xrealloc(list->items,
				       list->alloc * sizeof(*list->items));
	}
	list->items[list->count++] = *entry;
}

void calendar_entry_list_release(struct calendar_entry_list *list)
{
	free(list->items);
	list->items = NULL;
	list->count = list->alloc = 0;
}
