package reports

import (
	"context"
	"strings"

	"motcua/data"
	"motcua/data/vntext"
)

func satisfactionCells(f data.Figures) []Cell {
	return []Cell{cCount(f.RatedVery), cCount(f.RatedSatisfied), cCount(f.RatedDissatisfied), cCount(f.RatedTotal),
		cPct(f.SatisfactionRate), cCount(f.ResolvedTotal), cCount(f.ResolvedLate), cPct(f.NationalIndicator)}
}

// Satisfaction builds the satisfaction report (docs/DOMAIN.md §8) for [o.From, o.To]: the ratings
// given when results were returned (counts and shares), the satisfaction rate, the national
// indicator 100 − (late % + "không hài lòng" %), the same by unit or by field (o.By; by unit when
// empty), and every "không hài lòng" with its reason.
func Satisfaction(ctx context.Context, s *data.Store, st Settings, o Options) (*Report, error) {
	o = o.fill()
	if o.By != data.ByField {
		o.By = data.ByUnit
	}
	stats, err := s.Stats(ctx, o.From, o.To, o.By, o.Mode)
	if err != nil {
		return nil, err
	}
	complaints, err := s.Complaints(ctx, o.From, o.To)
	if err != nil {
		return nil, err
	}
	names, err := LoadNames(ctx, s)
	if err != nil {
		return nil, err
	}
	r := o.report(KindSatisfaction, "Báo cáo kết quả đánh giá sự hài lòng của người dân, doanh nghiệp", st)
	f := stats.Total

	sum := &Table{Name: "Tổng hợp đánh giá", Heading: "I. KẾT QUẢ ĐÁNH GIÁ", Size: 10.5,
		Cols: []Col{colSTT, col("Chỉ tiêu", 100), col("Số lượng", 26), col("Tỷ lệ (%)", 26)}}
	line := func(no, label string, n, p Cell) { sum.Rows = append(sum.Rows, []Cell{cText(no), cText(label), n, p}) }
	line("1", "Tổng số lượt đánh giá khi trả kết quả", cCount(f.RatedTotal), cBlank(KindPercent))
	line("", "- Rất hài lòng", cCount(f.RatedVery), cPctOf(f.RatedVery, f.RatedTotal))
	line("", "- Hài lòng", cCount(f.RatedSatisfied), cPctOf(f.RatedSatisfied, f.RatedTotal))
	line("", "- Không hài lòng", cCount(f.RatedDissatisfied), cPctOf(f.RatedDissatisfied, f.RatedTotal))
	line("2", "Tỷ lệ hài lòng (rất hài lòng và hài lòng trên số lượt đánh giá)", cCount(f.RatedVery+f.RatedSatisfied), cPct(f.SatisfactionRate))
	line("3", "Số hồ sơ đã giải quyết trong kỳ", cCount(f.ResolvedTotal), cBlank(KindPercent))
	line("", "- Giải quyết quá hạn (trên số đã giải quyết)", cCount(f.ResolvedLate), cPctOf(f.ResolvedLate, f.ResolvedTotal))
	line("", "- Người nộp không hài lòng (trên số đã giải quyết)", cCount(f.RatedDissatisfied), cPctOf(f.RatedDissatisfied, f.ResolvedTotal))
	line("4", "Chỉ số hài lòng: 100% − (tỷ lệ quá hạn + tỷ lệ không hài lòng)", cBlank(KindCount), cPct(f.NationalIndicator))
	sum.Notes = []string{
		"Người nộp đánh giá khi nhận kết quả; lượt đánh giá được tính vào kỳ có ngày trả kết quả. Đánh giá \"không hài lòng\" phải kèm lý do.",
		"Chỉ số hài lòng theo cách tính của Bộ chỉ số phục vụ người dân, doanh nghiệp: 100% trừ tỷ lệ hồ sơ quá hạn và tỷ lệ hồ sơ bị đánh giá không hài lòng, cùng tính trên số hồ sơ đã giải quyết.",
		modeNote(o.Mode),
	}

	_, group := byName(o.By)
	by := &Table{Name: "Theo " + strings.ToLower(group), Heading: "II. KẾT QUẢ ĐÁNH GIÁ THEO " + strings.ToUpper(group), Size: 10,
		Groups: []Group{{"", 2}, {"Số lượt đánh giá", 4}, {"", 1}, {"Hồ sơ đã giải quyết", 2}, {"", 1}},
		Cols: []Col{colSTT, col(group, 60), col("Rất hài lòng", 18), col("Hài lòng", 18), col("Không hài lòng", 18), col("Tổng số", 18),
			col("Tỷ lệ hài lòng (%)", 20), col("Tổng số", 18), col("Quá hạn", 18), col("Chỉ số hài lòng (%)", 20)}}
	for i, row := range stats.Rows {
		by.Rows = append(by.Rows, append([]Cell{cCount(i + 1), cText(row.Name)}, satisfactionCells(row.Figures)...))
	}
	by.Total = append([]Cell{cText(""), cText("TỔNG CỘNG")}, satisfactionCells(f)...)

	ct := &Table{Name: "Ý kiến không hài lòng", Heading: "III. Ý KIẾN KHÔNG HÀI LÒNG", Size: 9.5,
		Cols: []Col{colSTT, Col{Header: "Mã hồ sơ", Width: 34, NoWrap: true}, col("Người nộp", 32), col("Thủ tục", 80), col("Đơn vị xử lý", 34),
			Col{Header: "Ngày trả kết quả", Width: 20, Align: "C", NoWrap: true}, col("Lý do không hài lòng", 50)}}
	for i, c := range complaints {
		reason := c.Reason
		if reason == "" {
			reason = "(không ghi lý do)"
		}
		ct.Rows = append(ct.Rows, []Cell{cCount(i + 1), cText(c.Code), cText(c.Applicant), cText(c.Procedure), cText(names.Unit(c.Unit)),
			cText(vntext.Date(c.ReturnedAt)), cText(reason)})
	}
	if len(complaints) == 0 {
		ct.Notes = []string{"Không có ý kiến không hài lòng trong kỳ."}
	}
	r.Tables = []*Table{sum, by, ct}
	return r, nil
}
