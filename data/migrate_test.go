package data

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"motcua/internal/migrate"
)

// The office's schema files are numbered 1, 2, 4, 5, … without another gap: 3 was never used
// (schema/README.md), and the runner refuses any other gap, a number twice, or a file numbered 3.
func TestOfficeSchemaNumbers(t *testing.T) {
	ms, err := embeddedMigrations()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		got = append(got, fmt.Sprint(m.Version))
	}
	want := []string{"1", "2"}
	for v := 4; v <= SchemaVersion(); v++ {
		want = append(want, fmt.Sprint(v))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("schema numbers %v, want %v", got, want)
	}
	filled := append(ms[:2:2], migrate.Migration{Version: 3, Name: "0003_late_comer.sql"})
	if _, err := migrate.Load(fakeSchema(append(filled, ms[2:]...)), "schema", skippedVersions...); err == nil {
		t.Error("a file numbered 0003 was accepted: offices at 4 or above would never apply it")
	}
}

// An office database at any earlier version upgrades to the schema of a new one, each file
// applied once (a second CREATE TABLE would fail the upgrade).
func TestOfficeUpgradeFromEveryVersionEqualsFresh(t *testing.T) {
	ctx := context.Background()
	sc, err := officeSchema()
	if err != nil {
		t.Fatal(err)
	}
	fresh := officeShape(t, applied(t, sc, migrate.Latest(sc.Migrations)))
	for _, m := range sc.Migrations[:len(sc.Migrations)-1] {
		db := applied(t, sc, m.Version)
		if err := sc.Apply(ctx, db); err != nil {
			t.Fatalf("from %d: %v", m.Version, err)
		}
		if got := officeShape(t, db); got != fresh {
			t.Errorf("upgraded from %d:\n%s\nwant:\n%s", m.Version, got, fresh)
		}
	}
}

// applied is a new database with the office's migrations up to version upTo.
func applied(t *testing.T, sc migrate.Schema, upTo int) *sql.DB {
	t.Helper()
	db, err := sql.Open(driverName, "file:"+filepath.ToSlash(filepath.Join(t.TempDir(), "motcua.db")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	part := sc
	part.Migrations = nil
	for _, m := range sc.Migrations {
		if m.Version <= upTo {
			part.Migrations = append(part.Migrations, m)
		}
	}
	if err := part.Apply(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

// officeShape lists the schema's objects with their SQL, and user_version.
func officeShape(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name, q string
		if err := rows.Scan(&typ, &name, &q); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s: %s\n", typ, name, strings.Join(strings.Fields(q), " "))
	}
	var v int
	db.QueryRow("PRAGMA user_version").Scan(&v)
	fmt.Fprintf(&b, "user_version %d\n", v)
	return b.String()
}

// fakeSchema is a schema folder holding ms.
func fakeSchema(ms []migrate.Migration) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, m := range ms {
		fsys["schema/"+m.Name] = &fstest.MapFile{Data: []byte(m.SQL)}
	}
	return fsys
}
