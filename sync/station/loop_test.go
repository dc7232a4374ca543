package station_test

import (
	"context"
	"testing"
	"time"

	"motcua/sync/station"
	"motcua/sync/synctest"
)

// A change recorded while the loop waits reaches the hub at once after a kick, not at the next tick.
func TestLoopPushesAfterKick(t *testing.T) {
	w := newWorld(t)
	st, c := w.station(t, synctest.OfficeA, 0, nil)
	statuses := make(chan station.Status, 100)
	loop := station.NewLoop(c, time.Hour, func(s station.Status) { statuses <- s })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { loop.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	waitIdle := func() station.Status {
		t.Helper()
		for {
			select {
			case s := <-statuses:
				if !s.Running {
					return s
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the loop did not sync")
			}
		}
	}
	if s := waitIdle(); s.Err != nil || s.LastOK.IsZero() {
		t.Fatalf("first sync: %+v", s)
	}
	st.Receive(t, "Nguyễn Văn An")
	loop.Kick()
	s := waitIdle()
	if s.Err != nil || s.Last == nil || s.Last.Stored != 1 {
		t.Fatalf("after the kick: %+v %+v", s, s.Last)
	}
	if got := loop.Status(); got.Last != s.Last {
		t.Fatalf("Status() differs from the last notified status")
	}
}
