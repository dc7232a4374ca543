package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date with no time zone.
//
// Deadlines are decided per calendar day in the office's own zone, so a
// time.Time (an instant) is the wrong key: the same instant is two different
// days in Hà Nội and in UTC. Date keeps the day and nothing else.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// D builds a Date. Out-of-range parts are normalised the way time.Date does
// (D(2026, 2, 30) is 2026-03-02) so that a Date value is always a real day
// and can be used as a map key; use ParseDate to reject such input instead.
func D(y int, m time.Month, d int) Date {
	return fromJDN(jdn(y, m, d))
}

// DateOf is the date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a strict "YYYY-MM-DD" date. The error text is Vietnamese
// because it is shown to the office administrator as is.
func ParseDate(s string) (Date, error) {
	bad := func(why string) (Date, error) {
		return Date{}, fmt.Errorf("ngày không hợp lệ %s: %s", quoteShort(s), why)
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return bad("cần dạng NNNN-TT-NN, ví dụ 2026-02-17")
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return bad("cần dạng NNNN-TT-NN, ví dụ 2026-02-17")
	}
	if y < 1 {
		return bad("năm phải từ 0001 đến 9999")
	}
	if m < 1 || m > 12 {
		return bad(fmt.Sprintf("không có tháng %d", m))
	}
	if d < 1 || d > daysIn(y, time.Month(m)) {
		return bad(fmt.Sprintf("tháng %d năm %d không có ngày %d", m, y, d))
	}
	return Date{y, time.Month(m), d}, nil
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// String formats the date as YYYY-MM-DD, the form used in CSV files and logs.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// VN formats the date as dd/mm/yyyy, the form printed on Vietnamese documents.
func (d Date) VN() string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// IsZero reports whether d is the zero Date (no date set).
func (d Date) IsZero() bool { return d == Date{} }

// AddDays returns the date n days after d (before it when n < 0).
func (d Date) AddDays(n int) Date { return fromJDN(d.jdn() + n) }

// Sub returns the number of days from o to d.
func (d Date) Sub(o Date) int { return d.jdn() - o.jdn() }

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOf(d.jdn()) }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch a, b := d.jdn(), o.jdn(); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// At is the instant at hour:min of d in loc.
func (d Date) At(hour, min int, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, min, 0, 0, loc)
}

func (d Date) jdn() int { return jdn(d.Year, d.Month, d.Day) }

// jdn is the Julian Day Number of a proleptic Gregorian date (the classic
// integer formula; valid for every year after -4800). Day numbers make day
// arithmetic and the astronomy in lunar.go share one time axis. Month and
// day are normalised first so that out-of-range input behaves like
// time.Date instead of producing a wrong day.
func jdn(y int, m time.Month, d int) int {
	mm := int(m) - 1
	y += floorDiv(mm, 12)
	mm = mm - floorDiv(mm, 12)*12 + 1
	a := (14 - mm) / 12
	yy := y + 4800 - a
	mo := mm + 12*a - 3
	return 1 + (153*mo+2)/5 + 365*yy + yy/4 - yy/100 + yy/400 - 32045 + (d - 1)
}

// fromJDN inverts jdn (Richards' algorithm).
func fromJDN(j int) Date {
	a := j + 32044
	b := (4*a + 3) / 146097
	c := a - 146097*b/4
	d := (4*c + 3) / 1461
	e := c - 1461*d/4
	m := (5*e + 2) / 153
	day := e - (153*m+2)/5 + 1
	month := m + 3 - 12*(m/10)
	year := 100*b + d - 4800 + m/10
	return Date{year, time.Month(month), day}
}

func weekdayOf(j int) time.Weekday {
	// JDN 0 was a Monday, so JDN+1 counts from a Sunday.
	return time.Weekday(((j+1)%7 + 7) % 7)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// quoteShort quotes user input for an error message, cut short so that a
// 10 MB field does not end up in a dialog box or a log line.
func quoteShort(s string) string {
	const max = 40
	cut := len(s) > 4*max
	if cut {
		s = s[:4*max]
	}
	if r := []rune(s); cut || len(r) > max {
		if len(r) > max {
			r = r[:max]
		}
		return fmt.Sprintf("%q…", string(r))
	}
	return fmt.Sprintf("%q", s)
}
