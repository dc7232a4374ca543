package calendar

import (
	"strings"
	"testing"
	"time"
)

func TestJDNAgreesWithTimePackage(t *testing.T) {
	// Walk 1600–2400 day by day and compare with the standard library,
	// which is an independent implementation of the Gregorian calendar.
	tm := time.Date(1600, 1, 1, 12, 0, 0, 0, time.UTC)
	j := jdn(1600, 1, 1)
	if j != 2305448 {
		t.Fatalf("jdn(1600-01-01) = %d, want 2305448", j)
	}
	for ; tm.Year() < 2400; tm, j = tm.AddDate(0, 0, 1), j+1 {
		y, m, d := tm.Date()
		if got := jdn(y, m, d); got != j {
			t.Fatalf("jdn(%v) = %d, want %d", tm, got, j)
		}
		if got := fromJDN(j); got != (Date{y, m, d}) {
			t.Fatalf("fromJDN(%d) = %v, want %v", j, got, tm)
		}
		if got := weekdayOf(j); got != tm.Weekday() {
			t.Fatalf("weekday of %v = %v, want %v", tm, got, tm.Weekday())
		}
	}
	if jdn(2000, 1, 1) != 2451545 {
		t.Errorf("jdn(2000-01-01) = %d, want 2451545", jdn(2000, 1, 1))
	}
}

func TestDNormalises(t *testing.T) {
	cases := []struct {
		got, want Date
	}{
		{D(2026, 2, 30), Date{2026, 3, 2}},
		{D(2026, 13, 1), Date{2027, 1, 1}},
		{D(2026, 0, 1), Date{2025, 12, 1}},
		{D(2026, 1, 0), Date{2025, 12, 31}},
		{D(2024, 2, 29), Date{2024, 2, 29}},
		{D(2026, -11, 1), Date{2025, 1, 1}},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %v, want %v", c.got, c.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	good := map[string]Date{
		"2026-02-17": {2026, 2, 17},
		"2024-02-29": {2024, 2, 29},
		"2000-02-29": {2000, 2, 29},
		"0001-01-01": {1, 1, 1},
		"9999-12-31": {9999, 12, 31},
	}
	for s, want := range good {
		got, err := ParseDate(s)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", s, got, err, want)
		}
		if got.String() != s {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), s)
		}
	}
	bad := []string{"2026-02-30", "2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
		"0000-01-01", "2026-2-3", "2026/02/03", "20260203", "", "2026-02-3x", "+026-01-01", " 2026-01-01",
		"2026-01-01 ", "２０２６-01-01"}
	for _, s := range bad {
		got, err := ParseDate(s)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", s, got)
			continue
		}
		if !strings.HasPrefix(err.Error(), "ngày không hợp lệ ") {
			t.Errorf("ParseDate(%q) error %q is not the Vietnamese message", s, err)
		}
	}
	_, err := ParseDate("2026-02-30")
	if want := `ngày không hợp lệ "2026-02-30": tháng 2 năm 2026 không có ngày 30`; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestDateArithmetic(t *testing.T) {
	d := D(2026, 2, 13)
	if got := d.AddDays(13); got != D(2026, 2, 26) {
		t.Errorf("AddDays(13) = %v", got)
	}
	if got := d.AddDays(-44); got != D(2025, 12, 31) {
		t.Errorf("AddDays(-44) = %v", got)
	}
	if n := D(2027, 1, 1).Sub(D(2026, 1, 1)); n != 365 {
		t.Errorf("Sub = %d, want 365", n)
	}
	if n := D(2025, 1, 1).Sub(D(2024, 1, 1)); n != 366 {
		t.Errorf("Sub over a leap year = %d, want 366", n)
	}
	if d.Weekday() != time.Friday {
		t.Errorf("2026-02-13 is a %v, want Friday", d.Weekday())
	}
	a, b := D(2026, 1, 31), D(2026, 2, 1)
	if !a.Before(b) || a.After(b) || b.Before(a) || !b.After(a) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("ordering of 2026-01-31 and 2026-02-01 is wrong")
	}
	if a.Before(a) || a.After(a) {
		t.Error("a date is neither before nor after itself")
	}
	if got := D(2026, 3, 5).VN(); got != "05/03/2026" {
		t.Errorf("VN = %q", got)
	}
	if !(Date{}).IsZero() || d.IsZero() {
		t.Error("IsZero is wrong")
	}
}

func TestDateAtAndDateOf(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	at := D(2026, 2, 17).At(6, 30, loc)
	if got := at.UTC(); !got.Equal(time.Date(2026, 2, 16, 23, 30, 0, 0, time.UTC)) {
		t.Errorf("At = %v", got)
	}
	// The same instant is a different date in UTC: DateOf must use t's own zone.
	if got := DateOf(at); got != D(2026, 2, 17) {
		t.Errorf("DateOf in ICT = %v", got)
	}
	if got := DateOf(at.UTC()); got != D(2026, 2, 16) {
		t.Errorf("DateOf in UTC = %v", got)
	}
}

func TestQuoteShortBoundsLength(t *testing.T) {
	long := strings.Repeat("ệ", 1_000_000)
	q := quoteShort(long)
	if len(q) > 200 || !strings.HasSuffix(q, "…") {
		t.Errorf("quoteShort of a long string gave %d bytes: %.60q", len(q), q)
	}
	if got := quoteShort("2026-02-30"); got != `"2026-02-30"` {
		t.Errorf("quoteShort short = %s", got)
	}
	if got := quoteShort("a\x00b"); got != `"a\x00b"` {
		t.Errorf("control characters must be escaped, got %s", got)
	}
}
