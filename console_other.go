//go:build !windows

package main

// attachConsole: a command started from a terminal already writes to it.
func attachConsole() {}
