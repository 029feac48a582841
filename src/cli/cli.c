/* cli.c - command-line parsing shared by the subcommands (see cli.h). */
#include "core/common.h"
#include "cli/cli.h"
#include "core/strbuf.h"

void cli_print_error(const struct error *err)
{
	fprintf(stderr, "linea311: %s\n", error_message(err, lang_from_env()));
}

void cli_print_usage(const char *usage_es, const char *usage_en,
		     const struct cli_flag *flags)
{
	enum lang lang = lang_from_env();

	printf("%s\n", TR(lang, usage_es, usage_en));
	if (flags && flags[0].name) {
		printf("\n%s\n", TR(lang, "Opciones:", "Options:"));
		for (const struct cli_flag *f = flags; f->name; f++)
			printf("  --%-20s %s\n", f->name, TR(lang, f->help_es, f->help_en));
	}
	printf("\n%s\n", TR(lang, "Opciones comunes:", "Common options:"));
	for (size_t i = 0; i < config_key_count; i++) {
		char flag[40];

		snprintf(flag, sizeof(flag), "%s %s", config_keys[i].flag,
			 TR(lang, "VALOR", "VALUE"));
		printf("  --%-20s %s [%s]\n", flag,
		       TR(lang, config_keys[i].help_es, config_keys[i].help_en),
		       config_keys[i].env);
	}
}

static int usage_error(const char *fmt_es, const char *fmt_en, const char *arg)
{
	enum lang lang = lang_from_env();

	fputs("linea311: ", stderr);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	fprintf(stderr, TR(lang, fmt_es, fmt_en), arg);
#pragma GCC diagnostic pop
	fputc('\n', stderr);
	return 2;
}

static int setup(int argc, char **argv, const struct cli_flag *flags,
		 struct config *cfg, struct cli_args *args)
{
	const char *overlay[64] = { 0 };
	const char *config_path, *data;
	struct error err;
	char path[4096];
	int i;

	BUG_ON(config_key_count > ARRAY_SIZE(overlay));
	BUG_ON(strcmp(config_keys[0].name, "config") || strcmp(config_keys[1].name, "data"));
	memset(args, 0, sizeof(*args));
	config_init(cfg);

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *value = NULL;
		char name[64];
		const char *eq;
		const struct config_key *key;
		long f = -1;

		if (!strcmp(arg, "--")) {
			for (i++; i < argc && args->count < CLI_MAX_POSITIONAL; i++)
				args->positional[args->count++] = argv[i];
			break;
		}
		if (strncmp(arg, "--", 2) || !arg[2]) {
			if (args->count >= CLI_MAX_POSITIONAL)
				return usage_error("demasiados argumentos: %s", "too many arguments: %s", arg);
			args->positional[args->count++] = arg;
			continue;
		}
		eq = strchr(arg, '=');
		snprintf(name, sizeof(name), "%.*s", (int)(eq ? eq - arg - 2 : (long)strlen(arg) - 2), arg + 2);
		for (long k = 0; flags && flags[k].name; k++)
			if (!strcmp(flags[k].name, name))
				f = k;
		key = f < 0 ? config_key_by_flag(name) : NULL;
		if (f < 0 && !key)
			return usage_error("la opción --%s no existe; vea «linea311 help»",
					   "unknown option --%s; see \"linea311 help\"", name);
		if (f >= 0 && !flags[f].takes_value) {
			if (eq)
				return usage_error("la opción --%s no lleva valor", "option --%s takes no value", name);
			args->set[f] = true;
			continue;
		}
		if (eq)
			value = eq + 1;
		else if (i + 1 < argc)
			value = argv[++i];
		else
			return usage_error("falta el valor de la opción --%s", "option --%s needs a value", name);
		if (f >= 0) {
			args->set[f] = true;
			args->values[f] = value;
		} else {
			overlay[key - config_keys] = value;
		}
	}

	/* The file comes from --config, or else from the data directory. */
	config_path = overlay[0] ? overlay[0] : getenv("LINEA311_CONFIG");
	data = overlay[1] ? overlay[1] : getenv("LINEA311_DATA");
	if (!data || !*data)
		data = config_get(cfg, "data");
	if (!config_path || !*config_path) {
		snprintf(path, sizeof(path), "%s/linea311.conf", data);
		config_path = path;
		if (config_load_file(cfg, config_path, false, &err)) {
			cli_print_error(&err);
			return 2;
		}
	} else if (config_load_file(cfg, config_path, true, &err)) {
		cli_print_error(&err);
		return 2;
	}
	config_load_env(cfg);
	for (size_t k = 0; k < config_key_count; k++)
		if (overlay[k])
			config_set(cfg, config_keys[k].name, overlay[k], NULL);
	return 0;
}

int cli_setup(int argc, char **argv, const struct cli_flag *flags,
	      struct config *cfg, struct cli_args *args)
{
	int rc = setup(argc, argv, flags, cfg, args);

	if (rc)
		config_release(cfg);
	return rc;
}

const char *cli_value(const struct cli_args *args, const struct cli_flag *flags,
		      const char *name)
{
	for (size_t k = 0; flags[k].name; k++)
		if (!strcmp(flags[k].name, name))
			return args->values[k];
	BUG("unknown flag name");
	return NULL;
}

bool cli_given(const struct cli_args *args, const struct cli_flag *flags,
	       const char *name)
{
	for (size_t k = 0; flags[k].name; k++)
		if (!strcmp(flags[k].name, name))
			return args->set[k];
	BUG("unknown flag name");
	return false;
}

int cli_read_file(const char *path, char **data, size_t *len, struct error *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;

	if (!f)
		return error_set(err, RC_IO, "file_unreadable", "file",
				 "No se pudo abrir %s: %s.", "Could not open %s: %s.",
				 path, strerror(errno));
	strbuf_init(&sb, 512UL * 1024 * 1024);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (strbuf_add(&sb, buf, n)) {
			if (f != stdin)
				fclose(f);
			strbuf_release(&sb);
			return error_set(err, RC_TOO_LARGE, "file_too_large", "file",
					 "El archivo %s es demasiado grande (máximo 512 MiB).",
					 "The file %s is too large (maximum 512 MiB).", path);
		}
	}
	if (ferror(f)) {
		int e = errno;

		if (f != stdin)
			fclose(f);
		strbuf_release(&sb);
		return error_set(err, RC_IO, "file_unreadable", "file",
				 "Error al leer %s: %s.", "Error reading %s: %s.",
				 path, strerror(e));
	}
	if (f != stdin)
		fclose(f);
	*data = strbuf_detach(&sb, len);
	return RC_OK;
}
