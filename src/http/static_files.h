/*
 * static_files.h - the web application's files, compiled into the binary
 * from web/. A path without a file extension that names no file gets
 * web/index.html, so the application's own routes survive a reload.
 */
#ifndef LINEA311_STATIC_FILES_H
#define LINEA311_STATIC_FILES_H

#include "http/http.h"

/* Reply with the file for path; false when there is none. */
bool static_file_reply(struct request *req, struct response *res,
		       const char *path);

#endif
