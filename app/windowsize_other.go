//go:build !windows

package app

import "fyne.io/fyne/v2"

// readWindowPlacement has nothing to read outside Windows: Fyne 2.8 has no portable window
// position, and there the window manager places the window (see savedWindowSize).
func readWindowPlacement(fyne.Window) (windowPlacement, bool) { return windowPlacement{}, false }

// placeWindow does nothing outside Windows: Fyne 2.8 has neither a position nor a maximise call,
// nor the display's size, and the offices' PCs run Windows. Linux window managers place and size
// the window themselves; the size kept from the last close (savedWindowSize) still applies.
func placeWindow(fyne.App, fyne.Window) {}
