package data

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"motcua/data/calendar"
)

// newCatalogOffice is an office as a real one starts: Setup (official calendar) and the bundled
// catalog, whose procedures name no processing unit; one unit is added so that some dossiers can
// be transferred to it.
func newCatalogOffice(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	clk := &clock{t: at("2026-03-02 08:00")}
	s, err := Open(filepath.Join(t.TempDir(), "office.db"), WithClock(clk.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Setup(ctx, Office{Code: testOffice, Name: "Bộ phận Một cửa UBND xã Thử Nghiệm", Level: "xa", Place: "Thử Nghiệm"},
		0, NewUser{Username: "admin", FullName: "Quản Trị", Roles: RoleAdmin, Password: "matkhau123"}); err != nil {
		t.Fatal(err)
	}
	f := &fixture{s: s, clk: clk}
	if f.admin, err = s.UserByName(ctx, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportCatalog(ctx, f.admin, bytes.NewReader(OfficialCatalogCSV())); err != nil {
		t.Fatal(err)
	}
	if err := s.PutUnit(ctx, f.admin, Unit{Code: "TP", Name: "Công chức Tư pháp - Hộ tịch", Active: true}); err != nil {
		t.Fatal(err)
	}
	f.all, err = s.CreateUser(ctx, f.admin, NewUser{Username: "tonghop", FullName: "Cán bộ tổng hợp",
		Roles: RoleReception | RoleOfficer | RoleLeader, Password: "matkhau123"})
	if err != nil {
		t.Fatal(err)
	}
	f.counter, f.officer, f.leader = f.all, f.all, f.all
	return f
}

// TestStatsByUnitCountsDossiersWithoutUnit: under the bundled catalog no dossier has a unit;
// statistics by unit give them their own row, named NoUnitName and sorted last, and the rows add
// up to the total — in both modes, including the dossiers overdue at the period's end.
func TestStatsByUnitCountsDossiersWithoutUnit(t *testing.T) {
	f := newCatalogOffice(t)
	ctx := context.Background()
	// Three dossiers of "cấp Giấy xác nhận tình trạng hôn nhân" (3 working days), none with a unit.
	for _, n := range []string{"A", "B", "C"} {
		f.clk.set(at("2026-03-02 09:00"))
		if _, err := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: n}}); err != nil {
			t.Fatal(err)
		}
	}
	// One transferred to the unit TP and processed early.
	f.clk.set(at("2026-03-02 10:00"))
	d, err := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "D"}})
	if err != nil {
		t.Fatal(err)
	}
	if d, err = f.s.Record(ctx, f.all, d.ID, &Transferred{ToUnit: "TP", ToHandler: "tonghop"}); err != nil {
		t.Fatal(err)
	}
	f.clk.set(at("2026-03-03 10:00"))
	if _, err = f.s.Record(ctx, f.all, d.ID, &Processed{ResultNo: "KQ"}); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []Mode{ModeTimestamp, ModeDate} {
		// The period ends after the three open dossiers' due date: they are overdue.
		rep, err := f.s.Stats(ctx, calendar.D(2026, 3, 1), calendar.D(2026, 3, 31), ByUnit, mode)
		if err != nil {
			t.Fatalf("%s: stats by unit: %v", mode, err)
		}
		if len(rep.Rows) != 2 {
			t.Fatalf("%s: rows = %+v, want TP and %q", mode, rep.Rows, NoUnitName)
		}
		tp, none := rep.Rows[0], rep.Rows[1]
		if tp.Key != "TP" || tp.ReceivedTotal != 1 || tp.ResolvedEarly != 1 {
			t.Errorf("%s: first row = %+v, want TP with 1 received, 1 early", mode, tp)
		}
		if none.Key != "" || none.Name != NoUnitName || none.ReceivedTotal != 3 || none.PendingOverdue != 3 || none.PendingWithin != 0 {
			t.Errorf("%s: last row = %+v, want %q with 3 received, 3 overdue", mode, none, NoUnitName)
		}
		if rep.Total.ReceivedTotal != 4 || rep.Total.PendingOverdue != 3 {
			t.Errorf("%s: total = %+v", mode, rep.Total)
		}
	}
}
