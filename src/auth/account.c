/* account.c - account validation and changes (see account.h). */
#include "core/common.h"
#include "auth/account.h"
#include "auth/password.h"
#include "core/clock.h"
#include "domain/validate.h"
#include "store/user.h"

#include <ctype.h>
#include <sodium.h>

void account_fold_username(char *username)
{
	for (char *p = username; *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

static int check_username(json_t *user, struct error *err)
{
	json_t *v = json_object_get(user, "username");
	char name[USERNAME_MAX + 1];
	size_t len;
	int rc;

	rc = check_string(user, "username", NULL, true, USERNAME_MAX, err);
	if (rc)
		return rc;
	len = json_string_length(v);
	snprintf(name, sizeof(name), "%s", json_string_value(v));
	account_fold_username(name);
	bool valid = len >= USERNAME_MIN && isalpha((unsigned char)name[0]);
	for (size_t i = 0; valid && i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		valid = islower(c) || isdigit(c) || c == '.' || c == '_' || c == '-';
	}
	if (!valid)
		return error_set(err, RC_INVALID, "invalid_username", "username",
				 "El nombre de usuario debe tener de %d a %d caracteres: letras sin acentos, números, «.», «_» o «-», y empezar por una letra.",
				 "The user name must have %d to %d characters: letters without accents, digits, \".\", \"_\" or \"-\", starting with a letter.",
				 USERNAME_MIN, USERNAME_MAX);
	json_object_set_new(user, "username", json_string(name));
	return RC_OK;
}

static json_t *merge_over(json_t *body, json_t *current)
{
	static const char *const kept[] = {
		"username", "name", "role", "agency_id", "office_id", "active",
	};
	json_t *out = json_object();
	const char *key;
	json_t *v;

	if (current)
		for (size_t i = 0; i < ARRAY_SIZE(kept); i++)
			if ((v = json_object_get(current, kept[i])))
				json_object_set(out, kept[i], v);
	json_object_foreach(body, key, v)
		json_object_set(out, key, v);
	return out;
}

int account_validate(json_t *body, json_t *current, json_t **out,
		     struct error *err)
{
	static const char *const create_members[] = {
		"username", "name", "role", "agency_id", "office_id", "active", NULL,
	};
	static const char *const update_members[] = {
		"name", "role", "agency_id", "office_id", "active", NULL,
	};
	const char *role;
	json_t *u;
	int rc;

	if (!json_is_object(body))
		return error_set(err, RC_INVALID, "invalid_body", NULL,
				 "El cuerpo debe ser un objeto JSON.",
				 "The body must be a JSON object.");
	rc = check_known_members(body, NULL, current ? update_members : create_members, err);
	if (rc)
		return rc;
	u = merge_over(body, current);
	json_trim_strings(u);

	/* A role change away from liaison drops the liaison's scope unless
	 * the body sets it, which the checks below then reject. */
	role = json_string_value(json_object_get(body, "role"));
	if (current && role && strcmp(role, "liaison")) {
		if (!json_object_get(body, "agency_id"))
			json_object_set_new(u, "agency_id", json_null());
		if (!json_object_get(body, "office_id"))
			json_object_set_new(u, "office_id", json_null());
	}
	/* A new office without an agency takes the office's agency. */
	if (current && json_is_integer(json_object_get(body, "office_id")) &&
	    !json_object_get(body, "agency_id"))
		json_object_set_new(u, "agency_id", json_null());

	rc = current ? RC_OK : check_username(u, err);
	if (!rc)
		rc = check_string(u, "name", NULL, false, 120, err);
	if (!rc)
		rc = check_enum(u, "role", NULL, true, role_account_codes, err);
	if (!rc)
		rc = check_integer(u, "agency_id", NULL, false, 1, INT64_MAX, err);
	if (!rc)
		rc = check_integer(u, "office_id", NULL, false, 1, INT64_MAX, err);
	if (!rc)
		rc = check_boolean(u, "active", NULL, false, err);
	if (rc) {
		json_decref(u);
		return rc;
	}

	role = json_string_value(json_object_get(u, "role"));
	bool has_agency = json_is_integer(json_object_get(u, "agency_id"));
	bool has_office = json_is_integer(json_object_get(u, "office_id"));
	if (!strcmp(role, "liaison") && !has_agency && !has_office)
		rc = error_set(err, RC_INVALID, "missing_field", "agency_id",
			       "Un enlace de agencia debe indicar su agencia (agency_id) o, si es regional, su oficina (office_id).",
			       "An agency liaison needs their agency (agency_id) or, for a regional liaison, their office (office_id).");
	else if (strcmp(role, "liaison") && (has_agency || has_office))
		rc = error_set(err, RC_INVALID, "scope_not_allowed",
			       has_agency ? "agency_id" : "office_id",
			       "Solo un enlace de agencia (role «liaison») tiene agencia u oficina; quite «%s».",
			       "Only an agency liaison (role \"liaison\") has an agency or office; remove \"%s\".",
			       has_agency ? "agency_id" : "office_id");
	if (rc) {
		json_decref(u);
		return rc;
	}
	if (!json_object_get(u, "active"))
		json_object_set_new(u, "active", json_true());
	*out = u;
	return RC_OK;
}

/* Fill in a liaison's agency from their office, and check that the two
 * agree; inside the transaction. */
static int resolve_scope(struct store *store, json_t *user, struct error *err)
{
	json_t *office = json_object_get(user, "office_id");
	long long agency = json_integer_value(json_object_get(user, "agency_id"));
	long long owner;
	int rc;

	if (!json_is_integer(office))
		return RC_OK;
	rc = store_office_agency(store, json_integer_value(office), agency, &owner, err);
	if (!rc)
		json_object_set_new(user, "agency_id", json_integer(owner));
	return rc;
}

static json_t *scope_detail(json_t *user)
{
	return json_pack("{sOsOsOsO}",
			 "role", json_object_get(user, "role"),
			 "agency_id", json_object_get(user, "agency_id") ? json_object_get(user, "agency_id") : json_null(),
			 "office_id", json_object_get(user, "office_id") ? json_object_get(user, "office_id") : json_null(),
			 "active", json_object_get(user, "active") ? json_object_get(user, "active") : json_true());
}

static void id_text(long long id, char *buf, size_t size)
{
	snprintf(buf, size, "%lld", id);
}

int account_create(struct app *app, json_t *user, const char *password,
		   const struct audit_who *who, long long *id, struct error *err)
{
	char hash[PASSWORD_HASH_SIZE], object[24];
	json_t *detail;
	int rc;

	rc = password_check_policy(password,
				   json_string_value(json_object_get(user, "username")),
				   "password", err);
	if (rc)
		return rc;
	/* Hash before the transaction: Argon2id takes tens of milliseconds
	 * and the write lock should not wait for it. */
	rc = password_hash(password, hash, err);
	if (rc)
		return rc;
	rc = store_begin(app->store, err);
	if (rc)
		return rc;
	rc = resolve_scope(app->store, user, err);
	if (!rc)
		rc = store_user_create(app->store, user, hash, id, err);
	if (!rc) {
		id_text(*id, object, sizeof(object));
		detail = scope_detail(user);
		json_object_set(detail, "username", json_object_get(user, "username"));
		rc = auth_audit(app->store, who, "user_created", "users", object, 0,
				detail, err);
		json_decref(detail);
	}
	sodium_memzero(hash, sizeof(hash));
	if (rc) {
		store_rollback(app->store);
		return rc;
	}
	return store_commit(app->store, err);
}

/* Refuse a change that leaves no active administrator. */
static int check_last_admin(struct store *store, long long id, json_t *before,
			    json_t *after, struct error *err)
{
	const char *was = json_string_value(json_object_get(before, "role"));
	const char *will = json_string_value(json_object_get(after, "role"));
	long long others = 0;
	int rc;

	if (!was || strcmp(was, "admin") || json_is_false(json_object_get(before, "active")))
		return RC_OK;
	if (will && !strcmp(will, "admin") && !json_is_false(json_object_get(after, "active")))
		return RC_OK;
	rc = store_user_count_admins(store, id, &others, err);
	if (rc)
		return rc;
	if (!others)
		return error_set(err, RC_CONFLICT, "last_admin", "role",
				 "Es el único administrador activo: cree o active otro administrador antes de cambiar este.",
				 "This is the only active administrator: create or enable another administrator before changing this one.");
	return RC_OK;
}

int account_update(struct app *app, long long id, json_t *user,
		   const struct audit_who *who, struct error *err)
{
	json_t *before = NULL, *detail;
	char object[24];
	int rc;

	rc = store_begin(app->store, err);
	if (rc)
		return rc;
	rc = store_user_get(app->store, id, &before, err);
	if (!rc)
		rc = resolve_scope(app->store, user, err);
	if (!rc)
		rc = check_last_admin(app->store, id, before, user, err);
	if (!rc)
		rc = store_user_update(app->store, id, user, err);
	if (!rc) {
		id_text(id, object, sizeof(object));
		detail = scope_detail(user);
		json_object_set_new(detail, "before", scope_detail(before));
		rc = auth_audit(app->store, who, "user_updated", "users", object, 0,
				detail, err);
		json_decref(detail);
	}
	json_decref(before);
	if (rc) {
		store_rollback(app->store);
		return rc;
	}
	return store_commit(app->store, err);
}

int account_set_password(struct app *app, long long id, const char *password,
			 long long keep_session, const char *kind,
			 const struct audit_who *who, struct error *err)
{
	char hash[PASSWORD_HASH_SIZE], object[24];
	json_t *user = NULL;
	int rc;

	rc = store_user_get(app->store, id, &user, err);
	if (rc)
		return rc;
	rc = password_check_policy(password,
				   json_string_value(json_object_get(user, "username")),
				   "password", err);
	json_decref(user);
	if (!rc)
		rc = password_hash(password, hash, err);
	if (rc)
		return rc;
	rc = store_begin(app->store, err);
	if (rc)
		return rc;
	rc = store_user_set_password(app->store, id, hash, keep_session, err);
	sodium_memzero(hash, sizeof(hash));
	if (!rc) {
		id_text(id, object, sizeof(object));
		rc = auth_audit(app->store, who, kind, "users", object, 0, NULL, err);
	}
	if (rc) {
		store_rollback(app->store);
		return rc;
	}
	return store_commit(app->store, err);
}

void account_decorate(json_t *user)
{
	const char *role_text = json_string_value(json_object_get(user, "role"));
	const char *until = json_string_value(json_object_get(user, "locked_until"));
	enum role role;
	time_t t;

	if (role_text && role_parse(role_text, &role))
		json_object_set_new(user, "role_label", json_pack("{ssss}",
			"es", role_label(role, LANG_ES), "en", role_label(role, LANG_EN)));
	if (role_text && !strcmp(role_text, "liaison"))
		json_object_set_new(user, "scope", json_string(
			json_is_integer(json_object_get(user, "office_id")) ? "regional" : "central"));
	else
		json_object_set_new(user, "scope", json_null());
	json_object_set_new(user, "locked", json_boolean(
		until && !clock_parse_utc(until, &t) && t > clock_now()));
}
