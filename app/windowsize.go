package app

import (
	"fyne.io/fyne/v2"
)

// defaultWindowSize is the window of a first start on a display larger than 1366×768 (smaller
// ones start maximised, see maximiseOnSmallScreen), so at least 1367 pixels wide: there the
// dossier list shows all its columns. Every screen fits it, and narrower windows down to
// narrowWindowSize (TestScreensFitTheWindow).
var defaultWindowSize = fyne.NewSize(1280, 720)

// narrowWindowSize is the narrowest window every screen is laid out for without needing more
// room: the window of earlier versions.
var narrowWindowSize = fyne.NewSize(1100, 720)

// Preference keys of the window's size, kept in the app's preferences (per user of the PC, not in
// the office database: two officers at one PC may size it differently).
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// savedWindowSize is the size the window had when last closed, else defaultWindowSize. A size
// smaller than the smallest useful window (a saved value from a smaller display) is ignored.
//
// Fyne 2.8 can neither read nor set a window's position on every driver, so only the size is
// remembered; the window is centred on the screen at each start.
func savedWindowSize(a fyne.App) fyne.Size {
	p := a.Preferences()
	w := float32(p.FloatWithFallback(prefWindowWidth, 0))
	h := float32(p.FloatWithFallback(prefWindowHeight, 0))
	if w < 800 || h < 500 || w > 10000 || h > 10000 {
		return defaultWindowSize
	}
	return fyne.NewSize(w, h)
}

// saveWindowSize remembers the window's size for the next start.
func saveWindowSize(a fyne.App, w fyne.Window) {
	size := w.Canvas().Size()
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	p := a.Preferences()
	p.SetFloat(prefWindowWidth, float64(size.Width))
	p.SetFloat(prefWindowHeight, float64(size.Height))
}

// smallScreen tells whether a display of this size (in Fyne's units) is 1366×768 or smaller: the
// window starts maximised there.
func smallScreen(display fyne.Size) bool {
	return display.Width <= 1366 || display.Height <= 768
}
