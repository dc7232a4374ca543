package vntext

import "time"

// Thousands writes n with a dot between groups of three digits, the
// Vietnamese convention: 1500000 → "1.500.000".
func Thousands(n int64) string {
	var buf [27]byte // 19 digits, 6 dots, a sign, with room to spare
	u := uint64(n)
	if n < 0 {
		u = -u // also right for math.MinInt64, whose magnitude int64 cannot hold
	}
	i := len(buf)
	for d := 0; ; d++ {
		if d > 0 && d%3 == 0 {
			i--
			buf[i] = '.'
		}
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if n < 0 {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// Money formats an amount in đồng for tables and screens: "1.500.000 đ".
func Money(n int64) string { return Thousands(n) + " đ" }

// MoneyWords formats an amount the way the printed forms write fees:
// "1.500.000 đồng".
func MoneyWords(n int64) string { return Thousands(n) + " đồng" }

// The formatters below print t in its own location: the caller converts to
// the office zone first, so this package never guesses which zone is meant.
// A zero time prints as a blank (or dotted blanks in the "words" forms) so a
// form printed before a date is known leaves room to write it by hand.

// Date formats t as dd/mm/yyyy.
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

// DateTime formats t as "HH:MM dd/mm/yyyy", the order used on receipts.
func DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("15:04 02/01/2006")
}

// DateWords formats t as "ngày 20 tháng 02 năm 2026".
func DateWords(t time.Time) string {
	if t.IsZero() {
		return "ngày … tháng … năm …"
	}
	return t.Format("ngày 02 tháng 01 năm 2006")
}

// DateTimeWords formats t as "16 giờ 30 phút, ngày 20 tháng 02 năm 2026",
// the "giờ, phút, ngày tháng năm" of the receipt's received and due times.
func DateTimeWords(t time.Time) string {
	if t.IsZero() {
		return "… giờ … phút, ngày … tháng … năm …"
	}
	return t.Format("15 giờ 04 phút, ") + DateWords(t)
}

// PlaceDate formats the place-and-date line at the top right of every form:
// "Hà Nội, ngày 20 tháng 02 năm 2026". Without a place the line starts with
// a capital: "Ngày 20 tháng 02 năm 2026".
func PlaceDate(place string, t time.Time) string {
	place = Clean(place)
	if place == "" {
		return "N" + DateWords(t)[1:]
	}
	return place + ", " + DateWords(t)
}
