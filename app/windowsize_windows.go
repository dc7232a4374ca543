package app

import (
	"syscall"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

var (
	user32                 = syscall.NewLazyDLL("user32.dll")
	procShowWindow         = user32.NewProc("ShowWindow")
	procSystemMetric       = user32.NewProc("GetSystemMetrics")
	procGetWindowPlacement = user32.NewProc("GetWindowPlacement")
	procSetWindowPlacement = user32.NewProc("SetWindowPlacement")
	procMonitorFromPoint   = user32.NewProc("MonitorFromPoint")
)

const (
	smCXScreen = 0 // GetSystemMetrics: width of the primary display, in pixels
	smCYScreen = 1
	swMaximize = 3 // ShowWindow: SW_MAXIMIZE

	// WINDOWPLACEMENT.showCmd and flags
	swShowNormal          = 1
	swShowMinimized       = 2
	swShowMaximized       = 3
	wpfRestoreToMaximized = 2

	monitorDefaultToNull = 0 // MonitorFromPoint: no display there gives 0
)

// winPlacement is Windows' WINDOWPLACEMENT.
type winPlacement struct {
	Length, Flags, ShowCmd   uint32
	MinPosition, MaxPosition struct{ X, Y int32 }
	NormalPosition           struct{ Left, Top, Right, Bottom int32 }
}

// withHWND runs f with the window's handle, when the window has one yet.
func withHWND(w fyne.Window, f func(hwnd uintptr)) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		if wc, ok := ctx.(driver.WindowsWindowContext); ok && wc.HWND != 0 {
			f(wc.HWND)
		}
	})
}

// readWindowPlacement reads where the window is and whether it is maximised (GetWindowPlacement
// gives the window's rectangle when not maximised, whatever its state now). A window closed while
// minimised comes back as it was before being minimised.
func readWindowPlacement(w fyne.Window) (wp windowPlacement, ok bool) {
	withHWND(w, func(hwnd uintptr) { wp, ok = getPlacement(hwnd) })
	return wp, ok
}

// getPlacement is GetWindowPlacement of hwnd.
func getPlacement(hwnd uintptr) (windowPlacement, bool) {
	var pl winPlacement
	pl.Length = uint32(unsafe.Sizeof(pl))
	if r, _, _ := procGetWindowPlacement.Call(hwnd, uintptr(unsafe.Pointer(&pl))); r == 0 {
		return windowPlacement{}, false
	}
	n := pl.NormalPosition
	return windowPlacement{Left: int(n.Left), Top: int(n.Top), Right: int(n.Right), Bottom: int(n.Bottom),
		Maximised: pl.ShowCmd == swShowMaximized || (pl.ShowCmd == swShowMinimized && pl.Flags&wpfRestoreToMaximized != 0)}, true
}

// setPlacement is SetWindowPlacement of hwnd: shown where wp says, maximised if it was.
func setPlacement(hwnd uintptr, wp windowPlacement) bool {
	var pl winPlacement
	pl.Length = uint32(unsafe.Sizeof(pl))
	pl.ShowCmd = swShowNormal
	if wp.Maximised {
		pl.ShowCmd = swShowMaximized
	}
	pl.NormalPosition.Left, pl.NormalPosition.Top = int32(wp.Left), int32(wp.Top)
	pl.NormalPosition.Right, pl.NormalPosition.Bottom = int32(wp.Right), int32(wp.Bottom)
	r, _, _ := procSetWindowPlacement.Call(hwnd, uintptr(unsafe.Pointer(&pl)))
	return r != 0
}

// onDisplay tells whether the point (in the display's pixels) is on a connected display.
func onDisplay(x, y int) bool {
	var r uintptr
	if unsafe.Sizeof(uintptr(0)) == 8 { // a POINT is passed by value: one 64-bit register
		r, _, _ = procMonitorFromPoint.Call(uintptr(uint32(int32(x)))|uintptr(uint32(int32(y)))<<32, monitorDefaultToNull)
	} else {
		r, _, _ = procMonitorFromPoint.Call(uintptr(int32(x)), uintptr(int32(y)), monitorDefaultToNull)
	}
	return r != 0
}

// placeWindow puts the window back where it was at the last close, maximised if it was
// (SetWindowPlacement keeps the size it had before being maximised, for when it is restored); a
// placement off every display now, or none saved, starts as a first start does
// (maximiseOnSmallScreen).
func placeWindow(a fyne.App, w fyne.Window) {
	wp, ok := savedWindowPlacement(a.Preferences())
	if !ok || !restorablePlacement(wp, onDisplay) {
		maximiseOnSmallScreen(w)
		return
	}
	withHWND(w, func(hwnd uintptr) { setPlacement(hwnd, wp) })
}

// maximiseOnSmallScreen maximises the window when the primary display is 1366×768 or smaller
// (in Fyne's units, so a 1920×1080 panel at 150 % counts as 1280×720): there every pixel is
// needed. Fyne 2.8 has no maximise call; Windows' own does it once the window exists.
func maximiseOnSmallScreen(w fyne.Window) {
	withHWND(w, func(hwnd uintptr) {
		cx, _, _ := procSystemMetric.Call(smCXScreen)
		cy, _, _ := procSystemMetric.Call(smCYScreen)
		scale := w.Canvas().Scale()
		if scale <= 0 {
			scale = 1
		}
		if cx == 0 || cy == 0 || !smallScreen(fyne.NewSize(float32(cx)/scale, float32(cy)/scale)) {
			return
		}
		procShowWindow.Call(hwnd, swMaximize)
	})
}
