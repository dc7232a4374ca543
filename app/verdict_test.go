package app

import (
	"context"
	"strings"
	"testing"

	"motcua/data"
	"motcua/data/calendar"
)

// TestVerdictSameEverywhere: a dossier returned early is "Trước hạn" in the list row, in its
// detail and in the statistics (the bucket it is counted in, whose column
// the screen names the same way); the printed control sheet asks the same function
// (reports.TestControlVerdictIsData's).
func TestVerdictSameEverywhere(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	ctx := context.Background()
	setLanguage("vi")
	user := func(name string) *data.User {
		x, err := st.UserByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	counter, officer := user("tiepnhan1"), user("tuphap1")
	d := receiveProc(t, st, "1.004873", "Trần Văn Sớm") // 3 working days
	now := st.Now()
	day := calendar.DateOf(now)
	modes := []data.Mode{data.ModeTimestamp, data.ModeDate}
	var before []data.Figures
	for _, mode := range modes {
		rep, err := st.Stats(ctx, day, day, data.ByNone, mode)
		if err != nil {
			t.Fatal(err)
		}
		before = append(before, rep.Total)
	}
	for _, step := range []struct {
		u *data.User
		p data.Payload
	}{{counter, &data.Transferred{ToUnit: d.Unit, ToHandler: "tuphap1"}}, {officer, &data.Processed{ResultNo: "12/KQ"}},
		{counter, &data.Returned{ReceiverName: "Trần Văn Sớm"}}} {
		w, err := st.Record(ctx, step.u, d.ID, step.p)
		if err != nil {
			t.Fatal(err)
		}
		d = w.Dossier
	}
	for i, mode := range modes {
		rep, err := st.Stats(ctx, day, day, data.ByNone, mode)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Total.ResolvedEarly-before[i].ResolvedEarly != 1 || rep.Total.ResolvedOnTime != before[i].ResolvedOnTime {
			t.Errorf("%s: statistics did not count the dossier early: %+v → %+v", mode, before[i], rep.Total)
		}
		want := data.Early.String()
		if got := verdictName(data.Early); got != want {
			t.Errorf("the statistics screen names the early bucket %q, data %q", got, want)
		}
		if v := d.Verdict(now, mode); v != data.Early {
			t.Errorf("%s: data's verdict %v", mode, v)
		}
		hits, err := st.Search(ctx, d.Code, 5)
		if err != nil || len(hits) != 1 {
			t.Fatalf("search %s: %v %v", d.Code, hits, err)
		}
		if text, _ := hitTimeLeft(st.Calendar(), hits[0], now, soonLimit(st, now), mode); !strings.HasPrefix(text, want+" · ") {
			t.Errorf("%s: list row %q, want %q · …", mode, text, want)
		}
		if text, _ := timeLeft(st, d, now, mode); !strings.HasPrefix(text, want+" · ") {
			t.Errorf("%s: detail %q, want %q · …", mode, text, want)
		}
	}
}

// The verdicts' names in the app's translation files are data's: the screens and the forms and
// statistics name every verdict the same way.
func TestVerdictNamesAreData(t *testing.T) {
	for _, name := range []string{"vi.json", "en.json"} {
		table, err := translationTable(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range data.Verdicts {
			got, ok := table[v.English()]
			want := v.String()
			if name == "en.json" {
				want = v.English()
			}
			if !ok || got != want {
				t.Errorf("%s translates %q as %v, data names it %q", name, v.English(), got, want)
			}
		}
	}
}
