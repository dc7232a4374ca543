package reports

import (
	"context"
	"strconv"
	"testing"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

func testSatisfaction(t *testing.T, fx *rpFixture) {
	ctx := context.Background()
	from, to := calendar.D(2026, 7, 1), calendar.D(2026, 11, 15)
	stats, err := fx.s.Stats(ctx, from, to, data.ByUnit, data.ModeTimestamp)
	if err != nil {
		t.Fatal(err)
	}
	f := stats.Total
	if f.RatedDissatisfied == 0 || f.RatedTotal < 100 || f.NationalIndicator == nil {
		t.Fatalf("demo too thin: %+v", f)
	}
	rep, err := Satisfaction(ctx, fx.s, fx.st, Options{From: from, To: to, Date: rpNow})
	if err != nil {
		t.Fatal(err)
	}
	sum, by, ct := rep.Tables[0], rep.Tables[1], rep.Tables[2]
	for label, want := range map[string]int{"- Rất hài lòng": f.RatedVery, "- Hài lòng": f.RatedSatisfied, "- Không hài lòng": f.RatedDissatisfied,
		"Tổng số lượt đánh giá khi trả kết quả": f.RatedTotal, "Số hồ sơ đã giải quyết trong kỳ": f.ResolvedTotal,
		"- Giải quyết quá hạn (trên số đã giải quyết)": f.ResolvedLate} {
		if got := rpNum(sum, label); int(got) != want {
			t.Errorf("%s = %v, want %d", label, got, want)
		}
	}
	share := func(label string) float64 {
		for _, r := range sum.Rows {
			if r[1].Text == label {
				return r[3].Num
			}
		}
		return -1
	}
	if got, want := share("- Rất hài lòng"), *pctOf(f.RatedVery, f.RatedTotal); got != want {
		t.Errorf("share very satisfied %v, want %v", got, want)
	}
	if got := share("Tỷ lệ hài lòng (rất hài lòng và hài lòng trên số lượt đánh giá)"); got != *f.SatisfactionRate {
		t.Errorf("satisfaction rate %v, want %v", got, *f.SatisfactionRate)
	}
	if got := share("Chỉ số hài lòng: 100% − (tỷ lệ quá hạn + tỷ lệ không hài lòng)"); got != *f.NationalIndicator {
		t.Errorf("national indicator %v, want %v", got, *f.NationalIndicator)
	}
	// 100 − (late % + dissatisfied %), computed here from the counts.
	want := 100 - float64(f.ResolvedLate+f.RatedDissatisfied)*100/float64(f.ResolvedTotal)
	if d := *f.NationalIndicator - want; d > 0.05 || d < -0.05 {
		t.Errorf("indicator %v, by hand %v", *f.NationalIndicator, want)
	}
	if len(by.Rows) != len(stats.Rows) || int(by.Total[4].Num) != f.RatedDissatisfied || by.Total[9].Num != *f.NationalIndicator {
		t.Errorf("by unit: %d rows, totals %v", len(by.Rows), rpDisplays(by.Total))
	}
	// Every "không hài lòng" of the period is listed, with its reason.
	if len(ct.Rows) != f.RatedDissatisfied {
		t.Fatalf("%d complaints listed, Stats counts %d", len(ct.Rows), f.RatedDissatisfied)
	}
	for _, r := range ct.Rows {
		if r[6].Text == "" || r[6].Text == "(không ghi lý do)" || r[1].Text == "" {
			t.Errorf("complaint without a reason or code: %v", rpDisplays(r))
		}
	}

	pdf := rpWrite(t, rep, FormatPDF)
	rpKeep("report-satisfaction.pdf", pdf)
	text := rpText(t, pdf)
	rpContains(t, "satisfaction PDF", text, "BÁO CÁO KẾT QUẢ ĐÁNH GIÁ SỰ HÀI LÒNG CỦA NGƯỜI DÂN, DOANH NGHIỆP",
		"Rất hài lòng", "Hài lòng", "Không hài lòng", "Chỉ số hài lòng", "II. KẾT QUẢ ĐÁNH GIÁ THEO ĐƠN VỊ", "III. Ý KIẾN KHÔNG HÀI LÒNG",
		"Lý do không hài lòng", "Công chức Tư pháp - Hộ tịch", ct.Rows[0][1].Text, ct.Rows[0][6].Text, cPct(f.NationalIndicator).Display())
	rpEqual(t, "PDF totals by unit", rpLine(t, text, "TỔNG CỘNG"), rpDisplays(by.Total[2:]))

	x := rpXLSX(t, rpWrite(t, rep, FormatXLSX))
	rpEqual(t, "sheets", x.GetSheetList(), []string{"Tổng hợp đánh giá", "Theo đơn vị", "Ý kiến không hài lòng"})
	sh := "Theo đơn vị"
	tr := cellName(10, 8+len(stats.Rows))
	if v, _ := strconv.ParseFloat(rpCell(t, x, sh, tr), 64); v != *f.NationalIndicator/100 || rpNumFmt(t, x, sh, tr) != "0.0%" {
		t.Errorf("indicator cell %s = %v %q", tr, v, rpNumFmt(t, x, sh, tr))
	}
	if got := rpCell(t, x, sh, "C6"); got != "Số lượt đánh giá" {
		t.Errorf("C6 %q", got)
	}
	if got := rpCell(t, x, "Ý kiến không hài lòng", "G7"); got != ct.Rows[0][6].Text {
		t.Errorf("first reason %q", got)
	}
	if got := rpCell(t, x, "Ý kiến không hài lòng", "F7"); got != vntext.Date(mustComplaint(t, fx, from, to).ReturnedAt) {
		t.Errorf("first return date %q", got)
	}
	rpFrozen(t, x, sh, 7)

	recs := rpCSV(t, rpWrite(t, rep, FormatCSV))
	if recs[0][0] != "Tổng hợp đánh giá" || recs[1][3] != "Tỷ lệ (%)" {
		t.Errorf("CSV starts %v %v", recs[0], recs[1])
	}
}

func mustComplaint(t *testing.T, fx *rpFixture, from, to calendar.Date) data.Complaint {
	t.Helper()
	cs, err := fx.s.Complaints(context.Background(), from, to)
	if err != nil || len(cs) == 0 {
		t.Fatalf("complaints: %v %d", err, len(cs))
	}
	return cs[0]
}
