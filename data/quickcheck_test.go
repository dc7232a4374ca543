package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// damagePages overwrites a few pages in the middle of a closed database file with garbage.
func damagePages(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	mid := st.Size() / 2 / page * page
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, 4*page), mid); err != nil {
		t.Fatal(err)
	}
}

func TestQuickCheckOncePerDayAndFindsDamage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "motcua.db")
	f := newFixtureAt(t, path)
	for i := 0; i < 40; i++ {
		f.receive(t, "1.004873", "Lê Thị Cúc")
	}
	if err := f.s.QuickCheck(ctx); err != nil {
		t.Fatalf("QuickCheck of a sound database: %v", err)
	}
	last, err := f.s.Meta(ctx, metaLastQuickCheck)
	if err != nil || last != f.clk.now().Format(time.RFC3339) {
		t.Fatalf("last check %q, %v", last, err)
	}
	f.s.Close()
	damagePages(t, path)

	// on the same day the check is not repeated; a day later it finds the damage
	clk := &clock{t: f.clk.now().Add(time.Hour)}
	s, err := Open(path, WithClock(clk.now))
	if err != nil {
		t.Fatalf("Open reads no damaged page here, yet: %v", err)
	}
	defer s.Close()
	if err := s.QuickCheck(ctx); err != nil {
		t.Fatalf("checked again the same day: %v", err)
	}
	clk.add(24 * time.Hour)
	err = s.QuickCheck(ctx)
	var ce *CorruptError
	if !errors.As(err, &ce) || !IsCorrupt(err) {
		t.Fatalf("a damaged database: %v, want a CorruptError", err)
	}
	t.Logf("found: %v", err)
	if IsCorrupt(errors.New("database is locked")) || IsCorrupt(nil) {
		t.Error("IsCorrupt says yes to errors that are not damage")
	}
}

func TestQuickCheckSkippedTheSameDay(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	if err := f.s.QuickCheck(ctx); err != nil {
		t.Fatal(err)
	}
	first, _ := f.s.Meta(ctx, metaLastQuickCheck)
	f.clk.add(3 * time.Hour)
	if err := f.s.QuickCheck(ctx); err != nil {
		t.Fatal(err)
	}
	if again, _ := f.s.Meta(ctx, metaLastQuickCheck); again != first {
		t.Errorf("checked again the same day: %s then %s", first, again)
	}
	f.clk.add(24 * time.Hour)
	if err := f.s.QuickCheck(ctx); err != nil {
		t.Fatal(err)
	}
	if next, _ := f.s.Meta(ctx, metaLastQuickCheck); next != f.clk.now().Format(time.RFC3339) {
		t.Errorf("not checked the next day: last %s", next)
	}
}

func TestLatestAutoBackup(t *testing.T) {
	dir := t.TempDir()
	if got, err := LatestAutoBackup(filepath.Join(dir, "missing")); got != "" || err != nil {
		t.Errorf("missing folder: %q, %v", got, err)
	}
	for _, n := range []string{"motcua-auto-2026-03-10.db", "motcua-auto-2026-03-11.db", "motcua-2026-03-12-0900.db", "motcua-auto-2026-03-09.db", "ghi-chu.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := LatestAutoBackup(dir); err != nil || got != filepath.Join(dir, "motcua-auto-2026-03-11.db") {
		t.Errorf("latest: %q, %v", got, err)
	}
}
