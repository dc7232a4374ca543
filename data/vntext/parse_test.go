package vntext

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func TestParseDateTimeAccepts(t *testing.T) {
	z := Zone()
	cases := []struct {
		in   string
		want time.Time
	}{
		{"2026-02-20 16:30", time.Date(2026, 2, 20, 16, 30, 0, 0, z)},
		{"2026-02-20", time.Date(2026, 2, 20, 0, 0, 0, 0, z)},
		{"20/02/2026 16:30", time.Date(2026, 2, 20, 16, 30, 0, 0, z)},
		{"20/02/2026", time.Date(2026, 2, 20, 0, 0, 0, 0, z)},
		{"5/3/2026", time.Date(2026, 3, 5, 0, 0, 0, 0, z)}, // 5 March, never May 3
		{"02/03/2026", time.Date(2026, 3, 2, 0, 0, 0, 0, z)},
		{" 20/02/2026   7:05 ", time.Date(2026, 2, 20, 7, 5, 0, 0, z)},
		{"29/02/2024 23:59", time.Date(2024, 2, 29, 23, 59, 0, 0, z)},
		{"29/02/2000", time.Date(2000, 2, 29, 0, 0, 0, 0, z)},
		{"01/01/1900", time.Date(1900, 1, 1, 0, 0, 0, 0, z)},
		{"31/12/2200 00:00", time.Date(2200, 12, 31, 0, 0, 0, 0, z)},
	}
	for _, c := range cases {
		got, err := ParseDateTime(c.in, z)
		if err != nil || !got.Equal(c.want) || got.Location() != z {
			t.Errorf("ParseDateTime(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

func TestParseDateTimeRejects(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "chưa nhập ngày"},
		{"   ", "chưa nhập ngày"},
		{"31/02/2026", `ngày không hợp lệ "31/02/2026"`},
		{"29/02/2026", `ngày không hợp lệ "29/02/2026"`},
		{"29/02/1900", `ngày không hợp lệ "29/02/1900"`},
		{"31/04/2026 10:00", `ngày không hợp lệ "31/04/2026"`},
		{"00/01/2026", `ngày không hợp lệ "00/01/2026"`},
		{"02/31/2026", `tháng không hợp lệ "02/31/2026"`}, // no MM/DD guessing
		{"2026-13-01", `tháng không hợp lệ "2026-13-01"`},
		{"20/02/2026 24:00", `giờ không hợp lệ "24:00"`},
		{"20/02/2026 10:60", `giờ không hợp lệ "10:60"`},
		{"20/02/1899", "năm phải từ 1900 đến 2200 (đã nhập 1899)"},
		{"2201-01-01", "(đã nhập 2201)"},
		{"20/02/26", "không hiểu ngày"},
		{"20.02.2026", "không hiểu ngày"},
		{"20-02-2026", "không hiểu ngày"},
		{"2026-2-20", "không hiểu ngày"},
		{"2026/02/20", "không hiểu ngày"},
		{"+20/02/2026", "không hiểu ngày"},
		{"20/-2/2026", "không hiểu ngày"},
		{"020/02/2026", "không hiểu ngày"},
		{"20/02/2026 10", `không hiểu giờ "10"`},
		{"20/02/2026 10:5", `không hiểu giờ "10:5"`},
		{"20/02/2026 10:00:00", `không hiểu giờ "10:00:00"`},
		{"20/02/2026 10:00 PM", "không hiểu ngày"},
		{"2026-02-20T10:00", "không hiểu ngày"},
		{"hôm nay", "không hiểu ngày"},
		{"20/02/2026\x00", `không hiểu ngày "20/02/2026", nhập dạng`},
		{"\x80\x93\x93\xff", "không hiểu ngày \"\ufffd\ufffd\ufffd\ufffd\""},
		{strings.Repeat("1", 33), "ngày giờ quá dài"},
	}
	for _, c := range cases {
		got, err := ParseDateTime(c.in, Zone())
		if err == nil || !strings.Contains(err.Error(), c.want) || !got.IsZero() {
			t.Errorf("ParseDateTime(%q) = %v, %v; want an error containing %q", c.in, got, err, c.want)
		}
	}
}

func TestParseDateTimeLocation(t *testing.T) {
	got, err := ParseDateTime("20/02/2026 06:00", nil)
	if err != nil || got.Location() != Zone() {
		t.Fatalf("nil location: got %v, %v; want the office zone", got, err)
	}
	if want := time.Date(2026, 2, 19, 23, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("06:00 office time = %v, want %v", got.UTC(), want)
	}
	utc, _ := ParseDateTime("20/02/2026 06:00", time.UTC)
	if utc.Sub(got) != 7*time.Hour {
		t.Errorf("the same wall time in UTC is %v after ICT, want 7h", utc.Sub(got))
	}
}

func TestParseDate(t *testing.T) {
	got, err := ParseDate(" 1/6/2026 ", nil)
	if err != nil || !got.Equal(time.Date(2026, 6, 1, 0, 0, 0, 0, Zone())) {
		t.Errorf("ParseDate(1/6/2026) = %v, %v", got, err)
	}
	if got, err := ParseDate("2026-06-01", nil); err != nil || Date(got) != "01/06/2026" {
		t.Errorf("ParseDate(2026-06-01) = %v, %v", got, err)
	}
	_, err = ParseDate("01/06/2026 10:00", nil)
	if err == nil || err.Error() != `chỉ nhập ngày, không kèm giờ "01/06/2026 10:00"` {
		t.Errorf("ParseDate with a time: %v", err)
	}
	if _, err := ParseDate(strings.Repeat(" 1", 20), nil); err != errDateTooLong {
		t.Errorf("ParseDate of 40 bytes: %v, want %v", err, errDateTooLong)
	}
	if _, err := ParseDate("31/06/2026", nil); err == nil || !strings.Contains(err.Error(), "ngày không hợp lệ") {
		t.Errorf("ParseDate(31/06/2026): %v", err)
	}
}

func TestParseDateTimeRoundTrip(t *testing.T) {
	tm := time.Date(2031, 12, 9, 8, 7, 0, 0, Zone())
	for _, s := range []string{DateTime(tm)[6:] + " " + DateTime(tm)[:5], tm.Format("2006-01-02 15:04")} {
		got, err := ParseDateTime(s, nil)
		if err != nil || !got.Equal(tm) {
			t.Errorf("ParseDateTime(%q) = %v, %v; want %v", s, got, err, tm)
		}
	}
}

func TestHugeInputParseDateTime(t *testing.T) {
	in := "20/02/2026 " + hugeInput()
	_, err := ParseDateTime(in, nil)
	if err == nil || !strings.Contains(err.Error(), "quá dài") {
		t.Fatalf("10 MB input: %v, want the length check to reject it", err)
	}
	if len(err.Error()) > 200 {
		t.Errorf("error message of %d bytes echoes the input", len(err.Error()))
	}
	if n := testing.AllocsPerRun(10, func() { _, _ = ParseDateTime(in, nil) }); n != 0 {
		t.Errorf("rejecting 10 MB allocates %v times, want 0: it is looking at the input", n)
	}
}

func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{
		"", "20/02/2026", "2026-02-20 16:30", "31/02/2026", "24:00", "5/3/2026 7:05",
		"29/02/2024 23:59", "20/02/2026  10:00", "١٢/٠٢/٢٠٢٦", "9999-99-99 99:99",
		"20/02/2026 -1:00", "0/0/0000", "\xff/\xfe/2026",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDateTime(s, Zone())
		if err != nil {
			if msg := err.Error(); !got.IsZero() || msg == "" || utf8.RuneCountInString(msg) > 150 || !utf8.ValidString(msg) || strings.ContainsFunc(msg, unicode.IsControl) {
				t.Fatalf("ParseDateTime(%q) = %v, %q", s, got, err)
			}
			return
		}
		if got.Year() < minYear || got.Year() > maxYear || got.Second() != 0 || got.Location() != Zone() {
			t.Fatalf("ParseDateTime(%q) = %v out of bounds", s, got)
		}
		// Whatever was accepted must read back to the same instant.
		again, err := ParseDateTime(DateTime(got)[6:]+" "+DateTime(got)[:5], Zone())
		if err != nil || !again.Equal(got) {
			t.Fatalf("ParseDateTime(%q) = %v does not round-trip: %v, %v", s, got, again, err)
		}
		midnight := time.Date(got.Year(), got.Month(), got.Day(), 0, 0, 0, 0, Zone())
		if d, err := ParseDate(Date(got), Zone()); err != nil || !d.Equal(midnight) {
			t.Fatalf("ParseDate(Date(%v)) = %v, %v", got, d, err)
		}
	})
}
