package calendar

import (
	"fmt"
	"sort"
	"time"
)

// Kind is what a special day does to the working calendar.
type Kind string

const (
	Holiday Kind = "holiday"  // public holiday (also listed when it falls on a weekend)
	Comp    Kind = "comp"     // compensatory day off for a holiday on a weekend
	SwapOff Kind = "swap_off" // weekday off in exchange for a worked Saturday
	Makeup  Kind = "makeup"   // Saturday (or Sunday) worked in exchange
)

// Valid reports whether k is one of the four kinds.
func (k Kind) Valid() bool {
	switch k {
	case Holiday, Comp, SwapOff, Makeup:
		return true
	}
	return false
}

// Off reports whether a day of this kind is a day off.
func (k Kind) Off() bool { return k == Holiday || k == Comp || k == SwapOff }

// VN is the kind's name for the user interface.
func (k Kind) VN() string {
	switch k {
	case Holiday:
		return "Nghỉ lễ, Tết"
	case Comp:
		return "Nghỉ bù"
	case SwapOff:
		return "Nghỉ hoán đổi"
	case Makeup:
		return "Làm bù"
	}
	return string(k)
}

// Where a Day came from.
const (
	SourceComputed = "computed" // Statutory
	SourceCSV      = "csv"      // ParseCSV
)

// Day is a special day in the working calendar.
type Day struct {
	Date   Date
	Kind   Kind
	Label  string
	Tag    string // V seen in the notice, S secondary sources, C computed, P pending; or ""
	Source string
}

// Provisional reports whether the day is only expected: the notice that
// sets it has not been published (tag P). It counts as announced until a
// notice says otherwise; screens and listings mark it «dự kiến».
func (d Day) Provisional() bool { return d.Tag == "P" }

// group is one statutory holiday period. Its window is where the
// government places that period's days, swaps and compensations, and is
// how an official list is recognised as covering the period.
type group struct {
	name     string
	from, to Date
	days     []Day // holidays only; comp days are derived later

	// What the law gives whatever the official list says (Calendar, buildYear): the holidays it
	// fixes by date, and a number of holidays the government places (Tết's five days, the day
	// next to 2/9) on some of the pick dates, a shortfall being filled from the computed fill
	// dates, most certain first.
	fixed []Date
	need  int
	pick  []Date
	fill  []Date
}

func sortDays(days []Day) {
	sort.SliceStable(days, func(i, j int) bool { return days[i].Date.Before(days[j].Date) })
}

// statutoryGroups are the public holidays of Labor Code 2019 art. 112 for
// year y, grouped by period. Today's rules are applied to every year.
func statutoryGroups(y int) []group {
	hol := func(d Date, label string) Day {
		return Day{Date: d, Kind: Holiday, Label: label, Tag: "C", Source: SourceComputed}
	}
	var gs []group

	newYear := D(y, 1, 1)
	gs = append(gs, group{name: "Tết Dương lịch", from: D(y-1, 12, 25), to: D(y, 1, 7),
		days: []Day{hol(newYear, "Tết Dương lịch")}, fixed: []Date{newYear}})

	tet := Tet(y)
	if !tet.IsZero() {
		last := SolarToLunar(tet.AddDays(-1)) // 29 or 30 Chạp
		g := group{name: "Tết Nguyên đán", to: tet.AddDays(9)}
		g.from, _ = LunarToSolar(LunarDate{Day: 23, Month: 12, Year: y - 1, Leap: last.Leap})
		if g.from.IsZero() {
			g.from = tet.AddDays(-7)
		}
		g.days = append(g.days, hol(tet.AddDays(-1), fmt.Sprintf("Tết Nguyên đán (%d Chạp)", last.Day)))
		for i := 0; i < 4; i++ {
			g.days = append(g.days, hol(tet.AddDays(i), fmt.Sprintf("Tết Nguyên đán (mùng %d)", i+1)))
		}
		// Five days, placed by the government around mùng 1 (2025: 28 Chạp to mùng 3).
		g.need = len(g.days)
		for d := g.from; !d.After(g.to); d = d.AddDays(1) {
			g.pick = append(g.pick, d)
		}
		g.fill = []Date{tet, tet.AddDays(1), tet.AddDays(2), tet.AddDays(-1), tet.AddDays(3)}
		gs = append(gs, g)
	}

	if gt, err := LunarToSolar(LunarDate{Day: 10, Month: 3, Year: y}); err == nil {
		gs = append(gs, group{name: "Giỗ Tổ Hùng Vương", from: gt.AddDays(-7), to: gt.AddDays(7),
			days: []Day{hol(gt, "Giỗ Tổ Hùng Vương")}, fixed: []Date{gt}})
	}

	gs = append(gs, group{name: "30/4 và 1/5", from: D(y, 4, 23), to: D(y, 5, 10),
		days:  []Day{hol(D(y, 4, 30), "Ngày Chiến thắng"), hol(D(y, 5, 1), "Quốc tế Lao động")},
		fixed: []Date{D(y, 4, 30), D(y, 5, 1)}})

	// The law gives 2/9 "plus one adjacent day" chosen each year. The
	// government picks 1/9 when that joins the holiday to a weekend or
	// leaves a single working day to swap (2/9 on Tuesday: Sat–Tue; on
	// Wednesday: Mon 31/8 swapped, Sat–Wed; on Saturday: Fri–Mon with the
	// comp day), otherwise 3/9. This reproduces 2023, 2024, 2025 and 2026.
	qk := D(y, 9, 2)
	adj := D(y, 9, 3)
	if wd := qk.Weekday(); wd == time.Tuesday || wd == time.Wednesday || wd == time.Saturday {
		adj = D(y, 9, 1)
	}
	qg := group{name: "Quốc khánh", from: D(y, 8, 26), to: D(y, 9, 10),
		days:  []Day{hol(qk, "Quốc khánh"), hol(adj, "Quốc khánh (ngày liền kề)")},
		fixed: []Date{qk}, need: 1, pick: []Date{D(y, 9, 1), D(y, 9, 3)}, fill: []Date{adj}}
	sortDays(qg.days)
	gs = append(gs, qg)

	if y >= 2026 {
		gs = append(gs, group{name: "Ngày Văn hóa Việt Nam", from: D(y, 11, 17), to: D(y, 12, 1),
			days: []Day{hol(D(y, 11, 24), "Ngày Văn hóa Việt Nam")}, fixed: []Date{D(y, 11, 24)}})
	}
	return gs
}

// addComp appends a compensatory day for every holiday in hs that falls on a
// weekend: the next weekday that is not already off. Holidays are handled
// in date order, so a block (Tết) gets its comp days right after the block.
// off reports days already off for other reasons; it is updated as comp
// days are placed.
func addComp(hs []Day, off map[Date]bool) []Day {
	var out []Day
	for _, h := range hs {
		if wd := h.Date.Weekday(); wd != time.Saturday && wd != time.Sunday {
			continue
		}
		d := h.Date.AddDays(1)
		for i := 0; i < 366; i++ {
			wd := d.Weekday()
			if wd != time.Saturday && wd != time.Sunday && !off[d] {
				break
			}
			d = d.AddDays(1)
		}
		off[d] = true
		out = append(out, Day{Date: d, Kind: Comp, Label: "Nghỉ bù " + h.Label, Tag: "C", Source: SourceComputed})
	}
	return out
}

// mergeHolidays lists the holidays of the kept groups by date. Two
// holidays on one date (Giỗ Tổ can fall on 30/4 in a year with a leap
// month) become one day with both names: the law gives no extra day for it.
func mergeHolidays(gs []group) []Day {
	var hs []Day
	at := map[Date]int{}
	for _, g := range gs {
		for _, d := range g.days {
			if i, ok := at[d.Date]; ok {
				hs[i].Label += "; " + d.Label
				continue
			}
			at[d.Date] = len(hs)
			hs = append(hs, d)
		}
	}
	sortDays(hs)
	return hs
}

// Statutory computes the days off of year y from the law alone: the public
// holidays (lunar ones included) and a compensatory day for each holiday
// falling on a weekend. Swaps are a yearly government decision and are not
// computed. Every day has Tag "C".
func Statutory(y int) []Day {
	hs := mergeHolidays(statutoryGroups(y))
	off := make(map[Date]bool, len(hs))
	for _, h := range hs {
		off[h.Date] = true
	}
	days := append(hs, addComp(hs, off)...)
	sortDays(days)
	return days
}
