/* app.c - setting up and tearing down the shared state (see app.h). */
#include "core/common.h"
#include "app/app.h"
#include "auth/auth.h"
#include "outbox/outbox.h"
#include "stats/stats.h"
#include "app/search_sync.h"

int app_open(struct app *app, struct config *cfg, struct error *err)
{
	long value;
	int rc;

	memset(app, 0, sizeof(*app));
	app->cfg = cfg;
	app->lang = lang_from_env();

	rc = config_get_long(cfg, "max_body", 1024, 64L * 1024 * 1024, &value, err);
	if (rc)
		return rc;
	app->max_body = value;
	rc = config_get_long(cfg, "stale_months", 1, 120, &value, err);
	if (rc)
		return rc;
	app->stale_months = value;

	rc = store_open(config_get(cfg, "data"), &app->store, err);
	if (rc)
		return rc;
	rc = auth_open(app, err);
	if (rc)
		return rc;
	app->stats = stats_cache_new();
	rc = outbox_open(app, err);
	if (rc)
		return rc;
	return RC_OK;
}

void app_close(struct app *app)
{
	auth_close(app);
	outbox_close(app);
	stats_cache_free(app->stats);
	app->stats = NULL;
	search_sync_close(app);
	store_close(app->store);
	app->store = NULL;
}

void app_kb_changed(struct app *app, const char *kind, long long id)
{
	search_sync_changed(app, kind, id);
}
