package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A table reports no rows before its first layout (Fyne would make a divider for every one of
// them), and all of them once it has a size.
func TestLaidOutRows(t *testing.T) {
	test.NewTempApp(t)
	var tbl *widget.Table
	tbl = widget.NewTable(
		func() (int, int) { return laidOutRows(tbl, 10_000), 3 },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(widget.TableCellID, fyne.CanvasObject) {})
	tbl.Refresh()
	if rows, _ := tbl.Length(); rows != 0 {
		t.Fatalf("%d rows before the first layout", rows)
	}
	tbl.Resize(fyne.NewSize(400, 300))
	if rows, _ := tbl.Length(); rows != 10_000 {
		t.Fatalf("%d rows once laid out", rows)
	}
}
