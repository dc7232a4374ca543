package calendar

import (
	"errors"
	"math"
	"testing"
	"time"
)

func TestNewMoonMeeusExample(t *testing.T) {
	// Astronomical Algorithms, example 49.a: the new moon of February 1977,
	// k = −283, JDE 2443192.65118 (1977-02-18 03:37:42 TD).
	if got := newMoonJDE(-283); math.Abs(got-2443192.65118) > 0.00002 {
		t.Errorf("newMoonJDE(-283) = %.5f, want 2443192.65118", got)
	}
}

func TestNewMoonKnownInstants(t *testing.T) {
	// Published new moons (UT), to the minute; the formulas must land within
	// a few minutes, much less than the hour between UTC+7 and UTC+8.
	known := []time.Time{
		time.Date(2007, 2, 17, 16, 14, 0, 0, time.UTC),
		time.Date(2024, 2, 9, 22, 59, 0, 0, time.UTC),
		time.Date(2026, 2, 17, 12, 1, 0, 0, time.UTC),
		time.Date(2000, 1, 6, 18, 14, 0, 0, time.UTC),
	}
	unixJD := func(tm time.Time) float64 { return float64(tm.Unix())/86400 + 2440587.5 }
	for _, tm := range known {
		jd := unixJD(tm)
		k := int(math.Round((jd - newMoonEpoch) / synodicMonth))
		jde := newMoonJDE(k)
		ut := jde - deltaT(jdYear(jde))/86400
		if diff := math.Abs(ut-jd) * 1440; diff > 3 {
			t.Errorf("new moon near %v is off by %.1f minutes", tm, diff)
		}
	}
}

func TestSunLongitudeMeeusExample(t *testing.T) {
	// Example 25.a: 1992-10-13 0h TD, apparent longitude 199.90895°
	// (the low-accuracy method gives 199.9089…, within 0.01°).
	if got := sunLongitude(2448908.5); math.Abs(got-199.90895) > 0.01 {
		t.Errorf("sunLongitude = %.5f, want 199.90895", got)
	}
	// The March equinox of 2024 was 03:06 UT on 20 March.
	eq := 2460389.5 + (3.0+6.0/60)/24 + deltaT(2024.2)/86400
	if got := sunLongitude(eq); math.Abs(got) > 0.01 && math.Abs(got-360) > 0.01 {
		t.Errorf("sun longitude at the 2024 equinox = %.4f, want 0", got)
	}
}

func TestDeltaTIsContinuous(t *testing.T) {
	// A typo in one of the polynomials shows up as a jump at a boundary.
	for _, b := range []float64{1800, 1860, 1900, 1920, 1941, 1961, 1986, 2005, 2050, 2150} {
		if j := math.Abs(deltaT(b-1e-9) - deltaT(b)); j > 2 {
			t.Errorf("ΔT jumps by %.2f s at %v", j, b)
		}
	}
	if d := deltaT(2000); math.Abs(d-63.86) > 0.01 {
		t.Errorf("ΔT(2000) = %.2f, want 63.86", d)
	}
}

func TestTet(t *testing.T) {
	want := map[int]Date{
		2024: D(2024, 2, 10),
		2025: D(2025, 1, 29),
		2026: D(2026, 2, 17),
		2027: D(2027, 2, 6),
		// Vietnamese calendar, which differs from the Chinese one
		// (1985-02-20, 2007-02-18, 2030-02-03, 2053-02-19) because of the UTC+7 meridian.
		1985: D(1985, 1, 21),
		2007: D(2007, 2, 17),
		2030: D(2030, 2, 2),
		2053: D(2053, 2, 18),
		2023: D(2023, 1, 22),
		2020: D(2020, 1, 25),
	}
	for y, d := range want {
		if got := Tet(y); got != d {
			t.Errorf("Tết %d = %v, want %v", y, got, d)
		}
		if got := SolarToLunar(d); got != (LunarDate{Day: 1, Month: 1, Year: y}) {
			t.Errorf("SolarToLunar(%v) = %v, want 1/1/%d", d, got, y)
		}
	}
}

func TestGioTo(t *testing.T) {
	want := map[int]Date{2024: D(2024, 4, 18), 2025: D(2025, 4, 7), 2026: D(2026, 4, 26), 2027: D(2027, 4, 16), 2023: D(2023, 4, 29)}
	for y, d := range want {
		got, err := LunarToSolar(LunarDate{Day: 10, Month: 3, Year: y})
		if err != nil || got != d {
			t.Errorf("10/3/%d = %v, %v; want %v", y, got, err, d)
		}
	}
}

func TestLastDayOfLunarYear(t *testing.T) {
	if got := SolarToLunar(D(2024, 2, 9)); got != (LunarDate{Day: 30, Month: 12, Year: 2023}) {
		t.Errorf("2024-02-09 = %v, want 30 Chạp 2023", got)
	}
	if got := SolarToLunar(D(2025, 1, 28)); got != (LunarDate{Day: 29, Month: 12, Year: 2024}) {
		t.Errorf("2025-01-28 = %v, want 29 Chạp 2024", got)
	}
}

func TestLeapMonths(t *testing.T) {
	want := map[int]int{2020: 4, 2023: 2, 2025: 6, 2024: 0, 2026: 0, 2033: 11, 1985: 2, 1984: 0}
	for y, m := range want {
		if got := LeapMonth(y); got != m {
			t.Errorf("leap month of %d = %d, want %d", y, got, m)
		}
	}
	// The leap month 2/2023 starts on 2023-03-22.
	d, err := LunarToSolar(LunarDate{Day: 1, Month: 2, Year: 2023, Leap: true})
	if err != nil || d != D(2023, 3, 22) {
		t.Errorf("1/2 nhuận/2023 = %v, %v; want 2023-03-22", d, err)
	}
	if got := SolarToLunar(D(2023, 3, 22)); !got.Leap || got.Month != 2 {
		t.Errorf("2023-03-22 = %v, want the leap 2nd month", got)
	}
}

// TestLunarRoundTrip walks every day of 1900–2100 and checks that the
// conversion is a bijection with the shape of a lunar calendar: days
// advance by one, months have 29 or 30 days and restart at 1, the month
// after a leap month is the next number, years restart at Tết in late
// January or February.
func TestLunarRoundTrip(t *testing.T) {
	first, last := jdn(1900, 1, 1), jdn(2100, 12, 31)
	prev := SolarToLunar(fromJDN(first - 1))
	monthLen := 0
	tets := 0
	for j := first; j <= last; j++ {
		d := fromJDN(j)
		l := SolarToLunar(d)
		back, err := LunarToSolar(l)
		if err != nil || back != d {
			t.Fatalf("%v → %v → %v, %v", d, l, back, err)
		}
		if l.Day == 1 {
			if prev.Day != 29 && prev.Day != 30 {
				t.Fatalf("%v: month before it has %d days", d, prev.Day)
			}
			if monthLen != 0 && monthLen != prev.Day {
				t.Fatalf("%v: day count mismatch", d)
			}
			monthLen = 0
			switch {
			case l.Leap:
				if l.Month != prev.Month || l.Year != prev.Year {
					t.Fatalf("%v: leap month %v does not repeat %v", d, l, prev)
				}
			case l.Month == 1:
				if prev.Month != 12 || l.Year != prev.Year+1 {
					t.Fatalf("%v: new year %v after %v", d, l, prev)
				}
				if d.Before(D(d.Year, 1, 21)) || d.After(D(d.Year, 2, 20)) {
					t.Fatalf("Tết on %v, outside 21/1–20/2", d)
				}
				tets++
			default:
				if l.Month != prev.Month+1 || l.Year != prev.Year {
					t.Fatalf("%v: month %v after %v", d, l, prev)
				}
			}
		} else if l.Day != prev.Day+1 || l.Month != prev.Month || l.Leap != prev.Leap || l.Year != prev.Year {
			t.Fatalf("%v: %v does not follow %v", d, l, prev)
		}
		monthLen++
		prev = l
	}
	if tets != 201 {
		t.Errorf("counted %d Tết days in 1900–2100, want 201", tets)
	}
}

func TestLunarToSolarRejects(t *testing.T) {
	bad := []LunarDate{
		{Day: 30, Month: 12, Year: 2024}, // Chạp 2024 has 29 days (Tết 2025 follows 29 Chạp)
		{Day: 1, Month: 5, Year: 2024, Leap: true},
		{Day: 1, Month: 13, Year: 2024},
		{Day: 0, Month: 1, Year: 2024},
		{Day: 31, Month: 1, Year: 2024},
		{Day: 1, Month: 1, Year: 0},
	}
	for _, l := range bad {
		if d, err := LunarToSolar(l); err == nil || !errors.Is(err, ErrNoSuchLunarDate) {
			t.Errorf("LunarToSolar(%+v) = %v, %v; want ErrNoSuchLunarDate", l, d, err)
		}
	}
}

func TestLunarNames(t *testing.T) {
	if LunarMonthName(1) != "Giêng" || LunarMonthName(12) != "Chạp" || LunarMonthName(0) != "" {
		t.Error("lunar month names are wrong")
	}
	if s := (LunarDate{Day: 10, Month: 3, Year: 2026}).String(); s != "10/3/2026 ÂL" {
		t.Errorf("String = %q", s)
	}
	if s := (LunarDate{Day: 1, Month: 2, Year: 2023, Leap: true}).String(); s != "1/2 nhuận/2023 ÂL" {
		t.Errorf("String = %q", s)
	}
}

func TestSolarToLunarOutsideCache(t *testing.T) {
	// Years outside the cached range are computed on the fly and must still
	// round-trip.
	for _, d := range []Date{D(1500, 6, 1), D(2600, 2, 1)} {
		l := SolarToLunar(d)
		back, err := LunarToSolar(l)
		if err != nil || back != d {
			t.Errorf("%v → %v → %v, %v", d, l, back, err)
		}
	}
}

func TestLunarWholeRange(t *testing.T) {
	// Sample the supported years 2–9998: no panic, and every sampled day
	// round-trips. Outside the range the zero value is returned.
	for y := 2; y <= 9998; y += 37 {
		for _, d := range []Date{D(y, 1, 1), D(y, 2, 10), D(y, 12, 31)} {
			l := SolarToLunar(d)
			back, err := LunarToSolar(l)
			if err != nil || back != d {
				t.Fatalf("%v → %v → %v, %v", d, l, back, err)
			}
		}
	}
	for _, d := range []Date{D(1, 6, 1), D(10000, 1, 1), D(-500, 1, 1)} {
		if l := SolarToLunar(d); l != (LunarDate{}) {
			t.Errorf("SolarToLunar(%v) = %v, want the zero value", d, l)
		}
	}
}
