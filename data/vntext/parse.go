package vntext

import (
	"strings"
	"time"
)

// maxDateLen is longer than any accepted form ("2026-02-20 16:30" is 16
// bytes, with some slack for extra spaces); anything longer is rejected before
// it is looked at, so pasted junk costs nothing and is never echoed whole.
const maxDateLen = 32

// Years outside this range are typos: an office handles nothing older than
// the archives, and no deadline runs two centuries.
const (
	minYear = 1900
	maxYear = 2200
)

// ParseDateTime reads a date and time typed by a user: "YYYY-MM-DD HH:MM",
// "YYYY-MM-DD", "dd/mm/yyyy HH:MM" or "dd/mm/yyyy" (day and month may have one
// digit, the hour too). A date alone means 00:00. Slashes always mean
// day/month/year: month/day order is never guessed, so 02/03 is the 2nd of
// March. The calendar is checked strictly (31/02 and 24:00 are errors) and the
// error names the part that is wrong. loc nil means Zone().
func ParseDateTime(s string, loc *time.Location) (time.Time, error) {
	return parseDate(s, loc, true)
}

// ParseDate is ParseDateTime for fields that hold a date only: a time of day
// is an error rather than silently dropped.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	return parseDate(s, loc, false)
}

var (
	errDateTimeTooLong = newError("datetime.too_long", msgDateTimeTooLong)
	errDateTooLong     = newError("date.too_long", msgDateTooLong)
)

func parseDate(s string, loc *time.Location, withTime bool) (time.Time, error) {
	if loc == nil {
		loc = Zone()
	}
	s = strings.TrimSpace(s)
	formats := msgDateForms
	if withTime {
		formats = msgDateTimeForms
	}
	switch {
	case s == "":
		return time.Time{}, newError("date.empty", msgNoDate)
	case len(s) > maxDateLen && withTime:
		return time.Time{}, errDateTimeTooLong
	case len(s) > maxDateLen:
		return time.Time{}, errDateTooLong
	}
	datePart, timePart, hasTime := strings.Cut(s, " ")
	timePart = strings.TrimLeft(timePart, " ")
	if hasTime && !withTime {
		return time.Time{}, newError("date.with_time", msgDateOnly, Clean(s))
	}
	y, m, d, ok := splitDate(datePart)
	if !ok || (hasTime && strings.Contains(timePart, " ")) {
		// Clean keeps control characters and broken bytes from being
		// echoed to the user as Go escapes.
		return time.Time{}, newError("date.unreadable", msgDateUnreadable, Clean(s), formats)
	}
	if y < minYear || y > maxYear {
		return time.Time{}, newError("date.year", msgYearRange, minYear, maxYear, y)
	}
	if m < 1 || m > 12 {
		return time.Time{}, newError("date.month", msgBadMonth, datePart)
	}
	if d < 1 || d > daysIn(y, m) {
		return time.Time{}, newError("date.day", msgBadDay, datePart)
	}
	var hh, mm int
	if hasTime {
		var ok bool
		hh, mm, ok = splitClock(timePart)
		if !ok {
			return time.Time{}, newError("time.unreadable", msgClockUnreadable, Clean(timePart))
		}
		if hh > 23 || mm > 59 {
			return time.Time{}, newError("time.invalid", msgBadClock, timePart)
		}
	}
	return time.Date(y, time.Month(m), d, hh, mm, 0, 0, loc), nil
}

// splitDate reads "d/m/yyyy" (1–2 digit day and month) or "yyyy-mm-dd"
// (exactly 4-2-2, the machine form), without judging the values.
func splitDate(s string) (y, m, d int, ok bool) {
	if a, rest, found := strings.Cut(s, "/"); found {
		b, c, found := strings.Cut(rest, "/")
		if !found || len(a) > 2 || len(b) > 2 || len(c) != 4 {
			return 0, 0, 0, false
		}
		d, ok1 := atoi(a)
		m, ok2 := atoi(b)
		y, ok3 := atoi(c)
		return y, m, d, ok1 && ok2 && ok3
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := atoi(s[:4])
	m, ok2 := atoi(s[5:7])
	d, ok3 := atoi(s[8:])
	return y, m, d, ok1 && ok2 && ok3
}

// splitClock reads "H:MM" or "HH:MM".
func splitClock(s string) (h, m int, ok bool) {
	a, b, found := strings.Cut(s, ":")
	if !found || len(a) > 2 || len(b) != 2 {
		return 0, 0, false
	}
	h, ok1 := atoi(a)
	m, ok2 := atoi(b)
	return h, m, ok1 && ok2
}

// atoi accepts only non-empty ASCII digits: strconv.Atoi would also take
// signs, which have no place in a date.
func atoi(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
