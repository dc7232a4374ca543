package data_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/demo/demotest"
)

type listCase struct {
	name string
	f    data.ListFilter
}

func listCases() []listCase {
	return []listCase{
		{"no filter", data.ListFilter{}},
		{"status=4", data.ListFilter{Statuses: []data.Status{data.StatusProcessing}}},
		{"unit TPHT (the largest)", data.ListFilter{Unit: "TPHT"}},
		{"unit VHXH (a small one)", data.ListFilter{Unit: "VHXH"}},
		{"received in October 2026", data.ListFilter{From: calendar.D(2026, 10, 1), To: calendar.D(2026, 10, 31)}},
		{"overdue", data.ListFilter{Overdue: true}},
		{"due soon", data.ListFilter{DueSoon: true}},
		{`query "nguyen van"`, data.ListFilter{Query: "nguyen van"}},
		{`query "nguyen" (a third of the office)`, data.ListFilter{Query: "nguyen"}},
		{`query "tran thi h"`, data.ListFilter{Query: "tran thi h"}},
		// The kept office's codes: this month's (near the newest) and a year-old month's.
		{"query code prefix of this month", data.ListFilter{Query: "000.00.31.H56-2611"}},
		{"query code prefix of a month a year ago", data.ListFilter{Query: "000.00.31.H56-2512"}},
		{"status=10 + unit + month + query", data.ListFilter{Statuses: []data.Status{data.StatusReturned}, Unit: "TPHT",
			From: calendar.D(2026, 10, 1), To: calendar.D(2026, 10, 31), Query: "nguyen"}},
	}
}

var listSorts = []data.ListSort{data.SortReceivedDesc, data.SortReceivedAsc, data.SortDueAsc, data.SortDueDesc,
	data.SortCodeAsc, data.SortCodeDesc}

// timeIt runs fn runs times after one warm-up and returns the p95.
func timeIt(b *testing.B, runs int, fn func() error) time.Duration {
	b.Helper()
	if err := fn(); err != nil {
		b.Fatal(err)
	}
	d := make([]time.Duration, 0, runs)
	for i := 0; i < runs; i++ {
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(start))
	}
	return p95(d)
}

// listTarget prints "TARGET <what>, <n> dossiers: p95 12.3 ms (target ≤ 100 ms) MET".
func listTarget(what string, n int, p time.Duration) {
	v := "MET"
	if p > 100*time.Millisecond {
		v = "NOT MET"
	}
	fmt.Printf("TARGET %s, %d dossiers: p95 %.1f ms (target ≤ 100 ms) %s\n", what, n, float64(p)/float64(time.Millisecond), v)
}

// deepPage is the page the benchmark reads deep in a list: page 5,000 of 50 rows.
const deepPage = 5_000

// cursorAt is the cursor after the first rows rows of the list, followed in steps of 1,000 rows;
// ok=false when the list has no more than rows rows.
func cursorAt(s *data.Store, f data.ListFilter, o data.ListSort, rows int) (data.Cursor, bool, error) {
	var after data.Cursor
	for read := 0; read < rows; {
		step := min(1000, rows-read)
		hits, next, err := s.List(context.Background(), f, o, after, step)
		if err != nil || next == "" {
			return "", false, err
		}
		read += len(hits)
		after = next
	}
	return after, true, nil
}

// BenchmarkList measures the first page (50 rows) of the dossier list on the large office for each
// filter in each order, page 5,000 reached by cursor where the list is that long, and the count
// of each filter. Target: every list query ≤ 100 ms p95, deep pages included.
func BenchmarkList(b *testing.B) {
	n := benchSize()
	s := demotest.OpenKept(b, n)
	ctx := context.Background()
	const runs = 20
	b.ResetTimer()
	only := os.Getenv("MOTCUA_BENCH_LIST") // a part of a case name, to run only those
	for i := 0; i < b.N; i++ {
		for _, c := range listCases() {
			if !strings.Contains(c.name, only) {
				continue
			}
			for _, o := range listSorts {
				var rows int
				p := timeIt(b, runs, func() error {
					hits, _, err := s.List(ctx, c.f, o, "", 50)
					rows = len(hits)
					return err
				})
				listTarget(fmt.Sprintf("list %s, sorted %s (%d rows)", c.name, o, rows), n, p)
				after, ok, err := cursorAt(s, c.f, o, (deepPage-1)*50)
				if err != nil {
					b.Fatal(err)
				}
				if !ok {
					continue // the list is shorter
				}
				p = timeIt(b, runs, func() error {
					hits, _, err := s.List(ctx, c.f, o, after, 50)
					rows = len(hits)
					return err
				})
				listTarget(fmt.Sprintf("list %s, sorted %s, page %d by cursor (%d rows)", c.name, o, deepPage, rows), n, p)
			}
			var count int
			p := timeIt(b, runs, func() error {
				var err error
				count, err = s.Count(ctx, c.f)
				return err
			})
			listTarget(fmt.Sprintf("count %s (= %d)", c.name, count), n, p)
			var more bool
			p = timeIt(b, runs, func() error {
				var err error
				_, more, err = s.CountUpTo(ctx, c.f, 10_000)
				return err
			})
			listTarget(fmt.Sprintf("count up to 10000 %s (more: %v)", c.name, more), n, p)
		}
		// The middle of the whole office, newest first: the page offset n/2 used to read.
		after, ok, err := cursorAt(s, data.ListFilter{}, data.SortReceivedDesc, n/2)
		if err != nil || !ok {
			b.Fatal(err, ok)
		}
		p := timeIt(b, 5, func() error {
			_, _, err := s.List(ctx, data.ListFilter{}, data.SortReceivedDesc, after, 50)
			return err
		})
		listTarget(fmt.Sprintf("list page after row %d by cursor", n/2), n, p)
		for _, u := range []struct{ user, unit string }{{"tuphap1", ""}, {"tuphap1", "TPHT"}, {"", "VHXH"}} {
			p := timeIt(b, runs, func() error {
				_, err := s.MyWork(ctx, u.user, u.unit, 50)
				return err
			})
			listTarget(fmt.Sprintf("my work %q/%q", u.user, u.unit), n, p)
		}
	}
}
