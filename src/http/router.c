/* router.c - matching a request to its route (see router.h). */
#include "core/common.h"
#include "http/router.h"

/* Match pattern against the segments of path (already split in segs). */
static bool match(const char *pattern, char **segs, size_t nsegs,
		  const char **params, size_t *nparams)
{
	const char *p = pattern;
	size_t i = 0;

	*nparams = 0;
	while (*p == '/') {
		const char *end;
		size_t len;

		p++;
		end = strchr(p, '/');
		len = end ? (size_t)(end - p) : strlen(p);
		if (i >= nsegs)
			return false;
		if (len > 1 && p[0] == '{') {
			if (*nparams >= HTTP_MAX_PARAMS || !*segs[i])
				return false;
			params[(*nparams)++] = segs[i];
		} else if (strlen(segs[i]) != len || memcmp(segs[i], p, len)) {
			return false;
		}
		i++;
		p += len;
	}
	return i == nsegs;
}

enum route_match router_match(const char *method, const char *path,
			      char *buf, size_t size, struct request *req,
			      size_t *index, char *allow, size_t allow_size)
{
	char *segs[16];
	size_t nsegs = 0, allow_len = 0;
	bool path_found = false;
	char *p;

	if (snprintf(buf, size, "%s", path) >= (int)size || buf[0] != '/')
		return ROUTE_NO_PATH;
	/* "/a/b/" is the same resource as "/a/b". */
	size_t len = strlen(buf);
	if (len > 1 && buf[len - 1] == '/')
		buf[len - 1] = '\0';
	for (p = buf + 1; nsegs < ARRAY_SIZE(segs);) {
		char *slash = strchr(p, '/');

		segs[nsegs++] = p;
		if (!slash)
			break;
		*slash = '\0';
		p = slash + 1;
	}
	if (nsegs == ARRAY_SIZE(segs))
		return ROUTE_NO_PATH;
	if (nsegs == 1 && !*segs[0])
		nsegs = 0;

	allow[0] = '\0';
	for (size_t i = 0; i < route_count; i++) {
		const char *params[HTTP_MAX_PARAMS];
		size_t nparams;

		if (!match(routes[i].pattern, segs, nsegs, params, &nparams))
			continue;
		path_found = true;
		if (!strcmp(routes[i].method, method) ||
		    (!strcmp(method, "HEAD") && !strcmp(routes[i].method, "GET"))) {
			memcpy(req->params, params, sizeof(params));
			req->param_count = nparams;
			req->route = routes[i].pattern;
			*index = i;
			return ROUTE_FOUND;
		}
		int n = snprintf(allow + allow_len, allow_size - allow_len, "%s%s",
				 allow_len ? ", " : "", routes[i].method);
		if (n > 0 && (size_t)n < allow_size - allow_len)
			allow_len += (size_t)n;
	}
	return path_found ? ROUTE_NO_METHOD : ROUTE_NO_PATH;
}
