/* templates.c - default message templates and their syntax (see templates.h). */
#include "core/common.h"
#include "outbox/templates.h"

#define MAX_DEPTH 8
#define MAX_NAME 40

static const char *const service_info_vars[] = {
	"service_name", "agency_name", "service_content", "date", NULL,
};
static const char *const case_created_vars[] = {
	"case_number", "service_name", "agency_name", "created_date",
	"sla1_due", "sla2_due", NULL,
};
static const char *const case_status_vars[] = {
	"case_number", "service_name", "agency_name", "status",
	"previous_status", "resolution", "date", NULL,
};
static const char *const sla_vars[] = {
	"case_number", "service_name", "agency_name", "sla", "due_date",
	"status", NULL,
};

const struct outbox_template_def outbox_template_defs[] = {
	{
		"service_info",
		"Información de un servicio enviada a un ciudadano (correo electrónico y fax)",
		"Service information sent to a citizen (email and fax)",
		service_info_vars,
		{ "Información del servicio: {{service_name}}",
		  "Service information: {{service_name}}" },
		{ "Saludos:\n\n"
		  "Le enviamos la información que solicitó a Tu Línea de Servicios de Gobierno 3-1-1 "
		  "sobre el servicio «{{service_name}}» de {{agency_name}}. También la encontrará en "
		  "el documento PDF adjunto.\n\n"
		  "{{service_content}}\n\n"
		  "Si necesita más ayuda, llame al 3-1-1 de lunes a viernes.\n"
		  "Este mensaje se envió automáticamente el {{date}}; no responda a esta dirección.\n",
		  "Hello,\n\n"
		  "Here is the information you requested from Tu Línea de Servicios de Gobierno 3-1-1 "
		  "about the service \"{{service_name}}\" of {{agency_name}}. You will also find it "
		  "in the attached PDF document.\n\n"
		  "{{service_content}}\n\n"
		  "If you need more help, call 3-1-1 Monday to Friday.\n"
		  "This message was sent automatically on {{date}}; please do not reply to this address.\n" },
		{ "<p>Saludos:</p>\n"
		  "<p>Le enviamos la información que solicitó a Tu Línea de Servicios de Gobierno 3-1-1 "
		  "sobre el servicio <strong>{{service_name}}</strong> de {{agency_name}}. También la "
		  "encontrará en el documento PDF adjunto.</p>\n"
		  "{{service_content}}\n"
		  "<p>Si necesita más ayuda, llame al 3-1-1 de lunes a viernes.</p>\n"
		  "<p><small>Este mensaje se envió automáticamente el {{date}}; no responda a esta "
		  "dirección.</small></p>\n",
		  "<p>Hello,</p>\n"
		  "<p>Here is the information you requested from Tu Línea de Servicios de Gobierno 3-1-1 "
		  "about the service <strong>{{service_name}}</strong> of {{agency_name}}. You will also "
		  "find it in the attached PDF document.</p>\n"
		  "{{service_content}}\n"
		  "<p>If you need more help, call 3-1-1 Monday to Friday.</p>\n"
		  "<p><small>This message was sent automatically on {{date}}; please do not reply to "
		  "this address.</small></p>\n" },
	},
	{
		"case_created",
		"Aviso de un referido nuevo a los enlaces de la agencia",
		"New referral notice to the agency's liaisons",
		case_created_vars,
		{ "Nuevo referido {{case_number}}: {{service_name}}",
		  "New referral {{case_number}}: {{service_name}}" },
		{ "Tu Línea de Servicios de Gobierno 3-1-1 creó el referido {{case_number}} para "
		  "{{agency_name}} sobre el servicio «{{service_name}}» el {{created_date}}.\n\n"
		  "Primer contacto (SLA1) a más tardar: {{sla1_due}}\n"
		  "Cierre (SLA2) a más tardar: {{sla2_due}}\n\n"
		  "Consulte el referido en linea311. Para proteger la privacidad del ciudadano, "
		  "este mensaje no incluye sus datos personales.\n",
		  "Tu Línea de Servicios de Gobierno 3-1-1 created referral {{case_number}} for "
		  "{{agency_name}} about the service \"{{service_name}}\" on {{created_date}}.\n\n"
		  "First contact (SLA1) due by: {{sla1_due}}\n"
		  "Resolution (SLA2) due by: {{sla2_due}}\n\n"
		  "See the referral in linea311. To protect the citizen's privacy, this message "
		  "does not include their personal data.\n" },
		{ "<p>Tu Línea de Servicios de Gobierno 3-1-1 creó el referido <strong>{{case_number}}</strong> "
		  "para {{agency_name}} sobre el servicio «{{service_name}}» el {{created_date}}.</p>\n"
		  "<ul><li>Primer contacto (SLA1) a más tardar: {{sla1_due}}</li>\n"
		  "<li>Cierre (SLA2) a más tardar: {{sla2_due}}</li></ul>\n"
		  "<p>Consulte el referido en linea311. Para proteger la privacidad del ciudadano, "
		  "este mensaje no incluye sus datos personales.</p>\n",
		  "<p>Tu Línea de Servicios de Gobierno 3-1-1 created referral <strong>{{case_number}}</strong> "
		  "for {{agency_name}} about the service \"{{service_name}}\" on {{created_date}}.</p>\n"
		  "<ul><li>First contact (SLA1) due by: {{sla1_due}}</li>\n"
		  "<li>Resolution (SLA2) due by: {{sla2_due}}</li></ul>\n"
		  "<p>See the referral in linea311. To protect the citizen's privacy, this message "
		  "does not include their personal data.</p>\n" },
	},
	{
		"case_status",
		"Aviso al ciudadano de un cambio de estado de su caso",
		"Notice to the citizen that their case changed status",
		case_status_vars,
		{ "Su caso {{case_number}} está ahora: {{status}}",
		  "Your case {{case_number}} is now: {{status}}" },
		{ "Saludos:\n\n"
		  "Su caso {{case_number}} sobre el servicio «{{service_name}}» de {{agency_name}} "
		  "cambió de estado el {{date}}.\n\n"
		  "Estado anterior: {{previous_status}}\n"
		  "Estado actual: {{status}}\n"
		  "{{#resolution}}Resolución: {{resolution}}\n{{/resolution}}\n"
		  "Para más información, llame al 3-1-1 y mencione el número de su caso.\n"
		  "Recibe este mensaje porque pidió que le avisáramos de los cambios de su caso.\n",
		  "Hello,\n\n"
		  "Your case {{case_number}} about the service \"{{service_name}}\" of {{agency_name}} "
		  "changed status on {{date}}.\n\n"
		  "Previous status: {{previous_status}}\n"
		  "Current status: {{status}}\n"
		  "{{#resolution}}Resolution: {{resolution}}\n{{/resolution}}\n"
		  "For more information, call 3-1-1 and give your case number.\n"
		  "You receive this message because you asked to be told when your case changes.\n" },
		{ "<p>Saludos:</p>\n"
		  "<p>Su caso <strong>{{case_number}}</strong> sobre el servicio «{{service_name}}» de "
		  "{{agency_name}} cambió de estado el {{date}}.</p>\n"
		  "<ul><li>Estado anterior: {{previous_status}}</li>\n"
		  "<li>Estado actual: <strong>{{status}}</strong></li></ul>\n"
		  "{{#resolution}}<p>Resolución: {{resolution}}</p>\n{{/resolution}}"
		  "<p>Para más información, llame al 3-1-1 y mencione el número de su caso.</p>\n"
		  "<p><small>Recibe este mensaje porque pidió que le avisáramos de los cambios de su "
		  "caso.</small></p>\n",
		  "<p>Hello,</p>\n"
		  "<p>Your case <strong>{{case_number}}</strong> about the service \"{{service_name}}\" of "
		  "{{agency_name}} changed status on {{date}}.</p>\n"
		  "<ul><li>Previous status: {{previous_status}}</li>\n"
		  "<li>Current status: <strong>{{status}}</strong></li></ul>\n"
		  "{{#resolution}}<p>Resolution: {{resolution}}</p>\n{{/resolution}}"
		  "<p>For more information, call 3-1-1 and give your case number.</p>\n"
		  "<p><small>You receive this message because you asked to be told when your case "
		  "changes.</small></p>\n" },
	},
	{
		"sla_at_risk",
		"Aviso de un SLA en riesgo al enlace y al coordinador",
		"Notice of an SLA at risk to the liaison and the coordinator",
		sla_vars,
		{ "{{sla}} en riesgo: referido {{case_number}}",
		  "{{sla}} at risk: referral {{case_number}}" },
		{ "El referido {{case_number}} de {{agency_name}} (servicio «{{service_name}}») está en "
		  "riesgo de incumplir el {{sla}}, que vence el {{due_date}}.\n\n"
		  "Estado del referido: {{status}}\n\n"
		  "Atienda el referido en linea311 antes de esa fecha.\n",
		  "Referral {{case_number}} of {{agency_name}} (service \"{{service_name}}\") is at risk "
		  "of missing its {{sla}}, due on {{due_date}}.\n\n"
		  "Referral status: {{status}}\n\n"
		  "Please act on the referral in linea311 before that date.\n" },
		{ "<p>El referido <strong>{{case_number}}</strong> de {{agency_name}} (servicio "
		  "«{{service_name}}») está en riesgo de incumplir el {{sla}}, que vence el "
		  "<strong>{{due_date}}</strong>.</p>\n"
		  "<p>Estado del referido: {{status}}</p>\n"
		  "<p>Atienda el referido en linea311 antes de esa fecha.</p>\n",
		  "<p>Referral <strong>{{case_number}}</strong> of {{agency_name}} (service "
		  "\"{{service_name}}\") is at risk of missing its {{sla}}, due on "
		  "<strong>{{due_date}}</strong>.</p>\n"
		  "<p>Referral status: {{status}}</p>\n"
		  "<p>Please act on the referral in linea311 before that date.</p>\n" },
	},
	{
		"sla_breached",
		"Aviso de un SLA incumplido al enlace y al coordinador",
		"Notice of a missed SLA to the liaison and the coordinator",
		sla_vars,
		{ "{{sla}} incumplido: referido {{case_number}}",
		  "{{sla}} missed: referral {{case_number}}" },
		{ "El referido {{case_number}} de {{agency_name}} (servicio «{{service_name}}») no "
		  "cumplió el {{sla}}, que venció el {{due_date}}.\n\n"
		  "Estado del referido: {{status}}\n\n"
		  "Atienda el referido en linea311 lo antes posible.\n",
		  "Referral {{case_number}} of {{agency_name}} (service \"{{service_name}}\") missed "
		  "its {{sla}}, which was due on {{due_date}}.\n\n"
		  "Referral status: {{status}}\n\n"
		  "Please act on the referral in linea311 as soon as possible.\n" },
		{ "<p>El referido <strong>{{case_number}}</strong> de {{agency_name}} (servicio "
		  "«{{service_name}}») no cumplió el {{sla}}, que venció el "
		  "<strong>{{due_date}}</strong>.</p>\n"
		  "<p>Estado del referido: {{status}}</p>\n"
		  "<p>Atienda el referido en linea311 lo antes posible.</p>\n",
		  "<p>Referral <strong>{{case_number}}</strong> of {{agency_name}} (service "
		  "\"{{service_name}}\") missed its {{sla}}, which was due on "
		  "<strong>{{due_date}}</strong>.</p>\n"
		  "<p>Referral status: {{status}}</p>\n"
		  "<p>Please act on the referral in linea311 as soon as possible.</p>\n" },
	},
	{ NULL, NULL, NULL, NULL, { NULL, NULL }, { NULL, NULL }, { NULL, NULL } },
};

const struct outbox_template_def *outbox_template_find(const char *key)
{
	for (const struct outbox_template_def *d = outbox_template_defs; d->key; d++)
		if (!strcmp(d->key, key))
			return d;
	return NULL;
}

void outbox_html_escape(struct strbuf *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '&':
			strbuf_adds(out, "&amp;");
			break;
		case '<':
			strbuf_adds(out, "&lt;");
			break;
		case '>':
			strbuf_adds(out, "&gt;");
			break;
		case '"':
			strbuf_adds(out, "&quot;");
			break;
		case '\'':
			strbuf_adds(out, "&#39;");
			break;
		default:
			strbuf_addch(out, *p);
		}
	}
}

/* One "{{...}}" tag. */
struct tag {
	size_t start;  /* offset of "{{" */
	size_t end;    /* offset after "}}" */
	char kind;     /* '#' section open, '/' section close, 0 variable */
	char name[MAX_NAME + 1];
	bool valid;    /* closed, with a name of [a-z0-9_] */
};

/* Read the tag whose "{{" is at tmpl + at. */
static struct tag read_tag(const char *tmpl, size_t at)
{
	struct tag t = { .start = at };
	const char *p = tmpl + at + 2, *close = strstr(p, "}}"), *name_end;
	size_t len;

	if (!close) {
		t.end = strlen(tmpl);
		return t;
	}
	t.end = (size_t)(close - tmpl) + 2;
	while (p < close && *p == ' ')
		p++;
	if (p < close && (*p == '#' || *p == '/'))
		t.kind = *p++;
	while (p < close && *p == ' ')
		p++;
	name_end = p;
	while (name_end < close && ((*name_end >= 'a' && *name_end <= 'z') ||
				    (*name_end >= '0' && *name_end <= '9') ||
				    *name_end == '_'))
		name_end++;
	len = (size_t)(name_end - p);
	while (name_end < close && *name_end == ' ')
		name_end++;
	if (len == 0 || len > MAX_NAME || name_end != close)
		return t;
	memcpy(t.name, p, len);
	t.name[len] = '\0';
	t.valid = true;
	return t;
}

static const struct outbox_var *find_var(const struct outbox_var *vars,
					 size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (!strcmp(vars[i].name, name))
			return &vars[i];
	return NULL;
}

static void add_value(struct strbuf *out, const struct outbox_var *v, bool html,
		      bool one_line)
{
	const char *text = v && v->text ? v->text : "";

	if (html && v && v->html) {
		strbuf_adds(out, v->html);
		return;
	}
	if (!one_line) {
		if (html)
			outbox_html_escape(out, text);
		else
			strbuf_adds(out, text);
		return;
	}
	for (const char *p = text; *p; p++) {
		char c = *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p;

		if (html) {
			char s[2] = { c, '\0' };

			outbox_html_escape(out, s);
		} else {
			strbuf_addch(out, c);
		}
	}
}

void outbox_template_render(const char *tmpl, const struct outbox_var *vars,
			    size_t count, bool html, bool one_line,
			    struct strbuf *out)
{
	bool skipping[MAX_DEPTH + 1] = { false };
	size_t depth = 0, at = 0;

	for (;;) {
		const char *open = strstr(tmpl + at, "{{");
		size_t stop = open ? (size_t)(open - tmpl) : strlen(tmpl);
		struct tag t;

		if (!skipping[depth])
			strbuf_add(out, tmpl + at, stop - at);
		if (!open)
			return;
		t = read_tag(tmpl, stop);
		at = t.end;
		if (!t.valid)
			continue; /* a malformed tag renders as nothing */
		if (t.kind == '#' && depth < MAX_DEPTH) {
			const struct outbox_var *v = find_var(vars, count, t.name);

			depth++;
			skipping[depth] = skipping[depth - 1] || !v || !v->text || !*v->text;
		} else if (t.kind == '/' && depth > 0) {
			depth--;
		} else if (!t.kind && !skipping[depth]) {
			add_value(out, find_var(vars, count, t.name), html, one_line);
		}
	}
}

static bool allowed(const struct outbox_template_def *def, const char *name)
{
	for (const char *const *v = def->variables; *v; v++)
		if (!strcmp(*v, name))
			return true;
	return false;
}

int outbox_template_check(const struct outbox_template_def *def,
			  const char *tmpl, const char *field,
			  struct error *err)
{
	char open_names[MAX_DEPTH][MAX_NAME + 1];
	size_t depth = 0, at = 0;
	char names[400] = "";

	for (const char *const *v = def->variables; *v; v++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
			 v == def->variables ? "" : ", ", *v);
	for (;;) {
		const char *open = strstr(tmpl + at, "{{");
		struct tag t;

		if (!open)
			break;
		t = read_tag(tmpl, (size_t)(open - tmpl));
		if (!t.valid)
			return error_set(err, RC_INVALID, "invalid_template", field,
					 "La etiqueta en la posición %zu no es válida: escriba {{nombre}}, {{#nombre}} o {{/nombre}} con una de estas variables: %s.",
					 "The tag at position %zu is invalid: write {{name}}, {{#name}} or {{/name}} with one of these variables: %s.",
					 t.start + 1, names);
		if (!allowed(def, t.name))
			return error_set(err, RC_INVALID, "unknown_variable", field,
					 "La variable «%s» no existe en esta plantilla. Use una de estas: %s.",
					 "The variable \"%s\" does not exist in this template. Use one of: %s.",
					 t.name, names);
		if (t.kind == '#') {
			if (depth == MAX_DEPTH)
				return error_set(err, RC_INVALID, "invalid_template", field,
						 "Las secciones se anidan en más de %d niveles.",
						 "Sections are nested more than %d levels deep.",
						 MAX_DEPTH);
			snprintf(open_names[depth++], MAX_NAME + 1, "%s", t.name);
		} else if (t.kind == '/') {
			if (!depth || strcmp(open_names[depth - 1], t.name))
				return error_set(err, RC_INVALID, "invalid_template", field,
						 "La etiqueta {{/%s}} en la posición %zu no cierra ninguna sección abierta.",
						 "The tag {{/%s}} at position %zu closes no open section.",
						 t.name, t.start + 1);
			depth--;
		}
		at = t.end;
	}
	if (depth)
		return error_set(err, RC_INVALID, "invalid_template", field,
				 "Falta {{/%s}} para cerrar la sección {{#%s}}.",
				 "{{/%s}} is missing to close the section {{#%s}}.",
				 open_names[depth - 1], open_names[depth - 1]);
	return RC_OK;
}
