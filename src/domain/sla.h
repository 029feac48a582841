/*
 * sla.h - the service-level clocks of a case: SLA1 (first contact) and
 * SLA2 (resolution), counted in Puerto Rico business days.
 *
 * A clock starts on the local date of an instant (the case's creation, or
 * its reopening for a new SLA2). It counts N business days from the first
 * business day after that date, whatever the hour. The due date is the
 * last of them, and the clock runs until the end of that local day. SLA1
 * has N = 2, and SLA2 has the service's N, 30 by default.
 *
 * The event that stops a clock (the first contact for SLA1, the closing
 * for SLA2) decides its outcome once: met when the event's local date is
 * on or before the due date, missed otherwise. A decided outcome never
 * changes, even when a calendar change moves the due date afterwards.
 *
 * States and their API codes (the Spanish names are the UI labels):
 *   on_time  "a tiempo"   running, more business days left than the
 *                          risk threshold
 *   at_risk  "en riesgo"  running, with at most the risk threshold of
 *                          business days left, today included
 *   overdue  "vencido"    running, and today is after the due date
 *   met      "cumplido"   stopped on or before the due date
 *   missed   "incumplido" stopped after the due date
 * "Business days left" on a day are the business days from that day (or
 * from the day after the start, when that is later) to the due date, both
 * included: on the creation day all N are left, on the due date one.
 */
#ifndef LINEA311_SLA_H
#define LINEA311_SLA_H

#include "domain/calendar.h"

enum sla_state {
	SLA_ON_TIME = 0,
	SLA_AT_RISK,
	SLA_OVERDUE,
	SLA_MET,
	SLA_MISSED,
};
#define SLA_STATE_COUNT 5

enum sla_outcome {
	SLA_PENDING = 0, /* the clock runs */
	SLA_OUTCOME_MET,
	SLA_OUTCOME_MISSED,
};

/* The configurable numbers of the SLA rules. */
struct sla_policy {
	int sla1_days;	       /* business days to the first contact */
	int sla2_default_days; /* business days to closing, for a service
				  without its own */
	int sla1_risk_days;    /* SLA1 is at risk with this many left */
	int sla2_risk_days;    /* SLA2 is at risk with this many left */
};

#define SLA_POLICY_DEFAULT { 2, 30, 1, 5 }

struct sla_clock {
	struct civil_date start; /* local date of the starting instant */
	int days;		 /* business days allowed */
	struct civil_date due;	 /* last business day of the period */
	enum sla_outcome outcome;
	struct civil_date stopped; /* local date of the stopping event;
				      meaningful once decided */
};

/* Return "on_time", "at_risk", "overdue", "met" or "missed". */
const char *sla_state_code(enum sla_state state);

/* Return the UI label: "a tiempo" / "on time" and so on. */
const char *sla_state_label(enum sla_state state, enum lang lang);

/* Parse an API code or its Spanish name ("en_riesgo", "en riesgo").
 * Errors are RC_INVALID naming field. */
int sla_state_parse(const char *text, const char *field,
		    enum sla_state *state, struct error *err);

/* Return "pending", "met" or "missed". */
const char *sla_outcome_code(enum sla_outcome outcome);

/* Parse "pending", "met" or "missed"; returns false for anything else. */
bool sla_outcome_parse(const char *text, enum sla_outcome *outcome);

/*
 * Start a clock of days business days at instant started. Errors come
 * from calendar_add_business_days (days out of range).
 */
int sla_clock_start(const struct calendar *cal, time_t started, int days,
		    struct sla_clock *clock, struct error *err);

/*
 * Recompute the due date of a running clock after a calendar change.
 * A decided clock keeps its due date and outcome, and so does a clock whose
 * days are out of range. Returns true when the due date changed.
 */
bool sla_clock_recompute(const struct calendar *cal, struct sla_clock *clock);

/*
 * Stop a running clock at instant stopped and decide its outcome. A clock
 * already decided is left as it is. Returns the outcome.
 */
enum sla_outcome sla_clock_stop(struct sla_clock *clock, time_t stopped);

/* Return the business days left on today (see above); 0 once today is
 * past the due date. */
long sla_clock_days_left(const struct calendar *cal,
			 const struct sla_clock *clock,
			 struct civil_date today);

/* Return the state of clock at instant now, at risk with risk_days or
 * fewer business days left. */
enum sla_state sla_clock_state(const struct calendar *cal,
			       const struct sla_clock *clock, time_t now,
			       int risk_days);

#endif
