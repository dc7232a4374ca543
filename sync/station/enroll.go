package station

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"motcua/data"
)

// ErrNotFresh: the data folder already holds an office's database; enrolling is for a new PC.
var ErrNotFresh = errors.New("máy này đã có cơ sở dữ liệu văn phòng: enroll chỉ dùng cho máy mới (dùng motcua sync)")

// IncompleteError: the station is set up and its database is in place, but not every dossier
// was received yet; the next sync fetches the rest.
type IncompleteError struct{ Err error }

func (e *IncompleteError) Error() string {
	return fmt.Sprintf("đã thiết lập máy trạm nhưng chưa nhận đủ hồ sơ (lần đồng bộ sau sẽ nhận tiếp): %v", e.Err)
}

func (e *IncompleteError) Unwrap() error { return e.Err }

// EnrollAside is the name under which EnrollNew builds the database at path before it becomes the
// live one. An interrupted enrolment leaves at most this (and its companions), which the next
// enrolment overwrites.
func EnrollAside(path string) string { return path + ".dang-ghi-danh" }

// companions are the files of a database besides it, moved or removed with it: SQLite's
// journals, the fallback file of the sync token, the file of minted codes.
var companions = []string{"-wal", "-shm", "-journal", data.TokenSuffix, data.HighWaterSuffix}

// EnrollNew makes the database at path the station cfg's token names, all or nothing, for the
// command line and the first screen alike. It is built under EnrollAside(path); once the office
// is set up there and the database closed, ready is called (the command line prints the
// administrator's temporary password there), and only after ready returns nil is the database
// renamed into place. So an interruption at any moment leaves either no live database, and
// enrolling again simply works, or a live one whose administrator's password was shown: never a
// PC nobody can log into.
//
// A database already at path that is not set up (an empty file a window opened) is replaced;
// one that is set up is refused with ErrNotFresh. No store may have path open. When the office
// was set up but the first pull failed part way, the database is in place and the error is an
// *IncompleteError.
func EnrollNew(ctx context.Context, path string, cfg Config, admin data.NewUser, ready func(*Report) error, opts ...data.Option) (*Report, error) {
	if err := checkFresh(path, opts); err != nil {
		return nil, err
	}
	aside := EnrollAside(path)
	// A killed enrolment's lock file is left alone: removing a lock file is what breaks a lock.
	if err := removeDatabase(aside, false); err != nil {
		return nil, fmt.Errorf("xóa tệp còn lại của lần kết nối trước: %w", err)
	}
	installed := false
	defer func() {
		if !installed {
			removeDatabase(aside, true)
		}
	}()
	s, err := data.Open(aside, opts...)
	if err != nil {
		return nil, err
	}
	rep, syncErr := Enroll(ctx, s, cfg, admin)
	if _, officeErr := s.Office(); officeErr != nil {
		s.Close()
		if syncErr == nil {
			syncErr = officeErr
		}
		return nil, syncErr
	}
	if err := s.Close(); err != nil {
		return nil, fmt.Errorf("đóng cơ sở dữ liệu: %w", err)
	}
	if err := ready(rep); err != nil {
		return nil, err
	}
	if err := install(aside, path); err != nil {
		return nil, err
	}
	installed = true
	if syncErr != nil {
		return rep, &IncompleteError{Err: syncErr}
	}
	return rep, nil
}

// checkFresh refuses a database at path that is set up for an office.
func checkFresh(path string, opts []data.Option) error {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("đọc thư mục dữ liệu: %w", err)
	}
	s, err := data.Open(path, opts...)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Office(); !errors.Is(err, data.ErrNotSetUp) {
		return ErrNotFresh
	}
	return nil
}

// install moves the database built at aside to path: its companions first, the database last,
// so that the rename of the database is the one step that makes the station live. Journals left
// by an empty database at path are removed (SQLite would replay them onto the new one); a file of
// minted codes there is kept: it can only make the new station skip numbers, never repeat one.
func install(aside, path string) error {
	for _, sfx := range companions {
		if sfx == data.HighWaterSuffix {
			continue // enrolling mints no code
		}
		if err := os.Remove(path + sfx); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("xóa tệp cũ %s: %w", path+sfx, err)
		}
		if _, err := os.Stat(aside + sfx); err != nil {
			continue
		}
		if err := os.Rename(aside+sfx, path+sfx); err != nil {
			return fmt.Errorf("ghi tệp %s: %w", path+sfx, err)
		}
	}
	if err := os.Rename(aside, path); err != nil {
		return fmt.Errorf("ghi tệp %s: %w", path, err)
	}
	os.Remove(aside + data.LockSuffix) // the live database's lock file is never touched: another process may wait on it
	// A rename is durable once the folder is synced; Windows cannot sync a folder and needs not.
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// removeDatabase removes the database at path and its companions, and its lock file when this
// process closed the database.
func removeDatabase(path string, lock bool) error {
	files := append([]string{path}, suffixed(path)...)
	if lock {
		files = append(files, path+data.LockSuffix)
	}
	for _, p := range files {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

func suffixed(path string) []string {
	out := make([]string, len(companions))
	for i, sfx := range companions {
		out[i] = path + sfx
	}
	return out
}
