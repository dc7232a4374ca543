package cli

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"motcua/data"
	"motcua/sync/synctest"
)

// A sync whose push the hub refuses event by event in the hundreds prints a summary (how many,
// per reason) and the first few numbers, not one line each; --verbose lists every event in the
// quarantine.
func TestSyncSummarisesManyRefusedEvents(t *testing.T) {
	ctx := context.Background()
	h, srv := servedHub(t)
	tok, _ := h.EnrollStation(ctx, synctest.OfficeA, 0)
	dir := t.TempDir()
	st := synctest.NewStation(t, dir, synctest.OfficeA, 0)
	st.Receive(t, "Nguyễn Văn An")
	// 150 events stamped for station 5 in station 0's log (a copied or demo database): the hub
	// refuses each alone as not this station's.
	const foreign = 150
	err := st.Store.Batch(ctx, data.System, func(b *data.Batch) error {
		for i := 0; i < foreign; i++ {
			in, err := st.Store.Intake(ctx, data.Reception{Procedure: "1.004873",
				Applicant: data.Person{Name: fmt.Sprintf("Người Máy Khác %d", i), IDNo: "038085001234", Address: "Thôn Đông"}})
			if err != nil {
				return err
			}
			var d data.Dossier
			if err := b.Append(ctx, &d, synctest.At("2026-03-02 08:01"), "tiepnhan", 5, &data.Received{Intake: in}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Store.Close()

	code, out, errs := run(t, "sync", "--data", dir, "--hub", srv.URL, "--token", tok)
	if code != 0 {
		t.Fatalf("sync: %d %q %q", code, out, errs)
	}
	t.Logf("summary:\n%s", out)
	if n := strings.Count(out, "\n"); n > 20 {
		t.Fatalf("%d lines printed for %d refused events:\n%s", n, foreign, out)
	}
	for _, want := range []string{"Máy chủ từ chối 150 sự kiện", "150 sự kiện không phải do máy này ghi", "--verbose", "Đồng bộ"} {
		if !strings.Contains(out, want) {
			t.Fatalf("the summary lacks %q:\n%s", want, out)
		}
	}

	code, out, errs = run(t, "sync", "--data", dir, "--verbose")
	if code != 0 {
		t.Fatalf("sync --verbose: %d %q %q", code, out, errs)
	}
	if n := strings.Count(out, "máy trạm 5"); n != foreign {
		t.Fatalf("--verbose lists %d refused events, want %d:\n%s", n, foreign, out)
	}
}

// Events written while this PC's clock ran two days ahead are not reported as refused: the sync
// says, in Vietnamese, that they are kept here and will go again.
func TestSyncSaysEventsAheadOfTheHubAreKept(t *testing.T) {
	ctx := context.Background()
	h, srv := servedHub(t)
	tok, _ := h.EnrollStation(ctx, synctest.OfficeA, 0)
	dir := t.TempDir()
	st := synctest.NewStation(t, dir, synctest.OfficeA, 0)
	st.Clock.Set(time.Now().Add(48 * time.Hour))
	st.Receive(t, "Nguyễn Văn An")
	st.Store.Close()

	code, out, errs := run(t, "sync", "--data", dir, "--hub", srv.URL, "--token", tok)
	if code != 0 {
		t.Fatalf("sync: %d %q %q", code, out, errs)
	}
	if strings.Contains(out, "từ chối") || !strings.Contains(errs, "Đồng hồ máy này") || !strings.Contains(errs, "giữ lại") {
		t.Fatalf("out %q\nerr %q", out, errs)
	}
	if !strings.Contains(out, "chờ gửi") {
		t.Fatalf("the kept events are not shown waiting: %q", out)
	}
}
