// Package synctest builds small station databases for the sync tests and benchmarks.
package synctest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// Office codes of the tests.
const (
	OfficeA = "000.00.06.H56"
	OfficeB = "000.00.07.H56"
)

// Station is a station database with a reception and a processing officer.
type Station struct {
	Store            *data.Store
	Counter, Officer *data.User
	Clock            *Clock
}

// Clock is a settable clock.
type Clock struct{ t time.Time }

// Now reads the clock.
func (c *Clock) Now() time.Time { return c.t }

// Set moves the clock.
func (c *Clock) Set(t time.Time) { c.t = t }

// At parses "2006-01-02 15:04" in the office zone.
func At(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, vntext.Zone())
	if err != nil {
		panic(err)
	}
	return t
}

// NewStation makes station n of office in dir, with one unit, one procedure and two users.
func NewStation(t testing.TB, dir, office string, n int) *Station {
	t.Helper()
	ctx := context.Background()
	clk := &Clock{t: At("2026-03-02 08:00")}
	s, err := data.Open(filepath.Join(dir, data.DBFile), data.WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	err = s.Setup(ctx, data.Office{Code: office, Name: "UBND xã " + office, Level: "xa", Place: "Thử Nghiệm"}, n,
		data.NewUser{Username: "admin", FullName: "Quản Trị", Password: "matkhau123"})
	if err != nil {
		t.Fatal(err)
	}
	if err := Catalog(ctx, s); err != nil {
		t.Fatal(err)
	}
	st := &Station{Store: s, Clock: clk}
	mk := func(name string, roles data.Roles, unit string) *data.User {
		u, err := s.CreateUser(ctx, data.System, data.NewUser{Username: name, FullName: "Cán bộ " + name, Roles: roles, Unit: unit, Password: "matkhau123"})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	st.Counter = mk("tiepnhan", data.RoleReception, "")
	st.Officer = mk("chuyenvien", data.RoleOfficer|data.RoleLeader, "TP")
	return st
}

// Catalog puts the tests' unit and procedure into s.
func Catalog(ctx context.Context, s *data.Store) error {
	if err := s.PutUnit(ctx, data.System, data.Unit{Code: "TP", Name: "Công chức Tư pháp - Hộ tịch", Active: true}); err != nil {
		return err
	}
	return s.PutProcedures(ctx, data.System, []data.Procedure{{Code: "1.004873", Name: "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
		FieldName: "Hộ tịch", Unit: "TP", Limit: calendar.Limit{Value: 3, Unit: calendar.WorkingDays}, Active: true,
		Fees: []data.ProcedureFee{{Name: "Lệ phí", Amount: 5000, Stage: data.FeeAtReception}}}})
}

// Receive receives a dossier at the counter.
func (st *Station) Receive(t testing.TB, name string) *data.Dossier {
	t.Helper()
	d, err := st.Store.Receive(context.Background(), st.Counter, data.Reception{Procedure: "1.004873",
		Applicant: data.Person{Name: name, IDNo: "038085001234", Address: "Thôn Đông"}})
	if err != nil {
		t.Fatal(err)
	}
	return d.Dossier
}

// Fill writes n dossiers of five events each (received, transferred, processed, returned, rated)
// at this station, back-dated from start, in one batch: 5n events.
func (st *Station) Fill(ctx context.Context, n int, start time.Time) error {
	office, err := st.Store.Office()
	if err != nil {
		return err
	}
	station := st.Store.Station()
	return st.Store.Batch(ctx, data.System, func(b *data.Batch) error {
		for i := 0; i < n; i++ {
			// 900 a day keeps each day inside the station's block of 999 numbers.
			at := start.AddDate(0, 0, i/900).Add(time.Duration(i%900) * 30 * time.Second)
			in, err := st.Store.Intake(ctx, data.Reception{Procedure: "1.004873",
				Applicant: data.Person{Name: fmt.Sprintf("Người nộp %d", i), IDNo: "038085001234", Address: "Thôn Đông"}})
			if err != nil {
				return err
			}
			d := data.Dossier{}
			steps := []data.Payload{
				&data.Received{Intake: in},
				&data.Transferred{ToUnit: "TP", ToHandler: "chuyenvien"},
				&data.Processed{Summary: "Đã cấp"},
				&data.Returned{ReceiverName: "Người nhận"},
				&data.Rated{Rating: data.RatingSatisfied},
			}
			for k, p := range steps {
				actor := "tiepnhan" // each step by a role that may record it: the hub checks (docs/sync-protocol.md)
				if k == 2 {
					actor = "chuyenvien"
				}
				if err := b.Append(ctx, &d, at.Add(time.Duration(k)*time.Hour), actor, station, p); err != nil {
					return fmt.Errorf("%s dossier %d step %d: %w", office.Code, i, k, err)
				}
			}
		}
		return nil
	})
}
