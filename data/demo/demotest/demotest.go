// Package demotest gives tests a demo office without building one per test: each distinct
// demo.Options is built once per test process and every test works on its own copy.
//
// The offices are built in a folder of this process only. A file shared between test processes
// (two checkouts, or two packages tested at once) was once opened by one process while another was
// still building it, which left an empty office behind and every later run failing.
//
// The large office the benchmarks keep between runs is another matter: see demo.Kept.
package demotest

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/demo"
)

type build struct {
	once sync.Once
	path string
	err  error
}

var (
	builds sync.Map // key(opts) → *build

	dirMu sync.Mutex
	dir   string // this process's folder of built offices, made on first use
)

// key names the office opts builds (Progress does not change it).
func key(opts demo.Options) string {
	return fmt.Sprintf("%d-seed%d-%s", opts.Dossiers, opts.Seed, opts.Now.Format(time.RFC3339Nano))
}

// Copy returns a fresh data folder (a temporary folder of tb) whose office database, data.DBFile,
// is a copy of the demo office opts builds. The office is built once per test process.
func Copy(tb testing.TB, opts demo.Options) string {
	tb.Helper()
	path, err := built(opts)
	if err != nil {
		tb.Fatalf("demo office %s: %v", key(opts), err)
	}
	out := tb.TempDir()
	if err := copyFile(path, filepath.Join(out, data.DBFile)); err != nil {
		tb.Fatal(err)
	}
	return out
}

// OpenKept opens the large office the benchmarks keep between runs (demo.Kept), building it
// first when it is missing; it is closed when tb ends.
func OpenKept(tb testing.TB, n int) *data.Store {
	tb.Helper()
	path, err := demo.Kept(context.Background(), n)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := data.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// Main runs the tests of a package that uses Copy and removes the offices built for them. Call
// it from the package's TestMain.
func Main(m *testing.M) {
	code := m.Run()
	dirMu.Lock()
	if dir != "" {
		os.RemoveAll(dir)
	}
	dirMu.Unlock()
	os.Exit(code)
}

// built builds the office of opts once and returns its path.
func built(opts demo.Options) (string, error) {
	opts.Replace, opts.Progress = false, nil
	k := key(opts)
	v, _ := builds.LoadOrStore(k, &build{})
	b := v.(*build)
	b.once.Do(func() {
		root, err := buildDir()
		if err != nil {
			b.err = err
			return
		}
		b.path = filepath.Join(root, "demo-"+k+".db")
		b.err = demo.Build(context.Background(), b.path, opts)
	})
	return b.path, b.err
}

func buildDir() (string, error) {
	dirMu.Lock()
	defer dirMu.Unlock()
	if dir == "" {
		d, err := os.MkdirTemp("", "motcua-demotest-")
		if err != nil {
			return "", err
		}
		dir = d
	}
	return dir, nil
}

// copyFile copies the built database (complete and closed: demo.Build checkpoints it) to to.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
