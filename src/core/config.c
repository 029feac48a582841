/* config.c - the table of settings and their precedence (see config.h). */
#include "core/common.h"
#include "core/config.h"

#include <ctype.h>
#include <strings.h>

const struct config_key config_keys[] = {
	{ "config", "config", "LINEA311_CONFIG", NULL,
	  "archivo de configuración (por omisión DATOS/linea311.conf)",
	  "configuration file (default DATA/linea311.conf)" },
	{ "data", "data", "LINEA311_DATA", "./var",
	  "directorio de datos", "data directory" },
	{ "listen", "listen", "LINEA311_LISTEN", "127.0.0.1:8311",
	  "dirección y puerto HOST:PUERTO del servidor web",
	  "HOST:PORT the web server listens on" },
	{ "threads", "threads", "LINEA311_THREADS", "0",
	  "hilos del servidor HTTP (0: uno por núcleo)",
	  "HTTP server threads (0: one per core)" },
	{ "max_body", "max-body", "LINEA311_MAX_BODY", "1048576",
	  "tamaño máximo del cuerpo de una solicitud, en bytes",
	  "maximum request body size, in bytes" },
	{ "log_level", "log-level", "LINEA311_LOG_LEVEL", "info",
	  "nivel del registro: debug, info, warn o error",
	  "log level: debug, info, warn or error" },
	{ "access_log", "access-log", "LINEA311_ACCESS_LOG", "-",
	  "archivo del registro de accesos (- para la salida estándar)",
	  "access log file (- for standard output)" },
	{ "stale_months", "stale-months", "LINEA311_STALE_MONTHS", "12",
	  "meses sin revisión tras los cuales un contenido se marca como desactualizado",
	  "months without review after which content is flagged as stale" },
	{ "smtp_url", "smtp", "LINEA311_SMTP_URL", NULL,
	  "servidor SMTP, por ejemplo smtp://127.0.0.1:2525",
	  "SMTP server, for example smtp://127.0.0.1:2525" },
	{ "smtp_user", "smtp-user", "LINEA311_SMTP_USER", NULL,
	  "usuario para la autenticación SMTP (vacío: sin autenticación)",
	  "user name for SMTP authentication (empty: no authentication)" },
	{ "smtp_password", "smtp-password", "LINEA311_SMTP_PASSWORD", NULL,
	  "contraseña para la autenticación SMTP; prefiera la variable de entorno al indicador",
	  "password for SMTP authentication; prefer the environment variable to the flag" },
	{ "smtp_from", "smtp-from", "LINEA311_SMTP_FROM",
	  "Tu Línea de Servicios de Gobierno 3-1-1 <no-reply@linea311.localhost>",
	  "remitente de los mensajes: «Nombre <direccion@dominio>»",
	  "sender of the messages: \"Name <address@domain>\"" },
	{ "smtp_starttls", "smtp-starttls", "LINEA311_SMTP_STARTTLS", "optional",
	  "STARTTLS con el servidor SMTP: off, optional (si lo ofrece) o required",
	  "STARTTLS with the SMTP server: off, optional (when offered) or required" },
	{ "smtp_ca_file", "smtp-ca-file", "LINEA311_SMTP_CA_FILE", NULL,
	  "certificados de CA (PEM) con que verificar el servidor SMTP (vacío: los del sistema)",
	  "CA certificates (PEM) to verify the SMTP server with (empty: the system's)" },
	{ "smtp_timeout", "smtp-timeout", "LINEA311_SMTP_TIMEOUT", "60",
	  "segundos máximos de una entrega por SMTP o de la orden de fax",
	  "maximum seconds of one SMTP delivery or fax command run" },
	{ "fax_gateway", "fax-gateway", "LINEA311_FAX_GATEWAY", NULL,
	  "dominio de la pasarela de correo a fax: el fax va a NUMERO@dominio con el PDF adjunto",
	  "domain of the email-to-fax gateway: a fax goes to NUMBER@domain with the PDF attached" },
	{ "fax_command", "fax-command", "LINEA311_FAX_COMMAND", NULL,
	  "orden de fax sin shell, con {number} y {file}, por ejemplo /usr/bin/sendfax -n -d {number} {file}",
	  "fax command run without a shell, with {number} and {file}, for example /usr/bin/sendfax -n -d {number} {file}" },
	{ "outbox_send", "outbox-send", "LINEA311_OUTBOX_SEND", "on",
	  "entregar los mensajes en cola (off: se guardan sin enviarse)",
	  "deliver queued messages (off: they are kept without being sent)" },
	{ "outbox_retry_base", "outbox-retry-base", "LINEA311_OUTBOX_RETRY_BASE", "60",
	  "segundos de espera tras el primer intento fallido; se duplica en cada intento",
	  "seconds to wait after the first failed attempt; doubled on each attempt" },
	{ "outbox_retry_max", "outbox-retry-max", "LINEA311_OUTBOX_RETRY_MAX", "3600",
	  "espera máxima entre dos intentos, en segundos",
	  "maximum wait between two attempts, in seconds" },
	{ "outbox_attempts", "outbox-attempts", "LINEA311_OUTBOX_ATTEMPTS", "10",
	  "intentos de entrega antes de dar un mensaje por fallido",
	  "delivery attempts before a message is marked failed" },
	{ "notify_referral", "notify-referral", "LINEA311_NOTIFY_REFERRAL", "on",
	  "avisar a la agencia de cada referido nuevo (on/off)",
	  "tell the agency of each new referral (on/off)" },
	{ "notify_sla_at_risk", "notify-sla-at-risk", "LINEA311_NOTIFY_SLA_AT_RISK", "on",
	  "avisar al enlace y al coordinador de un SLA1 o SLA2 en riesgo (on/off)",
	  "tell the liaison and the coordinator of an SLA1 or SLA2 at risk (on/off)" },
	{ "notify_sla_breached", "notify-sla-breached", "LINEA311_NOTIFY_SLA_BREACHED", "on",
	  "avisar al enlace y al coordinador de un SLA1 o SLA2 incumplido (on/off)",
	  "tell the liaison and the coordinator of a missed SLA1 or SLA2 (on/off)" },
	{ "notify_case_status", "notify-case-status", "LINEA311_NOTIFY_CASE_STATUS", "on",
	  "avisar al ciudadano que lo pidió de los cambios de estado de su caso (on/off)",
	  "tell the citizen who asked of status changes of their case (on/off)" },
	{ "coordinator_email", "coordinator-email", "LINEA311_COORDINATOR_EMAIL", NULL,
	  "correo de la coordinación interagencial para los avisos de SLA",
	  "email of the interagency coordination for SLA notices" },
	{ "group_commit", "group-commit", "LINEA311_GROUP_COMMIT", "on",
	  "on: los casos que llegan juntos se guardan en una sola transacción; off: una transacción por caso",
	  "on: cases that arrive together are saved in one transaction; off: one transaction per case" },
	{ "sla_sweep_seconds", "sla-sweep-seconds", "LINEA311_SLA_SWEEP_SECONDS", "60",
	  "segundos entre dos barridos de SLA (casos en riesgo y vencidos)",
	  "seconds between two SLA sweeps (cases at risk and overdue)" },
	{ "sla1_days", "sla1-days", "LINEA311_SLA1_DAYS", "2",
	  "días laborables para el primer contacto (SLA1)",
	  "business days to the first contact (SLA1)" },
	{ "sla1_risk_days", "sla1-risk-days", "LINEA311_SLA1_RISK_DAYS", "1",
	  "días laborables restantes con los que el SLA1 está en riesgo",
	  "business days left at which SLA1 is at risk" },
	{ "sla2_risk_days", "sla2-risk-days", "LINEA311_SLA2_RISK_DAYS", "5",
	  "días laborables restantes con los que el SLA2 está en riesgo",
	  "business days left at which SLA2 is at risk" },
	{ "session_idle_minutes", "session-idle-minutes", "LINEA311_SESSION_IDLE_MINUTES", "30",
	  "minutos sin actividad tras los cuales una sesión expira",
	  "minutes without activity after which a session expires" },
	{ "session_max_hours", "session-max-hours", "LINEA311_SESSION_MAX_HOURS", "12",
	  "horas tras el inicio de sesión en que la sesión expira, aunque haya actividad",
	  "hours after log-in at which a session expires, even when in use" },
	{ "login_max_failures", "login-max-failures", "LINEA311_LOGIN_MAX_FAILURES", "5",
	  "intentos fallidos seguidos que bloquean una cuenta",
	  "failed log-ins in a row that lock an account" },
	{ "login_max_failures_address", "login-max-failures-address", "LINEA311_LOGIN_MAX_FAILURES_ADDRESS", "20",
	  "intentos fallidos desde una dirección IP, dentro del tiempo de bloqueo, que la bloquean",
	  "failed log-ins from one IP address, within the lock time, that lock the address" },
	{ "login_lock_minutes", "login-lock-minutes", "LINEA311_LOGIN_LOCK_MINUTES", "15",
	  "minutos que dura el bloqueo de una cuenta o dirección",
	  "minutes an account or address stays locked" },
	{ "cookie_secure", "cookie-secure", "LINEA311_COOKIE_SECURE", "auto",
	  "marca Secure en la cookie de sesión: auto (si la solicitud llegó por HTTPS), always o never",
	  "Secure flag on the session cookie: auto (when the request came over HTTPS), always or never" },
};

const size_t config_key_count = ARRAY_SIZE(config_keys);

static long key_index(const char *name)
{
	for (size_t i = 0; i < config_key_count; i++)
		if (!strcmp(config_keys[i].name, name))
			return (long)i;
	return -1;
}

void config_init(struct config *cfg)
{
	cfg->values = xcalloc(config_key_count, sizeof(char *));
	for (size_t i = 0; i < config_key_count; i++)
		if (config_keys[i].def)
			cfg->values[i] = xstrdup(config_keys[i].def);
}

void config_release(struct config *cfg)
{
	if (!cfg->values)
		return;
	for (size_t i = 0; i < config_key_count; i++)
		free(cfg->values[i]);
	free(cfg->values);
	cfg->values = NULL;
}

const struct config_key *config_key_by_flag(const char *flag)
{
	for (size_t i = 0; i < config_key_count; i++)
		if (!strcmp(config_keys[i].flag, flag))
			return &config_keys[i];
	return NULL;
}

int config_set(struct config *cfg, const char *name, const char *value,
	       struct error *err)
{
	long i = key_index(name);

	if (i < 0)
		return error_set(err, RC_INVALID, "unknown_setting", name,
				 "La opción de configuración «%s» no existe. Consulte «linea311 help».",
				 "Unknown setting \"%s\". See \"linea311 help\".", name);
	free(cfg->values[i]);
	cfg->values[i] = value ? xstrdup(value) : NULL;
	return RC_OK;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

int config_load_file(struct config *cfg, const char *path, bool required,
		     struct error *err)
{
	char line[1024];
	unsigned lineno = 0;
	int rc = RC_OK;
	FILE *f = fopen(path, "r");

	if (!f) {
		if (!required && errno == ENOENT)
			return RC_OK;
		return error_set(err, RC_IO, "config_unreadable", "config",
				 "No se pudo leer el archivo de configuración %s: %s.",
				 "Could not read the configuration file %s: %s.",
				 path, strerror(errno));
	}
	while (fgets(line, sizeof(line), f)) {
		char *key, *value, *eq;

		lineno++;
		key = trim(line);
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			rc = error_set(err, RC_INVALID, "config_syntax", "config",
				       "%s, línea %u: se esperaba «clave = valor».",
				       "%s, line %u: expected \"key = value\".",
				       path, lineno);
			break;
		}
		*eq = '\0';
		key = trim(key);
		value = trim(eq + 1);
		if (key_index(key) < 0) {
			rc = error_set(err, RC_INVALID, "unknown_setting", key,
				       "%s, línea %u: la opción «%s» no existe.",
				       "%s, line %u: unknown setting \"%s\".",
				       path, lineno, key);
			break;
		}
		config_set(cfg, key, value, NULL);
	}
	fclose(f);
	return rc;
}

void config_load_env(struct config *cfg)
{
	for (size_t i = 0; i < config_key_count; i++) {
		const char *v = getenv(config_keys[i].env);

		if (v && *v) {
			free(cfg->values[i]);
			cfg->values[i] = xstrdup(v);
		}
	}
}

const char *config_get(const struct config *cfg, const char *name)
{
	long i = key_index(name);

	BUG_ON(i < 0);
	return cfg->values[i];
}

int config_get_long(const struct config *cfg, const char *name, long min,
		    long max, long *out, struct error *err)
{
	const char *v = config_get(cfg, name);
	char *end;
	long n;

	if (!v)
		v = "";
	errno = 0;
	n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < min || n > max)
		return error_set(err, RC_INVALID, "invalid_setting", name,
				 "El valor «%s» de «%s» no es válido: use un entero entre %ld y %ld.",
				 "Invalid value \"%s\" for \"%s\": use an integer between %ld and %ld.",
				 v, name, min, max);
	*out = n;
	return RC_OK;
}

bool config_get_bool(const struct config *cfg, const char *name)
{
	const char *v = config_get(cfg, name);

	return v && (!strcasecmp(v, "1") || !strcasecmp(v, "true") ||
		     !strcasecmp(v, "yes") || !strcasecmp(v, "on"));
}
