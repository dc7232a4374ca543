package reports

import "strings"

// Column of a Table: header text, width in mm, alignment "L", "C" or "R".
type Column struct {
	Header string
	Width  float64
	Align  string
}

// Table draws rows under a bold header with borders. Cells wrap; a row that does not fit goes to
// the next page, where the header is drawn again. Widths are scaled to the printable width.
func (d *Doc) Table(cols []Column, rows [][]string, size float64) {
	t := d.StartTable(cols, size)
	for _, r := range rows {
		t.Row(r, "")
	}
}

// TableWriter draws a table one row at a time, so a long register never sits whole in memory.
type TableWriter struct {
	d      *Doc
	cols   []Column
	widths []float64
	size   float64
	lh     float64
}

// StartTable draws the header and returns a writer for the rows.
func (d *Doc) StartTable(cols []Column, size float64) *TableWriter {
	total := 0.0
	for _, c := range cols {
		total += c.Width
	}
	t := &TableWriter{d: d, cols: cols, size: size, lh: size * 0.45}
	for _, c := range cols {
		t.widths = append(t.widths, c.Width*d.Width()/total)
	}
	t.header()
	return t
}

func (t *TableWriter) header() {
	hs := make([]string, len(t.cols))
	for i, c := range t.cols {
		hs[i] = c.Header
	}
	t.draw(hs, "B", true)
}

// Row draws one row; style "" or "B" (totals).
func (t *TableWriter) Row(cells []string, style string) {
	t.draw(cells, style, false)
}

func (t *TableWriter) draw(cells []string, style string, header bool) {
	d, pdf := t.d, t.d.pdf
	d.Font(style, t.size)
	lines := make([][]string, len(t.cols))
	n := 1
	for i := range t.cols {
		text := ""
		if i < len(cells) {
			text = T(cells[i])
		}
		var ls []string
		for _, part := range strings.Split(text, "\n") {
			// SplitText and CellFormat both keep gofpdf's cell margin inside the width.
			ls = append(ls, pdf.SplitText(part, t.widths[i])...)
			if part == "" {
				ls = append(ls, "")
			}
		}
		lines[i] = ls
		n = max(n, len(ls))
	}
	h := float64(n)*t.lh + 2
	_, ph := pdf.GetPageSize()
	if pdf.GetY()+h > ph-d.bottom-6 {
		pdf.AddPage()
		if !header {
			t.header()
			d.Font(style, t.size)
		}
	}
	x, y := d.left, pdf.GetY()
	for i := range t.cols {
		w := t.widths[i]
		if header {
			pdf.SetFillColor(235, 235, 235)
			pdf.Rect(x, y, w, h, "FD")
		} else {
			pdf.Rect(x, y, w, h, "D")
		}
		align := t.cols[i].Align
		if header || align == "" {
			align = "C"
			if !header {
				align = "L"
			}
		}
		for j, l := range lines[i] {
			pdf.SetXY(x, y+1+float64(j)*t.lh)
			pdf.CellFormat(w, t.lh, l, "", 0, align, false, 0, "")
		}
		x += w
	}
	pdf.SetXY(d.left, y+h)
}
