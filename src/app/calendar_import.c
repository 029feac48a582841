/* calendar_import.c - CSV and iCalendar holiday lists (see
 * calendar_import.h). */
#include "core/common.h"
#include "app/calendar_import.h"
#include "domain/csv.h"

#include <libical/ical.h>
#include <strings.h>

/* Maximum length of an all-day event, in days: a year. */
#define MAX_EVENT_DAYS 366

static long column(const struct csv_row *header, const char *es,
		   const char *en)
{
	long index = csv_column(header, es);

	return index >= 0 ? index : csv_column(header, en);
}

/* Prefix err's messages with the file and the place in it. */
static void locate(struct error *err, const char *name, const char *where_es,
		   const char *where_en)
{
	char es[sizeof(err->message_es)], en[sizeof(err->message_en)];

	snprintf(es, sizeof(es), "%.60s, %.30s: %.300s", name, where_es,
		 err->message_es);
	snprintf(en, sizeof(en), "%.60s, %.30s: %.300s", name, where_en,
		 err->message_en);
	memcpy(err->message_es, es, sizeof(es));
	memcpy(err->message_en, en, sizeof(en));
}

static int parse_csv(const char *name, const char *data, size_t len,
		     struct calendar_entry_list *list, struct error *err)
{
	struct csv_reader reader;
	struct csv_row header = { 0 }, row = { 0 };
	long date_col, name_col, kind_col;
	int rc;

	csv_reader_init(&reader, data, len);
	rc = csv_next(&reader, &header, err);
	if (rc)
		return rc;
	date_col = column(&header, "fecha", "date");
	name_col = column(&header, "nombre", "name");
	kind_col = column(&header, "tipo", "kind");
	if (date_col < 0 || name_col < 0) {
		csv_row_release(&header);
		return error_set(err, RC_INVALID, "missing_column", "fecha",
				 "%s, línea 1: faltan las columnas fecha y "
				 "nombre (o date y name).",
				 "%s, line 1: the columns fecha and nombre (or "
				 "date and name) are missing.",
				 name);
	}

	while (!(rc = csv_next(&reader, &row, err)) && row.count) {
		struct calendar_entry entry = { .kind = CALENDAR_HOLIDAY };
		char es[40], en[40];

		rc = (size_t)date_col < row.count
			     ? civil_date_parse(row.fields[date_col], "fecha",
						&entry.date, err)
			     : error_set(err, RC_INVALID, "missing_field",
					 "fecha", "falta la fecha",
					 "the date is missing");
		if (!rc && (size_t)name_col < row.count)
			snprintf(entry.name, sizeof(entry.name), "%s",
				 row.fields[name_col]);
		if (!rc && !entry.name[0])
			rc = error_set(err, RC_INVALID, "missing_field",
				       "nombre", "falta el nombre",
				       "the name is missing");
		if (!rc && kind_col >= 0 && (size_t)kind_col < row.count &&
		    row.fields[kind_col][0])
			rc = calendar_kind_parse(row.fields[kind_col], "tipo",
						 &entry.kind, err);
		if (rc) {
			snprintf(es, sizeof(es), "línea %u", row.line);
			snprintf(en, sizeof(en), "line %u", row.line);
			locate(err, name, es, en);
			break;
		}
		calendar_entry_list_append(list, &entry);
	}
	csv_row_release(&row);
	csv_row_release(&header);
	return rc;
}

/* Read the kind of an event from its CATEGORIES. */
static enum calendar_kind event_kind(icalcomponent *event)
{
	enum calendar_kind kind = CALENDAR_HOLIDAY;

	for (icalproperty *p = icalcomponent_get_first_property(
		     event, ICAL_CATEGORIES_PROPERTY);
	     p; p = icalcomponent_get_next_property(event,
						     ICAL_CATEGORIES_PROPERTY)) {
		const char *value = icalproperty_get_categories(p);
		char words[200], *word, *rest;

		snprintf(words, sizeof(words), "%s", value ? value : "");
		for (word = strtok_r(words, ", ", &rest); word;
		     word = strtok_r(NULL, ", ", &rest)) {
			if (!calendar_kind_parse(word, "CATEGORIES", &kind,
						 NULL))
				return kind;
		}
	}
	return kind;
}

static struct civil_date date_of(struct icaltimetype t)
{
	struct civil_date date = { t.year, t.month, t.day };

	return date;
}

/* Append the days of one occurrence: from start up to end, excluded. */
static int add_days(struct civil_date start, struct civil_date end,
		    enum calendar_kind kind, const char *summary,
		    struct calendar_entry_list *list)
{
	long days = civil_days_between(start, end);

	if (days < 1)
		days = 1;
	if (days > MAX_EVENT_DAYS)
		return -1;
	for (long i = 0; i < days; i++) {
		struct calendar_entry entry = { civil_date_add_days(start, i),
						kind, "" };

		snprintf(entry.name, sizeof(entry.name), "%s", summary);
		calendar_entry_list_append(list, &entry);
	}
	return 0;
}

static int parse_event(const char *name, icalcomponent *event,
		       struct calendar_entry_list *list, struct error *err)
{
	struct icaltimetype start = icalcomponent_get_dtstart(event);
	struct icaltimetype end = icalcomponent_get_dtend(event);
	const char *summary = icalcomponent_get_summary(event);
	icalproperty *rrule =
		icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY);
	enum calendar_kind kind = event_kind(event);
	struct civil_date first, last;
	long length;

	if (!summary || !*summary)
		return error_set(err, RC_INVALID, "missing_field", "SUMMARY",
				 "%s: un evento no tiene SUMMARY (el nombre del "
				 "feriado).",
				 "%s: an event has no SUMMARY (the holiday's "
				 "name).",
				 name);
	first = date_of(start);
	if (icaltime_is_null_time(start) || !start.is_date ||
	    !civil_date_valid(first))
		return error_set(err, RC_INVALID, "invalid_date", "DTSTART",
				 "%s, evento «%.60s»: DTSTART debe ser una fecha "
				 "de día completo (VALUE=DATE).",
				 "%s, event \"%.60s\": DTSTART must be an all-day "
				 "date (VALUE=DATE).",
				 name, summary);
	last = icaltime_is_null_time(end) ? civil_date_add_days(first, 1)
					  : date_of(end);
	if (!civil_date_valid(last))
		last = civil_date_add_days(first, 1);
	length = civil_days_between(first, last);

	if (!rrule) {
		if (add_days(first, last, kind, summary, list))
			goto too_long;
		return RC_OK;
	}

	{
		icalrecur_iterator *it = icalrecur_iterator_new(
			icalproperty_get_rrule(rrule), start);
		struct icaltimetype next;

		if (!it)
			return error_set(err, RC_INVALID, "invalid_rrule", "RRULE",
					 "%s, evento «%.60s»: la regla RRULE no "
					 "es válida.",
					 "%s, event \"%.60s\": the RRULE is "
					 "invalid.",
					 name, summary);
		while (next = icalrecur_iterator_next(it),
		       !icaltime_is_null_time(next) && next.year == start.year) {
			struct civil_date day = date_of(next);

			if (add_days(day, civil_date_add_days(day, length), kind,
				     summary, list)) {
				icalrecur_iterator_free(it);
				goto too_long;
			}
		}
		icalrecur_iterator_free(it);
	}
	return RC_OK;

too_long:
	return error_set(err, RC_INVALID, "invalid_date", "DTEND",
			 "%s, evento «%.60s»: dura más de un año.",
			 "%s, event \"%.60s\": it lasts more than a year.",
			 name, summary);
}

static int parse_ical(const char *name, const char *data,
		      struct calendar_entry_list *list, struct error *err)
{
	icalcomponent *root = icalparser_parse_string(data);
	icalcomponent *event;
	int rc = RC_OK;

	if (!root)
		return error_set(err, RC_INVALID, "invalid_icalendar", "file",
				 "%s no es un archivo iCalendar válido.",
				 "%s is not a valid iCalendar file.", name);
	if (icalcomponent_isa(root) == ICAL_VEVENT_COMPONENT) {
		rc = parse_event(name, root, list, err);
	} else {
		for (event = icalcomponent_get_first_component(
			     root, ICAL_VEVENT_COMPONENT);
		     event && !rc;
		     event = icalcomponent_get_next_component(
			     root, ICAL_VEVENT_COMPONENT))
			rc = parse_event(name, event, list, err);
	}
	icalcomponent_free(root);
	return rc;
}

int calendar_import_parse(const char *name, const char *data, size_t len,
			  struct calendar_entry_list *list, struct error *err)
{
	struct calendar_entry_list parsed = { NULL, 0, 0 };
	const char *p = data;
	int rc;

	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (*p == ' ' || *p == '\r' || *p == '\n' || *p == '\t')
		p++;
	if (!strncasecmp(p, "BEGIN:VCALENDAR", 15))
		rc = parse_ical(name, p, &parsed, err);
	else
		rc = parse_csv(name, data, len, &parsed, err);
	if (!rc) {
		for (size_t i = 0; i < parsed.count; i++)
			calendar_entry_list_append(list, &parsed.items[i]);
	}
	calendar_entry_list_release(&parsed);
	return rc;
}
