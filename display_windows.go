//go:build windows

package main

import (
	"os"
	"syscall"
	"unsafe"
)

// attachConsole gives a command (motcua sync, check, …) typed in a console its output: the app
// is built as a GUI program (no console window of its own), so Windows starts it without
// standard handles unless they are redirected. Redirected handles are kept as they are.
func attachConsole() {
	if _, err := os.Stdout.Stat(); err == nil {
		return
	}
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	if attach.Find() != nil {
		return
	}
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started from Explorer: no console to write to
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = out, out
	}
	if in, err := os.OpenFile("CONIN$", os.O_RDONLY, 0); err == nil {
		os.Stdin = in
	}
}

// displayProblem finds nothing to check before trying: Windows always has a desktop; a missing
// OpenGL driver shows when the window is created.
func displayProblem() error { return nil }

// alert shows a native message box: started from the Start menu, the app has no console where
// the one-line message could be read.
func alert(title, text string) {
	user32 := syscall.NewLazyDLL("user32.dll")
	box := user32.NewProc("MessageBoxW")
	t, err1 := syscall.UTF16PtrFromString(title)
	m, err2 := syscall.UTF16PtrFromString(text)
	if err1 != nil || err2 != nil || box.Find() != nil {
		return
	}
	const mbOK, mbIconError = 0x0, 0x10
	box.Call(0, uintptr(unsafe.Pointer(m)), uintptr(unsafe.Pointer(t)), mbOK|mbIconError)
}
