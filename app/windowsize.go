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
// Fyne 2.8 can neither read nor set a window's position on every driver: this size is what every
// system gets, the window centred at each start. On Windows the position and the maximised state
// are remembered too (windowPlacement, through Windows' own calls); elsewhere the window manager
// places the window.
func savedWindowSize(a fyne.App) fyne.Size {
	p := a.Preferences()
	w := float32(p.FloatWithFallback(prefWindowWidth, 0))
	h := float32(p.FloatWithFallback(prefWindowHeight, 0))
	if w < 800 || h < 500 || w > 10000 || h > 10000 {
		return defaultWindowSize
	}
	return fyne.NewSize(w, h)
}

// saveWindowSize remembers the window's size for the next start, and on Windows its position and
// whether it is maximised.
func saveWindowSize(a fyne.App, w fyne.Window) {
	if wp, ok := readWindowPlacement(w); ok {
		saveWindowPlacement(a.Preferences(), wp)
	}
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

// windowPlacement is where the window was and whether it was maximised, as Windows keeps it
// (GetWindowPlacement): the rectangle of the window when not maximised, in the display's pixels.
type windowPlacement struct {
	Left, Top, Right, Bottom int
	Maximised                bool
}

// Preference keys of the window's placement (Windows only, see windowPlacement).
const (
	prefWindowLeft      = "window.left"
	prefWindowTop       = "window.top"
	prefWindowRight     = "window.right"
	prefWindowBottom    = "window.bottom"
	prefWindowMaximised = "window.maximised"
)

func saveWindowPlacement(p fyne.Preferences, wp windowPlacement) {
	p.SetInt(prefWindowLeft, wp.Left)
	p.SetInt(prefWindowTop, wp.Top)
	p.SetInt(prefWindowRight, wp.Right)
	p.SetInt(prefWindowBottom, wp.Bottom)
	p.SetBool(prefWindowMaximised, wp.Maximised)
}

// savedWindowPlacement is the placement saved at the last close; false when there is none.
func savedWindowPlacement(p fyne.Preferences) (windowPlacement, bool) {
	wp := windowPlacement{
		Left: p.IntWithFallback(prefWindowLeft, 0), Top: p.IntWithFallback(prefWindowTop, 0),
		Right: p.IntWithFallback(prefWindowRight, 0), Bottom: p.IntWithFallback(prefWindowBottom, 0),
		Maximised: p.BoolWithFallback(prefWindowMaximised, false),
	}
	return wp, wp != windowPlacement{}
}

// restorablePlacement tells whether the window may be put back where wp says: a size a window
// can have, and its title bar on a display (onDisplay reports whether a point, in the display's
// pixels, is on one), so the window can still be seen and dragged. A display unplugged since,
// or one now smaller, must not leave the window off screen: then the window starts as on a
// first start.
func restorablePlacement(wp windowPlacement, onDisplay func(x, y int) bool) bool {
	w, h := wp.Right-wp.Left, wp.Bottom-wp.Top
	if w < 400 || h < 300 || w > 20000 || h > 20000 {
		return false
	}
	// points of the title bar, away from its corners and the buttons at its right end
	y := wp.Top + 12
	for _, x := range []int{wp.Left + 60, wp.Left + w/2} {
		if onDisplay(x, y) {
			return true
		}
	}
	return false
}
