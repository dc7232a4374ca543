package data

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"motcua/data/calendar"
)

// The late list that imports, live commands at two stations and events pulled from the other
// station move (an apology that no longer fits after sync included) is, at both stations and at
// the hub, the list the log gives, and agrees with a replay.
func TestLateListKeptAcrossStationsAndImportsEqualsLog(t *testing.T) {
	ctx := context.Background()
	p := newSyncPair(t)
	a, b := p.a, p.b
	lines := append(append([]string(nil), registerLines...),
		// Late by the clock: 3 working days from Monday 5/1 09:00 → Thursday 8/1 09:00.
		`,1.004873,Trễ Nhập Khẩu,,,,1,2026-01-05 09:00,,2026-01-20 10:00,2026-01-21 09:00,10,,,,`,
		// Early, but asked to supplement twice: late in the timestamp mode only.
		`,1.004873,Hai Lần Bổ Sung,,,,1,2026-01-06 09:00,,2026-01-07 10:00,,9,DC,,,2`)
	if _, err := a.s.ImportDossiers(ctx, a.admin, strings.NewReader(registerFile(lines)), nil); err != nil {
		t.Fatal(err)
	}
	do := func(f *fixture, d *Dossier, when string, u *User, pl Payload) *Dossier {
		t.Helper()
		f.clk.set(at(when))
		out, err := f.s.Record(ctx, u, d.ID, pl)
		if err != nil {
			t.Fatalf("%s %s: %v", d.Applicant.Name, pl.EventType(), err)
		}
		return out.Dossier
	}
	recv := func(f *fixture, when, proc, name string) *Dossier {
		t.Helper()
		f.clk.set(at(when))
		return f.receive(t, proc, name)
	}
	// X: received at station 0, due Thu 5/3 09:00. Apart, station 0 issues an apology on 6/3 while
	// station 1 had processed it on 5/3 16:00: after sync the apology no longer fits.
	x := recv(a, "2026-03-02 09:00", "1.004873", "Xuân")
	x = do(a, x, "2026-03-02 10:00", a.counter, &Transferred{ToUnit: "TP", ToHandler: "chuyenvien"})
	p.push(t, a)
	p.pull(t, b)
	do(a, x, "2026-03-06 08:00", a.officer, &ApologyIssued{Reason: "Chờ xác minh", NewDue: at("2026-03-10 17:00"), DocNo: "01/XL"})
	do(b, x, "2026-03-05 16:00", b.officer, &Processed{ResultNo: "KQ-X"})
	// Y: at station 1, two apologies (the latest counts), processed and returned late.
	y := recv(b, "2026-03-02 09:30", "1.004873", "Yến")
	y = do(b, y, "2026-03-02 09:45", b.counter, &Transferred{ToUnit: "DC", ToHandler: "chuyenvien"})
	y = do(b, y, "2026-03-06 08:00", b.officer, &ApologyIssued{Reason: "Hồ sơ phức tạp", NewDue: at("2026-03-12 17:00"), DocNo: "02/XL"})
	y = do(b, y, "2026-03-09 08:00", b.officer, &ApologyIssued{Reason: "Lần hai", NewDue: at("2026-03-13 17:00"), DocNo: "03/XL"})
	y = do(b, y, "2026-03-10 09:00", b.officer, &Processed{ResultNo: "KQ-Y"})
	do(b, y, "2026-03-10 10:00", b.counter, &Returned{ReceiverName: "Yến"})
	// Z: 4 working hours, processed the same day after its due time: late by the clock only.
	z := recv(a, "2026-03-03 08:00", "2.000908", "Zung")
	z = do(a, z, "2026-03-03 08:10", a.counter, &Transferred{ToUnit: "TP", ToHandler: "chuyenvien"})
	do(a, z, "2026-03-03 16:30", a.officer, &Processed{ResultNo: "KQ-Z"})
	a.clk.set(at("2026-03-10 12:00")) // a station takes no event from its future
	b.clk.set(at("2026-03-10 12:00"))
	p.push(t, b)
	p.push(t, a)
	p.pull(t, a)
	p.pull(t, b)
	p.pull(t, a)
	x, evs, err := a.s.DossierByID(ctx, x.ID)
	if err != nil || x.Status != StatusProcessed || len(evs) != 4 || evs[3].Conflict == "" {
		t.Fatalf("X at station 0 after sync: %v, %d events (%v)", x, len(evs), err)
	}
	do(a, x, "2026-03-10 12:30", a.counter, &Returned{ReceiverName: "Xuân"})
	b.clk.set(at("2026-03-10 13:00"))
	p.push(t, a)
	p.pull(t, b)

	periods := [][2]calendar.Date{{calendar.D(2025, 12, 1), calendar.D(2026, 12, 31)},
		{calendar.D(2026, 3, 1), calendar.D(2026, 3, 31)}, {calendar.D(2026, 1, 1), calendar.D(2026, 1, 31)},
		{calendar.D(2026, 3, 3), calendar.D(2026, 3, 3)}}
	for name, s := range map[string]*Store{"station 0": a.s, "station 1": b.s, "hub": p.hub} {
		n := 0
		for _, pd := range periods {
			for _, mode := range []Mode{ModeTimestamp, ModeDate} {
				got, err := s.LateDossiers(ctx, pd[0], pd[1], mode)
				if err != nil {
					t.Fatal(err)
				}
				want, err := s.LateFromLog(ctx, pd[0], pd[1], mode)
				if err != nil {
					t.Fatal(err)
				}
				n += len(want)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s…%s %s:\n got %+v\nwant %+v", name, pd[0], pd[1], mode, got, want)
				}
			}
		}
		year, err := s.LateDossiers(ctx, periods[0][0], periods[0][1], ModeTimestamp)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, l := range year {
			codes = append(codes, l.Applicant+"/"+l.ApologyNo)
		}
		want := []string{"Hai Lần Bổ Sung/", "Trễ Nhập Khẩu/", "'; DROP TABLE events; --/", "Zung/", "Xuân/", "Yến/03/XL"}
		if !reflect.DeepEqual(codes, want) {
			t.Errorf("%s: late list of the year %v, want %v", name, codes, want)
		}
		mustCheck(t, name, s)
	}
}
