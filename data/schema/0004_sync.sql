-- Sync (docs/ARCHITECTURE.md §5, docs/sync-protocol.md): what a station has pushed and pulled, what the hub refused, and, on a hub's
-- copy of an office, which station database each event came from.

-- Where an event came from: NULL for an event written on this PC; otherwise the database id of
-- the station that wrote it (on a hub), or the originating station's id as the hub reported it
-- (on a station that pulled it). A station pushes only its own (NULL) events, and a hub's feed
-- leaves out a station's own events.
ALTER TABLE events ADD COLUMN origin TEXT;

-- Per hub epoch (a hub that lost its data gets a new one): the highest local sequence the hub
-- acknowledged and the hub's feed position applied here. A new epoch starts both at 0.
CREATE TABLE sync_cursor (
	epoch  TEXT PRIMARY KEY,
	pushed INTEGER NOT NULL DEFAULT 0,
	pulled INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Local events the hub refused, with its reason: shown to a person, never re-sent by themselves.
CREATE TABLE sync_quarantine (
	seq    INTEGER PRIMARY KEY,                     -- events.seq
	code   TEXT NOT NULL,
	reason TEXT NOT NULL,
	at     TEXT NOT NULL                            -- when the hub refused it
);
