package app

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shownConfirm says whether a ✓ (Fyne's validation "confirm" icon) is drawn under o.
func shownConfirm(o fyne.CanvasObject) bool {
	want := theme.Current().Icon(theme.IconNameConfirm).Name()
	found := false
	walk(o, func(o fyne.CanvasObject) {
		if img, ok := o.(*canvas.Image); ok && img.Visible() && img.Resource != nil && img.Resource.Name() == want {
			found = true
		}
	})
	return found
}

// An impossible date typed in the list's filter never shows a ✓, and what is said about it is
// short enough to be read whole.
func TestDossiersImpossibleDateNoTickAndShortMessage(t *testing.T) {
	_, d := openDossierList(t, 20, "tiepnhan1")
	d.from.SetText("01/03/2026")
	if !shownConfirm(d.from) {
		t.Log("no ✓ for a good date either: the check below proves nothing more")
	}
	d.from.SetText("")
	test.Type(d.from, "32/13/2026")
	if shownConfirm(d.from) {
		t.Fatal("a ✓ shows for 32/13/2026")
	}
	d.from.OnSubmitted(d.from.Text)
	if d.info.Importance != widget.DangerImportance {
		t.Fatalf("no red message: %q", d.info.Text)
	}
	if strings.Contains(d.info.Text, "…") || utf8.RuneCountInString(d.info.Text) > 40 {
		t.Errorf("message %q is too long to read whole", d.info.Text)
	}
	size := fyne.MeasureText(d.info.Text, theme.TextSize(), d.info.TextStyle)
	if size.Width+2*theme.InnerPadding() > d.info.Size().Width {
		t.Errorf("message %q (%.0f px) is clipped in %.0f px", d.info.Text, size.Width, d.info.Size().Width)
	}
}
