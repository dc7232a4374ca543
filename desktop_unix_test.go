//go:build linux || freebsd || openbsd || netbsd

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// Without XDG_RUNTIME_DIR the Wayland library prints an alarming line: the window gets a private
// runtime folder of its own (0700), the same at every start, and a runtime folder the desktop
// set is kept.
func TestQuietDesktopGivesAPrivateRuntimeDir(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("XDG_RUNTIME_DIR", "")
	done := quietDesktop()
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if want := filepath.Join(tmp, "motcua-runtime-"+strconv.Itoa(os.Getuid())); dir != want {
		t.Fatalf("XDG_RUNTIME_DIR = %q, want %q", dir, want)
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("the runtime folder: %v, %v", fi, err)
	}
	done()
	if got := os.Getenv("XDG_RUNTIME_DIR"); got != "" {
		t.Errorf("after the window: XDG_RUNTIME_DIR = %q", got)
	}
	quietDesktop()() // the second start reuses it
	if os.Getenv("XDG_RUNTIME_DIR") != "" {
		t.Error("not undone")
	}

	t.Setenv("XDG_RUNTIME_DIR", "/run/user/1000")
	quietDesktop()
	if got := os.Getenv("XDG_RUNTIME_DIR"); got != "/run/user/1000" {
		t.Errorf("the desktop's runtime folder replaced by %q", got)
	}
}

// A folder of that name that another program made open to others is not used.
func TestQuietDesktopRefusesAnOpenFolder(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("XDG_RUNTIME_DIR", "")
	dir := filepath.Join(tmp, "motcua-runtime-"+strconv.Itoa(os.Getuid()))
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	quietDesktop()()
	if got := privateRuntimeDir(); got != "" {
		t.Errorf("an open folder used as the runtime folder: %q", got)
	}
}
