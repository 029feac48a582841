-- Accounts, sessions, log-in throttling and the audit trail.
-- Timestamps are UTC, ISO 8601 with "Z", as in every other table.

-- A liaison (role 'liaison') is bound to one agency; a regional liaison
-- is also bound to one office of that agency. Other roles have neither.
-- password_hash is a libsodium Argon2id string ("$argon2id$v=19$...").
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	name TEXT,
	role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor',
		'content_manager', 'coordinator', 'liaison', 'admin')),
	agency_id INTEGER REFERENCES agencies (id),
	office_id INTEGER REFERENCES offices (id),
	password_hash TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until TEXT,
	password_changed_at TEXT NOT NULL,
	last_login_at TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK ((role = 'liaison') = (agency_id IS NOT NULL)),
	CHECK (office_id IS NULL OR role = 'liaison')
);
CREATE INDEX users_liaisons ON users (agency_id) WHERE role = 'liaison';

-- Only the SHA-256 of a session token is stored, so a copy of the
-- database does not let anyone act as a user. kind says where the token
-- is accepted: 'cookie' (browser, with a CSRF token) or 'bearer'.
CREATE TABLE sessions (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	user_id INTEGER NOT NULL REFERENCES users (id),
	kind TEXT NOT NULL CHECK (kind IN ('cookie', 'bearer')),
	csrf_token TEXT,
	address TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	ended_at TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed log-ins per client address, counted in a window that starts at
-- the first failure.
CREATE TABLE login_throttle (
	address TEXT PRIMARY KEY,
	failures INTEGER NOT NULL,
	window_started_at TEXT NOT NULL,
	locked_until TEXT
);

-- The audit trail. Each entry's hash is SHA-256 over the previous
-- entry's hash and this entry's canonical form (see src/auth/chain.h),
-- so changing or removing an entry breaks the chain from there on.
-- seq runs 1, 2, 3 ... without gaps.
CREATE TABLE audit_log (
	seq INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	kind TEXT NOT NULL,
	actor TEXT NOT NULL,
	user_id INTEGER,
	role TEXT,
	address TEXT NOT NULL,
	method TEXT,
	route TEXT,
	object_type TEXT,
	object_id TEXT,
	status INTEGER,
	request_id TEXT,
	detail TEXT NOT NULL DEFAULT '{}',
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_actor ON audit_log (actor);
CREATE INDEX audit_object ON audit_log (object_type, object_id);
CREATE INDEX audit_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- A change request in flight: written before the handler runs and
-- replaced by its audit_log entry once the handler has finished. A row
-- left behind by a crash is turned into an entry of kind 'interrupted'.
CREATE TABLE audit_pending (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	user_id INTEGER,
	role TEXT,
	address TEXT NOT NULL,
	method TEXT NOT NULL,
	route TEXT NOT NULL,
	object_type TEXT,
	object_id TEXT,
	request_id TEXT,
	detail TEXT NOT NULL DEFAULT '{}'
);
