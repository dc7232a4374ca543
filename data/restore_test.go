package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"motcua/data/calendar"
)

// restoreOffice is an office at dir/motcua.db with two dossiers and a backup of it; the store is
// closed.
func restoreOffice(t *testing.T) (path, backup string) {
	t.Helper()
	dir := t.TempDir()
	path = filepath.Join(dir, DBFile)
	f := newFixtureAt(t, path)
	f.receive(t, "1.004873", "Nguyễn Văn An")
	f.receive(t, "1.004873", "Trần Thị Bình")
	backup = filepath.Join(t.TempDir(), "motcua-backup.db")
	if err := f.s.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	f.receive(t, "1.004873", "Lê Văn Cường")
	f.s.Close()
	return path, backup
}

// TestTwoRestoresInOneSecondKeepBothAside: every restore sets the replaced database aside under
// a name of its own, so two restores within the same second never overwrite the original.
func TestTwoRestoresInOneSecondKeepBothAside(t *testing.T) {
	ctx := context.Background()
	path, backup := restoreOffice(t)
	original, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var asides []string
	for i := 0; i < 3; i++ {
		aside, err := Restore(ctx, path, backup)
		if err != nil {
			t.Fatal(err)
		}
		asides = append(asides, aside)
	}
	if asides[0] == asides[1] || asides[1] == asides[2] || asides[0] == asides[2] {
		t.Fatalf("restores set aside under the same name: %v", asides)
	}
	kept, err := os.ReadFile(asides[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(kept, original) {
		t.Fatal("the original database was overwritten by a later restore")
	}
	s, err := Open(asides[0], ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := count(t, s, "SELECT count(*) FROM dossiers"); n != 3 {
		t.Errorf("the original set aside has %d dossiers, want 3", n)
	}
}

// TestRestoreRefusesWhatItShouldNot: a backup of another office (unless confirmed with
// OtherOffice), one with a table missing, and one whose projections disagree with its log are
// refused, and the live database is left exactly as it was.
func TestRestoreRefusesWhatItShouldNot(t *testing.T) {
	ctx := context.Background()
	path, backup := restoreOffice(t)
	dir := t.TempDir()

	// another office's backup
	other := filepath.Join(dir, "other.db")
	os2, err := Open(other)
	if err != nil {
		t.Fatal(err)
	}
	err = os2.Setup(ctx, Office{Code: "000.00.07.H56", Name: "Bộ phận Một cửa UBND xã Khác", Level: "xa", Place: "Khác", Hours: calendar.DefaultHours()},
		0, NewUser{Username: "admin", FullName: "Quản Trị", Roles: RoleAdmin, Password: "matkhau123"})
	if err != nil {
		t.Fatal(err)
	}
	otherBackup := filepath.Join(dir, "other-backup.db")
	if err := os2.Backup(ctx, otherBackup); err != nil {
		t.Fatal(err)
	}
	os2.Close()

	// a backup with a table missing, one whose projection differs from the log
	damaged := func(name, stmt string) string {
		p := filepath.Join(dir, name)
		b, err := os.ReadFile(backup)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(p)+"?_journal_mode=DELETE")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
		return p
	}
	noAudit := damaged("no-audit.db", "DROP TABLE audit")
	skewed := damaged("skewed.db", "UPDATE dossiers SET applicant = 'Người khác' WHERE applicant = 'Nguyễn Văn An'")

	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, src, want string
	}{
		{"another office", otherBackup, "văn phòng 000.00.07.H56"},
		{"a table missing", noAudit, "thiếu bảng audit"},
		{"projections unlike the log", skewed, "không đạt kiểm tra"},
	} {
		aside, err := Restore(ctx, path, c.src)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: aside %q, err %v; want a refusal saying %q", c.name, aside, err, c.want)
		}
		after, rerr := os.ReadFile(path)
		if rerr != nil || !bytes.Equal(before, after) {
			t.Errorf("%s: the refused restore changed the live database", c.name)
		}
		if len(asideFiles(t, path)) != 0 {
			t.Errorf("%s: the refused restore set the database aside", c.name)
		}
		assertNoTemp(t, filepath.Dir(path))
	}
	if _, err := Restore(ctx, path, otherBackup); !errors.As(err, new(*OtherOfficeError)) {
		t.Errorf("another office: %v, want an *OtherOfficeError", err)
	}

	// confirmed, another office's backup goes in
	if _, err := Restore(ctx, path, otherBackup, OtherOffice()); err != nil {
		t.Fatalf("confirmed restore of another office: %v", err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if o, err := s.Office(); err != nil || o.Code != "000.00.07.H56" {
		t.Errorf("after the confirmed restore: %+v %v", o, err)
	}
}

// assertNoTemp fails when dir holds a temporary file of ours.
func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") || strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestFilesAreOwnerOnly: the database, its -wal and -shm, a backup and a restored database are
// readable by their owner only.
func TestFilesAreOwnerOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, DBFile)
	f := newFixtureAt(t, path)
	f.receive(t, "1.004873", "Nguyễn Văn An")
	backup := filepath.Join(dir, "saoluu", "motcua-backup.db")
	if err := f.s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", path + LockSuffix, backup} {
		assertMode(t, p)
	}
	f.s.Close()
	// a database made 0644 by an older version is narrowed at its next open
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	assertMode(t, path)
	s.Close()
	if _, err := Restore(ctx, path, backup); err != nil {
		t.Fatal(err)
	}
	assertMode(t, path)
}

func assertMode(t *testing.T, p string) {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Errorf("%s: %v", filepath.Base(p), err)
		return
	}
	if m := fi.Mode().Perm(); m != 0o600 {
		t.Errorf("%s has mode %o, want 600", filepath.Base(p), m)
	}
}

// TestLeftoversRemovedAtStart: what a killed demo build, restore or upgrade copy left beside the
// database is removed when the next writer opens it; other files stay, and so does a recent
// temporary file that a reader (no lock) may still be writing.
func TestLeftoversRemovedAtStart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, DBFile)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	leftovers := []string{".motcua.db.123456.demo", ".motcua.db.123456.demo-wal", ".motcua.db.123456.demo-journal",
		".motcua.db.987.tmp", ".motcua.db.987.tmp-journal", ".motcua.db.before-v2-20260312-153000.db.555.tmp"}
	kept := []string{"motcua.db.truoc-khoi-phuc-20260312-153000", "motcua.db.before-v2-20260312-153000.db",
		"motcua-2026-03-12-1530.db", "backup-dir.txt", "motcua.log", ".baocao.pdf.42.tmp", "x.tmp"}
	for _, n := range append(append([]string{}, leftovers...), kept...) {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := filepath.Join(dir, ".motcua-2026-03-12-1530.db.77.tmp") // a backup killed long ago
	if err := os.WriteFile(old, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	longAgo := time.Now().Add(-2 * leftoverAge)
	if err := os.Chtimes(old, longAgo, longAgo); err != nil {
		t.Fatal(err)
	}
	leftovers = append(leftovers, filepath.Base(old))

	// a reader removes nothing
	r, err := Open(path, ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	for _, n := range leftovers {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("a reader removed %s", n)
		}
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, n := range leftovers {
		if _, err := os.Stat(filepath.Join(dir, n)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("leftover %s not removed", n)
		}
	}
	for _, n := range kept {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
}

// TestRestoreOntoANewPC: a restore into a data folder that does not exist yet (a new PC) makes
// it and puts the backup there.
func TestRestoreOntoANewPC(t *testing.T) {
	_, backup := restoreOffice(t)
	path := filepath.Join(t.TempDir(), "MotCua", DBFile)
	aside, err := Restore(context.Background(), path, backup)
	if err != nil || aside != "" {
		t.Fatalf("restore onto a new PC: %q %v", aside, err)
	}
	s, err := Open(path, ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := count(t, s, "SELECT count(*) FROM dossiers"); n != 2 {
		t.Errorf("%d dossiers, want 2", n)
	}
}
