package station_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"motcua/sync/hub"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

// A station whose clock runs two days ahead of the hub's writes events the hub cannot accept yet
// (data.ValidEventTime on the hub's clock). They are refused as retryable (clock_ahead), stay
// queued at the station, not quarantined, and the station is told in Vietnamese that its clock is
// wrong. Once the clock is right and the hub's time has reached them, the next sync sends them:
// nothing lost, nothing twice.
func TestClockAheadEventsAreHeldAndSentOnceTheClockIsRight(t *testing.T) {
	ctx := context.Background()
	hubClk := &synctest.Clock{}
	hubClk.Set(synctest.At("2026-03-02 08:00"))
	dir := t.TempDir()
	h, err := hub.Open(dir, hub.WithClock(hubClk.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	sw := &swapHandler{}
	sw.set(hub.NewServer(h, nil))
	srv := httptest.NewServer(sw)
	t.Cleanup(srv.Close)
	st := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 1)
	tok, err := h.EnrollStation(ctx, synctest.OfficeA, 1)
	if err != nil {
		t.Fatal(err)
	}
	c, err := station.New(st.Store, station.Config{Hub: srv.URL, Token: tok, AllowInsecureHTTP: true, Now: st.Clock.Now,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 20 * time.Millisecond, RetryMax: 8})
	if err != nil {
		t.Fatal(err)
	}

	st.Receive(t, "Nguyễn Văn An") // on time
	st.Clock.Set(synctest.At("2026-03-04 08:00"))
	st.Receive(t, "Lê Thị Bình") // two days ahead
	st.Receive(t, "Trần Văn Cường")
	last, _ := st.Store.LogPosition(ctx)

	rep := syncOK(t, c)
	if len(rep.Refused) != 0 || rep.HeldAhead == 0 {
		t.Fatalf("first sync: %+v", rep)
	}
	note := rep.ClockAheadNotice()
	if !strings.Contains(note, "Đồng hồ máy này chạy nhanh hơn máy chủ 48h0m0s") || !strings.Contains(note, "gửi lại") {
		t.Fatalf("notice %q", note)
	}
	if q, err := st.Store.Quarantine(ctx); err != nil || len(q) != 0 {
		t.Fatalf("quarantined for good: %+v %v", q, err)
	}
	pushed, _, _ := st.Store.SyncCursor(ctx, rep.Epoch)
	if pushed >= last {
		t.Fatalf("cursor %d passed the held events (last %d)", pushed, last)
	}
	if n, _ := st.Store.PendingPush(ctx); n == 0 {
		t.Fatal("no event shown waiting")
	}

	// Still ahead: held again, nothing quarantined.
	if rep := syncOK(t, c); rep.HeldAhead == 0 || len(rep.Refused) != 0 {
		t.Fatalf("second sync while ahead: %+v", rep)
	}

	// The clock is put right and a day passes: the events written ahead are now within the
	// hub's range.
	hubClk.Set(synctest.At("2026-03-03 09:00"))
	st.Clock.Set(hubClk.Now())
	st.Receive(t, "Phạm Thị Dung")
	rep = syncOK(t, c)
	if rep.HeldAhead != 0 || len(rep.Refused) != 0 || rep.Backlog != 0 || rep.ClockAheadNotice() != "" {
		t.Fatalf("sync after the clock was fixed: %+v", rep)
	}
	if q, _ := st.Store.Quarantine(ctx); len(q) != 0 {
		t.Fatalf("quarantine: %+v", q)
	}
	local, err := st.Store.Unpushed(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	ids := hubEventIDs(t, h)
	if len(ids) != len(local) {
		t.Fatalf("hub holds %d events, the station wrote %d", len(ids), len(local))
	}
	seen := map[string]bool{}
	for _, id := range ids {
		seen[id] = true
	}
	for _, e := range local {
		if !seen[e.ID.String()] {
			t.Fatalf("event %d (%s) lost", e.Seq, e.Type)
		}
	}
	if n, _ := st.Store.PendingPush(ctx); n != 0 {
		t.Fatalf("%d events still waiting", n)
	}
}
