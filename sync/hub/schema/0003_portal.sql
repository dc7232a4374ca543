-- hub.db, version 3: the province portal's adapter delivers dossiers submitted online.

-- A portal token may only deliver submissions. SQLite cannot change a CHECK constraint: the
-- tokens are copied into a new table. (This file may run again on a hub.db whose tokens already
-- allow portals: see legacyVersion in sync/hub/schema.go. Copying them again changes nothing.)
CREATE TABLE tokens_new (
	hash    TEXT PRIMARY KEY,
	kind    TEXT NOT NULL CHECK (kind IN ('station', 'reader', 'portal')),
	office  TEXT NOT NULL,            -- '' for a province-wide reader or portal
	station INTEGER NOT NULL,         -- -1 for a reader or portal
	created TEXT NOT NULL,
	revoked TEXT
) WITHOUT ROWID;
INSERT INTO tokens_new SELECT hash, kind, office, station, created, revoked FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;

-- Each delivered submission by the portal's dossier number, with the event written for it: a
-- second delivery answers the same dossier, and a delivery whose first attempt failed after this
-- row was written stores that same event (idempotent by event id).
CREATE TABLE IF NOT EXISTS submissions (
	office      TEXT NOT NULL,
	external_id TEXT NOT NULL,
	dossier     TEXT NOT NULL,
	event       TEXT NOT NULL,  -- the submitted event, in the wire format
	at          TEXT NOT NULL,
	PRIMARY KEY (office, external_id)
) WITHOUT ROWID;
