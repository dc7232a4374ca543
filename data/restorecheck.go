package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A restore puts the backup in place only when it is a whole, consistent database of this office
// (docs/HUONG-DAN.md §11): checkRestore runs on the temporary copy, before the live database
// is touched, so a refused restore changes nothing.

// OtherOfficeError is a backup of another office than the one in the database it would replace.
// Restore accepts it only with OtherOffice().
type OtherOfficeError struct {
	Backup, Live string // the offices' codes
}

func (e *OtherOfficeError) Error() string {
	return fmt.Sprintf("bản sao lưu thuộc văn phòng %s, khác văn phòng đang dùng (%s): nếu đúng là muốn thay, hãy xác nhận (motcua restore --other-office)", e.Backup, e.Live)
}

// checkRestore checks the copy tmp of a backup before it replaces dbPath: every table this build
// expects at the backup's schema version is there, the schema upgrade (if any) goes through, the
// projections agree with the event log (the comparison of motcua check, Store.Check), and the
// backup belongs to the office of dbPath unless cfg allows another.
func checkRestore(ctx context.Context, dbPath, tmp string, cfg restoreConfig) error {
	if err := checkTables(ctx, tmp); err != nil {
		return err
	}
	s, err := Open(tmp, Private())
	if err != nil {
		return fmt.Errorf("bản sao lưu không mở được: %w", err)
	}
	defer s.Close()
	res, err := s.Check(ctx, false, nil)
	if err != nil {
		return fmt.Errorf("kiểm tra bản sao lưu: %w", err)
	}
	if !res.OK() {
		detail := res.Integrity
		if len(res.Mismatches) > 0 {
			detail = res.Mismatches[0]
		}
		return fmt.Errorf("bản sao lưu không đạt kiểm tra (%d sai lệch giữa các bảng và nhật ký; %s)", len(res.Mismatches), detail)
	}
	if cfg.otherOffice {
		return nil
	}
	backup, err := s.Meta(ctx, "office")
	if err != nil {
		return fmt.Errorf("đọc văn phòng của bản sao lưu: %w", err)
	}
	if live := liveOffice(ctx, dbPath); live != "" && backup != live {
		if backup == "" {
			backup = "(chưa thiết lập)"
		}
		return &OtherOfficeError{Backup: backup, Live: live}
	}
	return nil
}

// liveOffice is the office code of the database at dbPath; "" when there is none, it is not set
// up, or it cannot be read (a damaged database cannot say whose it is, and restoring it is the
// way out).
func liveOffice(ctx context.Context, dbPath string) string {
	if _, err := os.Stat(dbPath); err != nil {
		return ""
	}
	// a read-only connection to a database in WAL mode makes an empty -wal and -shm that it
	// cannot remove when it closes: remove those it made, so nothing is left beside the file
	for _, sfx := range []string{"-wal", "-shm"} {
		if !exists(dbPath + sfx) {
			defer func() {
				if fi, err := os.Stat(dbPath + "-wal"); err != nil || fi.Size() == 0 {
					os.Remove(dbPath + sfx)
				}
			}()
		}
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(dbPath)+"?mode=ro")
	if err != nil {
		return ""
	}
	defer db.Close()
	var code string
	if err := db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'office'").Scan(&code); err != nil {
		return ""
	}
	return code
}

// checkTables compares the tables of the database file path with those this build creates at
// its schema version.
func checkTables(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("đọc phiên bản bản sao lưu: %w", err)
	}
	have, err := tableNames(ctx, db)
	if err != nil {
		return err
	}
	want, err := schemaTables(ctx, version)
	if err != nil {
		return err
	}
	var missing []string
	for _, t := range want {
		if !have[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("bản sao lưu thiếu bảng %s", strings.Join(missing, ", "))
	}
	return nil
}

// schemaTables are the tables a database has at schema version upTo: those the migrations up to
// it create in an empty database in memory.
func schemaTables(ctx context.Context, upTo int) ([]string, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", "file::memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: each one to :memory: is a database of its own
	for _, m := range ms {
		if m.Version > upTo {
			break
		}
		if _, err := db.ExecContext(ctx, m.SQL); err != nil {
			return nil, fmt.Errorf("lược đồ %s: %w", m.Name, err)
		}
	}
	have, err := tableNames(ctx, db)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(have))
	for t := range have {
		names = append(names, t)
	}
	sort.Strings(names)
	return names, nil
}

// tableNames are the tables of db (SQLite's own excepted).
func tableNames(ctx context.Context, db *sql.DB) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
	if err != nil {
		return nil, fmt.Errorf("đọc danh sách bảng: %w", err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		have[n] = true
	}
	return have, rows.Err()
}
