package data

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// clock is a settable test clock in the office zone.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, vntext.Zone())
	if err != nil {
		panic(err)
	}
	return t
}

type fixture struct {
	s                                    *Store
	clk                                  *clock
	admin, counter, officer, leader, all *User
}

const testOffice = "000.00.06.H56"

// newFixture builds an office with the official 2024–2026 calendar, two units, three procedures
// (3 working days, same day, 4 hours, no due date) and one user per role.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureAt(t, filepath.Join(t.TempDir(), "test.db"))
}

func newFixtureAt(t testing.TB, path string) *fixture {
	t.Helper()
	ctx := context.Background()
	clk := &clock{t: at("2026-03-02 08:00")}
	s, err := Open(path, WithClock(clk.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	err = s.Setup(ctx, Office{Code: testOffice, Name: "Bộ phận Một cửa UBND xã Thử Nghiệm", Level: "xa", Place: "Thử Nghiệm"},
		0, NewUser{Username: "admin", FullName: "Quản Trị", Roles: RoleAdmin, Password: "matkhau123"})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{s: s, clk: clk}
	if f.admin, err = s.UserByName(ctx, "admin"); err != nil {
		t.Fatal(err)
	}
	days, err := OfficialCalendar()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ImportCalendar(ctx, f.admin, days, "test"); err != nil {
		t.Fatal(err)
	}
	for _, u := range []Unit{{Code: "TP", Name: "Công chức Tư pháp - Hộ tịch", Active: true}, {Code: "DC", Name: "Công chức Địa chính", Active: true}} {
		if err := s.PutUnit(ctx, f.admin, u); err != nil {
			t.Fatal(err)
		}
	}
	procs := []Procedure{
		{Code: "1.004873", Name: "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", FieldName: "Hộ tịch", Unit: "TP",
			Limit: calendar.Limit{Value: 3, Unit: calendar.WorkingDays}, Active: true,
			Documents: []ProcedureDoc{{Name: "Tờ khai", Required: true, Originals: 1}, {Name: "Bản sao giấy tờ ly hôn", Copies: 1}},
			Fees:      []ProcedureFee{{Name: "Lệ phí", Amount: 5000, Stage: FeeAtReception}}},
		{Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", FieldName: "Hộ tịch", Unit: "TP",
			Limit: calendar.Limit{Value: 0, Unit: calendar.WorkingDays}, Active: true},
		{Code: "2.000908", Name: "Thủ tục chứng thực bản sao từ bản chính", FieldName: "Chứng thực", Unit: "TP",
			Limit: calendar.Limit{Value: 4, Unit: calendar.WorkingHours}, Active: true,
			Fees: []ProcedureFee{{Name: "Phí chứng thực", Amount: 2000, Stage: FeeAtReception}, {Name: "Phí trả", Amount: 1000, Stage: FeeAtReturn}}},
		{Code: "1.000000", Name: "Thủ tục không có thời hạn", FieldName: "Đất đai", Unit: "DC",
			Limit: calendar.Limit{Unit: calendar.NoLimit}, Active: true},
	}
	if err := s.PutProcedures(ctx, f.admin, procs); err != nil {
		t.Fatal(err)
	}
	mk := func(name string, roles Roles, unit string) *User {
		u, err := s.CreateUser(ctx, f.admin, NewUser{Username: name, FullName: "Cán bộ " + name, Roles: roles, Unit: unit, Password: "matkhau123"})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	f.counter = mk("tiepnhan", RoleReception, "")
	f.officer = mk("chuyenvien", RoleOfficer, "TP")
	f.leader = mk("lanhdao", RoleLeader, "TP")
	f.all = mk("tonghop", RoleReception|RoleOfficer|RoleLeader, "")
	return f
}

func (f *fixture) receive(t testing.TB, proc, name string) *Dossier {
	t.Helper()
	d, err := f.s.Receive(context.Background(), f.counter, Reception{Procedure: proc,
		Applicant: Person{Name: name, IDNo: "038085001234", Phone: "0912 345 678", Address: "Thôn Đông, xã Thử Nghiệm"}})
	if err != nil {
		t.Fatalf("receive: %v", err)
	}
	return d.Dossier
}
