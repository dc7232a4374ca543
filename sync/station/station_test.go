package station_test

import (
	"context"
	"errors"
	"motcua/data/calendar"
	"motcua/data/vntext"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

type world struct {
	h   *hub.Hub
	dir string
	srv *httptest.Server
	sw  *swapHandler
}

// swapHandler lets a test replace the hub behind a running server (a restart, a reset hub).
type swapHandler struct{ h atomic.Pointer[http.Handler] }

func (s *swapHandler) set(h http.Handler) { s.h.Store(&h) }

func (s *swapHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	(*s.h.Load()).ServeHTTP(w, r)
}

func newWorld(t *testing.T) *world {
	t.Helper()
	dir := t.TempDir()
	h, err := hub.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	sw := &swapHandler{}
	sw.set(hub.NewServer(h, nil))
	srv := httptest.NewServer(sw)
	t.Cleanup(srv.Close)
	return &world{h: h, dir: dir, srv: srv, sw: sw}
}

// station makes station n of office, enrolled, with a client going through tr (nil: direct).
func (w *world) station(t *testing.T, office string, n int, tr http.RoundTripper) (*synctest.Station, *station.Client) {
	t.Helper()
	st := synctest.NewStation(t, t.TempDir(), office, n)
	tok, err := w.h.EnrollStation(context.Background(), office, n)
	if err != nil {
		t.Fatal(err)
	}
	c, err := station.New(st.Store, station.Config{Hub: w.srv.URL, Token: tok, Transport: tr, AllowInsecureHTTP: true,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 20 * time.Millisecond, RetryMax: 8})
	if err != nil {
		t.Fatal(err)
	}
	return st, c
}

func syncOK(t *testing.T, c *station.Client) *station.Report {
	t.Helper()
	rep, err := c.Sync(context.Background())
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return rep
}

func checkOK(t *testing.T, name string, s *data.Store) {
	t.Helper()
	res, err := s.Check(context.Background(), false, nil)
	if err != nil || !res.OK() {
		t.Fatalf("%s: check: %+v %v", name, res, err)
	}
}

// Two stations of one office and one of another: each sees its own office's dossiers only; the
// two of one office act on the same dossier while apart and converge, the loser kept and marked.
func TestStationsConverge(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a0, c0 := w.station(t, synctest.OfficeA, 0, nil)
	a1, c1 := w.station(t, synctest.OfficeA, 1, nil)
	b0, cb := w.station(t, synctest.OfficeB, 0, nil)

	d := a0.Receive(t, "Nguyễn Văn An")
	a0.Receive(t, "Trần Văn Bảo")
	b0.Receive(t, "Người Văn Phòng Khác")
	if rep := syncOK(t, c0); rep.Stored != 2 || !rep.NewEpoch {
		t.Fatalf("station A0: %+v", rep)
	}
	syncOK(t, cb)
	if rep := syncOK(t, c1); rep.Pulled != 2 {
		t.Fatalf("station A1 pulled %d events, want 2", rep.Pulled)
	}
	if rep := syncOK(t, cb); rep.Pulled != 0 {
		t.Fatalf("office B pulled %d events of office A", rep.Pulled)
	}
	if _, _, err := b0.Store.DossierByID(ctx, d.ID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("office B sees office A's dossier: %v", err)
	}
	// The dossier received at the counter PC is processed at the other PC.
	if _, _, err := a1.Store.DossierByID(ctx, d.ID); err != nil {
		t.Fatalf("station A1 lacks the dossier: %v", err)
	}
	a0.Clock.Set(synctest.At("2026-03-02 09:00"))
	if _, err := a0.Store.Record(ctx, a0.Counter, d.ID, &data.WithdrawalRequested{Reason: "Công dân xin rút"}); err != nil {
		t.Fatal(err)
	}
	a1.Clock.Set(synctest.At("2026-03-02 09:05"))
	if _, err := a1.Store.Record(ctx, a1.Officer, d.ID, &data.Transferred{ToUnit: "TP"}); err != nil {
		t.Fatal(err)
	}
	syncOK(t, c1)
	syncOK(t, c0)
	syncOK(t, c1)
	for name, s := range map[string]*data.Store{"A0": a0.Store, "A1": a1.Store} {
		got, evs, err := s.DossierByID(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != data.StatusWithdrawing || len(evs) != 3 {
			t.Errorf("%s: status %v with %d events", name, got.Status, len(evs))
		}
		conflicts, err := s.ConflictEvents(ctx)
		if err != nil || len(conflicts) != 1 || conflicts[0].Type != data.EvTransferred {
			t.Errorf("%s: conflicts %+v %v", name, conflicts, err)
		}
		checkOK(t, name, s)
	}
	// A replayed sync moves nothing.
	if rep := syncOK(t, c0); rep.Sent != 0 || rep.Pulled != 0 {
		t.Errorf("idle sync: %+v", rep)
	}
}

// A hub that lost its data comes back with a new epoch; the station re-sends its log from the start.
func TestNewEpochResends(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a0, c0 := w.station(t, synctest.OfficeA, 0, nil)
	a0.Receive(t, "Nguyễn Văn An")
	syncOK(t, c0)

	// A new hub in a new, empty folder, reachable at the same address.
	h2, err := hub.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer h2.Close()
	tok, _ := h2.EnrollStation(ctx, synctest.OfficeA, 0)
	w.sw.set(hub.NewServer(h2, nil))
	c, err := station.New(a0.Store, station.Config{Hub: w.srv.URL, Token: tok})
	if err != nil {
		t.Fatal(err)
	}
	rep := syncOK(t, c)
	if !rep.NewEpoch || rep.Stored != 1 || rep.Epoch == w.h.Epoch() {
		t.Fatalf("after the hub's reset: %+v", rep)
	}
}

func TestUnreachableHub(t *testing.T) {
	st := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 0)
	c, err := station.New(st.Store, station.Config{Hub: "http://127.0.0.1:1", Token: "x", RetryMax: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Sync(context.Background()); !errors.Is(err, station.ErrUnreachable) {
		t.Fatalf("want ErrUnreachable, got %v", err)
	}
}

func TestBackoff(t *testing.T) {
	resp := &http.Response{StatusCode: http.StatusServiceUnavailable, Header: http.Header{"Retry-After": {"7"}}}
	if d := station.Backoff(time.Second, time.Minute, 1, resp); d != 7*time.Second {
		t.Errorf("Retry-After 7: waited %v", d)
	}
	if d := station.Backoff(time.Second, 5*time.Second, 1, resp); d != 5*time.Second {
		t.Errorf("Retry-After above the maximum: waited %v", d)
	}
	seen := map[time.Duration]bool{}
	for i := 0; i < 50; i++ {
		d := station.Backoff(time.Second, time.Minute, 4, nil)
		if d < time.Second || d > 16*time.Second {
			t.Fatalf("attempt 4: %v outside [1s, 16s]", d)
		}
		seen[d] = true
	}
	if len(seen) < 10 {
		t.Errorf("no jitter: %d distinct waits of 50", len(seen))
	}
}

func dateOf(s string) calendar.Date {
	t, err := time.ParseInLocation("2006-01-02", s, vntext.Zone())
	if err != nil {
		panic(err)
	}
	return calendar.DateOf(t)
}

// hubEventIDs lists the ids of every event the hub holds for office A, sorted.
func hubEventIDs(t *testing.T, h *hub.Hub) []string {
	t.Helper()
	var out []string
	err := h.EachEvent(context.Background(), synctest.OfficeA, func(e *data.Event) error {
		out = append(out, e.ID.String())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// A fresh PC enrolled with a token becomes that station: office, catalog, calendar and dossiers
// come from the hub; a catalog change at one station reaches the other.
func TestEnrollAndCatalogTravel(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a0, c0 := w.station(t, synctest.OfficeA, 0, nil)
	a0.Store.SetSetting(ctx, data.System, data.SettingSigner, "Nguyễn Chủ Tịch")
	d := a0.Receive(t, "Nguyễn Văn An")
	if rep := syncOK(t, c0); !rep.SnapshotSent {
		t.Fatalf("first station did not upload its office: %+v", rep)
	}
	tok, err := w.h.EnrollStation(ctx, synctest.OfficeA, 3)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := data.Open(t.TempDir() + "/" + data.DBFile)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	rep, err := station.Enroll(ctx, fresh, station.Config{Hub: w.srv.URL, Token: tok},
		data.NewUser{Username: "quantri", FullName: "Quản Trị Mới", Password: "matkhau-moi-123"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pulled != 1 || fresh.Station() != 3 {
		t.Fatalf("enrol: %+v station %d", rep, fresh.Station())
	}
	o, _ := fresh.Office()
	if o.Name != "UBND xã "+synctest.OfficeA {
		t.Errorf("office name %q", o.Name)
	}
	if p, err := fresh.Procedure(ctx, "1.004873"); err != nil || len(p.Fees) != 1 {
		t.Errorf("catalog not pulled: %+v %v", p, err)
	}
	if v, _ := fresh.Setting(ctx, data.SettingSigner); v != "Nguyễn Chủ Tịch" {
		t.Errorf("settings not pulled: %q", v)
	}
	if cfg, _ := fresh.SyncConfig(ctx); cfg.Token != tok {
		t.Errorf("hub settings not saved")
	}
	if _, _, err := fresh.DossierByID(ctx, d.ID); err != nil {
		t.Errorf("dossier not pulled: %v", err)
	}
	checkOK(t, "enrolled", fresh)

	// A unit added at station 0 reaches the enrolled PC with the next syncs.
	if err := a0.Store.PutUnit(ctx, data.System, data.Unit{Code: "DC", Name: "Công chức Địa chính", Active: true}); err != nil {
		t.Fatal(err)
	}
	syncOK(t, c0)
	c3, _ := station.New(fresh, station.Config{Hub: w.srv.URL, Token: tok})
	if rep := syncOK(t, c3); !rep.SnapshotGot {
		t.Fatalf("catalog change not applied: %+v", rep)
	}
	units, _ := fresh.Units(ctx)
	if len(units) != 2 {
		t.Fatalf("units at the enrolled PC: %+v", units)
	}
	// The hub's copy got its catalog after the dossiers: re-projected, consistent, grouped by unit.
	replica, err := data.Open(filepath.Join(w.dir, "offices", synctest.OfficeA, data.DBFile), data.ReadOnly()) // the hub holds it open
	if err != nil {
		t.Fatal(err)
	}
	defer replica.Close()
	checkOK(t, "hub replica", replica)
	ans, err := w.h.Stats(ctx, synctest.OfficeA, dateOf("2026-03-01"), dateOf("2026-03-31"), data.ByUnit, "")
	if err != nil || len(ans.Rows) == 0 || ans.Rows[0].Key != "TP" {
		t.Fatalf("hub statistics by unit: %+v %v", ans, err)
	}
}

// Two PCs wrongly set up as the same station mint the same dossier code: the hub refuses the
// second one's, which goes to that PC's quarantine with the reason, and its other events still go.
func TestRefusedEventIsQuarantinedAndTheRestGoes(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a, ca := w.station(t, synctest.OfficeA, 0, nil)
	b, cb := w.station(t, synctest.OfficeA, 0, nil)
	a.Receive(t, "Nguyễn Văn An")
	syncOK(t, ca)
	b.Receive(t, "Trùng Mã Hồ Sơ") // same code as at a
	b.Receive(t, "Lê Thị Bình")
	rep := syncOK(t, cb)
	if len(rep.Refused) != 1 || rep.Stored != 1 || rep.Backlog != 0 {
		t.Fatalf("report: %+v", rep)
	}
	q, err := b.Store.Quarantine(ctx)
	if err != nil || len(q) != 1 || !strings.Contains(q[0].Reason, "đã được dùng") || q[0].Type != data.EvReceived {
		t.Fatalf("quarantine: %+v %v", q, err)
	}
	pushed, _, _ := b.Store.SyncCursor(ctx, rep.Epoch)
	if last, _ := b.Store.LogPosition(ctx); pushed != last {
		t.Fatalf("cursor %d, last event %d: the refused event blocked the rest", pushed, last)
	}
	// The next sync does not send it again.
	if rep := syncOK(t, cb); rep.Sent != 0 {
		t.Fatalf("the refused event was sent again: %+v", rep)
	}
}
