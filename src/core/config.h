/*
 * config.h - settings of linea311.
 *
 * Every setting is defined once, in the table of config.c, with its
 * command-line flag, environment variable, default and help text; the
 * help output and docs/configuration.md come from that table. Precedence:
 * a flag overrides the environment, which overrides the configuration
 * file, which overrides the default. The file is the one given by
 * --config (LINEA311_CONFIG) or, when that is unset, DATA/linea311.conf if
 * it exists; it holds "key = value" lines and "#" comments.
 */
#ifndef LINEA311_CONFIG_H
#define LINEA311_CONFIG_H

#include "core/error.h"

struct config_key {
	const char *name;    /* key in the file: "listen" */
	const char *flag;    /* command-line flag without dashes: "listen" */
	const char *env;     /* environment variable: "LINEA311_LISTEN" */
	const char *def;     /* default value, NULL for unset */
	const char *help_es;
	const char *help_en;
};

extern const struct config_key config_keys[];
extern const size_t config_key_count;

struct config {
	char **values; /* one per entry of config_keys, NULL when unset */
};

/* Set every key to its default. */
void config_init(struct config *cfg);
void config_release(struct config *cfg);

/* Return the key whose flag is flag, or NULL. */
const struct config_key *config_key_by_flag(const char *flag);

/* Set key name to value; RC_INVALID for an unknown key. */
int config_set(struct config *cfg, const char *name, const char *value,
	       struct error *err);

/* Read a configuration file; a missing file is an error only when
 * required. Errors name the file and line. */
int config_load_file(struct config *cfg, const char *path, bool required,
		     struct error *err);

/* Apply every LINEA311_* variable that is set. */
void config_load_env(struct config *cfg);

/* Return the value of key name, or NULL when unset. */
const char *config_get(const struct config *cfg, const char *name);

/* Parse key name as an integer between min and max. */
int config_get_long(const struct config *cfg, const char *name, long min,
		    long max, long *out, struct error *err);

/* Return true for "1", "true", "yes", "on" (any case). */
bool config_get_bool(const struct config *cfg, const char *name);

#endif
