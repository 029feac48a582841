-- Synonym and acronym groups for operator search: each row is a group of
-- phrases that mean the same ("DTOP", "Departamento de Transportación y
-- Obras Públicas"), stored as a JSON array of strings.

CREATE TABLE synonyms (
	id INTEGER PRIMARY KEY,
	phrases TEXT NOT NULL,
	note TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
