package app

import "sync"

// workGroup counts background work in flight, like sync.WaitGroup, except that new work may start
// while another goroutine waits for the count to reach zero: a search typed just as the reception
// screen's first search ends made sync.WaitGroup panic ("WaitGroup is reused before previous Wait
// has returned").
type workGroup struct {
	mu   sync.Mutex
	n    int
	idle *sync.Cond
}

func (g *workGroup) Add(delta int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.n += delta
	if g.n < 0 {
		panic("workGroup: negative count")
	}
	if g.n == 0 && g.idle != nil {
		g.idle.Broadcast()
	}
}

func (g *workGroup) Done() { g.Add(-1) }

// Wait blocks until no work is in flight.
func (g *workGroup) Wait() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.idle == nil {
		g.idle = sync.NewCond(&g.mu)
	}
	for g.n > 0 {
		g.idle.Wait()
	}
}
