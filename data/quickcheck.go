package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"motcua/data/calendar"
)

// metaLastQuickCheck is when QuickCheck last found the database intact (RFC 3339). On the kept
// office of a million dossiers (2.6 GB) quick_check takes 2.4 s with the file in the page cache
// and 23 s without, as on the first start of the morning: too slow for every start, so it runs
// once per day.
const metaLastQuickCheck = "quick_check_ok"

// CorruptError is a database file that is damaged: SQLite's check found a problem, or SQLite
// refused to read a page.
type CorruptError struct {
	Detail string // SQLite's first finding
	Err    error  // SQLite's error, when the check could not even run
}

func (e *CorruptError) Error() string {
	return "cơ sở dữ liệu bị hỏng (" + e.Detail + ")"
}

func (e *CorruptError) Unwrap() error { return e.Err }

// IsCorrupt reports whether err says the database file is damaged rather than, say, locked or
// missing: a failed QuickCheck, or SQLite's SQLITE_CORRUPT or SQLITE_NOTADB from Open or any
// query.
func IsCorrupt(err error) bool {
	var ce *CorruptError
	if errors.As(err, &ce) {
		return true
	}
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB)
}

// QuickCheck runs SQLite's quick_check (every page and index structure, not the index contents)
// unless it already passed earlier on the office's today. A damaged database is a *CorruptError.
func (s *Store) QuickCheck(ctx context.Context) error {
	due, err := s.QuickCheckDue(ctx)
	if err != nil || !due {
		return err
	}
	now := s.Now()
	if err := quickCheck(ctx, s.db); err != nil {
		return err
	}
	return s.WithTx(ctx, func(tx *sql.Tx) error {
		return setMeta(ctx, tx, metaLastQuickCheck, now.Format(time.RFC3339))
	})
}

// QuickCheckDue reports whether QuickCheck would check now: it has not passed yet today. A
// screen says "checking" only then.
func (s *Store) QuickCheckDue(ctx context.Context) (bool, error) {
	last, err := s.Meta(ctx, metaLastQuickCheck)
	if err != nil {
		return false, corrupt(err)
	}
	t, err := time.Parse(time.RFC3339, last)
	return err != nil || calendar.DateOf(t.In(s.loc)).Before(calendar.DateOf(s.Now())), nil
}

// quickCheck runs quick_check now, on a connection of its own without the memory map: read
// through the map, every page of the file would stay counted as the app's resident memory (a
// million dossiers: 1 GB more for as long as the app runs).
func quickCheck(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return corrupt(fmt.Errorf("kiểm tra cơ sở dữ liệu: %w", err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 0"); err != nil {
		return corrupt(fmt.Errorf("kiểm tra cơ sở dữ liệu: %w", err))
	}
	// the connection goes back to the pool with its map again (a failure only costs speed)
	defer func() { _, _ = conn.ExecContext(context.Background(), mmapPragma) }()
	var res string
	if err := conn.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&res); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return corrupt(fmt.Errorf("kiểm tra cơ sở dữ liệu: %w", err))
	}
	if res != "ok" {
		return &CorruptError{Detail: res}
	}
	return nil
}

// corrupt makes a SQLite corruption error a *CorruptError and leaves other errors as they are.
func corrupt(err error) error {
	if err != nil && IsCorrupt(err) {
		var ce *CorruptError
		if !errors.As(err, &ce) {
			return &CorruptError{Detail: err.Error(), Err: err}
		}
	}
	return err
}

// LatestAutoBackup is the newest automatic backup (AutoBackup's motcua-auto-YYYY-MM-DD.db) in
// dir, as a full path; "" when there is none.
func LatestAutoBackup(dir string) (string, error) {
	if dir == "" {
		return "", nil
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("đọc thư mục sao lưu: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && autoBackupName.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return "", nil
	}
	sort.Strings(names)
	return filepath.Join(dir, names[len(names)-1]), nil
}
