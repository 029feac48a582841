/*
 * sender.h - the worker that delivers the outbox.
 *
 * At start it settles the messages that a stopped or crashed server left
 * in "sending" (see store_outbox_recover), then claims due messages one
 * at a time and delivers each over SMTP with libcurl, or runs the fax
 * command. It sleeps until the next message is due, at most one second,
 * or until outbox_wake. Stopping lets a message whose data has been
 * handed over finish (within smtp_timeout), and interrupts one that has
 * not, which goes back to the queue.
 */
#ifndef LINEA311_OUTBOX_SENDER_H
#define LINEA311_OUTBOX_SENDER_H

#include "app/app.h"

/* Start the worker (struct worker in app/workers.c). Without an SMTP
 * server and a fax command, or with outbox_send off, it only recovers
 * and starts no thread. */
int outbox_sender_start(struct app *app, struct error *err);
void outbox_sender_stop(struct app *app);

#endif
