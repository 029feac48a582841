/*
 * group_commit.c - the committer thread that shares one transaction among
 * the writers waiting for it (see store/group_commit.h).
 */
#include "core/common.h"
#include "core/log.h"
#include "store/group_commit.h"
#include "store/sqlite/db.h"

#include <pthread.h>
#include <semaphore.h>
#include <unistd.h>

struct job {
	store_job_fn fn;
	void *ctx;
	struct error *err;
	int rc;
	sem_t ready; /* posted once the job's transaction has ended */
	struct job *next;
};

/* The committer of this process. The lock guards every member. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t queued;	 /* the committer waits for jobs */
	struct job *head;
	struct job *tail;
	struct store *store;
	bool running;
	bool stopping;
	unsigned max_batch;
	pthread_t thread;
} group = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.queued = PTHREAD_COND_INITIALIZER,
};

static void fail_job(struct job *job, int rc, const struct error *err)
{
	job->rc = rc;
	if (job->err && err)
		*job->err = *err;
}

/*
 * Run one job inside its own savepoint. Returns false when SQLite rolled
 * back the whole transaction on the job's failure (an I/O or memory
 * error does that), which loses the jobs before it as well.
 */
static bool run_job(struct store *store, sqlite3 *db, struct job *job)
{
	struct error err;

	if (db_exec(store, "SAVEPOINT job", &err)) {
		fail_job(job, RC_STORE, &err);
		return !sqlite3_get_autocommit(db);
	}
	job->rc = job->fn(store, job->ctx, job->err);
	if (sqlite3_get_autocommit(db))
		return false;
	if (job->rc && db_exec(store, "ROLLBACK TO job", &err))
		return false;
	if (db_exec(store, "RELEASE job", &err))
		return false;
	return true;
}

/* Run a batch of jobs (linked through next) in as few transactions as
 * the failures allow, and commit. */
static void run_batch(struct store *store, struct job *batch)
{
	sqlite3 *db = db_conn(store, NULL);
	struct job *first = batch;
	struct error err;
	int rc;

	while (first) {
		struct job *job = first, *stop = NULL;
		bool any_ok = false;

		rc = store_begin(store, &err);
		if (rc) {
			for (; job; job = job->next)
				fail_job(job, rc, &err);
			return;
		}
		for (; job; job = job->next) {
			if (run_job(store, db, job)) {
				any_ok |= job->rc == RC_OK;
				continue;
			}
			/* The transaction is gone: the jobs already run in it
			 * lose their work, and the rest start a new one. */
			store_rollback(store);
			error_set(&err, RC_STORE, "store_error", NULL,
				  "Error de la base de datos al guardar. Intente "
				  "de nuevo.",
				  "Database error while saving. Try again.");
			for (struct job *lost = first; lost != job->next;
			     lost = lost->next) {
				if (lost->rc == RC_OK || lost == job)
					fail_job(lost, RC_STORE, &err);
			}
			log_error("store", "group commit: a job's failure rolled "
					   "back its batch");
			stop = job->next;
			break;
		}
		if (!job) {
			if (any_ok) {
				rc = store_commit(store, &err);
			} else {
				store_rollback(store);
				rc = RC_OK;
			}
			for (job = first; rc && job; job = job->next) {
				if (job->rc == RC_OK)
					fail_job(job, rc, &err);
			}
		}
		first = stop;
	}
}

/*
 * Busy handler of the committer's connection. The handler that
 * sqlite3_busy_timeout installs sleeps between attempts, for longer the
 * longer it waits, and every writer of the batch waits with the
 * committer. So the committer retries every 200 microseconds instead, for
 * at most about 10 seconds (the busy timeout of the other connections).
 */
static int committer_busy(void *arg, int attempts)
{
	(void)arg;
	if (attempts >= 50000)
		return 0;
	usleep(attempts < 10 ? 50 : 200);
	return 1;
}

static void *committer_main(void *arg)
{
	sqlite3 *db = db_conn(group.store, NULL);

	(void)arg;
	if (db)
		sqlite3_busy_handler(db, committer_busy, NULL);
	pthread_mutex_lock(&group.lock);
	for (;;) {
		struct job *batch, *last;
		unsigned count = 1;

		while (!group.head && !group.stopping)
			pthread_cond_wait(&group.queued, &group.lock);
		if (!group.head)
			break;

		batch = last = group.head;
		while (last->next && count < group.max_batch) {
			last = last->next;
			count++;
		}
		group.head = last->next;
		if (!group.head)
			group.tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&group.lock);

		run_batch(group.store, batch);

		/* Wake each writer of the batch alone: a broadcast would also
		 * wake every writer still queued for a later batch. A job lives
		 * on its writer's stack, so its link is read before the post. */
		for (struct job *job = batch, *next; job; job = next) {
			next = job->next;
			sem_post(&job->ready);
		}
		pthread_mutex_lock(&group.lock);
	}
	pthread_mutex_unlock(&group.lock);
	return NULL;
}

int store_group_start(struct store *store, unsigned max_batch,
		      struct error *err)
{
	int rc;

	pthread_mutex_lock(&group.lock);
	BUG_ON(group.running);
	group.store = store;
	group.max_batch = max_batch ? max_batch : 1;
	group.stopping = false;
	rc = pthread_create(&group.thread, NULL, committer_main, NULL);
	group.running = rc == 0;
	pthread_mutex_unlock(&group.lock);
	if (rc)
		return error_set(err, RC_INTERNAL, "thread_failed", NULL,
				 "No se pudo iniciar el hilo de escritura: %s.",
				 "Could not start the writer thread: %s.",
				 strerror(rc));
	return RC_OK;
}

void store_group_stop(struct store *store)
{
	pthread_mutex_lock(&group.lock);
	if (!group.running || group.store != store) {
		pthread_mutex_unlock(&group.lock);
		return;
	}
	group.stopping = true;
	pthread_cond_signal(&group.queued);
	pthread_mutex_unlock(&group.lock);

	pthread_join(group.thread, NULL);

	pthread_mutex_lock(&group.lock);
	group.running = false;
	group.store = NULL;
	pthread_mutex_unlock(&group.lock);
}

bool store_group_running(struct store *store)
{
	bool running;

	pthread_mutex_lock(&group.lock);
	running = group.running && !group.stopping && group.store == store;
	pthread_mutex_unlock(&group.lock);
	return running;
}

/* Run job in a transaction of the calling thread. */
static int run_alone(struct store *store, store_job_fn fn, void *ctx,
		     struct error *err)
{
	int rc = store_begin(store, err);

	if (rc)
		return rc;
	rc = fn(store, ctx, err);
	if (rc) {
		store_rollback(store);
		return rc;
	}
	return store_commit(store, err);
}

int store_group_run(struct store *store, store_job_fn fn, void *ctx,
		    struct error *err)
{
	struct job job = { .fn = fn, .ctx = ctx, .err = err };

	pthread_mutex_lock(&group.lock);
	if (!group.running || group.stopping || group.store != store) {
		pthread_mutex_unlock(&group.lock);
		return run_alone(store, fn, ctx, err);
	}
	BUG_ON(pthread_equal(pthread_self(), group.thread));
	sem_init(&job.ready, 0, 0);
	if (group.tail)
		group.tail->next = &job;
	else
		group.head = &job;
	group.tail = &job;
	pthread_cond_signal(&group.queued);
	pthread_mutex_unlock(&group.lock);

	while (sem_wait(&job.ready) && errno == EINTR)
		;
	sem_destroy(&job.ready);
	return job.rc;
}
