package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The window comes back at the size it was closed at; a first start, or a size no display could
// want, gets the default.
func TestWindowSizeIsRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	if got := savedWindowSize(a); got != defaultWindowSize {
		t.Errorf("first start: %v, want %v", got, defaultWindowSize)
	}
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1250, 690))
	saveWindowSize(a, w)
	if got := savedWindowSize(a); got != fyne.NewSize(1250, 690) {
		t.Errorf("after closing at 1250×690: %v", got)
	}
	a.Preferences().SetFloat(prefWindowWidth, 20)
	if got := savedWindowSize(a); got != defaultWindowSize {
		t.Errorf("a 20-pixel window: %v, want the default", got)
	}
}

func TestSmallScreenStartsMaximised(t *testing.T) {
	for size, want := range map[fyne.Size]bool{
		fyne.NewSize(1366, 768):  true,
		fyne.NewSize(1280, 720):  true, // 1920×1080 at 150 %
		fyne.NewSize(1920, 1080): false,
		fyne.NewSize(1440, 900):  false,
	} {
		if got := smallScreen(size); got != want {
			t.Errorf("smallScreen(%v) = %v, want %v", size, got, want)
		}
	}
}
