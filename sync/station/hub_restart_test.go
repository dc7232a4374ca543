package station_test

import (
	"context"
	"testing"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/synctest"
)

// A request still being handled when the hub is closed (a push whose station hung up, during a
// restart) must not open the office's database again: the closed hub would hold it, and the hub
// opened in its place could not open it, refusing every push of the office. This made the
// fault-network test fail once in a few runs after its hub restart.
func TestClosedHubOpensNoOfficeDatabase(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a, ca := w.station(t, synctest.OfficeA, 0, nil)
	a.Receive(t, "Nguyễn Văn An")
	syncOK(t, ca)

	w.h.Close()
	// What a late handler of the closed hub does: it needs the office.
	if err := w.h.EachEvent(ctx, synctest.OfficeA, func(*data.Event) error { return nil }); err == nil {
		t.Errorf("a closed hub read an office")
	}
	h, err := hub.Open(w.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	w.sw.set(hub.NewServer(h, nil))
	a.Receive(t, "Lê Thị Hoa")
	if rep := syncOK(t, ca); rep.Stored != 1 {
		t.Fatalf("after the restart: %+v", rep)
	}
	if ids := hubEventIDs(t, h); len(ids) != 2 {
		t.Fatalf("the reopened hub holds %d events, want 2", len(ids))
	}
}
