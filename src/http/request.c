/* request.c - reading a request's parameters and body (see http.h). */
#include "core/common.h"
#include "core/utf8.h"
#include "domain/municipio.h"
#include "http/http.h"

#include <ctype.h>
#include <microhttpd.h>
#include <strings.h>

const char *req_query(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

static int parse_long(const char *s, long long *out)
{
	char *end;
	long long n;

	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = n;
	return 0;
}

int req_id(struct request *req, struct response *res, size_t i, long long *out)
{
	BUG_ON(i >= req->param_count);
	if (parse_long(req->params[i], out) || *out < 1)
		return reply_fail(req, res, RC_BAD_REQUEST, "invalid_id", "id",
				  "El identificador «%s» no es válido: debe ser un número entero positivo.",
				  "The id \"%s\" is not valid: it must be a positive integer.",
				  req->params[i]);
	return RC_OK;
}

int req_json(struct request *req, struct response *res, json_t **out)
{
	const char *type = req_header(req, "Content-Type");
	json_error_t jerr;
	size_t bad;
	json_t *v;

	if (!type || strncasecmp(type, "application/json", 16) ||
	    (type[16] && type[16] != ';' && type[16] != ' '))
		return reply_fail(req, res, RC_UNSUPPORTED, "unsupported_media_type", NULL,
				  "Envíe el cuerpo como JSON con la cabecera Content-Type: application/json.",
				  "Send the body as JSON with the header Content-Type: application/json.");
	if (req->body_len == 0)
		return reply_fail(req, res, RC_BAD_REQUEST, "empty_body", NULL,
				  "La solicitud no tiene cuerpo. Envíe un objeto JSON.",
				  "The request has no body. Send a JSON object.");
	if (!utf8_valid(req->body, req->body_len, &bad))
		return reply_fail(req, res, RC_BAD_REQUEST, "invalid_utf8", NULL,
				  "El cuerpo no es UTF-8 válido (byte %zu). Guarde el texto en UTF-8.",
				  "The body is not valid UTF-8 (byte %zu). Save the text as UTF-8.",
				  bad);
	v = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!v)
		return reply_fail(req, res, RC_BAD_REQUEST, "invalid_json", NULL,
				  "El cuerpo no es JSON válido (línea %d, columna %d): %s.",
				  "The body is not valid JSON (line %d, column %d): %s.",
				  jerr.line, jerr.column, jerr.text);
	if (!json_is_object(v)) {
		json_decref(v);
		return reply_fail(req, res, RC_BAD_REQUEST, "invalid_body", NULL,
				  "El cuerpo debe ser un objeto JSON ({...}).",
				  "The body must be a JSON object ({...}).");
	}
	*out = v;
	return RC_OK;
}

int req_query_long(struct request *req, struct response *res,
		   const char *name, long long min, long long max,
		   long long def, long long *out)
{
	const char *v = req_query(req, name);

	if (!v || !*v) {
		*out = def;
		return RC_OK;
	}
	if (parse_long(v, out) || *out < min || *out > max)
		return reply_fail(req, res, RC_BAD_REQUEST, "invalid_parameter", name,
				  "El parámetro «%s» debe ser un número entero entre %lld y %lld.",
				  "The parameter \"%s\" must be an integer between %lld and %lld.",
				  name, min, max);
	return RC_OK;
}

int req_query_text(struct request *req, struct response *res,
		   const char *name, size_t max, const char **out)
{
	const char *v = req_query(req, name);
	size_t len = v ? strlen(v) : 0;

	*out = NULL;
	if (!len)
		return RC_OK;
	if (!utf8_valid(v, len, NULL))
		return reply_fail(req, res, RC_BAD_REQUEST, "invalid_utf8", name,
				  "El parámetro «%s» no es UTF-8 válido.",
				  "The parameter \"%s\" is not valid UTF-8.", name);
	if (len > max)
		return reply_fail(req, res, RC_BAD_REQUEST, "too_long", name,
				  "El parámetro «%s» es demasiado largo: el máximo es %zu bytes.",
				  "The parameter \"%s\" is too long: the maximum is %zu bytes.",
				  name, max);
	*out = v;
	return RC_OK;
}

int req_query_enum(struct request *req, struct response *res,
		   const char *name, const char *const *values,
		   const char **out)
{
	const char *v = req_query(req, name);
	struct strbuf list = STRBUF_INIT;
	int rc;

	*out = NULL;
	if (!v || !*v)
		return RC_OK;
	for (const char *const *p = values; *p; p++) {
		if (!strcmp(*p, v)) {
			*out = *p;
			strbuf_release(&list);
			return RC_OK;
		}
		strbuf_addf(&list, "%s%s", p == values ? "" : ", ", *p);
	}
	rc = reply_fail(req, res, RC_BAD_REQUEST, "invalid_parameter", name,
			"El parámetro «%s» no admite ese valor. Use uno de: %s.",
			"The parameter \"%s\" does not take that value. Use one of: %s.",
			name, strbuf_str(&list));
	strbuf_release(&list);
	return rc;
}

int req_query_municipio(struct request *req, struct response *res,
			const char *name, const char **out)
{
	const char *v;

	if (req_query_text(req, res, name, 60, &v))
		return RC_BAD_REQUEST;
	*out = v ? municipio_canonical(v) : NULL;
	if (v && !*out)
		return reply_fail(req, res, RC_BAD_REQUEST, "invalid_municipio", name,
				  "«%s» no es un municipio de Puerto Rico.",
				  "\"%s\" is not a municipio of Puerto Rico.", v);
	return RC_OK;
}

int req_page(struct request *req, struct response *res, struct page *page)
{
	if (req_query_long(req, res, "limit", 1, 500, 50, &page->limit) ||
	    req_query_long(req, res, "offset", 0, INT64_MAX / 2, 0, &page->offset))
		return RC_BAD_REQUEST;
	return RC_OK;
}
