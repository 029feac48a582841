/* case_status.c - case statuses and transitions (see case_status.h). */
#include "core/common.h"
#include "domain/validate.h"
#include "core/strbuf.h"
#include "domain/case_status.h"
#include "domain/civil_time.h"

static const char *const status_codes[CASE_STATUS_COUNT] = {
	"new", "contacted", "in_progress", "closed", "cancelled"
};

/* Spanish names accepted as aliases, with underscores for spaces. */
static const char *const status_names_es[CASE_STATUS_COUNT] = {
	"nuevo", "contactado", "en_proceso", "cerrado", "cancelado"
};

/* allowed[from][to] */
static const bool allowed[CASE_STATUS_COUNT][CASE_STATUS_COUNT] = {
	[CASE_NEW] = { [CASE_CONTACTED] = true, [CASE_CANCELLED] = true },
	[CASE_CONTACTED] = { [CASE_IN_PROGRESS] = true,
			     [CASE_CANCELLED] = true },
	[CASE_IN_PROGRESS] = { [CASE_CLOSED] = true, [CASE_CANCELLED] = true },
	[CASE_CLOSED] = { [CASE_IN_PROGRESS] = true },
	[CASE_CANCELLED] = { false },
};

const char *case_status_code(enum case_status status)
{
	BUG_ON((unsigned)status >= CASE_STATUS_COUNT);
	return status_codes[status];
}

const char *case_status_label(enum case_status status, enum lang lang)
{
	switch (status) {
	case CASE_NEW: return TR(lang, "nuevo", "new");
	case CASE_CONTACTED: return TR(lang, "contactado", "contacted");
	case CASE_IN_PROGRESS: return TR(lang, "en proceso", "in progress");
	case CASE_CLOSED: return TR(lang, "cerrado", "closed");
	case CASE_CANCELLED: return TR(lang, "cancelado", "cancelled");
	}
	BUG_ON(1);
	return "";
}

int case_status_parse(const char *text, const char *field,
		      enum case_status *status, struct error *err)
{
	int i = code_lookup(text, status_codes, status_names_es, CASE_STATUS_COUNT);

	if (i >= 0) {
		*status = (enum case_status)i;
		return RC_OK;
	}
	return error_set(err, RC_INVALID, "invalid_status", field,
			 "El estado «%.40s» no es válido; use new, contacted, "
			 "in_progress, closed o cancelled.",
			 "The status \"%.40s\" is invalid; use new, contacted, "
			 "in_progress, closed or cancelled.",
			 text ? text : "");
}

bool case_status_is_open(enum case_status status)
{
	return status == CASE_NEW || status == CASE_CONTACTED ||
	       status == CASE_IN_PROGRESS;
}

bool case_status_can_move(enum case_status from, enum case_status to)
{
	BUG_ON((unsigned)from >= CASE_STATUS_COUNT);
	BUG_ON((unsigned)to >= CASE_STATUS_COUNT);
	return allowed[from][to];
}

size_t case_status_next(enum case_status from,
			enum case_status next[CASE_STATUS_COUNT])
{
	size_t count = 0;

	for (int to = 0; to < CASE_STATUS_COUNT; to++) {
		if (case_status_can_move(from, (enum case_status)to))
			next[count++] = (enum case_status)to;
	}
	return count;
}

int case_status_check_move(enum case_status from, enum case_status to,
			   struct error *err)
{
	enum case_status next[CASE_STATUS_COUNT];
	struct strbuf list = STRBUF_INIT;
	size_t count;
	int rc;

	if (case_status_can_move(from, to))
		return RC_OK;

	count = case_status_next(from, next);
	for (size_t i = 0; i < count; i++)
		strbuf_addf(&list, "%s%s", i ? ", " : "",
			    case_status_code(next[i]));
	if (count == 0)
		rc = error_set(err, RC_CONFLICT, "invalid_transition",
			       "status",
			       "Un caso en estado «%s» no puede pasar a «%s»: "
			       "es un estado final.",
			       "A case in status \"%s\" cannot move to \"%s\": "
			       "it is a final status.",
			       case_status_code(from), case_status_code(to));
	else
		rc = error_set(err, RC_CONFLICT, "invalid_transition",
			       "status",
			       "Un caso en estado «%s» no puede pasar a «%s»; "
			       "estados permitidos: %s.",
			       "A case in status \"%s\" cannot move to \"%s\"; "
			       "allowed statuses: %s.",
			       case_status_code(from), case_status_code(to),
			       strbuf_str(&list));
	strbuf_release(&list);
	return rc;
}

/* Write instant as Puerto Rico local "YYYY-MM-DD HH:MM" for a person. */
static void format_local_minute(time_t instant, char out[48])
{
	struct civil_datetime t = civil_local_datetime(instant);

	snprintf(out, 48, "%04d-%02d-%02d %02d:%02d", t.date.year,
		 t.date.month, t.date.day, t.hour, t.minute);
}

int case_check_event_time(time_t created, time_t at, time_t now,
			  const char *field, struct error *err)
{
	char created_text[48], at_text[48];
	time_t created_minute = created - (time_t)((created % 60 + 60) % 60);

	format_local_minute(at, at_text);
	if (at > now + CASE_EVENT_CLOCK_SKEW)
		return error_set(err, RC_INVALID, "time_in_future", field,
				 "La hora %s (hora de Puerto Rico) de «%s» está en el futuro. Escriba la hora en que ocurrió.",
				 "The time %s (Puerto Rico time) of \"%s\" is in the future. Give the time it happened.",
				 at_text, field);
	if (at < created_minute) {
		format_local_minute(created, created_text);
		return error_set(err, RC_INVALID, "time_before_creation",
				 field,
				 "La hora %s de «%s» es anterior a la creación "
				 "del caso (%s, hora de Puerto Rico). Escriba una hora posterior.",
				 "The time %s of \"%s\" is before the case was "
				 "created (%s, Puerto Rico time). Give a later time.",
				 at_text, field, created_text);
	}
	return RC_OK;
}
