package reports

import (
	"context"

	"motcua/data"
)

// Staff builds the staff evaluation (docs/DOMAIN.md §8) for [o.From, o.To]: per official, the
// dossiers resolved in the period that they acted on, how many were late, the indices 1, 2, 3, 4
// and 7 of Circular 01/2018 (averages, 0–2 each) and the score out of 10, then the office's own
// resolved figures.
func Staff(ctx context.Context, s *data.Store, st Settings, o Options) (*Report, error) {
	o = o.fill()
	o.By = data.ByOfficer
	stats, err := s.Stats(ctx, o.From, o.To, data.ByOfficer, o.Mode)
	if err != nil {
		return nil, err
	}
	r := o.report(KindStaff, "Báo cáo đánh giá cán bộ, công chức giải quyết thủ tục hành chính", st)
	t := &Table{Name: "Đánh giá cán bộ", Size: 10,
		Groups: []Group{{"", 2}, {"Hồ sơ đã giải quyết có tham gia", 4}, {"Chỉ số đánh giá (bình quân, tối đa 2 điểm)", 5}, {"", 1}},
		Cols: []Col{colSTT, col("Họ và tên", 46), col("Số hồ sơ", 16), col(data.Early.String(), 16), col(data.OnTime.String(), 16), col(data.Late.String(), 16),
			col("Chỉ số 1", 15), col("Chỉ số 2", 15), col("Chỉ số 3", 15), col("Chỉ số 4", 15), col("Chỉ số 7", 15), col("Điểm (/10)", 17)}}
	for _, row := range stats.Rows {
		sc := row.Officer
		if sc == nil {
			continue
		}
		t.Rows = append(t.Rows, []Cell{cCount(len(t.Rows) + 1), cText(row.Name), cCount(sc.Handled), cCount(row.ResolvedEarly), cCount(row.ResolvedOnTime),
			cCount(sc.Late), cDec(sc.Index1), cDec(sc.Index2), cDec(sc.Index3), cDec(sc.Index4), cDec(sc.Index7), cDec(sc.Score)})
	}
	f := stats.Total
	t.Total = []Cell{cText(""), cText("TOÀN VĂN PHÒNG"), cCount(f.ResolvedTotal), cCount(f.ResolvedEarly), cCount(f.ResolvedOnTime), cCount(f.ResolvedLate),
		cBlank(KindDecimal), cBlank(KindDecimal), cBlank(KindDecimal), cBlank(KindDecimal), cBlank(KindDecimal), cBlank(KindDecimal)}
	t.Notes = []string{
		"Các chỉ số theo Thông tư 01/2018/TT-VPCP, mỗi chỉ số 0–2 điểm, tính bình quân trên các hồ sơ cán bộ có tham gia; điểm = chỉ số 1 + 2 + 3 + 4 + 7 (tối đa 10).",
		"Chỉ số 1 – tổng thời gian giải quyết so với quy định: trước hạn 2, đúng hạn 1, quá hạn 0. Chỉ số 2 – thời gian thực hiện phần việc của chính cán bộ (lần xử lý cuối của cán bộ so với hạn giải quyết), chấm như chỉ số 1.",
		"Chỉ số 3 – số lần người nộp phải bổ sung hồ sơ: không lần nào 2, một lần 1, từ hai lần 0. Chỉ số 4 – số cơ quan người nộp phải liên hệ: 2, vì mọi bước đều qua Bộ phận Một cửa. Chỉ số 7 – thái độ phục vụ: 0 khi người nộp đánh giá \"không hài lòng\", còn lại 2.",
		"Một hồ sơ được tính cho mọi cán bộ đã xử lý nó, nên tổng các dòng có thể lớn hơn số hồ sơ của toàn văn phòng.",
		modeNote(o.Mode),
	}
	r.Tables = []*Table{t}
	return r, nil
}
