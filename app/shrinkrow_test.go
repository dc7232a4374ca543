package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A long text of the status bar is whole when there is room and gives way when there is not,
// instead of making the window wider.
func TestShrinkRowTruncatesOnlyWhenNeeded(t *testing.T) {
	test.NewTempApp(t)
	long := widget.NewLabel("Bộ phận Một cửa UBND xã Đông Tiến, huyện Đơn Dương, tỉnh Lâm Đồng")
	long.Truncation = fyne.TextTruncateEllipsis
	fixed := widget.NewLabel("Máy trạm số 1")
	row := container.New(shrinkRow{}, long, fixed)
	whole := widget.NewLabel(long.Text).MinSize().Width
	if w := row.MinSize().Width; w >= whole {
		t.Errorf("the row needs %.0f px, as much as the whole text (%.0f)", w, whole)
	}
	row.Resize(fyne.NewSize(1300, 40))
	if got := long.Size().Width; got < whole {
		t.Errorf("with room the text got %.0f px of the %.0f it needs", got, whole)
	}
	for _, s := range texts(long) {
		if strings.HasSuffix(s, "…") {
			t.Errorf("with room the text is cut: %q", s)
		}
	}
	row.Resize(fyne.NewSize(300, 40))
	if got := long.Size().Width + fixed.Size().Width; got > 300 {
		t.Errorf("in 300 px the row takes %.0f", got)
	}
	if fixed.Size().Width < fixed.MinSize().Width {
		t.Error("the label that does not truncate was squeezed")
	}
}
