package station_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

// Targets of docs/ARCHITECTURE.md §11 (loopback, durable writes at the hub).
const (
	push100kTarget = 15 * time.Second
	pull100kTarget = 15 * time.Second
	ingestTarget   = 10000.0 // events per second, 20 stations at once
)

func report(name string, got, limit float64, unit string, atMost bool) {
	v := "MET"
	cmp := "≤"
	if atMost && got > limit || !atMost && got < limit {
		v = "NOT MET"
	}
	if !atMost {
		cmp = "≥"
	}
	fmt.Printf("TARGET %s: %.1f %s (target %s %.0f %s) %s\n", name, got, unit, cmp, limit, unit, v)
}

// filled is a station database of n dossiers (5n events), built once per run and copied.
var (
	filledMu   sync.Mutex
	filledPath = map[string]string{}
)

func filledStation(b *testing.B, office string, n, dossiers int) string {
	b.Helper()
	filledMu.Lock()
	defer filledMu.Unlock()
	key := fmt.Sprintf("%s-%d-%d", office, n, dossiers)
	if p, ok := filledPath[key]; ok {
		return p
	}
	dir, err := os.MkdirTemp("", "motcua-sync-bench-")
	if err != nil {
		b.Fatal(err)
	}
	st := synctest.NewStation(b, dir, office, n)
	if err := st.Fill(context.Background(), dossiers, synctest.At("2025-01-02 08:00")); err != nil {
		b.Fatal(err)
	}
	if err := st.Store.Close(); err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(dir, data.DBFile)
	filledPath[key] = p
	return p
}

// TestMain removes the station databases the benchmarks built.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, p := range filledPath {
		os.RemoveAll(filepath.Dir(p))
	}
	os.Exit(code)
}

func copyDB(b *testing.B, src string) *data.Store {
	b.Helper()
	raw, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	dst := filepath.Join(b.TempDir(), data.DBFile)
	if err := os.WriteFile(dst, raw, 0o600); err != nil {
		b.Fatal(err)
	}
	s, err := data.Open(dst)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

type benchHub struct {
	h   *hub.Hub
	srv *httptest.Server
}

func newBenchHub(b *testing.B) *benchHub {
	b.Helper()
	h, err := hub.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(hub.NewServer(h, nil))
	b.Cleanup(func() { srv.Close(); h.Close() })
	return &benchHub{h: h, srv: srv}
}

func (bh *benchHub) client(b *testing.B, s *data.Store) *station.Client {
	b.Helper()
	o, _ := s.Office()
	tok, err := bh.h.EnrollStation(context.Background(), o.Code, s.Station())
	if err != nil {
		b.Fatal(err)
	}
	c, err := station.New(s, station.Config{Hub: bh.srv.URL, Token: tok, AllowInsecureHTTP: true})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkPush100k pushes 100,000 events from a station into an empty hub.
func BenchmarkPush100k(b *testing.B) {
	src := filledStation(b, synctest.OfficeA, 0, 20000)
	b.ResetTimer()
	var worst time.Duration
	var heap uint64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := copyDB(b, src)
		bh := newBenchHub(b)
		c := bh.client(b, s)
		runtime.GC()
		b.StartTimer()
		start := time.Now()
		rep, err := c.Push(context.Background())
		d := time.Since(start)
		b.StopTimer()
		if err != nil || rep.Stored != 100000 {
			b.Fatalf("push: %+v %v", rep, err)
		}
		worst = max(worst, d)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = max(heap, ms.HeapInuse)
	}
	b.ReportMetric(float64(heap)/(1<<20), "MB-heap")
	report("push of 100,000 events into an empty hub", worst.Seconds(), push100kTarget.Seconds(), "s", true)
}

// BenchmarkPull100k pulls the same 100,000 events into a new station of the office.
func BenchmarkPull100k(b *testing.B) {
	src := filledStation(b, synctest.OfficeA, 0, 20000)
	bh := newBenchHub(b)
	if rep, err := bh.client(b, copyDB(b, src)).Push(context.Background()); err != nil || rep.Stored != 100000 {
		b.Fatalf("push: %+v %v", rep, err)
	}
	b.ResetTimer()
	var worst time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st := synctest.NewStation(b, b.TempDir(), synctest.OfficeA, 1)
		c := bh.client(b, st.Store)
		b.StartTimer()
		start := time.Now()
		rep, err := c.Pull(context.Background())
		d := time.Since(start)
		b.StopTimer()
		if err != nil || rep.Pulled != 100000 {
			b.Fatalf("pull: %+v %v", rep, err)
		}
		worst = max(worst, d)
	}
	report("pull of 100,000 events into a new station", worst.Seconds(), pull100kTarget.Seconds(), "s", true)
}

// BenchmarkHubIngest20Stations: 20 stations (two offices of ten) push 5,000 events each at once.
func BenchmarkHubIngest20Stations(b *testing.B) {
	var srcs []string
	for _, office := range []string{synctest.OfficeA, synctest.OfficeB} {
		for n := 0; n < 10; n++ {
			srcs = append(srcs, filledStation(b, office, n, 1000))
		}
	}
	b.ResetTimer()
	var worst float64 = -1
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		bh := newBenchHub(b)
		clients := make([]*station.Client, len(srcs))
		for k, src := range srcs {
			clients[k] = bh.client(b, copyDB(b, src))
		}
		b.StartTimer()
		start := time.Now()
		var wg sync.WaitGroup
		errs := make(chan error, len(clients))
		for _, c := range clients {
			wg.Add(1)
			go func(c *station.Client) {
				defer wg.Done()
				rep, err := c.Push(context.Background())
				if err == nil && rep.Stored != 5000 {
					err = fmt.Errorf("stored %d of 5000", rep.Stored)
				}
				errs <- err
			}(c)
		}
		wg.Wait()
		d := time.Since(start)
		b.StopTimer()
		close(errs)
		for err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
		rate := float64(len(clients)*5000) / d.Seconds()
		if worst < 0 || rate < worst {
			worst = rate
		}
	}
	b.ReportMetric(worst, "events/s")
	report("hub ingest, 20 stations pushing at once", worst, ingestTarget, "events/s", false)
}
