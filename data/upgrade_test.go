package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"motcua/internal/migrate"
)

// officeAtPreviousVersion builds an office with one dossier at dir/motcua.db and takes its schema
// back to the version before the last migration (dropping what that migration adds).
func officeAtPreviousVersion(t *testing.T) (path string, version int) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "motcua.db")
	f := newFixtureAt(t, path)
	f.receive(t, "1.004873", "Nguyễn Văn An")
	f.s.Close()
	ms, err := embeddedMigrations()
	if err != nil {
		t.Fatal(err)
	}
	last := len(ms) - 1
	if ms[last].Name == "0008_list_keys.sql" { // adds a view of the search index only: taken back with 0007
		last--
	}
	if ms[last].Name != "0007_late.sql" {
		t.Fatalf("the last migration is %s: teach this test what it adds", ms[last].Name)
	}
	version = ms[last-1].Version
	db, err := sql.Open(driverName, "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"DROP TABLE late_dossiers",
		"CREATE INDEX dossiers_late ON dossiers(finished_at) WHERE received_at IS NOT NULL AND (finished_at > due_at OR supplements > 1)",
		"PRAGMA user_version = " + strconv.Itoa(version)} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return path, version
}

// upgradeCopies lists the pre-upgrade copies beside path.
func upgradeCopies(t *testing.T, path string) []string {
	t.Helper()
	m, err := filepath.Glob(path + ".before-v*")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(m)
	return m
}

func dossiersIn(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM dossiers").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func schemaOf(t *testing.T, path string) (version int, hasLast bool) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'late_dossiers'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return version, n > 0
}

func TestOpenUpgradesAfterBackup(t *testing.T) {
	path, old := officeAtPreviousVersion(t)
	when := at("2026-03-12 15:30")
	var told [2]int
	s, err := Open(path, WithClock(func() time.Time { return when }), WithUpgradeNotice(func(from, to int) { told = [2]int{from, to} }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if told != [2]int{old, SchemaVersion()} {
		t.Errorf("upgrade notice %v, want %d to %d", told, old, SchemaVersion())
	}
	var live int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&live); err != nil || live != SchemaVersion() {
		t.Fatalf("schema after Open: %d (%v), want %d", live, err, SchemaVersion())
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM dossiers").Scan(&n); err != nil || n != 1 {
		t.Fatalf("dossiers after the upgrade: %d, %v", n, err)
	}
	copies := upgradeCopies(t, path)
	want := migrate.CopyName(path, old, when.In(s.Location()).Format("20060102-150405"))
	if len(copies) != 1 || copies[0] != want {
		t.Fatalf("copies %v, want [%s]", copies, want)
	}
	if err := VerifyFile(context.Background(), want); err != nil {
		t.Fatalf("the copy fails its check: %v", err)
	}
	if v, hasLast := schemaOf(t, want); v != old || hasLast {
		t.Errorf("the copy is at version %d (tables of the last migration %v), want the old version %d", v, hasLast, old)
	}
	if n := dossiersIn(t, want); n != 1 {
		t.Errorf("the copy holds %d dossiers, want 1", n)
	}
}

func TestFailedUpgradeLeavesDatabaseUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "motcua.db")
	f := newFixtureAt(t, path)
	f.receive(t, "1.004873", "Trần Thị Bình")
	f.s.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	latest := SchemaVersion()
	withMigrations(t, migrate.Migration{Version: latest + 1, Name: "9999_broken.sql",
		SQL: "CREATE TABLE half_done(x); INSERT INTO half_done VALUES (1); INSERT INTO no_such_table VALUES (1);"})

	_, err = Open(path, WithClock(func() time.Time { return at("2026-03-12 15:30") }))
	var ue *UpgradeError
	if !errors.As(err, &ue) {
		t.Fatalf("Open: %v, want an UpgradeError", err)
	}
	if ue.From != latest || ue.To != latest+1 || ue.Backup == "" {
		t.Errorf("UpgradeError %+v", ue)
	}
	msg := err.Error()
	for _, want := range []string{"giữ nguyên", ue.Backup, "no_such_table"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the database file changed after a failed upgrade")
	}
	for _, side := range []string{"-wal", "-journal"} {
		if st, err := os.Stat(path + side); err == nil && st.Size() > 0 {
			t.Errorf("%s left behind (%d bytes)", side, st.Size())
		}
	}
	if err := VerifyFile(context.Background(), ue.Backup); err != nil {
		t.Errorf("the copy fails its check: %v", err)
	}
	if v, _ := schemaOf(t, ue.Backup); v != latest {
		t.Errorf("copy at version %d, want %d", v, latest)
	}
}

// withMigrations adds extra migrations after the embedded ones for the rest of the test.
func withMigrations(t *testing.T, extra ...migrate.Migration) {
	t.Helper()
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = func() ([]migrate.Migration, error) {
		ms, err := embeddedMigrations()
		return append(ms, extra...), err
	}
}

func TestUpgradeCopiesKeptAndFreshDatabaseNotCopied(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "motcua.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if c := upgradeCopies(t, path); len(c) != 0 {
		t.Fatalf("a new database was copied: %v", c)
	}
	// files that are not ours stay, whatever their names
	others := []string{path + ".before-v1-notes.txt", filepath.Join(dir, "other.db.before-v1-20200101-000000.db")}
	for _, o := range others {
		if err := os.WriteFile(o, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	latest := SchemaVersion()
	var extra []migrate.Migration
	for i := 1; i <= 5; i++ {
		v := latest + i
		extra = append(extra, migrate.Migration{Version: v, Name: "extra", SQL: "CREATE TABLE extra_" + strconv.Itoa(v) + "(x)"})
		withMigrations(t, extra...)
		when := at("2026-03-12 08:00").Add(time.Duration(i) * time.Minute)
		s, err := Open(path, WithClock(func() time.Time { return when }))
		if err != nil {
			t.Fatalf("upgrade to %d: %v", v, err)
		}
		s.Close()
	}
	got := upgradeCopies(t, path)
	var want []string
	for i := 3; i <= 5; i++ {
		want = append(want, migrate.CopyName(path, latest+i-1, at("2026-03-12 08:00").Add(time.Duration(i)*time.Minute).Format("20060102-150405")))
	}
	want = append(want, path+".before-v1-notes.txt")
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("copies:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := os.Stat(others[1]); err != nil {
		t.Errorf("another database's copy was removed: %v", err)
	}
}
