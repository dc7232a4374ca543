package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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

// fillWidth holds a catalog table whose widest column (the name) takes the room the others
// leave: on a wide screen the names show whole instead of ending in "…" beside empty space.
func fillWidth(t *widget.Table, cols []catalogColumn) fyne.CanvasObject {
	grow := 0
	for i, c := range cols {
		if c.width > cols[grow].width {
			grow = i
		}
	}
	return container.New(&fillWidthLayout{table: t, cols: cols, grow: grow}, t)
}

type fillWidthLayout struct {
	table *widget.Table
	cols  []catalogColumn
	grow  int
	width float32 // the growing column's width set last
}

func (l *fillWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	rest := size.Width - theme.Padding()*float32(len(l.cols)+1)
	for i, c := range l.cols {
		if i != l.grow {
			rest -= c.width
		}
	}
	if w := max(rest, l.cols[l.grow].width); w != l.width {
		l.width = w
		l.table.SetColumnWidth(l.grow, w)
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *fillWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }
