package calendar

import (
	"testing"
	"time"
)

func TestStatutory2026MatchesOfficialHolidays(t *testing.T) {
	want := []struct {
		d     Date
		kind  Kind
		label string
	}{
		{D(2026, 1, 1), Holiday, "Tết Dương lịch"},
		{D(2026, 2, 16), Holiday, "Tết Nguyên đán (29 Chạp)"},
		{D(2026, 2, 17), Holiday, "Tết Nguyên đán (mùng 1)"},
		{D(2026, 2, 18), Holiday, "Tết Nguyên đán (mùng 2)"},
		{D(2026, 2, 19), Holiday, "Tết Nguyên đán (mùng 3)"},
		{D(2026, 2, 20), Holiday, "Tết Nguyên đán (mùng 4)"},
		{D(2026, 4, 26), Holiday, "Giỗ Tổ Hùng Vương"},
		{D(2026, 4, 27), Comp, "Nghỉ bù Giỗ Tổ Hùng Vương"},
		{D(2026, 4, 30), Holiday, "Ngày Chiến thắng"},
		{D(2026, 5, 1), Holiday, "Quốc tế Lao động"},
		{D(2026, 9, 1), Holiday, "Quốc khánh (ngày liền kề)"},
		{D(2026, 9, 2), Holiday, "Quốc khánh"},
		{D(2026, 11, 24), Holiday, "Ngày Văn hóa Việt Nam"},
	}
	got := Statutory(2026)
	if len(got) != len(want) {
		t.Fatalf("Statutory(2026) has %d days, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Date != w.d || g.Kind != w.kind || g.Label != w.label || g.Tag != "C" || g.Source != SourceComputed {
			t.Errorf("day %d = %+v, want %v %s %q tag C", i, g, w.d, w.kind, w.label)
		}
	}
}

func TestStatutoryTetBlockCompDays(t *testing.T) {
	// 2024: Tết 9–13/2 with mùng 1 and 2 on the weekend; the comp days come
	// right after the block, not on the already-off Tuesday.
	var comps []Day
	for _, d := range Statutory(2024) {
		if d.Kind == Comp {
			comps = append(comps, d)
		}
	}
	if len(comps) != 2 || comps[0].Date != D(2024, 2, 14) || comps[1].Date != D(2024, 2, 15) {
		t.Fatalf("2024 comp days = %v, want 14/2 and 15/2", comps)
	}
	if comps[0].Label != "Nghỉ bù Tết Nguyên đán (mùng 1)" {
		t.Errorf("label = %q", comps[0].Label)
	}
	if d := Statutory(2024)[1]; d.Date != D(2024, 2, 9) || d.Label != "Tết Nguyên đán (30 Chạp)" {
		t.Errorf("first Tết day 2024 = %+v, want 30 Chạp on 9/2", d)
	}
}

func TestStatutory2027(t *testing.T) {
	has := map[Date]Day{}
	for _, d := range Statutory(2027) {
		has[d.Date] = d
	}
	for _, d := range []Date{D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8), D(2027, 2, 9)} {
		if has[d].Kind != Holiday {
			t.Errorf("%v should be a Tết holiday", d)
		}
	}
	if has[D(2027, 2, 5)].Label != "Tết Nguyên đán (29 Chạp)" {
		t.Errorf("2027-02-05 label = %q", has[D(2027, 2, 5)].Label)
	}
	for _, d := range []Date{D(2027, 2, 10), D(2027, 2, 11), D(2027, 5, 3)} {
		if has[d].Kind != Comp {
			t.Errorf("%v should be a comp day, got %+v", d, has[d])
		}
	}
	// 2/9/2027 is a Thursday: the adjacent day is 3/9.
	if has[D(2027, 9, 3)].Label != "Quốc khánh (ngày liền kề)" {
		t.Errorf("2027-09-03 = %+v", has[D(2027, 9, 3)])
	}
}

func TestQuocKhanhAdjacentDayMatchesOfficialFile(t *testing.T) {
	official := loadOfficial(t)
	for _, y := range []int{2024, 2025, 2026} {
		var want Date
		for _, d := range official {
			if d.Date.Year == y && d.Label == "Quốc khánh (ngày liền kề)" {
				want = d.Date
			}
		}
		if want.IsZero() {
			t.Fatalf("official file has no adjacent day for %d", y)
		}
		var got Date
		for _, d := range Statutory(y) {
			if d.Label == "Quốc khánh (ngày liền kề)" {
				got = d.Date
			}
		}
		if got != want {
			t.Errorf("%d: computed adjacent day %v, official %v", y, got, want)
		}
	}
	// 2023 (2/9 on a Saturday): the government gave Fri 1/9 and comp Mon 4/9.
	got := map[Date]Kind{}
	for _, d := range Statutory(2023) {
		if d.Date.Month == time.September {
			got[d.Date] = d.Kind
		}
	}
	if len(got) != 3 || got[D(2023, 9, 1)] != Holiday || got[D(2023, 9, 2)] != Holiday || got[D(2023, 9, 4)] != Comp {
		t.Errorf("September 2023 = %v, want 1/9, 2/9 holidays and 4/9 comp", got)
	}
}

func TestStatutoryInvariants(t *testing.T) {
	for y := 1990; y <= 2100; y++ {
		days := Statutory(y)
		seen := map[Date]bool{}
		holidays := 0
		for i, d := range days {
			if i > 0 && !days[i-1].Date.Before(d.Date) {
				t.Fatalf("%d: not sorted or duplicate at %v", y, d.Date)
			}
			if seen[d.Date] {
				t.Fatalf("%d: duplicate %v", y, d.Date)
			}
			seen[d.Date] = true
			if d.Tag != "C" || d.Date.Year != y {
				t.Fatalf("%d: bad day %+v", y, d)
			}
			switch d.Kind {
			case Holiday:
				holidays++
			case Comp:
				if wd := d.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
					t.Fatalf("%d: comp day on a weekend: %+v", y, d)
				}
			default:
				t.Fatalf("%d: unexpected kind %+v", y, d)
			}
		}
		want := 11 // 1/1, 5 Tết, Giỗ Tổ, 30/4, 1/5, 2 Quốc khánh
		if y >= 2026 {
			want++
		}
		if holidays != want {
			t.Errorf("%d: %d holidays, want %d", y, holidays, want)
		}
		// Every weekend holiday is compensated exactly once.
		weekend, comps := 0, 0
		for _, d := range days {
			wd := d.Date.Weekday()
			if d.Kind == Holiday && (wd == time.Saturday || wd == time.Sunday) {
				weekend++
			}
			if d.Kind == Comp {
				comps++
			}
		}
		if weekend != comps {
			t.Errorf("%d: %d weekend holidays but %d comp days", y, weekend, comps)
		}
	}
}

func TestMergeHolidaysSameDate(t *testing.T) {
	// In 1947 Giỗ Tổ fell on 30/4: one day with both names, not two.
	gt, _ := LunarToSolar(LunarDate{Day: 10, Month: 3, Year: 1947})
	if gt != D(1947, 4, 30) {
		t.Fatalf("Giỗ Tổ 1947 = %v", gt)
	}
	var found []Day
	for _, d := range Statutory(1947) {
		if d.Date == gt {
			found = append(found, d)
		}
	}
	if len(found) != 1 || found[0].Label != "Giỗ Tổ Hùng Vương; Ngày Chiến thắng" {
		t.Errorf("1947-04-30 = %v", found)
	}
}

func TestKind(t *testing.T) {
	for _, k := range []Kind{Holiday, Comp, SwapOff, Makeup} {
		if !k.Valid() || k.VN() == string(k) {
			t.Errorf("%q should be valid with a Vietnamese name", k)
		}
	}
	if Kind("weekend").Valid() || Kind("").Valid() {
		t.Error("unknown kinds must be invalid")
	}
	if !Holiday.Off() || !Comp.Off() || !SwapOff.Off() || Makeup.Off() {
		t.Error("Off is wrong")
	}
}
