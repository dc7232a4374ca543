package station_test

import (
	"context"
	"strings"
	"testing"

	"motcua/data"
	"motcua/sync/synctest"
)

// One event in the middle of a batch that is not the station's own (here written for station 5
// into station 0's log, as a forged or demo database would hold): the hub refuses it alone. It
// goes to the station's quarantine with the reason, the events before and after it are stored
// and acknowledged, the cursor passes it, and the next sync sends nothing more.
func TestForeignEventInBatchIsQuarantinedAndTheRestAcknowledged(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a0, c0 := w.station(t, synctest.OfficeA, 0, nil)
	a0.Receive(t, "Nguyễn Văn An")
	var foreign data.Dossier
	err := a0.Store.Batch(ctx, data.System, func(b *data.Batch) error {
		in, err := a0.Store.Intake(ctx, data.Reception{Procedure: "1.004873",
			Applicant: data.Person{Name: "Người Máy Khác", IDNo: "038085001234", Address: "Thôn Đông"}})
		if err != nil {
			return err
		}
		return b.Append(ctx, &foreign, synctest.At("2026-03-02 08:01"), "tiepnhan", 5, &data.Received{Intake: in})
	})
	if err != nil {
		t.Fatal(err)
	}
	a0.Receive(t, "Lê Thị Bình")
	a0.Receive(t, "Trần Văn Cường")
	rep := syncOK(t, c0)
	if rep.Sent != 4 || rep.Stored != 3 || len(rep.Refused) != 1 || rep.Backlog != 0 {
		t.Fatalf("report: %+v", rep)
	}
	q, err := a0.Store.Quarantine(ctx)
	if err != nil || len(q) != 1 || q[0].Dossier != foreign.ID || q[0].Code != "forbidden" || !strings.Contains(q[0].Reason, "máy trạm 5") {
		t.Fatalf("quarantine: %+v %v", q, err)
	}
	if got := len(hubEventIDs(t, w.h)); got != 3 {
		t.Fatalf("hub holds %d events, want 3", got)
	}
	pushed, _, _ := a0.Store.SyncCursor(ctx, rep.Epoch)
	if last, _ := a0.Store.LogPosition(ctx); pushed != last {
		t.Fatalf("cursor %d, last event %d: the refused event blocked the rest", pushed, last)
	}
	if rep := syncOK(t, c0); rep.Sent != 0 || len(rep.Refused) != 0 {
		t.Fatalf("the refused event was sent again: %+v", rep)
	}
	if n, _ := a0.Store.PendingPush(ctx); n != 0 {
		t.Fatalf("%d events still shown waiting", n)
	}
}
