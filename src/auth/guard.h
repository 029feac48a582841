/*
 * guard.h - the checks of the authorization table that need stored data
 * (enum authz_guard in auth/authz.h).
 */
#ifndef LINEA311_GUARD_H
#define LINEA311_GUARD_H

#include "auth/auth.h"

/* Run the guard of s->rule for req; false when the request must stop,
 * with res filled (403, or 404 for an object outside a liaison's scope). */
bool guard_check(struct request *req, struct response *res,
		 const struct auth_session *s);

#endif
