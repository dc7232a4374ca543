package data

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"testing"
	"time"
)

// medianOf sorts d and returns its median.
func medianOf(d []time.Duration) time.Duration {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

// BenchmarkReceive measures one durable reception (code, event, projection, search entry, fsync)
// on a file database with synchronous=FULL. Target: median ≤ 5 ms.
func BenchmarkReceive(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	// Spread over days so the station's 999 codes a day are never exhausted.
	day := 0
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%900 == 0 {
			f.clk.set(at("2026-03-02 08:00").AddDate(0, 0, day))
			day++
		}
		start := time.Now()
		_, err := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.004873",
			Applicant: Person{Name: "Nguyễn Văn Đức " + strconv.Itoa(i), IDNo: "038085001234", Phone: "0912345678", Address: "Thôn Đông"}})
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	med := medianOf(times)
	b.ReportMetric(float64(med.Microseconds())/1000, "ms-median")
	if b.N >= 100 {
		fmt.Printf("TARGET receive one dossier: median %.2f ms (target ≤ 5 ms) %s\n", float64(med.Microseconds())/1000, verdict(med <= 5*time.Millisecond))
	}
}

func verdict(ok bool) string {
	if ok {
		return "MET"
	}
	return "NOT MET"
}
