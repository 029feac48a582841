/* delivery.c - the monthly delivery of the agencies' reports (see
 * delivery.h). */
#include "core/common.h"
#include "core/clock.h"
#include "core/log.h"
#include "outbox/outbox.h"
#include "stats/delivery.h"
#include "stats/report.h"
#include "stats/stats.h"
#include "store/kb.h"

#include <pthread.h>

/* How often the worker looks at the calendar, and how long after the
 * server starts it looks first, in seconds: a server that restarts does
 * not build every agency's report at once. */
#define CHECK_INTERVAL 3600
#define FIRST_CHECK_DELAY 600

/* Queue one agency's report to each of its addresses, in one transaction. */
static int deliver_agency(struct app *app, long long agency_id, int year, int month,
			  long *queued, long *skipped, struct error *err)
{
	struct civil_date from = { year, month, 1 };
	struct civil_date to = { year, month, civil_days_in_month(year, month) };
	struct stats_report report;
	json_t *addresses = NULL, *address;
	char body[1200];
	size_t i;
	int rc;

	rc = store_outbox_agency_addresses(app->store, agency_id, &addresses, err);
	if (rc)
		return rc;
	if (!json_array_size(addresses)) {
		/* NOTE: the liaisons' own addresses are not stored (accounts have
		 * no email), so an agency without an email receives nothing. */
		log_info("stats", "agency %lld has no email address: report of %04d-%02d not queued",
			 agency_id, year, month);
		(*skipped)++;
		json_decref(addresses);
		return RC_OK;
	}
	rc = stats_report_build(app, agency_id, from, to, LANG_ES, &report, err);
	if (rc) {
		json_decref(addresses);
		return rc;
	}
	snprintf(body, sizeof(body),
		 "Saludos:\n\nSe acompaña el informe de llamadas y casos de su agencia en la "
		 "Línea 3-1-1 del período indicado, en PDF y en CSV (se abre con una hoja de "
		 "cálculo).\n\n%s\n\nAttached is your agency's 3-1-1 calls and cases report for "
		 "the period, as PDF and CSV. An English version is available from the 3-1-1 "
		 "staff.\n",
		 report.title);
	rc = store_begin(app->store, err);
	json_array_foreach(addresses, i, address) {
		char pdf_name[200], csv_name[200], key[300];
		const struct outbox_attachment files[] = {
			{ pdf_name, "application/pdf", report.pdf, report.pdf_len },
			{ csv_name, "text/csv; charset=utf-8", report.csv, report.csv_len },
		};
		struct outbox_message m = {
			.kind = "stats_report",
			.channel = "email",
			.recipient = json_string_value(address),
			.lang = LANG_ES,
			.subject = report.title,
			.body_text = body,
			.attachments = files,
			.attachment_count = ARRAY_SIZE(files),
			.agency_id = agency_id,
			.dedupe_key = key,
			.actor = "system",
		};
		long long id = 0;

		if (rc)
			break;
		snprintf(pdf_name, sizeof(pdf_name), "%s.pdf", report.basename);
		snprintf(csv_name, sizeof(csv_name), "%s.csv", report.basename);
		snprintf(key, sizeof(key), "stats_report:%lld:%04d-%02d:%s", agency_id, year, month,
			 json_string_value(address));
		rc = outbox_enqueue_id(app->store, &m, &id, err);
		if (!rc && id)
			(*queued)++;
	}
	if (!rc)
		rc = store_commit(app->store, err);
	else
		store_rollback(app->store);
	stats_report_release(&report);
	json_decref(addresses);
	return rc;
}

int stats_deliver_month(struct app *app, long long agency_id, int year, int month,
			long *queued, long *skipped, struct error *err)
{
	struct agency_filter filter = { .integration_status = "integrated" };
	struct page page = { .limit = 500, .offset = 0 };
	long before = *queued;
	int rc = RC_OK;

	if (agency_id)
		rc = deliver_agency(app, agency_id, year, month, queued, skipped, err);
	while (!agency_id && !rc) {
		json_t *list, *item;
		size_t i, count;

		rc = store_agency_list(app->store, &filter, &page, &list, err);
		if (rc)
			break;
		count = json_array_size(json_object_get(list, "items"));
		json_array_foreach(json_object_get(list, "items"), i, item) {
			rc = deliver_agency(app, json_integer_value(json_object_get(item, "id")), year,
					    month, queued, skipped, err);
			if (rc)
				break;
		}
		json_decref(list);
		if (count < (size_t)page.limit)
			break;
		page.offset += page.limit;
	}
	if (*queued > before)
		outbox_wake(app);
	return rc;
}

/* ---- the worker ---- */

static struct {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool running;
	bool stopping;
	struct app *app;
	int last_month; /* year * 12 + month - 1 of the last month delivered */
} worker = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };

static bool worker_stopping(void)
{
	bool stopping;

	pthread_mutex_lock(&worker.lock);
	stopping = worker.stopping;
	pthread_mutex_unlock(&worker.lock);
	return stopping;
}

/* Deliver the previous month's reports once per month. */
static void check_month(void)
{
	struct civil_date today = civil_local_date(clock_now());
	int year = today.month == 1 ? today.year - 1 : today.year;
	int month = today.month == 1 ? 12 : today.month - 1;
	long queued = 0, skipped = 0;
	struct error err;

	if (worker.last_month == year * 12 + month - 1)
		return;
	if (stats_deliver_month(worker.app, 0, year, month, &queued, &skipped, &err)) {
		log_error("stats", "monthly reports of %04d-%02d failed: %s", year, month,
			  err.message_en);
		return; /* tried again at the next check */
	}
	worker.last_month = year * 12 + month - 1;
	log_info("stats", "monthly reports of %04d-%02d: %ld queued, %ld agencies without email",
		 year, month, queued, skipped);
}

/* Wait seconds or until stop; returns false when stopping. */
static bool wait_for(long seconds)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += seconds;
	pthread_mutex_lock(&worker.lock);
	while (!worker.stopping &&
	       pthread_cond_timedwait(&worker.cond, &worker.lock, &until) == 0)
		;
	pthread_mutex_unlock(&worker.lock);
	return !worker_stopping();
}

/* Load the statistics copy now, so that the first request for figures
 * does not wait for it. */
static void warm_cache(void)
{
	struct stats_cache_info info;
	struct timespec t0, t1;
	struct error err;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (stats_cache_refresh(worker.app->stats, worker.app->store, &err)) {
		log_error("stats", "loading the statistics copy failed: %s", err.message_en);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	stats_cache_info(worker.app->stats, &info);
	log_info("stats", "statistics copy ready: %zu cases, %zu calls, %zu MB, in %.2f s",
		 info.cases, info.calls, info.bytes >> 20,
		 (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
}

static void *run_worker(void *arg)
{
	(void)arg;
	warm_cache();
	if (!wait_for(FIRST_CHECK_DELAY))
		return NULL;
	do
		check_month();
	while (wait_for(CHECK_INTERVAL));
	return NULL;
}

int stats_delivery_start(struct app *app, struct error *err)
{
	worker.app = app;
	worker.stopping = false;
	if (pthread_create(&worker.thread, NULL, run_worker, NULL))
		return error_set(err, RC_INTERNAL, "thread", NULL,
				 "No se pudo iniciar el envío mensual de informes.",
				 "Could not start the monthly report delivery.");
	worker.running = true;
	return RC_OK;
}

void stats_delivery_stop(struct app *app)
{
	(void)app;
	if (!worker.running)
		return;
	pthread_mutex_lock(&worker.lock);
	worker.stopping = true;
	pthread_cond_signal(&worker.cond);
	pthread_mutex_unlock(&worker.lock);
	pthread_join(worker.thread, NULL);
	worker.running = false;
}
