package cli

import (
	"bytes"
	"strings"
	"testing"
)

// run calls Main like the shell would and returns exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestDueUsesOfficialCalendar(t *testing.T) {
	dir := t.TempDir() // no database: the official calendar applies
	cases := []struct{ at, limit, want string }{
		{"2026-03-02 11:00", "4h", "2026-03-02 17:00"},
		{"2026-03-02 16:59", "1d", "2026-03-03 16:59"},
		{"2026-02-13 16:59", "3d", "2026-02-25 16:59"}, // Friday before Tết 2026 (16–20/2)
		{"2026-01-09 10:00", "1d", "2026-01-10 10:00"}, // 10/1/2026 is a worked Saturday
		{"13/02/2026 16:59", "3d", "2026-02-25 16:59"}, // dd/mm/yyyy accepted
		{"2024-02-07 09:00", "2d", "2024-02-16 09:00"}, // Tết 2024 (8–14/2 with comp days)
	}
	for _, c := range cases {
		code, out, errs := run(t, "due", "--data", dir, "--at", c.at, "--limit", c.limit)
		if code != 0 || strings.TrimSpace(out) != c.want {
			t.Errorf("due %s %s = %d %q %q, want %s", c.at, c.limit, code, out, errs, c.want)
		}
	}
}

func TestDueBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"due", "--data", dir, "--at", "2026-02-30 10:00", "--limit", "3d"},
		{"due", "--data", dir, "--at", "02/30/2026 10:00", "--limit", "3d"},
		{"due", "--data", dir, "--at", "2026-03-02 10:00", "--limit", "3x"},
		{"due", "--data", dir, "--at", "2026-03-02 10:00"},
		{"due", "--data", dir, "--bogus"},
	} {
		code, out, errs := run(t, args...)
		if code == 0 || out != "" || strings.Count(strings.TrimSpace(errs), "\n") > 0 || errs == "" {
			t.Errorf("%v: code %d out %q err %q (want non-zero, one line)", args, code, out, errs)
		}
	}
}

func TestHolidaysLists2026AndComputes2030(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := run(t, "holidays", "--data", dir, "--year", "2026")
	if code != 0 {
		t.Fatal(code)
	}
	for _, want := range []string{
		"2026-02-17\tholiday\tTết Nguyên đán (mùng 1)",
		"2026-01-10\tmakeup\t",
		"2026-01-02\tswap_off\t",
		"2026-04-27\tcomp\t",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("2026 lacks %q:\n%s", want, out)
		}
	}
	// 2030 is in no file: Tết is computed from the Vietnamese lunar calendar. The new moon falls
	// just before midnight at UTC+7, so mùng 1 is Saturday 2030-02-02, a day before China's.
	code, out, _ = run(t, "holidays", "--data", dir, "--year", "2030")
	if code != 0 || !strings.Contains(out, "2030-02-02\tholiday\tTết Nguyên đán (mùng 1)") {
		t.Fatalf("2030: %d\n%s", code, out)
	}
	if !strings.Contains(out, "\tcomp\t") {
		t.Errorf("2030: Tết on a weekend gives no compensatory day:\n%s", out)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if f := strings.Split(line, "\t"); len(f) != 3 {
			t.Errorf("bad line %q", line)
		}
	}
}

func TestHelpAndUnknown(t *testing.T) {
	for _, cmd := range []string{"demo", "due", "holidays", "find", "stats", "import", "backup", "restore", "check"} {
		if code, _, errs := run(t, cmd, "-h"); code != 0 || !strings.Contains(errs, "Cách dùng: motcua "+cmd) {
			t.Errorf("%s -h: %d %q", cmd, code, errs)
		}
	}
	if code, _, _ := run(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command exit %d", code)
	}
}

func TestCommandsNeedADatabase(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"find", "duc"}, {"stats", "--from", "2026-01-01", "--to", "2026-01-31"}, {"check"}, {"backup", dir + "/b.db"}} {
		code, _, errs := run(t, append(args, "--data", dir)...)
		if code != 1 || !strings.Contains(errs, "chưa có cơ sở dữ liệu") {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
}
