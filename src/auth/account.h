/*
 * account.h - creating and changing accounts, shared by /api/v1/users and
 * `linea311 user`. Each operation is one transaction that also appends
 * its audit entry, so an account never changes without a record of who
 * changed it.
 */
#ifndef LINEA311_ACCOUNT_H
#define LINEA311_ACCOUNT_H

#include <jansson.h>

#include "app/app.h"
#include "auth/auth.h"

#define USERNAME_MIN 3
#define USERNAME_MAX 40

/*
 * Validate a user body. Without current (create) it needs username and
 * role and may hold name, agency_id, office_id and active; with current
 * (update) it may hold name, role, agency_id, office_id and active, and
 * is merged over current. A user name is 3 to 40 characters: lowercase
 * letters, digits, ".", "_" and "-", starting with a letter (uppercase
 * input is lowered). A liaison needs agency_id or office_id (the office's
 * agency is then taken); other roles have neither, and an update that
 * moves a liaison to another role drops them. On success *out is the
 * merged object.
 */
int account_validate(json_t *body, json_t *current, json_t **out,
		     struct error *err);

/* Lower the ASCII letters of a user name in place. */
void account_fold_username(char *username);

/* Create the account of a validated user with password. */
int account_create(struct app *app, json_t *user, const char *password,
		   const struct audit_who *who, long long *id, struct error *err);

/* Store a validated update of account id. Refuses to disable or demote
 * the last active administrator. */
int account_update(struct app *app, long long id, json_t *user,
		   const struct audit_who *who, struct error *err);

/*
 * Set the password of account id, ending its sessions except
 * keep_session (0: all) and clearing its lock. kind is the audit entry's
 * kind: "password_reset" (by the administrator) or "password_changed"
 * (by the user).
 */
int account_set_password(struct app *app, long long id, const char *password,
			 long long keep_session, const char *kind,
			 const struct audit_who *who, struct error *err);

/* Add the members computed for readers: role_label, scope ("central",
 * "regional" or null) and locked. */
void account_decorate(json_t *user);

#endif
