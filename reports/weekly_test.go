package reports

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// rpSumRow is the row of the weekly summary whose label is label: its two cells.
func rpSumRow(t *testing.T, tb *Table, label string) (Cell, Cell) {
	t.Helper()
	for _, r := range tb.Rows {
		if strings.TrimSpace(r[1].Text) == label {
			return r[2], r[3]
		}
	}
	t.Fatalf("summary has no row %q", label)
	return Cell{}, Cell{}
}

func testWeekly(t *testing.T, fx *rpFixture) {
	ctx := context.Background()
	from, to := calendar.D(2026, 11, 9), calendar.D(2026, 11, 15)
	rep, err := Weekly(ctx, fx.s, fx.st, Options{From: from, To: to, Mode: data.ModeTimestamp, Date: rpNow})
	if err != nil {
		t.Fatal(err)
	}
	week, _ := fx.s.Stats(ctx, from, to, data.ByUnit, data.ModeTimestamp)
	ytd, _ := fx.s.Stats(ctx, calendar.D(2026, 1, 1), to, data.ByNone, data.ModeTimestamp)
	w, y := week.Total, ytd.Total

	// The summary: by channel, resolved early / on time / late, year to date, fees.
	sum := rep.Tables[0]
	check := func(label string, a, b int) {
		t.Helper()
		ca, cb := rpSumRow(t, sum, label)
		if int(ca.Num) != a || cb.Nil || int(cb.Num) != b {
			t.Errorf("%s = %v / %v, want %d / %d", label, ca.Raw(), cb.Raw(), a, b)
		}
	}
	check("Tổng số hồ sơ tiếp nhận", w.ReceivedTotal, y.ReceivedTotal)
	check("- Từ kỳ trước chuyển sang", w.ReceivedCarried, y.ReceivedCarried)
	check("+ Trực tiếp", w.ReceivedNewDirect-w.ReceivedNewPost, y.ReceivedNewDirect-y.ReceivedNewPost)
	check("+ Trực tuyến", w.ReceivedNewOnline, y.ReceivedNewOnline)
	check("+ Bưu chính", w.ReceivedNewPost, y.ReceivedNewPost)
	check("Số hồ sơ đã giải quyết", w.ResolvedTotal, y.ResolvedTotal)
	check("- Trước hạn", w.ResolvedEarly, y.ResolvedEarly)
	check("- Đúng hạn", w.ResolvedOnTime, y.ResolvedOnTime)
	check("- Quá hạn", w.ResolvedLate, y.ResolvedLate)
	check("Phí, lệ phí đã thu (đồng)", int(w.FeesTotal), int(y.FeesTotal))
	_, rate := rpSumRow(t, sum, "Tỷ lệ đã giải quyết trên tổng số tiếp nhận (%)")
	if want := *pctOf(y.ResolvedTotal, y.ReceivedTotal); rate.Num != want {
		t.Errorf("year-to-date rate %v, want %v", rate.Num, want)
	}
	if y.ReceivedTotal < 1000 || w.ReceivedTotal == 0 || y.FeesTotal == 0 {
		t.Fatalf("demo too thin: %+v %+v", w, y)
	}

	// Online by unit: Stats by unit, most first, with the total.
	on := rep.Tables[2]
	prev := 1 << 30
	for _, r := range on.Rows {
		want := rowByName(week.Rows, r[1].Text).ReceivedNewOnline
		if int(r[2].Num) != want || want > prev {
			t.Errorf("online %s = %v, want %d in decreasing order", r[1].Text, r[2].Num, want)
		}
		prev = want
	}
	if int(on.Total[2].Num) != w.ReceivedNewOnline {
		t.Errorf("online total %v, want %d", on.Total[2].Num, w.ReceivedNewOnline)
	}

	// PDF.
	pdf := rpWrite(t, rep, FormatPDF)
	rpKeep("report-weekly.pdf", pdf)
	text := rpText(t, pdf)
	rpContains(t, "weekly PDF", text, "BÁO CÁO TỔNG HỢP KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH",
		"(Từ ngày 09/11/2026 đến ngày 15/11/2026)", "I. KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ", "II. DANH SÁCH HỒ SƠ GIẢI QUYẾT QUÁ HẠN",
		"III. HỒ SƠ TIẾP NHẬN TRỰC TUYẾN THEO ĐƠN VỊ", "Trực tiếp", "Trực tuyến", "Bưu chính", "Từ đầu năm",
		"trực tuyến "+vntext.Thousands(int64(w.ReceivedNewOnline)), vntext.MoneyWords(y.FeesTotal),
		"Phí, lệ phí đã thu (đồng)", vntext.Thousands(y.FeesTotal), "Công chức Tư pháp - Hộ tịch", "Mã hồ sơ", "Hạn giải quyết",
		"Lý do, văn bản xin lỗi")
	rpEqual(t, "PDF fees row", rpLine(t, text, "Phí, lệ phí đã thu (đồng)"), []string{vntext.Thousands(w.FeesTotal), vntext.Thousands(y.FeesTotal)})
	for _, r := range rep.Tables[1].Rows {
		rpContains(t, "weekly PDF late list", text, r[1].Text) // codes on one line
	}

	// XLSX: three sheets with their formats.
	f := rpXLSX(t, rpWrite(t, rep, FormatXLSX))
	rpEqual(t, "sheets", f.GetSheetList(), []string{"Tổng hợp", "Hồ sơ quá hạn", "Trực tuyến theo đơn vị"})
	for _, sh := range f.GetSheetList() {
		rpFrozen(t, f, sh, 6)
		if v := rpCell(t, f, sh, "A6"); v != "STT" {
			t.Errorf("sheet %s A6 = %q", sh, v)
		}
	}
	feeRow := 0
	for r := 7; r < 7+len(sum.Rows); r++ {
		if rpCell(t, f, "Tổng hợp", cellName(2, r)) == "Phí, lệ phí đã thu (đồng)" {
			feeRow = r
		}
	}
	if feeRow == 0 || rpCell(t, f, "Tổng hợp", cellName(4, feeRow)) != strconv.FormatInt(y.FeesTotal, 10) ||
		rpNumFmt(t, f, "Tổng hợp", cellName(4, feeRow)) != "#,##0" {
		t.Errorf("fees row %d in the workbook", feeRow)
	}
	rateRow := feeRow - 4 // "Tỷ lệ đã giải quyết trên tổng số tiếp nhận (%)"
	if got := rpCell(t, f, "Tổng hợp", cellName(2, rateRow)); !strings.HasPrefix(got, "Tỷ lệ đã giải quyết") {
		t.Fatalf("row %d is %q", rateRow, got)
	}
	if v, _ := strconv.ParseFloat(rpCell(t, f, "Tổng hợp", cellName(4, rateRow)), 64); v != rate.Num/100 ||
		rpNumFmt(t, f, "Tổng hợp", cellName(4, rateRow)) != "0.0%" {
		t.Errorf("rate cell %v with %q", v, rpNumFmt(t, f, "Tổng hợp", cellName(4, rateRow)))
	}
	if got := rpCell(t, f, "Hồ sơ quá hạn", "H6"); got != "Lý do, văn bản xin lỗi" {
		t.Errorf("late list header %q", got)
	}

	// CSV: one section per table.
	recs := rpCSV(t, rpWrite(t, rep, FormatCSV))
	if recs[0][0] != "Tổng hợp" || recs[1][1] != "Chỉ tiêu" || recs[1][2] != "Trong kỳ" {
		t.Errorf("CSV starts %v %v", recs[0], recs[1])
	}
	var sections []string
	for i, r := range recs {
		if len(r) == 1 && i+1 < len(recs) && recs[i+1][0] == "STT" {
			sections = append(sections, r[0])
		}
	}
	rpEqual(t, "CSV sections", sections, []string{"Tổng hợp", "Hồ sơ quá hạn", "Trực tuyến theo đơn vị"})
}

// testWeeklyLateList: the late list holds exactly the dossiers data.Judge calls late among those
// resolved in the period (as many as Stats counts), with their apology or "Chưa có văn bản xin lỗi".
func testWeeklyLateList(t *testing.T, fx *rpFixture) {
	ctx := context.Background()
	apologies := 0
	for _, p := range [][2]calendar.Date{{calendar.D(2026, 11, 9), calendar.D(2026, 11, 15)}, {calendar.D(2026, 1, 1), calendar.D(2026, 11, 15)}} {
		for _, mode := range []data.Mode{data.ModeTimestamp, data.ModeDate} {
			var want []string
			reasons := map[string]string{}
			err := fx.s.EachDossier(ctx, data.ByFinished, p[0], p[1], func(d *data.Dossier, evs []data.Event) error {
				if d.ReceivedAt.IsZero() {
					return nil
				}
				if data.Judge(d.FinishedAt, d.Due, d.HasDue, d.Supplements, mode) == data.Late {
					want = append(want, d.Code)
					for _, e := range evs {
						if e.Type == data.EvApologyIssued {
							p, _ := data.DecodePayload(e.Type, e.Payload)
							reasons[d.Code] = p.(*data.ApologyIssued).Reason
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			stats, _ := fx.s.Stats(ctx, p[0], p[1], data.ByNone, mode)
			if len(want) != stats.Total.ResolvedLate {
				t.Fatalf("Judge finds %d late, Stats %d", len(want), stats.Total.ResolvedLate)
			}
			rep, err := Weekly(ctx, fx.s, fx.st, Options{From: p[0], To: p[1], Mode: mode, Date: rpNow})
			if err != nil {
				t.Fatal(err)
			}
			lt := rep.Tables[1]
			var got []string
			for _, r := range lt.Rows {
				code := r[1].Text
				got = append(got, code)
				reason := r[7].Text
				if why, ok := reasons[code]; ok {
					apologies++
					if !strings.HasPrefix(reason, why) || r[8].Text == "" {
						t.Errorf("%s: apology %q / %q, want %q and a new date", code, reason, r[8].Text, why)
					}
				} else if reason != "Chưa có văn bản xin lỗi" || r[8].Text != "" {
					t.Errorf("%s without apology shows %q %q", code, reason, r[8].Text)
				}
				if r[5].Text == "" || r[6].Text == "" {
					t.Errorf("%s: due %q finished %q", code, r[5].Text, r[6].Text)
				}
			}
			rpEqual(t, string(mode)+" late list", got, want)
			if int(rpNum(rep.Tables[0], "- Quá hạn")) != len(want) {
				t.Errorf("summary late ≠ list")
			}
			if p[1].Sub(p[0]) > 100 {
				text := rpText(t, rpWrite(t, rep, FormatPDF))
				rpContains(t, "long late list PDF", text, "Chưa có văn bản xin lỗi", want[0], want[len(want)-1])
				for code, why := range reasons {
					rpContains(t, "long late list PDF", text, code, strings.Fields(why)[0])
					break
				}
				if strings.Count(text, "Lý do, văn bản xin lỗi") < 2 {
					t.Error("the late list's header is not repeated on its pages")
				}
			}
		}
	}
	if apologies == 0 {
		t.Error("no apologised dossier in the demo's late lists: the apology column is untested")
	}
}

func rpNum(tb *Table, label string) float64 {
	for _, r := range tb.Rows {
		if strings.TrimSpace(r[1].Text) == label {
			return r[2].Num
		}
	}
	return -1
}
