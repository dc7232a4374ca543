package app

import (
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

var (
	user32           = syscall.NewLazyDLL("user32.dll")
	procShowWindow   = user32.NewProc("ShowWindow")
	procSystemMetric = user32.NewProc("GetSystemMetrics")
)

const (
	smCXScreen = 0 // GetSystemMetrics: width of the primary display, in pixels
	smCYScreen = 1
	swMaximize = 3 // ShowWindow: SW_MAXIMIZE
)

// maximiseOnSmallScreen maximises the window when the primary display is 1366×768 or smaller
// (in Fyne's units, so a 1920×1080 panel at 150 % counts as 1280×720): there every pixel is
// needed. Fyne 2.8 has no maximise call; Windows' own does it once the window exists.
func maximiseOnSmallScreen(w fyne.Window) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		wc, ok := ctx.(driver.WindowsWindowContext)
		if !ok || wc.HWND == 0 {
			return
		}
		cx, _, _ := procSystemMetric.Call(smCXScreen)
		cy, _, _ := procSystemMetric.Call(smCYScreen)
		scale := w.Canvas().Scale()
		if scale <= 0 {
			scale = 1
		}
		if cx == 0 || cy == 0 || !smallScreen(fyne.NewSize(float32(cx)/scale, float32(cy)/scale)) {
			return
		}
		procShowWindow.Call(wc.HWND, swMaximize)
	})
}
