package data

import (
	"context"
	"testing"
)

// syncPair is a hub's copy of the office and two of its stations (0 and 1).
type syncPair struct {
	hub  *Store
	a, b *fixture
}

func newSyncPair(t *testing.T) *syncPair {
	t.Helper()
	ctx := context.Background()
	p := &syncPair{a: newFixture(t), b: newFixture(t)}
	if _, err := p.b.s.db.Exec("UPDATE meta SET value = '1' WHERE key = 'station'"); err != nil {
		t.Fatal(err)
	}
	if err := p.b.s.reload(ctx); err != nil {
		t.Fatal(err)
	}
	hub, err := Open(t.TempDir() + "/hub.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hub.Close() })
	if err := hub.SetupReplica(ctx, testOffice); err != nil {
		t.Fatal(err)
	}
	p.hub = hub
	putAccounts(t, hub, p.a.s, p.b.s) // the hub checks who did what
	return p
}

// push sends everything f wrote since its cursor to the hub, as the hub would store it.
func (p *syncPair) push(t *testing.T, f *fixture) *SyncResult {
	t.Helper()
	ctx := context.Background()
	pushed, _, err := f.s.SyncCursor(ctx, "e1")
	if err != nil {
		t.Fatal(err)
	}
	evs, err := f.s.Unpushed(ctx, pushed, 1000)
	if err != nil {
		t.Fatal(err)
	}
	dbID, _ := f.s.DatabaseID(ctx)
	putAccounts(t, p.hub, f.s) // as every push carries them
	res, err := p.hub.ApplyPushed(ctx, dbID, evs)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) > 0 {
		if err := f.s.Acknowledge(ctx, "e1", pushed, evs[len(evs)-1].Seq, nil); err != nil {
			t.Fatal(err)
		}
	}
	return res
}

func (p *syncPair) pull(t *testing.T, f *fixture) {
	t.Helper()
	ctx := context.Background()
	_, pulled, err := f.s.SyncCursor(ctx, "e1")
	if err != nil {
		t.Fatal(err)
	}
	dbID, _ := f.s.DatabaseID(ctx)
	evs, next, err := p.hub.Feed(ctx, pulled, dbID, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ApplyPulled(ctx, "e1", next, evs); err != nil {
		t.Fatal(err)
	}
}

func mustCheck(t *testing.T, name string, s *Store) {
	t.Helper()
	res, err := s.Check(context.Background(), false, nil)
	if err != nil {
		t.Fatalf("%s: check: %v", name, err)
	}
	if !res.OK() {
		t.Fatalf("%s: check: %+v", name, res)
	}
}

// Two stations act on one dossier while apart; after syncing, both and the hub hold the same
// events, the same state, and the event that no longer fits is kept and marked on all three.
func TestSyncTwoStationsConverge(t *testing.T) {
	ctx := context.Background()
	p := newSyncPair(t)
	d := p.a.receive(t, "1.004873", "Nguyễn Văn Đức")
	if n, err := p.a.s.PendingPush(ctx); err != nil || n != 1 {
		t.Fatalf("pending before the first push: %d %v", n, err)
	}
	if res := p.push(t, p.a); res.Stored != 1 {
		t.Fatalf("push: %+v", res)
	}
	if n, err := p.a.s.PendingPush(ctx); err != nil || n != 0 {
		t.Fatalf("pending after the push: %d %v", n, err)
	}
	p.pull(t, p.b)
	if n, err := p.b.s.PendingPush(ctx); err != nil || n != 0 {
		t.Fatalf("pulled events counted as pending: %d %v", n, err)
	}
	if _, _, err := p.b.s.DossierByID(ctx, d.ID); err != nil {
		t.Fatalf("station 1 lacks the dossier received at station 0: %v", err)
	}

	// Apart: station 0 records a withdrawal at 09:00, station 1 a hand-over at 09:05.
	p.a.clk.set(at("2026-03-02 09:00"))
	if _, err := p.a.s.Record(ctx, p.a.counter, d.ID, &WithdrawalRequested{Reason: "Công dân xin rút"}); err != nil {
		t.Fatal(err)
	}
	p.b.clk.set(at("2026-03-02 09:05"))
	if _, err := p.b.s.Record(ctx, p.b.officer, d.ID, &Transferred{ToUnit: "TP"}); err != nil {
		t.Fatal(err)
	}
	// Station 1 pushes first: the hub sees the hand-over, then the withdrawal before it.
	p.push(t, p.b)
	res := p.push(t, p.a)
	if res.Conflicts != 1 {
		t.Fatalf("hub: want the hand-over marked as a conflict, got %+v", res)
	}
	p.pull(t, p.a)
	p.pull(t, p.b)
	p.pull(t, p.a)

	for name, s := range map[string]*Store{"station 0": p.a.s, "station 1": p.b.s, "hub": p.hub} {
		got, evs, err := s.DossierByID(ctx, d.ID)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Status != StatusWithdrawing {
			t.Errorf("%s: status %v, want withdrawing", name, got.Status)
		}
		if len(evs) != 3 {
			t.Errorf("%s: %d events, want 3 (nothing dropped)", name, len(evs))
		}
		conflicts := 0
		for _, e := range evs {
			if e.Conflict != "" {
				conflicts++
				if e.Type != EvTransferred {
					t.Errorf("%s: %s marked as conflict", name, e.Type)
				}
			}
		}
		if conflicts != 1 {
			t.Errorf("%s: %d conflicts, want 1", name, conflicts)
		}
		mustCheck(t, name, s)
	}
	if a, b := dumpDossiers(t, p.a.s), dumpDossiers(t, p.b.s); a != b {
		t.Fatalf("stations differ:\n%s\n%s", a, b)
	}
}

// A second delivery of the same events is a no-op; an invalid event is refused with a reason and
// nothing of it is stored.
func TestSyncDuplicateAndInvalid(t *testing.T) {
	ctx := context.Background()
	p := newSyncPair(t)
	p.a.receive(t, "1.004873", "Trần Thị Bình")
	evs, err := p.a.s.Unpushed(ctx, 0, 100)
	if err != nil || len(evs) != 1 {
		t.Fatalf("unpushed: %v %d", err, len(evs))
	}
	first, err := p.hub.ApplyPushed(ctx, "A", evs)
	if err != nil || first.Stored != 1 {
		t.Fatalf("first: %+v %v", first, err)
	}
	again, err := p.hub.ApplyPushed(ctx, "A", append(evs, evs...))
	if err != nil || again.Stored != 0 || again.Duplicates != 2 {
		t.Fatalf("again: %+v %v", again, err)
	}
	bad := evs[0]
	bad.ID = NewDossierID(bad.At)
	bad.Payload = []byte(`{"code":"X","proc":"1.004873"}`)
	res, err := p.hub.ApplyPushed(ctx, "A", []Event{bad})
	if err != nil || res.Stored != 0 || len(res.Rejected) != 1 || res.Rejected[0].Reason == "" {
		t.Fatalf("invalid: %+v %v", res, err)
	}
	orphan := evs[0]
	orphan.ID, orphan.Dossier = NewDossierID(bad.At), NewDossierID(bad.At)
	orphan.Type, orphan.Payload = EvNote, []byte(`{"text":"không có hồ sơ"}`)
	if res, err := p.hub.ApplyPushed(ctx, "A", []Event{orphan}); err != nil || len(res.Rejected) != 1 {
		t.Fatalf("orphan: %+v %v", res, err)
	}
	var n int
	p.hub.db.QueryRow("SELECT count(*) FROM events").Scan(&n)
	if n != 1 {
		t.Fatalf("hub holds %d events, want 1", n)
	}
	mustCheck(t, "hub", p.hub)
}
