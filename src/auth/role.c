/* role.c - role codes and labels (see role.h). */
#include "core/common.h"
#include "auth/role.h"

static const struct {
	const char *code;
	const char *es;
	const char *en;
} roles[ROLE_COUNT] = {
	[ROLE_OPERATOR] = { "operator", "Operador(a) / telecomunicador(a)", "Operator" },
	[ROLE_SUPERVISOR] = { "supervisor", "Supervisor(a)", "Supervisor" },
	[ROLE_CONTENT_MANAGER] = { "content_manager", "Gerente de contenido", "Content manager" },
	[ROLE_COORDINATOR] = { "coordinator", "Coordinador(a) interagencial", "Interagency coordinator" },
	[ROLE_LIAISON] = { "liaison", "Enlace de agencia", "Agency liaison" },
	[ROLE_ADMIN] = { "admin", "Director(a) / administrador(a)", "Director / administrator" },
	[ROLE_ANONYMOUS] = { "anonymous", "Ciudadano(a) sin sesión", "Citizen without a session" },
};

const char *const role_account_codes[] = {
	"operator", "supervisor", "content_manager", "coordinator", "liaison",
	"admin", NULL,
};

const char *role_code(enum role role)
{
	BUG_ON(role >= ROLE_COUNT);
	return roles[role].code;
}

bool role_parse(const char *code, enum role *out)
{
	if (!code)
		return false;
	for (int r = 0; r < ROLE_ANONYMOUS; r++) {
		if (!strcmp(roles[r].code, code)) {
			*out = (enum role)r;
			return true;
		}
	}
	return false;
}

const char *role_label(enum role role, enum lang lang)
{
	BUG_ON(role >= ROLE_COUNT);
	return TR(lang, roles[role].es, roles[role].en);
}
