package data_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/demo"
	"motcua/data/vntext"
)

// bruteForce computes the periodic report straight from the definitions of docs/DOMAIN.md §7, dossier by
// dossier, with nothing shared with Store.Stats but Judge.
func bruteForce(ds []*data.Dossier, from, to calendar.Date, mode data.Mode) data.Figures {
	loc := vntext.Zone()
	S, E := from.At(0, 0, loc), to.AddDays(1).At(0, 0, loc)
	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(S) && t.Before(E) }
	var f data.Figures
	for _, d := range ds {
		if d.ReceivedAt.IsZero() {
			continue
		}
		openAt := func(t time.Time) bool { return d.FinishedAt.IsZero() || !d.FinishedAt.Before(t) }
		switch {
		case d.ReceivedAt.Before(S) && openAt(S):
			f.ReceivedCarried++
		case in(d.ReceivedAt) && d.Channel == data.ChannelOnline:
			f.ReceivedNewOnline++
		case in(d.ReceivedAt):
			f.ReceivedNewDirect++
			if d.Channel == data.ChannelPost {
				f.ReceivedNewPost++
			}
		}
		if in(d.FinishedAt) {
			f.ResolvedTotal++
			switch data.Judge(d.FinishedAt, d.Due, d.HasDue, d.Supplements, mode) {
			case data.Early:
				f.ResolvedEarly++
			case data.OnTime:
				f.ResolvedOnTime++
			case data.Late:
				f.ResolvedLate++
			}
		}
		if d.ReceivedAt.Before(E) && openAt(E) {
			f.PendingTotal++
			if d.HasDue && d.Due.Before(E) {
				f.PendingOverdue++
			} else {
				f.PendingWithin++
			}
		}
		if in(d.ReceivedAt) {
			f.FeesTotal += d.FeeAtReception
		}
		if in(d.ReturnedAt) {
			f.FeesTotal += d.FeeAtReturn
			switch d.Rating {
			case data.RatingVerySatisfied:
				f.RatedVery++
			case data.RatingSatisfied:
				f.RatedSatisfied++
			case data.RatingDissatisfied:
				f.RatedDissatisfied++
			}
		}
	}
	f.ReceivedTotal = f.ReceivedCarried + f.ReceivedNewOnline + f.ReceivedNewDirect
	f.RatedTotal = f.RatedVery + f.RatedSatisfied + f.RatedDissatisfied
	return f
}

func TestStatsEqualsBruteForce(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 16, 0, 0, 0, vntext.Zone())
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := demo.Build(ctx, path, demo.Options{Dossiers: 1500, Seed: 11, Now: now}); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.DB().Query("SELECT id FROM dossiers")
	if err != nil {
		t.Fatal(err)
	}
	var ids []uuid.UUID
	for rows.Next() {
		var b []byte
		rows.Scan(&b)
		id, _ := uuid.FromBytes(b)
		ids = append(ids, id)
	}
	rows.Close()
	var ds []*data.Dossier
	for _, id := range ids {
		d, _, err := s.DossierByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	last := calendar.DateOf(now)
	periods := [][2]calendar.Date{{last.AddDays(-364), last}, {last.AddDays(-6), last}, {last, last}}
	for i := 0; i < 25; i++ {
		a := last.AddDays(-rng.IntN(400))
		periods = append(periods, [2]calendar.Date{a, a.AddDays(rng.IntN(60))})
	}
	for _, p := range periods {
		for _, mode := range []data.Mode{data.ModeTimestamp, data.ModeDate} {
			rep, err := s.Stats(ctx, p[0], p[1], data.ByNone, mode)
			if err != nil {
				t.Fatal(err)
			}
			got := rep.Total
			got.SatisfactionRate, got.NationalIndicator = nil, nil
			if want := bruteForce(ds, p[0], p[1], mode); got != want {
				t.Errorf("%s…%s %s:\n got %+v\nwant %+v", p[0], p[1], mode, got, want)
			}
		}
	}
	// Rows by unit and by field add up to the total.
	for _, by := range []string{data.ByUnit, data.ByField} {
		rep, err := s.Stats(ctx, last.AddDays(-90), last, by, data.ModeTimestamp)
		if err != nil {
			t.Fatal(err)
		}
		var sum data.Figures
		for _, r := range rep.Rows {
			sum.ReceivedTotal += r.ReceivedTotal
			sum.ResolvedLate += r.ResolvedLate
			sum.PendingOverdue += r.PendingOverdue
			sum.FeesTotal += r.FeesTotal
		}
		if sum.ReceivedTotal != rep.Total.ReceivedTotal || sum.ResolvedLate != rep.Total.ResolvedLate ||
			sum.PendingOverdue != rep.Total.PendingOverdue || sum.FeesTotal != rep.Total.FeesTotal || len(rep.Rows) < 3 {
			t.Errorf("by %s: rows %+v do not add up to %+v", by, sum, rep.Total)
		}
	}
}

func TestEachDossierStreamsThePeriod(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 16, 0, 0, 0, vntext.Zone())
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := demo.Build(ctx, path, demo.Options{Dossiers: 600, Seed: 4, Now: now}); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	from, to := calendar.D(2026, 10, 1), calendar.D(2026, 10, 31)
	var n int
	var last time.Time
	err = s.EachDossier(ctx, data.ByReceived, from, to, func(d *data.Dossier, evs []data.Event) error {
		n++
		if calendar.DateOf(d.ReceivedAt).Before(from) || calendar.DateOf(d.ReceivedAt).After(to) || d.ReceivedAt.Before(last) {
			t.Errorf("%s received %v: outside the period or out of order", d.Code, d.ReceivedAt)
		}
		last = d.ReceivedAt
		if len(evs) != d.Events || evs[0].Dossier != d.ID {
			t.Errorf("%s: %d events passed, fold saw %d", d.Code, len(evs), d.Events)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want int
	s.DB().QueryRow("SELECT count(*) FROM dossiers WHERE received_at >= ? AND received_at < ?",
		from.At(0, 0, vntext.Zone()).Unix(), to.AddDays(1).At(0, 0, vntext.Zone()).Unix()).Scan(&want)
	if n != want || n == 0 {
		t.Fatalf("streamed %d dossiers, the period has %d", n, want)
	}
}
