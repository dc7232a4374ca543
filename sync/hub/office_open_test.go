package hub_test

import (
	"context"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/synctest"
)

// An office database the hub cannot open for a passing reason (here another process holds it) is
// the hub's trouble, not the station's: the push is answered 500 and retried, not 403, which
// stops the station's sync until someone looks (docs/sync-protocol.md, the refusal table).
func TestOfficeThatCannotOpenIsRetriedNotRefused(t *testing.T) {
	ctx := context.Background()
	f, dir, _ := newFixtureWithDir(t)
	f.st.Receive(t, "Nguyễn Văn An")
	req := f.pushBody(t)
	if err := f.h.Close(); err != nil {
		t.Fatal(err)
	}
	holder, err := data.Open(filepath.Join(dir, "offices", synctest.OfficeA, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	h, err := hub.Open(dir, hub.WithClock(func() time.Time { return synctest.At("2026-03-04 10:00") }))
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	srv := httptest.NewServer(hub.NewServer(h, log.New(&logBuffer{}, "", 0)))
	defer srv.Close()
	f.srv = srv
	if code, b := f.post(t, f.tok, mustJSON(req)); code != http.StatusInternalServerError {
		t.Fatalf("push while the office's database is held elsewhere: %d %s, want 500 (retried)", code, b)
	}
	holder.Close()
	if code, b := f.post(t, f.tok, mustJSON(req)); code != http.StatusOK {
		t.Fatalf("push once the database is free: %d %s", code, b)
	}
	_ = ctx
}
