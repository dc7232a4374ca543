package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/vntext"
)

// TestStatsAndReportByUnitWithoutUnit: an office set up with the bundled catalog (no procedure
// names a unit) and a dossier overdue at the end of the period: `stats --by unit` and `report
// periodic --by unit` answer with a «Chưa giao đơn vị» row instead of failing.
func TestStatsAndReportByUnitWithoutUnit(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	received := time.Date(2026, 3, 2, 9, 0, 0, 0, vntext.Zone())
	s, err := data.Open(filepath.Join(dir, data.DBFile), data.WithClock(func() time.Time { return received }))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Setup(ctx, data.Office{Code: "000.00.06.H56", Name: "UBND xã Thử Nghiệm", Level: "xa", Place: "Thử Nghiệm"}, 0,
		data.NewUser{Username: "admin", FullName: "Quản Trị", Password: "matkhau123"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportCatalog(ctx, data.System, bytes.NewReader(data.OfficialCatalogCSV())); err != nil {
		t.Fatal(err)
	}
	u, err := s.CreateUser(ctx, data.System, data.NewUser{Username: "tiepnhan", FullName: "Cán bộ tiếp nhận",
		Roles: data.RoleReception, Password: "matkhau123"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Receive(ctx, u, data.Reception{Procedure: "1.004873", Applicant: data.Person{Name: "Nguyễn Văn An"}}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, errs := run(t, "stats", "--data", dir, "--from", "2026-03-01", "--to", "2026-03-31", "--by", "unit")
	if code != 0 {
		t.Fatalf("stats --by unit: %d %s", code, errs)
	}
	var got statsOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != 1 || got.Rows[0].Name != data.NoUnitName || got.Rows[0].PendingOverdue != 1 {
		t.Errorf("stats --by unit rows %+v, want one %q row with 1 overdue", got.Rows, data.NoUnitName)
	}
	for _, format := range []string{"pdf", "xlsx", "csv"} {
		file := filepath.Join(dir, "dinh-ky."+format)
		code, _, errs := run(t, "report", "periodic", "--data", dir, "--from", "2026-03-01", "--to", "2026-03-31", "--by", "unit", "--out", file)
		if code != 0 {
			t.Errorf("report periodic --by unit (%s): %d %s", format, code, errs)
			continue
		}
		if format == "csv" {
			if b, _ := os.ReadFile(file); !strings.Contains(string(b), data.NoUnitName) {
				t.Errorf("CSV report lacks %q:\n%s", data.NoUnitName, b)
			}
		}
	}
}
