package app

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/demo"
)

// dlBenchCase is one change of the filters, made through the screen's widgets.
type dlBenchCase struct {
	name string
	set  func(d *dossierList)
}

func dlBenchCases() []dlBenchCase {
	status := func(s data.Status) func(d *dossierList) {
		return func(d *dossierList) { d.status.SetSelected(statusName(s)) }
	}
	search := func(q string) func(d *dossierList) { return func(d *dossierList) { d.search.SetText(q) } }
	unit := func(code string) func(d *dossierList) {
		return func(d *dossierList) {
			for i, u := range d.units {
				if u.Code == code {
					d.unit.SetSelectedIndex(i + 1)
				}
			}
		}
	}
	sortBy := func(col int) func(d *dossierList) { return func(d *dossierList) { d.sortBy(col) } }
	return []dlBenchCase{
		{"refresh, no filter", func(d *dossierList) { d.apply() }},
		{"status Đang xử lý", status(data.StatusProcessing)},
		{"status Đã trả kết quả", status(data.StatusReturned)},
		{"still being handled (open statuses)", func(d *dossierList) { d.status.SetSelectedIndex(1) }},
		{"unit TPHT (the largest)", unit("TPHT")},
		{"unit VHXH (a small one)", unit("VHXH")},
		{"procedure 1.001193", func(d *dossierList) { d.procedure.SetText("1.001193") }},
		{"channel online", func(d *dossierList) { d.channel.SetSelectedIndex(2) }},
		{"received in October 2026", func(d *dossierList) { d.from.SetText("01/10/2026"); d.quiet = false; d.to.SetText("31/10/2026") }},
		{"overdue", func(d *dossierList) { d.overdue.SetChecked(true) }},
		{"due soon", func(d *dossierList) { d.dueSoon.SetChecked(true) }},
		{`search "nguyen van"`, search("nguyen van")},
		{`search "nguyen" (a third of the office)`, search("nguyen")},
		{`search "tran thi h"`, search("tran thi h")},
		{`search "duc"`, search("duc")},
		{`search a code prefix`, search("000.00.31.H56-2611")},
		{"sorted by due date", sortBy(dlColDue)},
		{"sorted by code", sortBy(dlColCode)},
	}
}

// BenchmarkDossierList measures the dossier list on the kept 1,000,000-dossier demo office: from a
// filter changed on the screen to its first page of rows and its count ready to draw (the
// screen's own code path; the drawing is not timed). Target (docs/ARCHITECTURE.md §11):
// filtering or searching the list ≤ 100 ms. It also reports the resident memory once the list is
// open (target with the statistics: ≤ 300 MB).
func BenchmarkDossierList(b *testing.B) {
	n := demo.KeptSize()
	path := demo.KeptPath(n)
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("MOTCUA_BENCH_BUILD") == "" {
			b.Skipf("no kept demo office at %s: build it with make bench (or set MOTCUA_BENCH_BUILD=1)", path)
		}
		if path, err = demo.Kept(context.Background(), n); err != nil {
			b.Fatal(err)
		}
	}
	st, err := data.Open(path, data.WithClock(clockAt(demo.KeptNow)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	a := test.NewTempApp(b)
	setLanguage("vi")
	a.Settings().SetTheme(newTheme())

	// The screen's background work is queued; the benchmark runs the listing it times in line and
	// drops the rest (the full count of a large result, which is not waited for on screen).
	var queued []func()
	spawn := func(fn func()) { queued = append(queued, fn) }
	ctx := context.Background()
	d := newDossierList(ctx, st, spawn, func(uuid.UUID) {}, clockAt(demo.KeptNow))
	d.pause = 0                 // each change lists at once
	for _, fn := range queued { // the catalog and the first listing
		fn()
	}
	queued = nil
	if d.rows == 0 {
		b.Fatalf("the list is empty: %s", d.info.Text)
	}
	reset := func() {
		d.quiet = true
		d.search.SetText("")
		d.status.SetSelectedIndex(0)
		d.unit.SetSelectedIndex(0)
		d.channel.SetSelectedIndex(0)
		d.procedure.SetText("")
		d.procCode = ""
		d.from.SetText("")
		d.to.SetText("")
		d.dueSoon.SetChecked(false)
		d.overdue.SetChecked(false)
		d.order = data.SortReceivedDesc
		d.quiet = false
	}
	cases := dlBenchCases()
	times := make([][]time.Duration, len(cases))
	rows := make([]string, len(cases))
	// One pass first, untimed, as the data benchmarks do: the office's pages are read from disk
	// once, then from the cache, as on an office PC after the first minutes.
	for i := -1; i < b.N; i++ {
		if i == 0 {
			times = make([][]time.Duration, len(cases))
			b.ResetTimer()
		}
		for c, cs := range cases {
			b.StopTimer()
			reset()
			if cs.name == "received in October 2026" {
				d.quiet = true // one listing for both dates
			}
			b.StartTimer()
			start := time.Now()
			cs.set(d)
			if len(queued) == 0 {
				b.Fatalf("%s: nothing listed", cs.name)
			}
			queued[0]() // the first page and the count, shown through fyne.Do
			took := time.Since(start)
			b.StopTimer()
			queued = nil
			if d.pending || d.info.Importance == widget.DangerImportance {
				b.Fatalf("%s: %s", cs.name, d.info.Text)
			}
			times[c] = append(times[c], took)
			rows[c] = d.info.Text
			b.StartTimer()
		}
	}
	b.StopTimer()
	// The memory with the list open, before the deep page below reads a quarter of the office.
	rss, anon := residentMB("VmRSS:"), residentMB("RssAnon:")
	// Deep in the list: the page at row 250,000 (newest first), its start reached once by reading
	// on page by page as the scroll bar would, then read again from its cursor as the table does
	// when the user scrolls back to it.
	reset()
	d.apply()
	for len(queued) > 0 {
		fn := queued[0]
		queued = queued[1:]
		fn()
	}
	deep := 250_000 / dlPageSize
	if deep*dlPageSize < d.rows {
		d.want(deep)
		for len(queued) > 0 {
			fn := queued[0]
			queued = queued[1:]
			fn()
		}
		if _, ok := d.pages.pages[deep]; !ok {
			b.Fatalf("page %d not read: %s", deep, d.info.Text)
		}
		var deepTimes []time.Duration
		for range 20 {
			delete(d.pages.pages, deep)
			start := time.Now()
			d.want(deep)
			if len(queued) != 1 {
				b.Fatalf("page %d: %d readings", deep, len(queued))
			}
			queued[0]()
			deepTimes = append(deepTimes, time.Since(start))
			queued = nil
		}
		cases = append(cases, dlBenchCase{name: fmt.Sprintf("page at row %d by cursor", deep*dlPageSize)})
		times = append(times, deepTimes)
		rows = append(rows, fmt.Sprintf("%d rows", dlPageSize))
	}
	var worst, sum time.Duration
	var all int
	for c, cs := range cases {
		sort.Slice(times[c], func(i, j int) bool { return times[c][i] < times[c][j] })
		p := times[c][len(times[c])*95/100]
		worst = max(worst, p)
		for _, t := range times[c] {
			sum += t
			all++
		}
		v := "MET"
		if p > 100*time.Millisecond {
			v = "NOT MET"
		}
		fmt.Printf("TARGET dossier list: %s (%s), %d dossiers: p95 %.1f ms (target ≤ 100 ms) %s\n",
			cs.name, rows[c], n, ms(p), v)
	}
	b.ReportMetric(ms(sum/time.Duration(all)), "ms/filter")
	b.ReportMetric(ms(worst), "worst-p95-ms")
	if rss > 0 {
		b.ReportMetric(rss, "MB-resident")
		b.ReportMetric(anon, "MB-anon")
		fmt.Printf("INFO resident memory with the dossier list open on %d dossiers: %.0f MB, of which %.0f MB not the mapped database file\n", n, rss, anon)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// residentMB is a figure of the process's resident memory from /proc/self/status: VmRSS: all of
// it, RssAnon: without the pages of mapped files (the database is mapped). 0 where unknown.
func residentMB(field string) float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
