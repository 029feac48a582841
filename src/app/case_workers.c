/* case_workers.c - group commit and the SLA sweep (see case_workers.h). */
#include "core/common.h"
#include "app/calendar_service.h"
#include "app/case_workers.h"
#include "app/case_service.h"
#include "core/clock.h"
#include "core/log.h"
#include "store/group_commit.h"

#include <pthread.h>

/* Jobs per group-commit transaction: enough for every HTTP thread to have
 * one waiting (the server runs at most 256 threads). */
#define GROUP_MAX_BATCH 256

int case_writer_start(struct app *app, struct error *err)
{
	const char *setting = config_get(app->cfg, "group_commit");

	if (setting && !config_get_bool(app->cfg, "group_commit")) {
		log_info("cases", "group commit off: one transaction per write");
		return RC_OK;
	}
	return store_group_start(app->store, GROUP_MAX_BATCH, err);
}

void case_writer_stop(struct app *app)
{
	store_group_stop(app->store);
}

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	bool running;
	bool stopping;
	struct app *app;
	long interval;
	struct civil_date warned_on; /* local date of the last calendar
					warning */
} sweep = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.wake = PTHREAD_COND_INITIALIZER,
};

static void warn_unconfirmed(struct app *app, time_t now)
{
	struct civil_date today = civil_local_date(now);
	json_t *warning;

	if (!civil_date_compare(today, sweep.warned_on))
		return;
	warning = calendar_service_warning(app, now, LANG_EN);
	if (warning) {
		log_warn("calendar", "%s",
			 json_string_value(json_object_get(warning, "message")));
		json_decref(warning);
	}
	sweep.warned_on = today;
}

static void sweep_once(struct app *app)
{
	time_t now = clock_now();
	long dues = 0, alarms = 0;
	struct error err;

	if (case_service_sweep(app, now, &dues, &alarms, &err)) {
		log_error("sla", "sweep failed: %s",
			  error_message(&err, LANG_EN));
		return;
	}
	if (dues || alarms)
		log_info("sla", "sweep: %ld cases got new due dates, %ld became "
				"at risk or overdue",
			 dues, alarms);
	warn_unconfirmed(app, now);
}

static void *sweep_main(void *arg)
{
	struct app *app = arg;

	pthread_mutex_lock(&sweep.lock);
	while (!sweep.stopping) {
		struct timespec until;

		pthread_mutex_unlock(&sweep.lock);
		sweep_once(app);
		pthread_mutex_lock(&sweep.lock);

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += sweep.interval;
		while (!sweep.stopping &&
		       pthread_cond_timedwait(&sweep.wake, &sweep.lock,
					      &until) == 0)
			;
	}
	pthread_mutex_unlock(&sweep.lock);
	return NULL;
}

int sla_sweep_start(struct app *app, struct error *err)
{
	long interval;
	int rc;

	rc = config_get_long(app->cfg, "sla_sweep_seconds", 1, 86400,
			     &interval, err);
	if (rc)
		return rc;
	pthread_mutex_lock(&sweep.lock);
	sweep.app = app;
	sweep.interval = interval;
	sweep.stopping = false;
	rc = pthread_create(&sweep.thread, NULL, sweep_main, app);
	sweep.running = rc == 0;
	pthread_mutex_unlock(&sweep.lock);
	if (rc)
		return error_set(err, RC_INTERNAL, "thread_failed", NULL,
				 "No se pudo iniciar el barrido de SLA: %s.",
				 "Could not start the SLA sweep: %s.",
				 strerror(rc));
	return RC_OK;
}

void sla_sweep_stop(struct app *app)
{
	(void)app;
	pthread_mutex_lock(&sweep.lock);
	if (!sweep.running) {
		pthread_mutex_unlock(&sweep.lock);
		return;
	}
	sweep.stopping = true;
	pthread_cond_broadcast(&sweep.wake);
	pthread_mutex_unlock(&sweep.lock);
	pthread_join(sweep.thread, NULL);
	sweep.running = false;
}
