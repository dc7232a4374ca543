package migrate

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sourceWithRows is a database file of several pages of rows, closed, and its path.
func sourceWithRows(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "src.db")
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE t(x TEXT NOT NULL);
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 2000)
		INSERT INTO t SELECT printf('row %d %s', i, hex(randomblob(40))) FROM n`); err != nil {
		t.Fatal(err)
	}
	return path
}

// onlyFile fails the test when dir holds anything but keep (no copy, no temporary file left).
func onlyFile(t *testing.T, dir, keep string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != keep {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestCopyCheckedOfCorruptSourceFailsAndLeavesNoFile(t *testing.T) {
	src := sourceWithRows(t)
	body, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// the table's pages, past the header page, overwritten: what a failing disk leaves
	copy(body[4096:], bytes.Repeat([]byte{0xA5}, len(body)/2))
	if err := os.WriteFile(src, body, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(src)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dest := filepath.Join(filepath.Dir(src), "copy.db")
	if err := CopyChecked(context.Background(), db, dest); err == nil {
		t.Fatal("a corrupt database was copied without an error")
	}
	onlyFile(t, filepath.Dir(src), "src.db")
}

func TestCopyCheckedRefusedByCheckLeavesDestAsItWas(t *testing.T) {
	src := sourceWithRows(t)
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(src))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	dest := filepath.Join(dir, "copy.db")
	if err := os.WriteFile(dest, []byte("older backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	var checked string
	refuse := func(_ context.Context, path string) error {
		checked = path
		return errors.New("not ours")
	}
	err = CopyChecked(context.Background(), db, dest, refuse)
	if err == nil || !strings.Contains(err.Error(), "not ours") {
		t.Fatalf("err = %v, want the check's refusal", err)
	}
	if checked == "" || checked == dest {
		t.Errorf("check ran on %q, want the temporary copy", checked)
	}
	if got, _ := os.ReadFile(dest); string(got) != "older backup" {
		t.Errorf("dest changed to %d bytes", len(got))
	}
	onlyFile(t, dir, "copy.db")
}

func TestCopyCheckedIsOwnerOnly(t *testing.T) {
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(sourceWithRows(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dest := filepath.Join(t.TempDir(), "sub", "copy.db")
	if err := CopyChecked(context.Background(), db, dest); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if mode := st.Mode().Perm(); mode&0o077 != 0 && os.PathSeparator == '/' {
		t.Errorf("copy mode %v, want owner-only", mode)
	}
	var n int
	c, _ := sql.Open("sqlite3", "file:"+filepath.ToSlash(dest)+"?mode=ro")
	defer c.Close()
	if err := c.QueryRow("SELECT count(*) FROM t").Scan(&n); err != nil || n != 2000 {
		t.Errorf("copy holds %d rows (%v), want 2000", n, err)
	}
}
