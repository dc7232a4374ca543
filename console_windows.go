//go:build windows

package main

import (
	"os"
	"syscall"
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
