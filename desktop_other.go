//go:build !linux && !freebsd && !openbsd && !netbsd

package main

// quietDesktop: Windows and macOS need no runtime folder nor a D-Bus session bus.
func quietDesktop() (done func()) { return func() {} }
