package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"motcua/data"
)

// reportCSVTotals runs motcua report periodic as CSV and returns its totals row's eleven figures.
func reportCSVTotals(t *testing.T, dir string, args ...string) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "bao-cao.csv")
	code, stdout, errs := run(t, append([]string{"report", "periodic", "--data", dir, "--out", out}, args...)...)
	if code != 0 || !strings.Contains(stdout, out) {
		t.Fatalf("report %v: %d %q %q", args, code, stdout, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatal("CSV without BOM")
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][2] != "Số hồ sơ tiếp nhận: Tổng số" {
		t.Fatalf("CSV header %v", recs[0])
	}
	last := recs[len(recs)-1]
	if last[1] != "TỔNG CỘNG" {
		t.Fatalf("CSV last row %v", last)
	}
	return last[2:]
}

// statsJSON runs motcua stats and returns the eleven figures of the periodic report.
func statsJSON(t *testing.T, dir string, args ...string) []string {
	t.Helper()
	code, out, errs := run(t, append([]string{"stats", "--data", dir}, args...)...)
	if code != 0 {
		t.Fatalf("stats: %d %s", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var v []string
	for _, k := range []string{"received_total", "received_carried", "received_new_online", "received_new_direct", "resolved_total",
		"resolved_early", "resolved_on_time", "resolved_late", "pending_total", "pending_within", "pending_overdue"} {
		v = append(v, strconv.Itoa(int(got[k].(float64))))
	}
	return v
}

func TestReportCommand(t *testing.T) {
	dir := demoDir(t)

	// The report's totals are motcua stats's, for several periods, both modes, every grouping.
	for _, p := range [][2]string{{"2026-11-09", "2026-11-15"}, {"01/10/2026", "31/10/2026"}, {"2025-11-21", "2026-11-20"}} {
		for _, mode := range []string{"timestamp", "date"} {
			want := statsJSON(t, dir, "--from", p[0], "--to", p[1], "--mode", mode)
			for _, by := range []string{"", "unit", "field"} {
				args := []string{"--from", p[0], "--to", p[1], "--mode", mode, "--format", "csv"}
				if by != "" {
					args = append(args, "--by", by)
				}
				if got := reportCSVTotals(t, dir, args...); strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("%v %s by %q: report %v, stats %v", p, mode, by, got, want)
				}
			}
		}
	}

	// Without --mode the office's setting applies.
	s, err := data.Open(filepath.Join(dir, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	admin, err := s.Authenticate(context.Background(), "admin", "admin123")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(context.Background(), admin, data.SettingDateMode, "date"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	year := []string{"--from", "2025-11-21", "--to", "2026-11-20"}
	dateWant, tsWant := statsJSON(t, dir, append(year, "--mode", "date")...), statsJSON(t, dir, append(year, "--mode", "timestamp")...)
	if strings.Join(dateWant, ",") == strings.Join(tsWant, ",") {
		t.Fatal("both modes give the same figures: the default-mode check would prove nothing")
	}
	if got := reportCSVTotals(t, dir, append(year, "--format", "csv")...); strings.Join(got, ",") != strings.Join(dateWant, ",") {
		t.Errorf("default mode: report %v, date-mode stats %v (timestamp %v)", got, dateWant, tsWant)
	}

	// Every kind, every format; the format follows the file's extension when not given.
	out := t.TempDir()
	for _, kind := range []string{"periodic", "weekly", "staff", "satisfaction"} {
		for _, ext := range []string{"pdf", "xlsx", "csv"} {
			file := filepath.Join(out, kind+"."+ext)
			code, _, errs := run(t, "report", kind, "--data", dir, "--from", "2026-10-01", "--to", "2026-11-15", "--out", file)
			if code != 0 {
				t.Fatalf("report %s %s: %d %s", kind, ext, code, errs)
			}
			b, _ := os.ReadFile(file)
			switch ext {
			case "pdf":
				if !bytes.HasPrefix(b, []byte("%PDF-")) {
					t.Errorf("%s is not a PDF", file)
				}
			case "xlsx":
				f, err := excelize.OpenReader(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				if v, _ := f.GetCellValue(f.GetSheetList()[0], "A6"); v != "STT" {
					t.Errorf("%s A6 = %q", file, v)
				}
				f.Close()
			case "csv":
				if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
					t.Errorf("%s without BOM", file)
				}
			}
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 12 {
		t.Errorf("%d files in the output folder, want 12", len(entries))
	}
}

func TestReportCommandErrors(t *testing.T) {
	dir := demoDir(t)
	out := t.TempDir()
	file := filepath.Join(out, "bc.pdf")
	ok := []string{"--data", dir, "--from", "2026-10-01", "--to", "2026-10-31", "--out", file}
	for _, args := range [][]string{
		append([]string{"report"}, ok...),                                                                         // no kind
		append([]string{"report", "monthly"}, ok...),                                                              // unknown kind
		append([]string{"report", "periodic", "weekly"}, ok...),                                                   // two kinds
		{"report", "periodic", "--data", dir, "--to", "2026-10-31", "--out", file},                                // no --from
		{"report", "periodic", "--data", dir, "--from", "2026-13-01", "--to", "2026-10-31", "--out", file},        // bad date
		{"report", "periodic", "--data", dir, "--from", "2026-11-01", "--to", "2026-10-31", "--out", file},        // backwards
		{"report", "periodic", "--data", dir, "--from", "2026-10-01", "--to", "2026-10-31"},                       // no --out
		append([]string{"report", "periodic", "--by", "officer"}, ok...),                                          // bad --by
		append([]string{"report", "periodic", "--mode", "minute"}, ok...),                                         // bad --mode
		append([]string{"report", "periodic", "--format", "docx"}, ok...),                                         // bad --format
		{"report", "periodic", "--data", dir, "--from", "2026-10-01", "--to", "2026-10-31", "--out", out + "/bc"}, // no extension, no --format
		append([]string{"report", "periodic", "--bogus"}, ok...),
	} {
		code, stdout, errs := run(t, args...)
		if code != 2 || stdout != "" || errs == "" || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: code %d out %q err %q (want 2, one line)", args[1:], code, stdout, errs)
		}
	}
	// Failures exit 1 with one line and leave nothing behind.
	blocked := filepath.Join(out, "thu-muc.pdf")
	os.Mkdir(blocked, 0o755)
	os.WriteFile(filepath.Join(blocked, "x"), nil, 0o644)
	for _, args := range [][]string{
		{"report", "periodic", "--data", dir, "--from", "2026-10-01", "--to", "2026-10-31", "--out", filepath.Join(out, "khong-co", "bc.pdf")},
		{"report", "weekly", "--data", dir, "--from", "2026-10-01", "--to", "2026-10-31", "--out", blocked},
		{"report", "staff", "--data", t.TempDir(), "--from", "2026-10-01", "--to", "2026-10-31", "--out", file},
	} {
		code, _, errs := run(t, args...)
		if code != 1 || errs == "" || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: code %d err %q (want 1, one line)", args[1:], code, errs)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != "thu-muc.pdf" {
		t.Errorf("left behind in %s: %v", out, entries)
	}
	if inner, _ := os.ReadDir(blocked); len(inner) != 1 {
		t.Errorf("left behind in %s: %v", blocked, inner)
	}
	// -h prints the usage and succeeds.
	if code, _, errs := run(t, "report", "-h"); code != 0 || !strings.Contains(errs, "satisfaction") {
		t.Errorf("report -h: %d %q", code, errs)
	}
}
