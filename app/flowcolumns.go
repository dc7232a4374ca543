package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// flowColumns lays its objects out side by side in equal columns when each column gets at least
// column pixels, else one under the other: the applicant's fields keep their placeholders whole in
// a small window instead of being squeezed into two narrow columns. Its minimum width is that of
// one column, so it never makes the window wider.
type flowColumns struct {
	column float32 // the narrowest a column may be
	width  float32 // the width it was last laid out at (0: not yet)
}

// newFlowColumns holds objects in a flowColumns layout with columns at least column wide.
func newFlowColumns(column float32, objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowColumns{column: column}, objects...)
}

func (l *flowColumns) sideBySide(width float32, n int) bool {
	return n > 1 && width >= float32(n)*l.column+float32(n-1)*theme.Padding()
}

func visibleObjects(objects []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

func (l *flowColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	objs := visibleObjects(objects)
	var w, h, tallest float32
	for _, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height
		tallest = max(tallest, m.Height)
	}
	if l.width > 0 && l.sideBySide(l.width, len(objs)) {
		return fyne.NewSize(w, tallest)
	}
	if len(objs) > 1 {
		h += float32(len(objs)-1) * theme.Padding()
	}
	return fyne.NewSize(w, h)
}

func (l *flowColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	objs := visibleObjects(objects)
	pad := theme.Padding()
	if l.sideBySide(size.Width, len(objs)) {
		n := float32(len(objs))
		w := (size.Width - (n-1)*pad) / n
		for i, o := range objs {
			o.Move(fyne.NewPos(float32(i)*(w+pad), 0))
			o.Resize(fyne.NewSize(w, size.Height))
		}
		return
	}
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + pad
	}
}
