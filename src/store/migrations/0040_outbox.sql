-- The outbox: email and fax messages to citizens and agencies. A message
-- is inserted in the same transaction as the change that causes it, and
-- the sender worker delivers it later. Timestamps are UTC, ISO 8601 with
-- "Z". case_id and call_id point to the cases and calls tables of the
-- cases module; the references are not declared so that this module does
-- not depend on the order in which the two are installed.
--
-- Delivery states:
--   queued     due at next_attempt_at
--   sending    claimed by the sender; sending_phase is 'connecting' until
--              the whole message has been handed to the mail server or
--              fax command, then 'transmitted'
--   sent       accepted by the mail server (or the fax command exited 0)
--   failed     rejected permanently, or out of attempts
--   uncertain  the sender stopped after transmitting and before learning
--              the outcome; not resent automatically, to avoid duplicates
--   cancelled  withdrawn by staff before delivery
CREATE TABLE outbox_messages (
	id INTEGER PRIMARY KEY,
	message_id TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL,
	channel TEXT NOT NULL CHECK (channel IN ('email', 'fax')),
	recipient TEXT NOT NULL,
	language TEXT NOT NULL CHECK (language IN ('es', 'en')),
	subject TEXT NOT NULL,
	body_text TEXT NOT NULL,
	body_html TEXT,
	status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN
		('queued', 'sending', 'sent', 'failed', 'uncertain', 'cancelled')),
	sending_phase TEXT CHECK (sending_phase IN ('connecting', 'transmitted')),
	attempts INTEGER NOT NULL DEFAULT 0,
	attempt_id TEXT,
	next_attempt_at TEXT,
	error_code TEXT,
	last_error TEXT,
	service_id INTEGER,
	agency_id INTEGER,
	case_id INTEGER,
	call_id INTEGER,
	dedupe_key TEXT UNIQUE,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	sent_at TEXT
);
CREATE INDEX outbox_messages_due ON outbox_messages (status, next_attempt_at);
CREATE INDEX outbox_messages_case ON outbox_messages (case_id)
	WHERE case_id IS NOT NULL;
CREATE INDEX outbox_messages_call ON outbox_messages (call_id)
	WHERE call_id IS NOT NULL;

CREATE TABLE outbox_attachments (
	message_id INTEGER NOT NULL REFERENCES outbox_messages (id),
	position INTEGER NOT NULL,
	filename TEXT NOT NULL,
	content_type TEXT NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (message_id, position)
);

-- One row per delivery attempt, for the message's status page.
-- outcome: sent, retry, failed, uncertain, interrupted (the server
-- stopped before transmitting; the message was queued again), or NULL
-- while the attempt runs.
CREATE TABLE outbox_attempts (
	message_id INTEGER NOT NULL REFERENCES outbox_messages (id),
	attempt INTEGER NOT NULL,
	attempt_id TEXT NOT NULL,
	started_at TEXT NOT NULL,
	finished_at TEXT,
	outcome TEXT,
	error_code TEXT,
	error TEXT,
	PRIMARY KEY (message_id, attempt)
);

-- Templates edited by the administrator; a key and language without a
-- row use the default compiled into the program.
CREATE TABLE outbox_templates (
	key TEXT NOT NULL,
	language TEXT NOT NULL CHECK (language IN ('es', 'en')),
	subject TEXT NOT NULL,
	body_text TEXT NOT NULL,
	body_html TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (key, language)
);

-- Citizens who asked to be told by email when their case changes status.
CREATE TABLE outbox_case_subscriptions (
	case_id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	language TEXT NOT NULL CHECK (language IN ('es', 'en')),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
