package hub

import (
	"context"
	"io"
	"net/http"
	"sync"
	"time"
)

// Limits bound what one client can cost the hub, so that a slow or hostile station costs its
// own share and no more (docs/sync-protocol.md, "Limits"; docs/ADMIN.md §6).
type Limits struct {
	// PerToken is how many requests of one station's token are in flight at once; more are
	// answered 429 with Retry-After. A station syncs one request at a time; two allow the app's
	// loop and a scheduled `motcua sync` to overlap. PerServiceToken is the same for a reader's
	// or the portal's token: one system of the province, which may ask a few things at once.
	PerToken        int
	PerServiceToken int
	// Receiving is how many requests with a body are in progress at once (being received,
	// waiting for a push slot or being stored), all tokens together; more are answered 503
	// (the hub as a whole is overloaded). Each holds one batch: it bounds memory.
	Receiving int
	// Pushes is how many pushes are stored at once. A push takes one only once its body is
	// received and decoded, waits up to PushWait for it, then is answered 503.
	Pushes   int
	PushWait time.Duration
	// A body must arrive at BodyRate bytes a second on average, and may lag BodyGrace behind
	// that pace; a slower one is answered 408. A pace rather than one deadline: an office on
	// a poor line still pushes a large batch, and a client sending a byte now and then is
	// dropped after BodyGrace.
	BodyGrace time.Duration
	BodyRate  int64
}

// DefaultLimits are the limits of NewServer.
var DefaultLimits = Limits{
	PerToken:        2,
	PerServiceToken: 8,
	Receiving:       128,
	Pushes:          MaxConcurrentPushes,
	PushWait:        5 * time.Second,
	BodyGrace:       10 * time.Second,
	BodyRate:        16 << 10, // 128 kbit/s
}

// ServerOption changes a Server made by NewServer.
type ServerOption func(*Server)

// WithLimits replaces DefaultLimits; a field left zero keeps the default.
func WithLimits(l Limits) ServerOption {
	return func(s *Server) {
		d := DefaultLimits
		for _, f := range []struct{ v, def *int }{{&l.PerToken, &d.PerToken}, {&l.PerServiceToken, &d.PerServiceToken},
			{&l.Receiving, &d.Receiving}, {&l.Pushes, &d.Pushes}} {
			if *f.v <= 0 {
				*f.v = *f.def
			}
		}
		if l.PushWait <= 0 {
			l.PushWait = d.PushWait
		}
		if l.BodyGrace <= 0 {
			l.BodyGrace = d.BodyGrace
		}
		if l.BodyRate <= 0 {
			l.BodyRate = d.BodyRate
		}
		s.limits = l
	}
}

// busyAfter is the Retry-After of a 429 or 503, in seconds.
const busyAfter = "2"

// tokenGate counts the requests in flight per token, keyed by the token's hash.
type tokenGate struct {
	mu sync.Mutex
	n  map[string]int
}

// perToken is how many requests of p's token may be in flight.
func (l Limits) perToken(p *Principal) int {
	if p.Kind == "station" {
		return max(l.PerToken, 1)
	}
	return max(l.PerServiceToken, 1)
}

// enter admits one more request of key unless max are in flight.
func (g *tokenGate) enter(key string, max int) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.n == nil {
		g.n = map[string]int{}
	}
	if g.n[key] >= max {
		return false
	}
	g.n[key]++
	return true
}

func (g *tokenGate) leave(key string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.n[key]--; g.n[key] <= 0 {
		delete(g.n, key)
	}
}

// pacedBody is a request body that must keep pace (Limits.BodyRate after Limits.BodyGrace): the
// connection's read deadline moves forward as bytes arrive, and a read past it fails with
// os.ErrDeadlineExceeded (answered 408). At the end of the body the deadline is lifted: the
// connection then waits for the next request under the server's own timeouts.
type pacedBody struct {
	io.ReadCloser
	rc    *http.ResponseController
	start time.Time
	got   int64
	grace time.Duration
	rate  int64
	set   time.Time // the deadline last set
	ended bool
}

// paceStep is how far the deadline must have moved before it is set again: setting it costs a
// timer update (HTTP/1) or a message to the connection's goroutine (HTTP/2) on every read.
const paceStep = 250 * time.Millisecond

func newPacedBody(w http.ResponseWriter, r *http.Request, l Limits) *pacedBody {
	b := &pacedBody{ReadCloser: r.Body, rc: http.NewResponseController(w), start: time.Now(), grace: l.BodyGrace, rate: l.BodyRate}
	b.set = b.deadline()
	b.rc.SetReadDeadline(b.set)
	return b
}

func (b *pacedBody) deadline() time.Time {
	d := b.grace
	if b.rate > 0 {
		d += time.Duration(b.got * int64(time.Second) / b.rate)
	}
	return b.start.Add(d)
}

func (b *pacedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.got += int64(n)
	switch {
	case err == io.EOF:
		b.rc.SetReadDeadline(time.Time{})
		b.ended = true
	case err != nil:
		b.ended = true
	case !b.ended:
		if d := b.deadline(); d.Sub(b.set) >= paceStep {
			b.set = d
			b.rc.SetReadDeadline(d)
		}
	}
	return n, err
}

// hasBody tells a request that carries a body (POST, PUT) from one that does not. Over HTTP/2
// a request without one still has a Body, but a zero ContentLength (-1: unknown length).
func hasBody(r *http.Request) bool {
	return r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0
}

// pushSlot waits up to PushWait for one of the slots of pushes being stored.
func (s *Server) pushSlot(ctx context.Context) (release func(), ok bool) {
	t := time.NewTimer(s.limits.PushWait)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots }, true
	case <-t.C:
	case <-ctx.Done():
	}
	return nil, false
}
