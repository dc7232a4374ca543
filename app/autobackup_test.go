package app

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"motcua/data"
)

// testClock is a clock the test moves forward.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// autoBackups lists the automatic backups in dir, oldest first.
func autoBackups(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "motcua-auto-*.db"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	return names
}

func TestAutoBackupOncePerDayAndPrunes(t *testing.T) {
	clk := &testClock{t: fixedNow}
	u, w := newTestUI(t, Options{DataDir: buildDemo(t, 20), Now: clk.now, spawn: inline})
	st := u.currentStore()
	ctx := context.Background()

	// no folder set: nothing happens
	u.startAutoBackup(st)
	u.wait()
	dir := filepath.Join(t.TempDir(), "SaoLuu")
	if err := st.SetSetting(ctx, data.System, data.SettingBackupDir, dir); err != nil {
		t.Fatal(err)
	}
	u.startAutoBackup(st)
	u.wait()
	if got := autoBackups(t, dir); len(got) != 1 || got[0] != "motcua-auto-2026-03-12.db" {
		t.Fatalf("first day: %q", got)
	}
	if err := data.VerifyFile(ctx, filepath.Join(dir, "motcua-auto-2026-03-12.db")); err != nil {
		t.Fatal(err)
	}
	clk.add(2 * time.Hour) // 17:30, same day
	u.startAutoBackup(st)
	u.wait()
	if got := autoBackups(t, dir); len(got) != 1 {
		t.Fatalf("twice the same day: %q", got)
	}
	for day := 1; day <= 20; day++ {
		clk.add(24 * time.Hour)
		u.startAutoBackup(st)
		u.startAutoBackup(st) // a second login that day adds nothing
		u.wait()
	}
	got := autoBackups(t, dir)
	if len(got) != data.AutoBackupKeep || got[0] != "motcua-auto-2026-03-19.db" || got[len(got)-1] != "motcua-auto-2026-04-01.db" {
		t.Errorf("after 21 days: %d files %q", len(got), got)
	}
	if last, _ := st.LastAutoBackup(ctx); !last.Equal(clk.now()) {
		t.Errorf("last backup %v, now %v", last, clk.now())
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("a box over the window while all went well")
	}

	// a folder that cannot be written: the error is shown once, not at every login
	blocked := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocked, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSetting(ctx, data.System, data.SettingBackupDir, filepath.Join(blocked, "SaoLuu")); err != nil {
		t.Fatal(err)
	}
	clk.add(24 * time.Hour)
	u.startAutoBackup(st)
	u.wait()
	top := w.Canvas().Overlays().Top()
	if top == nil || !contains(texts(top), "Lỗi") {
		t.Fatal("the failure was not shown")
	}
	w.Canvas().Overlays().Remove(top)
	clk.add(24 * time.Hour)
	u.startAutoBackup(st)
	u.wait()
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the failure was shown a second time")
	}
}
