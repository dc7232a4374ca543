package app

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/data"
	"motcua/data/demo"
)

// BenchmarkStatistics1M opens the statistics screen on the kept benchmark office (demo.Kept, a
// million dossiers; skipped when it has not been built) and shows the year to date, then the
// late list and the staff evaluation. It reports the time of each step and the memory of the
// process (target: ≤ 300 MB resident with the list and the statistics open).
func BenchmarkStatistics1M(b *testing.B) {
	path := demo.KeptPath(demo.KeptSize())
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no kept office at %s (the data benchmarks build it)", path)
	}
	a := test.NewTempApp(b)
	setLanguage("vi")
	a.Settings().SetTheme(newTheme())
	w := test.NewTempWindow(b, nil)
	u := newUI(a, w, Options{DataDir: b.TempDir(), Now: clockAt(demo.KeptNow), spawn: inline})
	st, err := data.Open(path, data.WithClock(u.now))
	if err != nil {
		b.Fatal(err)
	}
	if !u.setStore(st) {
		b.Fatal("no store")
	}
	b.Cleanup(u.shutdown)
	for i := 0; i < b.N; i++ {
		s := newStatsScreen(u.screenDeps())
		w.SetContent(s.view)
		w.Resize(fyne.NewSize(1280, 800))
		step := func(name string, do func()) {
			start := time.Now()
			do()
			u.wait()
			b.ReportMetric(time.Since(start).Seconds(), name+"-s")
			b.ReportMetric(procMB(b, "RssAnon:"), name+"-anon-MB")
		}
		step("year", func() { s.period.SetSelectedIndex(periodYear) })
		if errs := u.failures(); len(errs) > 0 {
			b.Fatal(errs)
		}
		step("late", func() { s.tabs.Select(s.lateTab) })
		step("staff", func() { s.tabs.Select(s.staffTab) })
		if errs := u.failures(); len(errs) > 0 || s.shown == nil || len(s.late) == 0 || len(s.staff) == 0 {
			b.Fatalf("errors %v; shown %v, %d late, %d officials", errs, s.shown != nil, len(s.late), len(s.staff))
		}
		b.Logf("year to date: %d received, %d late listed, %d officials", s.shown.byUnit.Total.ReceivedTotal, len(s.late), len(s.staff))
	}
	b.ReportMetric(procMB(b, "VmHWM:"), "peak-MB")
	b.ReportMetric(procMB(b, "RssAnon:"), "anon-MB")
	b.ReportMetric(procMB(b, "RssFile:"), "file-MB")
}

// procMB is a memory figure of the process in MB (Linux; 0 elsewhere): VmHWM: the peak resident
// memory, RssAnon: the memory the process allocated, RssFile: the pages of files it maps (SQLite
// maps up to 1 GB of the database).
func procMB(b *testing.B, field string) float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				b.Fatal(err)
			}
			return float64(kb) / 1024
		}
	}
	return 0
}
