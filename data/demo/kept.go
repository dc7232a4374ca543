package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"motcua/data/vntext"
)

// The benchmarks of several packages measure one large demo office, built once and kept in the
// temp folder between runs (a million dossiers take over a minute and 2.6 GB). Its size, seed and
// "today" live here only, so that every benchmark finds the same file.

// KeptNow is the fixed "today" of the kept office: the report periods of the benchmarks end here.
var KeptNow = time.Date(2026, 11, 20, 17, 30, 0, 0, vntext.Zone())

// KeptSize is the size the issues' targets are stated for, 1,000,000 dossiers, unless
// MOTCUA_BENCH_DOSSIERS asks for another (a quicker look).
func KeptSize() int {
	if n, err := strconv.Atoi(os.Getenv("MOTCUA_BENCH_DOSSIERS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// KeptPath is where the kept office of n dossiers lives.
func KeptPath(n int) string {
	return filepath.Join(os.TempDir(), "motcua-bench", fmt.Sprintf("demo-%d-seed1.db", n))
}

// BuildKept builds the office of n dossiers at KeptPath(n), replacing any file there.
func BuildKept(ctx context.Context, n int) error {
	return Build(ctx, KeptPath(n), Options{Dossiers: n, Seed: 1, Now: KeptNow, Replace: true})
}

var keptMu sync.Mutex

// Kept returns the path of the kept office of n dossiers, building it first when it is missing.
func Kept(ctx context.Context, n int) (string, error) {
	keptMu.Lock()
	defer keptMu.Unlock()
	path := KeptPath(n)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	return path, BuildKept(ctx, n)
}
