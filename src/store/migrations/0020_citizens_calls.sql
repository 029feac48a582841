-- Citizens and the calls that the 3-1-1 line logs. Timestamps are UTC,
-- ISO 8601 with "Z". Phone numbers are stored in E.164 ("+17875550100")
-- so that a search finds them however they were written; name_folded is
-- the name lowercased without accents (text_fold), for searches by name.

CREATE TABLE citizens (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	email TEXT,
	postal_address TEXT,
	zip_code TEXT,
	municipio TEXT,
	language TEXT NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en')),
	contact_method TEXT NOT NULL DEFAULT 'phone'
		CHECK (contact_method IN ('phone', 'email', 'mail')),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX citizens_email ON citizens (email COLLATE NOCASE);
CREATE INDEX citizens_name ON citizens (name_folded);

CREATE TABLE citizen_phones (
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	number TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'mobile'
		CHECK (kind IN ('mobile', 'home', 'work', 'other')),
	PRIMARY KEY (citizen_id, number)
);
CREATE INDEX citizen_phones_number ON citizen_phones (number);

-- case_id points to the case the call created or followed up; the cases
-- table comes in the next migration, so the reference is not declared.
CREATE TABLE calls (
	id INTEGER PRIMARY KEY,
	type TEXT NOT NULL
		CHECK (type IN ('information', 'transaction', 'referral', 'follow_up')),
	channel TEXT NOT NULL
		CHECK (channel IN ('phone', 'email', 'fax', 'web', 'in_person', 'api')),
	citizen_id INTEGER REFERENCES citizens (id),
	caller_phone TEXT,
	service_id INTEGER REFERENCES services (id),
	agency_id INTEGER REFERENCES agencies (id),
	case_id INTEGER,
	operator TEXT NOT NULL,
	started_at TEXT NOT NULL,
	ended_at TEXT,
	outcome TEXT,
	sent_via TEXT CHECK (sent_via IN ('email', 'fax')),
	notes TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX calls_started ON calls (started_at);
CREATE INDEX calls_citizen ON calls (citizen_id);
CREATE INDEX calls_case ON calls (case_id);
CREATE INDEX calls_operator ON calls (operator, started_at);
