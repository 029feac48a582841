/* cmd_init.c - `linea311 init`: create the data directory and its store. */
#include "core/common.h"
#include "app/kb_import.h"
#include "auth/account.h"
#include "auth/password.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/user.h"

#include <sodium.h>

/*
 * Create the first administrator, "admin", when the store has no account.
 * The password comes from LINEA311_ADMIN_PASSWORD (for unattended
 * installs) or is generated and printed once; only its Argon2id hash is
 * stored.
 */
static int create_first_admin(struct app *app, struct error *err)
{
	const char *env_password = getenv("LINEA311_ADMIN_PASSWORD");
	char generated[32];
	struct audit_who who;
	json_t *body, *user = NULL;
	long long count, id;
	int rc;

	rc = store_user_count(app->store, &count, err);
	if (rc || count)
		return rc;
	if (!env_password || !*env_password)
		password_generate(generated, sizeof(generated));
	body = json_pack("{ssssss}", "username", "admin", "role", "admin",
			 "name", TR(app->lang, "Administrador", "Administrator"));
	rc = account_validate(body, NULL, &user, err);
	json_decref(body);
	if (!rc) {
		audit_who_from_cli(&who, "init");
		rc = account_create(app, user, env_password && *env_password ? env_password : generated,
				    &who, &id, err);
	}
	json_decref(user);
	if (rc) {
		if (env_password && *env_password && !strcmp(err->field, "password"))
			error_prefix(err, "LINEA311_ADMIN_PASSWORD: ", "LINEA311_ADMIN_PASSWORD: ");
		return rc;
	}
	if (env_password && *env_password) {
		printf("%s\n", TR(app->lang,
			"Cuenta de administrador creada: usuario «admin», con la contraseña de LINEA311_ADMIN_PASSWORD.",
			"Administrator account created: user \"admin\", with the password in LINEA311_ADMIN_PASSWORD."));
	} else {
		printf(TR(app->lang,
			  "Cuenta de administrador creada: usuario «admin», contraseña %s\n"
			  "Guárdela ahora: no se volverá a mostrar.\n",
			  "Administrator account created: user \"admin\", password %s\n"
			  "Keep it now: it will not be shown again.\n"), generated);
		sodium_memzero(generated, sizeof(generated));
	}
	printf("%s\n", TR(app->lang,
		"Inicie sesión en la aplicación web o con POST /api/v1/session y cambie la contraseña (POST /api/v1/session/password).",
		"Log in on the web application or with POST /api/v1/session, then change the password (POST /api/v1/session/password)."));
	return RC_OK;
}

static const struct cli_flag flags[] = {
	{ "bundled", false, "carga el contenido real incluido: agencias, municipios y la plantilla del 3-1-1",
	  "load the bundled real content: agencies, municipios and the 3-1-1 template" },
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

int cmd_init(int argc, char **argv)
{
	enum lang lang = lang_from_env();
	struct config cfg;
	struct cli_args args;
	struct app app;
	struct error err;
	json_t *report = NULL;
	int rc;

	rc = cli_setup(argc, argv, flags, &cfg, &args);
	if (rc)
		return rc;
	if (cli_given(&args, flags, "help")) {
		cli_print_usage("Uso: linea311 init [--data DIR] [--bundled]",
				"Usage: linea311 init [--data DIR] [--bundled]", flags);
		config_release(&cfg);
		return 0;
	}
	if (args.count) {
		fprintf(stderr, "%s\n", TR(lang, "linea311: init no lleva argumentos; vea «linea311 help init».",
					   "linea311: init takes no arguments; see \"linea311 help init\"."));
		config_release(&cfg);
		return 2;
	}
	if (app_open(&app, &cfg, &err)) {
		cli_print_error(&err);
		config_release(&cfg);
		return 1;
	}
	printf(TR(lang, "Directorio de datos listo: %s (esquema %d)\n",
		  "Data directory ready: %s (schema %d)\n"),
	       config_get(&cfg, "data"), store_schema_version(app.store));
	if (create_first_admin(&app, &err)) {
		cli_print_error(&err);
		app_close(&app);
		config_release(&cfg);
		return 1;
	}
	if (cli_given(&args, flags, "bundled")) {
		if (kb_load_bundled(&app, &report, &err)) {
			cli_print_error(&err);
			rc = 1;
		} else {
			json_t *agencies = json_object_get(report, "agencies");
			json_t *unplaced = json_object_get(json_object_get(report, "template"), "unplaced");

			printf(TR(lang, "Agencias: %lld nuevas, %lld actualizadas; municipios nuevos: %lld.\n",
				  "Agencies: %lld created, %lld updated; new municipios: %lld.\n"),
			       (long long)json_integer_value(json_object_get(agencies, "created")),
			       (long long)json_integer_value(json_object_get(agencies, "updated")),
			       (long long)json_integer_value(json_object_get(report, "municipios")));
			if (json_integer_value(json_object_get(report, "service_id")))
				printf(TR(lang, "Plantilla del 3-1-1 publicada como el servicio %lld (%zu líneas sin ubicar).\n",
					  "3-1-1 template published as service %lld (%zu unplaced lines).\n"),
				       (long long)json_integer_value(json_object_get(report, "service_id")),
				       json_array_size(unplaced));
			else
				printf("%s\n", TR(lang, "La plantilla del 3-1-1 ya estaba cargada.",
						  "The 3-1-1 template was already loaded."));
			json_decref(report);
		}
	}
	app_close(&app);
	config_release(&cfg);
	return rc;
}
