package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/reports"
)

// workDemo is a small demo office with dossiers waiting in Tư pháp - Hộ tịch at fixedNow: two
// overdue for tuphap1, one within its deadline for tuphap1, one for tuphap2, one received and not
// yet handed over, and one handed to another unit. It returns the data folder.
func workDemo(t *testing.T) string {
	t.Helper()
	dir := buildDemo(t, 40)
	var now time.Time
	st, err := data.Open(filepath.Join(dir, data.DBFile), data.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	user := func(name string) *data.User {
		u, err := st.UserByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	clerk := user("tiepnhan1")
	for i, c := range []struct {
		at, proc, name, unit, handler string
	}{
		{"2026-03-02 09:00", "1.004873", "Lê Văn Quá Hạn", "TPHT", "tuphap1"},
		{"2026-03-06 10:00", "1.004873", "Phạm Thị Trễ", "TPHT", "tuphap1"},
		{"2026-03-12 09:00", "1.004873", "Đỗ Văn Còn Hạn", "TPHT", "tuphap1"},
		{"2026-03-12 10:00", "1.004873", "Vũ Thị Đồng Nghiệp", "TPHT", "tuphap2"},
		{"2026-03-12 11:00", "1.004873", "Hoàng Văn Chờ Nhận", "", ""},
		{"2026-03-12 11:30", "1.004873", "Ngô Thị Đơn Vị Khác", "DCXD", "diachinh1"},
	} {
		at, err := time.ParseInLocation("2006-01-02 15:04", c.at, vntext.Zone())
		if err != nil {
			t.Fatal(err)
		}
		now = at
		d, err := st.Receive(ctx, clerk, data.Reception{Procedure: c.proc, Channel: data.ChannelDirect,
			Applicant: data.Person{Name: c.name, Phone: fmt.Sprintf("09120000%02d", i)}})
		if err != nil {
			t.Fatal(err)
		}
		if c.unit != "" {
			now = at.Add(20 * time.Minute)
			if _, err := st.Record(ctx, clerk, d.ID, &data.Transferred{ToUnit: c.unit, ToHandler: c.handler}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// openDemoDir opens the office in dir at fixedNow, background work in line as openDemo does.
func openDemoDir(t *testing.T, dir string) (*ui, fyne.Window) {
	t.Helper()
	u, w := newTestUI(t, Options{DataDir: dir, Version: "0.1.0", spawn: inline})
	if errs := u.failures(); len(errs) > 0 || u.login == nil {
		t.Fatalf("errors: %v (login screen %v)", errs, u.login != nil)
	}
	return u, w
}

// openWork logs username in and shows the Xử lý screen.
func openWork(t *testing.T, u *ui, username string) *workScreen {
	t.Helper()
	logIn(t, u, username, demoStaffPassword)
	if u.shell == nil {
		t.Fatalf("%s could not log in", username)
	}
	if !u.shell.showSection(sectionProcessing) {
		t.Fatalf("%s cannot open Xử lý", username)
	}
	u.wait()
	ws, ok := u.shell.screens[sectionProcessing].(*workScreen)
	if !ok {
		t.Fatalf("Xử lý is a %T", u.shell.screens[sectionProcessing])
	}
	return ws
}

func rowIDs(rows []workRow) []uuid.UUID {
	var out []uuid.UUID
	for _, r := range rows {
		out = append(out, r.hit.ID)
	}
	return out
}

func hitIDs(hits []data.Hit) []uuid.UUID {
	var out []uuid.UUID
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

// buttonsNamed are the buttons with text under o.
func buttonsNamed(o fyne.CanvasObject, text string) []*widget.Button {
	var out []*widget.Button
	walk(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok && b.Text == text && b.Visible() {
			out = append(out, b)
		}
	})
	return out
}

// The list of tuphap1 is the store's MyWork for the officer and the unit, overdue first; the
// row's button records the next step in the store and the list follows.
func TestWorkListAndOneClick(t *testing.T) {
	u, w := openDemoDir(t, workDemo(t))
	st := u.currentStore()
	ctx := context.Background()
	ws := openWork(t, u, "tuphap1")

	want, err := st.MyWork(ctx, "tuphap1", "TPHT", workLimit)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 5 {
		t.Fatalf("tuphap1 has %d dossiers waiting: the test proves nothing", len(want))
	}
	if got := rowIDs(ws.rows); !slices.Equal(got, hitIDs(want)) {
		t.Fatalf("list %v, store %v", got, hitIDs(want))
	}
	now := st.Now()
	within := false
	overdue := 0
	for _, r := range ws.rows {
		late := !r.hit.Due.IsZero() && r.hit.Due.Before(now)
		if late != r.overdue {
			t.Errorf("%s: overdue %v, due %v now %v", r.hit.Code, r.overdue, r.hit.Due, now)
		}
		if late && within {
			t.Errorf("%s overdue after a dossier within its deadline", r.hit.Code)
		}
		within = within || !late
		if late {
			overdue++
			if !r.paused() && (r.importance() != widget.DangerImportance || !strings.HasPrefix(r.timeText(), "Quá hạn ")) {
				t.Errorf("%s: overdue shown as %q (%v)", r.hit.Code, r.timeText(), r.importance())
			}
		}
	}
	if overdue < 2 || !within {
		t.Errorf("%d overdue, some within the deadline %v: the order is not tested", overdue, within)
	}
	if got := texts(ws); !contains(got, "Lê Văn Quá Hạn — Thủ tục cấp Giấy xác nhận tình trạng hôn nhân") ||
		strings.Contains(strings.Join(got, "\n"), "Ngô Thị Đơn Vị Khác") {
		t.Error("the rows do not show the unit's dossiers only")
	}
	if !strings.HasPrefix(ws.summary.Text, count(len(want))+" hồ sơ đang chờ, "+count(overdue)+" hồ sơ quá hạn") {
		t.Errorf("summary %q", ws.summary.Text)
	}
	if ws.empty.Visible() {
		t.Error("the empty message shows over a list")
	}

	// One click on a row's "Xử lý xong" records Processed on that dossier and only on it.
	var processing []uuid.UUID
	for _, r := range ws.rows {
		if r.hit.Status == data.StatusProcessing {
			processing = append(processing, r.hit.ID)
		}
	}
	buttons := buttonsNamed(w.Canvas().Content(), "Xử lý xong")
	if len(processing) == 0 || len(buttons) == 0 {
		t.Fatalf("%d dossiers in processing, %d buttons", len(processing), len(buttons))
	}
	test.Tap(buttons[0])
	u.wait()
	var done []uuid.UUID
	for _, id := range processing {
		d, _, err := st.DossierByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status == data.StatusProcessed {
			done = append(done, id)
		}
	}
	if len(done) != 1 {
		t.Fatalf("%d dossiers processed by one click", len(done))
	}
	if slices.Contains(rowIDs(ws.rows), done[0]) || len(ws.rows) != len(want)-1 {
		t.Error("the processed dossier is still listed")
	}
	if !strings.Contains(ws.status.Text, "đã xử lý xong") {
		t.Errorf("status %q", ws.status.Text)
	}

	// Done elsewhere meanwhile: coming back to Xử lý after a while reads the list again.
	officer, err := st.UserByName(ctx, "tuphap1")
	if err != nil {
		t.Fatal(err)
	}
	var other uuid.UUID
	for _, r := range ws.rows {
		if r.hit.Status == data.StatusProcessing {
			other = r.hit.ID
		}
	}
	if _, err := st.Record(ctx, officer, other, &data.Processed{}); err != nil {
		t.Fatal(err)
	}
	u.shell.showSection(sectionDashboard)
	u.shell.showSection(sectionProcessing)
	u.wait()
	if !slices.Contains(rowIDs(ws.rows), other) {
		t.Error("the list was read again at once: it should wait until it is stale")
	}
	ws.loaded = ws.loaded.Add(-time.Minute)
	u.shell.showSection(sectionDashboard)
	u.shell.showSection(sectionProcessing)
	u.wait()
	if slices.Contains(rowIDs(ws.rows), other) || len(ws.rows) != len(want)-2 {
		t.Error("coming back to a stale list did not read it again")
	}

	// A click elsewhere on the row opens the dossier.
	ws.list.Select(0)
	if !u.shell.detail {
		t.Error("a click on the row did not open the dossier")
	}
	if errs := u.failures(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

// A dossier received for the unit is taken by the officer in one click: handed over to them.
func TestWorkTakeReceived(t *testing.T) {
	u, _ := openDemoDir(t, workDemo(t))
	st := u.currentStore()
	ctx := context.Background()
	hits, err := st.Search(ctx, "Hoàng Văn Chờ Nhận", 1)
	if err != nil || len(hits) != 1 {
		t.Fatalf("the received dossier: %v %v", hits, err)
	}
	d, _, err := st.DossierByID(ctx, hits[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Unit != "TPHT" || d.Status != data.StatusReceived {
		t.Fatalf("marital status certificate: unit %q, status %v", d.Unit, d.Status)
	}
	ws := openWork(t, u, "tuphap2")
	i := slices.Index(rowIDs(ws.rows), d.ID)
	if i < 0 {
		t.Fatal("the new dossier of the unit is not listed")
	}
	key, _, do := ws.action(ws.rows[i].hit)
	if key != "Take it" {
		t.Fatalf("action %q for a received dossier", key)
	}
	do()
	u.wait()
	got, _, err := st.DossierByID(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != data.StatusProcessing || got.Handler != "tuphap2" || got.Unit != "TPHT" {
		t.Errorf("after Nhận xử lý: status %v, handler %q, unit %q", got.Status, got.Handler, got.Unit)
	}
	i = slices.Index(rowIDs(ws.rows), d.ID)
	if i < 0 || ws.rows[i].hit.Status != data.StatusProcessing {
		t.Error("the list did not follow")
	}
}

// A leader sees the withdrawal requests; stopping needs a reason, then records the stop.
func TestWorkLeaderStopsWithdrawal(t *testing.T) {
	u, w := openDemo(t, 60)
	st := u.currentStore()
	ctx := context.Background()
	clerk, err := st.UserByName(ctx, "tiepnhan1")
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.Receive(ctx, clerk, data.Reception{Procedure: "1.001193", Channel: data.ChannelDirect,
		Applicant: data.Person{Name: "Trần Thị Rút"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Record(ctx, clerk, d.ID, &data.WithdrawalRequested{Reason: "Không còn nhu cầu"}); err != nil {
		t.Fatal(err)
	}
	ws := openWork(t, u, "lanhdao1")
	ws.outDir = t.TempDir()
	var prints []printed
	ws.open = func(path string, write func(io.Writer) error) error {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		prints = append(prints, printed{path, b.Bytes()})
		return nil
	}
	want, err := st.LeaderWork(ctx, "lanhdao1", "", workLimit)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rowIDs(ws.rows), hitIDs(want)) {
		t.Fatal("the leader's list is not the store's")
	}
	i := slices.Index(rowIDs(ws.rows), d.ID)
	if i < 0 {
		t.Fatal("the withdrawal request is not listed for the leader")
	}
	key, _, do := ws.action(ws.rows[i].hit)
	if key != "Stop processing…" {
		t.Fatalf("action %q for a withdrawal", key)
	}
	do()
	if ws.form == nil || w.Canvas().Overlays().Top() == nil {
		t.Fatal("no form for the reason")
	}
	var reason *widget.Entry
	walk(ws.form.pop.Content, func(o fyne.CanvasObject) {
		if e, ok := asEntry(o); ok && e.MultiLine {
			reason = e
		}
	})
	confirm := buttonsNamed(ws.form.pop.Content, "Dừng xử lý")
	if reason == nil || len(confirm) != 1 {
		t.Fatalf("form: reason %v, %d confirm buttons", reason, len(confirm))
	}
	reason.SetText("  ")
	test.Tap(confirm[0])
	u.wait()
	if !ws.form.msg.Visible() || ws.form.msg.Text != "Hãy ghi lý do dừng xử lý." {
		t.Errorf("empty reason: message %q", ws.form.msg.Text)
	}
	if got, _, _ := st.DossierByID(ctx, d.ID); got.Status != data.StatusWithdrawing {
		t.Fatalf("stopped without a reason: %v", got.Status)
	}
	reason.SetText("Công dân rút hồ sơ theo đơn")
	test.Tap(confirm[0])
	u.wait()
	got, _, err := st.DossierByID(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != data.StatusStopped || got.StopReason != "Công dân rút hồ sơ theo đơn" {
		t.Errorf("status %v, reason %q", got.Status, got.StopReason)
	}
	if slices.Contains(rowIDs(ws.rows), d.ID) {
		t.Error("the stopped dossier is still listed")
	}
	stop, _ := reports.FormByNumber(form05Stop)
	if len(prints) != 1 || !bytes.HasPrefix(prints[0].pdf, []byte("%PDF")) || filepath.Base(prints[0].path) != stop.FileName(got) {
		t.Errorf("form 05 not printed as %s: %d prints", stop.FileName(got), len(prints))
	}
}

// Nothing waiting: the screen says so. A receptionist has no Xử lý at all.
func TestWorkEmptyAndRoles(t *testing.T) {
	u, _ := openDemo(t, 20)
	addUser(t, u, "chuyenvienmoi", data.RoleOfficer)
	logIn(t, u, "chuyenvienmoi", "mat-khau-1")
	if !u.shell.showSection(sectionProcessing) {
		t.Fatal("an officer cannot open Xử lý")
	}
	u.wait()
	ws := u.shell.screens[sectionProcessing].(*workScreen)
	if len(ws.rows) != 0 || !ws.empty.Visible() || !contains(texts(ws), "Không có hồ sơ nào chờ xử lý") {
		t.Errorf("%d rows, empty message shown %v", len(ws.rows), ws.empty.Visible())
	}
	test.Tap(u.shell.logout)
	u.wait()

	logIn(t, u, "tiepnhan1", demoStaffPassword)
	s := u.shell
	if s.showSection(sectionProcessing) || s.current == sectionProcessing {
		t.Error("a receptionist opened Xử lý")
	}
	if _, built := s.screens[sectionProcessing]; built {
		t.Error("Xử lý was built for a receptionist")
	}
	if contains(texts(s.nav), "Xử lý") {
		t.Error("Xử lý is in a receptionist's navigation")
	}
}

// A dossier's time left reads the same on the work list, the dossier list and the detail: in
// working days and hours, since deadlines count working days.
func TestTimeLeftReadsTheSameEverywhere(t *testing.T) {
	u, _ := openDemoDir(t, workDemo(t))
	st := u.currentStore()
	ws := openWork(t, u, "tuphap1")
	now := st.Now()
	mode, _ := st.DateMode(context.Background())
	soon := soonLimit(st, now)
	compared := 0
	for _, r := range workRows(st, hitIDsToHits(ws.rows), mode) {
		if r.hit.Due.IsZero() || r.paused() {
			continue
		}
		work := r.timeText()
		list, _ := hitTimeLeft(st.Calendar(), r.hit, now, soon, mode)
		list, _, _ = strings.Cut(list, " · ") // then the due date
		d, _ := storeDossier(t, st, r.hit.ID)
		detail, _ := timeLeft(st, d, now, mode)
		if work != list || work != detail {
			t.Errorf("%s: work list %q, dossier list %q, detail %q", r.hit.Code, work, list, detail)
		}
		if !strings.Contains(work, "ngày làm việc") && !strings.Contains(work, "giờ") {
			t.Errorf("%s: %q says neither working days nor hours", r.hit.Code, work)
		}
		compared++
	}
	if compared < 3 {
		t.Fatalf("only %d dossiers compared", compared)
	}
}

func hitIDsToHits(rows []workRow) []data.Hit {
	hits := make([]data.Hit, len(rows))
	for i, r := range rows {
		hits[i] = r.hit
	}
	return hits
}
