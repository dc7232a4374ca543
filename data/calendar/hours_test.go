package calendar

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestDefaultHours(t *testing.T) {
	h := DefaultHours()
	if h.Open.String() != "07:00" || h.LunchStart.String() != "11:30" || h.LunchEnd.String() != "13:30" ||
		h.Close.String() != "17:00" || h.Cutoff.String() != "15:00" {
		t.Errorf("DefaultHours = %+v", h)
	}
	if err := h.Validate(); err != nil {
		t.Errorf("default hours invalid: %v", err)
	}
	if h.PerDay() != 8*time.Hour {
		t.Errorf("PerDay = %v, want 8h", h.PerDay())
	}
}

func TestHoursValidate(t *testing.T) {
	ok := DefaultHours()
	noLunch := ok
	noLunch.LunchEnd = noLunch.LunchStart
	if err := noLunch.Validate(); err != nil {
		t.Errorf("a day without lunch break should be valid: %v", err)
	}
	mods := map[string]func(*Hours){
		"open after lunch":     func(h *Hours) { h.Open = At(12, 0) },
		"lunch reversed":       func(h *Hours) { h.LunchEnd = At(11, 0) },
		"close before lunch":   func(h *Hours) { h.Close = At(13, 0) },
		"close after 24:00":    func(h *Hours) { h.Close = At(24, 30) },
		"negative open":        func(h *Hours) { h.Open = -1 },
		"cutoff after close":   func(h *Hours) { h.Cutoff = At(18, 0) },
		"cutoff before open":   func(h *Hours) { h.Cutoff = At(6, 0) },
		"zero value hours":     func(h *Hours) { *h = Hours{} },
		"lunch starts at open": func(h *Hours) { h.LunchStart = h.Open },
	}
	for name, mod := range mods {
		h := ok
		mod(&h)
		if err := h.Validate(); err == nil {
			t.Errorf("%s: Validate accepted %+v", name, h)
		}
	}
}

func TestParseClock(t *testing.T) {
	for s, want := range map[string]Clock{"07:00": 420, "7:30": 450, "17:00": 1020, "24:00": 1440, "00:00": 0} {
		if got, err := ParseClock(s); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "7", "7:3", "25:00", "24:01", "12:60", "-1:00", "ab:cd", "12:00:00"} {
		if _, err := ParseClock(s); err == nil {
			t.Errorf("ParseClock(%q) should fail", s)
		}
	}
}

func TestLimitWorkingHours(t *testing.T) {
	cases := []struct {
		l    Limit
		want int
	}{
		{Limit{3, WorkingDays}, 24},
		{Limit{0.5, WorkingDays}, 4},
		{Limit{0, WorkingDays}, 0},
		{Limit{4, WorkingHours}, 4},
		{Limit{10, CalendarDays}, 0},
		{Limit{}, 0},
	}
	for _, c := range cases {
		if got := c.l.WorkingHours(); got != c.want {
			t.Errorf("%+v.WorkingHours() = %d, want %d", c.l, got, c.want)
		}
	}
}

func TestParseLimit(t *testing.T) {
	good := map[string]Limit{
		"3d":    {3, WorkingDays},
		"0d":    {0, WorkingDays},
		"0.5d":  {0.5, WorkingDays},
		"1.5D":  {1.5, WorkingDays},
		"4h":    {4, WorkingHours},
		"10cd":  {10, CalendarDays},
		" 15d ": {15, WorkingDays},
		"":      {},
	}
	for s, want := range good {
		got, err := ParseLimit(s)
		if err != nil || got != want {
			t.Errorf("ParseLimit(%q) = %+v, %v; want %+v", s, got, err, want)
		}
	}
	bad := []string{"3", "d", "-1d", "3x", "1e3d", "0x10d", "Infd", "NaNd", "1.25d", "1.5h", "2.5cd",
		"1,5d", ".5d", "5.d", "1_000d", "1001d", "9999999999999d", "3dd", "3 d", "3hd"}
	for _, s := range bad {
		if l, err := ParseLimit(s); err == nil {
			t.Errorf("ParseLimit(%q) = %+v, want an error", s, l)
		} else if !strings.HasPrefix(err.Error(), "thời hạn không hợp lệ") {
			t.Errorf("ParseLimit(%q) error %q is not Vietnamese", s, err)
		}
	}
}

func TestLimitStringAndVN(t *testing.T) {
	for _, l := range []Limit{{3, WorkingDays}, {0.5, WorkingDays}, {4, WorkingHours}, {10, CalendarDays}, {}} {
		back, err := ParseLimit(l.String())
		if err != nil || back != l {
			t.Errorf("%+v → %q → %+v, %v", l, l.String(), back, err)
		}
	}
	vn := map[Limit]string{
		{3, WorkingDays}:   "03 ngày làm việc",
		{0, WorkingDays}:   "trong ngày làm việc",
		{15, WorkingDays}:  "15 ngày làm việc",
		{4, WorkingHours}:  "04 giờ làm việc",
		{30, CalendarDays}: "30 ngày",
		{0.5, WorkingDays}: "0,5 ngày làm việc",
		{}:                 "không quy định thời hạn",
	}
	for l, want := range vn {
		if got := l.VN(); got != want {
			t.Errorf("%+v.VN() = %q, want %q", l, got, want)
		}
	}
}

func TestLimitValidate(t *testing.T) {
	bad := []Limit{{-1, WorkingDays}, {math.NaN(), WorkingHours}, {math.Inf(1), CalendarDays}, {1, NoLimit}, {1, "tuần"}, {5000, WorkingDays}}
	for _, l := range bad {
		if l.Validate() == nil {
			t.Errorf("Validate(%+v) accepted it", l)
		}
	}
}

func FuzzParseLimit(f *testing.F) {
	for _, s := range []string{"3d", "0d", "0.5d", "4h", "10cd", "", "1e3d", "-1d", "1000d", "8000h", "3650cd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLimit(s)
		if err != nil {
			if l != (Limit{}) {
				t.Fatalf("error with a non-zero limit %+v", l)
			}
			return
		}
		if err := l.Validate(); err != nil {
			t.Fatalf("ParseLimit(%q) = %+v which fails Validate: %v", s, l, err)
		}
		back, err := ParseLimit(l.String())
		if err != nil || back != l {
			t.Fatalf("%q → %+v → %q → %+v, %v", s, l, l.String(), back, err)
		}
	})
}
