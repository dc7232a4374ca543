package reports

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// WriteFile writes a document through a temporary file in the same folder and renames it into
// place: a failed or interrupted run leaves no half-written file at path. The file is readable by
// its owner only (0600, os.CreateTemp's mode), as the database it comes from: forms and reports
// carry citizens' names, ID numbers and phones. An existing file at path is replaced by one of
// that mode.
func WriteFile(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("tạo tệp %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("ghi tệp %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("ghi tệp %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("ghi tệp %s: %w", path, err)
	}
	return nil
}

// viewerCommand is the command that opens a file with the system's default program; tests
// replace it to check everything up to the launch.
var viewerCommand = func(path string) *exec.Cmd {
	switch runtime.GOOS {
	case "windows":
		return exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	case "darwin":
		return exec.Command("open", path)
	}
	return exec.Command("xdg-open", path)
}

// WriteAndOpen writes a document to path and opens it with the system's PDF viewer (or
// spreadsheet program): the one way the GUI prints.
func WriteAndOpen(path string, write func(w io.Writer) error) error {
	if err := WriteFile(path, write); err != nil {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	cmd := viewerCommand(abs)
	if err := cmd.Start(); err != nil {
		return &NotOpenedError{Path: abs, Err: err}
	}
	go cmd.Wait() // reap the launcher; the viewer lives on by itself
	return nil
}

// NotOpenedError says a document was written to Path but no program could show it: the file is
// there, and the screen says where (the same way on every screen).
type NotOpenedError struct {
	Path string
	Err  error
}

func (e *NotOpenedError) Error() string {
	var ee *exec.Error
	if errors.As(e.Err, &ee) {
		return fmt.Sprintf("đã lưu %s nhưng không mở được: máy chưa có chương trình xem tệp này", e.Path)
	}
	return fmt.Sprintf("đã lưu %s nhưng không mở được: %v", e.Path, e.Err)
}

func (e *NotOpenedError) Unwrap() error { return e.Err }
