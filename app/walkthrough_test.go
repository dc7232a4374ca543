package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// walkthrough is the state of TestWalkThroughRealOfficeAt1366: the window, where the pictures go
// (MOTCUA_WALKTHROUGH, "" for none) and the prints the screens made.
type walkthrough struct {
	t      *testing.T
	u      *ui
	w      fyne.Window
	dir    string
	step   int
	prints []printed
	sync   *syncTestQueue // the sync loop's reports, applied before each picture
}

// shot checks that the window's content fits the 1366×768 screen and, when MOTCUA_WALKTHROUGH is
// set, saves the window as NN-name.png there.
func (wt *walkthrough) shot(name string) {
	wt.t.Helper()
	wt.u.wait()
	wt.applySyncReports()
	if errs := wt.u.failures(); len(errs) > 0 {
		wt.t.Fatalf("%s: errors shown: %v", name, errs)
	}
	if msg := tooBig(wt.w.Content(), fitSize); msg != "" {
		wt.t.Errorf("%s: %s", name, msg)
	}
	for _, msg := range clippedLabels(wt.w.Content()) {
		wt.t.Errorf("%s: %s", name, msg)
	}
	wt.step++
	if wt.dir == "" {
		return
	}
	file := filepath.Join(wt.dir, strings.Join([]string{twoDigits(wt.step), name}, "-")+".png")
	if err := writePNG(file, wt.w); err != nil {
		wt.t.Fatalf("%s: %v", file, err)
	}
}

// applySyncReports applies what the sync loop reported so far, as the window would have by now.
func (wt *walkthrough) applySyncReports() {
	q := wt.sync
	q.mu.Lock()
	fns := q.fns
	q.fns = nil
	q.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
	wt.u.wait()
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

// clippedLabels lists the labels under o that show their text cut short ("…"): shown, narrower
// than their text on one line, and not wrapping it.
func clippedLabels(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(x fyne.CanvasObject) {
		l, ok := x.(*widget.Label)
		if !ok || !l.Visible() || l.Text == "" || l.Truncation == fyne.TextTruncateOff || l.Wrapping != fyne.TextWrapOff {
			return
		}
		whole := widget.NewLabelWithStyle(l.Text, l.Alignment, l.TextStyle)
		whole.SizeName = l.SizeName
		if need := whole.MinSize().Width; l.Size().Width > 0 && l.Size().Width+0.5 < need {
			out = append(out, fmt.Sprintf("%q is cut short: %.0f px for the %.0f it needs", l.Text, l.Size().Width, need))
		}
	})
	return out
}

// onScreen is every text drawn in the window, the open boxes included.
func (wt *walkthrough) onScreen() []string {
	out := texts(wt.w.Content())
	for _, o := range wt.w.Canvas().Overlays().List() {
		if o.Visible() {
			out = append(out, texts(o)...)
		}
	}
	return out
}

// see fails unless every want is shown, whole or within a longer text.
func (wt *walkthrough) see(step string, wants ...string) {
	wt.t.Helper()
	all := wt.onScreen()
	for _, want := range wants {
		found := false
		for _, s := range all {
			if strings.Contains(s, want) {
				found = true
				break
			}
		}
		if !found {
			wt.t.Errorf("%s: %q is not on screen; shown: %q", step, want, all)
		}
	}
}

// tab moves the focus as Tab does.
func (wt *walkthrough) tab() { wt.w.Canvas().FocusNext() }

// typeText types into the focused widget, as the keyboard does.
func (wt *walkthrough) typeText(s string) {
	wt.t.Helper()
	f := wt.w.Canvas().Focused()
	if f == nil {
		wt.t.Fatalf("typing %q with nothing focused", s)
	}
	test.Type(f, s)
}

// tabOnce presses Tab once, which must move the focus to target.
func (wt *walkthrough) tabOnce(what string, target fyne.Focusable) {
	wt.t.Helper()
	wt.tab()
	if got := wt.w.Canvas().Focused(); got != target {
		wt.t.Fatalf("Tab went to %T %s, not to %s", got, describeFocus(got), what)
	}
}

func describeFocus(f fyne.Focusable) string {
	switch v := f.(type) {
	case *widget.Entry:
		return fmt.Sprintf("%q", v.PlaceHolder)
	case *widget.Button:
		return fmt.Sprintf("%q", v.Text)
	case *widget.Check:
		return fmt.Sprintf("%q", v.Text)
	}
	return ""
}

// tabTo presses Tab until target has the focus (at most 200 times).
func (wt *walkthrough) tabTo(what string, target fyne.Focusable) {
	wt.t.Helper()
	for range 200 {
		if wt.w.Canvas().Focused() == target {
			return
		}
		wt.tab()
	}
	wt.t.Fatalf("Tab never reaches %s", what)
}

// login types the user's name and password on the login screen and presses Enter.
func (wt *walkthrough) login(username string) {
	wt.t.Helper()
	if wt.u.shell != nil {
		test.Tap(wt.u.shell.logout)
		wt.u.wait()
	}
	if wt.u.login == nil {
		wt.t.Fatalf("no login screen for %s", username)
	}
	logIn(wt.t, wt.u, username, walkPassword)
	if wt.u.shell == nil {
		wt.t.Fatalf("%s could not log in: %v", username, wt.u.failures())
	}
	wt.w.Resize(fitSize)
}

// capture replaces the print hooks of the screens with one that keeps the PDF.
func (wt *walkthrough) capture(path string, write func(io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	wt.prints = append(wt.prints, printed{path, b.Bytes()})
	return nil
}

// openByCode opens a dossier as the counter does: its code typed into the search box of the
// shell, then Enter.
func (wt *walkthrough) openByCode(code string) {
	wt.t.Helper()
	s := wt.u.shell
	wt.w.Canvas().Focus(s.search)
	s.search.SetText("")
	wt.typeText(code)
	pressKey(wt.w, fyne.KeyReturn)
	wt.u.wait()
	if !s.detail {
		wt.t.Fatalf("the code %s typed in the search box opened no dossier", code)
	}
	if i := navSelected(s); i >= 0 {
		wt.t.Errorf("the dossier found by the search box highlights the section %q", s.visible[i].key)
	}
}

// inView fails unless the label reading text is within the visible part of the timeline tab.
func (wt *walkthrough) inView(text string) {
	wt.t.Helper()
	area := wt.u.shell.area
	var l *widget.Label
	for _, x := range findAll[*widget.Label](area) {
		if x.Text == text && x.Visible() {
			l = x
			break
		}
	}
	if l == nil {
		wt.t.Fatalf("the detail lacks %q", text)
	}
	drv := fyne.CurrentApp().Driver()
	for _, sc := range findAll[*container.Scroll](area) {
		if !slices.Contains(findAll[*widget.Label](sc.Content), l) {
			continue
		}
		top, at := drv.AbsolutePositionForObject(sc), drv.AbsolutePositionForObject(l)
		if at.Y < top.Y || at.Y+l.Size().Height > top.Y+sc.Size().Height {
			wt.t.Errorf("%q is at y=%v, out of view of the timeline (y=%v…%v)", text, at.Y, top.Y, top.Y+sc.Size().Height)
		}
		return
	}
	wt.t.Errorf("%q is in no scrolled part of the detail", text)
}

// action taps the action button labelled by t on the detail and returns the box it opens.
func (wt *walkthrough) action(t data.EventType) fyne.CanvasObject {
	wt.t.Helper()
	tapButton(wt.t, wt.u.shell.area, actionLabel(t))
	box := wt.w.Canvas().Overlays().Top()
	if box == nil {
		wt.t.Fatalf("%q opened no box", actionLabel(t))
	}
	return box
}

// confirm taps the box's button of action t.
func (wt *walkthrough) confirm(box fyne.CanvasObject, t data.EventType) {
	wt.t.Helper()
	tapButton(wt.t, box, actionLabel(t))
	wt.u.wait()
	if top := wt.w.Canvas().Overlays().Top(); top != nil {
		wt.t.Fatalf("the box of %q stays open: %q", actionLabel(t), texts(top))
	}
}

// entryFor is the entry of the box whose placeholder is placeholder.
func (wt *walkthrough) entryFor(box fyne.CanvasObject, placeholder string) *keyEntry {
	wt.t.Helper()
	for _, e := range findAll[*keyEntry](box) {
		if e.PlaceHolder == placeholder {
			return e
		}
	}
	wt.t.Fatalf("no field %q in the box", placeholder)
	return nil
}

const walkPassword = "mat-khau-1"

// A walk through a real office at 1366×768, as its people would work it: the office is set up as
// on a first start (data.Setup through the setup form, the bundled catalog, its own units and
// staff), a dossier is received with the keyboard alone, transferred, sent back for a supplement
// and received again, processed, returned and rated "Không hài lòng" with its reason; then the
// statistics count it, the station syncs with a hub and the administrator looks at the staff.
// Each step checks what the screen shows and that it fits the window; with MOTCUA_WALKTHROUGH set
// to a folder each step is saved there as a picture, to be looked at.
func TestWalkThroughRealOfficeAt1366(t *testing.T) {
	dir := t.TempDir()
	u, w := newTestUI(t, Options{DataDir: dir, Version: "0.1.0", spawn: inline})
	q := fastSync(u)
	w.Resize(fitSize)
	wt := &walkthrough{t: t, u: u, w: w, dir: os.Getenv("MOTCUA_WALKTHROUGH"), sync: q}
	if wt.dir != "" {
		if err := os.MkdirAll(wt.dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()

	// 1. First start: the welcome screen, then the setup form.
	if u.welcome == nil {
		t.Fatal("a first start shows no welcome screen")
	}
	wt.see("welcome", "Thiết lập văn phòng mới")
	wt.shot("welcome")
	test.Tap(u.welcome.setupButton)
	s := u.setup
	if s == nil {
		t.Fatal("no setup form")
	}
	test.Type(s.code, "000.00.12.H40")
	test.Type(s.name, "UBND xã Hòa Bình")
	test.Type(s.place, "Hòa Bình")
	test.Type(s.parent, "000.00.00.H40")
	test.Type(s.governing, "UBND tỉnh Nghệ An")
	test.Type(s.username, "quantri")
	test.Type(s.fullName, "Nguyễn Văn Quản")
	test.Type(s.password, walkPassword)
	test.Type(s.passwordAgain, walkPassword)
	wt.shot("setup")
	s.submit()
	u.wait()
	st := u.currentStore()
	if st == nil {
		t.Fatalf("no office after the setup: %v", u.failures())
	}
	office, err := st.Office()
	if err != nil || office.Code != "000.00.12.H40" {
		t.Fatalf("office after the setup: %+v %v", office, err)
	}
	// The administrator imports the catalog shipped with the program and makes the office's
	// unit and staff, as the catalog and administration screens do.
	admin, err := st.Authenticate(ctx, "quantri", walkPassword)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := st.ImportCatalog(ctx, admin, bytes.NewReader(data.OfficialCatalogCSV())); err != nil || n < 50 {
		t.Fatalf("import the bundled catalog: %d procedures, %v", n, err)
	}
	if err := st.PutUnit(ctx, admin, data.Unit{Code: "TPHT", Name: "Tư pháp - Hộ tịch", Active: true}); err != nil {
		t.Fatal(err)
	}
	for _, nu := range []data.NewUser{
		{Username: "tiepnhan", FullName: "Trần Thị Thu", Title: "Công chức Bộ phận Một cửa", Roles: data.RoleReception},
		{Username: "tuphap", FullName: "Phạm Thị Lan Anh", Title: "Công chức Tư pháp - Hộ tịch", Unit: "TPHT", Roles: data.RoleOfficer},
		{Username: "lanhdao", FullName: "Lê Văn Bình", Title: "Chủ tịch UBND xã", Roles: data.RoleLeader},
	} {
		nu.Password = walkPassword
		if _, err := st.CreateUser(ctx, admin, nu); err != nil {
			t.Fatalf("create %s: %v", nu.Username, err)
		}
	}
	if u.shell != nil {
		test.Tap(u.shell.logout)
		u.wait()
	}

	// 2. The counter officer logs in.
	if u.login == nil {
		t.Fatalf("no login screen after the setup")
	}
	wt.see("login", "UBND xã Hòa Bình")
	wt.shot("login")
	wt.login("tiepnhan")
	wt.see("dashboard", "Trần Thị Thu")
	wt.shot("dashboard")

	// 3. Reception with the keyboard alone: a few letters of the procedure, Down, Enter; the
	// applicant's fields with Tab; Tab to "Tiếp nhận và in giấy hẹn" and Space.
	if !u.shell.showSection(sectionReception) {
		t.Fatal("the counter officer cannot open Tiếp nhận")
	}
	u.wait()
	r := u.reception
	r.outDir = t.TempDir()
	r.open = wt.capture
	w.Canvas().Focus(r.search)
	wt.typeText("khai sinh")
	r.wait()
	if len(r.matches) < 2 {
		t.Fatalf("“khai sinh” lists %d procedures of the bundled catalog", len(r.matches))
	}
	want := r.matches[1]
	pressKey(w, fyne.KeyDown)
	pressKey(w, fyne.KeyReturn)
	r.wait()
	if r.proc == nil || r.proc.Code != want.Code {
		t.Fatalf("Down, Enter did not choose the second match %s", want.Code)
	}
	if w.Canvas().Focused() != r.name.entry {
		t.Fatalf("after the procedure the focus is on %T, not the applicant's name", w.Canvas().Focused())
	}
	wt.typeText("Nguyễn Văn Bốn Bước")
	wt.tabOnce("the ID number", r.idNo.entry)
	wt.typeText("038085012345")
	wt.tabOnce("the phone", r.phone.entry)
	wt.typeText("0912 345 678")
	wt.tabOnce("the e-mail", r.email.entry)
	wt.tabOnce("the address", r.address.entry)
	wt.typeText("Thôn Đông, xã Hòa Bình")
	wt.see("reception", "Nguyễn Văn Bốn Bước", procedureLine(want.Code, want.Name))
	wt.shot("reception-filled")
	wt.tabTo("the receive button", r.receiveBtn)
	pressKey(w, fyne.KeySpace)
	r.wait()
	u.wait()
	hits, err := st.Search(ctx, "Nguyễn Văn Bốn Bước", 2)
	if err != nil || len(hits) != 1 {
		t.Fatalf("the dossier received with the keyboard: %d found, %v (status %q)", len(hits), err, r.status.Text)
	}
	code := hits[0].Code
	wt.see("received", "Đã tiếp nhận hồ sơ "+code)
	if len(wt.prints) != 1 || !strings.Contains(wt.prints[0].path, "giay-hen") {
		t.Errorf("the receipt was not printed: %d prints", len(wt.prints))
	}
	wt.shot("received")
	pressKey(w, fyne.KeyReturn) // closes "Đã tiếp nhận hồ sơ"
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("Enter left the message box open: %q", texts(top))
	}

	// 4. Transfer to the unit's officer from the dossier's detail, opened by its code.
	wt.openByCode(code)
	wt.see("detail", code, data.StatusReceived.String())
	box := wt.action(data.EvTransferred)
	sel := findAll[*widget.Select](box)
	if len(sel) != 2 {
		t.Fatalf("%d selects in the transfer box", len(sel))
	}
	sel[0].SetSelected("Tư pháp - Hộ tịch")
	sel[1].SetSelected("Phạm Thị Lan Anh")
	wt.shot("transfer")
	wt.confirm(box, data.EvTransferred)
	wt.see("transferred", data.StatusProcessing.String(), "Tư pháp - Hộ tịch — Phạm Thị Lan Anh")
	wt.shot("transferred")

	// 5. The officer finds it in Xử lý and asks for a supplement.
	wt.login("tuphap")
	if !u.shell.showSection(sectionProcessing) {
		t.Fatal("the officer cannot open Xử lý")
	}
	u.wait()
	wt.see("work list", code)
	wt.shot("work")
	left := ""
	for _, r := range u.shell.screens[sectionProcessing].(*workScreen).rows {
		if r.hit.Code == code {
			left = r.timeText()
		}
	}
	wt.openByCode(code)
	// the time left reads on the detail as on the work list, in working days
	wt.see("detail of the work", left)
	if !strings.Contains(left, "ngày làm việc") && !strings.Contains(left, "giờ") {
		t.Errorf("time left %q", left)
	}
	box = wt.action(data.EvSupplementRequested)
	if checks := findAll[*widget.Check](box); len(checks) > 0 {
		checks[0].SetChecked(true)
	}
	test.Type(wt.entryFor(box, "In trên mẫu 02"), "Bản sao giấy chứng sinh không rõ")
	wt.shot("supplement-request")
	wt.confirm(box, data.EvSupplementRequested)
	wt.see("supplement requested", data.StatusSupplement.String())
	wt.shot("supplement-requested")

	// 6. The applicant brings it to the counter.
	wt.login("tiepnhan")
	wt.openByCode(code)
	box = wt.action(data.EvSupplementReceived)
	wt.confirm(box, data.EvSupplementReceived)
	wt.see("supplement received", data.StatusProcessing.String())
	wt.shot("supplement-received")

	// 7. The officer records the result.
	wt.login("tuphap")
	wt.openByCode(code)
	box = wt.action(data.EvProcessed)
	wt.see("processed box", "Số kết quả")
	test.Type(findAll[*keyEntry](box)[0], "12/2026/KS")
	wt.confirm(box, data.EvProcessed)
	wt.see("processed", data.StatusProcessed.String(), "12/2026/KS")
	wt.shot("processed")

	// 8. The counter returns it; the applicant is not satisfied and says why.
	wt.login("tiepnhan")
	if !u.shell.showSection(sectionReturns) {
		t.Fatal("the counter officer cannot open Trả kết quả")
	}
	u.wait()
	rs := u.shell.screens[sectionReturns].(*returnsScreen)
	rs.outDir = t.TempDir()
	rs.open = wt.capture
	w.Canvas().Focus(rs.code)
	wt.typeText(code)
	pressKey(w, fyne.KeyReturn)
	u.wait()
	wt.see("return", code, "Nguyễn Văn Bốn Bước")
	wt.shot("return")
	test.Tap(rs.returnBtn)
	u.wait()
	test.Tap(rs.rateBtns[data.RatingDissatisfied])
	if !rs.reasonBox.Visible() {
		t.Fatal("no reason entry after Không hài lòng")
	}
	test.Type(rs.reason, "Phải đi lại hai lần vì bổ sung")
	wt.shot("rating")
	test.Tap(rs.reasonBtn)
	u.wait()
	wt.see("rated", "Đánh giá: Không hài lòng.")
	got, _, err := st.DossierByID(ctx, hits[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != data.StatusReturned || got.Rating != data.RatingDissatisfied || got.RatingReason != "Phải đi lại hai lần vì bổ sung" {
		t.Errorf("store: status %v, rating %v %q", got.Status, got.Rating, got.RatingReason)
	}
	wt.shot("rated")
	wt.openByCode(code)
	wt.see("returned", data.StatusReturned.String(), "Không hài lòng", "Phải đi lại hai lần vì bổ sung")
	// the header says it, and the newest event (the rating) is in view without scrolling
	wt.see("returned header", "Mức độ hài lòng: Không hài lòng — Phải đi lại hai lần vì bổ sung")
	wt.inView("Ghi nhận đánh giá")
	wt.shot("returned")

	// 9. The statistics of today count the dossier as received and resolved.
	wt.login("lanhdao")
	if !u.shell.showSection(sectionStatistics) {
		t.Fatal("the leader cannot open Thống kê")
	}
	u.wait()
	sv := u.shell.screens[sectionStatistics].(*statsView).s
	sv.period.SetSelected("Hôm nay")
	u.wait()
	if sv.received.value.Text != "1" || sv.resolved.value.Text != "1" {
		t.Errorf("statistics of today: received %q, resolved %q, want 1 and 1", sv.received.value.Text, sv.resolved.value.Text)
	}
	wt.shot("statistics")

	// 10. The administrator connects the station to the hub and syncs.
	th := newTestHub(t)
	tok := th.enroll(t, st, st.Station())
	wt.login("quantri")
	if err := st.SetSyncConfig(ctx, admin, data.SyncConfig{Hub: th.srv.URL, Token: tok}); err != nil {
		t.Fatal(err)
	}
	u.startSync(st)
	u.wait()
	t.Cleanup(func() { u.stopSync(); u.wait() })
	if !u.shell.showSection(sectionSync) {
		t.Fatal("the administrator cannot open Đồng bộ")
	}
	u.wait()
	ss := syncScreenOf(u)
	test.Tap(ss.now)
	bar := u.shell.status
	q.until(t, "the sync", func() bool {
		return strings.HasPrefix(bar.sync.Text, "Đã đồng bộ lúc ") && !strings.Contains(bar.sync.Text, "chờ gửi")
	})
	q.until(t, "the end of Đồng bộ ngay", func() bool { return !ss.progress.Visible() && !ss.now.Disabled() })
	local, _ := st.LogPosition(ctx)
	if held := th.held(t, st); int64(held) != local {
		t.Errorf("the hub holds %d events, the station wrote %d", held, local)
	}
	wt.see("sync", "Đã đồng bộ lúc ")
	if ss.pending.Text != "0" {
		t.Errorf("%q records wait after the sync", ss.pending.Text)
	}
	wt.shot("sync")

	// 11. Administration lists the staff.
	if a := u.adminScreenOf(); a == nil {
		t.Fatal("no administration screen")
	}
	u.wait()
	wt.see("administration", "Trần Thị Thu", "Phạm Thị Lan Anh", "Lê Văn Bình")
	wt.shot("administration")
}
