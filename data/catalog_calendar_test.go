package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"motcua/data/calendar"
)

func TestToggleWorkingDayMovesDueDate(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// 1.004873 takes 3 working days: received Monday 2 March 2026 at 08:00, due Thursday 5 March
	received := at("2026-03-02 08:00")
	before, _, err := f.s.DueFor(ctx, "1.004873", ChannelDirect, received)
	if err != nil {
		t.Fatal(err)
	}
	wed := calendar.D(2026, time.March, 4)
	if !f.s.Calendar().IsWorkingDay(wed) {
		t.Fatal("4/3/2026 should be a working day")
	}
	working, err := f.s.ToggleWorkingDay(ctx, f.admin, wed, "Nghỉ bão")
	if err != nil || working {
		t.Fatalf("toggle: working %v, %v", working, err)
	}
	if f.s.Calendar().IsWorkingDay(wed) {
		t.Fatal("4/3/2026 still a working day")
	}
	if d, ok := f.s.Calendar().Lookup(wed); !ok || d.Label != "Nghỉ bão" || d.Kind != calendar.Holiday || d.Source != SourceAdmin {
		t.Fatalf("stored day %+v %v", d, ok)
	}
	after, _, err := f.s.DueFor(ctx, "1.004873", ChannelDirect, received)
	if err != nil {
		t.Fatal(err)
	}
	if !after.After(before) || calendar.DateOf(after) != calendar.DateOf(before).AddDays(1) {
		t.Fatalf("due %v before, %v after: want one day later", before, after)
	}
	// toggled back: the stored day goes, the due date comes back
	if working, err = f.s.ToggleWorkingDay(ctx, f.admin, wed, "Làm lại"); err != nil || !working {
		t.Fatalf("toggle back: working %v, %v", working, err)
	}
	if _, ok := f.s.Calendar().Lookup(wed); ok {
		t.Fatal("the day is still stored after toggling back")
	}
	if again, _, _ := f.s.DueFor(ctx, "1.004873", ChannelDirect, received); !again.Equal(before) {
		t.Fatalf("due %v after toggling back, want %v", again, before)
	}
}

func TestToggleWorkingDayWeekendAndOfficialHoliday(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sat := calendar.D(2026, time.March, 7)
	if working, err := f.s.ToggleWorkingDay(ctx, f.admin, sat, "Làm việc thứ Bảy"); err != nil || !working {
		t.Fatalf("Saturday: working %v, %v", working, err)
	}
	if d, _ := f.s.Calendar().Lookup(sat); d.Kind != calendar.Makeup || !f.s.Calendar().IsWorkingDay(sat) {
		t.Fatalf("Saturday stored as %+v", d)
	}
	// Tết 2026 from the official notice: 17 February is a holiday; made working, the rest of
	// Tết stays off
	tet := calendar.D(2026, time.February, 17)
	if f.s.Calendar().IsWorkingDay(tet) {
		t.Fatal("17/2/2026 should be Tết")
	}
	if working, err := f.s.ToggleWorkingDay(ctx, f.admin, tet, "Trực Tết"); err != nil || !working {
		t.Fatalf("Tết day: working %v, %v", working, err)
	}
	if !f.s.Calendar().IsWorkingDay(tet) || f.s.Calendar().IsWorkingDay(tet.AddDays(1)) {
		t.Fatal("only the clicked Tết day should become working")
	}
	// a reason is needed when a day must be stored
	if _, err := f.s.ToggleWorkingDay(ctx, f.admin, calendar.D(2026, time.March, 10), " "); err == nil {
		t.Fatal("a day off without a reason was accepted")
	}
	if !f.s.Calendar().IsWorkingDay(calendar.D(2026, time.March, 10)) {
		t.Fatal("a refused toggle changed the calendar")
	}
}

// A year without an official notice has computed holidays: one click near Tết must not wipe
// out the rest of the computed Tết.
func TestToggleWorkingDayKeepsComputedHolidays(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cal := f.s.Calendar()
	tet := calendar.Tet(2029)
	var offBefore []calendar.Date
	for d := tet.AddDays(-3); d.Before(tet.AddDays(8)); d = d.AddDays(1) {
		if !cal.IsWorkingDay(d) {
			offBefore = append(offBefore, d)
		}
	}
	if len(offBefore) < 5 {
		t.Fatalf("computed Tết 2029 has only %d days off", len(offBefore))
	}
	// a working weekday in the days before Tết (inside the window from 23 Chạp) becomes a day off
	day := tet.AddDays(-6)
	for !cal.IsWorkingDay(day) {
		day = day.AddDays(1)
	}
	if !day.Before(tet) {
		t.Fatal("no working day in the week before Tết 2029")
	}
	if working, err := f.s.ToggleWorkingDay(ctx, f.admin, day, "Nghỉ thêm"); err != nil || working {
		t.Fatalf("toggle: working %v, %v", working, err)
	}
	for _, d := range offBefore {
		if f.s.Calendar().IsWorkingDay(d) {
			t.Errorf("%s: a computed Tết day became a working day", d)
		}
	}
	// a computed holiday alone in its window (1 January) can be made working
	ny := calendar.D(2030, time.January, 1)
	if ny.Weekday() == time.Saturday || ny.Weekday() == time.Sunday {
		t.Fatal("test expects 1/1/2030 on a weekday")
	}
	if working, err := f.s.ToggleWorkingDay(ctx, f.admin, ny, "Làm việc"); err != nil || !working {
		t.Fatalf("1/1/2030: working %v, %v", working, err)
	}
	if !f.s.Calendar().IsWorkingDay(ny) {
		t.Fatal("1/1/2030 is still off")
	}
	if working, err := f.s.ToggleWorkingDay(ctx, f.admin, ny, "Tết Dương lịch"); err != nil || working || f.s.Calendar().IsWorkingDay(ny) {
		t.Fatalf("1/1/2030 back off: working %v, %v", working, err)
	}
}

// Every write of the catalog and the calendar is for administrators only.
func TestCatalogWritesNeedAdmin(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	day := calendar.D(2026, time.March, 4)
	for _, who := range []*User{f.counter, f.officer, f.leader, f.all, nil} {
		name := "nil"
		if who != nil {
			name = who.Username
		}
		writes := map[string]error{
			"PutUnit":          f.s.PutUnit(ctx, who, Unit{Code: "TP", Name: "Đổi tên", Active: true}),
			"PutField":         f.s.PutField(ctx, who, Field{Code: "HO-TICH", Name: "Đổi tên"}),
			"PutProcedures":    f.s.PutProcedures(ctx, who, []Procedure{{Code: "1.001193", Name: "Đổi tên", Active: true}}),
			"SetCalendarDay":   f.s.SetCalendarDay(ctx, who, calendar.Day{Date: day, Kind: calendar.Holiday, Label: "Nghỉ"}),
			"ClearCalendarDay": f.s.ClearCalendarDay(ctx, who, calendar.D(2026, time.February, 17)),
			"ImportCalendar":   f.s.ImportCalendar(ctx, who, []calendar.Day{{Date: day, Kind: calendar.Holiday, Label: "Nghỉ"}}, "x"),
		}
		_, writes["ImportCatalog"] = f.s.ImportCatalog(ctx, who, strings.NewReader(catalogBase))
		_, writes["ToggleWorkingDay"] = f.s.ToggleWorkingDay(ctx, who, day, "Nghỉ")
		_, writes["ImportCalendarCSV"] = f.s.ImportCalendarCSV(ctx, who, strings.NewReader("date,kind,label,tag\n2026-03-04,holiday,Nghỉ,\n"), "x")
		for op, err := range writes {
			if !errors.Is(err, ErrForbidden) {
				t.Errorf("%s by %s: %v, want ErrForbidden", op, name, err)
			}
		}
	}
	if !f.s.Calendar().IsWorkingDay(day) || f.s.Calendar().IsWorkingDay(calendar.D(2026, time.February, 17)) {
		t.Fatal("a refused write changed the calendar")
	}
	units, _ := f.s.Units(ctx)
	for _, u := range units {
		if u.Name == "Đổi tên" {
			t.Fatal("a refused write renamed a unit")
		}
	}
	if p, _ := f.s.Procedure(ctx, "1.001193"); p.Name == "Đổi tên" {
		t.Fatal("a refused write renamed a procedure")
	}
}

func TestImportCalendarCSV(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	day := calendar.D(2026, time.March, 4)
	bad := "date,kind,label,tag\n2026-03-04,holiday,Nghỉ,\n2026-03-05,nghi,Sai,\n"
	_, err := f.s.ImportCalendarCSV(ctx, f.admin, strings.NewReader(bad), "tb.csv")
	var le *calendar.LineError
	if !errors.As(err, &le) || le.Line != 3 {
		t.Fatalf("bad file: %v, want an error on line 3", err)
	}
	if !f.s.Calendar().IsWorkingDay(day) {
		t.Fatal("a bad file changed the calendar")
	}
	n, err := f.s.ImportCalendarCSV(ctx, f.admin, strings.NewReader("date,kind,label,tag\n2026-03-04,holiday,Nghỉ thử,P\n"), "tb.csv")
	if err != nil || n != 1 {
		t.Fatalf("import: %d, %v", n, err)
	}
	if f.s.Calendar().IsWorkingDay(day) {
		t.Fatal("the imported day off is a working day")
	}
	if _, err := f.s.ImportCalendarCSV(ctx, f.admin, strings.NewReader("date,kind,label,tag\n"), "tb.csv"); err == nil {
		t.Fatal("an empty file was accepted")
	}
}

func TestCatalogProceduresListsInactiveWithFees(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p, err := f.s.Procedure(ctx, "2.000908")
	if err != nil {
		t.Fatal(err)
	}
	p.Active = false
	if err := f.s.PutProcedures(ctx, f.admin, []Procedure{*p}); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Procedures(ctx, "chung thuc", 0); len(got) != 0 {
		t.Fatalf("Procedures lists an inactive procedure: %v", got)
	}
	got, err := f.s.CatalogProcedures(ctx, "chung thuc", 0)
	if err != nil || len(got) != 1 || got[0].Active || len(got[0].Fees) != 2 || got[0].Fees[0].Amount != 2000 {
		t.Fatalf("CatalogProcedures: %+v, %v", got, err)
	}
	all, err := f.s.CatalogProcedures(ctx, "", 0)
	if err != nil || len(all) != 4 {
		t.Fatalf("all: %d, %v", len(all), err)
	}
	// Vietnamese order: "cấp" before "chứng" (byte order has them the other way round)
	if all[0].Code != "1.004873" || all[1].Code != "2.000908" {
		t.Fatalf("order %s, %s", all[0].Name, all[1].Name)
	}
	if got, _ := f.s.CatalogProcedures(ctx, "1.004873", 0); len(got) != 1 || got[0].Unit != "TP" || len(got[0].Fees) != 1 {
		t.Fatalf("by code: %+v", got)
	}
}

// An office that imported the 2027 notice as first published — 2/9 alone, its adjacent day "not
// yet announced" — still has the adjacent day off (Labour Code 2019 art. 112): a 3-working-day
// dossier received on Wednesday 1/9/2027 is due on Wednesday 8/9, not Tuesday 7/9.
func TestImportedNoticeMissingAStatutoryDayKeepsIt(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	notice := "date,kind,label,tag\n2027-01-01,holiday,Tết Dương lịch,C\n2027-09-02,holiday,Quốc khánh (+1 ngày liền kề chưa công bố),P\n"
	if _, err := f.s.ImportCalendarCSV(ctx, f.admin, strings.NewReader(notice), "tb.csv"); err != nil {
		t.Fatal(err)
	}
	if d, ok := f.s.Calendar().Lookup(calendar.D(2027, time.September, 3)); !ok || d.Kind != calendar.Holiday || d.Tag != "C" {
		t.Errorf("3/9/2027 = %+v, %v; want the law's adjacent day", d, ok)
	}
	due, ok, err := f.s.DueFor(ctx, "1.004873", ChannelDirect, at("2027-09-01 09:00"))
	if err != nil || !ok || !due.Equal(at("2027-09-08 09:00")) {
		t.Errorf("due %v, %v, %v; want 08/09/2027 09:00", due, ok, err)
	}
}
