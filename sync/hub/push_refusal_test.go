package hub_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/protocol"
	"motcua/sync/synctest"
)

// logBuffer collects the hub's log lines.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// newFixtureWithDir is newFixture with the hub's folder known, to reach its files, and its log.
func newFixtureWithDir(t *testing.T) (*fixture, string, *logBuffer) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	h, err := hub.Open(dir, hub.WithClock(func() time.Time { return synctest.At("2026-03-04 10:00") }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	logs := &logBuffer{}
	srv := httptest.NewServer(hub.NewServer(h, log.New(logs, "", 0)))
	t.Cleanup(srv.Close)
	f := &fixture{h: h, srv: srv, st: synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 1)}
	if f.tok, err = h.EnrollStation(ctx, synctest.OfficeA, 1); err != nil {
		t.Fatal(err)
	}
	f.db, _ = f.st.Store.DatabaseID(ctx)
	return f, dir, logs
}

func (f *fixture) push(t *testing.T, req protocol.PushRequest) protocol.PushResponse {
	t.Helper()
	code, b := f.post(t, f.tok, mustJSON(req))
	var resp protocol.PushResponse
	if code != http.StatusOK || json.Unmarshal(b, &resp) != nil {
		t.Fatalf("push: %d %s", code, b)
	}
	return resp
}

// stationHealth is station 1 of office A on the health page.
func (f *fixture) stationHealth(t *testing.T) hub.StationHealth {
	t.Helper()
	st, err := f.h.Stations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st {
		if s.Office == synctest.OfficeA && s.Station == 1 {
			return s
		}
	}
	t.Fatal("station 1 of office A not on the health page")
	return hub.StationHealth{}
}

// hubEvents counts the events the hub holds for office A.
func (f *fixture) hubEvents(t *testing.T) int {
	t.Helper()
	n := 0
	if err := f.h.EachEvent(context.Background(), synctest.OfficeA, func(*data.Event) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// Events of another station or office in a batch are refused one by one, with the code
// "forbidden" and a reason; the events around them are stored and the batch acknowledged whole.
func TestForeignEventsAreRefusedAloneAndTheRestStored(t *testing.T) {
	f := newFixture(t)
	for _, name := range []string{"Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường", "Phạm Thị Dung"} {
		f.st.Receive(t, name)
	}
	req := f.pushBody(t)
	req.Events[1].Station = 2               // another station of the office
	req.Events[2].Office = synctest.OfficeB // another office
	resp := f.push(t, req)
	if resp.Stored != 2 || resp.Ack != 4 || len(resp.Rejected) != 2 {
		t.Fatalf("answer: %+v", resp)
	}
	for i, r := range resp.Rejected {
		if r.Seq != int64(i+2) || r.Code != protocol.CodeForbidden || !strings.Contains(r.Reason, "máy trạm") {
			t.Errorf("refusal %d: %+v", i, r)
		}
	}
	if n := f.hubEvents(t); n != 2 {
		t.Fatalf("hub holds %d events, want 2", n)
	}
	// The header is the request itself: another office there refuses the whole push.
	req.Office = synctest.OfficeB
	if code, b := f.post(t, f.tok, mustJSON(req)); code != http.StatusForbidden {
		t.Fatalf("another office in the header: %d %s", code, b)
	}
}

// A push whose events were stored is answered 200 and acknowledged even when writing what the
// station reported fails afterwards; the health page's count of events held equals what is
// stored, through failures, re-sends and a hub copy written before the count was kept.
func TestStoredPushSurvivesFailingBookkeeping(t *testing.T) {
	f, dir, logs := newFixtureWithDir(t)
	f.st.Receive(t, "Nguyễn Văn An")
	f.st.Receive(t, "Lê Thị Bình")
	f.push(t, f.pushBody(t))

	// Every write of the stations' bookkeeping now fails, as a cancelled context or a full disk
	// would make it fail after the events were committed.
	hubDB, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, "hub.db")+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer hubDB.Close()
	for _, op := range []string{"INSERT", "UPDATE"} {
		_, err := hubDB.Exec(`CREATE TRIGGER fail_` + op + ` BEFORE ` + op + ` ON stations BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`)
		if err != nil {
			t.Fatal(err)
		}
	}
	f.st.Receive(t, "Trần Văn Cường")
	req := f.pushBody(t)
	req.From = 2
	req.Events = req.Events[2:]
	resp := f.push(t, req)
	if resp.Stored != 1 || resp.Ack != 3 {
		t.Fatalf("answer with failing bookkeeping: %+v", resp)
	}
	if !strings.Contains(logs.String(), "disk I/O error") {
		t.Fatalf("the bookkeeping did not fail, or its failure was not logged: %q", logs.String())
	}
	if _, err := hubDB.Exec("DROP TRIGGER fail_INSERT; DROP TRIGGER fail_UPDATE"); err != nil {
		t.Fatal(err)
	}
	if held, stored := f.stationHealth(t).Held, f.hubEvents(t); held != stored || stored != 3 {
		t.Fatalf("health page: %d events held, the hub stores %d", held, stored)
	}
	// A re-sent batch is a no-op, counted nowhere.
	f.push(t, f.pushBody(t))
	if held := f.stationHealth(t).Held; held != 3 {
		t.Fatalf("after a re-send: %d events held, want 3", held)
	}

	// A hub copy written before the count was kept: counted from the log, then kept again.
	replica, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, "offices", synctest.OfficeA, data.DBFile)+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer replica.Close()
	if _, err := replica.Exec("DELETE FROM meta WHERE key LIKE 'pushed%'"); err != nil {
		t.Fatal(err)
	}
	if held := f.stationHealth(t).Held; held != 3 {
		t.Fatalf("older hub copy: %d events held, want 3", held)
	}
	f.st.Receive(t, "Phạm Thị Dung")
	f.push(t, f.pushBody(t))
	if held, stored := f.stationHealth(t).Held, f.hubEvents(t); held != stored || stored != 4 {
		t.Fatalf("after the next push: %d events held, the hub stores %d", held, stored)
	}
}
