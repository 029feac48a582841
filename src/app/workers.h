/*
 * workers.h - background threads that run beside the web server (the SLA
 * sweep, the outbox sender, ...). serve starts each in table order after
 * the store is open and stops them in reverse order after the last
 * request has finished. A worker owns its thread; stop must return only
 * when the thread has exited.
 */
#ifndef LINEA311_WORKERS_H
#define LINEA311_WORKERS_H

#include "app/app.h"

struct worker {
	const char *name;
	int (*start)(struct app *app, struct error *err);
	void (*stop)(struct app *app);
};

/* Terminated by an entry whose name is NULL. */
extern const struct worker workers[];

#endif
