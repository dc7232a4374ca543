package reports

import (
	"context"
	"strings"

	"motcua/data"
)

// The eleven columns of the periodic report (docs/DOMAIN.md §7) in three groups.
var periodicGroups = []Group{{"", 2}, {"Số hồ sơ tiếp nhận", 4}, {"Số hồ sơ đã giải quyết", 4}, {"Số hồ sơ đang giải quyết", 3}}

func periodicCols(name string) []Col {
	return []Col{
		colSTT, col(name, 56),
		col("Tổng số", 17), col("Từ kỳ trước", 17), col("Mới trực tuyến", 19), col("Mới trực tiếp, bưu chính", 19),
		col("Tổng số", 17), col(data.Early.String(), 17), col(data.OnTime.String(), 17), col(data.Late.String(), 17),
		col("Tổng số", 17), col(data.Within.String(), 17), col(data.Overdue.String(), 17),
	}
}

// periodicCells are the eleven figures of a row.
func periodicCells(f data.Figures) []Cell {
	return []Cell{
		cCount(f.ReceivedTotal), cCount(f.ReceivedCarried), cCount(f.ReceivedNewOnline), cCount(f.ReceivedNewDirect),
		cCount(f.ResolvedTotal), cCount(f.ResolvedEarly), cCount(f.ResolvedOnTime), cCount(f.ResolvedLate),
		cCount(f.PendingTotal), cCount(f.PendingWithin), cCount(f.PendingOverdue),
	}
}

// resolvedChart is the bar chart of resolved early / on time / late per row of a report.
func resolvedChart(title string, rows []data.Row) *Chart {
	c := &Chart{Title: title, Series: resolvedSeries}
	for _, r := range rows {
		c.Groups = append(c.Groups, ChartGroup{Label: r.Name, Values: []int{r.ResolvedEarly, r.ResolvedOnTime, r.ResolvedLate}})
	}
	return c
}

// Periodic builds the periodic report of docs/DOMAIN.md §7 for [o.From, o.To]: a row per unit
// (o.By = data.ByUnit) or per field (data.ByField) and a TỔNG CỘNG row, or the office's totals
// alone (o.By = ""), with a chart of resolved early / on time / late by unit or field. The
// totals are Store.Stats's for the same period and mode.
func Periodic(ctx context.Context, s *data.Store, st Settings, o Options) (*Report, error) {
	o = o.fill()
	by := o.By
	if by == data.ByNone {
		by = data.ByUnit // the chart is by unit; the totals are the same for every grouping
	}
	stats, err := s.Stats(ctx, o.From, o.To, by, o.Mode)
	if err != nil {
		return nil, err
	}
	byTitle, col := byName(o.By)
	title := "Báo cáo tình hình, kết quả giải quyết thủ tục hành chính"
	if byTitle != "" {
		title += " " + byTitle
	}
	r := o.report(KindPeriodic, title, st)
	name := "Báo cáo định kỳ"
	if byTitle != "" {
		name = "Định kỳ " + byTitle
	}
	t := &Table{Name: name, Groups: periodicGroups, Cols: periodicCols(col), Size: 10}
	if o.By != data.ByNone {
		for i, row := range stats.Rows {
			t.Rows = append(t.Rows, append([]Cell{cCount(i + 1), cText(row.Name)}, periodicCells(row.Figures)...))
		}
	}
	t.Total = append([]Cell{cText(""), cText("TỔNG CỘNG")}, periodicCells(stats.Total)...)
	t.Notes = []string{
		modeNote(o.Mode),
		"Từ kỳ trước: tiếp nhận trước kỳ, chưa giải quyết xong lúc đầu kỳ. Đang giải quyết: trong hạn nếu hạn giải quyết không sớm hơn cuối kỳ. Hồ sơ đã có văn bản xin lỗi vẫn tính theo hạn ban đầu.",
	}
	_, chartBy := byName(by)
	t.Chart = resolvedChart("Biểu đồ kết quả giải quyết theo "+strings.ToLower(chartBy)+": trước hạn, đúng hạn, quá hạn", stats.Rows)
	r.Tables = []*Table{t}
	return r, nil
}
