//go:build !windows

package main

// alert has no native message box to show here: the one-line message on stderr and the log do.
func alert(title, text string) {}
