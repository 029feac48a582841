/*
 * cmd_user.c - `linea311 user`: accounts on the command line.
 *
 *   user add USERNAME --role ROLE [--agency ID] [--office ID] [--name NAME]
 *            [--password-stdin]
 *   user list [--role ROLE] [--json]
 *   user disable USERNAME | user enable USERNAME
 *   user reset-password USERNAME [--password-stdin]
 *   user permissions [--json]       the authorization table
 *
 * Without --password-stdin, add and reset-password generate a password
 * and print it once. Every change is written to the audit trail with the
 * actor "cli:LOGIN".
 */
#include "core/common.h"
#include "app/kb_import.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "auth/password.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "http/router.h"
#include "store/user.h"

#include <sodium.h>

static const struct cli_flag flags[] = {
	{ "role", true, "rol: operator, supervisor, content_manager, coordinator, liaison o admin",
	  "role: operator, supervisor, content_manager, coordinator, liaison or admin" },
	{ "agency", true, "agencia de un enlace: id o siglas", "a liaison's agency: id or acronym" },
	{ "office", true, "oficina de un enlace regional (id)", "a regional liaison's office (id)" },
	{ "name", true, "nombre de la persona", "the person's name" },
	{ "password-stdin", false, "lee la contraseña de la primera línea de la entrada estándar",
	  "read the password from the first line of standard input" },
	{ "json", false, "escribe JSON", "write JSON" },
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

static const char usage_es[] =
	"Uso: linea311 user add USUARIO --role ROL [--agency ID] [--office ID] [--name NOMBRE] [--password-stdin]\n"
	"     linea311 user list [--role ROL] [--json]\n"
	"     linea311 user disable USUARIO | linea311 user enable USUARIO\n"
	"     linea311 user reset-password USUARIO [--password-stdin]\n"
	"     linea311 user permissions [--json]\n"
	"Sin --password-stdin se genera una contraseña y se muestra una sola vez.";
static const char usage_en[] =
	"Usage: linea311 user add USERNAME --role ROLE [--agency ID] [--office ID] [--name NAME] [--password-stdin]\n"
	"       linea311 user list [--role ROLE] [--json]\n"
	"       linea311 user disable USERNAME | linea311 user enable USERNAME\n"
	"       linea311 user reset-password USERNAME [--password-stdin]\n"
	"       linea311 user permissions [--json]\n"
	"Without --password-stdin a password is generated and shown once.";

/* Read the first line of standard input, without its line end. */
static int read_password(char *buf, size_t size, struct error *err)
{
	size_t len;

	if (!fgets(buf, (int)size, stdin))
		return error_set(err, RC_INVALID, "missing_password", "password-stdin",
				 "No se leyó ninguna contraseña de la entrada estándar.",
				 "No password was read from standard input.");
	len = strlen(buf);
	if (len == size - 1 && buf[len - 1] != '\n')
		return error_set(err, RC_INVALID, "too_long", "password-stdin",
				 "La contraseña es demasiado larga: el máximo es %d bytes.",
				 "The password is too long: the maximum is %d bytes.",
				 PASSWORD_MAX_BYTES);
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	return RC_OK;
}

/* Fill password from stdin or with a generated one (*generated true). */
static int obtain_password(const struct cli_args *args, char *password,
			   size_t size, bool *generated, struct error *err)
{
	*generated = !cli_given(args, flags, "password-stdin");
	if (*generated) {
		password_generate(password, size);
		return RC_OK;
	}
	return read_password(password, size, err);
}

static void print_generated(enum lang lang, const char *username, const char *password)
{
	printf(TR(lang, "Contraseña de «%s»: %s\n", "Password of \"%s\": %s\n"),
	       username, password);
	printf("%s\n", TR(lang, "Guárdela ahora: no se volverá a mostrar.",
			  "Keep it now: it will not be shown again."));
}

static int find_user(struct app *app, const char *username, json_t **user,
		     struct error *err)
{
	char folded[USERNAME_MAX + 1];

	snprintf(folded, sizeof(folded), "%s", username);
	account_fold_username(folded);
	return store_user_find(app->store, folded, user, err);
}

static int user_add(struct app *app, const struct cli_args *args, struct error *err)
{
	const char *agency = cli_value(args, flags, "agency");
	const char *office = cli_value(args, flags, "office");
	const char *name = cli_value(args, flags, "name");
	char password[PASSWORD_MAX_BYTES + 2];
	json_t *body, *user = NULL;
	struct audit_who who;
	long long agency_id = 0, office_id = 0, id;
	bool generated;
	int rc;

	if (!cli_value(args, flags, "role"))
		return error_set(err, RC_INVALID, "missing_option", "role",
				 "Indique el rol con --role.", "Give the role with --role.");
	body = json_pack("{ssss}", "username", args->positional[1], "role",
			 cli_value(args, flags, "role"));
	if (name)
		json_object_set_new(body, "name", json_string(name));
	rc = agency ? kb_find_agency(app, agency, &agency_id, err) : RC_OK;
	if (!rc && agency_id)
		json_object_set_new(body, "agency_id", json_integer(agency_id));
	if (!rc && office) {
		char *end;

		office_id = strtoll(office, &end, 10);
		if (*end || office_id < 1)
			rc = error_set(err, RC_INVALID, "invalid_option", "office",
				       "--office debe ser el número de una oficina.",
				       "--office must be an office number.");
		else
			json_object_set_new(body, "office_id", json_integer(office_id));
	}
	if (!rc)
		rc = account_validate(body, NULL, &user, err);
	json_decref(body);
	if (!rc)
		rc = obtain_password(args, password, sizeof(password), &generated, err);
	if (!rc) {
		audit_who_from_cli(&who, "user add");
		rc = account_create(app, user, password, &who, &id, err);
	}
	if (!rc) {
		printf(TR(app->lang, "Usuario «%s» creado (id %lld, rol %s).\n",
			  "User \"%s\" created (id %lld, role %s).\n"),
		       json_string_value(json_object_get(user, "username")), id,
		       json_string_value(json_object_get(user, "role")));
		if (generated)
			print_generated(app->lang, json_string_value(json_object_get(user, "username")),
					password);
	}
	sodium_memzero(password, sizeof(password));
	json_decref(user);
	return rc;
}

static int user_set_active(struct app *app, const char *username, bool active,
			   struct error *err)
{
	json_t *current = NULL, *body, *user = NULL;
	struct audit_who who;
	long long id;
	int rc;

	rc = find_user(app, username, &current, err);
	if (rc)
		return rc;
	id = json_integer_value(json_object_get(current, "id"));
	body = json_pack("{sb}", "active", active);
	rc = account_validate(body, current, &user, err);
	json_decref(body);
	json_decref(current);
	if (!rc) {
		audit_who_from_cli(&who, active ? "user enable" : "user disable");
		rc = account_update(app, id, user, &who, err);
	}
	json_decref(user);
	if (!rc)
		printf(active ? TR(app->lang, "Usuario «%s» activado.\n", "User \"%s\" enabled.\n")
			      : TR(app->lang, "Usuario «%s» desactivado; sus sesiones terminaron.\n",
				   "User \"%s\" disabled; their sessions have ended.\n"),
		       username);
	return rc;
}

static int user_reset_password(struct app *app, const struct cli_args *args,
			       struct error *err)
{
	char password[PASSWORD_MAX_BYTES + 2];
	struct audit_who who;
	json_t *user = NULL;
	bool generated;
	int rc;

	rc = find_user(app, args->positional[1], &user, err);
	if (!rc)
		rc = obtain_password(args, password, sizeof(password), &generated, err);
	if (!rc) {
		audit_who_from_cli(&who, "user reset-password");
		rc = account_set_password(app, json_integer_value(json_object_get(user, "id")),
					  password, 0, "password_reset", &who, err);
	}
	if (!rc) {
		printf(TR(app->lang, "Contraseña de «%s» cambiada; sus sesiones terminaron y se quitó el bloqueo.\n",
			  "Password of \"%s\" changed; their sessions have ended and the lock was cleared.\n"),
		       json_string_value(json_object_get(user, "username")));
		if (generated)
			print_generated(app->lang, json_string_value(json_object_get(user, "username")),
					password);
	}
	sodium_memzero(password, sizeof(password));
	json_decref(user);
	return rc;
}

static int user_list(struct app *app, const struct cli_args *args, struct error *err)
{
	struct user_filter f = { .active = -1, .role = cli_value(args, flags, "role") };
	struct page page = { .limit = 500, .offset = 0 };
	json_t *out, *u;
	size_t i;
	int rc;

	rc = store_user_list(app->store, &f, &page, &out, err);
	if (rc)
		return rc;
	if (cli_given(args, flags, "json")) {
		json_t *items = json_object_get(out, "items");

		json_array_foreach(items, i, u)
			account_decorate(u);
		json_dumpf(items, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(out);
		return RC_OK;
	}
	json_array_foreach(json_object_get(out, "items"), i, u) {
		json_t *agency = json_object_get(u, "agency_id");
		json_t *office = json_object_get(u, "office_id");

		account_decorate(u);
		printf("%-24s %-16s", json_string_value(json_object_get(u, "username")),
		       json_string_value(json_object_get(u, "role")));
		if (json_is_integer(agency))
			printf(TR(app->lang, " agencia %lld", " agency %lld"),
			       (long long)json_integer_value(agency));
		if (json_is_integer(office))
			printf(TR(app->lang, " oficina %lld", " office %lld"),
			       (long long)json_integer_value(office));
		if (json_is_false(json_object_get(u, "active")))
			printf(" %s", TR(app->lang, "[desactivado]", "[disabled]"));
		if (json_is_true(json_object_get(u, "locked")))
			printf(" %s", TR(app->lang, "[bloqueado]", "[locked]"));
		putchar('\n');
	}
	json_decref(out);
	return RC_OK;
}

static json_t *roles_json(unsigned mask)
{
	json_t *list = json_array();

	for (int r = 0; r < ROLE_COUNT; r++)
		if (mask & ROLE_BIT(r))
			json_array_append_new(list, json_string(role_code((enum role)r)));
	return list;
}

/* Print the authorization table for every route of the server, with the
 * rule that applies (admin only for a route that has none). */
static void user_permissions(const struct cli_args *args)
{
	bool json = cli_given(args, flags, "json");
	json_t *out = json_array();

	for (size_t i = 0; i < route_count; i++) {
		const struct authz_rule *rule = authz_find(routes[i].method, routes[i].pattern);
		json_t *row = json_pack("{sssssosb}", "method", routes[i].method,
					"pattern", routes[i].pattern,
					"roles", roles_json(authz_roles(rule)),
					"in_table", rule != NULL);
		json_t *params = json_array();

		for (size_t p = 0; rule && p < AUTHZ_MAX_PARAMS && rule->params[p].name; p++)
			json_array_append_new(params, json_pack("{ssss?so}",
				"name", rule->params[p].name, "values", rule->params[p].values,
				"roles", roles_json(rule->params[p].roles)));
		json_object_set_new(row, "params", params);
		json_object_set_new(row, "personal_data",
				    json_boolean(rule && (rule->flags & AUTHZ_PERSONAL_DATA)));
		json_object_set_new(row, "guarded", json_boolean(rule && rule->guard != AUTHZ_GUARD_NONE));
		json_array_append_new(out, row);
	}
	if (json) {
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		json_t *row;
		size_t i;

		json_array_foreach(out, i, row) {
			json_t *r;
			size_t j;

			printf("%-6s %-45s", json_string_value(json_object_get(row, "method")),
			       json_string_value(json_object_get(row, "pattern")));
			json_array_foreach(json_object_get(row, "roles"), j, r)
				printf("%s%s", j ? "," : " ", json_string_value(r));
			putchar('\n');
		}
	}
	json_decref(out);
}

int cmd_user(int argc, char **argv)
{
	enum lang lang = lang_from_env();
	struct config cfg;
	struct cli_args args;
	struct app app;
	struct error err;
	const char *action;
	size_t want;
	int rc;

	rc = cli_setup(argc, argv, flags, &cfg, &args);
	if (rc)
		return rc;
	if (cli_given(&args, flags, "help") || !args.count) {
		cli_print_usage(usage_es, usage_en, flags);
		config_release(&cfg);
		return args.count || cli_given(&args, flags, "help") ? 0 : 2;
	}
	action = args.positional[0];
	want = !strcmp(action, "list") || !strcmp(action, "permissions") ? 1 : 2;
	if (args.count != want ||
	    (strcmp(action, "add") && strcmp(action, "list") && strcmp(action, "disable") &&
	     strcmp(action, "enable") && strcmp(action, "reset-password") &&
	     strcmp(action, "permissions"))) {
		fprintf(stderr, "%s\n", TR(lang, "linea311: uso incorrecto de «user»; vea «linea311 user --help».",
					   "linea311: wrong use of \"user\"; see \"linea311 user --help\"."));
		config_release(&cfg);
		return 2;
	}
	if (!strcmp(action, "permissions")) {
		user_permissions(&args);
		config_release(&cfg);
		return 0;
	}
	if (app_open(&app, &cfg, &err)) {
		cli_print_error(&err);
		config_release(&cfg);
		return 1;
	}
	if (!strcmp(action, "add"))
		rc = user_add(&app, &args, &err);
	else if (!strcmp(action, "list"))
		rc = user_list(&app, &args, &err);
	else if (!strcmp(action, "reset-password"))
		rc = user_reset_password(&app, &args, &err);
	else
		rc = user_set_active(&app, args.positional[1], !strcmp(action, "enable"), &err);
	if (rc)
		cli_print_error(&err);
	app_close(&app);
	config_release(&cfg);
	return rc ? 1 : 0;
}
