package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"motcua/data"
	"motcua/reports"
)

var reportKinds = map[string]string{
	reports.KindPeriodic:     "báo cáo định kỳ: tiếp nhận, đã giải quyết, đang giải quyết (11 cột), theo đơn vị hoặc lĩnh vực",
	reports.KindWeekly:       "tổng hợp tuần: theo kênh, trước/đúng/quá hạn, danh sách quá hạn, trực tuyến theo đơn vị, từ đầu năm, phí",
	reports.KindStaff:        "đánh giá cán bộ: số hồ sơ, quá hạn, chỉ số 1, 2, 3, 4, 7 và điểm",
	reports.KindSatisfaction: "mức độ hài lòng: đánh giá, tỷ lệ hài lòng, chỉ số hài lòng, ý kiến không hài lòng",
}

func runReport(e *env, args []string) error {
	about := "Ghi báo cáo thống kê của một kỳ ra tệp PDF, XLSX hoặc CSV.\n"
	for _, k := range reports.Kinds {
		about += fmt.Sprintf("  %-13s %s\n", k, reportKinds[k])
	}
	about += "DATE: YYYY-MM-DD hoặc dd/mm/yyyy; --mode mặc định theo cài đặt của văn phòng; --format mặc định theo đuôi của --out."
	fs, dataDir := newFlags(e, "report", "periodic|weekly|staff|satisfaction --from DATE --to DATE [--by unit|field] [--mode timestamp|date] --format pdf|xlsx|csv --out FILE", about)
	from := fs.String("from", "", "ngày đầu kỳ")
	to := fs.String("to", "", "ngày cuối kỳ")
	by := fs.String("by", "", "periodic, satisfaction: nhóm theo unit (đơn vị) hoặc field (lĩnh vực); periodic không có: toàn văn phòng")
	modeFlag := fs.String("mode", "", "timestamp (so thời điểm) hoặc date (so ngày)")
	format := fs.String("format", "", "pdf, xlsx hoặc csv")
	out := fs.String("out", "", "tệp kết quả")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("cần đúng một loại báo cáo: periodic, weekly, staff hoặc satisfaction")
	}
	kind := fs.Arg(0)
	if _, ok := reportKinds[kind]; !ok {
		return usagef("không có báo cáo %q (periodic, weekly, staff hoặc satisfaction)", kind)
	}
	f, t, err := parsePeriod(*from, *to)
	if err != nil {
		return err
	}
	switch *by {
	case data.ByNone, data.ByUnit, data.ByField:
	default:
		return usagef("--by phải là unit hoặc field")
	}
	if *out == "" {
		return usagef("cần --out FILE")
	}
	fm := strings.ToLower(*format)
	if fm == "" {
		fm = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	switch fm {
	case reports.FormatPDF, reports.FormatXLSX, reports.FormatCSV:
	default:
		return usagef("--format phải là pdf, xlsx hoặc csv")
	}
	var mode data.Mode
	if *modeFlag != "" {
		if mode, err = data.ParseMode(*modeFlag); err != nil {
			return usagef("--mode: %v", err)
		}
	}

	s, err := openReader(*dataDir)
	if err != nil {
		return err
	}
	defer s.Close()
	if mode == "" {
		m, err := s.Setting(e.ctx, data.SettingDateMode)
		if err != nil {
			return err
		}
		if mode, err = data.ParseMode(m); err != nil {
			return err
		}
	}
	st, err := reports.LoadSettings(e.ctx, s)
	if err != nil {
		return err
	}
	rep, err := reports.Build(e.ctx, s, kind, st, reports.Options{From: f, To: t, By: *by, Mode: mode, Date: s.Now()})
	if err != nil {
		return err
	}
	if err := reports.WriteFile(*out, func(w io.Writer) error { return rep.Write(fm, w) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã ghi %s\n", *out)
	return nil
}
