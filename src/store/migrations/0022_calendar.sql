-- The business calendar. A year with a row in calendar_years is a "data
-- year": its holidays and closures are exactly the calendar_entries of
-- that year. Any other year follows the default rules computed in code.
-- generation counts the changes, so that a server notices a change made
-- by another process (the command line) and reloads the calendar.

CREATE TABLE calendar_years (
	year INTEGER PRIMARY KEY,
	source TEXT NOT NULL CHECK (source IN ('rules', 'edit', 'import')),
	confirmed_at TEXT,
	confirmed_by TEXT,
	updated_at TEXT NOT NULL
);

CREATE TABLE calendar_entries (
	date TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('holiday', 'closure', 'half_day')),
	year INTEGER NOT NULL REFERENCES calendar_years (year),
	name TEXT NOT NULL,
	PRIMARY KEY (date, kind)
);
CREATE INDEX calendar_entries_year ON calendar_entries (year);

CREATE TABLE calendar_state (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	generation INTEGER NOT NULL
);
INSERT INTO calendar_state (id, generation) VALUES (1, 1);
