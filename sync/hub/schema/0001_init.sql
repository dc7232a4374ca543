-- hub.db, version 1: the hub's epoch, its tokens and what each station last reported.
-- Applied in one transaction with the rest of the migrations (internal/migrate).

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- Tokens are kept as SHA-256 of the random token: a copy of hub.db lets nobody in.
CREATE TABLE tokens (
	hash    TEXT PRIMARY KEY,
	kind    TEXT NOT NULL CHECK (kind IN ('station', 'reader')),
	office  TEXT NOT NULL,            -- '' for a province-wide reader
	station INTEGER NOT NULL,         -- -1 for a reader
	created TEXT NOT NULL,
	revoked TEXT
) WITHOUT ROWID;

-- What each station last told the hub, for the health page.
CREATE TABLE stations (
	office       TEXT NOT NULL,
	station      INTEGER NOT NULL,
	db           TEXT NOT NULL DEFAULT '',
	last_contact TEXT NOT NULL DEFAULT '',
	held         INTEGER NOT NULL DEFAULT 0,  -- no longer kept: the office's store counts what it holds
	rejected     INTEGER NOT NULL DEFAULT 0,  -- events refused
	acked        INTEGER NOT NULL DEFAULT 0,  -- its last acknowledged sequence
	backlog      INTEGER NOT NULL DEFAULT 0,
	quarantined  INTEGER NOT NULL DEFAULT 0,
	clock_ms     INTEGER NOT NULL DEFAULT 0,  -- hub clock minus station clock
	PRIMARY KEY (office, station)
) WITHOUT ROWID;
