package app

import (
	"syscall"
	"testing"
	"unsafe"
)

// The Win32 calls of the window's placement, on a real window of Windows (or wine): what
// SetWindowPlacement puts is what GetWindowPlacement reads, maximised state included, and
// MonitorFromPoint tells a point on the display from one off it.
func TestWin32PlacementRoundTrips(t *testing.T) {
	if n := unsafe.Sizeof(winPlacement{}); n != 44 {
		t.Fatalf("WINDOWPLACEMENT is 44 bytes, ours %d", n)
	}
	cx, _, _ := procSystemMetric.Call(smCXScreen)
	cy, _, _ := procSystemMetric.Call(smCYScreen)
	if !onDisplay(int(cx)/2, int(cy)/2) {
		t.Errorf("the middle of the %d×%d display is not on a display", cx, cy)
	}
	if onDisplay(-100000, -100000) {
		t.Error("a point 100,000 pixels off is on a display")
	}
	create := syscall.NewLazyDLL("user32.dll").NewProc("CreateWindowExW")
	destroy := syscall.NewLazyDLL("user32.dll").NewProc("DestroyWindow")
	class, _ := syscall.UTF16PtrFromString("STATIC")
	title, _ := syscall.UTF16PtrFromString("Một Cửa placement test")
	const wsOverlappedWindow = 0x00CF0000
	hwnd, _, err := create.Call(0, uintptr(unsafe.Pointer(class)), uintptr(unsafe.Pointer(title)), wsOverlappedWindow,
		10, 10, 400, 300, 0, 0, 0, 0)
	if hwnd == 0 {
		t.Fatalf("CreateWindowExW: %v", err)
	}
	defer destroy.Call(hwnd)
	for _, wp := range []windowPlacement{
		{Left: 60, Top: 40, Right: 760, Bottom: 540},
		{Left: 80, Top: 50, Right: 880, Bottom: 650, Maximised: true},
	} {
		if !setPlacement(hwnd, wp) {
			t.Fatalf("SetWindowPlacement %+v failed", wp)
		}
		got, ok := getPlacement(hwnd)
		if !ok || got != wp {
			t.Errorf("set %+v, read %+v (%v)", wp, got, ok)
		}
	}
}
