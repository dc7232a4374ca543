package reports

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// catalogOffice is an office as a real one starts: data.Setup (official calendar) and the
// bundled catalog, whose procedures name no processing unit, with one unit to transfer to and
// one user of every role.
func catalogOffice(t *testing.T, now *time.Time) (*data.Store, *data.User) {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(filepath.Join(t.TempDir(), data.DBFile), data.WithClock(func() time.Time { return *now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Setup(ctx, data.Office{Code: "000.00.06.H56", Name: "Bộ phận Một cửa UBND xã Thử Nghiệm", Level: "xa", Place: "Thử Nghiệm"},
		0, data.NewUser{Username: "admin", FullName: "Quản Trị", Password: "matkhau123"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportCatalog(ctx, data.System, bytes.NewReader(data.OfficialCatalogCSV())); err != nil {
		t.Fatal(err)
	}
	if err := s.PutUnit(ctx, data.System, data.Unit{Code: "TP", Name: "Công chức Tư pháp - Hộ tịch", Active: true}); err != nil {
		t.Fatal(err)
	}
	u, err := s.CreateUser(ctx, data.System, data.NewUser{Username: "tonghop", FullName: "Cán bộ tổng hợp",
		Roles: data.RoleReception | data.RoleOfficer | data.RoleLeader, Password: "matkhau123"})
	if err != nil {
		t.Fatal(err)
	}
	return s, u
}

// TestReportsByUnitWithDossiersWithoutUnit: under the bundled catalog no dossier has a unit;
// every report by unit, in every format, is written with a row for them.
func TestReportsByUnitWithDossiersWithoutUnit(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, vntext.Zone())
	s, u := catalogOffice(t, &now)
	for _, name := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"} {
		d, err := s.Receive(ctx, u, data.Reception{Procedure: "1.004873", Applicant: data.Person{Name: name}})
		if err != nil {
			t.Fatal(err)
		}
		if name != "Nguyễn Văn An" {
			continue // the others stay open without a unit, overdue at the end of the month
		}
		now = now.Add(time.Hour)
		for _, p := range []data.Payload{&data.Transferred{ToUnit: "TP", ToHandler: "tonghop"}, &data.Processed{ResultNo: "KQ1"}, &data.Returned{ReceiverName: name},
			&data.Rated{Rating: data.RatingDissatisfied, Reason: "Chờ lâu"}} {
			if d, err = s.Record(ctx, u, d.ID, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	st, err := LoadSettings(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{From: calendar.D(2026, 3, 1), To: calendar.D(2026, 3, 31), By: data.ByUnit, Date: now}
	for _, kind := range Kinds {
		rep, err := Build(ctx, s, kind, st, o)
		if err != nil {
			t.Errorf("%s by unit: %v", kind, err)
			continue
		}
		for _, format := range []string{FormatPDF, FormatXLSX, FormatCSV} {
			var buf bytes.Buffer
			if err := rep.Write(format, &buf); err != nil {
				t.Errorf("%s by unit, %s: %v", kind, format, err)
			}
			if kind == KindStaff || kind == KindWeekly && format == FormatPDF {
				continue // by officer; the weekly PDF's text is compressed
			}
			switch format {
			case FormatCSV:
				if !strings.Contains(buf.String(), data.NoUnitName) {
					t.Errorf("%s by unit, CSV has no row %q:\n%s", kind, data.NoUnitName, buf.String())
				}
			case FormatXLSX:
				if !xlsxHas(t, buf.Bytes(), data.NoUnitName) {
					t.Errorf("%s by unit, XLSX has no row %q", kind, data.NoUnitName)
				}
			}
		}
	}
}

// xlsxHas reports whether some cell of some sheet of the workbook holds text.
func xlsxHas(t *testing.T, b []byte, text string) bool {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				if c == text {
					return true
				}
			}
		}
	}
	return false
}
