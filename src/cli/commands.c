/* commands.c - the table of subcommands (see commands.h). */
#include "core/common.h"
#include "cli/commands.h"

const struct command commands[] = {
	{ "init", cmd_init, "crea el directorio de datos (--bundled carga el contenido incluido)",
	  "create the data directory (--bundled loads the bundled content)" },
	{ "serve", cmd_serve, "sirve la aplicación web y la API",
	  "serve the web application and the API" },
	{ "import", cmd_import, "importa plantillas (.txt), la base de conocimiento (.json) o agencias y oficinas (.csv)",
	  "import templates (.txt), the knowledge base (.json) or agencies and offices (.csv)" },
	{ "export", cmd_export, "exporta la base de conocimiento en JSON o las agencias y oficinas en CSV",
	  "export the knowledge base as JSON or agencies and offices as CSV" },
	{ "search", cmd_search, "busca servicios, agencias y oficinas como el operador",
	  "search services, agencies and offices as an operator does" },
	{ "report", cmd_report, "escribe el informe de un período (CSV y PDF) de una agencia o del centro",
	  "write a period's report (CSV and PDF) of an agency or of the center" },
	{ "calendar", cmd_calendar, "feriados, cierres y fechas límite en días laborables",
	  "holidays, closures and due dates in business days" },
	{ "cases", cmd_cases, "ejecuta una vez el barrido de SLA (casos en riesgo y vencidos)",
	  "run the SLA sweep once (cases at risk and overdue)" },
	{ "user", cmd_user, "cuentas de usuario: alta, lista, desactivación y contraseñas",
	  "user accounts: add, list, disable and passwords" },
	{ "audit", cmd_audit, "verifica y lista la bitácora de auditoría",
	  "verify and list the audit trail" },
	{ "version", cmd_version, "muestra la versión", "print the version" },
	{ "help", cmd_help, "muestra esta ayuda", "print this help" },
	{ NULL, NULL, NULL, NULL },
};
