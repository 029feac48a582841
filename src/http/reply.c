/* reply.c - filling responses (see http.h). */
#include "core/common.h"
#include "core/utf8.h"
#include "http/http.h"

void reply_json(struct response *res, unsigned status, json_t *value)
{
	char *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);

	res->status = status;
	res->content_type = "application/json; charset=utf-8";
	strbuf_reset(&res->body);
	strbuf_adds(&res->body, text);
	strbuf_addch(&res->body, '\n');
	free(text);
	json_decref(value);
}

void reply_error(struct request *req, struct response *res,
		 const struct error *err)
{
	struct error clean = *err;
	json_t *body;

	/* Messages and fields may quote user input that is not UTF-8. */
	utf8_sanitize(clean.message_es);
	utf8_sanitize(clean.message_en);
	utf8_sanitize(clean.field);
	body = json_pack("{s{ssssss?}}", "error", "code", clean.code,
			 "message", error_message(&clean, req->lang),
			 "field", clean.field[0] ? clean.field : NULL);
	BUG_ON(!body);
	reply_json(res, error_http_status(err->rc), body);
}

int reply_fail(struct request *req, struct response *res, int rc,
	       const char *code, const char *field, const char *fmt_es,
	       const char *fmt_en, ...)
{
	struct error err;
	va_list ap, ap2;

	error_set(&err, rc, code, field, "%s", "%s", "", "");
	va_start(ap, fmt_en);
	va_copy(ap2, ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(err.message_es, sizeof(err.message_es), fmt_es, ap);
	vsnprintf(err.message_en, sizeof(err.message_en), fmt_en, ap2);
#pragma GCC diagnostic pop
	va_end(ap2);
	va_end(ap);
	reply_error(req, res, &err);
	return rc;
}

void reply_bytes(struct response *res, unsigned status,
		 const char *content_type, const void *data, size_t len)
{
	res->status = status;
	res->content_type = content_type;
	strbuf_reset(&res->body);
	strbuf_add(&res->body, data, len);
}

void reply_header(struct response *res, const char *name, const char *value)
{
	BUG_ON(res->header_count >= HTTP_MAX_HEADERS);
	res->headers[res->header_count][0] = xstrdup(name);
	res->headers[res->header_count][1] = xstrdup(value);
	res->header_count++;
}

void reply_empty(struct response *res)
{
	res->status = 204;
	res->content_type = NULL;
	strbuf_reset(&res->body);
}
