package data

import (
	"context"
	"testing"
	"time"
)

// TestVerdictAtTable: the verdict of a dossier, resolved or not, in both modes.
func TestVerdictAtTable(t *testing.T) {
	due := at("2026-03-13 14:00")
	for _, c := range []struct {
		end, now string
		sup      int
		hasDue   bool
		ts, date Verdict
	}{
		{"2026-03-12 10:00", "", 0, true, Early, Early},
		{"2026-03-13 14:00", "", 0, true, OnTime, OnTime},
		{"2026-03-13 15:00", "", 0, true, Late, OnTime},
		{"2026-03-12 09:00", "", 2, true, Late, Early}, // a second supplement request: late by the national rule
		{"2026-03-14 09:00", "", 0, false, OnTime, OnTime},
		{"", "2026-03-13 13:59", 0, true, Within, Within},
		{"", "2026-03-13 14:00", 0, true, Within, Within},
		{"", "2026-03-13 14:01", 0, true, Overdue, Within},
		{"", "2026-03-14 00:00", 0, true, Overdue, Overdue},
		{"", "2026-03-20 00:00", 0, false, NoLimit, NoLimit},
	} {
		var end, now time.Time
		if c.end != "" {
			end = at(c.end)
		}
		if c.now != "" {
			now = at(c.now)
		}
		if v := VerdictAt(end, due, c.hasDue, c.sup, now, ModeTimestamp); v != c.ts {
			t.Errorf("end %q now %q: timestamp mode %v, want %v", c.end, c.now, v, c.ts)
		}
		if v := VerdictAt(end, due, c.hasDue, c.sup, now, ModeDate); v != c.date {
			t.Errorf("end %q now %q: date mode %v, want %v", c.end, c.now, v, c.date)
		}
	}
	for _, v := range Verdicts {
		if v.String() == "" || v.English() == "" {
			t.Errorf("verdict %d has no name", v)
		}
	}
}

// TestOverdueFilterIsTheVerdict: the list's "overdue" and "due soon" filters, the leader's work
// list and the verdict agree in both modes: a dossier due today at 14:00 is overdue at 15:00 by
// the minute, within its time by date (until the day ends).
func TestOverdueFilterIsTheVerdict(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-02 09:00"))
	d := f.receive(t, "2.000908", "Hồ sơ bốn giờ") // 4 working hours: due 14:00 the same day
	f.clk.set(d.Due.Add(time.Hour))
	for _, c := range []struct {
		mode Mode
		want Verdict
	}{{ModeTimestamp, Overdue}, {ModeDate, Within}} {
		if err := f.s.SetSetting(ctx, f.admin, SettingDateMode, string(c.mode)); err != nil {
			t.Fatal(err)
		}
		hits, _, err := f.s.List(ctx, ListFilter{Overdue: true}, SortDueAsc, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		soon, _, err := f.s.List(ctx, ListFilter{DueSoon: true}, SortDueAsc, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		if v := d.Verdict(f.s.Now(), c.mode); v != c.want {
			t.Errorf("%s: verdict %v, want %v", c.mode, v, c.want)
		}
		if listed := len(hits) == 1; listed != (c.want == Overdue) || len(soon) == 1 == listed {
			t.Errorf("%s: overdue filter lists %d, due-soon filter %d; the verdict is %v", c.mode, len(hits), len(soon), c.want)
		}
		// a leader who is not its handler sees it among the overdue dossiers waiting for an apology
		work, err := f.s.LeaderWork(ctx, "lanhdao", "", 10)
		if err != nil {
			t.Fatal(err)
		}
		if listed := len(work) == 1; listed != (c.want == Overdue) {
			t.Errorf("%s: the leader's work lists %d; the verdict is %v", c.mode, len(work), c.want)
		}
	}
}
