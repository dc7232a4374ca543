package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
)

// catalogTest logs the demo administrator in and opens the catalog screen in the window.
func catalogTest(t *testing.T) (*ui, fyne.Window, *catalogScreen) {
	t.Helper()
	u, w := openDemo(t, 30)
	logIn(t, u, "admin", demoAdminPassword)
	if u.shell == nil {
		t.Fatal("admin not logged in")
	}
	c := newCatalogScreen(u.screenDeps())
	u.wait()
	w.SetContent(c.tabs)
	return u, w, c
}

// overlayText is every text of the box on top of the window.
func overlayText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.Join(texts(top), "\n")
}

func procCodes(rows []data.Procedure) []string {
	var out []string
	for _, p := range rows {
		out = append(out, p.Code)
	}
	return out
}

func writeCSV(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "danh-muc.csv")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCatalogOnlyForAdmin(t *testing.T) {
	u, _ := openDemo(t, 30)
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	if u.shell.showSection(sectionCatalog) {
		t.Fatal("a receptionist opened the catalog")
	}
	u2, _ := openDemo(t, 30)
	logIn(t, u2, "admin", demoAdminPassword)
	if !u2.shell.showSection(sectionCatalog) {
		t.Fatal("the administrator cannot open the catalog")
	}
	u2.wait()
	if _, ok := u2.shell.screens[sectionCatalog].(*container.AppTabs); !ok {
		t.Fatalf("the catalog section shows %T", u2.shell.screens[sectionCatalog])
	}
}

func TestCatalogSearchProcedures(t *testing.T) {
	u, _, c := catalogTest(t)
	all := len(c.procs.rows)
	if all < 50 {
		t.Fatalf("the list has %d procedures, want the demo's 52", all)
	}
	test.Type(c.procs.search, "khai sinh")
	u.wait()
	codes := procCodes(c.procs.rows)
	if len(codes) == 0 || len(codes) == all || !contains(codes, "1.001193") {
		t.Fatalf("“khai sinh” lists %v", codes)
	}
	for _, p := range c.procs.rows {
		if !strings.Contains(strings.ToLower(p.Name), "khai sinh") {
			t.Errorf("“khai sinh” lists %s %s", p.Code, p.Name)
		}
	}
	c.procs.search.SetText("1.001193")
	u.wait()
	if codes := procCodes(c.procs.rows); len(codes) != 1 || codes[0] != "1.001193" {
		t.Fatalf("the code lists %v", codes)
	}
	if got, _ := c.procs.cell(0, 1); got != "Thủ tục đăng ký khai sinh" {
		t.Fatalf("name cell %q", got)
	}
	if !strings.Contains(c.procs.count.Text, "1 thủ tục") {
		t.Fatalf("count says %q", c.procs.count.Text)
	}
}

func TestCatalogEditProcedure(t *testing.T) {
	u, _, c := catalogTest(t)
	st := u.currentStore()
	ctx := context.Background()
	c.procs.search.SetText("1.001193")
	u.wait()
	c.procs.table.Select(widget.TableCellID{Row: 0, Col: 1})
	u.wait()
	e := c.procs.edit
	if e == nil || e.p.Code != "1.001193" || len(e.p.Documents) == 0 {
		t.Fatalf("edit box %+v", e)
	}
	before, _ := st.Procedure(ctx, "1.001193")

	// a limit the rules refuse: the box stays, with the message, and nothing is written
	e.limitUnit.SetSelectedIndex(0) // working days
	e.limit.SetText("0,3")
	test.Tap(e.form.save)
	if !e.form.box.pop.Visible() || e.form.box.msg.Text == "" {
		t.Fatal("a bad limit was accepted")
	}
	if p, _ := st.Procedure(ctx, "1.001193"); p.Limit != before.Limit {
		t.Fatalf("a refused edit changed the limit to %v", p.Limit)
	}

	e.limit.SetText("2,5")
	for i, code := range e.unitCodes {
		if code == "DCXD" {
			e.unit.SetSelectedIndex(i)
		}
	}
	test.Tap(e.addFee)
	fee := e.fees[len(e.fees)-1]
	test.Type(fee.name, "Phí cấp bản sao")
	fee.amount.SetText("x")
	test.Tap(e.form.save)
	if !e.form.box.pop.Visible() || !strings.Contains(e.form.box.msg.Text, "Phí cấp bản sao") {
		t.Fatalf("a bad amount: message %q", e.form.box.msg.Text)
	}
	fee.amount.SetText("8.000")
	fee.stage.SetSelectedIndex(1)
	test.Tap(e.active) // out of use
	test.Tap(e.form.save)
	u.wait()
	if e.form.box.pop.Visible() {
		t.Fatalf("the box stays open: %q", e.form.box.msg.Text)
	}
	p, err := st.Procedure(ctx, "1.001193")
	if err != nil {
		t.Fatal(err)
	}
	want := calendar.Limit{Value: 2.5, Unit: calendar.WorkingDays}
	if p.Unit != "DCXD" || p.Limit != want || p.Active {
		t.Fatalf("stored unit %q, limit %v, active %v", p.Unit, p.Limit, p.Active)
	}
	last := p.Fees[len(p.Fees)-1]
	if last.Name != "Phí cấp bản sao" || last.Amount != 8000 || last.Stage != data.FeeAtReturn {
		t.Fatalf("stored fees %+v", p.Fees)
	}
	if len(p.Documents) != len(before.Documents) || p.Name != before.Name {
		t.Fatal("the edit lost the documents or the name")
	}
	// the counter no longer offers it; the catalog still lists it, marked out of use
	if found, _ := st.Procedures(ctx, "1.001193", 0); len(found) != 0 {
		t.Fatal("an out-of-use procedure is still offered at the counter")
	}
	if len(c.procs.rows) != 1 {
		t.Fatalf("the list lost the procedure: %v", procCodes(c.procs.rows))
	}
	if got, dim := c.procs.cell(0, 6); got != "Không" || !dim {
		t.Fatalf("in-use cell %q, dim %v", got, dim)
	}
	if got, _ := c.procs.cell(0, 4); got != "2,5 ngày làm việc" {
		t.Fatalf("limit cell %q", got)
	}
}

func TestCatalogEditUnitName(t *testing.T) {
	u, _, c := catalogTest(t)
	st := u.currentStore()
	ctx := context.Background()
	row := -1
	for i, x := range c.units.rows {
		if x.Code == "TPHT" {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("units %v", c.units.rows)
	}
	c.tabs.SelectIndex(1) // a table shows rows once laid out (laidOutRows)
	c.units.table.Select(widget.TableCellID{Row: row, Col: 1})
	e := c.units.edit
	if e == nil || !e.code.Disabled() || e.name.Text != "Công chức Tư pháp - Hộ tịch" {
		t.Fatalf("edit box %+v", e)
	}
	e.name.SetText("")
	test.Tap(e.form.save)
	if !e.form.box.pop.Visible() || e.form.box.msg.Text == "" {
		t.Fatal("an empty name was accepted")
	}
	e.name.SetText("Công chức Tư pháp – Hộ tịch xã")
	test.Tap(e.form.save)
	u.wait()
	units, err := st.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored := ""
	for _, x := range units {
		if x.Code == "TPHT" {
			stored = x.Name
		}
	}
	if stored != "Công chức Tư pháp – Hộ tịch xã" {
		t.Fatalf("stored name %q", stored)
	}
	shown := false
	for i := range c.units.rows {
		if name, _ := cellText(c.units.table, i, 1); name == stored {
			shown = true
		}
	}
	if !shown {
		t.Fatal("the list does not show the new name")
	}

	// a new unit with a code already used is refused in the box
	n := len(units)
	test.Tap(c.units.add)
	e = c.units.edit
	test.Type(e.code, "DCXD")
	test.Type(e.name, "Trùng mã")
	test.Tap(e.form.save)
	if !strings.Contains(e.form.box.msg.Text, "DCXD") {
		t.Fatalf("a used code: message %q", e.form.box.msg.Text)
	}
	e.code.SetText("QS")
	e.name.SetText("Ban Chỉ huy Quân sự xã")
	test.Tap(e.form.save)
	u.wait()
	if units, _ := st.Units(ctx); len(units) != n+1 {
		t.Fatalf("%d units after adding one to %d", len(units), n)
	}
	if len(c.units.rows) != n+1 {
		t.Fatalf("the list shows %d units", len(c.units.rows))
	}
}

// cellText is what a catalog table shows in a cell.
func cellText(tb *widget.Table, row, col int) (string, bool) {
	o := tb.CreateCell()
	tb.UpdateCell(widget.TableCellID{Row: row, Col: col}, o)
	l := o.(*widget.Label)
	return l.Text, l.Importance == widget.LowImportance
}

func TestCatalogAddField(t *testing.T) {
	u, _, c := catalogTest(t)
	n := len(c.fields.rows)
	test.Tap(c.fields.add)
	e := c.fields.edit
	if e.active != nil {
		t.Fatal("a field has no in-use flag")
	}
	test.Type(e.code, "TON-GIAO")
	test.Type(e.name, "Tôn giáo")
	test.Tap(e.form.save)
	u.wait()
	fields, err := u.currentStore().Fields(context.Background())
	if err != nil || len(fields) != n+1 || len(c.fields.rows) != n+1 {
		t.Fatalf("%d fields stored, %d listed, want %d (%v)", len(fields), len(c.fields.rows), n+1, err)
	}
}

// A user who is not an administrator cannot write through the screen: data refuses, the box
// says so and keeps what was typed.
func TestCatalogWritesRefusedForNonAdmin(t *testing.T) {
	u, _, c := catalogTest(t)
	st := u.currentStore()
	clerk, err := st.UserByName(context.Background(), "tiepnhan1")
	if err != nil {
		t.Fatal(err)
	}
	c.actor = clerk
	c.tabs.SelectIndex(1) // a table shows rows once laid out (laidOutRows)
	c.units.table.Select(widget.TableCellID{Row: 0, Col: 1})
	e := c.units.edit
	e.name.SetText("Đổi tên trái phép")
	test.Tap(e.form.save)
	u.wait()
	if !e.form.box.pop.Visible() || e.form.box.msg.Text == "" || e.name.Text != "Đổi tên trái phép" {
		t.Fatalf("visible %v, message %q, name %q", e.form.box.pop.Visible(), e.form.box.msg.Text, e.name.Text)
	}
	units, _ := st.Units(context.Background())
	for _, x := range units {
		if x.Name == "Đổi tên trái phép" {
			t.Fatal("a receptionist renamed a unit")
		}
	}
	day := c.cal.cells[calendar.D(2026, time.March, 4)]
	test.Tap(day)
	test.Type(c.cal.edit.reason, "Nghỉ")
	test.Tap(c.cal.edit.form.save)
	u.wait()
	if !st.Calendar().IsWorkingDay(day.date) || c.cal.edit.form.box.msg.Text == "" {
		t.Fatal("a receptionist changed the calendar")
	}
}

func countProcedures(t *testing.T, st *data.Store) int {
	t.Helper()
	ps, err := st.CatalogProcedures(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(ps)
}

const catalogHeader = "code,name,field,field_code,agency_level,agency,time_limit_value,time_limit_unit,fee_vnd,fee_note,online_level,required_docs,source,verified,note\n"

func TestCatalogImportBadCSVChangesNothing(t *testing.T) {
	u, w, c := catalogTest(t)
	st := u.currentStore()
	n := countProcedures(t, st)
	path := writeCSV(t, catalogHeader+
		"9.000001,Thủ tục thử một,Tôn giáo,,xa,UBND xã,3,ngay_lam_viec,0,,,Tờ khai,,,\n"+
		"9.000002,Thủ tục thử hai,Tôn giáo,,thon,UBND xã,3,ngay_lam_viec,0,,,Tờ khai,,,\n")
	c.procs.importCSV(path)
	u.wait()
	shown := overlayText(w)
	if !strings.Contains(strings.ToLower(shown), "dòng 3") || !strings.Contains(shown, "agency_level") {
		t.Fatalf("the error shown does not name the line and column:\n%s", shown)
	}
	if got := countProcedures(t, st); got != n {
		t.Fatalf("%d procedures after a bad file, want %d", got, n)
	}
}

func TestCatalogImportGoodCSVAddsProcedures(t *testing.T) {
	u, w, c := catalogTest(t)
	st := u.currentStore()
	n := countProcedures(t, st)
	path := writeCSV(t, catalogHeader+
		"9.000001,Thủ tục thử một,Tôn giáo,,xa,UBND xã,3,ngay_lam_viec,10000,,,Tờ khai,,,\n"+
		"9.000002,Thủ tục thử hai,Tôn giáo,,xa,UBND xã,,,0,,,Tờ khai;Bản sao CCCD,,,\n")
	c.procs.importCSV(path)
	u.wait()
	if got := countProcedures(t, st); got != n+2 {
		t.Fatalf("%d procedures after importing two, want %d", got, n+2)
	}
	if shown := overlayText(w); !strings.Contains(shown, "Đã nhập 2 thủ tục") {
		t.Fatalf("the message says:\n%s", shown)
	}
	if len(c.procs.rows) != n+2 {
		t.Fatalf("the list shows %d procedures", len(c.procs.rows))
	}
	p, err := st.Procedure(context.Background(), "9.000001")
	if err != nil || p.FieldName != "Tôn giáo" || len(p.Fees) != 1 {
		t.Fatalf("imported %+v, %v", p, err)
	}
	found := false
	for _, f := range c.fields.rows {
		found = found || f.Name == "Tôn giáo"
	}
	if !found {
		t.Fatal("the new field is not listed")
	}
}

func TestCatalogCalendarShowsTet2026(t *testing.T) {
	_, _, c := catalogTest(t)
	if c.cal.year != 2026 {
		t.Fatalf("the view opens on %d, want the current year", c.cal.year)
	}
	for d := 16; d <= 20; d++ {
		cell := c.cal.cells[calendar.D(2026, time.February, d)]
		if cell == nil || cell.state != dayHoliday || !strings.Contains(cell.label, "Tết") {
			t.Errorf("%d/2/2026: %+v, want a Tết holiday", d, cell)
		}
	}
	checks := map[calendar.Date]dayState{
		calendar.D(2026, time.February, 21): dayWeekend, // Saturday after Tết
		calendar.D(2026, time.January, 10):  dayWorked,  // Saturday worked for 2/1
		calendar.D(2026, time.January, 2):   dayOff,     // swapped
		calendar.D(2026, time.March, 12):    dayWorking,
	}
	for d, want := range checks {
		if got := c.cal.cells[d].state; got != want {
			t.Errorf("%s: state %d, want %d", d, got, want)
		}
	}
	if !c.cal.cells[calendar.D(2026, time.March, 12)].today {
		t.Error("today is not outlined")
	}
	if n := len(c.cal.cells); n != 365 {
		t.Errorf("%d days drawn", n)
	}
	test.Tap(c.cal.next)
	if c.cal.year != 2027 || c.cal.cells[calendar.D(2027, time.January, 1)] == nil {
		t.Fatal("the next year is not drawn")
	}
	if !strings.Contains(c.cal.yearLabel.Text, "2027") {
		t.Fatalf("year label %q", c.cal.yearLabel.Text)
	}
}

func TestCatalogCalendarToggleDay(t *testing.T) {
	u, _, c := catalogTest(t)
	st := u.currentStore()
	ctx := context.Background()
	received := time.Date(2026, time.March, 2, 8, 0, 0, 0, st.Location())
	code := "1.004873" // a limit in working days (checked below)
	p, err := st.Procedure(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	if p.Limit.Unit != calendar.WorkingDays || p.Limit.Value < 2 {
		t.Fatalf("%s has limit %v: the test needs working days", code, p.Limit)
	}
	before, _, err := st.DueFor(ctx, code, data.ChannelDirect, received)
	if err != nil {
		t.Fatal(err)
	}
	wed := calendar.D(2026, time.March, 4)
	test.Tap(c.cal.cells[wed])
	e := c.cal.edit
	if e == nil || e.form.save.Text != "Chuyển thành ngày nghỉ" {
		t.Fatalf("toggle box %+v", e)
	}
	// a day off needs a reason: data refuses, nothing changes
	test.Tap(e.form.save)
	u.wait()
	if !e.form.box.pop.Visible() || e.form.box.msg.Text == "" || !st.Calendar().IsWorkingDay(wed) {
		t.Fatalf("a day off without a reason: visible %v, message %q", e.form.box.pop.Visible(), e.form.box.msg.Text)
	}
	test.Type(e.reason, "Nghỉ do bão")
	e.reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter saves
	u.wait()
	if st.Calendar().IsWorkingDay(wed) {
		t.Fatal("the day is still a working day")
	}
	after, _, _ := st.DueFor(ctx, code, data.ChannelDirect, received)
	if !after.After(before) {
		t.Fatalf("due %v, before %v: the day off did not move it", after, before)
	}
	if cell := c.cal.cells[wed]; cell.state != dayHoliday || cell.label != "Nghỉ do bão" {
		t.Fatalf("the view shows %+v", cell)
	}
	// and back
	test.Tap(c.cal.cells[wed])
	e = c.cal.edit
	if e.form.save.Text != "Chuyển thành ngày làm việc" {
		t.Fatalf("confirm %q", e.form.save.Text)
	}
	test.Tap(e.form.save)
	u.wait()
	if !st.Calendar().IsWorkingDay(wed) || c.cal.cells[wed].state != dayWorking {
		t.Fatal("the day did not come back to work")
	}
	if again, _, _ := st.DueFor(ctx, code, data.ChannelDirect, received); !again.Equal(before) {
		t.Fatalf("due %v, want %v again", again, before)
	}
}

func TestCatalogCalendarImportNotice(t *testing.T) {
	u, w, c := catalogTest(t)
	st := u.currentStore()
	bad := writeCSV(t, "date,kind,label,tag\n2026-12-30,holiday,Nghỉ thử,P\n2026-12-31,nghi,Sai,P\n")
	c.cal.importCSV(bad)
	u.wait()
	if shown := overlayText(w); !strings.Contains(strings.ToLower(shown), "dòng 3") {
		t.Fatalf("the error does not name the line:\n%s", shown)
	}
	if !st.Calendar().IsWorkingDay(calendar.D(2026, time.December, 30)) {
		t.Fatal("a bad notice changed the calendar")
	}
	good := writeCSV(t, "date,kind,label,tag\n2026-12-30,holiday,Nghỉ thử,P\n")
	c.cal.importCSV(good)
	u.wait()
	if st.Calendar().IsWorkingDay(calendar.D(2026, time.December, 30)) {
		t.Fatal("the notice was not imported")
	}
	if c.cal.cells[calendar.D(2026, time.December, 30)].state != dayHoliday {
		t.Fatal("the view was not redrawn")
	}
	var le *calendar.LineError
	_, err := st.ImportCalendarCSV(context.Background(), c.actor, strings.NewReader("x"), "x")
	if !errors.As(err, &le) {
		t.Fatalf("a file without the header: %v", err)
	}
}

// On a wide window the name column of a catalog list takes the room the others leave, so
// names show whole; on a narrow one it keeps its own width (the table scrolls).
func TestCatalogNameColumnFillsTheWidth(t *testing.T) {
	test.NewTempApp(t)
	cols := []catalogColumn{{"Mã", 150}, {"Thủ tục", 330}, {"Áp dụng", 75}}
	table := newCatalogTable(cols, func() int { return 0 }, func(int, int) (string, bool) { return "", false }, func(int) {})
	box := fillWidth(table, cols).(*fyne.Container)
	l := box.Layout.(*fillWidthLayout)
	box.Resize(fyne.NewSize(1600, 400))
	if l.grow != 1 || l.width < 1600-150-75-4*theme.Padding()-1 {
		t.Errorf("at 1600 px the name column is %.0f px (column %d)", l.width, l.grow)
	}
	box.Resize(fyne.NewSize(400, 400))
	if l.width != 330 {
		t.Errorf("at 400 px the name column is %.0f px, want its own 330", l.width)
	}
}
