package reports

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Number formats of the workbook.
const (
	xlsxCountFmt   = "#,##0"
	xlsxPercentFmt = "0.0%"
	xlsxDecimalFmt = "0.0"
)

// xlsxStyles are the cell styles of a workbook: [bold][kind].
type xlsxStyles struct {
	office, title, period, heading, note, header int
	cell                                         [2][5]int
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	st := &xlsxStyles{}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Bold: bold, Italic: italic, Size: size, Family: "Times New Roman"}
	}
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	var err error
	add := func(dst *int, s *excelize.Style) {
		if err != nil {
			return
		}
		*dst, err = f.NewStyle(s)
	}
	add(&st.office, &excelize.Style{Font: font(true, false, 12)})
	add(&st.title, &excelize.Style{Font: font(true, false, 14), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	add(&st.period, &excelize.Style{Font: font(false, true, 12), Alignment: &excelize.Alignment{Horizontal: "center"}})
	add(&st.heading, &excelize.Style{Font: font(true, false, 12)})
	add(&st.note, &excelize.Style{Font: font(false, true, 11), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	add(&st.header, &excelize.Style{Font: font(true, false, 11), Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	formats := [5]string{KindCount: xlsxCountFmt, KindMoney: xlsxCountFmt, KindPercent: xlsxPercentFmt, KindDecimal: xlsxDecimalFmt}
	for b := 0; b < 2; b++ {
		for k := KindText; k <= KindDecimal; k++ {
			s := &excelize.Style{Font: font(b == 1, false, 11), Border: border,
				Alignment: &excelize.Alignment{Vertical: "center", WrapText: k == KindText}}
			if b == 1 {
				s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
			}
			if formats[k] != "" {
				nf := formats[k]
				s.CustomNumFmt = &nf
			}
			add(&st.cell[b][k], s)
		}
	}
	return st, err
}

// sheetName makes a valid, unique sheet name: no []:*?/\, at most 31 characters.
func sheetName(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, T(name))
	if name == "" {
		name = "Báo cáo"
	}
	if utf8.RuneCountInString(name) > 31 {
		name = string([]rune(name)[:31])
	}
	base := name
	for i := 2; used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		r := []rune(base)
		name = string(r[:min(len(r), 31-len(suffix))]) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

// WriteXLSX writes the report as a workbook, one sheet per table: the office, title and period
// on top, a bold filled header (group cells merged), borders, number formats, frozen header rows,
// column widths fitted to the content, the totals row in bold, the notes underneath.
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return fmt.Errorf("tạo tệp XLSX: %w", err)
	}
	used := map[string]bool{}
	for i, t := range r.Tables {
		name := sheetName(t.Name, used)
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err == nil {
			err = r.writeSheet(f, st, name, t)
		}
		if err != nil {
			return fmt.Errorf("tạo trang %q của tệp XLSX: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{Title: T(r.Title), Creator: "Một Cửa", Description: T(r.Period())}); err != nil {
		return fmt.Errorf("tạo tệp XLSX: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("ghi tệp XLSX: %w", err)
	}
	return nil
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

// xlsxHeaderRow is the first header row of every sheet: office, title, period, heading, blank.
const xlsxHeaderRow = 6

func (r *Report) writeSheet(f *excelize.File, st *xlsxStyles, sheet string, t *Table) error {
	ncol := len(t.Cols)
	last := colName(ncol)
	var errs []error
	check := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	banner := func(row int, text string, style int) {
		a, b := cellName(1, row), cellName(ncol, row)
		check(f.SetCellStr(sheet, a, T(text)))
		if ncol > 1 {
			check(f.MergeCell(sheet, a, b))
		}
		check(f.SetCellStyle(sheet, a, b, style))
	}
	banner(1, r.Settings.OfficeName, st.office)
	banner(2, strings.ToUpper(r.Title), st.title)
	check(f.SetRowHeight(sheet, 2, 36))
	banner(3, "("+r.Period()+")", st.period)
	heading := t.Heading
	if heading == "" {
		heading = t.Name
	}
	banner(4, heading, st.heading)

	// Header rows.
	hr := xlsxHeaderRow
	widths := make([]float64, ncol)
	if len(t.Groups) == 0 {
		for i, c := range t.Cols {
			check(f.SetCellStr(sheet, cellName(i+1, hr), T(c.Header)))
		}
	} else {
		i := 1
		for _, g := range t.Groups {
			if g.Label == "" {
				for j := 0; j < g.Span; j++ {
					check(f.SetCellStr(sheet, cellName(i, hr), T(t.Cols[i-1].Header)))
					check(f.MergeCell(sheet, cellName(i, hr), cellName(i, hr+1)))
					i++
				}
				continue
			}
			check(f.SetCellStr(sheet, cellName(i, hr), T(g.Label)))
			if g.Span > 1 {
				check(f.MergeCell(sheet, cellName(i, hr), cellName(i+g.Span-1, hr)))
			}
			for j := 0; j < g.Span; j++ {
				check(f.SetCellStr(sheet, cellName(i, hr+1), T(t.Cols[i-1].Header)))
				i++
			}
		}
	}
	lastHeader := hr
	if len(t.Groups) > 0 {
		lastHeader = hr + 1
	}
	check(f.SetCellStyle(sheet, cellName(1, hr), cellName(ncol, lastHeader), st.header))

	// Body.
	row := lastHeader + 1
	put := func(cells []Cell, bold int) {
		for i := 0; i < ncol; i++ {
			c := cText("")
			if i < len(cells) {
				c = cells[i]
			}
			ref := cellName(i+1, row)
			switch {
			case c.Nil:
			case c.Kind == KindText:
				check(f.SetCellStr(sheet, ref, T(c.Text)))
				widths[i] = math.Max(widths[i], float64(utf8.RuneCountInString(c.Text)))
			case c.Kind == KindCount || c.Kind == KindMoney:
				check(f.SetCellInt(sheet, ref, int64(math.Round(c.Num))))
				widths[i] = math.Max(widths[i], float64(len(c.Display()))+2)
			case c.Kind == KindPercent:
				check(f.SetCellFloat(sheet, ref, c.Num/100, -1, 64))
				widths[i] = math.Max(widths[i], float64(len(c.Display()))+2)
			default:
				check(f.SetCellFloat(sheet, ref, c.Num, -1, 64))
				widths[i] = math.Max(widths[i], float64(len(c.Display()))+2)
			}
			check(f.SetCellStyle(sheet, ref, ref, st.cell[bold][c.Kind]))
		}
		row++
	}
	for _, cells := range t.Rows {
		put(cells, 0)
	}
	if t.Total != nil {
		put(t.Total, 1)
	}
	lastRow := row - 1

	// Column widths: the content, within reason; a header wraps rather than widen its column.
	for i, c := range t.Cols {
		wd := widths[i]
		for _, word := range strings.Fields(c.Header) {
			wd = math.Max(wd, float64(utf8.RuneCountInString(word))+2)
		}
		wd = math.Min(math.Max(wd+1, 6), 48)
		widths[i] = wd
		check(f.SetColWidth(sheet, colName(i+1), colName(i+1), wd))
	}
	// Row heights: Excel does not grow a row for wrapped text by itself.
	rowLines := func(texts []string, cols []int) int {
		n := 1
		for k, s := range texts {
			wd := widths[cols[k]]
			n = max(n, int(math.Ceil(float64(utf8.RuneCountInString(s))*1.1/math.Max(wd-1, 1))))
		}
		return n
	}
	setHeight := func(r, lines int) {
		if lines > 1 {
			check(f.SetRowHeight(sheet, r, float64(lines)*15+2))
		}
	}
	{
		var texts []string
		var cols []int
		for i, c := range t.Cols {
			texts, cols = append(texts, c.Header), append(cols, i)
		}
		setHeight(lastHeader, rowLines(texts, cols))
		if len(t.Groups) > 0 {
			setHeight(hr, 1)
		}
	}
	for k, cells := range append(append([][]Cell{}, t.Rows...), t.Total) {
		if cells == nil {
			continue
		}
		var texts []string
		var cols []int
		for i, c := range cells {
			if c.Kind == KindText && i < ncol {
				texts, cols = append(texts, c.Text), append(cols, i)
			}
		}
		setHeight(lastHeader+1+k, rowLines(texts, cols))
	}

	// Notes under the table.
	nr := lastRow + 2
	for _, n := range t.Notes {
		a, b := cellName(1, nr), cellName(ncol, nr)
		check(f.SetCellStr(sheet, a, T("Ghi chú: "+n)))
		if ncol > 1 {
			check(f.MergeCell(sheet, a, b))
		}
		check(f.SetCellStyle(sheet, a, b, st.note))
		total := 0.0
		for _, wd := range widths {
			total += wd
		}
		check(f.SetRowHeight(sheet, nr, math.Ceil(float64(utf8.RuneCountInString(n))*1.1/total+0.3)*15))
		nr++
	}

	// Frozen header, landscape A4 printing with the header rows repeated.
	check(f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: lastHeader, TopLeftCell: cellName(1, lastHeader+1),
		ActivePane: "bottomLeft", Selection: []excelize.Selection{{SQRef: cellName(1, lastHeader+1), ActiveCell: cellName(1, lastHeader+1), Pane: "bottomLeft"}}}))
	orient, size, fit := "landscape", 9, true // 9: A4
	check(f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size, FitToWidth: ptrInt(1), FitToHeight: ptrInt(0)}))
	check(f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, hr, lastHeader)}))
	check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", sheet, last, max(lastRow, nr-1))}))
	if len(errs) > 0 {
		return errs[0]
	}
	return nil
}

func ptrInt(v int) *int { return &v }
