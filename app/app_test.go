package app

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/demo"
	"motcua/data/demo/demotest"
	"motcua/data/vntext"
)

// fixedNow is the clock of the tests: a Thursday afternoon in Hà Nội.
var fixedNow = time.Date(2026, 3, 12, 15, 30, 0, 0, vntext.Zone())

func clockAt(t time.Time) func() time.Time { return func() time.Time { return t } }

// newTestUI builds the UI in a test window and waits for its first screen.
func newTestUI(t *testing.T, opts Options) (*ui, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	if opts.Now == nil {
		opts.Now = clockAt(fixedNow)
	}
	u := newUI(a, w, opts)
	t.Cleanup(func() { u.shutdown(); u.wait() })
	w.SetContent(u.root)
	w.Resize(fyne.NewSize(1280, 800))
	u.start()
	u.wait()
	return u, w
}

// walk visits o and everything it is drawn with: container children and widget renderers.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	if in := boxInner(o); in != nil {
		fn(in) // a box's button, check or select is Fyne's too (keys.go)
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walk(c, fn)
		}
	}
}

// texts is every label, button and canvas text shown under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, v.Text)
		case *canvas.Text:
			out = append(out, v.Text)
		}
	})
	return out
}

func contains(list []string, want string) bool {
	for _, s := range list {
		if s == want {
			return true
		}
	}
	return false
}

// buildDemo makes a small demo office in a fresh data folder: a copy of one built once per test
// binary (users' passwords are hashed with bcrypt: slow under -race).
func buildDemo(tb testing.TB, dossiers int) string {
	tb.Helper()
	return demotest.Copy(tb, demo.Options{Dossiers: dossiers, Seed: 1, Now: fixedNow})
}

// TestMain removes the demo offices built for the tests.
func TestMain(m *testing.M) { demotest.Main(m) }

func TestCreateEmptyDataDirShowsWelcome(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	content := Create(a, w, Options{DataDir: t.TempDir(), Version: "0.1.0", Now: clockAt(fixedNow)})
	w.SetContent(content)
	w.Resize(fyne.NewSize(1100, 720))
	got := texts(content)
	for _, want := range []string{"Một Cửa", "Mở văn phòng mẫu (dữ liệu thử)", "Thiết lập văn phòng mới", "Phiên bản 0.1.0"} {
		if !contains(got, want) {
			t.Errorf("welcome screen lacks %q; has %q", want, got)
		}
	}
}

func TestDashboardShowsStoreFigures(t *testing.T) {
	dir := buildDemo(t, 300)
	u, w := newTestUI(t, Options{DataDir: dir})
	if errs := u.failures(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if u.dashboard == nil {
		t.Fatal("no dashboard on a demo office")
	}
	logIn(t, u, "admin", demoAdminPassword) // the dashboard is the shell's first screen

	// read-only: the window holds the office's write lock
	st, err := data.Open(filepath.Join(dir, data.DBFile), data.ReadOnly(), data.WithClock(clockAt(fixedNow)))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	office, err := st.Office()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	modeName, _ := st.Setting(ctx, data.SettingDateMode)
	mode, _ := data.ParseMode(modeName)
	today := calendar.DateOf(fixedNow)
	monday := calendar.D(2026, 3, 9)
	day, err := st.Stats(ctx, today, today, data.ByNone, mode)
	if err != nil {
		t.Fatal(err)
	}
	wk, err := st.Stats(ctx, monday, today, data.ByNone, mode)
	if err != nil {
		t.Fatal(err)
	}
	if wk.Total.ReceivedNewOnline+wk.Total.ReceivedNewDirect == 0 {
		t.Fatalf("the demo received nothing this week (%+v): the test proves nothing", wk.Total)
	}

	all := texts(w.Canvas().Content())
	for _, want := range []string{office.Name, "Tiếp nhận", "Đã giải quyết", "Đang giải quyết", "Phí, lệ phí",
		"Tỷ lệ đúng hạn", "Hôm nay", "Tuần này", "Máy trạm số 0", "Chưa cấu hình máy chủ đồng bộ"} {
		if !contains(all, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	check := func(card *figuresCard, f data.Figures, period string) {
		t.Helper()
		want := vntext.Thousands(int64(f.ReceivedNewOnline + f.ReceivedNewDirect))
		if card.received.Text != want {
			t.Errorf("%s: received %q, store says %q", period, card.received.Text, want)
		}
		if !contains(texts(card.card), want) {
			t.Errorf("%s: %q not in the card", period, want)
		}
		if got, want := card.resolved.Text, vntext.Thousands(int64(f.ResolvedTotal)); got != want {
			t.Errorf("%s: resolved %q, store says %q", period, got, want)
		}
		if got, want := card.pending.Text, vntext.Thousands(int64(f.PendingTotal)); got != want {
			t.Errorf("%s: pending %q, store says %q", period, got, want)
		}
		if got, want := card.fees.Text, vntext.Money(f.FeesTotal); got != want {
			t.Errorf("%s: fees %q, store says %q", period, got, want)
		}
		if want := "quá hạn: " + vntext.Thousands(int64(f.PendingOverdue)); card.overdue.Text != want {
			t.Errorf("%s: %q, want %q", period, card.overdue.Text, want)
		}
		if f.PendingOverdue > 0 && card.overdue.Importance != widget.DangerImportance {
			t.Errorf("%s: overdue not highlighted", period)
		}
	}
	check(u.dashboard.today, day.Total, "today")
	check(u.dashboard.week, wk.Total, "week")
	if f := wk.Total; f.ResolvedTotal > 0 {
		want, _ := percent(f.ResolvedEarly+f.ResolvedOnTime, f.ResolvedTotal)
		if got := u.dashboard.week.onTime.Text; got != want || !strings.HasSuffix(got, " %") || !strings.Contains(got, ",") {
			t.Errorf("on-time rate %q, want %q", got, want)
		}
	}
	t.Logf("today %+v", day.Total)
	t.Logf("week  %+v", wk.Total)

	// Làm mới recomputes the same figures.
	if err := u.dashboard.refresh(ctx); err != nil {
		t.Fatal(err)
	}
	check(u.dashboard.week, wk.Total, "week after refresh")
}

func TestDemoButtonBuildsAndOpensOffice(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	u := newUI(a, w, Options{DataDir: t.TempDir(), Now: clockAt(fixedNow)})
	t.Cleanup(func() { u.shutdown(); u.wait() })
	u.demoSize = 200
	w.SetContent(u.root)
	u.start()
	if u.welcome == nil {
		t.Fatal("no welcome screen")
	}
	s := u.welcome
	test.Tap(s.demoButton)
	u.wait()
	if errs := u.failures(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if u.dashboard == nil {
		t.Fatal("the demo office did not open")
	}
	if !strings.HasPrefix(s.status.Text, "Đang tạo văn phòng mẫu… ") || !strings.HasSuffix(s.status.Text, " %") {
		t.Errorf("progress text %q", s.status.Text)
	}
	if u.dashboard.today.shown == nil || u.dashboard.week.shown == nil {
		t.Error("figures not shown")
	}
}

func TestSetupForm(t *testing.T) {
	u, w := newTestUI(t, Options{DataDir: t.TempDir()})
	test.Tap(u.welcome.setupButton)
	s := u.setup
	if s == nil {
		t.Fatal("no setup form")
	}
	test.Type(s.code, "000.00.06.h56")
	test.Type(s.name, strings.Repeat("Ủy ban ", 50)) // longer than the 300 letters the store takes
	test.Type(s.place, "Tân Phú")
	test.Type(s.parent, "000.00.00.h56")
	test.Type(s.governing, "UBND tỉnh Lâm Đồng")
	test.Type(s.username, "quantri")
	test.Type(s.fullName, "Nguyễn Văn An")
	test.Type(s.password, "mat-khau-1")
	test.Type(s.passwordAgain, "mat-khau-2")
	if s.form.Validate() == nil {
		t.Fatal("different passwords accepted")
	}
	s.passwordAgain.SetText("mat-khau-1")
	if err := s.form.Validate(); err != nil {
		t.Fatalf("form refused: %v", err)
	}

	// The store refuses the long name: the form stays as typed and the error is shown.
	s.submit()
	u.wait()
	if u.setup != s || u.dashboard != nil {
		t.Fatal("left the form on an error")
	}
	if len(u.failures()) != 1 || w.Canvas().Overlays().Top() == nil {
		t.Fatalf("error not shown: %v", u.failures())
	}
	if s.code.Text != "000.00.06.h56" || s.passwordAgain.Text != "mat-khau-1" || s.form.Disabled() {
		t.Error("typed values lost or form still disabled")
	}
	w.Canvas().Overlays().Top().Hide()

	s.name.SetText("Ủy ban nhân dân xã Tân Phú")
	s.submit()
	u.wait()
	if errs := u.failures(); len(errs) != 1 {
		t.Fatalf("errors: %v", errs[1:])
	}
	if u.dashboard == nil {
		t.Fatal("no dashboard after setup")
	}
	if o := u.dashboard.office; o.Code != "000.00.06.H56" || o.Name != "Ủy ban nhân dân xã Tân Phú" || o.Level != "xa" ||
		o.ParentCode != "000.00.00.H56" || o.GoverningBody != "UBND tỉnh Lâm Đồng" {
		t.Errorf("office %+v", o)
	}
	if got := u.dashboard.today.received.Text; got != "0" {
		t.Errorf("a new office received %q today", got)
	}
}

func TestErrorsAreShownNotFatal(t *testing.T) {
	// A data folder that is a file, and a database file that is not a database.
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	garbage := t.TempDir()
	if err := os.WriteFile(filepath.Join(garbage, data.DBFile), []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, dir := range map[string]string{"not a folder": notDir, "not a database": garbage} {
		t.Run(name, func(t *testing.T) {
			u, w := newTestUI(t, Options{DataDir: dir})
			if len(u.failures()) == 0 {
				t.Fatal("no error reported")
			}
			if w.Canvas().Overlays().Top() == nil {
				t.Error("no error dialog")
			}
			if u.welcome != nil {
				t.Error("welcome screen (whose demo button replaces the database) on a database that failed to open")
			}
			if !contains(texts(w.Canvas().Content()), "Thử lại") {
				t.Error("no retry button")
			}
			msg := message(u.failures()[0])
			if !strings.HasPrefix(msg, "Không mở được cơ sở dữ liệu của văn phòng.") {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestVietnameseByDefault(t *testing.T) {
	for _, locale := range []string{"en_US.UTF-8", "fr_FR.UTF-8", "vi_VN.UTF-8", "C"} {
		t.Run(locale, func(t *testing.T) { testVietnamese(t, locale) })
	}
}

func testVietnamese(t *testing.T, locale string) {
	test.NewTempApp(t)
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", locale)
	t.Setenv("LC_MESSAGES", locale)
	t.Setenv("LANG", locale)
	setLanguage("vi")
	for key, want := range map[string]string{
		"Open the demo office (test data)": "Mở văn phòng mẫu (dữ liệu thử)",
		"Received":                         "Tiếp nhận",
		"OK":                               "Đồng ý", // Fyne's own strings too
		"Cancel":                           "Hủy",
	} {
		if got := lang.L(key); got != want {
			t.Errorf("lang.L(%q) = %q, want %q", key, got, want)
		}
	}
	if got := lang.L("Station no. {{.N}}", map[string]any{"N": 3}); got != "Máy trạm số 3" {
		t.Errorf("template: %q", got)
	}

	setLanguage("en")
	if got := lang.L("Received"); got != "Received" {
		t.Errorf("English: %q", got)
	}
	if got := lang.L("OK"); got != "OK" {
		t.Errorf("English OK: %q", got)
	}
	setLanguage("vi")
	if got := lang.L("Received"); got != "Tiếp nhận" {
		t.Errorf("back to Vietnamese: %q", got)
	}
}

// Every string the code translates is in both files, and the files have the same keys.
func TestTranslationFilesComplete(t *testing.T) {
	load := func(name string) map[string]any {
		m, err := translationTable(name)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	vi, en := load("vi.json"), load("en.json")
	for k := range vi {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for k := range en {
		if _, ok := vi[k]; !ok {
			t.Errorf("vi.json lacks %q", k)
		}
	}
	files, _ := filepath.Glob("*.go")
	call := regexp.MustCompile(`(?:lang\.L|errorf|textError)\(("(?:[^"\\]|\\.)*")`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			var key string
			if err := json.Unmarshal([]byte(m[1]), &key); err != nil {
				t.Fatalf("%s: %s: %v", f, m[1], err)
			}
			n++
			if _, ok := vi[key]; !ok {
				t.Errorf("%s: %q is not in vi.json", f, key)
			}
		}
	}
	if n < 40 {
		t.Errorf("found only %d translated strings: is the pattern still right?", n)
	}
}

// Fyne's monospace font lacks many Vietnamese letters: no text on any screen may use it.
func TestNoMonospace(t *testing.T) {
	dir := buildDemo(t, 100)
	office, w := newTestUI(t, Options{DataDir: dir, Version: "0.1.0"})
	screens := map[string]fyne.CanvasObject{"login": office.login.content}
	logIn(t, office, "admin", demoAdminPassword)
	screens["dashboard"] = w.Canvas().Content()
	u, _ := newTestUI(t, Options{DataDir: t.TempDir()})
	screens["welcome"] = u.welcome.content
	u.showSetup()
	screens["setup"] = u.setup.content
	for name, screen := range screens {
		n := 0
		walk(screen, func(o fyne.CanvasObject) {
			var style fyne.TextStyle
			switch v := o.(type) {
			case *widget.Label:
				style = v.TextStyle
			case *widget.Entry:
				style = v.TextStyle
			case *canvas.Text:
				style = v.TextStyle
			default:
				return
			}
			n++
			if style.Monospace {
				t.Errorf("%s: monospace text %T", name, o)
			}
		})
		if n == 0 {
			t.Errorf("%s: no text found", name)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		part, whole int
		want        string
	}{{942, 1000, "94,2 %"}, {1, 3, "33,3 %"}, {2, 3, "66,7 %"}, {5, 5, "100,0 %"}, {0, 7, "0,0 %"}} {
		if got, ok := percent(c.part, c.whole); !ok || got != c.want {
			t.Errorf("percent(%d, %d) = %q, want %q", c.part, c.whole, got, c.want)
		}
	}
	if _, ok := percent(0, 0); ok {
		t.Error("percent of nothing")
	}
	for day, monday := range map[calendar.Date]calendar.Date{
		calendar.D(2026, 3, 9):  calendar.D(2026, 3, 9), // Monday
		calendar.D(2026, 3, 12): calendar.D(2026, 3, 9),
		calendar.D(2026, 3, 15): calendar.D(2026, 3, 9), // Sunday
		calendar.D(2026, 3, 1):  calendar.D(2026, 2, 23),
	} {
		if from, to := week(day); from != monday || to != day {
			t.Errorf("week(%s) = %s…%s", day, from, to)
		}
	}
}

// The office's settings: English, and deadlines compared by date.
func TestOfficeSettings(t *testing.T) {
	dir := buildDemo(t, 200)
	st, err := data.Open(filepath.Join(dir, data.DBFile), data.WithClock(clockAt(fixedNow)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for k, v := range map[string]string{data.SettingLanguage: "en", data.SettingDateMode: "date"} {
		if err := st.SetSetting(ctx, data.System, k, v); err != nil {
			t.Fatal(err)
		}
	}
	today := calendar.DateOf(fixedNow)
	wk, err := st.Stats(ctx, calendar.D(2026, 3, 9), today, data.ByNone, data.ModeDate)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { setLanguage("vi") })

	u, w := newTestUI(t, Options{DataDir: dir})
	if u.dashboard == nil || u.dashboard.mode != data.ModeDate {
		t.Fatalf("dashboard %+v", u.dashboard)
	}
	logIn(t, u, "admin", demoAdminPassword)
	all := texts(w.Canvas().Content())
	for _, want := range []string{"Received", "This week", "Sync server not configured", "Station no. 0",
		"Early / on time / late compared by date, as provincial systems do."} {
		if !contains(all, want) {
			t.Errorf("English dashboard lacks %q", want)
		}
	}
	if got, want := u.dashboard.week.resolvedDetail.Text, fmt.Sprintf("early: %d · on time: %d · late: %d",
		wk.Total.ResolvedEarly, wk.Total.ResolvedOnTime, wk.Total.ResolvedLate); got != want {
		t.Errorf("by date: %q, want %q", got, want)
	}
}

// The demo never replaces a database it has not seen open and empty.
func TestDemoKeepsUnknownDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, data.DBFile)
	junk := []byte(strings.Repeat("someone's records ", 100))
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	u, _ := newTestUI(t, Options{DataDir: dir})
	err := u.buildDemo(context.Background(), 100, nil)
	if err == nil {
		t.Fatal("demo built over an unknown database")
	}
	if got := message(err); got != "Không tạo được văn phòng mẫu.\nThư mục dữ liệu đã có một cơ sở dữ liệu." {
		t.Errorf("message %q", got)
	}
	if b, _ := os.ReadFile(path); string(b) != string(junk) {
		t.Error("the database was changed")
	}
}

// An empty database (opened, never set up) is shown the welcome screen and may become the demo.
func TestEmptyDatabaseWelcomesAndTakesDemo(t *testing.T) {
	dir := t.TempDir()
	st, err := data.Open(filepath.Join(dir, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	u, _ := newTestUI(t, Options{DataDir: dir})
	if u.welcome == nil || len(u.failures()) > 0 {
		t.Fatalf("welcome %v, errors %v", u.welcome, u.failures())
	}
	u.demoSize = 100
	test.Tap(u.welcome.demoButton)
	u.wait()
	if u.dashboard == nil || len(u.failures()) > 0 {
		t.Fatalf("dashboard %v, errors %v", u.dashboard, u.failures())
	}
}
