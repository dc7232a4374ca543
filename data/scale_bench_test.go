package data_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/demo"
	"motcua/data/demo/demotest"
	"motcua/data/vntext"
)

// The targets are for an office of 1,000,000 dossiers; MOTCUA_BENCH_DOSSIERS changes the
// size for a quicker look. The office is built once and kept (see demo.Kept).
func benchSize() int { return demo.KeptSize() }

// benchNow is the kept office's "today": report periods end here.
var benchNow = demo.KeptNow

func target(name string, got, limit float64, unit string) {
	v := "MET"
	if got > limit {
		v = "NOT MET"
	}
	fmt.Printf("TARGET %s: %.1f %s (target ≤ %.0f %s) %s\n", name, got, unit, limit, unit, v)
}

// BenchmarkDemoBuild builds the demo office from scratch. Targets: 1,000,000 dossiers in ≤ 90 s,
// database ≤ 3 KB per dossier.
func BenchmarkDemoBuild(b *testing.B) {
	n := benchSize()
	path := demo.KeptPath(n)
	for i := 0; i < b.N; i++ {
		os.Remove(path)
		start := time.Now()
		if err := demo.BuildKept(context.Background(), n); err != nil {
			b.Fatal(err)
		}
		secs := time.Since(start).Seconds()
		st, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		per := float64(st.Size()) / float64(n)
		b.ReportMetric(secs, "s/build")
		b.ReportMetric(per, "bytes/dossier")
		target(fmt.Sprintf("demo --dossiers %d (scaled to 1,000,000)", n), secs*1_000_000/float64(n), 90, "s")
		target("database size per dossier", per, 3072, "bytes")
	}
}

type query struct{ kind, q string }

// sampleQueries draws real look-ups from the office: full and partial names typed without
// accents, code prefixes as a scanner or a person types them, phones and citizen IDs.
func sampleQueries(b *testing.B, s *data.Store, n int) []query {
	rows, err := s.DB().Query(`SELECT code, applicant, phone, applicant_id FROM dossiers
		WHERE code IS NOT NULL AND rid % ? = 0 LIMIT 200`, max(1, n/200))
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var qs []query
	for rows.Next() {
		var code, name, phone, id string
		if err := rows.Scan(&code, &name, &phone, &id); err != nil {
			b.Fatal(err)
		}
		qs = append(qs, query{"name", vntext.Fold(name)})
		qs = append(qs, query{"code prefix", code[:len(code)-3]})
		if phone != "" {
			qs = append(qs, query{"phone", phone})
		}
		if id != "" {
			qs = append(qs, query{"citizen id", id})
		}
	}
	// Common partial names: the hardest case for an AND of posting lists.
	qs = append(qs, query{"name", "nguyen van"}, query{"name", "tran thi h"}, query{"name", "duc"}, query{"name", "Đức"})
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs
}

func p95(d []time.Duration) time.Duration {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)*95/100]
}

// BenchmarkSearch measures look-ups on the large office. Target: p95 ≤ 20 ms for name, code
// prefix, phone and citizen ID.
func BenchmarkSearch(b *testing.B) {
	n := benchSize()
	s := demotest.OpenKept(b, n)
	ctx := context.Background()
	qs := sampleQueries(b, s, n)
	lat := map[string][]time.Duration{}
	b.ResetTimer()
	// Each iteration runs every sampled query once, so one iteration already gives a p95.
	for i := 0; i < b.N; i++ {
		for _, q := range qs {
			start := time.Now()
			hits, err := s.Search(ctx, q.q, 50)
			if err != nil {
				b.Fatal(err)
			}
			lat[q.kind] = append(lat[q.kind], time.Since(start))
			if len(hits) == 0 && q.kind != "name" {
				b.Fatalf("%s %q found nothing", q.kind, q.q)
			}
		}
	}
	b.StopTimer()
	for _, kind := range []string{"name", "code prefix", "phone", "citizen id"} {
		if len(lat[kind]) == 0 {
			continue
		}
		v := p95(lat[kind])
		b.ReportMetric(float64(v.Microseconds())/1000, "ms-p95-"+strings.ReplaceAll(kind, " ", "-"))
		target(fmt.Sprintf("search by %s, %d dossiers, p95", kind, n), float64(v.Microseconds())/1000, 20, "ms")
	}
}

// BenchmarkReport measures the periodic report for the year before benchNow. Targets for
// 1,000,000 dossiers: ≤ 300 ms overall, ≤ 500 ms by unit and by field.
func BenchmarkReport(b *testing.B) {
	n := benchSize()
	s := demotest.OpenKept(b, n)
	ctx := context.Background()
	to := calendar.DateOf(benchNow)
	from := to.AddDays(-364)
	for _, c := range []struct {
		by    string
		limit float64
	}{{data.ByNone, 300}, {data.ByUnit, 500}, {data.ByField, 500}} {
		name := c.by
		if name == "" {
			name = "overall"
		}
		b.Run(name, func(b *testing.B) {
			var times []time.Duration
			// Seven runs per iteration, so that the median is meaningful even at -benchtime 1x.
			for i := 0; i < b.N*7; i++ {
				start := time.Now()
				rep, err := s.Stats(ctx, from, to, c.by, data.ModeTimestamp)
				if err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
				if rep.Total.ReceivedTotal < n*9/10 {
					b.Fatalf("a year's report counts %d of %d dossiers", rep.Total.ReceivedTotal, n)
				}
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			med := float64(times[len(times)/2].Microseconds()) / 1000
			b.ReportMetric(med, "ms-median")
			target(fmt.Sprintf("periodic report %s, a year of %d dossiers", name, n), med, c.limit, "ms")
		})
	}
}
