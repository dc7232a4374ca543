package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A box that shows why it stays open grows around the message: its buttons stay inside it.
func TestModalGrowsAroundItsMessage(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fitSize)
	reason := widget.NewMultiLineEntry()
	reason.SetMinRowsVisible(3)
	m := askForm(w, "Từ chối hồ sơ", reason, "Từ chối", func() string { return "" })
	var ok *widget.Button
	walk(m.pop.Content, func(o fyne.CanvasObject) {
		if b, is := o.(*widget.Button); is && b.Text == "Từ chối" {
			ok = b
		}
	})
	if ok == nil {
		t.Fatal("no confirm button")
	}
	before := m.pop.Size()
	m.fail("Bắt buộc: " + strings.Repeat("hãy ghi lý do từ chối để in trên mẫu 03, ", 6))
	box := m.pop.Size()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(ok)
	top := fyne.CurrentApp().Driver().AbsolutePositionForObject(m.pop.Content)
	if box.Height <= before.Height {
		t.Errorf("the box stayed %v high with the message (was %v)", box, before)
	}
	if bottom := pos.Y + ok.Size().Height; bottom > top.Y+m.pop.Content.Size().Height+1 {
		t.Errorf("the button ends at y=%.0f, below the box's edge at %.0f", bottom, top.Y+m.pop.Content.Size().Height)
	}
	m.fail("")
	if h := m.pop.Size().Height; h > box.Height {
		t.Errorf("the box grew to %.0f without a message", h)
	}
}
