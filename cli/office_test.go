package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/demo"
	"motcua/data/demo/demotest"
)

// demoDir is a fresh data folder holding a copy of a small demo office, built once per test binary.
func demoDir(t *testing.T) string {
	t.Helper()
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	return demotest.Copy(t, demo.Options{Dossiers: 400, Seed: 3, Now: now})
}

// TestMain removes the demo office built for the tests.
func TestMain(m *testing.M) { demotest.Main(m) }

func TestOfficeCommands(t *testing.T) {
	dir := demoDir(t)

	// demo refuses to overwrite an office.
	if code, _, errs := run(t, "demo", "--data", dir, "--dossiers", "10"); code != 1 || !strings.Contains(errs, "--replace") {
		t.Errorf("demo over an office: %d %q", code, errs)
	}

	// find: by a code prefix, by a folded name; every line starts with the dossier's code.
	s, err := data.Open(filepath.Join(dir, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(context.Background(), "nguyen", 5)
	if err != nil || len(hits) == 0 {
		t.Fatalf("demo has no Nguyễn: %v", err)
	}
	sample := hits[0]
	from, to := calendar.D(2025, 11, 21), calendar.D(2026, 11, 20)
	want, err := s.Stats(context.Background(), from, to, data.ByUnit, data.ModeTimestamp)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, errs := run(t, "find", "--data", dir, sample.Code[:len(sample.Code)-2])
	if code != 0 || !strings.Contains(out, sample.Code+"\t") {
		t.Fatalf("find by code prefix: %d %q %q", code, out, errs)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "000.00.31.H56-") {
			t.Errorf("find line does not start with a code: %q", line)
		}
	}
	folded := strings.ToLower(strings.Fields(sample.Applicant)[0])
	if code, out, _ = run(t, "find", "--data", dir, "--limit", "3", folded); code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("find %q --limit 3: %d\n%s", folded, code, out)
	}

	// stats: the JSON carries the keys and equals the store's figures.
	code, out, errs = run(t, "stats", "--data", dir, "--from", "2025-11-21", "--to", "20/11/2026", "--by", "unit", "--mode", "timestamp")
	if code != 0 {
		t.Fatalf("stats: %d %s", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"received_total", "received_carried", "received_new_online", "received_new_direct", "resolved_total",
		"resolved_early", "resolved_on_time", "resolved_late", "pending_total", "pending_within", "pending_overdue", "fees_total", "satisfaction_rate"} {
		if _, ok := got[k]; !ok {
			t.Errorf("stats JSON lacks %q", k)
		}
	}
	if int(got["received_total"].(float64)) != want.Total.ReceivedTotal || int(got["resolved_late"].(float64)) != want.Total.ResolvedLate {
		t.Errorf("stats JSON %v ≠ store %+v", got, want.Total)
	}
	if rows, _ := got["rows"].([]any); len(rows) != len(want.Rows) || len(rows) < 2 {
		t.Errorf("stats --by unit rows = %d, want %d", len(rows), len(want.Rows))
	}
	if code, _, _ = run(t, "stats", "--data", dir, "--from", "2026-13-01", "--to", "2026-11-20"); code != 2 {
		t.Errorf("bad --from accepted: %d", code)
	}

	// check passes on the demo.
	if code, out, errs = run(t, "check", "--data", dir); code != 0 || !strings.Contains(out, "Toàn vẹn: ok") {
		t.Fatalf("check: %d %q %q", code, out, errs)
	}

	// backup → damage → restore gives the office back; the damaged file is kept aside.
	backup := filepath.Join(t.TempDir(), "sao-luu.db")
	if code, _, errs = run(t, "backup", "--data", dir, backup); code != 0 {
		t.Fatalf("backup: %s", errs)
	}
	if code, _, errs = run(t, "import", "--data", dir, "calendar", writeFile(t, "date,kind,label,tag\n2026-12-31,holiday,Nghỉ thử,P\n")); code != 0 {
		t.Fatalf("import calendar: %s", errs)
	}
	if code, out, _ = run(t, "holidays", "--data", dir, "--year", "2026"); code != 0 || !strings.Contains(out, "2026-12-31\tholiday\tNghỉ thử") {
		t.Fatalf("imported day missing: %s", out)
	}
	if code, out, errs = run(t, "restore", "--data", dir, backup); code != 0 || !strings.Contains(out, "giữ tại") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	if code, out, _ = run(t, "holidays", "--data", dir, "--year", "2026"); code != 0 || strings.Contains(out, "Nghỉ thử") {
		t.Fatal("restore did not bring the backup back")
	}
	if code, _, _ = run(t, "check", "--data", dir); code != 0 {
		t.Fatal("check failed after restore")
	}
	// A file that is not a Một Cửa database is refused and changes nothing.
	junk := writeFile(t, strings.Repeat("không phải cơ sở dữ liệu\n", 100))
	if code, _, errs = run(t, "restore", "--data", dir, junk); code != 1 || !strings.Contains(errs, "không phải cơ sở dữ liệu Một Cửa") {
		t.Fatalf("junk restore: %d %q", code, errs)
	}
	if code, _, _ = run(t, "check", "--data", dir); code != 0 {
		t.Fatal("a refused restore damaged the office")
	}

	// import: a malformed file is refused with its line, and nothing changes.
	before, _, _ := run(t, "stats", "--data", dir, "--from", "2025-11-21", "--to", "2026-11-20")
	bad := writeFile(t, "code,procedure_code,applicant_name,applicant_id,phone,address,channel,received_at,due_at,finished_at,returned_at,status,unit,fee,rating,supplements\n"+
		",1.001193,Nguyễn Văn Một,,,,1,2026-11-02 09:00,,,,2,,0,,0\n"+
		",1.001193,Nguyễn Văn Hai,03808500123,,,1,2026-11-02 09:00,,,,2,,0,,0\n")
	if code, _, errs = run(t, "import", "--data", dir, "dossiers", bad); code != 1 || !strings.Contains(errs, "dòng 3") {
		t.Fatalf("bad register: %d %q", code, errs)
	}
	after, _, _ := run(t, "stats", "--data", dir, "--from", "2025-11-21", "--to", "2026-11-20")
	if before != after {
		t.Fatal("a refused import changed the statistics")
	}
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f.csv")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
