package reports

import (
	"context"
	"fmt"
	"sort"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// LateDossier is one dossier resolved late in a period, with what the applicant was told.
type LateDossier struct {
	Code        string
	Applicant   string
	Procedure   string
	Unit        string // unit name
	Due         time.Time
	Finished    time.Time
	Apologised  bool
	Reason      string    // the latest apology's reason
	NewDue      time.Time // the new return date it promised
	ApologyNo   string
	Supplements int
}

// LateList lists the dossiers resolved in [from, to] that data.Judge calls late in the mode, in
// order of their end of processing, with their latest apology (form 04) when there was one
// (data.LateDossiers: a table the store keeps up to date, not a replay of their logs).
func LateList(ctx context.Context, s *data.Store, from, to calendar.Date, mode data.Mode, names Names) ([]LateDossier, error) {
	late, err := s.LateDossiers(ctx, from, to, mode)
	if err != nil {
		return nil, err
	}
	out := make([]LateDossier, 0, len(late))
	for _, d := range late {
		out = append(out, LateDossier{Code: d.Code, Applicant: d.Applicant, Procedure: d.ProcedureName, Unit: names.Unit(d.Unit),
			Due: d.Due, Finished: d.Finished, Apologised: d.Apologised, Reason: d.ApologyReason, NewDue: d.ApologyDue,
			ApologyNo: d.ApologyNo, Supplements: d.Supplements})
	}
	return out, nil
}

// Weekly builds the weekly summary (docs/DOMAIN.md §1, §7) for [o.From, o.To]: received by channel,
// resolved early / on time / late, the late list with the reasons and apologies, the online
// dossiers by unit, the year to date (1 January of o.To's year to o.To) and the fees collected.
func Weekly(ctx context.Context, s *data.Store, st Settings, o Options) (*Report, error) {
	o = o.fill()
	o.By = data.ByUnit
	week, err := s.Stats(ctx, o.From, o.To, data.ByUnit, o.Mode)
	if err != nil {
		return nil, err
	}
	ytd, err := s.Stats(ctx, calendar.D(o.To.Year, time.January, 1), o.To, data.ByNone, o.Mode)
	if err != nil {
		return nil, err
	}
	names, err := LoadNames(ctx, s)
	if err != nil {
		return nil, err
	}
	late, err := LateList(ctx, s, o.From, o.To, o.Mode, names)
	if err != nil {
		return nil, err
	}
	apologised := 0
	for _, l := range late {
		if l.Apologised {
			apologised++
		}
	}
	r := o.report(KindWeekly, "Báo cáo tổng hợp kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính", st)
	w, y := week.Total, ytd.Total
	newW, newY := w.ReceivedNewOnline+w.ReceivedNewDirect, y.ReceivedNewOnline+y.ReceivedNewDirect
	r.Intro = []string{fmt.Sprintf("Trong kỳ, %s tiếp nhận mới %s hồ sơ (trực tiếp %s, trực tuyến %s, bưu chính %s); "+
		"đã giải quyết %s hồ sơ, trong đó %s trước hạn và đúng hạn, %s quá hạn (%s hồ sơ đã có văn bản xin lỗi, hẹn lại ngày trả). "+
		"Từ ngày 01/01/%d đã giải quyết %s trên tổng số %s hồ sơ tiếp nhận%s. Phí, lệ phí đã thu trong kỳ %s, từ đầu năm %s.",
		orOffice(st.OfficeName), th(newW), th(w.ReceivedNewDirect-w.ReceivedNewPost), th(w.ReceivedNewOnline), th(w.ReceivedNewPost),
		th(w.ResolvedTotal), th(w.ResolvedEarly+w.ResolvedOnTime), th(w.ResolvedLate), th(apologised),
		o.To.Year, th(y.ResolvedTotal), th(y.ReceivedTotal), ratePhrase(y.ResolvedTotal, y.ReceivedTotal),
		vntext.MoneyWords(w.FeesTotal), vntext.MoneyWords(y.FeesTotal))}

	sum := &Table{Name: "Tổng hợp", Heading: "I. KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ",
		Cols: []Col{colSTT, col("Chỉ tiêu", 90), col("Trong kỳ", 28), col("Từ đầu năm", 28)}, Size: 10}
	line := func(no, label string, a, b Cell) { sum.Rows = append(sum.Rows, []Cell{cText(no), cText(label), a, b}) }
	both := func(no, label string, a, b int) { line(no, label, cCount(a), cCount(b)) }
	both("1", "Tổng số hồ sơ tiếp nhận", w.ReceivedTotal, y.ReceivedTotal)
	both("", "- Từ kỳ trước chuyển sang", w.ReceivedCarried, y.ReceivedCarried)
	both("", "- Tiếp nhận mới", newW, newY)
	both("", "   + Trực tiếp", w.ReceivedNewDirect-w.ReceivedNewPost, y.ReceivedNewDirect-y.ReceivedNewPost)
	both("", "   + Trực tuyến", w.ReceivedNewOnline, y.ReceivedNewOnline)
	both("", "   + Bưu chính", w.ReceivedNewPost, y.ReceivedNewPost)
	both("2", "Số hồ sơ đã giải quyết", w.ResolvedTotal, y.ResolvedTotal)
	both("", "- "+data.Early.String(), w.ResolvedEarly, y.ResolvedEarly)
	both("", "- "+data.OnTime.String(), w.ResolvedOnTime, y.ResolvedOnTime)
	both("", "- "+data.Late.String(), w.ResolvedLate, y.ResolvedLate)
	line("", "- Tỷ lệ giải quyết trước hạn và đúng hạn (%)", cPctOf(w.ResolvedEarly+w.ResolvedOnTime, w.ResolvedTotal),
		cPctOf(y.ResolvedEarly+y.ResolvedOnTime, y.ResolvedTotal))
	line("3", "Tỷ lệ đã giải quyết trên tổng số tiếp nhận (%)", cPctOf(w.ResolvedTotal, w.ReceivedTotal), cPctOf(y.ResolvedTotal, y.ReceivedTotal))
	both("4", "Số hồ sơ đang giải quyết (cuối kỳ)", w.PendingTotal, y.PendingTotal)
	both("", "- "+data.Within.String(), w.PendingWithin, y.PendingWithin)
	both("", "- "+data.Overdue.String(), w.PendingOverdue, y.PendingOverdue)
	line("5", "Phí, lệ phí đã thu (đồng)", cMoney(w.FeesTotal), cMoney(y.FeesTotal))
	sum.Notes = []string{modeNote(o.Mode),
		fmt.Sprintf("Từ đầu năm: từ ngày 01/01/%d đến ngày %s. Trực tiếp gồm hồ sơ nộp tại Bộ phận Một cửa; tổng số tiếp nhận gồm cả hồ sơ từ kỳ trước chuyển sang.", o.To.Year, o.To.VN())}
	sum.Chart = resolvedChart("Biểu đồ kết quả giải quyết trong kỳ theo đơn vị: trước hạn, đúng hạn, quá hạn", week.Rows)

	lt := &Table{Name: "Hồ sơ quá hạn", Heading: "II. DANH SÁCH HỒ SƠ GIẢI QUYẾT QUÁ HẠN",
		Cols: []Col{colSTT, Col{Header: "Mã hồ sơ", Width: 34, NoWrap: true}, col("Người nộp", 30), col("Thủ tục", 58), col("Đơn vị xử lý", 30),
			colC("Hạn giải quyết", 22), colC("Hoàn thành", 22), col("Lý do, văn bản xin lỗi", 52), Col{Header: "Hẹn trả mới", Width: 19, Align: "C", NoWrap: true}},
		Size: 9}
	for i, l := range late {
		reason, newDue := "Chưa có văn bản xin lỗi", ""
		if l.Apologised {
			reason = l.Reason
			if l.ApologyNo != "" {
				reason += " (văn bản số " + l.ApologyNo + ")"
			}
			newDue = vntext.Date(l.NewDue)
		}
		due := vntext.DateTime(l.Due)
		if due == "" {
			due = "Không có hạn"
		}
		lt.Rows = append(lt.Rows, []Cell{cCount(i + 1), cText(l.Code), cText(l.Applicant), cText(l.Procedure), cText(l.Unit),
			cText(due), cText(vntext.DateTime(l.Finished)), cText(reason), cText(newDue)})
	}
	if len(late) == 0 {
		lt.Notes = []string{"Không có hồ sơ giải quyết quá hạn trong kỳ."}
	}
	lt.Total = []Cell{cText(""), cText("TỔNG CỘNG"), cText(fmt.Sprintf("%s hồ sơ", th(len(late)))), cText(""), cText(""), cText(""), cText(""),
		cText(fmt.Sprintf("%s đã có văn bản xin lỗi", th(apologised))), cText("")}

	on := &Table{Name: "Trực tuyến theo đơn vị", Heading: "III. HỒ SƠ TIẾP NHẬN TRỰC TUYẾN THEO ĐƠN VỊ",
		Cols: []Col{colSTT, col("Đơn vị", 90), col("Số hồ sơ trực tuyến", 28), col("Tỷ lệ trên số tiếp nhận mới (%)", 28)}, Size: 10.5}
	rows := append([]data.Row(nil), week.Rows...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].ReceivedNewOnline > rows[j].ReceivedNewOnline })
	for i, row := range rows {
		on.Rows = append(on.Rows, []Cell{cCount(i + 1), cText(row.Name), cCount(row.ReceivedNewOnline),
			cPctOf(row.ReceivedNewOnline, row.ReceivedNewOnline+row.ReceivedNewDirect)})
	}
	on.Total = []Cell{cText(""), cText("TỔNG CỘNG"), cCount(w.ReceivedNewOnline), cPctOf(w.ReceivedNewOnline, newW)}

	r.Tables = []*Table{sum, lt, on}
	return r, nil
}

func th(n int) string { return vntext.Thousands(int64(n)) }

func ratePhrase(part, whole int) string {
	p := pctOf(part, whole)
	if p == nil {
		return ""
	}
	return " (đạt " + cPct(p).Display() + ")"
}

func orOffice(name string) string {
	if name == "" {
		return "Bộ phận Một cửa"
	}
	return name
}
