package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/vntext"
)

// openDossierList logs username into a demo office of n dossiers and shows the dossier list; the
// search lists at once (no debounce) and all background work runs in line.
func openDossierList(t *testing.T, n int, username string) (*ui, *dossierList) {
	t.Helper()
	u, _ := openDemo(t, n)
	password := demoStaffPassword
	if username == "admin" {
		password = demoAdminPassword
	}
	logIn(t, u, username, password)
	if u.shell == nil {
		t.Fatalf("%s could not log in", username)
	}
	if !u.shell.showSection(sectionDossiers) {
		t.Fatalf("%s may not open the dossier list", username)
	}
	u.wait()
	root, ok := u.shell.screens[sectionDossiers].(*dlRoot)
	if !ok {
		t.Fatalf("the dossier section shows %T", u.shell.screens[sectionDossiers])
	}
	if errs := u.failures(); len(errs) > 0 {
		t.Fatal(errs)
	}
	root.list.pause = 0 // each change lists at once
	return u, root.list
}

// listed reads every row of the list through the screen's own paging.
func listed(t *testing.T, d *dossierList) []data.Hit {
	t.Helper()
	var out []data.Hit
	for i := 0; i < d.rows; i++ {
		h, ok := d.pages.row(i)
		if !ok {
			d.want(i / dlPageSize)
			if h, ok = d.pages.row(i); !ok {
				t.Fatalf("row %d of %d cannot be read (%s)", i, d.rows, d.info.Text)
			}
		}
		out = append(out, h)
	}
	return out
}

// fromStore is what Store.List gives for f in the order o, all of it.
func fromStore(t *testing.T, st *data.Store, f data.ListFilter, o data.ListSort) []data.Hit {
	t.Helper()
	var out []data.Hit
	var after data.Cursor
	for {
		hits, next, err := st.List(context.Background(), f, o, after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, hits...)
		if next == "" {
			return out
		}
		after = next
	}
}

func sameRows(t *testing.T, what string, got, want []data.Hit) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: the list shows %d rows, the store has %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i].ID != want[i].ID {
			t.Fatalf("%s: row %d is %s, the store says %s", what, i, got[i].Code, want[i].Code)
		}
	}
}

func TestDossiersListsTheWholeOffice(t *testing.T) {
	u, d := openDossierList(t, 60, "tiepnhan1")
	all := fromStore(t, u.currentStore(), data.ListFilter{}, data.SortReceivedDesc)
	if len(all) != 60 {
		t.Fatalf("the demo has %d dossiers", len(all))
	}
	sameRows(t, "no filter", listed(t, d), all)
	if d.info.Text != "60 hồ sơ" {
		t.Errorf("count %q", d.info.Text)
	}
	// the table draws the first rows: their codes are on screen
	shown := texts(d.table)
	if !contains(shown, all[0].Code) || !contains(shown, "Mã hồ sơ") || !contains(shown, "Hạn giải quyết / còn lại") {
		t.Errorf("the table does not show %s and its headers: %q", all[0].Code, shown)
	}
	// every role opens it
	for _, name := range []string{"vanhoa1", "lanhdao1", "admin"} {
		_, d := openDossierList(t, 60, name)
		if d.rows != 60 {
			t.Errorf("%s sees %d dossiers", name, d.rows)
		}
	}
}

func TestDossiersStatusFilterMatchesStore(t *testing.T) {
	u, d := openDossierList(t, 120, "tiepnhan1")
	st := u.currentStore()
	receive(t, st, "Lê Thị Hoa")
	receive(t, st, "Phạm Văn Nam")
	test.Tap(d.refreshBtn)
	u.wait()
	for _, s := range []data.Status{data.StatusReceived, data.StatusReturned} {
		d.status.SetSelected(statusName(s))
		u.wait()
		want := fromStore(t, st, data.ListFilter{Statuses: []data.Status{s}}, data.SortReceivedDesc)
		if len(want) < 2 || len(want) >= 122 {
			t.Fatalf("the demo has %d dossiers in status %v: the test proves nothing", len(want), s)
		}
		got := listed(t, d)
		sameRows(t, s.String(), got, want)
		for _, h := range got {
			if h.Status != s {
				t.Fatalf("status filter %v lists %s in %v", s, h.Code, h.Status)
			}
		}
		if d.info.Text != count(len(want))+" hồ sơ" {
			t.Errorf("count %q for %d rows", d.info.Text, len(want))
		}
	}
	// "Đang giải quyết": every open status at once
	d.status.SetSelectedIndex(1)
	u.wait()
	for _, h := range listed(t, d) {
		if !h.Status.Open() {
			t.Fatalf("the open dossiers include %s in %v", h.Code, h.Status)
		}
	}
	// clearing the filters lists everything again
	test.Tap(d.clearBtn)
	u.wait()
	if d.rows != 122 || d.status.SelectedIndex() != 0 {
		t.Errorf("after clearing: %d rows, status %d", d.rows, d.status.SelectedIndex())
	}
}

func TestDossiersOtherFiltersMatchStore(t *testing.T) {
	u, d := openDossierList(t, 120, "tiepnhan1")
	st := u.currentStore()
	d.unit.SetSelected(d.units[0].Name)
	u.wait()
	f := data.ListFilter{Unit: d.units[0].Code}
	sameRows(t, "unit", listed(t, d), fromStore(t, st, f, data.SortReceivedDesc))

	d.channel.SetSelected("Trực tuyến")
	u.wait()
	f.Channel = data.ChannelOnline
	sameRows(t, "unit + channel", listed(t, d), fromStore(t, st, f, data.SortReceivedDesc))

	test.Tap(d.clearBtn)
	u.wait()
	d.from.SetText("01/03/2026")
	d.to.SetText("12/03/2026")
	u.wait()
	got, err := d.filter()
	if err != nil || got.From.VN() != "01/03/2026" || got.To.VN() != "12/03/2026" {
		t.Fatalf("dates read as %v – %v (%v)", got.From, got.To, err)
	}
	rows := listed(t, d)
	sameRows(t, "dates", rows, fromStore(t, st, data.ListFilter{From: got.From, To: got.To}, data.SortReceivedDesc))
	if len(rows) == 0 || len(rows) == 120 {
		t.Fatalf("the date range lists %d of 120: the test proves nothing", len(rows))
	}

	// a procedure picked from the searchable filter
	test.Tap(d.clearBtn)
	u.wait()
	var pick data.Hit
	for _, h := range listed(t, d) {
		if h.ProcedureName != "" {
			pick = h
			break
		}
	}
	var code string
	for _, p := range d.procs {
		if p.Name == pick.ProcedureName {
			code = p.Code
		}
	}
	test.Type(d.procedure, strings.Fields(vntext.Fold(pick.ProcedureName))[0])
	if d.procCode != "" {
		t.Fatalf("a word alone chose procedure %q", d.procCode)
	}
	found := false
	for _, o := range d.procOptions {
		found = found || o == code+" — "+pick.ProcedureName
	}
	if !found {
		t.Fatalf("typing a word of %q does not offer it: %q", pick.ProcedureName, d.procOptions)
	}
	d.procedure.SetText(code + " — " + pick.ProcedureName) // what picking the option does
	u.wait()
	if d.procCode != code {
		t.Fatalf("procedure filter %q, want %q", d.procCode, code)
	}
	sameRows(t, "procedure", listed(t, d), fromStore(t, st, data.ListFilter{Procedure: code}, data.SortReceivedDesc))
}

// receive records a new dossier of birth registration at the counter as tiepnhan1.
func receive(t *testing.T, st *data.Store, name string) *data.Dossier {
	return receiveProc(t, st, "1.001193", name)
}

// receivedEarlier records a dossier of procedure proc received at the time at, through another
// handle on the office database whose clock says at.
func receivedEarlier(t *testing.T, u *ui, at time.Time, proc, name string) *data.Dossier {
	t.Helper()
	// through the window's store, its clock turned back for the reception: the window holds the
	// office's write lock, so no second store may write it
	now := u.opts.Now
	u.opts.Now = clockAt(at)
	defer func() { u.opts.Now = now }()
	return receiveProc(t, u.currentStore(), proc, name)
}

func receiveProc(t *testing.T, st *data.Store, proc, name string) *data.Dossier {
	t.Helper()
	user, err := st.UserByName(context.Background(), "tiepnhan1")
	if err != nil {
		t.Fatal(err)
	}
	dossier, err := st.Receive(context.Background(), user, data.Reception{Procedure: proc,
		Applicant: data.Person{Type: data.ApplicantCitizen, Name: name, Address: "Thôn Đông"},
		Channel:   data.ChannelDirect, Delivery: data.DeliveryCounter, Sets: 1})
	if err != nil {
		t.Fatal(err)
	}
	return dossier.Dossier
}

func TestDossiersNewDossierAfterRefreshAndSearchWithoutAccents(t *testing.T) {
	u, d := openDossierList(t, 60, "tiepnhan1")
	st := u.currentStore()
	before := d.rows
	dossier := receive(t, st, "Trần Minh Đức")
	if d.rows != before {
		t.Fatal("the list changed by itself")
	}
	test.Tap(d.refreshBtn)
	u.wait()
	if d.rows != before+1 || d.info.Text != count(before+1)+" hồ sơ" {
		t.Fatalf("after refresh: %d rows (%q), want %d", d.rows, d.info.Text, before+1)
	}
	if h, _ := d.pages.row(0); h.ID != dossier.ID {
		t.Fatalf("the newest row is %s, not the dossier just received (%s)", h.Code, dossier.Code)
	}

	test.Type(d.search, "duc")
	u.wait()
	rows := listed(t, d)
	sameRows(t, "search duc", rows, fromStore(t, st, data.ListFilter{Query: "duc"}, data.SortReceivedDesc))
	found := false
	for _, h := range rows {
		found = found || h.ID == dossier.ID
	}
	if !found {
		t.Fatalf("typing “duc” does not find “Trần Minh Đức”: %d rows", len(rows))
	}

	// a code typed lists that dossier
	d.search.SetText(dossier.Code)
	u.wait()
	if rows := listed(t, d); len(rows) != 1 || rows[0].ID != dossier.ID {
		t.Fatalf("searching the code %s lists %d rows", dossier.Code, len(rows))
	}

	// nothing matches: said so
	d.search.SetText("khongcoainhuvay")
	u.wait()
	if d.rows != 0 || d.info.Text != "Không có hồ sơ nào khớp bộ lọc." {
		t.Fatalf("no match: %d rows, %q", d.rows, d.info.Text)
	}
	if !d.empty.Visible() || d.empty.Text != d.info.Text {
		t.Errorf("the empty table does not say why (%v, %q)", d.empty.Visible(), d.empty.Text)
	}
	d.search.SetText("")
	u.wait()
	if d.empty.Visible() {
		t.Error("the note stays over a full table")
	}
}

func TestDossiersSearchDropsOlderAnswers(t *testing.T) {
	u, d := openDossierList(t, 60, "tiepnhan1")
	// answers held back, then given in the wrong order: only the newest query's shows
	var held []func()
	d.spawn = func(fn func()) { held = append(held, fn) }
	d.search.SetText("nguyen")
	d.search.SetText("khongcoainhuvay")
	if len(held) != 2 {
		t.Fatalf("%d queries started", len(held))
	}
	d.spawn = u.spawn
	held[1]()
	held[0]()
	u.wait()
	if d.rows != 0 {
		t.Fatalf("the older query's answer replaced the newer one: %d rows", d.rows)
	}
}

func TestDossiersOverdueAndDueSoon(t *testing.T) {
	u, d := openDossierList(t, 120, "tiepnhan1")
	st := u.currentStore()
	// three working days, received two weeks ago: overdue; one working day, received now: due soon
	late := receivedEarlier(t, u, fixedNow.AddDate(0, 0, -14), "1.004873", "Hoàng Văn Muộn")
	soonOne := receivedEarlier(t, u, fixedNow, "1.013988", "Đỗ Thị Gấp")
	receivedEarlier(t, u, fixedNow, "1.004222", "Vũ Văn Thong Thả") // seven working days
	test.Tap(d.refreshBtn)
	u.wait()
	now := st.Now()
	soon := soonLimit(st, now)
	d.overdue.SetChecked(true)
	u.wait()
	rows := listed(t, d)
	if len(rows) == 0 {
		t.Fatal("the demo has no overdue dossier: the test proves nothing")
	}
	sameRows(t, "overdue", rows, fromStore(t, st, data.ListFilter{Overdue: true}, data.SortReceivedDesc))
	if !hasRow(rows, late.ID) || hasRow(rows, soonOne.ID) {
		t.Fatalf("overdue: %s listed %v, %s listed %v", late.Code, hasRow(rows, late.ID), soonOne.Code, hasRow(rows, soonOne.ID))
	}
	for _, h := range rows {
		if !h.Status.Open() || h.Due.IsZero() || !h.Due.Before(now) {
			t.Fatalf("overdue lists %s (%v, due %v)", h.Code, h.Status, h.Due)
		}
		if text, imp := d.cellText(h, dlColDue); imp != widget.DangerImportance || !strings.Contains(text, "Quá hạn") {
			t.Fatalf("overdue row %s shows %q (%v)", h.Code, text, imp)
		}
	}

	d.overdue.SetChecked(false)
	d.dueSoon.SetChecked(true)
	u.wait()
	rows = listed(t, d)
	sameRows(t, "due soon", rows, fromStore(t, st, data.ListFilter{DueSoon: true}, data.SortReceivedDesc))
	if !hasRow(rows, soonOne.ID) || hasRow(rows, late.ID) || len(rows) >= d.rows+120 {
		t.Fatalf("due soon: %d rows, %s listed %v", len(rows), soonOne.Code, hasRow(rows, soonOne.ID))
	}
	for _, h := range rows {
		if h.Due.Before(now) || h.Due.After(soon) {
			t.Fatalf("due soon lists %s due %v (now %v, soon %v)", h.Code, h.Due, now, soon)
		}
		if _, imp := d.cellText(h, dlColDue); imp != widget.WarningImportance {
			t.Fatalf("due-soon row %s not amber", h.Code)
		}
	}
}

func hasRow(rows []data.Hit, id uuid.UUID) bool {
	for _, h := range rows {
		if h.ID == id {
			return true
		}
	}
	return false
}

func TestDossiersTimeLeftColours(t *testing.T) {
	now := fixedNow
	soon := now.Add(24 * time.Hour)
	open := data.Hit{Status: data.StatusProcessing, ReceivedAt: now.Add(-72 * time.Hour)}
	overdue, dueSoon, later, finished, late := open, open, open, open, open
	overdue.Due = now.Add(-49 * time.Hour)
	dueSoon.Due = now.Add(3 * time.Hour)
	later.Due = now.Add(100 * time.Hour)
	finished.Status, finished.Due, finished.FinishedAt = data.StatusReturned, now.Add(-49*time.Hour), now.Add(-50*time.Hour)
	late.Status, late.Due, late.FinishedAt = data.StatusReturned, now.Add(-49*time.Hour), now.Add(-1*time.Hour)
	u, d := openDossierList(t, 60, "tiepnhan1")
	cal := u.currentStore().Calendar()
	setLanguage("vi")
	for _, c := range []struct {
		h    data.Hit
		text string
		imp  widget.Importance
	}{
		{overdue, "Quá hạn 2 ngày làm việc 1 giờ · 10/03/2026", widget.DangerImportance},
		{dueSoon, "Còn 1 giờ 30 phút · 12/03/2026", widget.WarningImportance},
		{later, "Còn 2 ngày làm việc 1 giờ · 16/03/2026", widget.MediumImportance},
		{finished, "Trước hạn · 10/03/2026", widget.SuccessImportance},
		{late, "Quá hạn · 10/03/2026", widget.MediumImportance},
		{open, "không có hạn giải quyết", widget.MediumImportance},
	} {
		text, imp := hitTimeLeft(cal, c.h, now, soon, data.ModeTimestamp)
		if text != c.text || imp != c.imp {
			t.Errorf("%v due %v: %q (%v), want %q (%v)", c.h.Status, c.h.Due, text, imp, c.text, c.imp)
		}
	}

	// on the screen: an overdue row and a finished one are drawn in different colours
	receivedEarlier(t, u, fixedNow.AddDate(0, 0, -14), "1.004873", "Hoàng Văn Muộn")
	test.Tap(d.refreshBtn)
	u.wait()
	var red, done *data.Hit
	for _, h := range listed(t, d) {
		h := h
		switch _, imp := d.cellText(h, dlColDue); imp {
		case widget.DangerImportance:
			red = &h
		case widget.SuccessImportance:
			done = &h
		}
	}
	if red == nil || done == nil {
		t.Fatal("the demo lacks an overdue or a finished dossier")
	}
	cell := func(h *data.Hit) *widget.Label {
		l := widget.NewLabel("")
		test.NewTempWindow(t, l)
		for i := 0; i < d.rows; i++ {
			if x, _ := d.pages.row(i); x.ID == h.ID {
				d.updateCell(widget.TableCellID{Row: i, Col: dlColDue}, l)
			}
		}
		return l
	}
	if a, b := cell(red), cell(done); a.Importance == b.Importance || a.Importance != widget.DangerImportance {
		t.Errorf("overdue cell %q (%v), finished cell %q (%v)", a.Text, a.Importance, b.Text, b.Importance)
	}
}

func TestDossiersSortByHeader(t *testing.T) {
	u, d := openDossierList(t, 120, "tiepnhan1")
	st := u.currentStore()
	header := func(title string) *widget.Button {
		var out *widget.Button
		walk(d.table, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == title {
				out = b
			}
		})
		if out == nil {
			t.Fatalf("no header %q", title)
		}
		return out
	}
	for _, c := range []struct {
		title string
		want  data.ListSort
	}{
		{"Mã hồ sơ", data.SortCodeAsc},
		{"Mã hồ sơ", data.SortCodeDesc},
		{"Hạn giải quyết / còn lại", data.SortDueAsc},
		{"Hạn giải quyết / còn lại", data.SortDueDesc},
		{"Ngày nhận", data.SortReceivedDesc},
		{"Ngày nhận", data.SortReceivedAsc},
	} {
		test.Tap(header(c.title))
		u.wait()
		if d.order != c.want {
			t.Fatalf("clicking %q sorts %s, want %s", c.title, d.order, c.want)
		}
		sameRows(t, string(c.want), listed(t, d), fromStore(t, st, data.ListFilter{}, c.want))
		if header(c.title).Icon == nil {
			t.Errorf("%q shows no arrow when sorted %s", c.title, c.want)
		}
	}
	test.Tap(header("Trạng thái")) // not sortable
	u.wait()
	if d.order != data.SortReceivedAsc {
		t.Errorf("the status header changed the order to %s", d.order)
	}
}

func TestDossiersPagesOnDemand(t *testing.T) {
	size, maxPages := dlPageSize, dlMaxPages
	dlPageSize, dlMaxPages = 7, 3
	t.Cleanup(func() { dlPageSize, dlMaxPages = size, maxPages })
	u, d := openDossierList(t, 60, "tiepnhan1")
	if len(d.pages.pages) > dlMaxPages {
		t.Fatalf("%d pages kept", len(d.pages.pages))
	}
	if _, ok := d.pages.pages[8]; ok {
		t.Fatal("the last page was read before the table showed it")
	}
	d.table.ScrollToBottom()
	u.wait()
	all := fromStore(t, u.currentStore(), data.ListFilter{}, data.SortReceivedDesc)
	last, ok := d.pages.row(59)
	if !ok || last.ID != all[59].ID {
		t.Fatalf("scrolling to the end did not read the last row (%v)", ok)
	}
	if !contains(texts(d.table), all[59].Code) {
		t.Errorf("the last row %s is not drawn", all[59].Code)
	}
	if len(d.pages.pages) > dlMaxPages {
		t.Errorf("%d pages kept, at most %d", len(d.pages.pages), dlMaxPages)
	}
	if _, ok := d.pages.pages[0]; ok {
		t.Error("the first page, far from the end, is still kept")
	}
	d.table.ScrollToTop()
	u.wait()
	if first, ok := d.pages.row(0); !ok || first.ID != all[0].ID {
		t.Error("scrolling back did not read the first page again")
	}
}

func TestDossiersCountCap(t *testing.T) {
	size := dlPageSize
	dlPageSize = 10
	t.Cleanup(func() { dlPageSize = size })
	u, d := openDossierList(t, 60, "tiepnhan1")
	var held []func()
	d.spawn = func(fn func()) { held = append(held, fn) }
	d.countCap = 20
	test.Tap(d.refreshBtn)
	held[0]() // the first page and the capped count
	if d.info.Text != "hơn 20 hồ sơ" || d.rows != 20 {
		t.Fatalf("capped count: %q, %d rows", d.info.Text, d.rows)
	}
	if len(held) < 2 {
		t.Fatal("no full count started")
	}
	for len(held) > 1 { // the full count and the pages the table asked for meanwhile
		fn := held[1]
		held = append(held[:1], held[2:]...)
		fn()
	}
	u.wait()
	if d.info.Text != "60 hồ sơ" || d.rows != 60 {
		t.Fatalf("full count: %q, %d rows", d.info.Text, d.rows)
	}
}

func TestDossiersClickOpensDetail(t *testing.T) {
	u, d := openDossierList(t, 60, "tiepnhan1")
	first, _ := d.pages.row(0)
	var opened uuid.UUID
	open := d.open
	d.open = func(id uuid.UUID) { opened = id; open(id) }
	// a click on the first row, under the header
	test.TapAt(d.table, fyne.NewPos(40, headerHeight(d)+12))
	u.wait()
	if opened != first.ID || !u.shell.detail {
		t.Fatalf("clicking the first row opened %v (detail %v), want %s", opened, u.shell.detail, first.Code)
	}
	if !strings.Contains(strings.Join(texts(u.shell.area), "\n"), first.Code) {
		t.Errorf("the detail does not show %s", first.Code)
	}
}

// headerHeight is the height of the table's header row.
func headerHeight(d *dossierList) float32 {
	return d.table.CreateHeader().MinSize().Height
}

func TestDossiersProblemsShownInPlace(t *testing.T) {
	u, d := openDossierList(t, 60, "tiepnhan1")
	// a date that cannot be read: said so, the rows stay
	test.Type(d.from, "31/02/2026")
	d.from.OnSubmitted(d.from.Text)
	if d.rows != 60 || d.info.Importance != widget.DangerImportance || !strings.Contains(d.info.Text, "dd/mm/yyyy") {
		t.Fatalf("bad date: %d rows, %q", d.rows, d.info.Text)
	}
	d.from.SetText("")
	u.wait()
	// the database gone: the error is shown in place, nothing crashes
	st, err := data.Open(filepath.Join(u.opts.DataDir, data.DBFile), data.ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	d.store = st
	test.Tap(d.refreshBtn)
	u.wait()
	if d.info.Importance != widget.DangerImportance || !strings.HasPrefix(d.info.Text, "Không liệt kê được hồ sơ") {
		t.Fatalf("store error shows %q", d.info.Text)
	}
}

// The keys the screen looks up through tables (not as lang.L literals) are translated too.
func TestDossiersIndirectKeysTranslated(t *testing.T) {
	keys := append([]string(nil), dlColumnTitles[:]...)
	for _, name := range []string{"vi.json", "en.json"} {
		table, err := translationTable(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if _, ok := table[k]; !ok {
				t.Errorf("%s lacks %q", name, k)
			}
		}
	}
	setLanguage("en")
	t.Cleanup(func() { setLanguage("vi") })
	if got := statusName(data.StatusProcessing); got != "In processing" {
		t.Errorf("English status name %q", got)
	}
	setLanguage("vi")
	for s := data.StatusSubmitted; s <= data.StatusReturned; s++ {
		if got := statusName(s); got != s.String() {
			t.Errorf("Vietnamese name of status %d is %q, the data layer says %q", s, got, s.String())
		}
	}
}

// Typing a name lists once, after the pause, not at every keystroke.
func TestDossiersSearchWaitsForThePause(t *testing.T) {
	u, d := openDossierList(t, 60, "tiepnhan1")
	d.pause = 300 * time.Millisecond
	// the pause is fired by hand, on the test's goroutine
	var pending []*fakeTimer
	d.afterFunc = func(_ time.Duration, f func()) interface{ Stop() bool } {
		ft := &fakeTimer{f: f}
		pending = append(pending, ft)
		return ft
	}
	var started []func()
	d.spawn = func(fn func()) { started = append(started, fn) }
	test.Type(d.search, "nguyen")
	if len(started) != 0 {
		t.Fatal("a keystroke listed at once")
	}
	live := 0
	var last *fakeTimer
	for _, ft := range pending {
		if !ft.stopped {
			live++
			last = ft
		}
	}
	if live != 1 || last != pending[len(pending)-1] {
		t.Fatalf("%d pauses still running after six keystrokes, want only the last one", live)
	}
	last.f()
	if len(started) != 1 {
		t.Fatalf("%d listings after the pause, want one", len(started))
	}
	d.spawn = u.spawn
	started[0]()
	sameRows(t, "search nguyen", listed(t, d), fromStore(t, u.currentStore(), data.ListFilter{Query: "nguyen"}, data.SortReceivedDesc))
}

// fakeTimer is a pause the test fires itself.
type fakeTimer struct {
	f       func()
	stopped bool
}

func (ft *fakeTimer) Stop() bool { was := !ft.stopped; ft.stopped = true; return was }

// Scrolling far asks for at most dlMaxLoads pages at once; the rows still shown are read when
// those come in.
func TestDossiersFewPagesAtOnce(t *testing.T) {
	size := dlPageSize
	dlPageSize = 3
	t.Cleanup(func() { dlPageSize = size })
	u, d := openDossierList(t, 60, "tiepnhan1")
	var held []func()
	d.spawn = func(fn func()) { held = append(held, fn) }
	d.table.ScrollToBottom()
	if len(held) == 0 || len(held) > dlMaxLoads {
		t.Fatalf("%d pages read at once, want 1 to %d", len(held), dlMaxLoads)
	}
	for i := 0; i < 20 && len(held) > 0; i++ {
		fn := held[0]
		held = held[1:]
		fn()
		if len(held) > dlMaxLoads {
			t.Fatalf("%d pages read at once", len(held))
		}
	}
	if len(held) != 0 {
		t.Fatal("the pages shown are still being read")
	}
	all := fromStore(t, u.currentStore(), data.ListFilter{}, data.SortReceivedDesc)
	if !contains(texts(d.table), all[59].Code) {
		t.Errorf("the last row %s is not drawn", all[59].Code)
	}
	shown := texts(d.table)
	for _, s := range shown {
		if s == "…" {
			t.Fatal("a row shown is still “…”")
		}
	}
}

// A dossier received while the list is being scrolled moves no row of the pages still to read:
// each page starts after the last row of the one before it, so no row shows twice and none is
// skipped; the new dossier (newest, above the rows shown) waits for the next refresh.
func TestDossiersPagesStayInPlaceWhenDossiersArrive(t *testing.T) {
	size := dlPageSize
	dlPageSize = 7
	t.Cleanup(func() { dlPageSize = size })
	u, d := openDossierList(t, 60, "tiepnhan1")
	before := fromStore(t, u.currentStore(), data.ListFilter{}, data.SortReceivedDesc)
	if _, ok := d.pages.pages[0]; !ok || len(before) != 60 {
		t.Fatalf("first page read: %v, %d dossiers", ok, len(before))
	}
	receive(t, u.currentStore(), "Lê Văn Mới")
	rows := listed(t, d)
	sameRows(t, "pages read after a new dossier", rows, before)
}

// Dragging the scroll bar to the end of the list reads on from the last page read, by cursor,
// to the end, and scrolling back to the top reads the first page again.
func TestDossiersFarPageReadByCursor(t *testing.T) {
	size := dlPageSize
	dlPageSize = 5
	t.Cleanup(func() { dlPageSize = size })
	u, d := openDossierList(t, 60, "tiepnhan1")
	all := fromStore(t, u.currentStore(), data.ListFilter{}, data.SortReceivedDesc)
	d.want(11)
	u.wait()
	for p := 10; p <= 11; p++ {
		for i := p * 5; i < p*5+5; i++ {
			if h, ok := d.pages.row(i); !ok || h.ID != all[i].ID {
				t.Fatalf("row %d after reading on: %v", i, ok)
			}
		}
	}
	if len(d.pages.starts) < 12 || d.pages.readingOn || d.pages.inflight != 0 {
		t.Errorf("%d page starts known, reading on %v, %d readings", len(d.pages.starts), d.pages.readingOn, d.pages.inflight)
	}
	delete(d.pages.pages, 1) // as if dropped from the cache
	d.want(1)
	u.wait()
	if h, ok := d.pages.row(5); !ok || h.ID != all[5].ID {
		t.Error("page 1 was not read again from its cursor")
	}
	if rows := listed(t, d); len(rows) != 60 {
		t.Errorf("%d rows listed", len(rows))
	}
	sameRows(t, "whole list", listed(t, d), all)
}

// At 1366×768 an overdue row's due cell holds "Quá hạn 4 ngày làm việc 3 giờ · 11/03/2026" whole;
// on a narrow window the procedure column keeps its minimum and the due column its base width.
func TestDossiersDueColumnGrowsBeforeTheProcedure(t *testing.T) {
	cell := widget.NewLabel("Quá hạn 4 ngày làm việc 3 giờ · 11/03/2026").MinSize().Width
	_, due := dlShare(1366 - 220 - 195 - 140 - 120 - 110 - 230 - 80 - 8*4)
	if due < cell {
		t.Errorf("due column %.0f px at 1366×768, the overdue text needs %.0f", due, cell)
	}
	if p, due := dlShare(100); p != dlMinProcedureWidth || due != dlColumnWidths[dlColDue] {
		t.Errorf("narrow window: procedure %.0f, due %.0f", p, due)
	}
}
