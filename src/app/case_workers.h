/*
 * case_workers.h - the background workers of cases (see app/workers.h):
 * the group-commit writer and the SLA sweep.
 */
#ifndef LINEA311_CASE_WORKERS_H
#define LINEA311_CASE_WORKERS_H

#include "app/app.h"

/* Start the group-commit thread for case writes, unless the setting
 * group_commit is off (then each write runs its own transaction). */
int case_writer_start(struct app *app, struct error *err);
void case_writer_stop(struct app *app);

/*
 * Start the SLA sweep: a thread that, every sla_sweep_seconds (60 by
 * default), recomputes the due dates and states of open cases and marks
 * those at risk and overdue. A sweep changes nothing when run twice at
 * the same instant. It also logs, once a day from 1 November, that the
 * next year's holiday list is unconfirmed.
 */
int sla_sweep_start(struct app *app, struct error *err);
void sla_sweep_stop(struct app *app);

#endif
