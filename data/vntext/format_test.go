package vntext

import (
	"math"
	"testing"
	"time"
)

func TestMoney(t *testing.T) {
	cases := []struct {
		n            int64
		money, words string
	}{
		{0, "0 đ", "0 đồng"},
		{5, "5 đ", "5 đồng"},
		{999, "999 đ", "999 đồng"},
		{1000, "1.000 đ", "1.000 đồng"},
		{1500000, "1.500.000 đ", "1.500.000 đồng"},
		{-25000, "-25.000 đ", "-25.000 đồng"},
		{-100, "-100 đ", "-100 đồng"},
		{math.MaxInt64, "9.223.372.036.854.775.807 đ", "9.223.372.036.854.775.807 đồng"},
		{math.MinInt64, "-9.223.372.036.854.775.808 đ", "-9.223.372.036.854.775.808 đồng"},
	}
	for _, c := range cases {
		if got := Money(c.n); got != c.money {
			t.Errorf("Money(%d) = %q, want %q", c.n, got, c.money)
		}
		if got := MoneyWords(c.n); got != c.words {
			t.Errorf("MoneyWords(%d) = %q, want %q", c.n, got, c.words)
		}
	}
}

func TestDateFormats(t *testing.T) {
	tm := time.Date(2026, 2, 20, 16, 30, 59, 0, Zone())
	checks := []struct{ name, got, want string }{
		{"Date", Date(tm), "20/02/2026"},
		{"DateTime", DateTime(tm), "16:30 20/02/2026"},
		{"DateWords", DateWords(tm), "ngày 20 tháng 02 năm 2026"},
		{"DateTimeWords", DateTimeWords(tm), "16 giờ 30 phút, ngày 20 tháng 02 năm 2026"},
		{"PlaceDate", PlaceDate("Hà Nội", tm), "Hà Nội, ngày 20 tháng 02 năm 2026"},
		{"PlaceDate cleans", PlaceDate("  Thanh\tHóa ", tm), "Thanh Hóa, ngày 20 tháng 02 năm 2026"},
		{"PlaceDate empty", PlaceDate("", tm), "Ngày 20 tháng 02 năm 2026"},
		{"morning", DateTimeWords(time.Date(2026, 1, 5, 7, 5, 0, 0, Zone())), "07 giờ 05 phút, ngày 05 tháng 01 năm 2026"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}

// The caller chooses the zone; formatting must not convert, or a dossier
// received at 06:00 in Hà Nội would print as the previous day on a PC set
// to UTC.
func TestDateFormatsKeepLocation(t *testing.T) {
	utc := time.Date(2026, 2, 19, 23, 0, 0, 0, time.UTC)
	if got := DateTime(utc); got != "23:00 19/02/2026" {
		t.Errorf("DateTime(UTC) = %q, want it printed in UTC", got)
	}
	if got := DateTime(utc.In(Zone())); got != "06:00 20/02/2026" {
		t.Errorf("DateTime(office zone) = %q, want 06:00 20/02/2026", got)
	}
}

func TestDateFormatsZeroTimeLeavesBlanks(t *testing.T) {
	var zero time.Time
	checks := []struct{ name, got, want string }{
		{"Date", Date(zero), ""},
		{"DateTime", DateTime(zero), ""},
		{"DateWords", DateWords(zero), "ngày … tháng … năm …"},
		{"DateTimeWords", DateTimeWords(zero), "… giờ … phút, ngày … tháng … năm …"},
		{"PlaceDate", PlaceDate("Huế", zero), "Huế, ngày … tháng … năm …"},
		{"PlaceDate empty", PlaceDate("", zero), "Ngày … tháng … năm …"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s(zero) = %q, want %q", c.name, c.got, c.want)
		}
	}
}
