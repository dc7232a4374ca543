package data

import (
	"context"
	"errors"
	"testing"
)

// The events a hub copy holds are counted by station and origin in the transactions that stored
// them: duplicates and refusals count nothing, a push that fails counts nothing, and a copy
// written before the counters existed is counted from its log.
func TestPushedCountsEqualWhatIsStored(t *testing.T) {
	ctx := context.Background()
	p := newSyncPair(t)
	p.a.receive(t, "1.004873", "Nguyễn Văn An")
	p.a.receive(t, "1.004873", "Trần Thị Bình")
	p.b.receive(t, "1.004873", "Lê Văn Cường")
	p.push(t, p.a)
	p.push(t, p.b)
	evs, _ := p.a.s.Unpushed(ctx, 0, 100)
	if res, err := p.hub.ApplyPushed(ctx, "A", evs); err != nil || res.Stored != 0 {
		t.Fatalf("re-send: %+v %v", res, err)
	}
	p.a.receive(t, "1.004873", "Phạm Thị Dung")
	more, _ := p.a.s.Unpushed(ctx, 2, 100)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := p.hub.ApplyPushed(cancelled, "A", more); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled push: %v", err)
	}
	dbA, _ := p.a.s.DatabaseID(ctx)
	dbB, _ := p.b.s.DatabaseID(ctx)
	want := map[PushedCount]bool{{Station: 0, Origin: dbA, Events: 2}: true, {Station: 1, Origin: dbB, Events: 1}: true}
	check := func(when string) {
		t.Helper()
		got, err := p.hub.PushedCounts(ctx)
		if err != nil || len(got) != len(want) {
			t.Fatalf("%s: %+v %v", when, got, err)
		}
		for _, c := range got {
			if !want[c] {
				t.Fatalf("%s: %+v, want %v", when, got, want)
			}
		}
	}
	check("after the pushes")

	if _, err := p.hub.db.Exec("DELETE FROM meta WHERE key LIKE 'pushed%'"); err != nil {
		t.Fatal(err)
	}
	check("a copy without counters")
	p.push(t, p.a)
	delete(want, PushedCount{Station: 0, Origin: dbA, Events: 2})
	want[PushedCount{Station: 0, Origin: dbA, Events: 3}] = true
	check("after its next push")
}
