/*
 * cmd_audit.c - `linea311 audit`: check and read the audit trail.
 *
 *   audit verify [--anchor SEQ:HASH] [--json]
 *   audit list [--actor NAME] [--kind KIND] [--object-type T] [--limit N] [--json]
 *
 * verify exits 0 when the hash chain is intact and 1 naming the first
 * removed or altered entry. It prints the head (last entry and hash);
 * keeping that line elsewhere and passing it back with --anchor detects
 * a rewritten or cut tail as well.
 */
#include "core/common.h"
#include "app/app.h"
#include "auth/verify.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/audit.h"

static const struct cli_flag flags[] = {
	{ "anchor", true, "entrada y hash guardados de una verificación anterior, SEQ:HASH",
	  "entry and hash kept from an earlier verification, SEQ:HASH" },
	{ "actor", true, "solo las entradas de este usuario", "only the entries of this user" },
	{ "kind", true, "solo las entradas de este tipo (change, read, login...)",
	  "only the entries of this kind (change, read, login...)" },
	{ "object-type", true, "solo las entradas sobre este recurso (cases, citizens...)",
	  "only the entries about this resource (cases, citizens...)" },
	{ "limit", true, "número máximo de entradas (por omisión 50, máximo 500)",
	  "maximum number of entries (default 50, at most 500)" },
	{ "json", false, "escribe JSON", "write JSON" },
	{ "help", false, "muestra esta ayuda", "print this help" },
	{ NULL, false, NULL, NULL },
};

static int parse_anchor(const char *text, long long *seq, char *hash,
			struct error *err)
{
	const char *colon = text ? strchr(text, ':') : NULL;
	char *end;

	*seq = 0;
	if (!text)
		return RC_OK;
	if (colon) {
		*seq = strtoll(text, &end, 10);
		if (end != colon)
			*seq = 0;
	}
	if (*seq < 1 || strlen(colon + 1) != AUDIT_HASH_SIZE - 1)
		return error_set(err, RC_INVALID, "invalid_option", "anchor",
				 "--anchor debe ser SEQ:HASH tal como lo imprimió «audit verify».",
				 "--anchor must be SEQ:HASH as \"audit verify\" printed it.");
	snprintf(hash, AUDIT_HASH_SIZE, "%s", colon + 1);
	return RC_OK;
}

static int audit_verify_command(struct app *app, const struct cli_args *args,
				struct error *err)
{
	enum lang lang = app->lang;
	struct audit_report r;
	char anchor_hash[AUDIT_HASH_SIZE] = "";
	long long anchor_seq;
	int rc;

	rc = parse_anchor(cli_value(args, flags, "anchor"), &anchor_seq, anchor_hash, err);
	if (!rc)
		rc = audit_verify(app->store, anchor_seq, anchor_hash, &r, err);
	if (rc)
		return rc;
	if (cli_given(args, flags, "json")) {
		json_t *out = json_pack("{sbsIsIsssI}", "intact", r.fault == AUDIT_FAULT_NONE,
					"entries", (json_int_t)r.entries,
					"head_seq", (json_int_t)r.head_seq,
					"head_hash", r.head_hash, "pending", (json_int_t)r.pending);

		if (r.fault)
			json_object_set_new(out, "first_bad", json_pack("{sIss}",
				"seq", (json_int_t)r.bad_seq,
				"message", audit_fault_text(r.fault, lang == LANG_EN)));
		json_dumpf(out, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(out);
	} else if (r.fault == AUDIT_FAULT_NONE) {
		printf(TR(lang, "Bitácora de auditoría íntegra: %lld entradas.\n",
			  "Audit trail intact: %lld entries.\n"), r.entries);
		printf(TR(lang, "Cabeza: %lld:%s\n", "Head: %lld:%s\n"), r.head_seq, r.head_hash);
		if (r.pending)
			printf(TR(lang, "Cambios en curso o interrumpidos sin registrar aún: %lld.\n",
				  "Changes in flight or interrupted, not recorded yet: %lld.\n"),
			       r.pending);
	}
	if (r.fault != AUDIT_FAULT_NONE) {
		fprintf(stderr, TR(lang,
			"linea311: la bitácora de auditoría está dañada en la entrada %lld: %s. Las %lld entradas anteriores están íntegras.\n",
			"linea311: the audit trail is broken at entry %lld: %s. The %lld entries before it are intact.\n"),
			r.bad_seq, audit_fault_text(r.fault, lang == LANG_EN), r.entries);
		return -1;
	}
	return RC_OK;
}

static int audit_list_command(struct app *app, const struct cli_args *args,
			      struct error *err)
{
	struct audit_filter f = {
		.actor = cli_value(args, flags, "actor"),
		.kind = cli_value(args, flags, "kind"),
		.object_type = cli_value(args, flags, "object-type"),
	};
	struct page page = { .limit = 50, .offset = 0 };
	const char *limit = cli_value(args, flags, "limit");
	json_t *out, *e;
	size_t i;
	int rc;

	if (limit) {
		char *end;

		page.limit = strtoll(limit, &end, 10);
		if (*end || page.limit < 1 || page.limit > 500)
			return error_set(err, RC_INVALID, "invalid_option", "limit",
					 "--limit debe ser un número entre 1 y 500.",
					 "--limit must be a number between 1 and 500.");
	}
	rc = store_audit_list(app->store, &f, &page, &out, err);
	if (rc)
		return rc;
	if (cli_given(args, flags, "json")) {
		json_dumpf(json_object_get(out, "items"), stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		json_array_foreach(json_object_get(out, "items"), i, e) {
			const char *route = json_string_value(json_object_get(e, "route"));
			const char *object = json_string_value(json_object_get(e, "object_id"));

			printf("%6lld %s %-16s %-20s %-15s %s %s%s%s\n",
			       (long long)json_integer_value(json_object_get(e, "seq")),
			       json_string_value(json_object_get(e, "at")),
			       json_string_value(json_object_get(e, "kind")),
			       json_string_value(json_object_get(e, "actor")),
			       json_string_value(json_object_get(e, "address")),
			       json_is_string(json_object_get(e, "method")) ?
				       json_string_value(json_object_get(e, "method")) : "-",
			       route ? route : "-", object ? " #" : "", object ? object : "");
		}
	}
	json_decref(out);
	return RC_OK;
}

int cmd_audit(int argc, char **argv)
{
	enum lang lang = lang_from_env();
	struct config cfg;
	struct cli_args args;
	struct app app;
	struct error err;
	int rc;

	rc = cli_setup(argc, argv, flags, &cfg, &args);
	if (rc)
		return rc;
	if (cli_given(&args, flags, "help")) {
		cli_print_usage("Uso: linea311 audit verify [--anchor SEQ:HASH] [--json]\n"
				"     linea311 audit list [--actor USUARIO] [--kind TIPO] [--object-type RECURSO] [--limit N] [--json]",
				"Usage: linea311 audit verify [--anchor SEQ:HASH] [--json]\n"
				"       linea311 audit list [--actor USER] [--kind KIND] [--object-type RESOURCE] [--limit N] [--json]",
				flags);
		config_release(&cfg);
		return 0;
	}
	if (args.count != 1 || (strcmp(args.positional[0], "verify") &&
				strcmp(args.positional[0], "list"))) {
		fprintf(stderr, "%s\n", TR(lang, "linea311: use «audit verify» o «audit list»; vea «linea311 audit --help».",
					   "linea311: use \"audit verify\" or \"audit list\"; see \"linea311 audit --help\"."));
		config_release(&cfg);
		return 2;
	}
	if (app_open(&app, &cfg, &err)) {
		cli_print_error(&err);
		config_release(&cfg);
		return 1;
	}
	if (!strcmp(args.positional[0], "verify"))
		rc = audit_verify_command(&app, &args, &err);
	else
		rc = audit_list_command(&app, &args, &err);
	if (rc > 0)
		cli_print_error(&err);
	app_close(&app);
	config_release(&cfg);
	return rc ? 1 : 0;
}
