// Package demo builds a realistic demo office: a commune one-stop office in Thanh Hóa with its
// catalog, calendar, staff and a year of dossiers written through the same event log, workflow
// rules and projections as the live application.
package demo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"motcua/data"
)

// Options tune the demo office.
type Options struct {
	Dossiers int                   // number of dossiers (refused ones included); 0 builds the office alone
	Seed     int64                 // random seed; default 1
	Now      time.Time             // "today"; zero = time.Now(). The dossiers span the 12 months before it.
	Progress func(done, total int) // optional, called about every 1 % of the dossiers written
	Replace  bool                  // overwrite an existing database at path
}

// checkLimit is the largest build that is verified with a full Store.Check (a replay of every
// dossier); larger ones get a count check only, the full one would take minutes.
const checkLimit = 20000

// MaxDossiers is the largest demo Build accepts: ten stations of 999 numbers a day, a year of
// working days, with room for the busy weeks.
const MaxDossiers = 2_000_000

// Build writes a complete demo office database at path. It builds into a temporary file in the
// same folder and renames it over path only when it is complete and verified, so a crash, an error
// or a cancelled ctx never leaves a half-built database at path. It refuses to overwrite an
// existing path unless opts.Replace. The office administrator is admin / admin123; every other
// account has the password demo1234.
func Build(ctx context.Context, path string, opts Options) (err error) {
	// 0 is an office with its catalog and accounts and no dossier ("motcua demo --dossiers 0"
	// printed «0 hồ sơ» while it built 2,000 of them).
	if opts.Dossiers < 0 || opts.Dossiers > MaxDossiers {
		return fmt.Errorf("số hồ sơ mẫu phải từ 0 đến %d", MaxDossiers)
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if path == "" {
		return errors.New("chưa chọn tệp cơ sở dữ liệu")
	}
	if path, err = filepath.Abs(path); err != nil {
		return err
	}
	if !opts.Replace {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("tệp %s đã tồn tại: không ghi đè dữ liệu có sẵn", path)
		} else if !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("tạo thư mục dữ liệu: %w", err)
	}
	// the write lock of path, held until the rename: no window or restore works on it meanwhile,
	// and no writer's start removes the temporary file below as a leftover of a killed build
	release, err := data.Lock(path)
	if err != nil {
		return err
	}
	defer release()
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.demo")
	if err != nil {
		return fmt.Errorf("tạo tệp tạm: %w", err)
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		if err != nil {
			removeDB(tmp)
		}
	}()

	now := opts.Now.Truncate(time.Second)
	clock := func() time.Time { return now }
	s, err := data.Open(tmp, data.Bulk(), data.Private(), data.WithClock(clock))
	if err != nil {
		return err
	}
	if err := s.MarkDemo(ctx); err != nil {
		s.Close()
		return fmt.Errorf("đánh dấu văn phòng mẫu: %w", err)
	}
	if err := build(ctx, s, now, opts); err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("đóng cơ sở dữ liệu: %w", err)
	}
	if err := verify(ctx, tmp, clock, opts.Dossiers); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if opts.Replace {
		// A journal left by the database being replaced would be replayed onto the new one.
		for _, sfx := range []string{"-wal", "-shm", "-journal"} {
			if err := os.Remove(path + sfx); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("xóa tệp nhật ký cũ: %w", err)
			}
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("ghi tệp %s: %w", path, err)
	}
	return syncDir(dir)
}

// Account is a demo login shown on the welcome and login screens of the demo office.
type Account struct {
	Username, Password string
	Roles              data.Roles
}

// Accounts are one demo login per role, the ones a visitor tries first.
func Accounts() []Account {
	return []Account{
		{admin.Username, adminPassword, data.RoleAdmin},
		{receptionists[0].user.Username, staffPassword, data.RoleReception},
		{officers[0].user.Username, staffPassword, data.RoleOfficer},
		{leaders[0].user.Username, staffPassword, data.RoleLeader},
	}
}

// verify reopens the built file as the application does (WAL, full sync) and checks it.
func verify(ctx context.Context, tmp string, clock func() time.Time, want int) error {
	s, err := data.Open(tmp, data.Private(), data.WithClock(clock))
	if err != nil {
		return err
	}
	defer s.Close()
	if want <= checkLimit {
		res, err := s.Check(ctx, false, nil)
		if err != nil {
			return fmt.Errorf("kiểm tra dữ liệu mẫu: %w", err)
		}
		if !res.OK() {
			return fmt.Errorf("dữ liệu mẫu không đạt kiểm tra: %s %v", res.Integrity, res.Mismatches)
		}
	}
	var n int
	if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM dossiers").Scan(&n); err != nil {
		return fmt.Errorf("kiểm tra dữ liệu mẫu: %w", err)
	}
	if n != want {
		return fmt.Errorf("dữ liệu mẫu có %d hồ sơ, cần %d", n, want)
	}
	if err := s.Close(); err != nil {
		return err
	}
	// Closing the last connection checkpoints and deletes the WAL; anything left would be lost
	// by the rename.
	if st, err := os.Stat(tmp + "-wal"); err == nil && st.Size() > 0 {
		return errors.New("nhật ký WAL của dữ liệu mẫu chưa được ghi vào tệp chính")
	}
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	return nil
}

func removeDB(p string) {
	for _, sfx := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(p + sfx)
	}
}

func syncFile(p string) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("ghi đĩa: %w", err)
	}
	return f.Close()
}

// syncDir makes a rename durable; not every platform can sync a directory, which is not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	d.Sync()
	return d.Close()
}
