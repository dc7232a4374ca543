package reports

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/calendar"
)

// countingWriter counts the bytes of the PDF and keeps none of them. first, if set, runs at the
// first write: gofpdf writes only once the whole document is built, so that is when it holds most.
type countingWriter struct {
	n     int64
	first func()
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.first != nil {
		c.first()
		c.first = nil
	}
	c.n += int64(len(p))
	return len(p), nil
}

// BenchmarkBook10k writes the tracking book of a year of 10,000 dossiers. Target: ≤ 5 s, memory
// bounded. The demo office is built once into $TMPDIR/motcua-bench/ and reused. Reported: seconds
// per book, the heap's peak growth while writing it (sampled every 25 ms; it includes garbage not
// yet collected), the heap really live when the document is complete (gofpdf holds every page
// until it writes the file: the rows are streamed, the PDF is not), bytes allocated per dossier
// and PDF bytes per dossier.
func BenchmarkBook10k(b *testing.B) {
	const n = 10000
	path := fuDemoPath(b, filepath.Join(os.TempDir(), "motcua-bench"), n)
	s, err := data.Open(path, data.WithClock(func() time.Time { return fuNow }))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	st, err := LoadSettings(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	names, err := LoadNames(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	from, to := calendar.DateOf(fuNow).AddDays(-370), calendar.DateOf(fuNow)
	var rows int
	if err := s.EachDossier(ctx, data.ByReceived, from, to, func(*data.Dossier, []data.Event) error { rows++; return nil }); err != nil {
		b.Fatal(err)
	}

	var peak atomic.Uint64
	var base, total runtime.MemStats
	var out countingWriter
	var elapsed time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&base)
		peak.Store(base.HeapAlloc)
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() { // sample the live heap while the book is written
			defer close(done)
			var m runtime.MemStats
			tick := time.NewTicker(25 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					runtime.ReadMemStats(&m)
					if m.HeapAlloc > peak.Load() {
						peak.Store(m.HeapAlloc)
					}
				}
			}
		}()
		out = countingWriter{}
		b.StartTimer()
		start := time.Now()
		if err := Book(ctx, &out, st, s, names, from, to, fuNow); err != nil {
			b.Fatal(err)
		}
		elapsed = time.Since(start)
		b.StopTimer()
		close(stop)
		<-done
		runtime.ReadMemStats(&total)
		b.StartTimer()
	}
	b.StopTimer()
	// Once more, untimed, to weigh what is really live when the document is complete: collect the
	// garbage at the first byte written (the sampled peak also counts garbage not yet collected).
	runtime.GC()
	var before, at runtime.MemStats
	runtime.ReadMemStats(&before)
	probe := countingWriter{first: func() { runtime.GC(); runtime.ReadMemStats(&at) }}
	if err := Book(ctx, &probe, st, s, names, from, to, fuNow); err != nil {
		b.Fatal(err)
	}
	live := float64(at.HeapAlloc-before.HeapAlloc) / (1 << 20)
	growth := float64(peak.Load()-base.HeapAlloc) / (1 << 20)
	perDossier := float64(total.TotalAlloc-base.TotalAlloc) / float64(rows)
	b.ReportMetric(elapsed.Seconds(), "s/book")
	b.ReportMetric(growth, "MB-peak-heap")
	b.ReportMetric(live, "MB-live-at-output")
	b.ReportMetric(perDossier, "B-alloc/dossier")
	b.ReportMetric(float64(out.n)/float64(rows), "B-pdf/dossier")
	fmt.Printf("book of %d dossiers: %.2f s, PDF %.1f MB (%.0f B/dossier); heap: sampled peak growth %.0f MB, live when complete %.0f MB (%.1f KB/dossier); %.0f B allocated/dossier\n",
		rows, elapsed.Seconds(), float64(out.n)/(1<<20), float64(out.n)/float64(rows), growth, live, live*1024/float64(rows), perDossier)
	fmt.Printf("TARGET book of 10,000 dossiers: %.1f s (target ≤ 5 s) %s\n", elapsed.Seconds(), fuVerdictMet(rows >= n*98/100 && elapsed <= 5*time.Second))
}

func fuVerdictMet(ok bool) string {
	if ok {
		return "MET"
	}
	return "NOT MET"
}
