package cli

import (
	"strings"
	"testing"
)

// 2/9/2027 is a Thursday; the adjacent day off, 3/9, is not announced yet (tag P in the official
// file). A 1-working-day dossier received on Wednesday 1/9 is due on Monday 6/9, and the listing
// says which days are only expected.
func TestHolidaysMarkProvisional2027AndDueSkipsThem(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := run(t, "due", "--data", dir, "--at", "2027-09-01 09:00", "--limit", "1d")
	if code != 0 || strings.TrimSpace(out) != "2027-09-06 09:00" {
		t.Errorf("due = %d %q %q, want 2027-09-06 09:00", code, out, errs)
	}
	code, out, errs = run(t, "holidays", "--data", dir, "--year", "2027")
	if code != 0 {
		t.Fatalf("holidays = %d %q", code, errs)
	}
	for _, want := range []string{
		"2027-09-02\tholiday\tQuốc khánh\n",
		"2027-09-03\tholiday\tQuốc khánh (ngày liền kề; dự kiến, chờ thông báo)\tdự kiến\n",
		"2027-05-03\tcomp\tNghỉ bù 1/5 (nếu không có phương án khác)\tdự kiến\n",
		"2027-04-30\tholiday\tNgày Chiến thắng\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("holidays 2027 lacks %q:\n%s", want, out)
		}
	}
	if code, _, errs := run(t, "holidays", "-h"); code != 0 || !strings.Contains(errs, "cột thứ tư: dự kiến") {
		t.Errorf("holidays -h does not explain the fourth column: %q", errs)
	}
}
