package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
)

// Keep is how many pre-upgrade copies are kept beside a database: enough to step back over the
// last few versions, few enough that a large office's disk does not fill up.
const Keep = 3

// UpgradeError is a schema upgrade that did not happen: the database is as it was before, and
// Backup (when one could be made) is the copy taken just before trying.
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

// Upgrade is how a database is brought up to date when it is opened for writing.
type Upgrade struct {
	Schema
	// Copy copies the database, still at version from, beside itself and returns the copy's path;
	// it is called only when an existing database has migrations pending. Nil: no copy (a file
	// that is itself a copy). A copy that was made but could not prune older ones is returned
	// with its error, and the upgrade goes on.
	Copy func(ctx context.Context, from int) (string, error)
	// Notify, when set, is told before the copy (it can take a while on a large office).
	Notify func(from, to int)
}

// Run brings db up to date: an existing database with migrations pending is copied first (Copy),
// then every pending migration is applied in one transaction (Apply).
func (u Upgrade) Run(ctx context.Context, db *sql.DB) error {
	from, to, _, err := u.Pending(ctx, db)
	if err != nil {
		return err
	}
	if from >= to {
		return u.Apply(ctx, db)
	}
	if u.Notify != nil {
		u.Notify(from, to)
	}
	var backup string
	if u.Copy != nil {
		backup, err = u.Copy(ctx, from)
	}
	if err != nil && backup == "" {
		return &UpgradeError{From: from, To: to, Err: fmt.Errorf("không sao lưu được trước khi nâng cấp: %w", err)}
	}
	if err := u.Apply(ctx, db); err != nil {
		return &UpgradeError{From: from, To: to, Backup: backup, Err: err}
	}
	return nil
}

// CopyName is the copy of the database at dbPath, at schema version from, taken at stamp
// (YYYYMMDD-HHMMSS) before upgrading it: motcua.db.before-v2-20260312-153000.db.
func CopyName(dbPath string, from int, stamp string) string {
	return fmt.Sprintf("%s.before-v%d-%s.db", dbPath, from, stamp)
}

// PruneCopies removes all but the newest keep pre-upgrade copies of dbPath; nothing else in the
// folder is touched.
func PruneCopies(dbPath string, keep int) error {
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
