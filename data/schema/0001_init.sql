-- Một Cửa schema, version 1. Applied in one transaction with the rest of the migrations.

-- application_id marks the file as a Một Cửa database so restore can refuse any other file.
PRAGMA application_id = 1297371969;

-- Key/value facts about this database: its id (a new one means a new or reset database, which a
-- hub uses to detect that a station lost its data), the station number, the office code.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE offices (
	code           TEXT PRIMARY KEY,             -- agency code (mã định danh), e.g. 000.00.06.H56
	name           TEXT NOT NULL,
	level          TEXT NOT NULL,                 -- tinh, huyen, xa
	parent_code    TEXT NOT NULL DEFAULT '',
	governing_body TEXT NOT NULL DEFAULT '',      -- cơ quan chủ quản, top left of every form
	place          TEXT NOT NULL DEFAULT '',      -- place name in "<place>, ngày … tháng … năm …"
	hours          TEXT NOT NULL DEFAULT '07:00-11:30,13:30-17:00,15:00'
) WITHOUT ROWID;

-- Office settings that forms and statistics read: signers, citation lines, date mode, …
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE fields (
	id   INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL
);

CREATE TABLE units (
	id     INTEGER PRIMARY KEY,
	code   TEXT NOT NULL UNIQUE,
	name   TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE procedures (
	id           INTEGER PRIMARY KEY,
	code         TEXT NOT NULL UNIQUE,
	name         TEXT NOT NULL,
	field_id     INTEGER REFERENCES fields(id),
	level        TEXT NOT NULL DEFAULT '',
	agency       TEXT NOT NULL DEFAULT '',
	unit_id      INTEGER REFERENCES units(id),
	limit_value  REAL NOT NULL DEFAULT 0,
	limit_unit   TEXT NOT NULL DEFAULT 'ngay_lam_viec',
	limit_hours  INTEGER NOT NULL DEFAULT 0,       -- working hours, 1 day = 8 h
	online_value REAL,                             -- shorter online limit, NULL when none
	online_unit  TEXT,
	online_level TEXT NOT NULL DEFAULT '',         -- toan_trinh, mot_phan, '' (information only)
	linked       INTEGER NOT NULL DEFAULT 0,       -- liên thông
	fee_note     TEXT NOT NULL DEFAULT '',
	source       TEXT NOT NULL DEFAULT '',
	note         TEXT NOT NULL DEFAULT '',
	active       INTEGER NOT NULL DEFAULT 1,
	search       TEXT NOT NULL DEFAULT ''          -- folded code + name for the picker
);

CREATE TABLE procedure_docs (
	procedure_id INTEGER NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
	n            INTEGER NOT NULL,
	name         TEXT NOT NULL,
	required     INTEGER NOT NULL DEFAULT 1,
	originals    INTEGER NOT NULL DEFAULT 0,
	copies       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (procedure_id, n)
) WITHOUT ROWID;

CREATE TABLE procedure_fees (
	procedure_id INTEGER NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
	n            INTEGER NOT NULL,
	name         TEXT NOT NULL,
	amount       INTEGER NOT NULL,
	stage        TEXT NOT NULL DEFAULT 'tiep_nhan',  -- tiep_nhan or tra_ket_qua
	PRIMARY KEY (procedure_id, n)
) WITHOUT ROWID;

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
	full_name     TEXT NOT NULL,
	title         TEXT NOT NULL DEFAULT '',
	unit_id       INTEGER REFERENCES units(id),
	roles         INTEGER NOT NULL,
	password_hash TEXT NOT NULL,
	active        INTEGER NOT NULL DEFAULT 1,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until  INTEGER NOT NULL DEFAULT 0,      -- unix seconds
	created_at    TEXT NOT NULL
);

-- Logins, logouts and refused logins: who used this PC when.
CREATE TABLE audit (
	id       INTEGER PRIMARY KEY,
	at       TEXT NOT NULL,
	username TEXT NOT NULL,
	action   TEXT NOT NULL,
	detail   TEXT NOT NULL DEFAULT ''
);

-- Official calendar days (imported or edited); years or holidays not covered here are computed.
CREATE TABLE calendar_days (
	date   TEXT PRIMARY KEY,                        -- YYYY-MM-DD
	kind   TEXT NOT NULL CHECK (kind IN ('holiday', 'comp', 'swap_off', 'makeup')),
	label  TEXT NOT NULL,
	tag    TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- The event log. Rows are never updated except to mark a replay conflict, never deleted.
CREATE TABLE events (
	seq      INTEGER PRIMARY KEY,                   -- local order; the sync cursor
	id       BLOB NOT NULL UNIQUE,                  -- UUIDv7, 16 bytes
	dossier  BLOB NOT NULL,                         -- UUIDv7 of the dossier
	type     TEXT NOT NULL,
	at       TEXT NOT NULL,                         -- RFC 3339 with offset
	actor    TEXT NOT NULL,
	station  INTEGER NOT NULL,
	office   TEXT NOT NULL,
	payload  TEXT NOT NULL,
	conflict TEXT                                   -- why the event did not fit on replay
);
CREATE INDEX events_dossier ON events(dossier);

-- Per office, day and station: the last dossier number minted. Station s mints s*1000+1 … s*1000+999.
CREATE TABLE code_counters (
	office  TEXT NOT NULL,
	day     TEXT NOT NULL,                          -- yyMMdd
	station INTEGER NOT NULL,
	last    INTEGER NOT NULL,
	PRIMARY KEY (office, day, station)
) WITHOUT ROWID;

-- Projection of the log: what lists, filters and statistics read. Times are unix seconds so that
-- a year of a million rows scans fast; the log keeps the RFC 3339 originals.
CREATE TABLE dossiers (
	rid           INTEGER PRIMARY KEY,              -- rowid shared with the search index
	id            BLOB NOT NULL UNIQUE,
	code          TEXT UNIQUE,                      -- NULL until received (online, refused)
	office        TEXT NOT NULL,
	status        INTEGER NOT NULL,
	procedure_id  INTEGER,
	field_id      INTEGER,
	unit_id       INTEGER,
	handler       TEXT NOT NULL DEFAULT '',
	receiver      TEXT NOT NULL DEFAULT '',
	channel       INTEGER NOT NULL,
	applicant     TEXT NOT NULL,
	applicant_id  TEXT NOT NULL DEFAULT '',
	phone         TEXT NOT NULL DEFAULT '',
	address       TEXT NOT NULL DEFAULT '',
	submitted_at  INTEGER,
	received_at   INTEGER,
	due_at        INTEGER,                          -- legal due incl. pauses; NULL = no due date
	due_original  INTEGER,
	apology_due   INTEGER,
	paused_at     INTEGER,
	finished_at   INTEGER,
	returned_at   INTEGER,
	supplements   INTEGER NOT NULL DEFAULT 0,
	apologies     INTEGER NOT NULL DEFAULT 0,
	rating        INTEGER NOT NULL DEFAULT 0,
	fee_received  INTEGER NOT NULL DEFAULT 0,
	fee_returned  INTEGER NOT NULL DEFAULT 0,
	conflicts     INTEGER NOT NULL DEFAULT 0,
	last_seq      INTEGER NOT NULL
);
CREATE INDEX dossiers_received ON dossiers(received_at) WHERE received_at IS NOT NULL;
-- Covering for "pending at the end of a period" and the staff evaluation: both read the dossiers
-- finished after a moment.
CREATE INDEX dossiers_finished ON dossiers(finished_at, received_at, due_at, unit_id, field_id)
	WHERE finished_at IS NOT NULL;
-- The open dossiers only: overdue counts and "my work" lists.
CREATE INDEX dossiers_unfinished ON dossiers(due_at, received_at, unit_id, field_id)
	WHERE finished_at IS NULL AND received_at IS NOT NULL;
CREATE INDEX dossiers_open ON dossiers(status, due_at);
CREATE INDEX dossiers_handler ON dossiers(handler, status) WHERE handler <> '';

-- Full-text search over Go-folded text (marks stripped, đ→d, lower case); contentless, keyed by
-- dossiers.rid. detail=none keeps it small: queries are ANDs of single tokens, never phrases.
-- Prefix indexes of 1–4 letters: the last word typed is a prefix, and without them a prefix that
-- matches a word of every address ("thanh" of Thanh Hóa) merges a million-entry list per query.
CREATE VIRTUAL TABLE dossier_search USING fts5(
	text, content='', contentless_delete=1, detail=none, prefix='1 2 3 4',
	tokenize='unicode61 remove_diacritics 2'
);

-- Per day, unit and field: what the periodic report adds up. Kept by the projection in the same
-- transaction as each event (the dossier's old contribution out, the new one in), so a year's
-- report reads a few thousand rows instead of a million dossiers. day = local date as days since
-- 1970-01-01 (Vietnam has no daylight saving, so (unix + 7 h) / 1 day).
CREATE TABLE daily_stats (
	day             INTEGER NOT NULL,
	unit_id         INTEGER NOT NULL,             -- 0: none
	field_id        INTEGER NOT NULL,             -- 0: none
	received_direct INTEGER NOT NULL DEFAULT 0,   -- by reception day
	received_online INTEGER NOT NULL DEFAULT 0,
	received_post   INTEGER NOT NULL DEFAULT 0,
	fee_received    INTEGER NOT NULL DEFAULT 0,
	finished        INTEGER NOT NULL DEFAULT 0,   -- by day of the end of processing
	early_ts        INTEGER NOT NULL DEFAULT 0,   -- verdicts in the timestamp mode
	late_ts         INTEGER NOT NULL DEFAULT 0,
	early_date      INTEGER NOT NULL DEFAULT 0,   -- verdicts in the date mode
	late_date       INTEGER NOT NULL DEFAULT 0,
	fee_returned    INTEGER NOT NULL DEFAULT 0,   -- by day of return
	rated_very      INTEGER NOT NULL DEFAULT 0,
	rated_satisfied INTEGER NOT NULL DEFAULT 0,
	rated_dis       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (day, unit_id, field_id)
) WITHOUT ROWID;
