package reports

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// A statistical report is built once into a format-neutral Report (title, period, tables with
// their header rows, rows, totals and notes) and then written as PDF, XLSX or CSV by the writers
// in this package: the three formats can never disagree on a figure.

// Formats a report can be written in.
const (
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"
)

// Report kinds.
const (
	KindPeriodic     = "periodic"
	KindWeekly       = "weekly"
	KindStaff        = "staff"
	KindSatisfaction = "satisfaction"
)

// Kind says what a cell holds, hence how each format shows it.
type Kind uint8

// Cell kinds.
const (
	KindText    Kind = iota
	KindCount        // a number of dossiers: "1.572" / #,##0 / 1572
	KindMoney        // đồng: "10.327.000" / #,##0 / 10327000
	KindPercent      // percentage points, one decimal: "94,2%" / 0.0% (stored as 0.942) / 94.2
	KindDecimal      // an index or a score, one decimal: "8,5" / 0.0 / 8.5
)

// Cell is one value of a table.
type Cell struct {
	Kind Kind
	Text string  // KindText
	Num  float64 // the other kinds
	Nil  bool    // a number that does not exist (a rate of nothing): blank in every format
}

func cText(s string) Cell         { return Cell{Kind: KindText, Text: s} }
func cCount(n int) Cell           { return Cell{Kind: KindCount, Num: float64(n)} }
func cMoney(n int64) Cell         { return Cell{Kind: KindMoney, Num: float64(n)} }
func cDec(v float64) Cell         { return Cell{Kind: KindDecimal, Num: v} }
func cBlank(k Kind) Cell          { return Cell{Kind: k, Nil: true} }
func cPctOf(part, whole int) Cell { return cPct(pctOf(part, whole)) }

func cPct(p *float64) Cell {
	if p == nil {
		return cBlank(KindPercent)
	}
	return Cell{Kind: KindPercent, Num: *p}
}

// pctOf is part/whole in percent rounded to one decimal, nil when whole is 0.
func pctOf(part, whole int) *float64 {
	if whole == 0 {
		return nil
	}
	v := math.Round(float64(part)*1000/float64(whole)) / 10
	return &v
}

// Display is the cell as printed on paper, Vietnamese style: dot thousands, decimal comma.
func (c Cell) Display() string {
	if c.Nil {
		return ""
	}
	switch c.Kind {
	case KindCount, KindMoney:
		return vntext.Thousands(int64(math.Round(c.Num)))
	case KindPercent:
		return decimalComma(c.Num) + "%"
	case KindDecimal:
		return decimalComma(c.Num)
	}
	return c.Text
}

// Raw is the cell for a machine: no grouping, a decimal point, percentages in points.
func (c Cell) Raw() string {
	if c.Nil {
		return ""
	}
	switch c.Kind {
	case KindCount, KindMoney:
		return strconv.FormatInt(int64(math.Round(c.Num)), 10)
	case KindPercent, KindDecimal:
		return strconv.FormatFloat(c.Num, 'f', 1, 64)
	}
	return c.Text
}

func decimalComma(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", ",", 1)
}

// Col is one column: its header (the lower header row when the table has groups), its relative
// width on paper and its alignment ("" = left for text, right for numbers).
type Col struct {
	Header string
	Width  float64
	Align  string
	NoWrap bool // on paper the column is as wide as its widest cell (dossier codes)
}

func col(header string, width float64) Col  { return Col{Header: header, Width: width} }
func colC(header string, width float64) Col { return Col{Header: header, Width: width, Align: "C"} }

// colSTT is the row-number column, as narrow as "STT" allows.
var colSTT = Col{Header: "STT", Width: 5, Align: "C", NoWrap: true}

// Group is a label over Span adjacent columns in the upper header row. A group without a label
// leaves its columns' headers spanning both rows. Groups, when present, cover every column.
type Group struct {
	Label string
	Span  int
}

// Table is one table of a report: a sheet of the workbook, a section of the PDF and the CSV.
type Table struct {
	Name    string // sheet name and CSV section name (≤ 31 characters)
	Heading string // printed above the table in the PDF when the report has several
	Groups  []Group
	Cols    []Col
	Rows    [][]Cell
	Total   []Cell // the bold totals row; nil when none
	Notes   []string
	Chart   *Chart  // drawn under the table in the PDF
	Size    float64 // font size on paper; 0 = 10 pt
}

// Headers are the column names for a machine: "group: column" when grouped.
func (t *Table) Headers() []string {
	out := make([]string, len(t.Cols))
	i := 0
	for _, c := range t.Cols {
		out[i] = c.Header
		i++
	}
	if len(t.Groups) == 0 {
		return out
	}
	i = 0
	for _, g := range t.Groups {
		for j := 0; j < g.Span && i < len(out); j++ {
			if g.Label != "" {
				out[i] = g.Label + ": " + out[i]
			}
			i++
		}
	}
	return out
}

// Report is a statistical report, ready to be written in any format.
type Report struct {
	Kind      string
	Title     string
	From, To  calendar.Date
	Mode      data.Mode
	By        string
	Settings  Settings
	Date      time.Time // the date in the header ("<place>, ngày … tháng … năm …")
	Landscape bool
	Intro     []string // paragraphs before the tables (PDF)
	Tables    []*Table
}

// Period is "Từ ngày 01/11/2026 đến ngày 20/11/2026".
func (r *Report) Period() string {
	return "Từ ngày " + r.From.VN() + " đến ngày " + r.To.VN()
}

// Write writes the report in a format: FormatPDF, FormatXLSX or FormatCSV.
func (r *Report) Write(format string, w io.Writer) error {
	switch format {
	case FormatPDF:
		return r.WritePDF(w)
	case FormatXLSX:
		return r.WriteXLSX(w)
	case FormatCSV:
		return r.WriteCSV(w)
	}
	return fmt.Errorf("định dạng không hỗ trợ %q (pdf, xlsx hoặc csv)", format)
}

// modeNote says how early / on time / late was decided (docs/DOMAIN.md §7).
func modeNote(m data.Mode) string {
	if m == data.ModeDate {
		return "Cách so hạn: so theo ngày (như hệ thống cấp tỉnh): hồ sơ hoàn thành trong ngày hẹn trả là đúng hạn, trước ngày đó là trước hạn, sau ngày đó là quá hạn."
	}
	return "Cách so hạn: so thời điểm đến từng phút (như Cổng Dịch vụ công quốc gia); hồ sơ phải bổ sung quá một lần được tính quá hạn."
}

// byName is how a grouping is named in titles and headers.
func byName(by string) (title, column string) {
	switch by {
	case data.ByField:
		return "theo lĩnh vực", "Lĩnh vực"
	case data.ByUnit:
		return "theo đơn vị", "Đơn vị"
	}
	return "", "Đơn vị"
}

// Options choose the period and the way of counting of a report.
type Options struct {
	From, To calendar.Date
	By       string    // data.ByUnit, data.ByField or "" (overall); periodic and satisfaction reports
	Mode     data.Mode // "" = data.ModeTimestamp
	Date     time.Time // the date printed in the header; zero = now
}

func (o Options) fill() Options {
	if o.Mode == "" {
		o.Mode = data.ModeTimestamp
	}
	if o.Date.IsZero() {
		o.Date = time.Now()
	}
	o.Date = o.Date.In(vntext.Zone())
	return o
}

func (o Options) report(kind, title string, st Settings) *Report {
	return &Report{Kind: kind, Title: title, From: o.From, To: o.To, Mode: o.Mode, By: o.By, Settings: st,
		Date: o.Date, Landscape: true}
}

// ---- PDF ----

// WritePDF writes the report as an A4 state document: header, title with the period, the tables
// (header rows repeated on every page), their notes and charts, then the signatures.
func (r *Report) WritePDF(w io.Writer) error {
	orient := "P"
	if r.Landscape {
		orient = "L"
	}
	d := NewDoc(orient, "A4")
	d.PageNumbers()
	d.AddPage()
	d.Header(r.Settings, "", r.Date)
	d.Title(r.Title, r.Period())
	for _, p := range r.Intro {
		d.Para(p)
	}
	if len(r.Intro) > 0 {
		d.Gap(2)
	}
	for i, t := range r.Tables {
		if len(r.Tables) > 1 && t.Heading != "" {
			d.ensure(28)
			d.Font("B", SizeBody-1)
			d.pdf.SetX(d.left)
			d.pdf.MultiCell(d.Width(), lineH, T(t.Heading), "", "L", false)
			d.Gap(1)
		}
		// The signatures never stand alone on a page: the last table's last row keeps them
		// company. The last table's chart follows them, as an appendix on a page of its own.
		keep := 0.0 // what must follow on the same page: the signatures, after the last table
		if i == len(r.Tables)-1 {
			keep = signatureReserve
		}
		reserve := keep
		if len(t.Notes) > 0 {
			reserve = notesHead + 2*noteLH // the notes' heading and first lines stay with the table
		}
		drawTable(d, t, reserve)
		drawNotes(d, t.Notes, keep)
		if t.Chart != nil && i < len(r.Tables)-1 {
			d.Gap(3)
			drawChart(d, t.Chart)
		}
		d.Gap(4)
	}
	// Doc.Signatures checks for 40 mm but its name line ends 40.2 mm down, past the automatic page
	// break on a landscape page: make the room here so the name never leaves its block.
	d.ensure(signatureHeight)
	title := r.Settings.SignerTitle
	if title == "" {
		title = "Thủ trưởng đơn vị"
	}
	d.Signatures(Sign{Title: "Người lập biểu", Note: "(Ký, ghi rõ họ tên)"},
		Sign{Title: title, Note: "(Ký, ghi rõ họ tên, đóng dấu)", Name: r.Settings.SignerName})
	if n := len(r.Tables); n > 0 && r.Tables[n-1].Chart != nil && len(r.Tables[n-1].Chart.Groups) > 0 {
		last := r.Tables[n-1]
		d.AddPage()
		d.Font("B", SizeBody)
		d.pdf.SetX(d.left)
		d.pdf.MultiCell(d.Width(), lineH, T("PHỤ LỤC: BIỂU ĐỒ KÈM THEO BÁO CÁO"), "", "C", false)
		d.Gap(2)
		drawChart(d, last.Chart)
	}
	return d.Write(w)
}

// signatureHeight is what Doc.Signatures draws (titles, 32 mm for the signature, the name line)
// and a little room, less the 1 mm between bottomY and the automatic page break.
const signatureHeight = 2 + 32 + lineH + 0.5 - 1

// signatureReserve is the room the signatures need under the last table (after the 4 mm gap)
// so that they share its page.
const signatureReserve = 4 + signatureHeight

// bottomY is the lowest y a table row or a chart may reach, above the page number.
func (d *Doc) bottomY() float64 {
	_, ph := d.pdf.GetPageSize()
	return ph - d.bottom - 6
}

// ensure starts a new page unless h mm are left on this one.
func (d *Doc) ensure(h float64) {
	if d.pdf.GetY()+h > d.bottomY() {
		d.pdf.AddPage()
	}
}

const (
	noteSize = SizeSmall - 1
	noteLH   = 4.6
)

const notesHead = 1.5 + 4.8

// drawNotes prints a table's notes, line by line so that a page break can fall between any two.
// The last two lines stay on the page of whatever follows (keep mm): the signatures never stand
// alone.
func drawNotes(d *Doc, notes []string, keep float64) {
	if len(notes) == 0 {
		return
	}
	pdf := d.pdf
	d.Font("I", noteSize)
	var lines []string
	for _, n := range notes {
		for j, l := range pdf.SplitText(T("- "+n), d.Width()-3) {
			if j > 0 {
				l = "  " + l
			}
			lines = append(lines, l)
		}
	}
	d.ensure(notesHead + float64(min(2, len(lines)))*noteLH)
	d.Gap(1.5)
	d.Font("BI", noteSize)
	pdf.SetX(d.left)
	pdf.CellFormat(d.Width(), 4.8, T("Ghi chú:"), "", 1, "L", false, 0, "")
	d.Font("I", noteSize)
	for j, l := range lines {
		left := float64(len(lines) - j)
		if pdf.GetY()+noteLH > d.bottomY() || left <= 2 && pdf.GetY()+left*noteLH+keep > d.bottomY() {
			pdf.AddPage()
			d.Font("I", noteSize)
		}
		pdf.SetX(d.left)
		pdf.CellFormat(d.Width(), noteLH, l, "", 1, "L", false, 0, "")
	}
}

// pdfTable is a table laid out on one page width.
type pdfTable struct {
	d      *Doc
	t      *Table
	size   float64
	lh     float64
	widths []float64
}

// cellPad is the vertical padding of a table cell, top and bottom together.
const cellPad = 1.6

// drawTable draws a table with one or two header rows (merged group cells), wrapping cells,
// numbers right-aligned and the totals row in bold. A row that does not fit goes to the next
// page, where the header rows are drawn again. The final row keeps reserve mm free under it.
func drawTable(d *Doc, t *Table, reserve float64) {
	pt := &pdfTable{d: d, t: t, size: t.Size}
	if pt.size == 0 {
		pt.size = 10
	}
	pt.lh = pt.size * 0.42
	pt.layout()
	rows := t.Rows
	if t.Total != nil {
		rows = append(rows[:len(rows):len(rows)], t.Total)
	}
	style := func(i int) string {
		if t.Total != nil && i == len(rows)-1 {
			return "B"
		}
		return ""
	}
	hh := pt.header(false)
	first := 0.0
	if len(rows) > 0 {
		_, first = pt.rowLines(rows[0], style(0))
	}
	if len(rows) == 1 {
		first += reserve
	}
	d.ensure(hh + first)
	pt.header(true)
	onPage := 0
	for i, r := range rows {
		extra := 0.0
		if i == len(rows)-1 {
			extra = reserve
		}
		// No widows: when the last three rows do not all fit here, they go over together.
		if len(rows)-i == 3 && onPage >= 2 {
			need := reserve
			for k := i; k < len(rows); k++ {
				_, h := pt.rowLines(rows[k], style(k))
				need += h
			}
			if d.pdf.GetY()+need > d.bottomY() {
				d.pdf.AddPage()
				pt.header(true)
				onPage = 0
			}
		}
		if pt.row(r, style(i), extra) {
			onPage = 0
		}
		onPage++
	}
}

// noWrapPad is what a cell's width must exceed its text by: the 1 mm each side drawTable leaves
// and gofpdf's own cell margins, which SplitText takes off again.
const noWrapPad = 2 + 2*1.0 + 0.6

// layout scales the columns to the page width, widening the no-wrap ones to their widest cell
// at the others' expense.
func (pt *pdfTable) layout() {
	d, t := pt.d, pt.t
	W := d.Width()
	total := 0.0
	for _, c := range t.Cols {
		total += c.Width
	}
	pt.widths = make([]float64, len(t.Cols))
	fixed, flexible := 0.0, 0.0
	for i, c := range t.Cols {
		pt.widths[i] = c.Width * W / total
		if !c.NoWrap {
			flexible += pt.widths[i]
			continue
		}
		d.Font("B", pt.size)
		need := 0.0 // the header may wrap between words
		for _, word := range strings.Fields(T(c.Header)) {
			need = max(need, d.pdf.GetStringWidth(word)+noWrapPad)
		}
		for k, cells := range append(t.Rows[:len(t.Rows):len(t.Rows)], t.Total) {
			if i >= len(cells) {
				continue
			}
			style := ""
			if k == len(t.Rows) {
				style = "B"
			}
			d.Font(style, pt.size)
			need = max(need, d.pdf.GetStringWidth(T(cells[i].Display()))+noWrapPad)
		}
		pt.widths[i] = max(pt.widths[i], min(need, W/3))
		fixed += pt.widths[i]
	}
	if fixed == 0 || flexible == 0 {
		return
	}
	scale := (W - fixed) / flexible
	for i, c := range t.Cols {
		if !c.NoWrap {
			pt.widths[i] *= scale
		}
	}
}

// split wraps text into the lines that fit width w at the current font.
func (pt *pdfTable) split(text string, w float64) []string {
	var out []string
	for _, part := range strings.Split(T(text), "\n") {
		if part == "" {
			out = append(out, "")
			continue
		}
		out = append(out, pt.d.pdf.SplitText(part, w-2)...)
	}
	return out
}

// header lays out the header rows and, when draw, draws them at the current position. It
// returns their height.
func (pt *pdfTable) header(draw bool) float64 {
	d, pdf, t := pt.d, pt.d.pdf, pt.t
	d.Font("B", pt.size)
	lines := func(n int) float64 { return float64(n)*pt.lh + cellPad }
	type box struct {
		x, w  float64
		row   int // 0 upper, 1 lower, 2 both
		lines []string
	}
	var boxes []box
	xs := make([]float64, len(t.Cols)+1)
	xs[0] = d.left
	for i, w := range pt.widths {
		xs[i+1] = xs[i] + w
	}
	if len(t.Groups) == 0 {
		for i, c := range t.Cols {
			boxes = append(boxes, box{x: xs[i], w: pt.widths[i], row: 2, lines: pt.split(c.Header, pt.widths[i])})
		}
	} else {
		i := 0
		for _, g := range t.Groups {
			if g.Label == "" {
				for j := 0; j < g.Span; j++ {
					boxes = append(boxes, box{x: xs[i], w: pt.widths[i], row: 2, lines: pt.split(t.Cols[i].Header, pt.widths[i])})
					i++
				}
				continue
			}
			gw := xs[i+g.Span] - xs[i]
			boxes = append(boxes, box{x: xs[i], w: gw, row: 0, lines: pt.split(g.Label, gw)})
			for j := 0; j < g.Span; j++ {
				boxes = append(boxes, box{x: xs[i], w: pt.widths[i], row: 1, lines: pt.split(t.Cols[i].Header, pt.widths[i])})
				i++
			}
		}
	}
	n := [3]int{}
	for _, b := range boxes {
		n[b.row] = max(n[b.row], len(b.lines))
	}
	var h0, h1 float64
	if len(t.Groups) == 0 {
		h0 = lines(n[2])
	} else {
		h0, h1 = lines(n[0]), lines(n[1])
		if need := lines(n[2]); h0+h1 < need {
			h1 = need - h0
		}
	}
	if !draw {
		return h0 + h1
	}
	y := pdf.GetY()
	pdf.SetFillColor(226, 232, 240)
	for _, b := range boxes {
		by, bh := y, h0+h1
		switch b.row {
		case 0:
			bh = h0
		case 1:
			by, bh = y+h0, h1
		}
		pdf.Rect(b.x, by, b.w, bh, "FD")
		ty := by + (bh-float64(len(b.lines))*pt.lh)/2
		for j, l := range b.lines {
			pdf.SetXY(b.x+1, ty+float64(j)*pt.lh)
			pdf.CellFormat(b.w-2, pt.lh, l, "", 0, "C", false, 0, "")
		}
	}
	pdf.SetXY(d.left, y+h0+h1)
	return h0 + h1
}

func (pt *pdfTable) align(i int, c Cell) string {
	if a := pt.t.Cols[i].Align; a != "" {
		return a
	}
	if c.Kind == KindText {
		return "L"
	}
	return "R"
}

func (pt *pdfTable) rowLines(cells []Cell, style string) ([][]string, float64) {
	pt.d.Font(style, pt.size)
	out := make([][]string, len(pt.t.Cols))
	n := 1
	for i := range pt.t.Cols {
		if i < len(cells) {
			out[i] = pt.split(cells[i].Display(), pt.widths[i])
		}
		n = max(n, len(out[i]))
	}
	return out, float64(n)*pt.lh + cellPad
}

// row draws one row, on a new page under repeated headers when it (and reserve mm) do not fit;
// it reports whether it started a page.
func (pt *pdfTable) row(cells []Cell, style string, reserve float64) (newPage bool) {
	d, pdf := pt.d, pt.d.pdf
	lines, h := pt.rowLines(cells, style)
	if pdf.GetY()+h+reserve > d.bottomY() {
		pdf.AddPage()
		pt.header(true)
		d.Font(style, pt.size)
		newPage = true
	}
	x, y := d.left, pdf.GetY()
	for i, w := range pt.widths {
		if style == "B" {
			pdf.SetFillColor(245, 245, 245)
			pdf.Rect(x, y, w, h, "FD")
		} else {
			pdf.Rect(x, y, w, h, "D")
		}
		var c Cell
		if i < len(cells) {
			c = cells[i]
		}
		align := pt.align(i, c)
		ty := y + (h-float64(len(lines[i]))*pt.lh)/2
		for j, l := range lines[i] {
			pdf.SetXY(x+1, ty+float64(j)*pt.lh)
			pdf.CellFormat(w-2, pt.lh, l, "", 0, align, false, 0, "")
		}
		x += w
	}
	pdf.SetXY(d.left, y+h)
	return newPage
}

// Kinds are the reports Build makes, in the order a menu lists them.
var Kinds = []string{KindPeriodic, KindWeekly, KindStaff, KindSatisfaction}

// Build makes the report of a kind: KindPeriodic, KindWeekly, KindStaff or KindSatisfaction.
func Build(ctx context.Context, s *data.Store, kind string, st Settings, o Options) (*Report, error) {
	switch kind {
	case KindPeriodic:
		return Periodic(ctx, s, st, o)
	case KindWeekly:
		return Weekly(ctx, s, st, o)
	case KindStaff:
		return Staff(ctx, s, st, o)
	case KindSatisfaction:
		return Satisfaction(ctx, s, st, o)
	}
	return nil, fmt.Errorf("không có báo cáo %q (periodic, weekly, staff hoặc satisfaction)", kind)
}
