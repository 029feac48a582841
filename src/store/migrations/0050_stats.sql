-- The change log that the statistics engine reads to keep its in-memory
-- copy of cases and calls current. Triggers append the id of every case
-- or call that is inserted, deleted or changed in a column the figures
-- use (the SLA sweep, which only rewrites sla*_state, adds nothing).
-- kind: 1 case, 2 call. stats_state.epoch moves when the log is cleared,
-- which tells every reader to reload everything.

CREATE TABLE stats_changes (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
	row_id INTEGER NOT NULL
);

CREATE TABLE stats_state (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	epoch INTEGER NOT NULL
);
INSERT INTO stats_state (id, epoch) VALUES (1, 1);

CREATE TRIGGER stats_case_insert AFTER INSERT ON cases
BEGIN
	INSERT INTO stats_changes (kind, row_id) VALUES (1, NEW.id);
END;

CREATE TRIGGER stats_case_update AFTER UPDATE OF created_at, agency_id,
	service_id, created_by, channel, municipio, status, first_contact_at,
	closed_at, cancelled_at, sla1_outcome, sla2_outcome ON cases
BEGIN
	INSERT INTO stats_changes (kind, row_id) VALUES (1, NEW.id);
END;

CREATE TRIGGER stats_case_delete AFTER DELETE ON cases
BEGIN
	INSERT INTO stats_changes (kind, row_id) VALUES (1, OLD.id);
END;

CREATE TRIGGER stats_call_insert AFTER INSERT ON calls
BEGIN
	INSERT INTO stats_changes (kind, row_id) VALUES (2, NEW.id);
END;

CREATE TRIGGER stats_call_update AFTER UPDATE OF type, channel, citizen_id,
	service_id, agency_id, operator, started_at ON calls
BEGIN
	INSERT INTO stats_changes (kind, row_id) VALUES (2, NEW.id);
END;

CREATE TRIGGER stats_call_delete AFTER DELETE ON calls
BEGIN
	INSERT INTO stats_changes (kind, row_id) VALUES (2, OLD.id);
END;
