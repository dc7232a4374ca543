package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shrinkRow lays objects out left to right at their natural widths while they fit; when they do
// not, the labels that truncate (Truncation set) give up width, in proportion to how much they
// have, down to their "…". Its minimum width is that of the objects fully shrunk, so a long
// office name or sync message never makes the window wider than the screen.
type shrinkRow struct{}

// naturalWidth is the width o wants: a truncating label's whole text, else its minimum.
func naturalWidth(o fyne.CanvasObject) (natural, min float32) {
	min = o.MinSize().Width
	if l, ok := o.(*widget.Label); ok && l.Truncation != fyne.TextTruncateOff {
		whole := widget.NewLabelWithStyle(l.Text, l.Alignment, l.TextStyle)
		whole.SizeName = l.SizeName
		// Fyne truncates a few pixels before the text reaches its label's minimum width: the
		// margin keeps a text that fits whole
		return max(whole.MinSize().Width+2*theme.InnerPadding(), min), min
	}
	return min, min
}

func (shrinkRow) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	n := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w += m.Width
		h = max(h, m.Height)
		n++
	}
	if n > 1 {
		w += float32(n-1) * theme.Padding()
	}
	return fyne.NewSize(w, h)
}

func (shrinkRow) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	nat := make([]float32, len(objects))
	var total, slack float32
	n := 0
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		natural, min := naturalWidth(o)
		nat[i] = natural
		total += natural
		slack += natural - min
		n++
	}
	if n > 1 {
		total += float32(n-1) * theme.Padding()
	}
	cut := float32(0) // the share of each label's slack given up
	if over := total - size.Width; over > 0 && slack > 0 {
		cut = min(1, over/slack)
	}
	x := float32(0)
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		_, m := naturalWidth(o)
		w := nat[i] - (nat[i]-m)*cut
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + theme.Padding()
	}
}
