package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/reports"
)

// openStats logs user into a small demo office and opens the statistics screen (on this
// month); background work runs in line.
func openStats(t *testing.T, user string) (*ui, *statsScreen) {
	t.Helper()
	u, _ := openDemo(t, 300)
	logIn(t, u, user, demoStaffPassword)
	if u.shell == nil {
		t.Fatalf("%s could not log in: %v", user, u.failures())
	}
	if !u.shell.showSection(sectionStatistics) {
		t.Fatalf("%s cannot open the statistics", user)
	}
	u.wait()
	v, ok := u.shell.screens[sectionStatistics].(*statsView)
	if !ok {
		t.Fatalf("the statistics section is %T", u.shell.screens[sectionStatistics])
	}
	if errs := u.failures(); len(errs) > 0 {
		t.Fatal(errs)
	}
	return u, v.s
}

// storeStats is what the store says for [from, to] in the office's mode.
func storeStats(t *testing.T, st *data.Store, from, to calendar.Date, by string) *data.Report {
	t.Helper()
	name, err := st.Setting(context.Background(), data.SettingDateMode)
	if err != nil {
		t.Fatal(err)
	}
	mode, _ := data.ParseMode(name)
	rep, err := st.Stats(context.Background(), from, to, by, mode)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// checkFigures compares the cards with the store's figures of the period.
func checkFigures(t *testing.T, s *statsScreen, want data.Figures) {
	t.Helper()
	eq := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s shows %q, want %q", what, got, want)
		}
	}
	eq("received", s.received.value.Text, count(want.ReceivedNewDirect+want.ReceivedNewOnline))
	eq("carried", s.received.lines[1].Text, fmt.Sprintf("từ kỳ trước: %s · tổng cộng: %s", count(want.ReceivedCarried), count(want.ReceivedTotal)))
	eq("resolved", s.resolved.value.Text, count(want.ResolvedTotal))
	eq("pending", s.pending.value.Text, count(want.PendingTotal))
	share := func(n int) string { p, _ := percent(n, want.ResolvedTotal); return count(n) + " (" + p + ")" }
	eq("early", s.resolved.lines[0].Text, "trước hạn: "+share(want.ResolvedEarly))
	eq("on time", s.resolved.lines[1].Text, "đúng hạn: "+share(want.ResolvedOnTime))
	eq("late", s.resolved.lines[2].Text, "quá hạn: "+share(want.ResolvedLate))
	eq("overdue", s.pending.lines[1].Text, "quá hạn: "+count(want.PendingOverdue))
	eq("within", s.pending.lines[0].Text, "trong hạn: "+count(want.PendingWithin))
	eq("channels", s.received.lines[0].Text, fmt.Sprintf("trực tiếp: %s · trực tuyến: %s · bưu chính: %s",
		count(want.ReceivedNewDirect-want.ReceivedNewPost), count(want.ReceivedNewOnline), count(want.ReceivedNewPost)))
}

func TestStatisticsFiguresEqualStore(t *testing.T) {
	u, s := openStats(t, "lanhdao1")
	st := u.currentStore()
	today := calendar.DateOf(fixedNow)
	// the screen opens on this month
	if s.period.Selected != "Tháng này" || s.shown == nil {
		t.Fatalf("opened on %q, shown %v", s.period.Selected, s.shown)
	}
	checkFigures(t, s, storeStats(t, st, calendar.D(2026, 3, 1), today, data.ByNone).Total)

	s.period.SetSelected("Từ đầu năm")
	u.wait()
	want := storeStats(t, st, calendar.D(2026, 1, 1), today, data.ByNone).Total
	if want.ResolvedEarly == 0 || want.ResolvedLate == 0 || want.ResolvedOnTime == 0 {
		t.Fatalf("the demo's year to date is too thin to prove anything: %+v", want)
	}
	if s.shown.period != (statsPeriod{calendar.D(2026, 1, 1), today}) {
		t.Fatalf("year to date is %v", s.shown.period)
	}
	checkFigures(t, s, want)
	if got := s.about.Text; !strings.HasPrefix(got, "Từ ngày 01/01/2026 đến ngày 12/03/2026") {
		t.Errorf("period shown as %q", got)
	}

	// the table by field: a row per field with data and the office's total
	byField := storeStats(t, st, calendar.D(2026, 1, 1), today, data.ByField)
	s.tabs.Select(s.fieldTab) // a table shows rows once laid out (laidOutRows)
	u.wait()
	if rows, _ := s.fieldTable.Length(); rows != len(byField.Rows)+1 {
		t.Errorf("field table has %d rows, want %d fields + total", rows, len(byField.Rows))
	}
	for i, row := range byField.Rows {
		if got := fieldCell(row.Name, s.fields[i].Figures, 5); s.fields[i].Name != row.Name || got != count(row.ResolvedLate) {
			t.Errorf("field row %d: %q late %s, want %q late %d", i, s.fields[i].Name, got, row.Name, row.ResolvedLate)
		}
	}
	if !reflect.DeepEqual(s.fieldTotal, byField.Total) {
		t.Errorf("field total %+v, want %+v", s.fieldTotal, byField.Total)
	}
}

func TestStatisticsTodayShowsNewDossier(t *testing.T) {
	u, s := openStats(t, "lanhdao1")
	st := u.currentStore()
	today := calendar.DateOf(fixedNow)
	s.period.SetSelected("Hôm nay")
	u.wait()
	before := storeStats(t, st, today, today, data.ByNone).Total
	checkFigures(t, s, before)

	counter, err := st.UserByName(context.Background(), "tiepnhan1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Receive(context.Background(), counter, data.Reception{Procedure: "1.004873",
		Applicant: data.Person{Name: "Nguyễn Thị Thống Kê"}}); err != nil {
		t.Fatal(err)
	}
	// switching the period asks the store again
	s.period.SetSelected("Tuần này")
	u.wait()
	s.period.SetSelected("Hôm nay")
	u.wait()
	after := storeStats(t, st, today, today, data.ByNone).Total
	if after.ReceivedNewDirect != before.ReceivedNewDirect+1 {
		t.Fatalf("the store counts %d received in person today, want %d", after.ReceivedNewDirect, before.ReceivedNewDirect+1)
	}
	checkFigures(t, s, after)
	if fresh := before.ReceivedNewDirect + before.ReceivedNewOnline + 1; s.received.value.Text != count(fresh) {
		t.Errorf("received today shows %q, want %s", s.received.value.Text, count(fresh))
	}
}

func TestStatisticsBadCustomDateChangesNothing(t *testing.T) {
	u, s := openStats(t, "lanhdao1")
	u.win.Resize(fyne.NewSize(1280, 800))
	s.period.SetSelected("Tùy chọn")
	if !s.custom.Visible() {
		t.Fatal("choosing a custom period shows no dates")
	}
	seq, shown, received := s.seq, s.shown, s.received.value.Text
	for _, c := range []struct{ from, to, msg string }{
		{"31/02/2026", "10/03/2026", "Ngày bắt đầu:"},
		{"01/03/2026", "hôm qua", "Ngày kết thúc:"},
		{"10/03/2026", "01/03/2026", "Ngày kết thúc trước ngày bắt đầu."},
		{"", "01/03/2026", "Nhập cả hai ngày theo dạng dd/mm/yyyy."},
	} {
		s.from.SetText(c.from)
		s.to.SetText(c.to)
		test.Tap(s.apply)
		u.wait()
		if !s.dateMsg.Visible() || !strings.HasPrefix(s.dateMsg.Text, c.msg) {
			t.Errorf("%s – %s: message %q (visible %v), want %q…", c.from, c.to, s.dateMsg.Text, s.dateMsg.Visible(), c.msg)
		}
		// laid out beside the dates, on a line of their own under the picker
		if s.dateMsg.Size().Width <= 0 || s.dateMsg.Position().X < s.apply.Position().X+s.apply.Size().Width ||
			s.custom.Position().Y < s.period.MinSize().Height {
			t.Errorf("%s – %s: message at %v size %v, Show at %v, dates at %v", c.from, c.to,
				s.dateMsg.Position(), s.dateMsg.Size(), s.apply.Position(), s.custom.Position())
		}
		if s.seq != seq || s.shown != shown || s.received.value.Text != received {
			t.Errorf("%s – %s: the figures changed", c.from, c.to)
		}
		if s.from.Text != c.from || s.to.Text != c.to {
			t.Errorf("%s – %s: the dates typed were changed to %q – %q", c.from, c.to, s.from.Text, s.to.Text)
		}
	}
	// a good period clears the message and is shown
	s.from.SetText("01/02/2026")
	s.to.SetText("28/02/2026")
	test.Tap(s.apply)
	u.wait()
	if s.dateMsg.Visible() {
		t.Errorf("message %q still shown", s.dateMsg.Text)
	}
	feb := statsPeriod{calendar.D(2026, 2, 1), calendar.D(2026, 2, 28)}
	if s.shown.period != feb {
		t.Fatalf("shown %v, want February", s.shown.period)
	}
	checkFigures(t, s, storeStats(t, u.currentStore(), feb.from, feb.to, data.ByNone).Total)
}

func TestStatisticsNewerPeriodWins(t *testing.T) {
	u, s := openStats(t, "lanhdao1")
	// hold the queries back and answer them in the wrong order
	var queued []func()
	spawn := u.work.start
	u.work.start = func(fn func()) { queued = append(queued, fn) }
	s.period.SetSelected("Từ đầu năm")
	older := s.periodCtx
	s.period.SetSelected("Hôm nay")
	u.work.start = spawn
	if older.Err() == nil {
		t.Error("the older period's work was not cancelled")
	}
	if len(queued) != 2 {
		t.Fatalf("%d queries started, want 2", len(queued))
	}
	queued[1]()
	queued[0]()
	u.wait()
	today := calendar.DateOf(fixedNow)
	if s.shown.period != (statsPeriod{today, today}) {
		t.Fatalf("shows %v after the older answer came last, want today", s.shown.period)
	}
	checkFigures(t, s, storeStats(t, u.currentStore(), today, today, data.ByNone).Total)
	if s.progress.Visible() {
		t.Error("progress still shown with nothing in flight")
	}
	if errs := u.failures(); len(errs) > 0 || u.win.Canvas().Overlays().Top() != nil {
		t.Errorf("the cancelled query was reported: %v", errs)
	}
}

func TestStatisticsExportCSV(t *testing.T) {
	u, s := openStats(t, "lanhdao1")
	s.outDir = t.TempDir()
	var paths []string
	var content bytes.Buffer
	s.open = func(path string, write func(io.Writer) error) error {
		paths = append(paths, path)
		return write(&content)
	}
	s.period.SetSelected("Từ đầu năm")
	u.wait()
	test.Tap(s.exports[2])
	u.wait()
	want := filepath.Join(s.outDir, "bao-cao-dinh-ky-2026-01-01-2026-03-12.csv")
	if len(paths) != 1 || paths[0] != want {
		t.Fatalf("opened %v, want %s", paths, want)
	}
	f := storeStats(t, u.currentStore(), calendar.D(2026, 1, 1), calendar.DateOf(fixedNow), data.ByNone).Total
	total := fmt.Sprintf(",TỔNG CỘNG,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d\r\n", f.ReceivedTotal, f.ReceivedCarried, f.ReceivedNewOnline,
		f.ReceivedNewDirect, f.ResolvedTotal, f.ResolvedEarly, f.ResolvedOnTime, f.ResolvedLate, f.PendingTotal, f.PendingWithin, f.PendingOverdue)
	if !strings.Contains(content.String(), total) {
		t.Errorf("the CSV lacks the totals %q:\n%s", total, content.String())
	}
	if got := s.status.Text; got != "Đã lưu báo cáo vào "+want+"." {
		t.Errorf("status %q", got)
	}
	for _, b := range s.exports {
		if b.Disabled() {
			t.Errorf("%q still disabled after the export", b.Text)
		}
	}

	// the same report as PDF and as a workbook
	for i, magic := range map[int]string{0: "%PDF", 1: "PK"} {
		content.Reset()
		test.Tap(s.exports[i])
		u.wait()
		if !strings.HasPrefix(content.String(), magic) || !strings.HasSuffix(paths[len(paths)-1], strings.TrimPrefix(exportName(s.shown.period, []string{"pdf", "xlsx"}[i]), "bao-cao")) {
			t.Errorf("%q wrote %s starting %q", s.exports[i].Text, paths[len(paths)-1], content.String()[:min(8, content.Len())])
		}
	}
}

func TestStatisticsChartHasOneBarPerUnit(t *testing.T) {
	u, s := openStats(t, "lanhdao1")
	s.period.SetSelected("Từ đầu năm")
	u.wait()
	rep := storeStats(t, u.currentStore(), calendar.D(2026, 1, 1), calendar.DateOf(fixedNow), data.ByUnit)
	if len(rep.Rows) < 2 {
		t.Fatalf("the demo has %d units with data", len(rep.Rows))
	}
	if len(s.chart.groups) != len(rep.Rows) {
		t.Fatalf("chart has %d bars, want one per unit with data (%d)", len(s.chart.groups), len(rep.Rows))
	}
	for i, row := range rep.Rows {
		g := s.chart.groups[i]
		if g.label != row.Name || g.early != row.ResolvedEarly || g.onTime != row.ResolvedOnTime || g.late != row.ResolvedLate {
			t.Errorf("bar %d is %+v, want %s %d/%d/%d", i, g, row.Name, row.ResolvedEarly, row.ResolvedOnTime, row.ResolvedLate)
		}
	}
	// the bars are drawn: the longest bar is the unit with the most resolved dossiers
	r := test.WidgetRenderer(s.chart).(*chartRenderer)
	longest, most := -1, -1
	var widest float32
	for i, g := range s.chart.groups {
		w := float32(0)
		for _, seg := range r.segments[i] {
			if !seg.Hidden {
				w += seg.Size().Width
			}
		}
		if w > widest {
			widest, longest = w, i
		}
		if most < 0 || g.total() > s.chart.groups[most].total() {
			most = i
		}
	}
	if widest <= 0 || s.chart.groups[longest].total() != s.chart.groups[most].total() {
		t.Errorf("longest bar %d (%v px), most resolved %d", longest, widest, most)
	}
}

func TestStatisticsLateListAndStaff(t *testing.T) {
	u, s := openStats(t, "lanhdao1")
	st := u.currentStore()
	s.period.SetSelected("Từ đầu năm")
	u.wait()
	if s.lateSeq != 0 || s.staffSeq != 0 {
		t.Fatal("the late list or the staff evaluation was computed before its tab was opened")
	}
	s.tabs.Select(s.lateTab)
	u.wait()
	names, err := reports.LoadNames(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	from, to := calendar.D(2026, 1, 1), calendar.DateOf(fixedNow)
	late, err := reports.LateList(context.Background(), st, from, to, s.shown.mode, names)
	if err != nil {
		t.Fatal(err)
	}
	if len(late) == 0 || len(s.late) != len(late) {
		t.Fatalf("late list has %d dossiers, want %d", len(s.late), len(late))
	}
	if total := storeStats(t, st, from, to, data.ByNone).Total; len(late) != total.ResolvedLate {
		t.Errorf("late list %d, resolved late %d", len(late), total.ResolvedLate)
	}
	if got := s.lateCell(0, 0); got != late[0].Code {
		t.Errorf("first late dossier %q, want %q", got, late[0].Code)
	}
	if !strings.HasPrefix(s.lateNote.Text, count(len(late))+" hồ sơ giải quyết trễ hạn") {
		t.Errorf("late note %q", s.lateNote.Text)
	}

	s.tabs.Select(s.staffTab)
	u.wait()
	officers := storeStats(t, st, from, to, data.ByOfficer)
	if len(s.staff) == 0 || len(s.staff) != len(officers.Rows) {
		t.Fatalf("staff evaluation has %d officials, want %d", len(s.staff), len(officers.Rows))
	}
	for i, row := range officers.Rows {
		if s.staffCell(i, 0) != row.Name || s.staffCell(i, 1) != decimal(row.Officer.Score) {
			t.Errorf("official %d: %q score %s, want %q %v", i, s.staffCell(i, 0), s.staffCell(i, 1), row.Name, row.Officer.Score)
		}
	}

	// a new period empties the lists; the open tab is computed again
	s.period.SetSelected("Tháng này")
	u.wait()
	if s.staffSeq != s.seq || s.lateSeq == s.seq {
		t.Errorf("after a new period: staff for %d, late for %d, period %d", s.staffSeq, s.lateSeq, s.seq)
	}
}

func TestStatisticsLateLineOpensDossier(t *testing.T) {
	u, s := openStats(t, "lanhdao1")
	s.period.SetSelected("Từ đầu năm")
	u.wait()
	s.tabs.Select(s.lateTab)
	u.wait()
	if len(s.late) == 0 {
		t.Fatal("no late dossier")
	}
	s.lateTable.Select(widget.TableCellID{Row: 0, Col: 2})
	u.wait()
	if !u.shell.detail {
		t.Fatal("clicking a late dossier did not open it")
	}
}

func TestStatisticsNotForOfficers(t *testing.T) {
	u, _ := openDemo(t, 50)
	logIn(t, u, "tuphap1", demoStaffPassword)
	if u.shell == nil {
		t.Fatal("not logged in")
	}
	if u.shell.showSection(sectionStatistics) {
		t.Error("a processing officer opened the statistics")
	}
}

// A dossier of a procedure without a processing unit (every procedure of the bundled catalog)
// has its own bar, «Chưa giao đơn vị», after the units; the screen does not fail on it.
func TestStatisticsCountsDossiersWithoutUnit(t *testing.T) {
	u, s := openStats(t, "lanhdao1")
	st := u.currentStore()
	if err := st.PutProcedures(context.Background(), data.System, []data.Procedure{{Code: "9.000001", Name: "Thủ tục chưa giao đơn vị",
		FieldName: "Hộ tịch", Limit: calendar.Limit{Value: 1, Unit: calendar.WorkingDays}, Active: true}}); err != nil {
		t.Fatal(err)
	}
	receivedEarlier(t, u, fixedNow.AddDate(0, 0, -7), "9.000001", "Đỗ Văn Chưa") // overdue now
	s.period.SetSelected("Từ đầu năm")
	u.wait()
	if errs := u.failures(); len(errs) > 0 {
		t.Fatal(errs)
	}
	if n := len(s.chart.groups); n == 0 || s.chart.groups[n-1].label != data.NoUnitName {
		t.Fatalf("chart bars %+v, want the last %q", s.chart.groups, data.NoUnitName)
	}
}
