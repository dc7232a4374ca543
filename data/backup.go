package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"motcua/data/vntext"
	"motcua/internal/migrate"
)

// Backup copies the live database to dest while officials keep working, with the project's one
// verified copy (migrate.CopyChecked): dest is either a complete backup that passed SQLite's
// integrity check and verifyContent, owner-only, or untouched.
func (s *Store) Backup(ctx context.Context, dest string) error {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("sao lưu: %w", err)
	}
	if same, _ := sameFile(dest, s.path); same {
		return fmt.Errorf("sao lưu: tệp đích trùng với cơ sở dữ liệu đang dùng")
	}
	return migrate.CopyChecked(ctx, s.db, dest, verifyContent)
}

func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}

func tempPath(dest string) (string, error) {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return "", err
	}
	// left in place, empty: SQLite makes an empty file a new database and keeps its mode, 0600
	// (filemode.go), where a file SQLite created itself would be 0644
	name := f.Name()
	f.Close()
	return name, nil
}

// VerifyFile opens a database file read-only and checks that it is an intact Một Cửa database of a
// schema this build can read.
func VerifyFile(ctx context.Context, path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("không đọc được tệp: %w", err)
	}
	if st.Size() < 512 {
		return errors.New("tệp không phải cơ sở dữ liệu Một Cửa")
	}
	if err := verifyContent(ctx, path); err != nil {
		return err
	}
	db, err := openFileRO(path)
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&res); err != nil {
		return fmt.Errorf("kiểm tra toàn vẹn: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("tệp bị hỏng: %s", res)
	}
	return nil
}

// verifyContent is what VerifyFile checks beyond SQLite's integrity: the file is a Một Cửa
// database of a schema this build can read. A backup runs it after migrate.CopyChecked's own
// (full) integrity check, so it does not check integrity twice.
func verifyContent(ctx context.Context, path string) error {
	db, err := openFileRO(path)
	if err != nil {
		return err
	}
	defer db.Close()
	var app, version int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return errors.New("tệp không phải cơ sở dữ liệu Một Cửa (không đọc được dạng SQLite)")
	}
	if app != appID {
		return errors.New("tệp không phải cơ sở dữ liệu Một Cửa")
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version > SchemaVersion() {
		return fmt.Errorf("tệp thuộc phiên bản phần mềm mới hơn (lược đồ %d > %d)", version, SchemaVersion())
	}
	return nil
}

func openFileRO(path string) (*sql.DB, error) {
	return sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?mode=ro&immutable=1")
}

// RestoreOption changes what Restore accepts.
type RestoreOption func(*restoreConfig)

type restoreConfig struct {
	otherOffice bool
}

// OtherOffice lets Restore put a backup of another office in place of this one: the
// administrator has confirmed it (motcua restore --other-office).
func OtherOffice() RestoreOption { return func(c *restoreConfig) { c.otherOffice = true } }

// Restore replaces the database at dbPath with the backup src. It takes the database's write
// lock, so it is refused with a *LockedError while any process (this one included) has the
// database open for writing: the window closes its store first. src is copied to a temporary
// file, which is brought to this build's schema and checked (restorecheck.go) before anything
// is changed; the replaced database is kept aside under a name no restore reuses (its name is
// returned) so that a wrong restore can be undone.
func Restore(ctx context.Context, dbPath, src string, opts ...RestoreOption) (aside string, err error) {
	var cfg restoreConfig
	for _, o := range opts {
		o(&cfg)
	}
	lock, err := lockDB(dbPath, "")
	if err != nil {
		return "", fmt.Errorf("không khôi phục: %w", err)
	}
	defer lock.release()
	if err := VerifyFile(ctx, src); err != nil {
		return "", fmt.Errorf("không khôi phục: %w", err)
	}
	tmp, err := tempPath(dbPath)
	if err != nil {
		return "", fmt.Errorf("khôi phục: %w", err)
	}
	defer removeDBFiles(tmp)
	srcDB, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(src)+"?mode=ro")
	if err != nil {
		return "", err
	}
	// the copy is integrity-checked again: what is installed is what was checked, not src
	err = migrate.CopyChecked(ctx, srcDB, tmp)
	srcDB.Close()
	if err != nil {
		return "", fmt.Errorf("khôi phục: %w", err)
	}
	if err := checkRestore(ctx, dbPath, tmp, cfg); err != nil {
		return "", fmt.Errorf("không khôi phục: %w", err)
	}
	if _, err := os.Stat(dbPath); err == nil {
		if aside, err = setAside(dbPath, "truoc-khoi-phuc"); err != nil {
			return "", fmt.Errorf("khôi phục: %w", err)
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		if aside != "" {
			os.Rename(aside, dbPath)
			for _, suffix := range []string{"-wal", "-shm"} {
				os.Rename(aside+suffix, dbPath+suffix)
			}
		}
		return "", fmt.Errorf("khôi phục: %w", err)
	}
	return aside, syncDir(filepath.Dir(dbPath))
}

// removeDBFiles removes a temporary database and what SQLite kept beside it.
func removeDBFiles(p string) {
	for _, sfx := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(p + sfx)
	}
}

// SetAside moves the database at dbPath (with its -wal and -shm) to a new name beside it,
// motcua.db.WHY-YYYYMMDD-HHMMSS in the office's time zone, with -2, -3… when that name is taken:
// nothing is ever overwritten. It takes the write lock, so it is refused while a process has the
// database open.
func SetAside(dbPath, why string) (string, error) {
	lock, err := lockDB(dbPath, "")
	if err != nil {
		return "", err
	}
	defer lock.release()
	return setAside(dbPath, why)
}

// setAside is SetAside for a caller that holds the write lock.
func setAside(dbPath, why string) (string, error) {
	aside, err := asideName(dbPath, why, time.Now())
	if err != nil {
		return "", fmt.Errorf("không giữ lại được cơ sở dữ liệu cũ: %w", err)
	}
	if err := os.Rename(dbPath, aside); err != nil {
		os.Remove(aside)
		return "", fmt.Errorf("không đổi tên được cơ sở dữ liệu cũ: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(dbPath + suffix); err == nil {
			if err := os.Rename(dbPath+suffix, aside+suffix); err != nil {
				// the database without its WAL would lose what the WAL holds: put it back
				os.Rename(aside, dbPath)
				return "", fmt.Errorf("không đổi tên được tệp %s: %w", dbPath+suffix, err)
			}
		}
	}
	return aside, nil
}

// asideName reserves a name for a database set aside at t: the first of NAME, NAME-2, NAME-3…
// that no file (nor its -wal, -shm) has. Reserving is creating it with O_EXCL, so two restores in
// the same second, even in two processes, never get the same name.
func asideName(dbPath, why string, t time.Time) (string, error) {
	base := fmt.Sprintf("%s.%s-%s", dbPath, why, t.In(vntext.Zone()).Format("20060102-150405"))
	for i := 1; i <= 1000; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		if exists(name+"-wal") || exists(name+"-shm") {
			continue
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		f.Close()
		return name, nil
	}
	return "", fmt.Errorf("đã có quá nhiều tệp %s-…", base)
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// syncDir makes a rename in dir durable (migrate.SyncDir).
func syncDir(dir string) error {
	migrate.SyncDir(dir)
	return nil
}
