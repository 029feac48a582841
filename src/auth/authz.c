/* authz.c - looking up and applying the authorization table (see authz.h). */
#include "core/common.h"
#include "auth/authz.h"

const struct authz_rule *authz_find(const char *method, const char *pattern)
{
	for (size_t i = 0; i < authz_rule_count; i++)
		if (!strcmp(authz_rules[i].method, method) &&
		    !strcmp(authz_rules[i].pattern, pattern))
			return &authz_rules[i];
	return NULL;
}

/* Return true when value is one of the "|"-separated values of list. */
static bool in_list(const char *list, const char *value)
{
	size_t len = strlen(value);

	for (const char *p = list; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		if (n == len && !memcmp(p, value, n))
			return true;
		if (!bar)
			break;
		p = bar + 1;
	}
	return false;
}

unsigned authz_roles(const struct authz_rule *rule)
{
	return rule ? rule->roles : ROLE_BIT(ROLE_ADMIN);
}

enum authz_verdict authz_decide(const struct authz_rule *rule, enum role role,
				const char *(*query)(void *ctx, const char *name),
				void *ctx, const char **param)
{
	unsigned bit = ROLE_BIT(role);

	*param = NULL;
	if (!(authz_roles(rule) & bit))
		return AUTHZ_DENY_ROLE;
	if (!rule)
		return AUTHZ_ALLOW;
	for (size_t i = 0; i < AUTHZ_MAX_PARAMS && rule->params[i].name; i++) {
		const struct authz_param *p = &rule->params[i];
		const char *value = query ? query(ctx, p->name) : NULL;

		if (!value || !*value || (p->roles & bit))
			continue;
		if (!p->values || in_list(p->values, value)) {
			*param = p->name;
			return AUTHZ_DENY_PARAM;
		}
	}
	return AUTHZ_ALLOW;
}
