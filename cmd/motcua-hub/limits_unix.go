//go:build unix

package main

import "syscall"

// raiseFileLimit lifts the soft limit on open files to the hard one: every office's database
// (with its WAL and shared-memory files) stays open on a hub.
func raiseFileLimit() {
	var r syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r) == nil && r.Cur < r.Max {
		r.Cur = r.Max
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &r)
	}
}
