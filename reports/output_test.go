package reports

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestWriteFileIsOwnerOnly: a document written through WriteFile is readable by its owner only,
// also when it replaces a file that was not, and a failed write leaves nothing behind.
func TestWriteFileIsOwnerOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "bao-cao.csv")
	if err := os.WriteFile(path, []byte("cũ"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "Họ tên,Số CCCD\n"); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if m := fi.Mode().Perm(); m != 0o600 {
		t.Errorf("written with mode %o, want 600", m)
	}
	failed := filepath.Join(dir, "hong.pdf")
	if err := WriteFile(failed, func(io.Writer) error { return errors.New("hỏng") }); err == nil {
		t.Fatal("a failed write reported success")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a failed write left files: %v", entries)
	}
}
