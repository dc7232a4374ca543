package demotest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/demo"
)

func TestMain(m *testing.M) { Main(m) }

// Each test gets its own copy of one build: writing to a copy changes neither the build nor the
// other copies, and the second copy does not build again.
func TestCopyBuildsOnceAndCopies(t *testing.T) {
	opts := demo.Options{Dossiers: 5, Seed: 2, Now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	a := Copy(t, opts)
	built1, err := built(opts)
	if err != nil {
		t.Fatal(err)
	}
	st1, err := os.Stat(built1)
	if err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(filepath.Join(a, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(context.Background(), "INSERT INTO meta(key, value) VALUES ('demotest', 'x')"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	b := Copy(t, opts)
	if a == b {
		t.Fatal("two tests share one folder")
	}
	built2, _ := built(opts)
	st2, err := os.Stat(built2)
	if err != nil || built2 != built1 || !st2.ModTime().Equal(st1.ModTime()) {
		t.Fatalf("built again: %s %v → %s %v", built1, st1.ModTime(), built2, err)
	}
	orig, _ := os.ReadFile(built1)
	copied, _ := os.ReadFile(filepath.Join(b, data.DBFile))
	if len(orig) == 0 || !bytes.Equal(orig, copied) {
		t.Error("the second copy differs from the build (the first copy's write leaked?)")
	}
}
