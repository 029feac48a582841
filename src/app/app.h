/*
 * app.h - the state one running linea311 shares between its threads.
 *
 * serve builds one struct app and hands it to every request; the command
 * line builds one for each command. Each subsystem keeps its own member
 * here and is set up and torn down by app_open/app_close.
 */
#ifndef LINEA311_APP_H
#define LINEA311_APP_H

#include "core/config.h"
#include "store/store.h"

struct search_index;
struct auth_settings;
struct stats_cache;
struct outbox;

struct app {
	struct config *cfg;
	struct store *store;
	enum lang lang;                /* language of command-line output */
	struct search_index *search;   /* NULL until the search module builds it */
	long long max_body;            /* bytes */
	long long stale_months;
	struct auth_settings *auth;    /* sessions and log-in limits, auth/auth.h */
	struct stats_cache *stats;     /* statistics engine's copy (stats/) */
	struct outbox *outbox;         /* email and fax, outbox/outbox.h */
};

/* Open the store of cfg's data directory and set up every subsystem. */
int app_open(struct app *app, struct config *cfg, struct error *err);
void app_close(struct app *app);

/*
 * Tell the subsystems that keep derived state (the search index, caches)
 * that a service, agency or office changed; called by handlers after the
 * write committed, so that the next read sees it. kind is "service",
 * "agency" or "office".
 */
void app_kb_changed(struct app *app, const char *kind, long long id);

#endif
