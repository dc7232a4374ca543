package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// catalogColumn is one column of a catalog list: its heading (translated) and width.
type catalogColumn struct {
	title string
	width float32
}

// newCatalogTable is a read-only list with a heading row. cell gives the text of a cell and
// whether its row is out of use (greyed); a click on a row calls open with the row's index.
func newCatalogTable(cols []catalogColumn, rows func() int, cell func(row, col int) (text string, dim bool), open func(row int)) *widget.Table {
	var t *widget.Table
	t = widget.NewTable(
		func() (int, int) { return laidOutRows(t, rows()), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Thủ tục đăng ký khai sinh")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row < 0 || id.Row >= rows() {
				l.SetText("")
				return
			}
			text, dim := cell(id.Row, id.Col)
			l.Importance = widget.MediumImportance
			if dim {
				l.Importance = widget.LowImportance
			}
			l.SetText(text)
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		if id.Row >= 0 && id.Row < rows() {
			open(id.Row)
		}
	}
	return t
}
