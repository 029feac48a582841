/*
 * role.h - the roles of linea311's users and their codes.
 *
 * The API and the database use the English codes; the labels are what a
 * user reads. ROLE_ANONYMOUS is the caller without a session (a citizen);
 * no account has it.
 */
#ifndef LINEA311_ROLE_H
#define LINEA311_ROLE_H

#include <stdbool.h>

#include "core/i18n.h"

enum role {
	ROLE_OPERATOR,        /* operador / telecomunicador */
	ROLE_SUPERVISOR,      /* supervisor of the call center */
	ROLE_CONTENT_MANAGER, /* gerente de contenido */
	ROLE_COORDINATOR,     /* coordinador interagencial */
	ROLE_LIAISON,         /* enlace de agencia, central or regional */
	ROLE_ADMIN,           /* director / administrator */
	ROLE_ANONYMOUS,       /* no session */
	ROLE_COUNT,
};

/* Set of roles, one bit per enum role. */
#define ROLE_BIT(r) (1u << (r))

#define ROLES_STAFF                                                          \
	(ROLE_BIT(ROLE_OPERATOR) | ROLE_BIT(ROLE_SUPERVISOR) |               \
	 ROLE_BIT(ROLE_CONTENT_MANAGER) | ROLE_BIT(ROLE_COORDINATOR) |       \
	 ROLE_BIT(ROLE_LIAISON) | ROLE_BIT(ROLE_ADMIN))
#define ROLES_PUBLIC (ROLES_STAFF | ROLE_BIT(ROLE_ANONYMOUS))

/* Return "operator", "content_manager", ... or "anonymous". */
const char *role_code(enum role role);

/* Parse an account's role code; false for an unknown code and for
 * "anonymous", which is not a role an account can have. */
bool role_parse(const char *code, enum role *out);

/* Return the role's name for users, "Gerente de contenido". */
const char *role_label(enum role role, enum lang lang);

/* NULL-terminated list of the account role codes, for validation. */
extern const char *const role_account_codes[];

#endif
