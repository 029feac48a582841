-- Cases (referidos) with their SLA clocks, history and notes.
--
-- SLA dates (sla*_start, sla*_due, sla*_stopped) are Puerto Rico local
-- dates "YYYY-MM-DD"; every other time is UTC "…Z". sla*_outcome is
-- pending, met or missed and never changes once decided; sla*_state is
-- the state the last write or SLA sweep computed (on_time, at_risk,
-- overdue, met, missed), NULL for a cancelled case.

CREATE TABLE case_counters (
	year INTEGER PRIMARY KEY,
	last_seq INTEGER NOT NULL
);

CREATE TABLE cases (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,
	year INTEGER NOT NULL,
	seq INTEGER NOT NULL,
	citizen_id INTEGER REFERENCES citizens (id),
	service_id INTEGER NOT NULL REFERENCES services (id),
	agency_id INTEGER NOT NULL REFERENCES agencies (id),
	office_id INTEGER REFERENCES offices (id),
	area TEXT,
	assignee TEXT,
	channel TEXT NOT NULL,
	call_id INTEGER REFERENCES calls (id),
	description TEXT NOT NULL,
	municipio TEXT,
	location TEXT,
	status TEXT NOT NULL DEFAULT 'new'
		CHECK (status IN ('new', 'contacted', 'in_progress', 'closed', 'cancelled')),
	resolution TEXT,
	cancel_reason TEXT CHECK (cancel_reason IN ('duplicate', 'withdrawn', 'other')),
	duplicate_of INTEGER REFERENCES cases (id),
	first_contact_at TEXT,
	first_contact_method TEXT,
	first_contact_by TEXT,
	closed_at TEXT,
	cancelled_at TEXT,
	reopened_at TEXT,
	reopen_count INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	sla1_start TEXT NOT NULL,
	sla1_days INTEGER NOT NULL,
	sla1_due TEXT NOT NULL,
	sla1_outcome TEXT NOT NULL DEFAULT 'pending'
		CHECK (sla1_outcome IN ('pending', 'met', 'missed')),
	sla1_stopped TEXT,
	sla1_state TEXT,
	sla2_start TEXT NOT NULL,
	sla2_days INTEGER NOT NULL,
	sla2_due TEXT NOT NULL,
	sla2_outcome TEXT NOT NULL DEFAULT 'pending'
		CHECK (sla2_outcome IN ('pending', 'met', 'missed')),
	sla2_stopped TEXT,
	sla2_state TEXT,
	UNIQUE (year, seq)
);
CREATE INDEX cases_status ON cases (status);
CREATE INDEX cases_agency ON cases (agency_id, status);
CREATE INDEX cases_office ON cases (office_id);
CREATE INDEX cases_service ON cases (service_id);
CREATE INDEX cases_citizen ON cases (citizen_id);
CREATE INDEX cases_created ON cases (created_at);
CREATE INDEX cases_municipio ON cases (municipio);
CREATE INDEX cases_duplicate_of ON cases (duplicate_of);

-- The complete history of a case, one row per change. data holds the
-- details of the change as a JSON object (the SLA outcomes at closing,
-- the clock replaced by a reopening, ...).
CREATE TABLE case_events (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	type TEXT NOT NULL,
	from_status TEXT,
	to_status TEXT,
	data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE case_notes (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	at TEXT NOT NULL,
	author TEXT NOT NULL,
	visibility TEXT NOT NULL CHECK (visibility IN ('internal', 'citizen')),
	text TEXT NOT NULL
);
CREATE INDEX case_notes_case ON case_notes (case_id, id);
