package reports

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/demo"
	"motcua/data/demo/demotest"
	"motcua/data/vntext"
	"motcua/reports/pdftest"
)

// rpNow is "today" of the demo office the statistical reports are tested on.
var rpNow = time.Date(2026, 11, 20, 17, 30, 0, 0, vntext.Zone())

type rpFixture struct {
	s  *data.Store
	st Settings
}

// TestReports builds one demo office (2,000 dossiers over the year before rpNow) and checks every
// statistical report on it, in the three formats.
func TestReports(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(demotest.Copy(t, demo.Options{Dossiers: 2000, Seed: 1, Now: rpNow}), data.DBFile)
	s, err := data.Open(path, data.WithClock(func() time.Time { return rpNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st, err := LoadSettings(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	fx := &rpFixture{s: s, st: st}
	t.Run("Periodic", func(t *testing.T) { testPeriodic(t, fx) })
	t.Run("PeriodicOverallAndByField", func(t *testing.T) { testPeriodicOverallAndByField(t, fx) })
	t.Run("TotalsEqualStats", func(t *testing.T) { testTotalsEqualStats(t, fx) })
	t.Run("Weekly", func(t *testing.T) { testWeekly(t, fx) })
	t.Run("WeeklyLateListIsJudgeLate", func(t *testing.T) { testWeeklyLateList(t, fx) })
	t.Run("Staff", func(t *testing.T) { testStaff(t, fx) })
	t.Run("Satisfaction", func(t *testing.T) { testSatisfaction(t, fx) })
	t.Run("FailedWriteLeavesNoFile", func(t *testing.T) { testFailedWrite(t, fx) })
	t.Run("Concurrent", func(t *testing.T) { testConcurrent(t, fx) })
}

// testConcurrent builds and writes every report from several goroutines at once (run with -race):
// each gives the same CSV as when built alone.
func testConcurrent(t *testing.T, fx *rpFixture) {
	ctx := context.Background()
	o := Options{From: calendar.D(2026, 10, 1), To: calendar.D(2026, 11, 15), By: data.ByUnit, Date: rpNow}
	want := map[string][]byte{}
	for _, k := range Kinds {
		r, err := Build(ctx, fx.s, k, fx.st, o)
		if err != nil {
			t.Fatal(err)
		}
		want[k] = rpWrite(t, r, FormatCSV)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 3*len(Kinds))
	for i := 0; i < 3; i++ {
		for _, k := range Kinds {
			wg.Add(1)
			go func(k string) {
				defer wg.Done()
				r, err := Build(ctx, fx.s, k, fx.st, o)
				if err != nil {
					errs <- err
					return
				}
				for _, f := range []string{FormatPDF, FormatXLSX, FormatCSV} {
					var b bytes.Buffer
					if err := r.Write(f, &b); err != nil {
						errs <- err
						return
					}
					if f == FormatCSV && !bytes.Equal(b.Bytes(), want[k]) {
						errs <- fmt.Errorf("%s: concurrent CSV differs", k)
					}
				}
			}(k)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// ---- helpers ------------------------------------------------------------------------------------

func rpWrite(t *testing.T, r *Report, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := r.Write(format, &b); err != nil {
		t.Fatalf("%s %s: %v", r.Kind, format, err)
	}
	return b.Bytes()
}

// rpKeep saves a document under MOTCUA_PDF_OUT for looking at.
func rpKeep(name string, b []byte) {
	if out := os.Getenv("MOTCUA_PDF_OUT"); out != "" {
		os.WriteFile(filepath.Join(out, name), b, 0o644)
	}
}

// rpContains checks the text of a page as pdftotext -layout gives it or, for what wraps inside a
// table cell, as reading order gives it (rpText keeps both).
func rpContains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	flat := pdftest.Flat(text)
	rpRawMu.Lock()
	raw := pdftest.Flat(rpRaw[text])
	rpRawMu.Unlock()
	for _, w := range wants {
		if !strings.Contains(text, w) && !strings.Contains(flat, w) && !strings.Contains(raw, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// rpRaw maps the -layout text of a PDF to its reading-order text.
var (
	rpRaw   = map[string]string{}
	rpRawMu sync.Mutex
)

// rpText is the layout text, remembering the reading-order text too.
func rpText(t *testing.T, pdf []byte) string {
	t.Helper()
	text := pdftest.Text(t, pdf, pdftest.Layout)
	reading := pdftest.Text(t, pdf, pdftest.Reading)
	rpRawMu.Lock()
	rpRaw[text] = reading
	rpRawMu.Unlock()
	return text
}

// rpLine is the fields of the first line of a pdftotext -layout page that contains label,
// after the label.
func rpLine(t *testing.T, text, label string) []string {
	t.Helper()
	for _, l := range strings.Split(text, "\n") {
		if i := strings.Index(l, label); i >= 0 {
			return strings.Fields(l[i+len(label):])
		}
	}
	t.Fatalf("no line with %q in\n%s", label, text)
	return nil
}

func rpDisplays(cells []Cell) []string {
	var out []string
	for _, c := range cells {
		out = append(out, c.Display())
	}
	return out
}

func rpXLSX(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("XLSX does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rpCell is a cell's stored value (not formatted).
func rpCell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// rpNumFmt is the number format of a cell.
func rpNumFmt(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	switch st.NumFmt {
	case 3:
		return "#,##0"
	case 0:
		return ""
	}
	return "builtin " + strconv.Itoa(st.NumFmt)
}

func rpBold(t *testing.T, f *excelize.File, sheet, ref string) bool {
	t.Helper()
	id, _ := f.GetCellStyle(sheet, ref)
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Font != nil && st.Font.Bold
}

// rpFrozen checks that the rows up to row are frozen.
func rpFrozen(t *testing.T, f *excelize.File, sheet string, row int) {
	t.Helper()
	p, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Freeze || p.YSplit != row || p.TopLeftCell != "A"+strconv.Itoa(row+1) {
		t.Errorf("sheet %q panes %+v, want rows 1–%d frozen", sheet, p, row)
	}
}

func rpMerged(t *testing.T, f *excelize.File, sheet string, ranges ...string) {
	t.Helper()
	ms, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, m := range ms {
		have[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, r := range ranges {
		if !have[r] {
			t.Errorf("sheet %q: %s not merged (merged: %v)", sheet, r, have)
		}
	}
}

// rpCSV checks the byte-order mark and CRLF line ends and parses the records.
func rpCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("CSV does not start with the UTF-8 BOM: %q", b[:min(len(b), 10)])
	}
	if !bytes.Contains(b, []byte("\r\n")) || bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
		t.Error("CSV lines do not end in CRLF")
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	return recs
}

// periodicFigures are the eleven figures of the periodic report, in its column order.
func periodicFigures(f data.Figures) []int {
	return []int{f.ReceivedTotal, f.ReceivedCarried, f.ReceivedNewOnline, f.ReceivedNewDirect,
		f.ResolvedTotal, f.ResolvedEarly, f.ResolvedOnTime, f.ResolvedLate,
		f.PendingTotal, f.PendingWithin, f.PendingOverdue}
}

func rpInts(ns []int) []string {
	var out []string
	for _, n := range ns {
		out = append(out, strconv.Itoa(n))
	}
	return out
}

func rpThousands(ns []int) []string {
	var out []string
	for _, n := range ns {
		out = append(out, vntext.Thousands(int64(n)))
	}
	return out
}

func rpEqual(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s:\n got %v\nwant %v", what, got, want)
	}
}

// ---- periodic -----------------------------------------------------------------------------------

func testPeriodic(t *testing.T, fx *rpFixture) {
	ctx := context.Background()
	from, to := calendar.D(2026, 1, 1), calendar.D(2026, 11, 15)
	rep, err := Periodic(ctx, fx.s, fx.st, Options{From: from, To: to, By: data.ByUnit, Mode: data.ModeTimestamp, Date: rpNow})
	if err != nil {
		t.Fatal(err)
	}
	stats, err := fx.s.Stats(ctx, from, to, data.ByUnit, data.ModeTimestamp)
	if err != nil {
		t.Fatal(err)
	}
	if len(stats.Rows) < 4 {
		t.Fatalf("demo has %d units with dossiers", len(stats.Rows))
	}

	// PDF: title, period, both header rows, units with their accents, the totals, the chart.
	pdf := rpWrite(t, rep, FormatPDF)
	rpKeep("report-periodic-unit.pdf", pdf)
	text := rpText(t, pdf)
	rpContains(t, "periodic PDF", text, "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THEO ĐƠN VỊ",
		"(Từ ngày 01/01/2026 đến ngày 15/11/2026)", "Đông Tiến, ngày 20 tháng 11 năm 2026",
		"Số hồ sơ tiếp nhận", "Số hồ sơ đã giải quyết", "Số hồ sơ đang giải quyết", "Từ kỳ trước", "Mới trực",
		"Trước hạn", "Đúng hạn", "Quá hạn", "Trong hạn", "Tổng số", "Công chức Tư pháp - Hộ tịch", "Công an xã Đông Tiến",
		"TỔNG CỘNG", "Cách so hạn: so thời điểm", "PHỤ LỤC: BIỂU ĐỒ KÈM THEO BÁO CÁO", "Biểu đồ kết quả giải quyết theo đơn vị",
		"NGƯỜI LẬP BIỂU", "Trang 1/2", "Trang 2/2")
	rpEqual(t, "PDF totals row", rpLine(t, text, "TỔNG CỘNG"), rpThousands(periodicFigures(stats.Total)))
	for _, row := range stats.Rows {
		if row.Name == "Công chức Tư pháp - Hộ tịch" {
			rpEqual(t, "PDF row "+row.Name, rpLine(t, text, row.Name), rpThousands(periodicFigures(row.Figures)))
		}
	}
	// The chart labels each bar with its count, under the legend.
	tp := rowByName(stats.Rows, "Công chức Tư pháp - Hộ tịch")
	chart := text[strings.Index(text, "PHỤ LỤC"):]
	rpContains(t, "chart", chart, "Trước hạn", "Đúng hạn", "Quá hạn", "Công chức Tư pháp - Hộ tịch",
		vntext.Thousands(int64(tp.ResolvedEarly)), vntext.Thousands(int64(tp.ResolvedLate)))
	if fonts := pdfFonts(t, pdf); !strings.Contains(fonts, "CID TrueType") || !strings.Contains(fonts, "yes") {
		t.Errorf("fonts not embedded:\n%s", fonts)
	}

	// XLSX: a real workbook.
	f := rpXLSX(t, rpWrite(t, rep, FormatXLSX))
	sheet := "Định kỳ theo đơn vị"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sheet {
		t.Fatalf("sheets %v", got)
	}
	for ref, want := range map[string]string{
		"A1": "Bộ phận Một cửa UBND xã Đông Tiến", "A2": "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THEO ĐƠN VỊ",
		"A3": "(Từ ngày 01/01/2026 đến ngày 15/11/2026)",
		"A6": "STT", "B6": "Đơn vị", "C6": "Số hồ sơ tiếp nhận", "G6": "Số hồ sơ đã giải quyết", "K6": "Số hồ sơ đang giải quyết",
		"C7": "Tổng số", "D7": "Từ kỳ trước", "E7": "Mới trực tuyến", "F7": "Mới trực tiếp, bưu chính",
		"G7": "Tổng số", "H7": "Trước hạn", "I7": "Đúng hạn", "J7": "Quá hạn", "K7": "Tổng số", "L7": "Trong hạn", "M7": "Quá hạn",
		"B8": stats.Rows[0].Name,
	} {
		if got := rpCell(t, f, sheet, ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	rpMerged(t, f, sheet, "A6:A7", "B6:B7", "C6:F6", "G6:J6", "K6:M6")
	var row8, total []string
	tr := 8 + len(stats.Rows)
	for c := 3; c <= 13; c++ {
		row8 = append(row8, rpCell(t, f, sheet, cellName(c, 8)))
		total = append(total, rpCell(t, f, sheet, cellName(c, tr)))
	}
	rpEqual(t, "XLSX first row", row8, rpInts(periodicFigures(stats.Rows[0].Figures)))
	if got := rpCell(t, f, sheet, cellName(2, tr)); got != "TỔNG CỘNG" {
		t.Errorf("totals row label %q", got)
	}
	rpEqual(t, "XLSX totals row", total, rpInts(periodicFigures(stats.Total)))
	if nf := rpNumFmt(t, f, sheet, "C8"); nf != "#,##0" {
		t.Errorf("count format %q", nf)
	}
	if !rpBold(t, f, sheet, cellName(3, tr)) || !rpBold(t, f, sheet, "C6") || rpBold(t, f, sheet, "C8") {
		t.Error("header and totals bold, body regular: not so")
	}
	rpFrozen(t, f, sheet, 7)
	if note := rpCell(t, f, sheet, cellName(1, tr+2)); !strings.Contains(note, "so thời điểm") {
		t.Errorf("mode note under the table: %q", note)
	}
	if w, _ := f.GetColWidth(sheet, "B"); w < 25 {
		t.Errorf("unit column width %.1f", w)
	}

	// CSV: BOM, the header, a row per unit, the totals.
	raw := rpWrite(t, rep, FormatCSV)
	if !bytes.Contains(raw, []byte(`"Số hồ sơ tiếp nhận: Mới trực tiếp, bưu chính"`)) {
		t.Error("a header with a comma is not quoted")
	}
	recs := rpCSV(t, raw)
	rpEqual(t, "CSV header", recs[0], []string{"STT", "Đơn vị", "Số hồ sơ tiếp nhận: Tổng số", "Số hồ sơ tiếp nhận: Từ kỳ trước",
		"Số hồ sơ tiếp nhận: Mới trực tuyến", "Số hồ sơ tiếp nhận: Mới trực tiếp, bưu chính", "Số hồ sơ đã giải quyết: Tổng số",
		"Số hồ sơ đã giải quyết: Trước hạn", "Số hồ sơ đã giải quyết: Đúng hạn", "Số hồ sơ đã giải quyết: Quá hạn",
		"Số hồ sơ đang giải quyết: Tổng số", "Số hồ sơ đang giải quyết: Trong hạn", "Số hồ sơ đang giải quyết: Quá hạn"})
	if len(recs) != 2+len(stats.Rows) {
		t.Fatalf("CSV has %d records for %d units", len(recs), len(stats.Rows))
	}
	for i, row := range stats.Rows {
		rpEqual(t, "CSV row", recs[1+i], append([]string{strconv.Itoa(i + 1), row.Name}, rpInts(periodicFigures(row.Figures))...))
	}
	rpEqual(t, "CSV totals", recs[len(recs)-1], append([]string{"", "TỔNG CỘNG"}, rpInts(periodicFigures(stats.Total))...))
}

func rowByName(rows []data.Row, name string) data.Row {
	for _, r := range rows {
		if r.Name == name {
			return r
		}
	}
	return data.Row{}
}

func testPeriodicOverallAndByField(t *testing.T, fx *rpFixture) {
	ctx := context.Background()
	from, to := calendar.D(2026, 7, 1), calendar.D(2026, 9, 30)
	stats, err := fx.s.Stats(ctx, from, to, data.ByField, data.ModeDate)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Periodic(ctx, fx.s, fx.st, Options{From: from, To: to, By: data.ByField, Mode: data.ModeDate, Date: rpNow})
	if err != nil {
		t.Fatal(err)
	}
	pdf := rpWrite(t, rep, FormatPDF)
	rpKeep("report-periodic-field.pdf", pdf)
	text := rpText(t, pdf)
	rpContains(t, "by-field PDF", text, "THEO LĨNH VỰC", "Lĩnh vực", "Hộ tịch", "Chứng thực", "Đất đai",
		"Cách so hạn: so theo ngày", "Biểu đồ kết quả giải quyết theo lĩnh vực")
	rpEqual(t, "by-field totals", rpLine(t, text, "TỔNG CỘNG"), rpThousands(periodicFigures(stats.Total)))
	recs := rpCSV(t, rpWrite(t, rep, FormatCSV))
	if recs[0][1] != "Lĩnh vực" || len(recs) != 2+len(stats.Rows) {
		t.Errorf("by-field CSV: header %v, %d records for %d fields", recs[0], len(recs), len(stats.Rows))
	}

	// Overall: the totals row alone in the table, the chart by unit.
	rep, err = Periodic(ctx, fx.s, fx.st, Options{From: from, To: to, Mode: data.ModeDate, Date: rpNow})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Tables[0].Rows); n != 0 {
		t.Errorf("overall report has %d rows", n)
	}
	text = rpText(t, rpWrite(t, rep, FormatPDF))
	rpContains(t, "overall PDF", text, "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Biểu đồ kết quả giải quyết theo đơn vị")
	rpEqual(t, "overall totals", rpLine(t, text, "TỔNG CỘNG"), rpThousands(periodicFigures(stats.Total)))
	f := rpXLSX(t, rpWrite(t, rep, FormatXLSX))
	if got := f.GetSheetList(); got[0] != "Báo cáo định kỳ" {
		t.Errorf("overall sheet %v", got)
	}
	rpFrozen(t, f, "Báo cáo định kỳ", 7)
	recs = rpCSV(t, rpWrite(t, rep, FormatCSV))
	if len(recs) != 2 || recs[1][1] != "TỔNG CỘNG" {
		t.Errorf("overall CSV %v", recs)
	}
}

// testTotalsEqualStats: for several periods, both modes and every grouping, the report's totals
// row is the store's figures (what "motcua stats" prints), and the rows add up to it.
func testTotalsEqualStats(t *testing.T, fx *rpFixture) {
	ctx := context.Background()
	periods := [][2]calendar.Date{
		{calendar.D(2026, 11, 9), calendar.D(2026, 11, 15)},  // a week
		{calendar.D(2026, 10, 1), calendar.D(2026, 10, 31)},  // a month
		{calendar.D(2026, 7, 1), calendar.D(2026, 9, 30)},    // a quarter
		{calendar.D(2025, 11, 21), calendar.D(2026, 11, 20)}, // the demo's year
		{calendar.D(2026, 11, 16), calendar.D(2026, 12, 31)}, // running past today
	}
	for _, p := range periods {
		for _, mode := range []data.Mode{data.ModeTimestamp, data.ModeDate} {
			want, err := fx.s.Stats(ctx, p[0], p[1], data.ByNone, mode)
			if err != nil {
				t.Fatal(err)
			}
			for _, by := range []string{data.ByNone, data.ByUnit, data.ByField} {
				rep, err := Periodic(ctx, fx.s, fx.st, Options{From: p[0], To: p[1], By: by, Mode: mode, Date: rpNow})
				if err != nil {
					t.Fatal(err)
				}
				tb := rep.Tables[0]
				what := p[0].String() + "…" + p[1].String() + " " + string(mode) + " by " + by
				var got []string
				for _, c := range tb.Total[2:] {
					got = append(got, c.Raw())
				}
				rpEqual(t, what+" totals", got, rpInts(periodicFigures(want.Total)))
				sums := make([]int, 11)
				for _, r := range tb.Rows {
					for i, c := range r[2:] {
						sums[i] += int(c.Num)
					}
				}
				if by != data.ByNone {
					rpEqual(t, what+" rows sum", rpInts(sums), rpInts(periodicFigures(want.Total)))
				}
				// The CSV carries the same figures.
				if by == data.ByUnit && mode == data.ModeDate {
					recs := rpCSV(t, rpWrite(t, rep, FormatCSV))
					rpEqual(t, what+" CSV totals", recs[len(recs)-1][2:], rpInts(periodicFigures(want.Total)))
				}
			}
			if want.Total.ReceivedTotal == 0 && p[0].Year == 2026 && p[0].Month < 11 {
				t.Errorf("%v: the demo has nothing in the period", p)
			}
		}
	}
}

func testFailedWrite(t *testing.T, fx *rpFixture) {
	ctx := context.Background()
	rep, err := Periodic(ctx, fx.s, fx.st, Options{From: calendar.D(2026, 11, 1), To: calendar.D(2026, 11, 15), By: data.ByUnit, Date: rpNow})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// A writer that fails half-way (an unknown format here) leaves nothing behind.
	if err := WriteFile(filepath.Join(dir, "bao-cao.docx"), func(w io.Writer) error { return rep.Write("docx", w) }); err == nil {
		t.Error("unknown format accepted")
	}
	// A document that cannot take its place (a folder is in the way) leaves no temporary file.
	blocked := filepath.Join(dir, "bao-cao.pdf")
	os.Mkdir(blocked, 0o755)
	os.WriteFile(filepath.Join(blocked, "x"), nil, 0o644)
	if err := WriteFile(blocked, func(w io.Writer) error { return rep.Write(FormatPDF, w) }); err == nil {
		t.Error("rename over a folder succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "bao-cao.pdf" {
		t.Errorf("left behind: %v", entries)
	}
	// And a good one is complete.
	good := filepath.Join(dir, "bao-cao.xlsx")
	if err := WriteFile(good, func(w io.Writer) error { return rep.Write(FormatXLSX, w) }); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(good)
	rpXLSX(t, b)
}
