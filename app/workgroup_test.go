package app

import (
	"sync"
	"testing"
)

// Work started while other goroutines wait, again and again: sync.WaitGroup panics on this
// pattern ("reused before previous Wait has returned": the reception screen's first search and
// a search typed at that moment).
func TestWorkGroupAddWhileWaiting(t *testing.T) {
	var g workGroup
	var waiters sync.WaitGroup
	for i := 0; i < 5000; i++ {
		g.Add(1)
		for j := 0; j < 4; j++ {
			waiters.Add(1)
			go func() { defer waiters.Done(); g.Wait() }()
		}
		g.Done()
		g.Add(1)
		g.Done()
	}
	waiters.Wait()
	g.Wait()
}
