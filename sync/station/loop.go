package station

import (
	"context"
	"sync"
	"time"
)

// Status is what the status bar and the Sync screen show.
type Status struct {
	Running bool      // a sync is under way
	LastOK  time.Time // end of the last successful sync (zero: none yet)
	Last    *Report   // the last sync's report (also after a failure, when it got that far)
	Err     error     // the last sync's error (nil after a success)
}

// Loop syncs in the background: every interval, and at once after Kick (a change was recorded).
type Loop struct {
	c        *Client
	interval time.Duration
	kick     chan struct{}
	onChange func(Status)

	mu     sync.Mutex
	status Status
}

// NewLoop makes a loop for c; onChange (may be nil) is called from the loop's goroutine after
// every change of status.
func NewLoop(c *Client, interval time.Duration, onChange func(Status)) *Loop {
	return &Loop{c: c, interval: interval, kick: make(chan struct{}, 1), onChange: onChange}
}

// Kick asks for a sync now; it never blocks, and kicks during a sync make one more sync after it.
func (l *Loop) Kick() {
	select {
	case l.kick <- struct{}{}:
	default:
	}
}

// Status is the current status.
func (l *Loop) Status() Status {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.status
}

func (l *Loop) set(fn func(*Status)) {
	l.mu.Lock()
	fn(&l.status)
	st := l.status
	l.mu.Unlock()
	if l.onChange != nil {
		l.onChange(st)
	}
}

// Run syncs once at start, then on every tick and kick, until ctx ends.
func (l *Loop) Run(ctx context.Context) {
	t := time.NewTicker(l.interval)
	defer t.Stop()
	for {
		l.set(func(s *Status) { s.Running = true })
		rep, err := l.c.Sync(ctx)
		if ctx.Err() != nil {
			l.set(func(s *Status) { s.Running = false })
			return
		}
		l.set(func(s *Status) {
			s.Running, s.Err = false, err
			if rep != nil {
				s.Last = rep
			}
			if err == nil {
				s.LastOK = rep.At
			}
		})
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-l.kick:
		}
	}
}
