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
	// a window without a native placement (the test driver's, any outside Windows) saves none
	if wp, ok := savedWindowPlacement(a.Preferences()); ok {
		t.Errorf("a placement was saved without one to read: %+v", wp)
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

// The window's placement saved at a close is the one read at the next start; nothing saved reads
// as nothing.
func TestWindowPlacementIsRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	if _, ok := savedWindowPlacement(a.Preferences()); ok {
		t.Fatal("a first start has a saved placement")
	}
	for _, wp := range []windowPlacement{
		{Left: 120, Top: 40, Right: 1220, Bottom: 760},
		{Left: -1800, Top: 100, Right: -200, Bottom: 1000, Maximised: true}, // a display left of the main one
	} {
		saveWindowPlacement(a.Preferences(), wp)
		got, ok := savedWindowPlacement(a.Preferences())
		if !ok || got != wp {
			t.Errorf("saved %+v, read %+v (%v)", wp, got, ok)
		}
	}
}

// A saved placement is put back only when the window's title bar is on a display now: a
// display unplugged since, or a size no window has, starts the window as a first start does.
func TestWindowPlacementOffScreenNotRestored(t *testing.T) {
	type rect struct{ l, t, r, b int }
	displays := func(rs ...rect) func(x, y int) bool {
		return func(x, y int) bool {
			for _, d := range rs {
				if x >= d.l && x < d.r && y >= d.t && y < d.b {
					return true
				}
			}
			return false
		}
	}
	laptop := rect{0, 0, 1366, 768}
	second := rect{1366, 0, 3286, 1080} // a 1920×1080 display right of the laptop
	for _, c := range []struct {
		what string
		wp   windowPlacement
		on   func(x, y int) bool
		want bool
	}{
		{"on the laptop", windowPlacement{Left: 100, Top: 50, Right: 1200, Bottom: 700}, displays(laptop), true},
		{"maximised on the laptop", windowPlacement{Left: 0, Top: 0, Right: 1280, Bottom: 720, Maximised: true}, displays(laptop), true},
		{"on the second display", windowPlacement{Left: 1500, Top: 100, Right: 2800, Bottom: 900}, displays(laptop, second), true},
		{"second display unplugged", windowPlacement{Left: 1500, Top: 100, Right: 2800, Bottom: 900}, displays(laptop), false},
		{"half off the right edge, title bar still reachable", windowPlacement{Left: 900, Top: 50, Right: 2000, Bottom: 700}, displays(laptop), true},
		{"title bar above the top edge", windowPlacement{Left: 100, Top: -400, Right: 1200, Bottom: 300}, displays(laptop), false},
		{"far off to the left", windowPlacement{Left: -3000, Top: 50, Right: -1900, Bottom: 700}, displays(laptop), false},
		{"a 20-pixel window", windowPlacement{Left: 100, Top: 100, Right: 120, Bottom: 120}, displays(laptop), false},
		{"upside down", windowPlacement{Left: 1200, Top: 700, Right: 100, Bottom: 50}, displays(laptop), false},
	} {
		if got := restorablePlacement(c.wp, c.on); got != c.want {
			t.Errorf("%s: restorable %v, want %v", c.what, got, c.want)
		}
	}
}
