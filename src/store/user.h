/*
 * user.h - storage of accounts, sessions and log-in throttling.
 *
 * A user object has the JSON API's members: id, username, name, role,
 * agency_id, office_id, active, failed_logins, locked_until,
 * last_login_at, password_changed_at, created_at, updated_at. The
 * password hash never leaves the store except through
 * store_user_credentials. Writes must run inside store_begin/commit.
 */
#ifndef LINEA311_STORE_USER_H
#define LINEA311_STORE_USER_H

#include <time.h>

#include "store/kb.h"

struct user_filter {
	const char *role;    /* NULL: any */
	long long agency_id; /* 0: any */
	int active;          /* -1: any, 0 or 1 */
	const char *q;       /* substring of the user name or the name */
};

/*
 * Create a user from a validated object (username, name, role,
 * agency_id, office_id, active) with the given password hash. RC_CONFLICT
 * when the user name is taken or, for an active liaison, when the agency
 * has no free licence.
 */
int store_user_create(struct store *store, json_t *user,
		      const char *password_hash, long long *id,
		      struct error *err);

/*
 * Store the validated members name, role, agency_id, office_id and
 * active of user id. Checks the agency's licences when the result is an
 * active liaison, and ends the user's sessions when the account is
 * disabled or its role or scope changes.
 */
int store_user_update(struct store *store, long long id, json_t *user,
		      struct error *err);

int store_user_get(struct store *store, long long id, json_t **out,
		   struct error *err);
int store_user_find(struct store *store, const char *username, json_t **out,
		    struct error *err);
int store_user_list(struct store *store, const struct user_filter *f,
		    const struct page *page, json_t **out, struct error *err);

/* Count the accounts (any status), for the first administrator. */
int store_user_count(struct store *store, long long *out, struct error *err);

/* Count active administrators other than except_id (0: none). */
int store_user_count_admins(struct store *store, long long except_id,
			    long long *out, struct error *err);

/*
 * Check that agency_id has a free licence for one more active liaison,
 * not counting user except_id (0: none). Returns RC_CONFLICT, naming the
 * agency, its licences and the liaisons using them, when it has none
 * left, and RC_INVALID when the agency does not exist or is archived.
 */
int store_licence_check(struct store *store, long long agency_id,
			long long except_id, struct error *err);

/* Check that office_id exists, is not archived and belongs to agency_id
 * (0: any agency); *agency_out gets the office's agency. */
int store_office_agency(struct store *store, long long office_id,
			long long agency_id, long long *agency_out,
			struct error *err);

/* Store a new password hash; clears failed log-ins and the lock and
 * ends every session of the user but keep_session (0: none). */
int store_user_set_password(struct store *store, long long id,
			    const char *password_hash, long long keep_session,
			    struct error *err);

/* Replace the hash of an unchanged password by one made with today's
 * parameters. */
int store_user_rehash(struct store *store, long long id,
		      const char *password_hash, struct error *err);

/* The account data that a log-in checks. */
struct user_credentials {
	long long id;
	char username[64];
	char hash[128];
	bool active;
	long long failed_logins;
	time_t locked_until; /* 0: not locked */
};

/* Read the credentials of username; RC_NOT_FOUND when none. */
int store_user_credentials(struct store *store, const char *username,
			   struct user_credentials *out, struct error *err);

/* Count a failed log-in of user id. At max failures the account locks
 * until lock_until, the count starts again and *locked is set true. */
int store_user_login_failed(struct store *store, long long id, long long max,
			    time_t lock_until, bool *locked, struct error *err);

/* Record a successful log-in: clear the failures and the lock. */
int store_user_login_succeeded(struct store *store, long long id,
			       struct error *err);

/* Read the agency and office (0: not routed to one) of case id, for a
 * liaison's scope; RC_NOT_FOUND when there is no such case. */
int store_case_scope(struct store *store, long long case_id,
		     long long *agency_id, long long *office_id,
		     struct error *err);

/* ---- sessions ---- */

struct session_record {
	long long id;
	long long user_id;
	char kind[8];        /* "cookie" or "bearer" */
	char csrf_token[48]; /* cookie sessions only */
	time_t created_at;
	time_t last_seen_at;
	time_t expires_at;   /* absolute end */
	/* the account, as it is now */
	char username[64];
	char role[24];
	long long agency_id; /* 0: none */
	long long office_id; /* 0: none */
	bool user_active;
};

/* Store a new session for user_id under token_hash. */
int store_session_create(struct store *store, long long user_id,
			 const char *token_hash, const char *kind,
			 const char *csrf_token, const char *address,
			 time_t expires_at, long long *id, struct error *err);

/* Read the live (not ended) session whose token hashes to token_hash,
 * with its account; RC_NOT_FOUND when none. Works outside transactions. */
int store_session_lookup(struct store *store, const char *token_hash,
			 struct session_record *out, struct error *err);

/* Record that session id was used now. */
int store_session_touch(struct store *store, long long id, struct error *err);

/* End session id. */
int store_session_end(struct store *store, long long id, struct error *err);

/* Delete sessions that ended or expired before the given instant. */
int store_session_purge(struct store *store, time_t before, struct error *err);

/* ---- log-in throttling per client address ---- */

/* Return when address is locked until (0: not locked). */
int store_throttle_locked_until(struct store *store, const char *address,
				time_t *out, struct error *err);

/* Count a failed log-in from address in a window of window_seconds from
 * its first failure; at max failures the address locks until the
 * window ends. *locked_until is 0 while it is not locked. */
int store_throttle_failed(struct store *store, const char *address,
			  long long max, long long window_seconds,
			  time_t *locked_until, struct error *err);

#endif
