package data

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestValidEventTimeRange(t *testing.T) {
	now := at("2026-03-02 08:00")
	for _, c := range []struct {
		at   time.Time
		ok   bool
		says string
	}{
		{minEventTime, true, ""},
		{minEventTime.Add(-time.Millisecond), false, "trước năm 2000"},
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), false, "trước năm 2000"},
		{now.Add(MaxClockSkew), true, ""},
		{now.Add(MaxClockSkew + time.Millisecond), false, "chưa tới"},
		{time.Date(2199, 1, 1, 0, 0, 0, 0, time.UTC), false, "chưa tới"},
	} {
		err := ValidEventTime(c.at, now)
		var ie *InputError
		if (err == nil) != c.ok || (err != nil && (!errors.As(err, &ie) || !strings.Contains(err.Error(), c.says))) {
			t.Errorf("ValidEventTime(%v) = %v", c.at, err)
		}
	}
}

// arrived is a copy of a received event of f as a new dossier at time when, with its own code.
func arrived(t *testing.T, f *fixture, when time.Time, code string) Event {
	t.Helper()
	evs, err := f.s.Unpushed(context.Background(), 0, 1)
	if err != nil || len(evs) != 1 || evs[0].Type != EvReceived {
		t.Fatalf("unpushed: %v %+v", err, evs)
	}
	e := evs[0]
	var p Received
	if err := json.Unmarshal(e.Payload, &p); err != nil {
		t.Fatal(err)
	}
	p.Code = code
	e.Payload, _ = json.Marshal(&p)
	e.Seq, e.ID, e.Dossier, e.At = 0, uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7()), when
	return e
}

// A dossier dated 1900 or 2199 is refused by every writer — the counter, the hub storing a push,
// a station applying a pull — with the same rule, so no writer keeps what another refuses.
func TestEventTimesOneRangeForEveryWriter(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.receive(t, "1.004873", "Nguyễn Văn An")

	// The counter on a PC whose clock went back to 1999: refused, nothing written.
	before := importSnapshot(t, f.s, registerTables...)
	f.clk.set(at("1999-12-31 09:00"))
	if _, err := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "Trần Thị Bình"}}); err == nil ||
		!strings.Contains(err.Error(), "trước năm 2000") {
		t.Errorf("reception dated 1999: %v", err)
	}
	if after := importSnapshot(t, f.s, registerTables...); after != before {
		t.Errorf("the database changed:\n%s\n%s", before, after)
	}
	f.clk.set(at("2026-03-02 08:00"))

	// The hub, on its own clock.
	hubNow := at("2026-03-04 10:00")
	hub, err := Open(t.TempDir()+"/hub.db", WithClock(func() time.Time { return hubNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hub.Close() })
	if err := hub.SetupReplica(ctx, testOffice); err != nil {
		t.Fatal(err)
	}
	putAccounts(t, hub, f.s) // the hub checks who did what
	pushed := []Event{
		arrived(t, f, time.Date(1900, 1, 1, 8, 0, 0, 0, time.UTC), testOffice+"-000101-0001"),
		arrived(t, f, time.Date(2199, 1, 1, 8, 0, 0, 0, time.UTC), testOffice+"-990101-0001"),
		arrived(t, f, hubNow.Add(MaxClockSkew+time.Minute), testOffice+"-260305-0001"),
		arrived(t, f, hubNow.Add(12*time.Hour), testOffice+"-260304-0001"), // a station's clock half a day ahead
	}
	res, err := hub.ApplyPushed(ctx, "A", pushed)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stored != 1 || len(res.Rejected) != 3 || !strings.Contains(res.Rejected[0].Reason, "trước năm 2000") ||
		!strings.Contains(res.Rejected[1].Reason, "chưa tới") || !strings.Contains(res.Rejected[2].Reason, "chưa tới") {
		t.Fatalf("hub: %+v", res)
	}
	mustCheck(t, "hub", hub)

	// A station pulling: the same lower bound; above, the hub's clock may be a day ahead of its own.
	g := newFixture(t) // clock 2026-03-02 08:00
	pulled := []Synced{
		{Event: arrived(t, f, time.Date(1900, 1, 1, 8, 0, 0, 0, time.UTC), testOffice+"-000101-0002"), Origin: "hub"},
		{Event: arrived(t, f, time.Date(2199, 1, 1, 8, 0, 0, 0, time.UTC), testOffice+"-990101-0002"), Origin: "hub"},
		{Event: arrived(t, f, at("2026-03-04 07:00"), testOffice+"-260304-0002"), Origin: "hub"},
	}
	res, err = g.s.ApplyPulled(ctx, "e1", 3, pulled)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stored != 1 || len(res.Rejected) != 2 || !strings.Contains(res.Rejected[0].Reason, "trước năm 2000") ||
		!strings.Contains(res.Rejected[1].Reason, "chưa tới") {
		t.Fatalf("station: %+v", res)
	}
	mustCheck(t, "station", g.s)
}
