/* error.c - filling and mapping struct error (see error.h). */
#include "core/common.h"
#include "core/error.h"

int error_set(struct error *err, int rc, const char *code, const char *field,
	      const char *fmt_es, const char *fmt_en, ...)
{
	va_list ap, ap2;

	if (!err)
		return rc;
	err->rc = rc;
	snprintf(err->code, sizeof(err->code), "%s", code ? code : "error");
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");

	va_start(ap, fmt_en);
	va_copy(ap2, ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(err->message_es, sizeof(err->message_es), fmt_es, ap);
	vsnprintf(err->message_en, sizeof(err->message_en), fmt_en, ap2);
#pragma GCC diagnostic pop
	va_end(ap2);
	va_end(ap);
	return rc;
}

void error_clear(struct error *err)
{
	memset(err, 0, sizeof(*err));
}

const char *error_message(const struct error *err, enum lang lang)
{
	return lang == LANG_EN ? err->message_en : err->message_es;
}

unsigned error_http_status(int rc)
{
	switch (rc) {
	case RC_OK: return 200;
	case RC_BAD_REQUEST: return 400;
	case RC_UNAUTHORIZED: return 401;
	case RC_FORBIDDEN: return 403;
	case RC_NOT_FOUND: return 404;
	case RC_METHOD: return 405;
	case RC_CONFLICT: return 409;
	case RC_TOO_LARGE: return 413;
	case RC_UNSUPPORTED: return 415;
	case RC_INVALID: return 422;
	case RC_LOCKED: return 423;
	case RC_TOO_MANY: return 429;
	case RC_UNAVAILABLE: return 503;
	default: return 500;
	}
}

static void prepend(char *buf, size_t size, const char *prefix)
{
	size_t plen = strlen(prefix), blen = strlen(buf);

	if (plen >= size)
		plen = size - 1;
	if (plen + blen >= size)
		blen = size - 1 - plen;
	memmove(buf + plen, buf, blen);
	memcpy(buf, prefix, plen);
	buf[plen + blen] = '\0';
}

void error_prefix(struct error *err, const char *prefix_es,
		  const char *prefix_en)
{
	prepend(err->message_es, sizeof(err->message_es), prefix_es);
	prepend(err->message_en, sizeof(err->message_en), prefix_en);
}

void error_prefix_field(struct error *err, const char *path)
{
	if (err->field[0])
		prepend(err->field, sizeof(err->field), ".");
	prepend(err->field, sizeof(err->field), path);
}
