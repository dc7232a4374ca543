package app

import (
	"context"
	"sync"
	"time"
)

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

// busy reports whether work is in flight.
func (g *workGroup) busy() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n > 0
}

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

// worker is the one way the window runs background work: off the UI thread, counted in a
// workGroup so that shutdown and tests wait for it, under a context cancelled when the window
// closes. Work hands its results back with fyne.Do. A screen that needs no more of the window
// is given the worker rather than the ui (the reception screen, screenDeps).
type worker struct {
	ctx    context.Context // cancelled when the window closes
	cancel context.CancelFunc
	bg     workGroup
	// start runs fn on a goroutine of its own. Fyne's test driver runs fyne.Do on the calling
	// goroutine, so tests that drive the UI while work runs start it in line instead.
	start func(fn func())
}

// newWorker is a worker whose work starts through start; nil starts each on its own goroutine.
func newWorker(start func(fn func())) *worker {
	if start == nil {
		start = func(fn func()) { go fn() }
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &worker{ctx: ctx, cancel: cancel, start: start}
}

// spawn runs fn off the UI thread, counted until it returns.
func (w *worker) spawn(fn func()) {
	w.bg.Add(1)
	w.start(func() {
		defer w.bg.Done()
		fn()
	})
}

// wait blocks until the work started so far has finished.
func (w *worker) wait() { w.bg.Wait() }

// screenHost is what a screen that reads the store and shows the outcome needs of its window:
// background work whose error is shown in a dialog (ui.goBackground) and the office's clock. A
// screen given a screenHost rather than the ui cannot switch screens or touch the store's
// lifecycle.
type screenHost interface {
	goBackground(fn func(ctx context.Context) error)
	now() time.Time
}
