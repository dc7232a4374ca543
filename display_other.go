//go:build !linux && !freebsd && !openbsd && !netbsd && !windows

package main

// displayProblem: macOS always has a window server for a logged-in user.
func displayProblem() error { return nil }

// attachConsole: a command started from a terminal already writes to it.
func attachConsole() {}

// alert relies on the log and stderr here.
func alert(title, text string) {}
