//go:build !windows

package app

import "fyne.io/fyne/v2"

// maximiseOnSmallScreen does nothing outside Windows: Fyne 2.8 has neither a maximise call nor
// the display's size, and the offices' PCs run Windows. Linux window managers place and size the
// window themselves; the size kept from the last close (savedWindowSize) still applies.
func maximiseOnSmallScreen(fyne.Window) {}
