-- Knowledge base: agencies, their offices, and services with every
-- version of their templates. Timestamps are UTC, ISO 8601 with "Z".
-- JSON documents are stored as TEXT so the schema ports to PostgreSQL.

CREATE TABLE agencies (
	id INTEGER PRIMARY KEY,
	acronym TEXT,
	name_es TEXT NOT NULL,
	name_en TEXT,
	level TEXT NOT NULL CHECK (level IN ('federal', 'state', 'municipal')),
	parent_id INTEGER REFERENCES agencies (id),
	municipio TEXT,
	integration_status TEXT NOT NULL DEFAULT 'not_integrated'
		CHECK (integration_status IN ('not_integrated', 'onboarding', 'integrated', 'suspended')),
	licences INTEGER NOT NULL DEFAULT 0 CHECK (licences >= 0),
	website TEXT,
	phone TEXT,
	email TEXT,
	contacts TEXT NOT NULL DEFAULT '[]',
	social_media TEXT NOT NULL DEFAULT '[]',
	onboarding TEXT NOT NULL DEFAULT '{}',
	archived INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX agencies_acronym ON agencies (acronym)
	WHERE acronym IS NOT NULL AND archived = 0;
CREATE INDEX agencies_parent ON agencies (parent_id);

CREATE TABLE offices (
	id INTEGER PRIMARY KEY,
	agency_id INTEGER NOT NULL REFERENCES agencies (id),
	name_es TEXT NOT NULL,
	name_en TEXT,
	address TEXT,
	municipio TEXT,
	phones TEXT NOT NULL DEFAULT '[]',
	fax TEXT,
	email TEXT,
	latitude REAL,
	longitude REAL,
	hours TEXT NOT NULL DEFAULT '{}',
	notes TEXT,
	archived INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX offices_agency ON offices (agency_id);

-- A service row carries what is true of every version; the content lives
-- in service_versions. version is the latest (working) version and status
-- its workflow state; published_version is what operators and citizens
-- see, kept while a newer draft goes through review.
CREATE TABLE services (
	id INTEGER PRIMARY KEY,
	agency_id INTEGER NOT NULL REFERENCES agencies (id),
	status TEXT NOT NULL DEFAULT 'draft'
		CHECK (status IN ('draft', 'in_review', 'approved', 'published', 'archived')),
	version INTEGER NOT NULL DEFAULT 1,
	published_version INTEGER,
	referrals_allowed INTEGER NOT NULL DEFAULT 0,
	sla2_days INTEGER NOT NULL DEFAULT 30 CHECK (sla2_days BETWEEN 1 AND 365),
	last_reviewed_at TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX services_agency ON services (agency_id);
CREATE INDEX services_status ON services (status);

-- One row per change: content edits and workflow transitions alike, each
-- with the whole document as it stood after the change.
CREATE TABLE service_versions (
	service_id INTEGER NOT NULL REFERENCES services (id),
	version INTEGER NOT NULL,
	status TEXT NOT NULL,
	document TEXT NOT NULL,
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	change TEXT NOT NULL,
	PRIMARY KEY (service_id, version)
);
