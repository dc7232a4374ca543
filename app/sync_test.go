package app

import (
	"bytes"
	"context"
	"encoding/pem"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

// testHub is an in-process hub that a test can take down (every request answered 503).
type testHub struct {
	h    *hub.Hub
	srv  *httptest.Server
	down atomic.Bool
}

func newTestHub(t *testing.T, opts ...hub.Option) *testHub {
	t.Helper()
	return startTestHub(t, false, opts...)
}

// startTestHub starts a hub, over HTTPS with a certificate of its own when tlsOn.
func startTestHub(t *testing.T, tlsOn bool, opts ...hub.Option) *testHub {
	t.Helper()
	h, err := hub.Open(t.TempDir(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	th := &testHub{h: h}
	server := hub.NewServer(h, nil)
	th.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if th.down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		server.ServeHTTP(w, r)
	}))
	if tlsOn {
		th.srv.StartTLS()
	} else {
		th.srv.Start()
	}
	t.Cleanup(func() { th.srv.Close(); h.Close() })
	return th
}

// enroll issues a token for station n of st's office.
func (th *testHub) enroll(t *testing.T, st *data.Store, n int) string {
	t.Helper()
	office, err := st.Office()
	if err != nil {
		t.Fatal(err)
	}
	tok, err := th.h.EnrollStation(context.Background(), office.Code, n)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// held counts the events the hub holds for st's office.
func (th *testHub) held(t *testing.T, st *data.Store) int {
	t.Helper()
	office, _ := st.Office()
	n := 0
	if err := th.h.EachEvent(context.Background(), office.Code, func(*data.Event) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// syncTestQueue holds the sync loop's reports until the test applies them on its own goroutine:
// Fyne's test driver would otherwise draw from the loop's goroutine while the test draws too.
type syncTestQueue struct {
	mu  sync.Mutex
	fns []func()
}

// fastSync makes u's background sync quick and its reports queued (call it before the sync
// starts); it returns the queue.
func fastSync(u *ui) *syncTestQueue {
	q := &syncTestQueue{}
	u.syncTune = syncTuning{
		interval: time.Hour, watch: 20 * time.Millisecond,
		do: func(fn func()) { q.mu.Lock(); q.fns = append(q.fns, fn); q.mu.Unlock() },
		client: func(c data.SyncConfig) station.Config {
			return station.Config{Hub: c.Hub, Token: c.Token, CA: c.CA, RetryMax: 1,
				RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, Timeout: 10 * time.Second}
		},
	}
	return q
}

// until applies queued reports until cond holds, failing after a while.
func (q *syncTestQueue) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		for _, fn := range fns {
			fn()
		}
		if len(fns) == 0 {
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// stationUI opens, in a test window, a station of a small office of the sync tests (users admin,
// tiepnhan and chuyenvien, password matkhau123) holding three dossiers written here: unlike the
// demo office, whose records come from several PCs, one station token may send all of them.
func stationUI(t *testing.T) (*ui, fyne.Window) {
	t.Helper()
	dir := t.TempDir()
	st := synctest.NewStation(t, dir, synctest.OfficeA, 1)
	for _, name := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"} {
		st.Receive(t, name)
	}
	st.Store.Close() // the window opens the office for writing: one writer at a time
	u, w := newTestUI(t, Options{DataDir: dir, spawn: inline})
	if u.login == nil {
		t.Fatalf("no login screen: %v", u.failures())
	}
	return u, w
}

// syncLogin logs username in and starts the background sync as loggedIn does.
func syncLogin(t *testing.T, u *ui, username string) {
	t.Helper()
	password := "matkhau123"
	switch username {
	case "admin":
		if _, err := u.currentStore().Authenticate(context.Background(), "admin", password); err != nil {
			password = "admin123" // the demo office's
		}
	case "tiepnhan1":
		password = "demo1234"
	}
	logIn(t, u, username, password)
	if u.shell == nil {
		t.Fatalf("%s could not log in", username)
	}
	u.startSync(u.currentStore())
	u.wait()
	t.Cleanup(func() { u.stopSync(); u.wait() })
}

// addNote writes one event on this station, as any screen would.
func addNote(t *testing.T, st *data.Store) {
	t.Helper()
	hits, _, err := st.List(context.Background(), data.ListFilter{}, data.SortReceivedDesc, "", 1)
	if err != nil || len(hits) == 0 {
		t.Fatalf("no dossier: %v", err)
	}
	me, err := st.UserByName(context.Background(), "tiepnhan") // an account: the hub checks who did what
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Record(context.Background(), me, hits[0].ID, &data.Note{Text: "Ghi chú thử"}); err != nil {
		t.Fatal(err)
	}
}

func TestSyncStatusBarSyncedThenOfflineThenBack(t *testing.T) {
	// the hub's clock runs 10 minutes ahead of this PC's
	th := newTestHub(t, hub.WithClock(func() time.Time { return time.Now().Add(10 * time.Minute) }))
	u, _ := stationUI(t)
	q := fastSync(u)
	st := u.currentStore()
	tok := th.enroll(t, st, st.Station())
	if err := st.SetSyncConfig(context.Background(), data.System, data.SyncConfig{Hub: th.srv.URL, Token: tok}); err != nil {
		t.Fatal(err)
	}
	syncLogin(t, u, "tiepnhan")
	bar := u.shell.status

	q.until(t, "the first sync", func() bool { return strings.HasPrefix(bar.sync.Text, "Đã đồng bộ lúc ") })
	local, _ := st.LogPosition(context.Background())
	if got := th.held(t, st); int64(got) != local {
		t.Errorf("hub holds %d events, the station wrote %d", got, local)
	}
	if bar.sync.Importance != widget.SuccessImportance {
		t.Errorf("importance %v after a success", bar.sync.Importance)
	}
	if !bar.clock.Visible() || bar.clock.Text != "Đồng hồ lệch 10 phút" {
		t.Errorf("clock warning %q (visible %v)", bar.clock.Text, bar.clock.Visible())
	}

	// the hub goes down; two records are written here: the watcher sends them at once, and
	// the bar counts them
	th.down.Store(true)
	addNote(t, st)
	addNote(t, st)
	q.until(t, "the offline state", func() bool { return bar.sync.Text == "Ngoại tuyến — 2 bản ghi chờ gửi" })

	// back online: "Sync now" on the Sync screen sends the two at once
	th.down.Store(false)
	u.shell.showSection(sectionSync)
	u.wait()
	s := syncScreenOf(u)
	if s.pending.Text != "2" || s.state.Text != "Ngoại tuyến — 2 bản ghi chờ gửi" {
		t.Errorf("screen says %q, %q waiting", s.state.Text, s.pending.Text)
	}
	test.Tap(s.now)
	if !s.progress.Visible() || !s.now.Disabled() {
		t.Error("no progress after Sync now")
	}
	// a sync the loop began on its own may end before the one asked for: wait for the last
	q.until(t, "the sync after the outage", func() bool {
		return strings.HasPrefix(bar.sync.Text, "Đã đồng bộ lúc ") && !strings.Contains(bar.sync.Text, "chờ gửi") &&
			!s.progress.Visible()
	})
	if s.pending.Text != "0" || s.progress.Visible() || s.now.Disabled() {
		t.Errorf("after the sync: %q waiting, progress %v", s.pending.Text, s.progress.Visible())
	}
	if got := th.held(t, st); int64(got) != local+2 {
		t.Errorf("hub holds %d events after the outage, want %d", got, local+2)
	}
}

func TestSyncStatusBarWithoutHub(t *testing.T) {
	u, _ := openDemo(t, 30)
	syncLogin(t, u, "tiepnhan1")
	if got := u.shell.status.sync.Text; got != "Chưa cấu hình máy chủ đồng bộ" {
		t.Errorf("status %q", got)
	}
	if u.kickSync() {
		t.Error("a loop runs without a hub")
	}
}

func TestSyncScreenListsQuarantine(t *testing.T) {
	u, _ := openDemo(t, 30)
	st := u.currentStore()
	ctx := context.Background()
	evs, err := st.Unpushed(ctx, 0, 3)
	if err != nil || len(evs) < 3 {
		t.Fatalf("events: %v", err)
	}
	// what the client records when the hub refuses the third event of a push
	reason := "sự kiện thuộc văn phòng khác"
	refused := []data.Quarantined{{Seq: evs[2].Seq, Code: "forbidden", Reason: reason, At: fixedNow}}
	if err := st.Acknowledge(ctx, "epoch-test", 0, evs[2].Seq, refused); err != nil {
		t.Fatal(err)
	}
	syncLogin(t, u, "admin")
	if !u.shell.showSection(sectionSync) {
		t.Fatal("the administrator cannot open the Sync section")
	}
	u.wait()
	s := syncScreenOf(u)
	if s == nil {
		t.Fatal("no Sync screen")
	}
	all := texts(s.content)
	if !contains(all, reason) || !contains(all, "Máy chủ từ chối (1)") {
		t.Fatalf("the quarantine is not listed: %q", all)
	}
	if !contains(all, "Chưa cấu hình máy chủ đồng bộ") {
		t.Errorf("no state line: %q", all)
	}
	var open *widget.Button
	walk(s.quarantine, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Mở hồ sơ" {
			open = b
		}
	})
	if open == nil || open.Disabled() {
		t.Fatal("no button opening the dossier")
	}
	test.Tap(open)
	u.wait()
	if !u.shell.detail {
		t.Error("the dossier did not open")
	}
}

func TestSyncSettingsOnlyAdministrators(t *testing.T) {
	u, w := openDemo(t, 30)
	fastSync(u)
	st := u.currentStore()
	ctx := context.Background()
	syncLogin(t, u, "tiepnhan1")
	u.shell.showSection(sectionSync)
	u.wait()
	s := syncScreenOf(u)
	if !s.save.Disabled() || !s.hub.Disabled() {
		t.Error("a receptionist may edit the settings")
	}
	// even past the disabled button, the store refuses
	s.hub.SetText("https://dongbo.example.vn")
	s.token.SetText("mch1_receptionist")
	s.saveSettings()
	u.wait()
	if cfg, _ := st.SyncConfig(ctx); cfg.Hub != "" || cfg.Token != "" {
		t.Fatalf("a receptionist changed the settings: %+v", cfg)
	}
	if !s.saveNote.Visible() || !strings.Contains(s.saveNote.Text, "Không lưu được cài đặt đồng bộ") {
		t.Errorf("no error shown: %q", s.saveNote.Text)
	}
	if s.hub.Text != "https://dongbo.example.vn" {
		t.Error("the typed address was lost")
	}

	u.logout()
	u.stopSync()
	u.wait()
	syncLogin(t, u, "admin")
	u.shell.showSection(sectionSync)
	u.wait()
	s = syncScreenOf(u)
	s.hub.SetText("https://dongbo.example.vn")
	s.saveSettings()
	if !strings.Contains(s.saveNote.Text, "mã truy cập") {
		t.Errorf("a hub without a token was accepted: %q", s.saveNote.Text)
	}
	const token = "mch1_SECRET-token-value"
	s.token.SetText(token)
	s.saveSettings()
	u.wait()
	cfg, _ := st.SyncConfig(ctx)
	if cfg.Hub != "https://dongbo.example.vn" || cfg.Token != token {
		t.Fatalf("settings not saved: hub %q", cfg.Hub)
	}
	if s.token.Text != "" {
		t.Error("the token stays in the field after saving")
	}
	if s.saveNote.Text != "Đã lưu cài đặt đồng bộ." {
		t.Errorf("outcome %q", s.saveNote.Text)
	}
	if state := u.syncSnapshot(); !state.configured || state.hub != cfg.Hub {
		t.Errorf("the sync did not restart with the new hub: %+v", state)
	}
	assertNoToken(t, w, token)
}

// assertNoToken fails when token shows anywhere in the window, in clear.
func assertNoToken(t *testing.T, w fyne.Window, token string) {
	t.Helper()
	walk(w.Content(), func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Entry:
			if strings.Contains(v.Text, token) && !v.Password {
				t.Errorf("the token is in a clear field")
			}
		case *widget.Label:
			if strings.Contains(v.Text, token) {
				t.Errorf("the token is shown: %q", v.Text)
			}
		}
	})
}

func TestSyncTokenNeverLogged(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	th := newTestHub(t)
	u, w := stationUI(t)
	q := fastSync(u)
	st := u.currentStore()
	tok := th.enroll(t, st, st.Station())
	if _, err := th.h.RevokeToken(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSyncConfig(context.Background(), data.System, data.SyncConfig{Hub: th.srv.URL, Token: tok}); err != nil {
		t.Fatal(err)
	}
	syncLogin(t, u, "admin")
	u.shell.showSection(sectionSync)
	u.wait()
	bar := u.shell.status
	q.until(t, "the refusal", func() bool { return strings.HasPrefix(bar.sync.Text, "Lỗi: ") })
	if bar.sync.Importance != widget.DangerImportance {
		t.Errorf("importance %v for a refusal", bar.sync.Importance)
	}
	s := syncScreenOf(u)
	if !strings.Contains(s.tokenNote.Text, "Đã lưu một mã truy cập") {
		t.Errorf("token note %q", s.tokenNote.Text)
	}
	assertNoToken(t, w, tok)
	if strings.Contains(logged.String(), tok) {
		t.Error("the token was logged")
	}
}

func TestWelcomeEnrollOpensOffice(t *testing.T) {
	th := newTestHub(t)
	// the office's first station has sent its records, catalog and settings
	first := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 1)
	for _, name := range []string{"Nguyễn Văn An", "Trần Thị Bình"} {
		first.Receive(t, name)
	}
	src := first.Store
	c, err := station.New(src, station.Config{Hub: th.srv.URL, Token: th.enroll(t, src, src.Station())})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	dossiers, _ := src.Count(context.Background(), data.ListFilter{})
	office, _ := src.Office()

	dir := t.TempDir()
	u, _ := newTestUI(t, Options{DataDir: dir, spawn: inline})
	fastSync(u)
	if u.welcome == nil {
		t.Fatal("no welcome screen")
	}
	test.Tap(u.welcome.enrollButton)
	e := u.enroll
	if e == nil {
		t.Fatal("no enrolment form")
	}

	// a wrong token: refused, nothing left behind, everything typed stays
	e.hub.SetText(th.srv.URL)
	e.token.SetText("mch1_wrong")
	e.fullName.SetText("Phạm Văn Dũng")
	e.password.SetText("matkhau123")
	e.passwordAgain.SetText("matkhau123")
	e.submit()
	u.wait()
	if len(u.failures()) != 1 {
		t.Fatalf("failures %v, want the refusal", u.failures())
	}
	if _, err := os.Stat(filepath.Join(dir, data.DBFile)); !os.IsNotExist(err) {
		t.Errorf("a database was left behind: %v", err)
	}
	if e.hub.Text != th.srv.URL || e.password.Text != "matkhau123" || u.login != nil {
		t.Fatal("the form was lost")
	}

	e.token.SetText(th.enroll(t, src, 2))
	e.submit()
	u.wait()
	if len(u.failures()) != 1 {
		t.Fatalf("errors: %v", u.failures()[1:])
	}
	if u.login == nil {
		t.Fatal("the office did not open at the login screen")
	}
	st := u.currentStore()
	got, _ := st.Office()
	if got.Code != office.Code || st.Station() != 2 {
		t.Errorf("office %s station %d, want %s station 2", got.Code, st.Station(), office.Code)
	}
	if n, _ := st.Count(context.Background(), data.ListFilter{}); n != dossiers {
		t.Errorf("%d dossiers received, want %d", n, dossiers)
	}
	if cfg, _ := st.SyncConfig(context.Background()); cfg.Hub != th.srv.URL {
		t.Errorf("hub not saved: %q", cfg.Hub)
	}
	if _, err := st.Authenticate(context.Background(), "admin", "matkhau123"); err != nil {
		t.Errorf("the administrator typed cannot log in: %v", err)
	}
}

func TestSyncScreenListsConflictAndOpensDossier(t *testing.T) {
	th := newTestHub(t)
	ctx := context.Background()
	dir := t.TempDir()
	a := synctest.NewStation(t, dir, synctest.OfficeA, 1)
	b := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 2)
	client := func(st *synctest.Station, n int) *station.Client {
		c, err := station.New(st.Store, station.Config{Hub: th.srv.URL, Token: th.enroll(t, st.Store, n)})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	ca, cb := client(a, 1), client(b, 2)
	syncOnce := func(c *station.Client) {
		t.Helper()
		if _, err := c.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	d := a.Receive(t, "Nguyễn Văn Đức")
	syncOnce(ca)
	syncOnce(cb)
	// apart: the counter records a withdrawal at 09:00, the other PC a hand-over at 09:05
	a.Clock.Set(synctest.At("2026-03-02 09:00"))
	if _, err := a.Store.Record(ctx, a.Counter, d.ID, &data.WithdrawalRequested{Reason: "Công dân xin rút"}); err != nil {
		t.Fatal(err)
	}
	b.Clock.Set(synctest.At("2026-03-02 09:05"))
	if _, err := b.Store.Record(ctx, b.Officer, d.ID, &data.Transferred{ToUnit: "TP"}); err != nil {
		t.Fatal(err)
	}
	syncOnce(cb)
	syncOnce(ca)
	a.Store.Close() // the window opens the office for writing: one writer at a time

	u, _ := newTestUI(t, Options{DataDir: dir, spawn: inline})
	syncLogin(t, u, "admin")
	u.shell.showSection(sectionSync)
	u.wait()
	s := syncScreenOf(u)
	if s.conflictCard.Title != "Xung đột (1)" {
		t.Fatalf("conflicts card %q", s.conflictCard.Title)
	}
	all := texts(s.conflicts)
	evs, err := u.currentStore().ConflictEvents(ctx)
	if err != nil || len(evs) != 1 || evs[0].Conflict == "" {
		t.Fatalf("stored conflicts %+v %v", evs, err)
	}
	if !contains(all, d.Code) || !contains(all, evs[0].Conflict) {
		t.Errorf("the conflict of dossier %s is not shown with its reason %q: %q", d.Code, evs[0].Conflict, all)
	}
	var open *widget.Button
	walk(s.conflicts, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Mở hồ sơ" {
			open = b
		}
	})
	if open == nil {
		t.Fatal("no button opening the dossier")
	}
	test.Tap(open)
	u.wait()
	if !u.shell.detail {
		t.Error("the dossier did not open")
	}
}

func TestSyncSettingsWithOwnCA(t *testing.T) {
	th := startTestHub(t, true)
	u, _ := stationUI(t)
	q := fastSync(u)
	st := u.currentStore()
	tok := th.enroll(t, st, st.Station())
	syncLogin(t, u, "admin")
	u.shell.showSection(sectionSync)
	u.wait()
	s := syncScreenOf(u)
	bar := u.shell.status

	// the hub's certificate is its own: with the system's roots the PC cannot talk to it
	s.hub.SetText(th.srv.URL)
	s.token.SetText(tok)
	s.saveSettings()
	u.wait()
	q.until(t, "the refused certificate", func() bool { return strings.HasPrefix(bar.sync.Text, "Ngoại tuyến") })
	if !s.detail.Visible() || !strings.Contains(s.detail.Text, "certificate") {
		t.Errorf("the screen does not say why: %q", s.detail.Text)
	}

	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.pem")
	os.WriteFile(junk, []byte("not a certificate"), 0o600)
	if _, err := readCA(junk); err == nil {
		t.Error("a file without a certificate was taken")
	}
	good := filepath.Join(dir, "hub-ca.pem")
	os.WriteFile(good, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: th.srv.Certificate().Raw}), 0o600)
	text, err := readCA(good)
	if err != nil {
		t.Fatal(err)
	}
	s.setCA(text, good)
	if s.caNote.Text != "Từ tệp hub-ca.pem (chưa lưu)" {
		t.Errorf("CA note %q", s.caNote.Text)
	}
	s.saveSettings() // the token field is empty again: the saved token is kept
	u.wait()
	if cfg, _ := st.SyncConfig(context.Background()); cfg.CA != text || cfg.Token != tok {
		t.Fatal("the CA was not saved with the token kept")
	}
	q.until(t, "a sync through the office's CA", func() bool { return strings.HasPrefix(bar.sync.Text, "Đã đồng bộ lúc ") })
	if s.caNote.Text != "Đã lưu chứng thư riêng của văn phòng." {
		t.Errorf("CA note after saving %q", s.caNote.Text)
	}
}

// A station whose clock runs two days ahead of the hub's writes a record the hub cannot take
// yet: the sync keeps it here, and the Sync screen says why in its status card, under the
// clock warning, as the CLI does.
func TestSyncScreenShowsEventsHeldBecauseTheClockRunsAhead(t *testing.T) {
	hubNow := fixedNow.Add(-48 * time.Hour)
	th := newTestHub(t, hub.WithClock(func() time.Time { return hubNow }))
	u, _ := stationUI(t)
	q := fastSync(u)
	client := u.syncTune.client
	u.syncTune.client = func(c data.SyncConfig) station.Config {
		cfg := client(c)
		cfg.Now = u.now // the station's clock is the window's, two days after the hub's
		return cfg
	}
	st := u.currentStore()
	tok := th.enroll(t, st, st.Station())
	if err := st.SetSyncConfig(context.Background(), data.System, data.SyncConfig{Hub: th.srv.URL, Token: tok}); err != nil {
		t.Fatal(err)
	}
	syncLogin(t, u, "tiepnhan")
	addNote(t, st) // written at the window's time, after the hub's
	u.shell.showSection(sectionSync)
	u.wait()
	s := syncScreenOf(u)
	if s == nil {
		t.Fatal("no Sync screen")
	}
	q.until(t, "the notice of records held back", func() bool { return s.ahead.Visible() })
	last := u.syncSnapshot().status.Last
	if last == nil || last.HeldAhead == 0 {
		t.Fatalf("the last sync held nothing back: %+v", last)
	}
	want := last.ClockAheadNotice()
	if !strings.Contains(want, "chạy nhanh hơn máy chủ 48h0m0s") {
		t.Fatalf("the station's notice: %q", want)
	}
	if !s.ahead.Visible() || s.ahead.Text != want {
		t.Errorf("the screen shows %q (visible %v), want %q", s.ahead.Text, s.ahead.Visible(), want)
	}
	if s.ahead.Importance != s.clock.Importance {
		t.Errorf("importance %v, the clock warning's %v", s.ahead.Importance, s.clock.Importance)
	}
}
