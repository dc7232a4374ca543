package data_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/demo"
	"motcua/data/vntext"
)

// EachLateDossier yields exactly the dossiers EachDossier(ByFinished) yields that Judge calls
// late, in the same order, in both modes, and as many as Stats counts resolved late.
func TestEachLateDossierIsTheJudgedList(t *testing.T) {
	now := time.Date(2026, 3, 12, 15, 30, 0, 0, vntext.Zone())
	path := filepath.Join(t.TempDir(), data.DBFile)
	ctx := context.Background()
	if err := demo.Build(ctx, path, demo.Options{Dossiers: 3000, Seed: 7, Now: now}); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	to := calendar.DateOf(now)
	from := to.AddDays(-365)
	for _, mode := range []data.Mode{data.ModeTimestamp, data.ModeDate} {
		var want, got []string
		err := s.EachDossier(ctx, data.ByFinished, from, to, func(d *data.Dossier, _ []data.Event) error {
			if !d.ReceivedAt.IsZero() && !d.FinishedAt.IsZero() && data.Judge(d.FinishedAt, d.Due, d.HasDue, d.Supplements, mode) == data.Late {
				want = append(want, d.Code)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = s.EachLateDossier(ctx, from, to, mode, func(d *data.Dossier, evs []data.Event) error {
			if len(evs) == 0 || evs[0].Dossier != d.ID {
				t.Errorf("%s comes without its log", d.Code)
			}
			got = append(got, d.Code)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.Stats(ctx, from, to, data.ByNone, mode)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || len(got) != len(want) || len(got) != rep.Total.ResolvedLate {
			t.Fatalf("%s: %d late, want %d (Stats: %d)", mode, len(got), len(want), rep.Total.ResolvedLate)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s: late dossier %d is %s, want %s", mode, i, got[i], want[i])
			}
		}
	}
}

// BenchmarkEachLateDossier1M lists the dossiers resolved late in the year before demo.KeptNow in
// the kept benchmark office (skipped when it has not been built).
func BenchmarkEachLateDossier1M(b *testing.B) {
	path := demo.KeptPath(demo.KeptSize())
	s, err := data.Open(path)
	if err != nil {
		b.Skip(err)
	}
	defer s.Close()
	to := calendar.DateOf(demo.KeptNow)
	from := to.AddDays(-364)
	for i := 0; i < b.N; i++ {
		n := 0
		err := s.EachLateDossier(context.Background(), from, to, data.ModeTimestamp, func(*data.Dossier, []data.Event) error { n++; return nil })
		if err != nil || n == 0 {
			b.Fatal(n, err)
		}
		b.ReportMetric(float64(n), "late")
	}
}
