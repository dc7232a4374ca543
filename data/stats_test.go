package data

import (
	"context"
	"testing"

	"motcua/data/calendar"
)

// buildWeek records, through the real commands, the dossiers of the week 9–15 March 2026 whose
// report is worked out by hand in TestWeekReportByHand.
func buildWeek(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	recv := func(when, proc, name string, ch Channel) *Dossier {
		t.Helper()
		f.clk.set(at(when))
		d, err := f.s.Receive(ctx, f.counter, Reception{Procedure: proc, Channel: ch, Applicant: Person{Name: name}})
		if err != nil {
			t.Fatal(err)
		}
		return d.Dossier
	}
	do := func(d *Dossier, when string, u *User, p Payload) *Dossier {
		t.Helper()
		f.clk.set(at(when))
		out, err := f.s.Record(ctx, u, d.ID, p)
		if err != nil {
			t.Fatalf("%s %s: %v", d.Applicant.Name, p.EventType(), err)
		}
		return out.Dossier
	}
	transfer := func(d *Dossier, when string) *Dossier {
		return do(d, when, f.counter, &Transferred{ToUnit: d.Unit, ToHandler: "chuyenvien"})
	}
	processed := func(d *Dossier, when string) *Dossier { return do(d, when, f.officer, &Processed{ResultNo: "KQ"}) }

	// A: carried over; due Tue 10/3 09:00, processed Mon 9/3 → early.
	a := recv("2026-03-05 09:00", "1.004873", "A", ChannelDirect)
	processed(transfer(a, "2026-03-05 10:00"), "2026-03-09 10:00")
	// B: carried over; due Mon 9/3 09:00, processed Wed 11/3 → late.
	b := recv("2026-03-04 09:00", "1.004873", "B", ChannelDirect)
	processed(transfer(b, "2026-03-04 10:00"), "2026-03-11 10:00")
	// C: processed before the week (not counted), returned in it with a 1.000 đ fee, rated không hài lòng.
	c := recv("2026-03-06 14:00", "2.000908", "C", ChannelDirect)
	c = processed(transfer(c, "2026-03-06 14:30"), "2026-03-06 16:00")
	c = do(c, "2026-03-10 09:00", f.counter, &Returned{ReceiverName: "C", Fees: []Fee{{Name: "Phí trả", Amount: 1000}}})
	do(c, "2026-03-10 09:01", f.counter, &Rated{Rating: RatingDissatisfied, Reason: "Phải chờ lâu"})
	// D: new; due Thu 12/3 08:00, processed exactly then → on time; returned and rated rất hài lòng.
	d := recv("2026-03-09 08:00", "1.004873", "D", ChannelDirect)
	d = processed(transfer(d, "2026-03-09 08:30"), "2026-03-12 08:00")
	d = do(d, "2026-03-12 10:00", f.counter, &Returned{ReceiverName: "D"})
	do(d, "2026-03-12 10:01", f.counter, &Rated{Rating: RatingVerySatisfied})
	// E: submitted online Sunday, accepted Monday 09:00; due Thu 12/3 09:00; still open → overdue.
	f.clk.set(at("2026-03-08 20:00"))
	e, err := f.s.Submit(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "E"}}, "DVC-E")
	if err != nil {
		t.Fatal(err)
	}
	f.clk.set(at("2026-03-09 09:00"))
	accepted, err := f.s.Receive(ctx, f.counter, Reception{Submission: e.ID})
	if err != nil {
		t.Fatal(err)
	}
	e = accepted.Dossier
	transfer(e, "2026-03-09 09:30")
	// F: two supplement requests; processed before its (moved) due but late nationally.
	fd := recv("2026-03-10 10:00", "1.004873", "F", ChannelDirect)
	fd = do(fd, "2026-03-10 11:00", f.counter, &SupplementRequested{Items: []DocCount{{Name: "Tờ khai"}}, Reason: "Thiếu"})
	fd = do(fd, "2026-03-11 10:00", f.counter, &SupplementReceived{})
	fd = do(fd, "2026-03-11 11:00", f.counter, &SupplementRequested{Items: []DocCount{{Name: "Bản sao"}}, Reason: "Thiếu"})
	fd = do(fd, "2026-03-11 15:00", f.counter, &SupplementReceived{})
	if want := at("2026-03-16 11:00"); !fd.Due.Equal(want) {
		t.Fatalf("F due after two pauses = %v, want %v", fd.Due, want)
	}
	processed(transfer(fd, "2026-03-11 15:30"), "2026-03-13 09:00")
	// G: refused at the counter: never received, never counted.
	f.clk.set(at("2026-03-10 10:30"))
	if _, err := f.s.Refuse(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "G"}}, "Sai thẩm quyền"); err != nil {
		t.Fatal(err)
	}
	// H: by post Friday 16:00, 4 working hours → due Mon 16/3 10:00; open → within.
	recv("2026-03-13 16:00", "2.000908", "H", ChannelPost)
	// I: a procedure without due date; open → within.
	recv("2026-03-11 09:00", "1.000000", "I", ChannelDirect)
	// J: carried over, due Thu 5/3 09:00, still open → overdue.
	transfer(recv("2026-03-02 09:00", "1.004873", "J", ChannelDirect), "2026-03-02 10:00")
	return f
}

func TestWeekReportByHand(t *testing.T) {
	f := buildWeek(t)
	ctx := context.Background()
	from, to := calendar.D(2026, 3, 9), calendar.D(2026, 3, 15)
	rep, err := f.s.Stats(ctx, from, to, ByNone, ModeTimestamp)
	if err != nil {
		t.Fatal(err)
	}
	want := Figures{ReceivedTotal: 8, ReceivedCarried: 3, ReceivedNewOnline: 1, ReceivedNewDirect: 4, ReceivedNewPost: 1,
		ResolvedTotal: 4, ResolvedEarly: 1, ResolvedOnTime: 1, ResolvedLate: 2,
		PendingTotal: 4, PendingWithin: 2, PendingOverdue: 2, FeesTotal: 5000*3 + 2000 + 1000, // D E F, H, C at return
		RatedTotal: 2, RatedVery: 1, RatedDissatisfied: 1}
	checkFigures(t, "timestamp", rep.Total, want)
	if rep.Total.SatisfactionRate == nil || *rep.Total.SatisfactionRate != 50 {
		t.Errorf("satisfaction = %v, want 50", rep.Total.SatisfactionRate)
	}
	// 100 − (2 late + 1 không hài lòng) / 4 resolved = 25.
	if rep.Total.NationalIndicator == nil || *rep.Total.NationalIndicator != 25 {
		t.Errorf("national indicator = %v, want 25", rep.Total.NationalIndicator)
	}

	// Date mode: F (two supplements, processed before its due date) is early; nothing else moves.
	rep, err = f.s.Stats(ctx, from, to, ByNone, ModeDate)
	if err != nil {
		t.Fatal(err)
	}
	want.ResolvedEarly, want.ResolvedLate = 2, 1
	checkFigures(t, "date", rep.Total, want)

	// By unit: everything is Tư pháp except I (Địa chính).
	rep, err = f.s.Stats(ctx, from, to, ByUnit, ModeTimestamp)
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]Figures{}
	for _, r := range rep.Rows {
		units[r.Key] = r.Figures
	}
	if tp := units["TP"]; tp.ReceivedTotal != 7 || tp.ResolvedTotal != 4 || tp.PendingTotal != 3 || tp.PendingOverdue != 2 {
		t.Errorf("unit TP = %+v", tp)
	}
	if dc := units["DC"]; dc.ReceivedTotal != 1 || dc.ReceivedNewDirect != 1 || dc.PendingWithin != 1 {
		t.Errorf("unit DC = %+v", dc)
	}
	// By field: Hộ tịch A B D E F J, Chứng thực H (C only paid and rated), Đất đai I.
	rep, err = f.s.Stats(ctx, from, to, ByField, ModeTimestamp)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]Figures{}
	for _, r := range rep.Rows {
		fields[r.Key] = r.Figures
	}
	if ht := fields["HO-TICH"]; ht.ReceivedTotal != 6 || ht.ReceivedCarried != 3 || ht.ResolvedTotal != 4 || ht.ResolvedLate != 2 || ht.FeesTotal != 15000 {
		t.Errorf("field Hộ tịch = %+v", ht)
	}
	if ct := fields["CHUNG-THUC"]; ct.ReceivedTotal != 1 || ct.ReceivedNewPost != 1 || ct.FeesTotal != 3000 || ct.RatedDissatisfied != 1 {
		t.Errorf("field Chứng thực = %+v", ct)
	}
	var sum Figures
	for _, r := range rep.Rows {
		sum.add(r.Figures)
	}
	sum.finish()
	sum.SatisfactionRate, sum.NationalIndicator = nil, nil
	checkFigures(t, "sum of fields", sum, Figures{ReceivedTotal: 8, ReceivedCarried: 3, ReceivedNewOnline: 1, ReceivedNewDirect: 4,
		ReceivedNewPost: 1, ResolvedTotal: 4, ResolvedEarly: 1, ResolvedOnTime: 1, ResolvedLate: 2, PendingTotal: 4,
		PendingWithin: 2, PendingOverdue: 2, FeesTotal: 18000, RatedTotal: 2, RatedVery: 1, RatedDissatisfied: 1})
}

func TestOfficerScores(t *testing.T) {
	f := buildWeek(t)
	rep, err := f.s.Stats(context.Background(), calendar.D(2026, 3, 9), calendar.D(2026, 3, 15), ByOfficer, ModeTimestamp)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]Row{}
	for _, r := range rep.Rows {
		rows[r.Key] = r
	}
	// chuyenvien handled A (early), B (late), D (on time), F (late: two supplements).
	cv := rows["chuyenvien"]
	if cv.Officer == nil || cv.Officer.Handled != 4 || cv.Officer.Late != 2 {
		t.Fatalf("chuyenvien = %+v", cv)
	}
	// Index 1: (2 + 0 + 1 + 0) / 4 = 0.75 → 0.8; index 3: (2 + 2 + 2 + 0) / 4 = 1.5; index 4 = 2; index 7 = 2.
	// Index 2 (own step vs due): A early 2, B late 0, D on time 1, F early 2 → 1.25 → 1.3.
	o := cv.Officer
	if o.Index1 != 0.8 || o.Index2 != 1.3 || o.Index3 != 1.5 || o.Index4 != 2 || o.Index7 != 2 {
		t.Errorf("indices = %+v", o)
	}
	// Sum per dossier: A 2+2+2+2+2=10, B 0+0+2+2+2=6, D 1+1+2+2+2=8, F 0+2+0+2+2=6 → 7.5.
	if o.Score != 7.5 {
		t.Errorf("score = %v, want 7.5", o.Score)
	}
	if rep.Total.ResolvedTotal != 4 {
		t.Errorf("officer report total = %+v", rep.Total)
	}
}

func TestJudgeAgreesWithReport(t *testing.T) {
	due := at("2026-03-12 08:00")
	cases := []struct {
		end  string
		sup  int
		mode Mode
		want Verdict
	}{
		{"2026-03-12 07:59", 0, ModeTimestamp, Early},
		{"2026-03-12 08:00", 0, ModeTimestamp, OnTime},
		{"2026-03-12 08:01", 0, ModeTimestamp, Late},
		{"2026-03-12 07:00", 2, ModeTimestamp, Late},
		{"2026-03-12 16:00", 0, ModeDate, OnTime},
		{"2026-03-11 16:00", 2, ModeDate, Early},
		{"2026-03-13 07:00", 0, ModeDate, Late},
	}
	for _, c := range cases {
		if got := Judge(at(c.end), due, true, c.sup, c.mode); got != c.want {
			t.Errorf("Judge(%s, sup %d, %s) = %v, want %v", c.end, c.sup, c.mode, got, c.want)
		}
	}
}

func checkFigures(t *testing.T, label string, got, want Figures) {
	t.Helper()
	got.SatisfactionRate, got.NationalIndicator = nil, nil
	want.SatisfactionRate, want.NationalIndicator = nil, nil
	if got != want {
		t.Errorf("%s:\n got %+v\nwant %+v", label, got, want)
	}
}
