package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver CopyChecked opens its copy with
)

// Check is a test of a copied database file that SQLite's integrity check cannot make: that it
// holds what its owner expects (data checks an office's application id and schema version).
type Check func(ctx context.Context, path string) error

// CopyChecked is the one way a database is copied: an office's backups, the copy before an
// upgrade (office and hub) and the copy a restore installs. It copies db with VACUUM INTO, which
// reads one consistent snapshot while others keep writing, into a temporary owner-only (0600)
// file beside dest; the copy takes dest's name only once SQLite's full integrity check and then
// each of checks pass on it and it is synced to disk. So dest is either a complete, checked copy
// or as it was, and no temporary file is left behind.
func CopyChecked(ctx context.Context, db *sql.DB, dest string, checks ...Check) error {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("sao lưu: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return fmt.Errorf("sao lưu: %w", err)
	}
	tmp := f.Name()
	f.Close() // left empty: VACUUM INTO fills an empty file and keeps its mode (0600)
	defer os.Remove(tmp)
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("sao lưu: %w", err)
	}
	if err := integrityOK(ctx, tmp); err != nil {
		return fmt.Errorf("sao lưu không đạt kiểm tra: %w", err)
	}
	for _, check := range checks {
		if err := check(ctx, tmp); err != nil {
			return fmt.Errorf("sao lưu không đạt kiểm tra: %w", err)
		}
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("sao lưu: %w", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fmt.Errorf("sao lưu: %w", err)
	}
	SyncDir(dir)
	return nil
}

func integrityOK(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// SyncDir makes a rename in dir durable, as far as the system allows: on Windows a folder cannot
// be opened for syncing and renames are durable already, so a failure is not an error.
func SyncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	d.Sync()
}
