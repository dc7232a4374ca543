package calendar

import (
	"errors"
	"fmt"
	"math"
	"sync"
)

// The Vietnamese lunisolar calendar follows the same rules as the Chinese
// one (months start on the day of the new moon, month 11 holds the winter
// solstice, in a 13-month span the first month without a major solar term is
// the leap month) but days are counted at the UTC+7 meridian. When a new moon
// or a solar term falls between 23:00 and 24:00 Hà Nội time the two calendars
// disagree on the day, which is why Tết 1985 and 2007 differ from China.
//
// The astronomy below is the published Meeus algorithms: the new moon with
// its periodic and planetary corrections (Astronomical Algorithms ch. 49),
// the apparent solar longitude to about 0.01° (ch. 25), and the
// Espenak–Meeus polynomials for ΔT. That is accurate to a couple of minutes,
// far better than the hour that separates the two meridians.
//
// Before 1968 Vietnam reckoned the calendar at UTC+8; this package uses UTC+7
// for every year, as the modern calendar does.

const (
	vnOffsetDays = 7.0 / 24 // UTC+7, in days
	synodicMonth = 29.530588861
	newMoonEpoch = 2451550.09766 // mean new moon of 2000-01-06 (JDE), k = 0
)

func rad(deg float64) float64 { return deg * math.Pi / 180 }

// newMoonJDE is the instant (Julian Ephemeris Day, TT) of the new moon
// number k, counted from the one of January 2000.
func newMoonJDE(k int) float64 {
	kf := float64(k)
	t := kf / 1236.85
	t2, t3, t4 := t*t, t*t*t, t*t*t*t
	jde := newMoonEpoch + synodicMonth*kf + 0.00015437*t2 - 0.000000150*t3 + 0.00000000073*t4
	e := 1 - 0.002516*t - 0.0000074*t2
	m := rad(2.5534 + 29.10535670*kf - 0.0000014*t2 - 0.00000011*t3)
	mp := rad(201.5643 + 385.81693528*kf + 0.0107582*t2 + 0.00001238*t3 - 0.000000058*t4)
	f := rad(160.7108 + 390.67050284*kf - 0.0016118*t2 - 0.00000227*t3 + 0.000000011*t4)
	om := rad(124.7746 - 1.56375588*kf + 0.0020672*t2 + 0.00000215*t3)
	s := math.Sin
	jde += -0.40720*s(mp) +
		0.17241*e*s(m) +
		0.01608*s(2*mp) +
		0.01039*s(2*f) +
		0.00739*e*s(mp-m) -
		0.00514*e*s(mp+m) +
		0.00208*e*e*s(2*m) -
		0.00111*s(mp-2*f) -
		0.00057*s(mp+2*f) +
		0.00056*e*s(2*mp+m) -
		0.00042*s(3*mp) +
		0.00042*e*s(m+2*f) +
		0.00038*e*s(m-2*f) -
		0.00024*e*s(2*mp-m) -
		0.00017*s(om) -
		0.00007*s(mp+2*m) +
		0.00004*s(2*mp-2*f) +
		0.00004*s(3*m) +
		0.00003*s(mp+m-2*f) +
		0.00003*s(2*mp+2*f) -
		0.00003*s(mp+m+2*f) +
		0.00003*s(mp-m+2*f) -
		0.00002*s(mp-m-2*f) -
		0.00002*s(3*mp+m) +
		0.00002*s(4*mp)
	// Planetary perturbations; each term is under a minute but together
	// they can move the instant across midnight.
	planet := [14][3]float64{
		{299.77, 0.107408, 0.000325},
		{251.88, 0.016321, 0.000165},
		{251.83, 26.651886, 0.000164},
		{349.42, 36.412478, 0.000126},
		{84.66, 18.206239, 0.000110},
		{141.74, 53.303771, 0.000062},
		{207.14, 2.453732, 0.000060},
		{154.84, 7.306860, 0.000056},
		{34.52, 27.261239, 0.000047},
		{207.19, 0.121824, 0.000042},
		{291.34, 1.844379, 0.000040},
		{161.72, 24.198154, 0.000037},
		{239.56, 25.513099, 0.000035},
		{331.55, 3.592518, 0.000023},
	}
	for i, p := range planet {
		a := p[0] + p[1]*kf
		if i == 0 {
			a -= 0.009173 * t2
		}
		jde += p[2] * s(rad(a))
	}
	return jde
}

// deltaT is TT−UT in seconds (Espenak & Meeus polynomial fits). Civil days
// are counted in UT, the formulas above run in TT; ignoring the difference
// would shift instants by about a minute today and more in the past.
func deltaT(year float64) float64 {
	switch y := year; {
	case y < 1700:
		u := (y - 1820) / 100
		return -20 + 32*u*u
	case y < 1800:
		t := y - 1700
		return 8.83 + 0.1603*t - 0.0059285*t*t + 0.00013336*t*t*t - t*t*t*t/1174000
	case y < 1860:
		t := y - 1800
		return 13.72 - 0.332447*t + 0.0068612*t*t + 0.0041116*math.Pow(t, 3) -
			0.00037436*math.Pow(t, 4) + 0.0000121272*math.Pow(t, 5) -
			0.0000001699*math.Pow(t, 6) + 0.000000000875*math.Pow(t, 7)
	case y < 1900:
		t := y - 1860
		return 7.62 + 0.5737*t - 0.251754*t*t + 0.01680668*math.Pow(t, 3) -
			0.0004473624*math.Pow(t, 4) + math.Pow(t, 5)/233174
	case y < 1920:
		t := y - 1900
		return -2.79 + 1.494119*t - 0.0598939*t*t + 0.0061966*math.Pow(t, 3) - 0.000197*math.Pow(t, 4)
	case y < 1941:
		t := y - 1920
		return 21.20 + 0.84493*t - 0.076100*t*t + 0.0020936*math.Pow(t, 3)
	case y < 1961:
		t := y - 1950
		return 29.07 + 0.407*t - t*t/233 + math.Pow(t, 3)/2547
	case y < 1986:
		t := y - 1975
		return 45.45 + 1.067*t - t*t/260 - math.Pow(t, 3)/718
	case y < 2005:
		t := y - 2000
		return 63.86 + 0.3345*t - 0.060374*t*t + 0.0017275*math.Pow(t, 3) +
			0.000651814*math.Pow(t, 4) + 0.00002373599*math.Pow(t, 5)
	case y < 2050:
		t := y - 2000
		return 62.92 + 0.32217*t + 0.005589*t*t
	case y < 2150:
		u := (y - 1820) / 100
		return -20 + 32*u*u - 0.5628*(2150-y)
	default:
		u := (y - 1820) / 100
		return -20 + 32*u*u
	}
}

func jdYear(jd float64) float64 { return 2000 + (jd-2451545)/365.25 }

// sunLongitude is the apparent geocentric longitude of the Sun in degrees
// [0, 360) at the given JDE.
func sunLongitude(jde float64) float64 {
	t := (jde - 2451545) / 36525
	l0 := 280.46646 + 36000.76983*t + 0.0003032*t*t
	m := rad(357.52911 + 35999.05029*t - 0.0001537*t*t)
	c := (1.914602-0.004817*t-0.000014*t*t)*math.Sin(m) +
		(0.019993-0.000101*t)*math.Sin(2*m) +
		0.000289*math.Sin(3*m)
	om := rad(125.04 - 1934.136*t)
	l := l0 + c - 0.00569 - 0.00478*math.Sin(om)
	l = math.Mod(l, 360)
	if l < 0 {
		l += 360
	}
	return l
}

// newMoonDay is the day number (JDN) of the Hà Nội civil day holding new
// moon k.
func newMoonDay(k int) int {
	jde := newMoonJDE(k)
	ut := jde - deltaT(jdYear(jde))/86400
	return int(math.Floor(ut + 0.5 + vnOffsetDays))
}

// termSector is which 30° slice of the ecliptic the Sun is in at the start
// (Hà Nội midnight) of day j. A month holds a major solar term exactly when
// the sector at its first day differs from the one at the next month's.
func termSector(j int) int {
	ut := float64(j) - 0.5 - vnOffsetDays
	jde := ut + deltaT(jdYear(ut))/86400
	return int(sunLongitude(jde) / 30)
}

// month11 finds the lunar month 11 of Gregorian year y, the one holding the
// winter solstice, and returns its new moon number.
func month11(y int) int {
	end := jdn(y, 12, 31)
	k := int(math.Floor((float64(end) - newMoonEpoch) / synodicMonth))
	for newMoonDay(k) > end {
		k--
	}
	for newMoonDay(k+1) <= end {
		k++
	}
	// The last new moon of December is month 11 unless the solstice had
	// already passed when its day began; then it is month 12.
	if termSector(newMoonDay(k)) >= 9 {
		k--
	}
	return k
}

// sui is the span from the month 11 of one Gregorian year to the month 11
// of the next: the unit in which the leap-month rule is applied.
type sui struct {
	starts [14]int // JDN of the first day of each month; starts[n] is the next month 11
	n      int     // 12 or 13 months
	leap   int     // index of the leap month, or -1
}

func (s *sui) month(i int) (month int, leap bool) {
	switch {
	case s.leap < 0 || i < s.leap:
		return (10+i)%12 + 1, false
	case i == s.leap:
		return (10+i-1)%12 + 1, true
	default:
		return (10+i-1)%12 + 1, false
	}
}

func computeSui(y int) *sui {
	k0 := month11(y - 1)
	k1 := month11(y)
	s := &sui{n: k1 - k0, leap: -1}
	if s.n < 12 || s.n > 13 {
		// Cannot happen for real astronomy; guard the array bounds anyway.
		panic(fmt.Sprintf("calendar: %d lunar months in the span ending %d", s.n, y))
	}
	for i := 0; i <= s.n; i++ {
		s.starts[i] = newMoonDay(k0 + i)
	}
	if s.n == 13 {
		for i := 1; i < s.n; i++ {
			if termSector(s.starts[i]) == termSector(s.starts[i+1]) {
				s.leap = i
				break
			}
		}
	}
	return s
}

// The cache keeps the years a desktop app can touch; far years are simply
// recomputed so that the map cannot grow without bound.
const cacheMinYear, cacheMaxYear = 1600, 2400

var suiCache struct {
	sync.RWMutex
	m map[int]*sui
}

func getSui(y int) *sui {
	if y < cacheMinYear || y > cacheMaxYear {
		return computeSui(y)
	}
	suiCache.RLock()
	s := suiCache.m[y]
	suiCache.RUnlock()
	if s != nil {
		return s
	}
	s = computeSui(y)
	suiCache.Lock()
	if suiCache.m == nil {
		suiCache.m = make(map[int]*sui)
	}
	if old := suiCache.m[y]; old != nil {
		s = old
	} else {
		suiCache.m[y] = s
	}
	suiCache.Unlock()
	return s
}

// LunarDate is a date of the Vietnamese lunar calendar. Year is the
// Gregorian year in which that lunar year's Tết falls.
type LunarDate struct {
	Day, Month, Year int
	Leap             bool
}

// String formats as "10/3/2026 ÂL", with "nhuận" after a leap month.
func (l LunarDate) String() string {
	if l.Leap {
		return fmt.Sprintf("%d/%d nhuận/%d ÂL", l.Day, l.Month, l.Year)
	}
	return fmt.Sprintf("%d/%d/%d ÂL", l.Day, l.Month, l.Year)
}

var lunarMonthNames = [13]string{"", "Giêng", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười một", "Chạp"}

// LunarMonthName is the customary Vietnamese name of a lunar month
// (1 = Giêng, 12 = Chạp).
func LunarMonthName(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return lunarMonthNames[m]
}

// SolarToLunar converts a Gregorian date to the Vietnamese lunar calendar.
// Dates outside years 2–9998 give the zero LunarDate: the astronomy is not
// meant for them and the result would not round-trip.
func SolarToLunar(d Date) LunarDate {
	if d.Year < 2 || d.Year > 9998 {
		return LunarDate{}
	}
	j := d.jdn()
	y := d.Year
	s := getSui(y)
	if j >= s.starts[s.n] {
		y++
		s = getSui(y)
	}
	i := s.n - 1
	for i > 0 && s.starts[i] > j {
		i--
	}
	m, leap := s.month(i)
	ly := y
	if m >= 11 {
		ly = y - 1
	}
	return LunarDate{Day: j - s.starts[i] + 1, Month: m, Year: ly, Leap: leap}
}

// ErrNoSuchLunarDate is wrapped by LunarToSolar when the lunar date does
// not exist (a 30th in a 29-day month, a leap month the year does not have).
var ErrNoSuchLunarDate = errors.New("ngày âm lịch không tồn tại")

// LunarToSolar converts a Vietnamese lunar date to the Gregorian calendar.
func LunarToSolar(l LunarDate) (Date, error) {
	if l.Year < 1 || l.Year > 9998 || l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
		return Date{}, fmt.Errorf("%w: %s", ErrNoSuchLunarDate, l)
	}
	// Months 1–10 of lunar year Y lie in the span ending at month 11 of
	// Gregorian year Y; months 11 and 12 lie in the next span.
	y := l.Year
	if l.Month >= 11 {
		y++
	}
	s := getSui(y)
	for i := 0; i < s.n; i++ {
		m, leap := s.month(i)
		if m != l.Month || leap != l.Leap {
			continue
		}
		if l.Day > s.starts[i+1]-s.starts[i] {
			return Date{}, fmt.Errorf("%w: tháng %d năm %d âm lịch chỉ có %d ngày",
				ErrNoSuchLunarDate, l.Month, l.Year, s.starts[i+1]-s.starts[i])
		}
		d := fromJDN(s.starts[i] + l.Day - 1)
		if d.Year < 2 || d.Year > 9998 {
			return Date{}, fmt.Errorf("%w: %s nằm ngoài khoảng năm 2–9998", ErrNoSuchLunarDate, l)
		}
		return d, nil
	}
	return Date{}, fmt.Errorf("%w: năm %d âm lịch không có tháng %d nhuận", ErrNoSuchLunarDate, l.Year, l.Month)
}

// LeapMonth is the leap month of lunar year y (0 when it has none).
func LeapMonth(y int) int {
	for _, sy := range []int{y, y + 1} {
		s := getSui(sy)
		if s.leap < 0 {
			continue
		}
		m, _ := s.month(s.leap)
		if (sy == y && m <= 10) || (sy == y+1 && m >= 11) {
			return m
		}
	}
	return 0
}

// Tet is the first day (mùng 1 tháng Giêng) of the lunar year whose Tết
// falls in Gregorian year y.
func Tet(y int) Date {
	d, _ := LunarToSolar(LunarDate{Day: 1, Month: 1, Year: y})
	return d
}
