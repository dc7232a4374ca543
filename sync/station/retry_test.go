package station_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"motcua/sync/hub"
	"motcua/sync/protocol"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

// A push the hub gave up receiving (408: a slow line) is sent again, and a push over the
// token's share (429) is sent again after the Retry-After the hub asked for, as for a 503.
func TestStationRetries408AndHonours429RetryAfter(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	inner := hub.NewServer(w.h, nil)
	var pushes atomic.Int32
	w.sw.set(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path == protocol.PathPush {
			switch pushes.Add(1) {
			case 1:
				rw.Header().Set("Connection", "close")
				http.Error(rw, `{"code":"timeout","reason":"chậm"}`, http.StatusRequestTimeout)
				return
			case 2:
				rw.Header().Set("Retry-After", "1")
				http.Error(rw, `{"code":"busy","reason":"bận"}`, http.StatusTooManyRequests)
				return
			}
		}
		inner.ServeHTTP(rw, r)
	}))
	st := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 0)
	tok, err := w.h.EnrollStation(ctx, synctest.OfficeA, 0)
	if err != nil {
		t.Fatal(err)
	}
	st.Receive(t, "Nguyễn Văn An")
	c, err := station.New(st.Store, station.Config{Hub: w.srv.URL, Token: tok, AllowInsecureHTTP: true,
		RetryMax: 4, RetryWaitMin: time.Millisecond, RetryWaitMax: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rep, err := c.Sync(ctx)
	if err != nil || rep.Stored != 1 {
		t.Fatalf("sync through a 408 and a 429: %+v %v", rep, err)
	}
	if n := pushes.Load(); n != 3 {
		t.Fatalf("%d pushes, want 3", n)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Fatalf("the 429's Retry-After of 1 s was not waited for: the sync took %v", d)
	}
}
