package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// statsColumn is one column of a statistics table.
type statsColumn struct {
	title  string // translated
	width  float32
	number bool // right-aligned
}

// statsTable is a read-only table with a header row; cell gives the text of a cell and bold
// says which rows are totals. The table reads the rows through the functions on every refresh,
// so the screen only swaps its slices and calls Refresh.
func newStatsTable(cols []statsColumn, rows func() int, cell func(row, col int) string, bold func(row int) bool) *widget.Table {
	var t *widget.Table
	t = widget.NewTable(
		func() (int, int) { return laidOutRows(t, rows()), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Alignment = fyne.TextAlignLeading
			if cols[id.Col].number {
				l.Alignment = fyne.TextAlignTrailing
			}
			l.TextStyle = fyne.TextStyle{Bold: bold != nil && bold(id.Row)}
			l.SetText(cell(id.Row, id.Col))
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.Alignment = fyne.TextAlignLeading
		if id.Col >= 0 && id.Col < len(cols) {
			if cols[id.Col].number {
				l.Alignment = fyne.TextAlignTrailing
			}
			l.SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}
