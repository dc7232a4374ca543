package data_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/demo/demotest"
)

// BenchmarkYearStaffAndLate measures, on the kept office, the staff evaluation and the late list
// of the year before benchNow: the time of each and the memory the process grew by while it ran
// (peak resident after resetting the peak, minus resident before; that counts the pages of the
// database SQLite maps, so the growth of allocated memory is printed too). Targets for 1,000,000
// dossiers: ≤ 1 s and ≤ 100 MB each. Each is run once untimed first, so that neither is charged
// for reading the database from disk (the staff evaluation used to read the whole log, warming
// the cache for the late list).
func BenchmarkYearStaffAndLate(b *testing.B) {
	n := benchSize()
	s := demotest.OpenKept(b, n)
	ctx := context.Background()
	to := calendar.DateOf(benchNow)
	from := to.AddDays(-364)
	for _, mode := range []data.Mode{data.ModeTimestamp, data.ModeDate} {
		measure := func(name string, fn func() int) {
			fn() // once untimed: the figures are for a database already in the page cache
			for i := 0; i < b.N; i++ {
				base, anon := resetPeakMB(), statusMB("RssAnon:")
				start := time.Now()
				count := fn()
				secs := time.Since(start).Seconds()
				extra := statusMB("VmHWM:") - base
				fmt.Printf("%s %s: allocated memory grew by %.1f MB (resident, with SQLite's mapped file: %.1f MB)\n",
					name, mode, statusMB("RssAnon:")-anon, extra)
				fmt.Printf("%s %s: %d rows\n", name, mode, count)
				target(fmt.Sprintf("%s of a year (%s), %d dossiers", name, mode, n), secs*1000, 1000, "ms")
				target(fmt.Sprintf("%s of a year (%s), extra memory", name, mode), extra, 100, "MB")
			}
		}
		measure("staff evaluation", func() int {
			rep, err := s.Stats(ctx, from, to, data.ByOfficer, mode)
			if err != nil {
				b.Fatal(err)
			}
			return len(rep.Rows)
		})
		measure("late list", func() int {
			late, err := s.LateDossiers(ctx, from, to, mode)
			if err != nil {
				b.Fatal(err)
			}
			return len(late)
		})
	}
}

// resetPeakMB resets the process's peak resident memory (Linux) and returns the resident memory.
func resetPeakMB() float64 {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	return statusMB("VmRSS:")
}

// statusMB is a memory figure of /proc/self/status in MB (0 where there is none).
func statusMB(field string) float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				return 0
			}
			return float64(kb) / 1024
		}
	}
	return 0
}
