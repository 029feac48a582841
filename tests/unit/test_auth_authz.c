/* test_auth_authz.c - the authorization table against the route table. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "auth/authz.h"
#include "http/router.h"

/* Non-GET routes that citizens without a session may call. A public
 * write added to the table by mistake fails test_public_writes_listed. */
static const char *const public_writes[] = {
	"POST /api/v1/session",
	"POST /api/v1/public/requests",
};

/* Every route of routes.c must have a rule: without one the server
 * lets only the administrator call it. */
static void test_every_route_has_rule(void **state)
{
	int missing = 0;

	(void)state;
	for (size_t i = 0; i < route_count; i++) {
		if (authz_find(routes[i].method, routes[i].pattern))
			continue;
		print_error("no rule in src/auth/authz_table.c for %s %s\n",
			    routes[i].method, routes[i].pattern);
		missing++;
	}
	assert_int_equal(missing, 0);
}

static void test_rules_unique(void **state)
{
	(void)state;
	for (size_t i = 0; i < authz_rule_count; i++)
		for (size_t j = i + 1; j < authz_rule_count; j++)
			if (!strcmp(authz_rules[i].method, authz_rules[j].method) &&
			    !strcmp(authz_rules[i].pattern, authz_rules[j].pattern))
				fail_msg("two rules for %s %s", authz_rules[i].method,
					 authz_rules[i].pattern);
}

static void test_public_writes_listed(void **state)
{
	(void)state;
	for (size_t i = 0; i < authz_rule_count; i++) {
		const struct authz_rule *r = &authz_rules[i];
		char name[160];
		bool listed = false;

		if (!strcmp(r->method, "GET") || !(r->roles & ROLE_BIT(ROLE_ANONYMOUS)))
			continue;
		snprintf(name, sizeof(name), "%s %s", r->method, r->pattern);
		for (size_t j = 0; j < ARRAY_SIZE(public_writes); j++)
			listed |= !strcmp(name, public_writes[j]);
		if (!listed)
			fail_msg("%s is open to anonymous callers but not listed as a public write", name);
	}
}

static void test_admin_allowed_everywhere(void **state)
{
	(void)state;
	for (size_t i = 0; i < authz_rule_count; i++)
		if (!(authz_rules[i].roles & ROLE_BIT(ROLE_ADMIN)))
			fail_msg("the administrator may not call %s %s",
				 authz_rules[i].method, authz_rules[i].pattern);
}

/* Query parameters for authz_decide: "name=value&name=value". */
static const char *query_of(void *ctx, const char *name)
{
	static char value[64];
	const char *q = ctx;
	size_t len = strlen(name);

	while (q && *q) {
		const char *amp = strchr(q, '&');
		size_t n = amp ? (size_t)(amp - q) : strlen(q);

		if (n > len && !strncmp(q, name, len) && q[len] == '=') {
			snprintf(value, sizeof(value), "%.*s", (int)(n - len - 1), q + len + 1);
			return value;
		}
		q = amp ? amp + 1 : NULL;
	}
	return NULL;
}

static enum authz_verdict decide(const char *method, const char *pattern,
				 enum role role, const char *query)
{
	const char *param;

	return authz_decide(authz_find(method, pattern), role, query_of,
			    (void *)query, &param);
}

struct expectation {
	const char *method;
	const char *pattern;
	const char *query;
	enum role role;
	enum authz_verdict verdict;
};

#define ALLOW AUTHZ_ALLOW
#define DENY AUTHZ_DENY_ROLE
#define DENY_PARAM AUTHZ_DENY_PARAM

/* The policy written out by hand, independent of the table's shorthand. */
static const struct expectation policy[] = {
	{ "GET", "/healthz", NULL, ROLE_ANONYMOUS, ALLOW },
	{ "GET", "/metrics", NULL, ROLE_ANONYMOUS, DENY },
	{ "GET", "/metrics", NULL, ROLE_OPERATOR, DENY },
	{ "GET", "/metrics", NULL, ROLE_SUPERVISOR, ALLOW },
	{ "GET", "/api/v1/openapi.json", NULL, ROLE_ANONYMOUS, ALLOW },

	{ "GET", "/api/v1/agencies", NULL, ROLE_ANONYMOUS, ALLOW },
	{ "GET", "/api/v1/agencies", "archived=true", ROLE_ANONYMOUS, DENY_PARAM },
	{ "GET", "/api/v1/agencies", "archived=false", ROLE_ANONYMOUS, ALLOW },
	{ "GET", "/api/v1/agencies", "archived=true", ROLE_OPERATOR, ALLOW },
	{ "POST", "/api/v1/agencies", NULL, ROLE_ANONYMOUS, DENY },
	{ "POST", "/api/v1/agencies", NULL, ROLE_OPERATOR, DENY },
	{ "POST", "/api/v1/agencies", NULL, ROLE_LIAISON, DENY },
	{ "POST", "/api/v1/agencies", NULL, ROLE_CONTENT_MANAGER, ALLOW },
	{ "PATCH", "/api/v1/agencies/{id}", NULL, ROLE_COORDINATOR, ALLOW },
	{ "DELETE", "/api/v1/agencies/{id}", NULL, ROLE_COORDINATOR, DENY },

	{ "GET", "/api/v1/services/{id}", NULL, ROLE_ANONYMOUS, ALLOW },
	{ "GET", "/api/v1/services/{id}", "view=latest", ROLE_ANONYMOUS, DENY_PARAM },
	{ "GET", "/api/v1/services/{id}", "view=published", ROLE_ANONYMOUS, ALLOW },
	{ "GET", "/api/v1/services/{id}", "version=2", ROLE_ANONYMOUS, DENY_PARAM },
	{ "GET", "/api/v1/services/{id}", "view=latest", ROLE_OPERATOR, DENY_PARAM },
	{ "GET", "/api/v1/services/{id}", "view=latest", ROLE_LIAISON, ALLOW },
	{ "GET", "/api/v1/services", "status=draft", ROLE_ANONYMOUS, DENY_PARAM },
	{ "GET", "/api/v1/services", "status=any", ROLE_SUPERVISOR, DENY_PARAM },
	{ "GET", "/api/v1/services", "status=published", ROLE_ANONYMOUS, ALLOW },
	{ "GET", "/api/v1/services", "status=in_review", ROLE_CONTENT_MANAGER, ALLOW },
	{ "POST", "/api/v1/services", NULL, ROLE_OPERATOR, DENY },
	{ "PUT", "/api/v1/services/{id}", NULL, ROLE_LIAISON, DENY },
	{ "POST", "/api/v1/services/{id}/status", NULL, ROLE_LIAISON, ALLOW },
	{ "POST", "/api/v1/services/{id}/status", NULL, ROLE_OPERATOR, DENY },
	{ "GET", "/api/v1/services/{id}/versions", NULL, ROLE_ANONYMOUS, DENY },
	{ "GET", "/api/v1/services/{id}/versions", NULL, ROLE_OPERATOR, DENY },

	{ "GET", "/api/v1/search", NULL, ROLE_ANONYMOUS, ALLOW },

	{ "GET", "/api/v1/citizens", NULL, ROLE_OPERATOR, ALLOW },
	{ "GET", "/api/v1/citizens", NULL, ROLE_LIAISON, DENY },
	{ "GET", "/api/v1/citizens/{id}", NULL, ROLE_CONTENT_MANAGER, DENY },
	{ "GET", "/api/v1/calls", NULL, ROLE_COORDINATOR, DENY },
	{ "POST", "/api/v1/cases", NULL, ROLE_OPERATOR, ALLOW },
	{ "POST", "/api/v1/cases", NULL, ROLE_LIAISON, DENY },
	{ "GET", "/api/v1/cases", NULL, ROLE_LIAISON, ALLOW },
	{ "GET", "/api/v1/cases", NULL, ROLE_CONTENT_MANAGER, DENY },
	{ "GET", "/api/v1/cases", NULL, ROLE_ANONYMOUS, DENY },
	{ "GET", "/api/v1/cases/lookup", NULL, ROLE_ANONYMOUS, ALLOW },
	{ "POST", "/api/v1/cases/{id}/first-contact", NULL, ROLE_LIAISON, ALLOW },
	{ "POST", "/api/v1/cases/{id}/first-contact", NULL, ROLE_OPERATOR, DENY },
	{ "POST", "/api/v1/cases/sla-sweep", NULL, ROLE_SUPERVISOR, DENY },
	{ "GET", "/api/v1/stats", NULL, ROLE_OPERATOR, DENY },
	{ "GET", "/api/v1/stats", NULL, ROLE_COORDINATOR, ALLOW },
	{ "POST", "/api/v1/calendar/entries", NULL, ROLE_COORDINATOR, DENY },
	{ "GET", "/api/v1/calendar", NULL, ROLE_ANONYMOUS, DENY },

	{ "POST", "/api/v1/session", NULL, ROLE_ANONYMOUS, ALLOW },
	{ "GET", "/api/v1/session", NULL, ROLE_ANONYMOUS, DENY },
	{ "DELETE", "/api/v1/session", NULL, ROLE_OPERATOR, ALLOW },
	{ "POST", "/api/v1/session/password", NULL, ROLE_LIAISON, ALLOW },

	{ "GET", "/api/v1/users", NULL, ROLE_ANONYMOUS, DENY },
	{ "GET", "/api/v1/users", NULL, ROLE_SUPERVISOR, DENY },
	{ "POST", "/api/v1/users", NULL, ROLE_COORDINATOR, DENY },
	{ "POST", "/api/v1/users", NULL, ROLE_ADMIN, ALLOW },
	{ "GET", "/api/v1/audit", NULL, ROLE_SUPERVISOR, DENY },
	{ "GET", "/api/v1/audit", NULL, ROLE_ADMIN, ALLOW },
};

static void test_policy_by_hand(void **state)
{
	static const char *const names[] = { "allow", "deny (role)", "deny (parameter)" };

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(policy); i++) {
		const struct expectation *e = &policy[i];
		enum authz_verdict got;

		if (!authz_find(e->method, e->pattern))
			fail_msg("no rule for %s %s", e->method, e->pattern);
		got = decide(e->method, e->pattern, e->role, e->query);
		if (got != e->verdict)
			fail_msg("%s %s?%s as %s: %s, expected %s", e->method, e->pattern,
				 e->query ? e->query : "", role_code(e->role),
				 names[got], names[e->verdict]);
	}
}

/* Reads that show citizens' names, phones or case descriptions are
 * audited; a route missing its flag would read them unrecorded. */
static void test_personal_reads_flagged(void **state)
{
	static const char *const personal[] = {
		"/api/v1/citizens", "/api/v1/citizens/{id}", "/api/v1/calls",
		"/api/v1/calls/{id}", "/api/v1/cases", "/api/v1/cases/{id}",
		"/api/v1/cases/{id}/notes",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(personal); i++) {
		const struct authz_rule *r = authz_find("GET", personal[i]);

		if (!r)
			fail_msg("no rule for GET %s", personal[i]);
		if (!(r->flags & AUTHZ_PERSONAL_DATA))
			fail_msg("GET %s is not flagged as a read of personal data", personal[i]);
		if (r->roles & ROLE_BIT(ROLE_ANONYMOUS))
			fail_msg("GET %s is open to anonymous callers", personal[i]);
	}
}

static void test_missing_route_admin_only(void **state)
{
	const char *param;

	(void)state;
	assert_null(authz_find("GET", "/api/v1/no-such-route"));
	assert_int_equal(authz_decide(NULL, ROLE_ADMIN, NULL, NULL, &param), AUTHZ_ALLOW);
	for (int r = 0; r < ROLE_COUNT; r++)
		if (r != ROLE_ADMIN)
			assert_int_equal(authz_decide(NULL, (enum role)r, NULL, NULL, &param),
					 AUTHZ_DENY_ROLE);
}

static void test_param_names_field(void **state)
{
	const char *param = NULL;

	(void)state;
	assert_int_equal(authz_decide(authz_find("GET", "/api/v1/services/{id}"),
				      ROLE_ANONYMOUS, query_of, (void *)"version=3", &param),
			 AUTHZ_DENY_PARAM);
	assert_non_null(param);
	assert_string_equal(param, "version");
}

static void test_role_codes_round_trip(void **state)
{
	enum role r;

	(void)state;
	for (int i = 0; i < ROLE_ANONYMOUS; i++) {
		assert_true(role_parse(role_code((enum role)i), &r));
		assert_int_equal(r, i);
		assert_string_not_equal(role_label((enum role)i, LANG_ES),
					role_label((enum role)i, LANG_EN));
	}
	assert_false(role_parse("anonymous", &r));
	assert_false(role_parse("Admin", &r));
	assert_false(role_parse(NULL, &r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_route_has_rule),
		cmocka_unit_test(test_rules_unique),
		cmocka_unit_test(test_public_writes_listed),
		cmocka_unit_test(test_admin_allowed_everywhere),
		cmocka_unit_test(test_policy_by_hand),
		cmocka_unit_test(test_personal_reads_flagged),
		cmocka_unit_test(test_missing_route_admin_only),
		cmocka_unit_test(test_param_names_field),
		cmocka_unit_test(test_role_codes_round_trip),
	};

	return cmocka_run_group_tests_name("auth_authz", tests, NULL, NULL);
}
