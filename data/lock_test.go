package data

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSecondWriterRefusedReadersAllowed: while a store is open for writing, a second Open for
// writing (even in the same process), a Restore and SetAside are refused with a *LockedError that
// says who holds the database; a read-only Open works and cannot write; after Close the next
// writer opens.
func TestSecondWriterRefusedReadersAllowed(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), DBFile)
	first, err := Open(path, WithHolder("motcua (cửa sổ ứng dụng)"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(path)
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrInUse) {
		t.Fatalf("second writer: %v, want a *LockedError", err)
	}
	msg := err.Error()
	for _, want := range []string{"Cơ sở dữ liệu đang được mở bởi motcua (cửa sổ ứng dụng)", "PID " + strconv.Itoa(os.Getpid()), "hãy đóng chương trình đó rồi thử lại"} {
		if !strings.Contains(msg, want) {
			t.Errorf("refusal %q does not say %q", msg, want)
		}
	}
	if le.Since.IsZero() || !strings.Contains(msg, le.Since.In(first.Location()).Format("15:04 02/01/2006")) {
		t.Errorf("refusal does not say since when: %q", msg)
	}
	if _, err := Restore(ctx, path, path); !errors.Is(err, ErrInUse) {
		t.Errorf("restore while open: %v", err)
	}
	if _, err := SetAside(path, "truoc-demo"); !errors.Is(err, ErrInUse) {
		t.Errorf("set aside while open: %v", err)
	}
	if _, err := Lock(path); !errors.Is(err, ErrInUse) {
		t.Errorf("lock while open: %v", err)
	}

	r, err := Open(path, ReadOnly())
	if err != nil {
		t.Fatalf("a reader while the writer is open: %v", err)
	}
	if _, err := r.DatabaseID(ctx); err != nil {
		t.Errorf("reading: %v", err)
	}
	if err := r.WithTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, "x", "y") }); err == nil {
		t.Error("a read-only store wrote")
	}
	r.Close()

	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(path)
	if err != nil {
		t.Fatalf("open after the writer closed: %v", err)
	}
	again.Close()
}

// TestReadOnlyRefusesOutOfDateSchema: reading never writes, so a database this build would have
// to upgrade is refused with a message saying what to do, and is left as it was.
func TestReadOnlyRefusesOutOfDateSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), DBFile)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(path, ReadOnly())
	if err == nil || !strings.Contains(err.Error(), "cần nâng cấp") {
		t.Fatalf("read-only open of an old schema: %v", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none.db"), ReadOnly()); err == nil {
		t.Error("read-only open created a database")
	}
}

// TestCloseKeepsTheLockUntilWorkEnds: a transaction still running when the store is closed (the
// sync loop of a window that restores) keeps the write lock until it ends, so a restore that
// follows Close cannot move the file under its commit.
func TestCloseKeepsTheLockUntilWorkEnds(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), DBFile)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	inTx, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.WithTx(ctx, func(tx *sql.Tx) error {
			close(inTx)
			<-release
			return setMeta(ctx, tx, "late", "commit")
		})
	}()
	<-inTx
	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	time.Sleep(50 * time.Millisecond)
	if _, err := Lock(path); !errors.Is(err, ErrInUse) {
		t.Fatalf("the lock went while a transaction was still running: %v", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("the transaction begun before Close: %v", err)
	}
	<-closed
	unlock, err := Lock(path)
	if err != nil {
		t.Fatalf("lock after Close: %v", err)
	}
	unlock()
}
