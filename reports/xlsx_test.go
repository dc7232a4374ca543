package reports

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestXlsxSheetNames(t *testing.T) {
	used := map[string]bool{}
	for _, c := range []struct{ in, want string }{
		{"Định kỳ theo đơn vị", "Định kỳ theo đơn vị"},
		{"Định kỳ theo đơn vị", "Định kỳ theo đơn vị (2)"},
		{"Tổng hợp: kỳ [1/2]?", "Tổng hợp- kỳ -1-2--"},
		{"", "Báo cáo"},
		{strings.Repeat("Hồ sơ trực tuyến ", 4), "Hồ sơ trực tuyến Hồ sơ trực tuy"},
		{strings.Repeat("Hồ sơ trực tuyến ", 4), "Hồ sơ trực tuyến Hồ sơ trực (2)"},
	} {
		got := sheetName(c.in, used)
		if got != c.want || utf8.RuneCountInString(got) > 31 {
			t.Errorf("sheetName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestXlsxEmptyAndNilCells(t *testing.T) {
	r := &Report{Kind: "thu", Title: "Thử", Tables: []*Table{{Name: "Thử", Cols: []Col{col("Tên", 10), col("Tỷ lệ", 5)},
		Rows: [][]Cell{{cText("Không có số"), cBlank(KindPercent)}, {cText("Có số"), cPct(ptr(12.5))}}, Total: []Cell{cText("TỔNG CỘNG"), cCount(3)}}}}
	f := rpXLSX(t, rpWrite(t, r, FormatXLSX))
	if v := rpCell(t, f, "Thử", "B7"); v != "" {
		t.Errorf("a missing rate is written as %q", v)
	}
	if v := rpCell(t, f, "Thử", "B8"); v != "0.125" || rpNumFmt(t, f, "Thử", "B8") != "0.0%" {
		t.Errorf("rate cell %q %q", v, rpNumFmt(t, f, "Thử", "B8"))
	}
	rpFrozen(t, f, "Thử", 6)
}

func ptr(v float64) *float64 { return &v }
