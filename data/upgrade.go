package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
)

// UpgradeKeep is how many pre-upgrade copies are kept beside the database: enough to step back
// over the last few versions, few enough that a large office's disk does not fill up.
const UpgradeKeep = 3

// UpgradeError is a schema upgrade that did not happen: the database is as it was before Open,
// and Backup (when one could be made) is the copy taken just before trying.
type UpgradeError struct {
	From, To int
	Backup   string
	Err      error
}

func (e *UpgradeError) Error() string {
	msg := fmt.Sprintf("nâng cấp cơ sở dữ liệu từ phiên bản %d lên %d không thành công (%v). "+
		"Cơ sở dữ liệu được giữ nguyên như trước khi nâng cấp", e.From, e.To, e.Err)
	if e.Backup != "" {
		msg += "; bản sao lưu trước khi nâng cấp: " + e.Backup
	}
	return msg
}

func (e *UpgradeError) Unwrap() error { return e.Err }

// pendingUpgrade reads the schema version of an existing Một Cửa database and the version this
// build brings it to. A fresh database (version 0), a file that is not ours, or one already up to
// date or newer reports from >= to, and migrate says what is wrong, if anything.
func pendingUpgrade(ctx context.Context, db *sql.DB) (from, to int, err error) {
	ms, err := migrations()
	if err != nil {
		return 0, 0, err
	}
	to = ms[len(ms)-1].version
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&from); err != nil {
		return 0, 0, fmt.Errorf("đọc phiên bản cơ sở dữ liệu: %w", err)
	}
	var id int
	if from == 0 || db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id) != nil || id != appID {
		return to, to, nil
	}
	return from, to, nil
}

// upgradeBackupName is the copy of a database at schema version from, taken at stamp
// (YYYYMMDD-HHMMSS) before upgrading it: motcua.db.before-v2-20260312-153000.db.
func upgradeBackupName(dbPath string, from int, stamp string) string {
	return fmt.Sprintf("%s.before-v%d-%s.db", dbPath, from, stamp)
}

// backupBeforeUpgrade copies the database (still at version from) beside itself with the
// verified copy of Backup, then keeps only the newest UpgradeKeep such copies.
func (s *Store) backupBeforeUpgrade(ctx context.Context, from int) (string, error) {
	dest := upgradeBackupName(s.path, from, s.Now().Format("20060102-150405"))
	if err := s.Backup(ctx, dest); err != nil {
		return "", err
	}
	return dest, pruneUpgradeBackups(s.path, UpgradeKeep)
}

// pruneUpgradeBackups removes all but the newest keep pre-upgrade copies of dbPath; nothing else
// in the folder is touched.
func pruneUpgradeBackups(dbPath string, keep int) error {
	name := regexp.MustCompile(`^` + regexp.QuoteMeta(filepath.Base(dbPath)) + `\.before-v\d+-(\d{8}-\d{6})\.db$`)
	dir := filepath.Dir(dbPath)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("dọn bản sao lưu trước khi nâng cấp: %w", err)
	}
	type found struct{ stamp, file string }
	var copies []found
	for _, e := range entries {
		if m := name.FindStringSubmatch(e.Name()); m != nil && e.Type().IsRegular() {
			copies = append(copies, found{m[1], e.Name()})
		}
	}
	// by time taken, not by name: v10 sorts before v9 as text
	sort.Slice(copies, func(i, j int) bool {
		if copies[i].stamp != copies[j].stamp {
			return copies[i].stamp < copies[j].stamp
		}
		return copies[i].file < copies[j].file
	})
	for len(copies) > keep {
		if err := os.Remove(filepath.Join(dir, copies[0].file)); err != nil {
			return fmt.Errorf("dọn bản sao lưu trước khi nâng cấp: %w", err)
		}
		copies = copies[1:]
	}
	return nil
}
