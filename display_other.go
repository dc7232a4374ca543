//go:build !linux && !freebsd && !openbsd && !netbsd && !windows

package main

// displayProblem: macOS always has a window server for a logged-in user.
func displayProblem() error { return nil }

// alert relies on the log and stderr here.
func alert(title, text string) {}
