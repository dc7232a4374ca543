package app

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynelang "fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
)

// Every role sees exactly its sections (docs/DOMAIN.md §1), and never one it may not use.
func TestShellSectionsByRole(t *testing.T) {
	u, w := openDemo(t, 20)
	all := []string{sectionDashboard, sectionReception, sectionDossiers, sectionProcessing, sectionReturns,
		sectionStatistics, sectionCatalog, sectionSync, sectionAdmin}
	for _, c := range []struct {
		roles data.Roles
		want  []string
	}{
		{data.RoleReception, []string{sectionDashboard, sectionReception, sectionDossiers, sectionReturns, sectionStatistics, sectionSync}},
		{data.RoleOfficer, []string{sectionDashboard, sectionDossiers, sectionProcessing, sectionSync}},
		{data.RoleLeader, []string{sectionDashboard, sectionDossiers, sectionProcessing, sectionStatistics, sectionSync}},
		{data.RoleAdmin, []string{sectionDashboard, sectionDossiers, sectionStatistics, sectionCatalog, sectionSync, sectionAdmin}},
		{data.RoleReception | data.RoleOfficer, []string{sectionDashboard, sectionReception, sectionDossiers, sectionProcessing, sectionReturns, sectionStatistics, sectionSync}},
	} {
		name := "user" + c.roles.Keys()[:3] + string(rune('a'+int(c.roles)))
		addUser(t, u, name, c.roles)
		logIn(t, u, name, "mat-khau-1")
		s := u.shell
		if s == nil {
			t.Fatalf("%s: no shell (%q)", c.roles, u.login.problem.Text)
		}
		var got []string
		for _, sec := range s.visible {
			got = append(got, sec.key)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: sections %v, want %v", c.roles, got, c.want)
		}
		shown := texts(s.nav)
		for _, sec := range sections {
			may := slices.Contains(c.want, sec.key)
			title := fynelang.L(sec.title)
			if contains(shown, title) != may {
				t.Errorf("%s: %q shown %v, allowed %v", c.roles, title, contains(shown, title), may)
			}
		}
		for _, key := range all {
			if ok := s.showSection(key); ok != slices.Contains(c.want, key) {
				t.Errorf("%s: showSection(%s) = %v", c.roles, key, ok)
			}
			if !slices.Contains(c.want, key) && s.current == key {
				t.Errorf("%s: %s opened", c.roles, key)
			}
		}
		// every section has its screen now
		for _, key := range c.want {
			s.showSection(key)
			u.wait()
			if contains(texts(s.area), "Màn hình này sẽ có trong phiên bản tới.") {
				t.Errorf("%s: %s is still a placeholder", c.roles, key)
			}
		}
		if st := texts(s.status.content); !contains(st, "Người dùng "+name+" ("+roleNames(c.roles)+")") {
			t.Errorf("%s: status bar %q", c.roles, st)
		}
		test.Tap(s.logout)
		u.wait()
		if u.login == nil {
			t.Fatal("no login screen after logout")
		}
	}
	_ = w
}

// shortcut sends sc to the window as the desktop driver does: to the focused widget when it
// takes shortcuts, else to the canvas's shortcuts (the test canvas cannot be sent one, so this
// calls what the shell registered there).
func shortcut(u *ui, w fyne.Window, sc fyne.Shortcut) {
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	if u.shell != nil {
		u.shell.typedShortcut(sc)
	}
}

func TestShortcutNewReception(t *testing.T) {
	u, w := openDemo(t, 20)
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	s := u.shell
	shortcut(u, w, shortcutNew)
	if s.current != sectionReception {
		t.Errorf("receptionist: Ctrl+N opened %q", s.current)
	}
	if u.reception == nil || w.Canvas().Focused() != u.reception.search {
		t.Error("Ctrl+N did not put the cursor in the procedure search")
	}
	if contains(texts(s.area), "Màn hình này sẽ có trong phiên bản tới.") {
		t.Error("Tiếp nhận is still a placeholder")
	}
	// from the search box too, and Ctrl+F puts the cursor there
	s.showSection(sectionDashboard)
	shortcut(u, w, shortcutSearch)
	if w.Canvas().Focused() != s.search {
		t.Error("Ctrl+F did not focus the search box")
	}
	shortcut(u, w, shortcutNew)
	if s.current != sectionReception {
		t.Errorf("receptionist in the search box: Ctrl+N opened %q", s.current)
	}
	test.Tap(s.logout)
	u.wait()

	logIn(t, u, "tuphap1", demoStaffPassword)
	s = u.shell
	shortcut(u, w, shortcutNew)
	if s.current != sectionDashboard {
		t.Errorf("officer: Ctrl+N opened %q", s.current)
	}
}

// A scanner types a dossier code with no field focused, then Enter: the dossier is shown.
func TestSearchOpensDossier(t *testing.T) {
	u, w := openDemo(t, 60)
	st := u.currentStore()
	var d *data.Dossier
	stop := errors.New("found")
	err := st.EachDossier(context.Background(), data.ByReceived, calendar.D(2025, 1, 1), calendar.DateOf(fixedNow),
		func(x *data.Dossier, _ []data.Event) error {
			if x.Code != "" && x.HasDue {
				d = x
				return stop
			}
			return nil
		})
	if d == nil {
		t.Fatalf("no dossier with a code in the demo: %v", err)
	}
	logIn(t, u, "tuphap1", demoStaffPassword)
	s := u.shell
	if w.Canvas().Focused() != nil {
		t.Fatalf("%T focused after login", w.Canvas().Focused())
	}
	test.TypeOnCanvas(w.Canvas(), d.Code)
	if s.search.Text != d.Code {
		t.Fatalf("search box %q, scanned %q", s.search.Text, d.Code)
	}
	s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.wait()
	if !s.detail {
		t.Fatal("no dossier shown")
	}
	body := strings.Join(texts(s.area), "\n")
	for _, part := range []string{d.Code, d.Applicant.Name} {
		if !strings.Contains(body, part) {
			t.Errorf("the detail lacks %q: %q", part, body)
		}
	}
	if s.search.Text != "" {
		t.Errorf("search box keeps %q", s.search.Text)
	}
	// the navigation goes back to the section
	s.nav.Select(0)
	s.showSection(s.current)
	if s.detail {
		t.Error("the section did not come back")
	}

	// an unknown code says so
	s.search.SetText("KHONG-CO-MA")
	s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.wait()
	if top := w.Canvas().Overlays().Top(); top == nil || !contains(texts(top), "Không tìm thấy hồ sơ") {
		t.Error("unknown code not reported")
	}
	if errs := u.failures(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

// A section's screen is built once per login, by the builder the window's table gives it; the
// section's roles still apply.
func TestSectionScreenBuiltOncePerLogin(t *testing.T) {
	built := 0
	u, _ := openDemo(t, 20)
	for i := range u.sections {
		if u.sections[i].key == sectionCatalog {
			u.sections[i].build = func(u *ui) fyne.CanvasObject {
				built++
				return widget.NewLabel("danh mục thử")
			}
		}
	}
	logIn(t, u, "admin", demoAdminPassword)
	s := u.shell
	s.showSection(sectionCatalog)
	s.showSection(sectionDashboard)
	s.showSection(sectionCatalog)
	if !contains(texts(s.area), "danh mục thử") || built != 1 {
		t.Errorf("registered screen: shown %q, built %d times (want once per login)", texts(s.area), built)
	}
	test.Tap(s.logout)
	u.wait()
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	if u.shell.showSection(sectionCatalog) || built != 1 {
		t.Error("a receptionist opened the catalog")
	}
}

// navSelected is the navigation's highlighted item, -1 for none. widget.List does not tell its
// selection, so the test reads it from the widget itself.
func navSelected(s *shell) int {
	sel := reflect.ValueOf(s.nav).Elem().FieldByName("selected")
	if sel.Len() == 0 {
		return -1
	}
	return int(sel.Index(0).Int())
}

// A dossier opened from the search box is no section: the navigation highlights none while its
// detail shows (so that a click on any section, the one left included, goes there), and the
// section the back button returns to again.
func TestSearchDetailHighlightsNoSection(t *testing.T) {
	u, w := openDemo(t, 20)
	st := u.currentStore()
	hits, err := st.Search(context.Background(), "H56", 1)
	if err != nil || len(hits) == 0 {
		t.Fatalf("no dossier in the demo: %v", err)
	}
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	s := u.shell
	if !s.showSection(sectionReturns) {
		t.Fatal("tiepnhan1 cannot open Trả kết quả")
	}
	returns := navSelected(s)
	if returns < 0 || s.visible[returns].key != sectionReturns {
		t.Fatalf("highlighted %d on Trả kết quả", returns)
	}
	w.Canvas().Focus(s.search)
	test.Type(s.search, hits[0].Code)
	s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.wait()
	if !s.detail {
		t.Fatal("no dossier shown")
	}
	if got := navSelected(s); got != -1 {
		t.Errorf("the detail opened from the search box highlights %q", s.visible[got].key)
	}
	// a click on the section left goes back to it
	test.Tap(findAll[*widget.Button](s.area)[0]) // the detail's Back
	if s.detail || navSelected(s) != returns {
		t.Errorf("after Back: detail %v, highlighted %d, want %d", s.detail, navSelected(s), returns)
	}
	test.Type(s.search, hits[0].Code)
	s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.wait()
	s.nav.Select(returns)
	if s.detail || s.current != sectionReturns {
		t.Errorf("a click on the section left does not go back to it: detail %v, section %q", s.detail, s.current)
	}
}
