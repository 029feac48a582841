/*
 * group_commit.h - one durable commit for many writers.
 *
 * With synchronous=FULL every commit waits for the disk, so a server that
 * gives each request its own transaction commits at most as often as the
 * disk syncs. With group commit running, a writer hands its work to a
 * committer thread. That thread runs every job that is waiting in one
 * transaction, each inside its own savepoint, commits once, and then wakes
 * the writers. A job that fails rolls back its savepoint alone, and every
 * writer returns only after the commit that made its work durable, or
 * with the error that lost it.
 *
 * One store at a time may run a committer in a process.
 */
#ifndef LINEA311_STORE_GROUP_COMMIT_H
#define LINEA311_STORE_GROUP_COMMIT_H

#include "store/store.h"

/* A unit of work: the store_* writes of one request. It runs on the
 * committer's thread and connection, inside a transaction. */
typedef int (*store_job_fn)(struct store *store, void *ctx,
			    struct error *err);

/* Start the committer thread for store; max_batch caps the jobs of one
 * transaction. */
int store_group_start(struct store *store, unsigned max_batch,
		      struct error *err);

/* Let the committer finish the jobs queued and stop its thread. */
void store_group_stop(struct store *store);

/* Return true while a committer runs for store. */
bool store_group_running(struct store *store);

/*
 * Run job in a write transaction and return once that transaction has
 * committed or failed. With a committer running for store the transaction
 * may be shared; otherwise the calling thread runs its own. The return
 * value and err are those of job, or of the commit.
 */
int store_group_run(struct store *store, store_job_fn job, void *ctx,
		    struct error *err);

#endif
