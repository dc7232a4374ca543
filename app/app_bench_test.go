package app

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/data"
	"motcua/data/demo"
)

// benchTarget prints "TARGET <what>: 1.2 s (target ≤ 2 s) MET", as the data benchmarks do.
func benchTarget(what string, got, limit float64, unit string) {
	v := "MET"
	if got > limit {
		v = "NOT MET"
	}
	fmt.Printf("TARGET %s: %.2f %s (target ≤ %g %s) %s\n", what, got, unit, limit, unit, v)
}

// benchUI opens the office in dir in a test window with background work run in line, as the
// widget tests do, and returns once its first screen is complete.
func benchUI(b *testing.B, dir string, now time.Time) (*ui, fyne.Window) {
	b.Helper()
	w := test.NewWindow(nil)
	u := newUI(fyne.CurrentApp(), w, Options{DataDir: dir, Version: "bench", Now: clockAt(now), spawn: inline})
	w.SetContent(u.root)
	w.Resize(screenshotSize)
	u.start()
	u.wait()
	if errs := u.failures(); len(errs) > 0 {
		b.Fatal(errs)
	}
	return u, w
}

// closeUI shuts u down and closes its window.
func closeUI(u *ui, w fyne.Window) {
	u.shutdown()
	u.wait()
	w.Close()
}

// showAll logs user in and opens every section the user may open, waiting for each.
func showAll(b *testing.B, u *ui, user *data.User) int {
	b.Helper()
	spawn := u.work.start
	u.work.start = inline
	defer func() { u.work.start = spawn }()
	u.loggedIn(user)
	u.wait()
	n := 0
	for _, sec := range u.shell.visible {
		if u.shell.showSection(sec.key) {
			n++
		}
		u.wait()
	}
	if errs := u.failures(); len(errs) > 0 {
		b.Fatal(errs)
	}
	return n
}

// benchDemoDir copies a small demo office and adds a user holding every role.
func benchDemoDir(b *testing.B) (string, *data.User) {
	b.Helper()
	dir := buildDemo(b, 300)
	ctx := context.Background()
	st, err := data.Open(filepath.Join(dir, data.DBFile))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	user, err := st.CreateUser(ctx, data.System, data.NewUser{Username: "tatca", FullName: "Người có mọi vai trò",
		Roles: data.AllRoles, Password: "mat-khau-1"})
	if err != nil {
		b.Fatal(err)
	}
	return dir, user
}

// keptDir is a folder whose office database is the kept office of n dossiers (a symbolic link:
// SQLite follows it, so the WAL lives beside the real file).
func keptDir(b *testing.B, n int) string {
	b.Helper()
	path, err := demo.Kept(context.Background(), n)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := os.Symlink(path, filepath.Join(dir, data.DBFile)); err != nil {
		b.Fatal(err)
	}
	return dir
}

// checkedToday runs the daily integrity check of the office in dir on the kept office's today,
// outside the timings: the app runs it after the login screen is up (app.go, open), so it is
// not part of the first frame, and the benchmarks use background work run in line, which would
// count it.
func checkedToday(b *testing.B, dir string) {
	b.Helper()
	st, err := data.Open(filepath.Join(dir, data.DBFile), data.WithClock(clockAt(demo.KeptNow)))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := st.QuickCheck(context.Background()); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkBuildWholeUI opens an office, logs in a user with every role and builds every screen.
func BenchmarkBuildWholeUI(b *testing.B) {
	test.NewTempApp(b)
	dir, user := benchDemoDir(b)
	b.ResetTimer()
	screens := 0
	for i := 0; i < b.N; i++ {
		u, w := benchUI(b, dir, fixedNow)
		screens = showAll(b, u, user)
		closeUI(u, w)
	}
	b.ReportMetric(float64(screens), "screens")
}

// BenchmarkFirstFrame1M opens the app on the kept office of a million dossiers up to the first
// complete frame: the store opened, the login screen shown and the dashboard's figures computed.
func BenchmarkFirstFrame1M(b *testing.B) {
	test.NewTempApp(b)
	n := demo.KeptSize()
	dir := keptDir(b, n)
	checkedToday(b, dir)
	b.ResetTimer()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		u, w := benchUI(b, dir, demo.KeptNow)
		if u.login == nil {
			b.Fatal("the login screen is not shown")
		}
		w.Canvas().Capture()
		total += time.Since(start)
		closeUI(u, w)
	}
	secs := total.Seconds() / float64(b.N)
	b.ReportMetric(secs, "s/first-frame")
	benchTarget(fmt.Sprintf("app open to first frame, %d dossiers", n), secs, 2, "s")
}

// BenchmarkMemoryListAndStats1M measures the resident memory of the app after an administrator
// opens the dossier list and the statistics on the kept office. It measures in a fresh process
// (this test binary again, running only the measurement): the other benchmarks of the binary
// leave their heap and their mappings behind.
func BenchmarkMemoryListAndStats1M(b *testing.B) {
	if os.Getenv(memoryChildEnv) != "" {
		measureListAndStats(b)
		return
	}
	var rss float64
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^BenchmarkMemoryListAndStats1M$", "-test.benchtime=1x")
		cmd.Env = append(os.Environ(), memoryChildEnv+"=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("the measuring process: %v\n%s", err, out)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if rest, ok := strings.CutPrefix(line, "RESIDENT "); ok {
				rss, err = strconv.ParseFloat(strings.Fields(rest)[0], 64)
				if err != nil {
					b.Fatal(err)
				}
			}
			if strings.HasPrefix(line, "INFO ") {
				fmt.Println(line)
			}
		}
	}
	b.ReportMetric(rss, "MB-resident")
	benchTarget(fmt.Sprintf("resident memory after the list and the statistics, %d dossiers", demo.KeptSize()), rss, 300, "MB")
}

// memoryChildEnv marks the process that measures for BenchmarkMemoryListAndStats1M.
const memoryChildEnv = "MOTCUA_MEASURE_MEMORY"

// measureListAndStats opens the app, the list and the statistics and prints "RESIDENT <MB>".
func measureListAndStats(b *testing.B) {
	test.NewTempApp(b)
	n := demo.KeptSize()
	dir := keptDir(b, n)
	checkedToday(b, dir)
	var rss float64
	for i := 0; i < b.N; i++ {
		u, w := benchUI(b, dir, demo.KeptNow)
		user, err := u.currentStore().UserByName(context.Background(), "admin")
		if err != nil {
			b.Fatal(err)
		}
		spawn := u.work.start
		u.work.start = inline
		u.loggedIn(user)
		u.wait()
		for _, key := range []string{sectionDossiers, sectionStatistics} {
			if !u.shell.showSection(key) {
				b.Fatalf("the administrator cannot open %s", key)
			}
			u.wait()
		}
		u.work.start = spawn
		w.Canvas().Capture()
		rss = residentMB("VmRSS:")
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("INFO resident: %.0f MB (anonymous %.0f MB, mapped files %.0f MB; Go heap in use %.0f MB, Go total from OS %.0f MB)\n",
			rss, residentMB("RssAnon:"), residentMB("RssFile:"), float64(ms.HeapInuse)/(1<<20), float64(ms.Sys)/(1<<20))
		closeUI(u, w)
	}
	fmt.Printf("RESIDENT %.1f MB\n", rss)
}
