/* sla.c - SLA clocks on the business calendar (see sla.h). */
#include "core/common.h"
#include "domain/validate.h"
#include "domain/sla.h"

#include <strings.h>

static const char *const state_codes[SLA_STATE_COUNT] = {
	"on_time", "at_risk", "overdue", "met", "missed"
};

/* Spanish names as API aliases, with underscores for spaces. */
static const char *const state_names_es[SLA_STATE_COUNT] = {
	"a_tiempo", "en_riesgo", "vencido", "cumplido", "incumplido"
};

const char *sla_state_code(enum sla_state state)
{
	BUG_ON((unsigned)state >= SLA_STATE_COUNT);
	return state_codes[state];
}

const char *sla_state_label(enum sla_state state, enum lang lang)
{
	switch (state) {
	case SLA_ON_TIME: return TR(lang, "a tiempo", "on time");
	case SLA_AT_RISK: return TR(lang, "en riesgo", "at risk");
	case SLA_OVERDUE: return TR(lang, "vencido", "overdue");
	case SLA_MET: return TR(lang, "cumplido", "met");
	case SLA_MISSED: return TR(lang, "incumplido", "missed");
	}
	BUG_ON(1);
	return "";
}

int sla_state_parse(const char *text, const char *field,
		    enum sla_state *state, struct error *err)
{
	int i = code_lookup(text, state_codes, state_names_es, SLA_STATE_COUNT);

	if (i >= 0) {
		*state = (enum sla_state)i;
		return RC_OK;
	}
	return error_set(err, RC_INVALID, "invalid_sla_state", field,
			 "El estado de SLA «%.40s» no es válido; use "
			 "on_time, at_risk, overdue, met o missed.",
			 "The SLA state \"%.40s\" is invalid; use on_time, "
			 "at_risk, overdue, met or missed.",
			 text ? text : "");
}

const char *sla_outcome_code(enum sla_outcome outcome)
{
	switch (outcome) {
	case SLA_PENDING: return "pending";
	case SLA_OUTCOME_MET: return "met";
	case SLA_OUTCOME_MISSED: return "missed";
	}
	BUG_ON(1);
	return "";
}

bool sla_outcome_parse(const char *text, enum sla_outcome *outcome)
{
	static const enum sla_outcome all[] = { SLA_PENDING, SLA_OUTCOME_MET,
						SLA_OUTCOME_MISSED };

	for (size_t i = 0; text && i < ARRAY_SIZE(all); i++) {
		if (!strcasecmp(text, sla_outcome_code(all[i]))) {
			*outcome = all[i];
			return true;
		}
	}
	return false;
}

int sla_clock_start(const struct calendar *cal, time_t started, int days,
		    struct sla_clock *clock, struct error *err)
{
	struct sla_clock fresh = { .days = days, .outcome = SLA_PENDING };
	int rc;

	fresh.start = civil_local_date(started);
	rc = calendar_add_business_days(cal, fresh.start, days, &fresh.due,
					NULL, err);
	if (rc)
		return rc;
	*clock = fresh;
	return RC_OK;
}

bool sla_clock_recompute(const struct calendar *cal, struct sla_clock *clock)
{
	struct civil_date due;
	int rc;

	if (clock->outcome != SLA_PENDING)
		return false;
	/* The days were accepted when the clock started; a clock read back
	 * with days out of range keeps the due date it has. */
	rc = calendar_add_business_days(cal, clock->start, clock->days, &due,
					NULL, NULL);
	if (rc)
		return false;
	if (!civil_date_compare(due, clock->due))
		return false;
	clock->due = due;
	return true;
}

enum sla_outcome sla_clock_stop(struct sla_clock *clock, time_t stopped)
{
	if (clock->outcome != SLA_PENDING)
		return clock->outcome;
	clock->stopped = civil_local_date(stopped);
	clock->outcome = civil_date_compare(clock->stopped, clock->due) <= 0
				 ? SLA_OUTCOME_MET
				 : SLA_OUTCOME_MISSED;
	return clock->outcome;
}

long sla_clock_days_left(const struct calendar *cal,
			 const struct sla_clock *clock,
			 struct civil_date today)
{
	struct civil_date first = civil_date_add_days(clock->start, 1);

	/* Before the count starts, every day of the period is left. */
	if (civil_date_compare(today, first) < 0)
		today = first;
	return calendar_count_business_days(cal, today, clock->due);
}

enum sla_state sla_clock_state(const struct calendar *cal,
			       const struct sla_clock *clock, time_t now,
			       int risk_days)
{
	struct civil_date today = civil_local_date(now);

	if (clock->outcome == SLA_OUTCOME_MET)
		return SLA_MET;
	if (clock->outcome == SLA_OUTCOME_MISSED)
		return SLA_MISSED;
	if (civil_date_compare(today, clock->due) > 0)
		return SLA_OVERDUE;
	if (sla_clock_days_left(cal, clock, today) <= risk_days)
		return SLA_AT_RISK;
	return SLA_ON_TIME;
}
