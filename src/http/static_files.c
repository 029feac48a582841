/* static_files.c - serving the embedded web application (see static_files.h). */
#include "core/common.h"
#include "core/embedded.h"
#include "http/static_files.h"

static const char *content_type(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".json", "application/json; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".woff2", "font/woff2" },
	};
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < ARRAY_SIZE(types); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

bool static_file_reply(struct request *req, struct response *res,
		       const char *path)
{
	const struct embedded_file *f = NULL;
	char name[512];
	const char *last = strrchr(path, '/');

	(void)req;
	if (strstr(path, ".."))
		return false;
	if (snprintf(name, sizeof(name), "web%s", path) < (int)sizeof(name) &&
	    strcmp(path, "/"))
		f = embedded_find(name);
	if (!f && (!last || !strchr(last, '.')))
		f = embedded_find("web/index.html");
	if (!f)
		return false;
	reply_bytes(res, 200, content_type(f->name), f->data, f->len);
	reply_header(res, "Cache-Control", strcmp(f->name, "web/index.html") ? "public, max-age=300" : "no-cache");
	reply_header(res, "Content-Security-Policy",
		     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
	return true;
}
