package main

import (
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Started where no window can open, the app says so in one line and writes the reason to the
// data folder's log; it neither panics nor opens anything.
func TestStartWithoutDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if displayProblem() == nil {
		t.Skip("this system needs no display variable")
	}
	dir := filepath.Join(t.TempDir(), "data")
	err := startGUI(dir, "test", "2026-11-25")
	if err == nil {
		t.Fatal("no error without a display")
	}
	msg := oneLine(err.Error())
	if msg != err.Error() || !strings.Contains(msg, "DISPLAY") || !strings.Contains(msg, filepath.Join(dir, logFile)) {
		t.Errorf("message %q", err)
	}
	raw, rerr := os.ReadFile(filepath.Join(dir, logFile))
	if rerr != nil {
		t.Fatal(rerr)
	}
	if log := string(raw); !strings.Contains(log, "motcua test (2026-11-25) starting") || !strings.Contains(log, "no display") {
		t.Errorf("log: %q", log)
	}
	if _, err := os.Stat(filepath.Join(dir, "motcua.db")); err == nil {
		t.Error("a database was created although no window opened")
	}
}

// The log is moved aside when it grows past maxLog, keeping one older file.
func TestLogRotates(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("x", maxLog+1)
	if err := os.WriteFile(filepath.Join(dir, logFile), []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := openLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if fi, err := os.Stat(filepath.Join(dir, logFile+".1")); err != nil || fi.Size() != int64(len(big)) {
		t.Errorf("old log not kept aside: %v", err)
	}
	if fi, err := os.Stat(filepath.Join(dir, logFile)); err != nil || fi.Size() != 0 {
		t.Errorf("new log not started: %v", err)
	}
}

// A window that never draws ends the program with the no-OpenGL message, and the log says why.
func TestNoFrameEndsWithTheOpenGLMessage(t *testing.T) {
	dir := t.TempDir()
	f, err := openLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	log.SetOutput(f)
	defer log.SetOutput(os.Stderr)
	code := -1
	noFrame(filepath.Join(dir, logFile), 20*time.Second, func(c int) { code = c })()
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	raw, err := os.ReadFile(filepath.Join(dir, logFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "no frame was drawn 20s after the window was created") {
		t.Errorf("log: %q", raw)
	}
	if !strings.Contains(noOpenGL, "OpenGL") || !strings.Contains(noOpenGL, "opengl32.dll") {
		t.Errorf("message %q", noOpenGL)
	}
}
