package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// AutoBackupKeep is how many automatic daily backups are kept in the backup folder.
const AutoBackupKeep = 14

// settingLastAutoBackup is when the last automatic backup was made (RFC 3339). It is written by
// whoever logs in, so it is not one of the settings an administrator edits.
const settingLastAutoBackup = "backup_last_auto"

// autoBackupName matches the files AutoBackup makes; only those are ever pruned, never a backup
// an administrator made by hand into the same folder.
var autoBackupName = regexp.MustCompile(`^motcua-auto-\d{4}-\d{2}-\d{2}\.db$`)

// BackupName is the file name of a backup made by hand at t, in the office's time whatever the
// PC's zone: motcua-2026-03-12-1530.db.
func BackupName(t time.Time) string {
	return "motcua-" + t.In(vntext.Zone()).Format("2006-01-02-1504") + ".db"
}

// LastAutoBackup is when the last automatic backup was made; the zero time when never.
func (s *Store) LastAutoBackup(ctx context.Context) (time.Time, error) {
	v, err := s.Setting(ctx, settingLastAutoBackup)
	if err != nil || v == "" {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, nil // a damaged value only means the next backup comes sooner
	}
	return t.In(s.loc), nil
}

// AutoBackup makes the daily backup into dir when none was made yet on today's date:
// dir/motcua-auto-YYYY-MM-DD.db, verified, then only the newest keep of those files are kept.
// file is "" when no backup was due. Any logged-in user's session may run it.
func (s *Store) AutoBackup(ctx context.Context, dir string, keep int) (file string, err error) {
	if dir == "" {
		return "", nil
	}
	now := s.Now()
	last, err := s.LastAutoBackup(ctx)
	if err != nil {
		return "", err
	}
	if !last.IsZero() && !calendar.DateOf(last).Before(calendar.DateOf(now)) {
		return "", nil
	}
	file = filepath.Join(dir, "motcua-auto-"+now.Format("2006-01-02")+".db")
	if err := s.Backup(ctx, file); err != nil {
		return "", err
	}
	err = s.WithTx(ctx, func(tx *sql.Tx) error {
		return putSetting(ctx, tx, settingLastAutoBackup, now.Format(time.RFC3339))
	})
	if err != nil {
		return file, fmt.Errorf("ghi thời điểm sao lưu: %w", err)
	}
	return file, pruneAutoBackups(dir, keep)
}

// pruneAutoBackups removes all but the newest keep automatic backups in dir (their names sort
// by date).
func pruneAutoBackups(dir string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("dọn bản sao lưu cũ: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && autoBackupName.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return fmt.Errorf("dọn bản sao lưu cũ: %w", err)
		}
		names = names[1:]
	}
	return nil
}

// RestoreAs is Restore for an administrator of the office (the store must be closed already).
func RestoreAs(ctx context.Context, actor *User, dbPath, src string, opts ...RestoreOption) (aside string, err error) {
	if _, err := actorInFile(ctx, dbPath, actor, RoleAdmin); err != nil {
		return "", err
	}
	return Restore(ctx, dbPath, src, opts...)
}
