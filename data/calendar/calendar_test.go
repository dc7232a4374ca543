package calendar

import (
	"math/rand"
	"reflect"
	"sync"
	"testing"
	"time"
)

func officialCalendar(t testing.TB) *Calendar {
	t.Helper()
	return New(nil, DefaultHours(), loadOfficial(t))
}

func TestOfficialDaysOff(t *testing.T) {
	c := officialCalendar(t)
	off := []Date{
		// Tết 2024 with its two comp days
		D(2024, 2, 8), D(2024, 2, 9), D(2024, 2, 12), D(2024, 2, 13), D(2024, 2, 14),
		// Tết 2025
		D(2025, 1, 27), D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31),
		// Tết 2026
		D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20),
		D(2026, 1, 1), D(2026, 1, 2), D(2026, 4, 27), D(2026, 8, 31),
		// weekends
		D(2026, 3, 7), D(2026, 3, 8),
	}
	for _, d := range off {
		if c.IsWorkingDay(d) {
			t.Errorf("%v should be a day off", d)
		}
	}
	work := []Date{D(2026, 1, 10), D(2026, 8, 22), D(2024, 5, 4), D(2025, 4, 26), D(2024, 2, 15), D(2026, 2, 23), D(2026, 3, 9)}
	for _, d := range work {
		if !c.IsWorkingDay(d) {
			t.Errorf("%v should be a working day", d)
		}
	}
	if d, ok := c.Lookup(D(2026, 1, 10)); !ok || d.Kind != Makeup || d.Label != "Làm bù cho 2/1" {
		t.Errorf("Lookup(2026-01-10) = %+v, %v", d, ok)
	}
	if _, ok := c.Lookup(D(2026, 3, 9)); ok {
		t.Error("an ordinary Monday has no special day")
	}
}

func TestYearMerge(t *testing.T) {
	official := loadOfficial(t)
	c := New(nil, DefaultHours(), official)
	rows := func(y int) []Day {
		var out []Day
		for _, d := range official {
			if d.Date.Year == y {
				out = append(out, d)
			}
		}
		sortDays(out)
		return out
	}
	// Years the file covers fully give exactly the file.
	for _, y := range []int{2024, 2025, 2026} {
		if got := c.Year(y); !reflect.DeepEqual(got, rows(y)) {
			t.Errorf("Year(%d) =\n%v\nwant the file's rows\n%v", y, got, rows(y))
		}
	}
	// 2027: the file lacks Tết, so the computed Tết (5 days + 2 comp days)
	// joins the file's rows; nothing else is computed.
	got := c.Year(2027)
	want := rows(2027)
	tet := map[Date]Kind{D(2027, 2, 5): Holiday, D(2027, 2, 6): Holiday, D(2027, 2, 7): Holiday,
		D(2027, 2, 8): Holiday, D(2027, 2, 9): Holiday, D(2027, 2, 10): Comp, D(2027, 2, 11): Comp}
	for _, d := range Statutory(2027) {
		if _, ok := tet[d.Date]; ok {
			want = append(want, d)
		}
	}
	sortDays(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Year(2027) =\n%v\nwant\n%v", got, want)
	}
	if len(got) != 15 {
		t.Errorf("Year(2027) has %d days, want 8 from the file + 7 computed", len(got))
	}
	for d, k := range tet {
		if l, ok := c.Lookup(d); !ok || l.Kind != k || l.Tag != "C" || c.IsWorkingDay(d) {
			t.Errorf("%v = %+v, %v; want computed %s", d, l, ok, k)
		}
	}
	// The file gives 2/9/2027 and, provisionally, 3/9: both are days off.
	if d, ok := c.Lookup(D(2027, 9, 3)); !ok || d.Tag != "P" || d.Source != SourceCSV || c.IsWorkingDay(D(2027, 9, 3)) {
		t.Errorf("2027-09-03 = %+v, %v; want the file's provisional day off", d, ok)
	}
	// A year the file does not touch is the statutory one.
	if got := c.Year(2028); !reflect.DeepEqual(got, Statutory(2028)) {
		t.Errorf("Year(2028) = %v\nwant %v", got, Statutory(2028))
	}
}

func TestMergeIsPerPeriod(t *testing.T) {
	// An official swap on Mon 19/4/2027 lies in Giỗ Tổ's window (9–23/4) but
	// not in 30/4's (23/4–10/5): only Giỗ Tổ is taken from the official list,
	// and the list keeps the day the law gives.
	c := New(nil, DefaultHours(), []Day{{Date: D(2027, 4, 19), Kind: SwapOff, Label: "x"}})
	if d, ok := c.Lookup(D(2027, 4, 16)); !ok || d.Kind != Holiday || d.Tag != "C" {
		t.Errorf("Giỗ Tổ 2027 is given by law even in a covered period, got %+v", d)
	}
	if c.IsWorkingDay(D(2027, 4, 16)) || c.IsWorkingDay(D(2027, 4, 19)) {
		t.Error("16/4 and 19/4 should be off")
	}
	if d, ok := c.Lookup(D(2027, 5, 3)); !ok || d.Kind != Comp || d.Label != "Nghỉ bù Quốc tế Lao động" {
		t.Errorf("2027-05-03 should be the computed comp day for 1/5, got %+v", d)
	}
	// An official day on 3/5 covers the whole 30/4–1/5 period: its computed
	// days are not laid around it, but 30/4 and 1/5 stay holidays and 1/5, a
	// Saturday, gets its comp day after the official 3/5.
	c = New(nil, DefaultHours(), []Day{{Date: D(2027, 5, 3), Kind: SwapOff, Label: "x"}})
	for _, d := range []Date{D(2027, 4, 30), D(2027, 5, 1)} {
		if h, ok := c.Lookup(d); !ok || h.Kind != Holiday {
			t.Errorf("%v is a holiday by law, got %+v", d, h)
		}
	}
	if h, ok := c.Lookup(D(2027, 5, 4)); !ok || h.Kind != Comp {
		t.Errorf("2027-05-04 should be the comp day for 1/5, got %+v", h)
	}
	if _, ok := c.Lookup(D(2027, 4, 16)); !ok {
		t.Error("Giỗ Tổ 2027 is not covered and must be computed")
	}
	// An official day in late December covers the next year's 1/1, which is
	// still a holiday.
	c = New(nil, DefaultHours(), []Day{{Date: D(2027, 12, 31), Kind: SwapOff, Label: "x"}})
	if h, ok := c.Lookup(D(2028, 1, 1)); !ok || h.Kind != Holiday {
		t.Errorf("1/1/2028 is a holiday by law, got %+v", h)
	}
}

// A partial official list for a year never removes a day Labour Code 2019 art. 112 gives.
func TestPartialOfficialYearKeepsStatutoryDays(t *testing.T) {
	// 2/9/2027 (Thursday) alone: the adjacent day (3/9, as the law's rule
	// places it) is still a holiday.
	c := New(nil, DefaultHours(), []Day{{Date: D(2027, 9, 2), Kind: Holiday, Label: "Quốc khánh", Source: SourceCSV}})
	if d, ok := c.Lookup(D(2027, 9, 3)); !ok || d.Kind != Holiday || c.IsWorkingDay(D(2027, 9, 3)) {
		t.Errorf("2027-09-03 = %+v, %v; want the adjacent holiday", d, ok)
	}
	if !c.IsWorkingDay(D(2027, 9, 1)) {
		t.Error("2027-09-01 should be worked: the law gives one adjacent day, not two")
	}
	// A list giving 1/9 as the adjacent day gets no second one.
	c = New(nil, DefaultHours(), []Day{{Date: D(2027, 9, 1), Kind: Holiday, Label: "a"}, {Date: D(2027, 9, 2), Kind: Holiday, Label: "b"}})
	if !c.IsWorkingDay(D(2027, 9, 3)) {
		t.Error("2027-09-03 should be worked when the list gives 1/9")
	}
	// A list with the adjacent day but without 2/9 itself still has 2/9.
	c = New(nil, DefaultHours(), []Day{{Date: D(2027, 9, 3), Kind: Holiday, Label: "a"}})
	if c.IsWorkingDay(D(2027, 9, 2)) {
		t.Error("2027-09-02 is a holiday by law")
	}
	// Tết announced in part (4 of 5 days): the missing computed day is added.
	c = New(nil, DefaultHours(), []Day{
		{Date: D(2027, 2, 5), Kind: Holiday, Label: "29 Chạp"}, {Date: D(2027, 2, 6), Kind: Holiday, Label: "mùng 1"},
		{Date: D(2027, 2, 7), Kind: Holiday, Label: "mùng 2"}, {Date: D(2027, 2, 8), Kind: Holiday, Label: "mùng 3"},
		{Date: D(2027, 2, 10), Kind: Comp, Label: "bù"}, {Date: D(2027, 2, 11), Kind: Comp, Label: "bù"}})
	if d, ok := c.Lookup(D(2027, 2, 9)); !ok || d.Kind != Holiday || d.Label != "Tết Nguyên đán (mùng 4)" {
		t.Errorf("2027-02-09 = %+v, %v; want the fifth Tết day", d, ok)
	}
	if !c.IsWorkingDay(D(2027, 2, 12)) {
		t.Error("the list's two comp days cover Tết's weekend days: 12/2 is worked")
	}
	// A date the list names is as the list says: an office on duty on mùng 1 set it worked on
	// purpose, and no computed day takes its place.
	c = New(nil, DefaultHours(), []Day{
		{Date: D(2027, 2, 5), Kind: Holiday, Label: "29 Chạp"}, {Date: D(2027, 2, 6), Kind: Makeup, Label: "Trực Tết"},
		{Date: D(2027, 2, 7), Kind: Holiday, Label: "mùng 2"}, {Date: D(2027, 2, 8), Kind: Holiday, Label: "mùng 3"},
		{Date: D(2027, 2, 9), Kind: Holiday, Label: "mùng 4"}})
	if d, ok := c.Lookup(D(2027, 2, 6)); !ok || d.Kind != Makeup || !c.IsWorkingDay(D(2027, 2, 6)) {
		t.Errorf("2027-02-06 = %+v; the list's worked day stays worked", d)
	}
	if !c.IsWorkingDay(D(2027, 2, 4)) || !c.IsWorkingDay(D(2027, 2, 10)) {
		t.Error("no computed Tết day replaces the one the list made worked")
	}
	// A complete list stays exactly as it is (2024–2026 of the official file).
	full := loadOfficial(t)
	c = New(nil, DefaultHours(), full)
	for _, y := range []int{2024, 2025, 2026} {
		n := 0
		for _, d := range full {
			if d.Date.Year == y {
				n++
			}
		}
		if got := len(c.Year(y)); got != n {
			t.Errorf("Year(%d) has %d days, the file %d", y, got, n)
		}
	}
}

// The case the office met: a 1-working-day procedure received on Wednesday 1/9/2027 was due on
// 3/9, the provisional adjacent day of Quốc khánh. It is due on Monday 6/9.
func TestDueAcrossQuocKhanh2027(t *testing.T) {
	for name, days := range map[string][]Day{
		"official file":      loadOfficial(t),
		"2/9 only in a list": {{Date: D(2027, 9, 2), Kind: Holiday, Label: "Quốc khánh", Source: SourceCSV}},
	} {
		c := New(nil, DefaultHours(), days)
		loc := c.Location()
		got, ok := c.Due(time.Date(2027, 9, 1, 9, 0, 0, 0, loc), Limit{1, WorkingDays})
		if want := time.Date(2027, 9, 6, 9, 0, 0, 0, loc); !ok || !got.Equal(want) {
			t.Errorf("%s: due %v, want %v", name, got, want)
		}
	}
}

func TestCompSkipsDaysAlreadyOff(t *testing.T) {
	// The windows are wide enough that an official day off next to a
	// computed holiday always covers it, so the skip is checked on addComp.
	off := map[Date]bool{D(2029, 9, 3): true, D(2029, 9, 4): true}
	comps := addComp([]Day{{Date: D(2029, 9, 2), Kind: Holiday, Label: "Quốc khánh"}}, off)
	if len(comps) != 1 || comps[0].Date != D(2029, 9, 5) || comps[0].Label != "Nghỉ bù Quốc khánh" {
		t.Errorf("addComp = %+v, want Wednesday 2029-09-05", comps)
	}
	if !off[D(2029, 9, 5)] {
		t.Error("the placed comp day must be marked off for the next one")
	}
}

func TestSetOfficialInvalidatesYears(t *testing.T) {
	c := New(nil, DefaultHours(), nil)
	if c.IsWorkingDay(D(2030, 2, 4)) {
		t.Fatal("2030-02-04 is computed Tết (mùng 2)")
	}
	if !c.IsWorkingDay(D(2030, 3, 4)) {
		t.Fatal("2030-03-04 is an ordinary Monday")
	}
	c.SetOfficial([]Day{{Date: D(2030, 3, 4), Kind: Holiday, Label: "x"}})
	if c.IsWorkingDay(D(2030, 3, 4)) {
		t.Error("after SetOfficial 2030-03-04 should be off")
	}
	if got := c.Official(); len(got) != 1 || got[0].Date != D(2030, 3, 4) {
		t.Errorf("Official = %v", got)
	}
	// Later duplicates win.
	c = New(nil, DefaultHours(), []Day{{Date: D(2030, 3, 4), Kind: Holiday, Label: "a"}, {Date: D(2030, 3, 4), Kind: Makeup, Label: "b"}})
	if d, _ := c.Lookup(D(2030, 3, 4)); d.Label != "b" {
		t.Errorf("Lookup = %+v, want the later entry", d)
	}
}

func TestNewDefaults(t *testing.T) {
	c := New(nil, Hours{}, nil)
	if c.Hours() != DefaultHours() {
		t.Errorf("invalid hours should fall back to the defaults, got %+v", c.Hours())
	}
	_, off := time.Date(2026, 1, 1, 0, 0, 0, 0, c.Location()).Zone()
	if off != 7*3600 {
		t.Errorf("default location offset %d, want UTC+7", off)
	}
}

func TestNextWorkingDay(t *testing.T) {
	c := officialCalendar(t)
	cases := map[Date]Date{
		D(2026, 2, 13):  D(2026, 2, 23), // Friday before Tết
		D(2025, 12, 31): D(2026, 1, 5),  // 1/1 holiday, 2/1 swapped, weekend
		D(2026, 1, 9):   D(2026, 1, 10), // the worked Saturday
		D(2026, 3, 3):   D(2026, 3, 4),
	}
	for from, want := range cases {
		if got := c.NextWorkingDay(from); got != want {
			t.Errorf("NextWorkingDay(%v) = %v, want %v", from, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	c := officialCalendar(t)
	loc := c.Location()
	at := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, loc) }
	cases := []struct{ in, want time.Time }{
		{at(2026, 3, 3, 6, 0), at(2026, 3, 3, 7, 0)},
		{at(2026, 3, 3, 9, 15), at(2026, 3, 3, 9, 15)},
		{at(2026, 3, 3, 11, 30), at(2026, 3, 3, 13, 30)},
		{at(2026, 3, 3, 12, 0), at(2026, 3, 3, 13, 30)},
		{at(2026, 3, 3, 13, 30), at(2026, 3, 3, 13, 30)},
		{at(2026, 3, 3, 17, 0), at(2026, 3, 4, 7, 0)},
		{at(2026, 3, 6, 18, 0), at(2026, 3, 9, 7, 0)},   // Friday evening
		{at(2026, 3, 7, 10, 0), at(2026, 3, 9, 7, 0)},   // Saturday
		{at(2026, 2, 13, 17, 0), at(2026, 2, 23, 7, 0)}, // into Tết
	}
	for _, cs := range cases {
		if got := c.Normalize(cs.in); !got.Equal(cs.want) || got.Location() != loc {
			t.Errorf("Normalize(%v) = %v, want %v", cs.in, got, cs.want)
		}
	}
}

func TestDue(t *testing.T) {
	c := officialCalendar(t)
	loc := c.Location()
	at := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, loc) }
	wd := func(v float64) Limit { return Limit{v, WorkingDays} }
	wh := func(v float64) Limit { return Limit{v, WorkingHours} }
	cases := []struct {
		name     string
		received time.Time
		limit    Limit
		want     time.Time
	}{
		{"4 h from 11:00 ends exactly at closing", at(2026, 3, 3, 11, 0), wh(4), at(2026, 3, 3, 17, 0)},
		{"half a day from 11:00", at(2026, 3, 3, 11, 0), wd(0.5), at(2026, 3, 3, 17, 0)},
		{"1 day from 16:59", at(2026, 3, 3, 16, 59), wd(1), at(2026, 3, 4, 16, 59)},
		{"3 days from Friday 16:59 skip Tết 2026", at(2026, 2, 13, 16, 59), wd(3), at(2026, 2, 25, 16, 59)},
		{"Saturday counts from Monday 07:00 (4 h)", at(2026, 3, 7, 9, 0), wh(4), at(2026, 3, 9, 11, 0)},
		{"Saturday, 1 day ends Monday at closing", at(2026, 3, 7, 9, 0), wd(1), at(2026, 3, 9, 17, 0)},
		{"before opening, 2 days", at(2026, 3, 3, 6, 0), wd(2), at(2026, 3, 4, 17, 0)},
		{"lunch counts from 13:30", at(2026, 3, 3, 12, 0), wh(2), at(2026, 3, 3, 15, 30)},
		{"lunch, 1 day ends next day at lunch start", at(2026, 3, 3, 12, 0), wd(1), at(2026, 3, 4, 11, 30)},
		{"reaching lunch stays at 11:30", at(2026, 3, 3, 10, 30), wh(1), at(2026, 3, 3, 11, 30)},
		{"part hours skip lunch", at(2026, 3, 3, 10, 30), wh(2), at(2026, 3, 3, 14, 30)},
		{"part hours roll past closing", at(2026, 3, 3, 16, 0), wh(2), at(2026, 3, 4, 8, 0)},
		{"1.5 days from 14:00", at(2026, 3, 3, 14, 0), wd(1.5), at(2026, 3, 5, 8, 0)},
		{"same day at 14:59", at(2026, 3, 3, 14, 59), wd(0), at(2026, 3, 3, 17, 0)},
		{"same day at 15:01", at(2026, 3, 3, 15, 1), wd(0), at(2026, 3, 4, 17, 0)},
		{"same day on Friday 15:01", at(2026, 3, 6, 15, 1), wd(0), at(2026, 3, 9, 17, 0)},
		{"same day before opening", at(2026, 3, 3, 6, 30), wd(0), at(2026, 3, 3, 17, 0)},
		{"same day on a Saturday", at(2026, 3, 7, 9, 0), wd(0), at(2026, 3, 9, 17, 0)},
		{"worked Saturday 2026-01-10 counts", at(2026, 1, 9, 10, 0), wd(1), at(2026, 1, 10, 10, 0)},
		{"swap_off 2026-01-02 skipped", at(2025, 12, 31, 10, 0), wd(1), at(2026, 1, 5, 10, 0)},
		{"calendar days landing on Sunday move to Monday", at(2026, 3, 4, 10, 0), Limit{4, CalendarDays}, at(2026, 3, 9, 10, 0)},
		{"calendar days on a weekday stay", at(2026, 3, 4, 10, 0), Limit{6, CalendarDays}, at(2026, 3, 10, 10, 0)},
		{"calendar days landing in Tết", at(2026, 2, 6, 20, 0), Limit{10, CalendarDays}, at(2026, 2, 23, 20, 0)},
		{"calendar days from a Sunday", at(2026, 3, 8, 10, 0), Limit{0, CalendarDays}, at(2026, 3, 9, 10, 0)},
		{"15 days over Tết 2025", at(2025, 1, 20, 9, 0), wd(15), at(2025, 2, 17, 9, 0)},
	}
	for _, cs := range cases {
		got, ok := c.Due(cs.received, cs.limit)
		if !ok || !got.Equal(cs.want) || got.Location() != loc {
			t.Errorf("%s: Due(%v, %v) = %v, %v; want %v", cs.name, cs.received, cs.limit, got, ok, cs.want)
		}
	}
	if _, ok := c.Due(at(2026, 3, 3, 9, 0), Limit{}); ok {
		t.Error("NoLimit must give no due date")
	}
	for _, l := range []Limit{{-1, WorkingDays}, {1, "tuần"}, {1e9, WorkingHours}} {
		if _, ok := c.Due(at(2026, 3, 3, 9, 0), l); ok {
			t.Errorf("invalid limit %+v must give no due date", l)
		}
	}
}

// The rule moves a same-day dossier received *after* the cut-off to the next working day. Times
// are judged in whole minutes, as the receipt prints them: 15:00:30 is still 15:00, not after it.
func TestSameDayCutoffIsAfter1500(t *testing.T) {
	c := officialCalendar(t)
	loc := c.Location()
	cases := []struct {
		name     string
		received time.Time
		want     time.Time
	}{
		{"14:59", time.Date(2026, 3, 3, 14, 59, 0, 0, loc), time.Date(2026, 3, 3, 17, 0, 0, 0, loc)},
		{"15:00:00", time.Date(2026, 3, 3, 15, 0, 0, 0, loc), time.Date(2026, 3, 3, 17, 0, 0, 0, loc)},
		{"15:00:30", time.Date(2026, 3, 3, 15, 0, 30, 0, loc), time.Date(2026, 3, 3, 17, 0, 0, 0, loc)},
		{"15:00:59.999", time.Date(2026, 3, 3, 15, 0, 59, 999e6, loc), time.Date(2026, 3, 3, 17, 0, 0, 0, loc)},
		{"15:01", time.Date(2026, 3, 3, 15, 1, 0, 0, loc), time.Date(2026, 3, 4, 17, 0, 0, 0, loc)},
		{"Friday 15:00", time.Date(2026, 3, 6, 15, 0, 0, 0, loc), time.Date(2026, 3, 6, 17, 0, 0, 0, loc)},
		{"Friday 15:01", time.Date(2026, 3, 6, 15, 1, 0, 0, loc), time.Date(2026, 3, 9, 17, 0, 0, 0, loc)},
	}
	for _, tc := range cases {
		got, ok := c.Due(tc.received, Limit{0, WorkingDays})
		if !ok || !got.Equal(tc.want) {
			t.Errorf("received %s: due %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestDueIgnoresCallerZone(t *testing.T) {
	c := officialCalendar(t)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("EST", -5*3600)
	}
	// 2026-03-03 16:59 in Hà Nội is 09:59 UTC and 04:59 in New York.
	local := time.Date(2026, 3, 3, 16, 59, 0, 0, c.Location())
	want, _ := c.Due(local, Limit{1, WorkingDays})
	for _, r := range []time.Time{local.UTC(), local.In(ny)} {
		got, ok := c.Due(r, Limit{1, WorkingDays})
		if !ok || !got.Equal(want) || got.Location() != c.Location() {
			t.Errorf("Due(%v) = %v, want %v", r, got, want)
		}
	}
	if want.Hour() != 16 || want.Minute() != 59 || DateOf(want) != D(2026, 3, 4) {
		t.Errorf("due = %v", want)
	}
}

func TestDueMatchesWorkingTime(t *testing.T) {
	// Two independent paths must agree: with 8-hour days the due date is
	// the earliest instant at which H working hours have elapsed, i.e.
	// AddWorking(received, H), and exactly H hours of working time lie
	// between the normalised reception and the due date.
	c := officialCalendar(t)
	loc := c.Location()
	rng := rand.New(rand.NewSource(1))
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, loc)
	for i := 0; i < 3000; i++ {
		r := start.Add(time.Duration(rng.Int63n(int64(4 * 365 * 24 * time.Hour)))).Truncate(time.Minute)
		if i%7 == 0 { // land on the session boundaries often
			b := []int{7 * 60, 11*60 + 30, 13*60 + 30, 17 * 60}[rng.Intn(4)]
			y, m, d := r.Date()
			r = time.Date(y, m, d, b/60, b%60, 0, 0, loc)
		}
		h := 1 + rng.Intn(120)
		due, ok := c.Due(r, Limit{float64(h), WorkingHours})
		if !ok {
			t.Fatal("no due date")
		}
		if want := c.AddWorking(r, time.Duration(h)*time.Hour); !due.Equal(want) {
			t.Fatalf("Due(%v, %dh) = %v, AddWorking gives %v", r, h, due, want)
		}
		if got := c.WorkingBetween(c.Normalize(r), due); got != time.Duration(h)*time.Hour {
			t.Fatalf("Due(%v, %dh) = %v holds %v of working time", r, h, due, got)
		}
		if !c.IsWorkingDay(DateOf(due)) {
			t.Fatalf("Due(%v, %dh) = %v is not a working day", r, h, due)
		}
	}
}

func TestSupplementPause(t *testing.T) {
	c := officialCalendar(t)
	loc := c.Location()
	received := time.Date(2026, 3, 2, 9, 0, 0, 0, loc) // Monday
	oldDue, _ := c.Due(received, Limit{7, WorkingDays})
	if want := time.Date(2026, 3, 11, 9, 0, 0, 0, loc); !oldDue.Equal(want) {
		t.Fatalf("old due = %v, want %v", oldDue, want)
	}
	// Paused from Tuesday 3/3 07:00 to Wednesday 4/3 11:00: 1.5 working days.
	pauseStart := time.Date(2026, 3, 3, 7, 0, 0, 0, loc)
	pauseEnd := time.Date(2026, 3, 4, 11, 0, 0, 0, loc)
	paused := c.WorkingBetween(pauseStart, pauseEnd)
	if paused != 12*time.Hour {
		t.Fatalf("paused working time = %v, want 12h", paused)
	}
	newDue := c.AddWorking(oldDue, paused)
	// Wed 09:00 + 12 h: 2.5 h to lunch, 3.5 h afternoon, 4.5 h Thursday
	// morning, 1.5 h after lunch.
	if want := time.Date(2026, 3, 12, 15, 0, 0, 0, loc); !newDue.Equal(want) {
		t.Errorf("new due = %v, want %v", newDue, want)
	}
	if got := c.WorkingBetween(oldDue, newDue); got != 12*time.Hour {
		t.Errorf("the due date moved by %v of working time, want 12h", got)
	}
	// A due date at closing time moves into the next mornings.
	d := time.Date(2026, 3, 6, 17, 0, 0, 0, loc) // Friday 17:00
	if got, want := c.AddWorking(d, 12*time.Hour), time.Date(2026, 3, 10, 11, 0, 0, 0, loc); !got.Equal(want) {
		t.Errorf("AddWorking(Fri 17:00, 12h) = %v, want %v", got, want)
	}
	if got := c.AddWorking(d, 0); !got.Equal(d) {
		t.Errorf("adding no time moved %v to %v", d, got)
	}
}

func TestWorkingBetween(t *testing.T) {
	c := officialCalendar(t)
	loc := c.Location()
	at := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, loc) }
	cases := []struct {
		a, b time.Time
		want time.Duration
	}{
		{at(2026, 3, 3, 0, 0), at(2026, 3, 4, 0, 0), 8 * time.Hour},
		{at(2026, 3, 3, 11, 0), at(2026, 3, 3, 14, 0), time.Hour},
		{at(2026, 3, 6, 16, 0), at(2026, 3, 9, 8, 0), 2 * time.Hour},      // over a weekend
		{at(2026, 2, 13, 17, 0), at(2026, 2, 23, 7, 0), 0},                // Tết
		{at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0), 8 * time.Hour * 249}, // working days of 2026
		{at(2026, 3, 3, 12, 0), at(2026, 3, 3, 12, 0), 0},
		{at(2026, 3, 4, 9, 0), at(2026, 3, 3, 9, 0), 0},
		{at(2026, 3, 3, 9, 0).Add(30 * time.Second), at(2026, 3, 3, 9, 1), 30 * time.Second},
	}
	for _, cs := range cases {
		if got := c.WorkingBetween(cs.a, cs.b); got != cs.want {
			t.Errorf("WorkingBetween(%v, %v) = %v, want %v", cs.a, cs.b, got, cs.want)
		}
	}
}

func TestWorkingDays2026(t *testing.T) {
	// Cross-check of the count used above: 261 weekdays, minus 14 weekdays
	// off in the file, plus 2 worked Saturdays.
	c := officialCalendar(t)
	n := 0
	for d := D(2026, 1, 1); d.Year == 2026; d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	weekdays, offWeekdays, makeup := 0, 0, 0
	for d := D(2026, 1, 1); d.Year == 2026; d = d.AddDays(1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			weekdays++
		}
	}
	for _, day := range c.Year(2026) {
		wd := day.Date.Weekday()
		switch {
		case day.Kind.Off() && wd != time.Saturday && wd != time.Sunday:
			offWeekdays++
		case day.Kind == Makeup:
			makeup++
		}
	}
	if want := weekdays - offWeekdays + makeup; n != want || n != 249 {
		t.Errorf("2026 has %d working days, want %d (= 249)", n, want)
	}
}

func TestCustomHours(t *testing.T) {
	// 08:00–17:00 with no lunch break: 9 h a day. Whole days keep the time
	// of day; part hours roll over with the office's own closing time.
	h := Hours{Open: At(8, 0), LunchStart: At(12, 0), LunchEnd: At(12, 0), Close: At(17, 0), Cutoff: At(16, 0)}
	c := New(time.UTC, h, nil)
	at := func(d, hh, mm int) time.Time { return time.Date(2026, 3, d, hh, mm, 0, 0, time.UTC) }
	if got, _ := c.Due(at(3, 16, 0), Limit{1, WorkingDays}); !got.Equal(at(4, 16, 0)) {
		t.Errorf("1 day = %v", got)
	}
	if got, _ := c.Due(at(3, 16, 0), Limit{3, WorkingHours}); !got.Equal(at(4, 10, 0)) {
		t.Errorf("3 h = %v", got)
	}
	if got, _ := c.Due(at(3, 11, 0), Limit{2, WorkingHours}); !got.Equal(at(3, 13, 0)) {
		t.Errorf("no lunch: 2 h from 11:00 = %v", got)
	}
	if got, _ := c.Due(at(3, 15, 30), Limit{0, WorkingDays}); !got.Equal(at(3, 17, 0)) {
		t.Errorf("same day before the 16:00 cut-off = %v", got)
	}
	if c.Location() != time.UTC || c.Hours() != h {
		t.Error("location or hours not kept")
	}
}

func TestFarYears(t *testing.T) {
	// Years with no lunar calendar still have weekends and solar holidays.
	c := New(time.UTC, DefaultHours(), nil)
	for _, d := range []Date{D(1, 1, 3), D(12000, 3, 1), D(-6000, 1, 1)} {
		wd := d.Weekday()
		c.IsWorkingDay(d)
		if wd == time.Saturday || wd == time.Sunday {
			if c.IsWorkingDay(d) {
				t.Errorf("%v is a %v", d, wd)
			}
		}
	}
	if c.IsWorkingDay(D(12000, 1, 1)) {
		t.Error("1/1/12000 is still Tết Dương lịch")
	}
	r := time.Date(12000, 3, 1, 9, 0, 0, 0, time.UTC)
	if due, ok := c.Due(r, Limit{3, WorkingDays}); !ok || !due.After(r) {
		t.Errorf("Due in year 12000 = %v, %v", due, ok)
	}
}

func TestConcurrentUse(t *testing.T) {
	official := loadOfficial(t)
	c := New(nil, DefaultHours(), official)
	loc := c.Location()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				r := time.Date(2020+(g+i)%15, time.Month(1+i%12), 1+i%28, 9, 0, 0, 0, loc)
				if _, ok := c.Due(r, Limit{float64(i % 20), WorkingDays}); !ok {
					t.Error("no due date")
				}
				c.IsWorkingDay(DateOf(r))
				if g == 0 && i%50 == 0 {
					c.SetOfficial(official)
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestDueDoesNotAllocate(t *testing.T) {
	c := officialCalendar(t)
	r := time.Date(2026, 2, 13, 16, 59, 0, 0, c.Location())
	c.Due(r, Limit{3, WorkingDays}) // build the year tables
	c.Due(r, Limit{30, WorkingDays})
	n := testing.AllocsPerRun(200, func() {
		c.Due(r, Limit{3, WorkingDays})
		c.Due(r, Limit{0.5, WorkingDays})
		c.Due(r, Limit{10, CalendarDays})
	})
	if n != 0 {
		t.Errorf("Due allocates %.1f times per call", n)
	}
}

func BenchmarkDue(b *testing.B) {
	c := officialCalendar(b)
	loc := c.Location()
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, loc)
	recv := make([]time.Time, 1024)
	rng := rand.New(rand.NewSource(2))
	for i := range recv {
		recv[i] = base.Add(time.Duration(rng.Int63n(int64(3 * 365 * 24 * time.Hour))))
	}
	limits := []Limit{{0, WorkingDays}, {0.5, WorkingDays}, {3, WorkingDays}, {15, WorkingDays}, {4, WorkingHours}, {30, CalendarDays}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Due(recv[i&1023], limits[i%len(limits)])
	}
}
