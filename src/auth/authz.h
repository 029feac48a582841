/*
 * authz.h - the authorization table: which roles may call each endpoint.
 *
 * The server checks every request against this table before the handler
 * runs (see auth/auth.h). A rule names one route of src/http/routes.c by
 * its method and pattern. Fail closed: a route without a rule is allowed
 * to the administrator only, and a unit test fails while any route of
 * routes.c lacks a rule.
 *
 * A public route (citizens without a session may call it) is a rule whose
 * roles include ROLE_ANONYMOUS; ROLES_PUBLIC is every role. Query
 * parameters can narrow a rule: GET /api/v1/services/{id} is public, but
 * with ?view=latest only the content roles may call it.
 *
 * Everything here is pure: the checks that need stored data (a liaison's
 * agency, the current licences) are named by the rule's guard and run in
 * auth/gate.c.
 */
#ifndef LINEA311_AUTHZ_H
#define LINEA311_AUTHZ_H

#include <stddef.h>

#include "auth/role.h"

#define AUTHZ_MAX_PARAMS 3

/* Flags of a rule. */
#define AUTHZ_PERSONAL_DATA 0x1u /* a 2xx answer shows citizens' personal
				  * data: the server audits it as a read */
#define AUTHZ_SELF_AUDITED 0x2u  /* the handler writes its own audit entry
				  * inside its transaction */

/* Checks of stored data that run after the role check. */
enum authz_guard {
	AUTHZ_GUARD_NONE,
	AUTHZ_GUARD_AGENCY_LICENCES, /* only the administrator sets licences */
	AUTHZ_GUARD_SERVICE_DRAFTS,  /* a liaison reads unpublished content
				      * of their own agency's services only */
	AUTHZ_GUARD_SERVICE_LIST,    /* a liaison lists unpublished services
				      * of their own agency only */
	AUTHZ_GUARD_SERVICE_STATUS,  /* which workflow moves each role makes */
	AUTHZ_GUARD_CASE,            /* a liaison reaches only the cases of
				      * their agency or office (404 else) */
	AUTHZ_GUARD_OWN_AGENCY,      /* a liaison must filter by their own
				      * agency (?agency_id=) */
};

/* A query parameter that narrows a rule: when the request carries name
 * with one of values ("a|b|c"; NULL: any non-empty value), only roles
 * may call the route. */
struct authz_param {
	const char *name;
	const char *values;
	unsigned roles;
};

struct authz_rule {
	const char *method;
	const char *pattern;
	unsigned roles; /* set of ROLE_BIT() */
	unsigned flags; /* AUTHZ_PERSONAL_DATA, AUTHZ_SELF_AUDITED */
	enum authz_guard guard;
	struct authz_param params[AUTHZ_MAX_PARAMS];
};

extern const struct authz_rule authz_rules[];
extern const size_t authz_rule_count;

/* Return the rule for a route, or NULL when the table has none. */
const struct authz_rule *authz_find(const char *method, const char *pattern);

enum authz_verdict {
	AUTHZ_ALLOW,
	AUTHZ_DENY_ROLE,  /* the role may not call the route at all */
	AUTHZ_DENY_PARAM, /* the role may call it, not with *param */
};

/*
 * Decide whether role may call the route of rule (NULL: a route missing
 * from the table, allowed to the administrator only). query(ctx, name)
 * returns a query parameter or NULL. On AUTHZ_DENY_PARAM, *param names
 * the parameter at fault.
 */
enum authz_verdict authz_decide(const struct authz_rule *rule, enum role role,
				const char *(*query)(void *ctx, const char *name),
				void *ctx, const char **param);

/* Return the roles that may call rule, as a mask (NULL: admin only). */
unsigned authz_roles(const struct authz_rule *rule);

#endif
