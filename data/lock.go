package data

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"motcua/data/vntext"
)

// One process writes an office's database at a time (docs/HUONG-DAN.md §11, "Một chương trình ghi"):
// a store opened for writing, a restore and a demo build hold an OS lock on the file
// motcua.db.lock beside the database for as long as they work. SQLite's own locks only
// serialise transactions; they cannot stop a restore from moving the file away under a process
// that goes on writing into it. The OS lock (flock on Unix, LockFileEx on Windows) is released
// by the OS when the process dies, so a killed window never leaves the office locked.
//
// The lock file also says who holds it (program, PID, PC, since when), so that the process
// refused can name it. On Windows a locked byte range cannot be read, so the lock is on a byte
// far beyond the text (lock_windows.go).

// LockSuffix names the lock file of a database: motcua.db → motcua.db.lock.
const LockSuffix = ".lock"

// ErrInUse is what errors.Is finds in a *LockedError (ErrLocked is an account locked after
// failed logins).
var ErrInUse error = &Error{Code: "in_use", text: msgInUse}

// LockedError is a database that another process holds open for writing.
type LockedError struct {
	Path    string    // the database
	Program string    // what holds it, e.g. "motcua (cửa sổ ứng dụng)"; "" when unknown
	PID     int       // 0 when unknown
	Host    string    // the PC that holds it ("" when unknown)
	Since   time.Time // zero when unknown
}

func (e *LockedError) Error() string { return e.Message("vi") }

// Message is the error in lang ("en" for English, anything else Vietnamese); what holds the
// database is named as that program wrote it in the lock file.
func (e *LockedError) Message(lang string) string {
	who := e.Program
	if who == "" {
		who = msgAnotherProgram.In(lang)
	}
	if e.PID > 0 {
		who += ", PID " + strconv.Itoa(e.PID)
	}
	if host, _ := os.Hostname(); e.Host != "" && e.Host != host {
		who += msgOnHost.Format(lang, e.Host)
	}
	if !e.Since.IsZero() {
		who += msgSince.Format(lang, e.Since.In(vntext.Zone()).Format("15:04 02/01/2006"))
	}
	return msgLockedBy.Format(lang, who)
}

// Is makes errors.Is(err, ErrInUse) true.
func (e *LockedError) Is(target error) bool { return target == ErrInUse }

// holderName is what this process says it is in the lock file: "motcua (cửa sổ ứng dụng)" for
// the window (WithHolder), else the program and its command, "motcua restore".
func holderName() string {
	name := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		name += " " + os.Args[1]
	}
	return name
}

// dbLock is a held lock on a database's lock file.
type dbLock struct{ f *os.File }

// lockDB takes the write lock of the database at dbPath for holder ("" is holderName()), or
// returns a *LockedError naming who has it. It never waits.
func lockDB(dbPath, holder string) (*dbLock, error) {
	if holder == "" {
		holder = holderName()
	}
	lockPath := dbPath + LockSuffix
	// a restore onto a new PC may come before the data folder exists
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return nil, fmt.Errorf("tạo thư mục dữ liệu: %w", err)
	}
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("mở tệp khóa %s: %w", lockPath, err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("khóa cơ sở dữ liệu %s: %w", dbPath, err)
	}
	if !held {
		le := readHolder(f)
		f.Close()
		le.Path = dbPath
		return nil, le
	}
	host, _ := os.Hostname()
	text := fmt.Sprintf("program: %s\npid: %d\nhost: %s\nsince: %s\n", holder, os.Getpid(), host, time.Now().Format(time.RFC3339))
	// the text is only a courtesy to the process refused: failing to write it changes nothing
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(text), 0)
	}
	return &dbLock{f: f}, nil
}

// readHolder reads who holds the lock from its file; fields it cannot read stay empty.
func readHolder(f *os.File) *LockedError {
	le := &LockedError{}
	b, err := io.ReadAll(io.NewSectionReader(f, 0, 4096))
	if err != nil && len(b) == 0 {
		return le
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "program":
			le.Program = v
		case "pid":
			le.PID, _ = strconv.Atoi(v)
		case "host":
			le.Host = v
		case "since":
			le.Since, _ = time.Parse(time.RFC3339, v)
		}
	}
	return le
}

// release lets the lock go. The file stays: removing it would let two processes lock two
// different files of the same name.
func (l *dbLock) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = l.f.Truncate(0)
	_ = unlock(l.f)
	l.f.Close()
	l.f = nil
}

// Lock takes the write lock of the database at dbPath for a process that replaces the file
// without opening it (a demo build): a *LockedError when someone holds it. release lets it go.
func Lock(dbPath string) (release func(), err error) {
	l, err := lockDB(dbPath, "")
	if err != nil {
		return nil, err
	}
	return l.release, nil
}
