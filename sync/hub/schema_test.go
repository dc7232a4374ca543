package hub

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/internal/migrate"
)

// The DDL hub.db was made with before it had numbered schema files, kept here only as fixtures:
// hub.go made meta, tokens and stations with CREATE TABLE IF NOT EXISTS on every open, and
// upgradeHub (submission.go) detected the tokens' CHECK with strings.Contains(ddl, "'portal'").
const (
	oldMeta = `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;`
	// tokens of the first hub, then of today (the old upgrade copied into tokens_new and renamed)
	oldTokens = `CREATE TABLE IF NOT EXISTS %s (
	hash    TEXT PRIMARY KEY,
	kind    TEXT NOT NULL CHECK (kind IN ('station', 'reader')),
	office  TEXT NOT NULL,
	station INTEGER NOT NULL,
	created TEXT NOT NULL,
	revoked TEXT
) WITHOUT ROWID;`
	oldPortalTokens = `CREATE TABLE IF NOT EXISTS %s (
	hash    TEXT PRIMARY KEY,
	kind    TEXT NOT NULL CHECK (kind IN ('station', 'reader', 'portal')),
	office  TEXT NOT NULL,
	station INTEGER NOT NULL,
	created TEXT NOT NULL,
	revoked TEXT
) WITHOUT ROWID;`
	// stations of the first hub (no db_changes), then from the health page's database changes on
	oldStations = `CREATE TABLE IF NOT EXISTS stations (
	office       TEXT NOT NULL,
	station      INTEGER NOT NULL,
	db           TEXT NOT NULL DEFAULT '',
	last_contact TEXT NOT NULL DEFAULT '',
	held         INTEGER NOT NULL DEFAULT 0,
	rejected     INTEGER NOT NULL DEFAULT 0,
	acked        INTEGER NOT NULL DEFAULT 0,
	backlog      INTEGER NOT NULL DEFAULT 0,
	quarantined  INTEGER NOT NULL DEFAULT 0,
	clock_ms     INTEGER NOT NULL DEFAULT 0,%s
	PRIMARY KEY (office, station)
) WITHOUT ROWID;`
	oldDBChanges   = "\n\tdb_changes   INTEGER NOT NULL DEFAULT 0,"
	oldSubmissions = `CREATE TABLE IF NOT EXISTS submissions (
	office      TEXT NOT NULL,
	external_id TEXT NOT NULL,
	dossier     TEXT NOT NULL,
	event       TEXT NOT NULL,
	at          TEXT NOT NULL,
	PRIMARY KEY (office, external_id)
) WITHOUT ROWID;`
)

// oldTokensUpgraded is what the old upgrade left: portal tokens copied into a renamed table.
var oldTokensUpgraded = []string{fmt.Sprintf(oldPortalTokens, "tokens_new"),
	"INSERT INTO tokens_new SELECT hash, kind, office, station, created, revoked FROM tokens",
	"DROP TABLE tokens", "ALTER TABLE tokens_new RENAME TO tokens"}

// legacyShapes are the hub.db files the code before numbered files could have left, and the
// version each one is at.
var legacyShapes = []struct {
	name    string
	version int
	ddl     []string
}{
	{"first hub", 1, []string{oldMeta, fmt.Sprintf(oldTokens, "tokens"), fmt.Sprintf(oldStations, "")}},
	{"first hub given portals by the old upgrade, without db_changes", 1, append([]string{oldMeta,
		fmt.Sprintf(oldTokens, "tokens"), fmt.Sprintf(oldStations, "")}, append(oldTokensUpgraded, oldSubmissions)...)},
	{"health page's db_changes", 2, []string{oldMeta, fmt.Sprintf(oldTokens, "tokens"), fmt.Sprintf(oldStations, oldDBChanges)}},
	{"old upgrade stopped after the tokens", 2, append([]string{oldMeta, fmt.Sprintf(oldTokens, "tokens"),
		fmt.Sprintf(oldStations, oldDBChanges)}, oldTokensUpgraded...)},
	{"upgraded to portals", 3, append([]string{oldMeta, fmt.Sprintf(oldTokens, "tokens"),
		fmt.Sprintf(oldStations, oldDBChanges)}, append(oldTokensUpgraded, oldSubmissions)...)},
	{"made with portals", 3, []string{oldMeta, fmt.Sprintf(oldPortalTokens, "tokens"),
		fmt.Sprintf(oldStations, oldDBChanges), oldSubmissions}},
}

const legacyToken = "legacy-station-token"

// makeLegacyHub writes dir/hub.db the old way, with an epoch, a station token, a revoked reader,
// a station's report and (when the shape has them) a submission.
func makeLegacyHub(t *testing.T, dir string, ddl []string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(filepath.Join(dir, "hub.db")))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range ddl {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, q := range []string{
		"INSERT INTO meta VALUES ('epoch', 'old-epoch')",
		"INSERT INTO tokens VALUES ('" + hashToken(legacyToken) + "', 'station', '000.00.00.H01', 1, '2026-01-01T00:00:00Z', NULL)",
		"INSERT INTO tokens VALUES ('" + hashToken("revoked") + "', 'reader', '', -1, '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')",
		"INSERT INTO stations(office, station, db, last_contact, rejected, acked, clock_ms) VALUES ('000.00.00.H01', 1, 'db-1', '2026-03-01T08:00:00Z', 2, 41, 1500)",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var subs int
	db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'submissions'").Scan(&subs)
	if subs > 0 {
		if _, err := db.Exec("INSERT INTO submissions VALUES ('000.00.00.H01', 'G-1', 'id-1', '{}', '2026-03-01T08:00:00Z')"); err != nil {
			t.Fatal(err)
		}
	}
}

// Every hub.db the old code could have made opens with the numbered files, its data intact: the
// epoch, the tokens (a revoked one stays revoked), the stations' reports and the submissions.
func TestLegacyHubDBUpgradesWithItsData(t *testing.T) {
	ctx := context.Background()
	today := schemaShape(t, freshHubDB(t))
	for _, shape := range legacyShapes {
		t.Run(shape.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "offices"), 0o700)
			makeLegacyHub(t, dir, shape.ddl)
			hadSubmission := strings.Contains(strings.Join(shape.ddl, "\n"), "submissions")
			h, err := Open(dir, WithClock(func() time.Time { return time.Date(2026, 3, 12, 8, 30, 0, 0, time.UTC) }))
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			if h.Epoch() != "old-epoch" {
				t.Errorf("epoch %q, want the old one", h.Epoch())
			}
			if p, err := h.authenticate(ctx, legacyToken); err != nil || p.Kind != "station" || p.Station != 1 {
				t.Errorf("old station token: %+v, %v", p, err)
			}
			if _, err := h.authenticate(ctx, "revoked"); err != errUnauthorized {
				t.Errorf("revoked token: %v", err)
			}
			if _, err := h.EnrollPortal(ctx, "000.00.00.H01"); err != nil {
				t.Errorf("portal token: %v", err)
			}
			rows, err := h.stationRows(ctx)
			if err != nil || len(rows) != 1 || rows[0].DB != "db-1" || rows[0].Acked != 41 || rows[0].Rejected != 2 ||
				rows[0].ClockOffset != 1500*time.Millisecond || rows[0].DBChanges != 0 {
				t.Errorf("stations: %+v, %v", rows, err)
			}
			var subs int
			if err := h.db.QueryRow("SELECT count(*) FROM submissions WHERE external_id = 'G-1'").Scan(&subs); err != nil ||
				(subs == 1) != hadSubmission {
				t.Errorf("submissions %d (%v), had one: %v", subs, err, hadSubmission)
			}
			var version, id int
			h.db.QueryRow("PRAGMA user_version").Scan(&version)
			h.db.QueryRow("PRAGMA application_id").Scan(&id)
			if version != 3 || id != hubAppID {
				t.Errorf("version %d, application_id %d", version, id)
			}
			if got := schemaShape(t, h.db); got != today {
				t.Errorf("schema after the upgrade:\n%s\nwant today's:\n%s", got, today)
			}
			copies, _ := filepath.Glob(filepath.Join(dir, "hub.db.before-*"))
			want := 0
			if shape.version < 3 {
				want = 1
			}
			if len(copies) != want {
				t.Fatalf("copies %v, want %d", copies, want)
			}
			if want == 1 {
				if !strings.HasSuffix(copies[0], fmt.Sprintf("hub.db.before-v%d-20260312-153000.db", shape.version)) {
					t.Errorf("copy %s: not named for version %d at 15:30 in Vietnam", copies[0], shape.version)
				}
				c, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(copies[0])+"?mode=ro")
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				var n int
				if err := c.QueryRow("SELECT count(*) FROM tokens").Scan(&n); err != nil || n != 2 {
					t.Errorf("the copy holds %d tokens (%v), want the old 2", n, err)
				}
			}
		})
	}
}

// A hub.db made by the numbered files is today's: the same tables, columns, keys and checks as
// one made by the old DDL.
func TestFreshHubDBIsTodaysSchema(t *testing.T) {
	dir := t.TempDir()
	makeLegacyHub(t, dir, legacyShapes[len(legacyShapes)-1].ddl)
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(filepath.Join(dir, "hub.db")))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, want := schemaShape(t, freshHubDB(t)), schemaShape(t, db); got != want {
		t.Errorf("fresh hub.db:\n%s\nwant:\n%s", got, want)
	}
}

func TestHubSchemaNumbersContiguous(t *testing.T) {
	sc, err := hubSchema() // migrate.Load refuses a gap or a number used twice
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range sc.Migrations {
		if m.Version != i+1 {
			t.Errorf("%s at position %d", m.Name, i+1)
		}
	}
	if n := len(legacyShapes); legacyShapes[n-1].version != migrate.Latest(sc.Migrations) {
		t.Errorf("a new hub migration: add the shape before it to legacyShapes")
	}
}

// An office database put where hub.db should be is refused, not filled with the hub's tables.
func TestOfficeDatabaseRefusedAsHubDB(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(filepath.Join(dir, "hub.db")))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"PRAGMA application_id = 1297371969", "PRAGMA user_version = 8", "CREATE TABLE events(x)"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	h, err := Open(dir)
	if err == nil {
		h.Close()
		t.Fatal("an office database opened as hub.db")
	}
	if !strings.Contains(err.Error(), "không phải") {
		t.Errorf("message %q", err)
	}
}

func freshHubDB(t *testing.T) *sql.DB {
	t.Helper()
	h, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h.db
}

// schemaShape describes a hub.db's tables: columns (name, type, not null, default, key), whether
// it has a rowid, its indexes, and which token kinds its CHECK admits.
func schemaShape(t *testing.T, db *sql.DB) string {
	t.Helper()
	var b strings.Builder
	rows, err := db.Query("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	type table struct {
		name string
		wr   int
	}
	var tables []table
	for rows.Next() {
		var tb table
		rows.Scan(&tb.name, &tb.wr)
		tables = append(tables, tb)
	}
	rows.Close()
	for _, tb := range tables {
		fmt.Fprintf(&b, "%s without_rowid=%d\n", tb.name, tb.wr)
		for _, q := range []string{
			"SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || coalesce(dflt_value, '-') || ' ' || pk FROM pragma_table_info(?) ORDER BY cid",
			"SELECT 'index ' || name || ' ' || \"unique\" || ' ' || origin FROM pragma_index_list(?) ORDER BY name",
		} {
			rows, err := db.Query(q, tb.name)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var s string
				rows.Scan(&s)
				fmt.Fprintf(&b, "  %s\n", s)
			}
			rows.Close()
		}
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for i, kind := range []string{"station", "reader", "portal", "other"} {
		_, err := tx.Exec("INSERT INTO tokens VALUES (?, ?, '', -1, '', NULL)", fmt.Sprint("shape", i), kind)
		fmt.Fprintf(&b, "token kind %s admitted: %v\n", kind, err == nil)
	}
	return b.String()
}
