package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"motcua/data"
)

// Section keys of the navigation.
const (
	sectionDashboard  = "dashboard"
	sectionReception  = "reception"
	sectionDossiers   = "dossiers"
	sectionProcessing = "processing"
	sectionReturns    = "returns"
	sectionStatistics = "statistics"
	sectionCatalog    = "catalog"
	sectionAdmin      = "admin"
)

// section is one entry of the navigation. build makes its screen once per login; nil shows a
// placeholder until the screen exists.
type section struct {
	key   string
	title string             // translation key
	icon  fyne.ThemeIconName // looked up when drawn: a theme icon needs the running app
	roles data.Roles         // who may open it; 0 is everyone logged in
	build func(u *ui) fyne.CanvasObject
}

// sections is the navigation in order (roles: docs/DOMAIN.md §1), each section with its screen:
// the whole table is here. Each window starts from it (ui.sections).
var sections = []section{
	{key: sectionDashboard, title: "Dashboard", icon: theme.IconNameHome, build: buildDashboard},
	{key: sectionReception, title: "Reception", icon: theme.IconNameContentAdd, roles: data.RoleReception, build: buildReception},
	{key: sectionDossiers, title: "Dossiers", icon: theme.IconNameFolder, build: buildDossiers},
	{key: sectionProcessing, title: "Processing", icon: theme.IconNameDocumentCreate, roles: data.RoleOfficer | data.RoleLeader, build: buildWork},
	{key: sectionReturns, title: "Result return", icon: theme.IconNameMailSend, roles: data.RoleReception, build: buildReturns},
	{key: sectionStatistics, title: "Statistics", icon: theme.IconNameGrid, roles: data.RoleLeader | data.RoleAdmin | data.RoleReception, build: buildStatistics},
	{key: sectionCatalog, title: "Catalog", icon: theme.IconNameList, roles: data.RoleAdmin, build: buildCatalog},
	{key: sectionSync, title: "Sync", icon: theme.IconNameUpload, roles: data.RoleAdmin | data.RoleReception | data.RoleOfficer | data.RoleLeader, build: buildSync},
	{key: sectionAdmin, title: "Administration", icon: theme.IconNameSettings, roles: data.RoleAdmin, build: buildAdmin},
}

// buildDashboard is the dashboard prepared when the office opened (ui.showOffice).
func buildDashboard(u *ui) fyne.CanvasObject {
	if u.dashboard == nil {
		return nil
	}
	return u.dashboard.content
}

// buildReception is the reception screen (reception.go) for the logged-in user. Its work, the
// first procedure search included, is the window's background work.
func buildReception(u *ui) fyne.CanvasObject {
	r := newReceptionScreen(u.currentStore(), u.currentUser(), u.win, u.now, u.work)
	r.folder = u.printDir
	u.reception = r
	return r.content()
}

// buildDossiers is the dossier list (Hồ sơ) for the logged-in user.
func buildDossiers(u *ui) fyne.CanvasObject {
	st := u.currentStore()
	if st == nil {
		return nil
	}
	return newDossierList(u.ctx, st, u.spawn, u.openDossier, u.now).root
}

// buildWork is the Xử lý screen of the logged-in user.
func buildWork(u *ui) fyne.CanvasObject {
	w := newWorkScreen(u.screenDeps())
	w.load()
	return w
}

// buildReturns is the Trả kết quả screen of the logged-in user.
func buildReturns(u *ui) fyne.CanvasObject {
	r := newReturnsScreen(u.screenDeps())
	// The shell sends keys typed with nothing focused to its own search box: give the code entry
	// the cursor once the screen is on the window, so that a scanner types into it.
	u.spawn(func() { fyne.Do(func() { u.win.Canvas().Focus(r.code) }) })
	return r
}

// buildStatistics is the statistics screen of the logged-in user, on this month.
func buildStatistics(u *ui) fyne.CanvasObject {
	d := u.screenDeps()
	if d.store == nil {
		return nil
	}
	s := newStatsScreen(d)
	s.period.SetSelectedIndex(periodMonth) // starts the first query
	return s.view
}

// buildCatalog is the catalog screen of the logged-in administrator.
func buildCatalog(u *ui) fyne.CanvasObject {
	return newCatalogScreen(u.screenDeps()).tabs
}

// buildSync is the Sync screen (sync_screen.go) for the logged-in user; the window's background
// sync (sync_loop.go) reports to it.
func buildSync(u *ui) fyne.CanvasObject {
	s := newSyncScreen(u.screenDeps(), u, u.shell)
	u.syncScreen.Store(s)
	s.showState(u.syncSnapshot())
	s.load()
	return s.content
}

// buildAdmin is the administration screen (admin.go); it changes the window itself (the office
// shown, the language, a backup restored), so the ui is its adminHost.
func buildAdmin(u *ui) fyne.CanvasObject {
	if u.currentStore() == nil || u.currentUser() == nil {
		return nil
	}
	return newAdminScreen(u.screenDeps(), u)
}

// allows reports whether roles may open the section.
func (s section) allows(roles data.Roles) bool { return s.roles == 0 || roles.Has(s.roles) }

// shell is the main window of a logged-in user: search and the user at the top, the sections
// the user's roles allow on the left, the current section in the middle, the status bar below.
type shell struct {
	u       *ui
	user    *data.User
	content fyne.CanvasObject

	visible []section // the sections this user may open, in order
	screens map[string]fyne.CanvasObject
	current string // key of the section shown
	detail  bool   // a dossier's detail covers the current section

	nav     *widget.List
	area    *fyne.Container
	search  *shortcutEntry
	logout  *widget.Button
	status  *statusBar
	opening bool // a dossier is being looked up
}

// Shortcuts of the shell: Ctrl+N (Cmd+N on macOS) receives a new dossier, Ctrl+F searches.
var (
	shortcutNew    = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSearch = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
)

// showShell shows the shell of the logged-in user, on the dashboard (UI thread).
func (u *ui) showShell() {
	user := u.currentUser()
	if user == nil {
		return
	}
	u.leaveShell()
	s := newShell(u, user)
	u.shell = s
	u.show(s.content)
	u.win.SetMainMenu(s.mainMenu())
	c := u.win.Canvas()
	c.AddShortcut(shortcutNew, func(sc fyne.Shortcut) { s.typedShortcut(sc) })
	c.AddShortcut(shortcutSearch, func(sc fyne.Shortcut) { s.typedShortcut(sc) })
	// A barcode or QR scanner types the code and Enter: with no field focused, the keystrokes
	// go to the search box.
	c.SetOnTypedRune(func(r rune) {
		if u.shell == s {
			s.focusSearch()
			s.search.TypedRune(r)
		}
	})
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if u.shell == s && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && s.search.Text != "" {
			s.openDossier(s.search.Text)
		}
	})
	c.Unfocus()
}

// leaveShell removes the shell's hooks from the window (UI thread).
func (u *ui) leaveShell() {
	if u.shell == nil {
		return
	}
	c := u.win.Canvas()
	c.RemoveShortcut(shortcutNew)
	c.RemoveShortcut(shortcutSearch)
	c.SetOnTypedRune(nil)
	c.SetOnTypedKey(nil)
	u.win.SetMainMenu(nil)
	u.shell = nil
}

func newShell(u *ui, user *data.User) *shell {
	s := &shell{u: u, user: user, screens: map[string]fyne.CanvasObject{}}
	for _, sec := range u.sections {
		if sec.allows(user.Roles) {
			s.visible = append(s.visible, sec)
		}
	}

	s.nav = widget.NewList(
		func() int { return len(s.visible) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Tiếp nhận hồ sơ"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(theme.Icon(s.visible[i].icon))
			row.Objects[1].(*widget.Label).SetText(lang.L(s.visible[i].title))
		},
	)
	s.nav.OnSelected = func(i widget.ListItemID) { s.showSection(s.visible[i].key) }

	s.search = newShortcutEntry(s)
	s.search.SetPlaceHolder(lang.L("Dossier code or scan (Ctrl+F)"))
	s.search.OnSubmitted = s.openDossier
	s.search.ActionItem = widget.NewButtonWithIcon("", theme.SearchIcon(), func() { s.openDossier(s.search.Text) })

	who := widget.NewLabelWithStyle(user.FullName, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	s.logout = widget.NewButtonWithIcon(lang.L("Log out"), theme.LogoutIcon(), u.logout)
	top := container.NewBorder(nil, nil, nil,
		container.NewHBox(widget.NewIcon(theme.AccountIcon()), who, s.logout),
		container.NewBorder(nil, nil, nil, strut(40), s.search))

	s.area = container.NewStack()
	left := container.NewBorder(strut(210), nil, nil, nil, s.nav)
	office := u.office
	s.status = newStatusBar(u, office, user)
	s.content = container.NewBorder(
		container.NewVBox(container.NewPadded(top), widget.NewSeparator()),
		s.status.content,
		container.NewHBox(left, widget.NewSeparator()), nil,
		s.area)
	s.showSection(sectionDashboard)
	return s
}

// showSection shows the section key if the user may open it and reports whether it did (UI
// thread).
func (s *shell) showSection(key string) bool {
	idx := -1
	for i, sec := range s.visible {
		if sec.key == key {
			idx = i
		}
	}
	if idx < 0 {
		return false
	}
	if s.current != key || s.detail {
		// a field focused on the screen left behind would keep a scanner's keystrokes from the
		// search box
		s.u.win.Canvas().Unfocus()
		s.current = key
		s.detail = false
		screen, ok := s.screens[key]
		if !ok {
			if b := s.visible[idx].build; b != nil {
				screen = b(s.u)
			}
			if screen == nil {
				screen = placeholder(lang.L(s.visible[idx].title))
			}
			s.screens[key] = screen
		}
		s.area.Objects = []fyne.CanvasObject{screen}
		s.area.Refresh()
	}
	s.nav.Select(idx) // no-op when already selected
	return true
}

// placeholder stands for a screen that is not written yet.
func placeholder(title string) fyne.CanvasObject {
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	note := widget.NewLabelWithStyle(lang.L("This screen will come in the next version."), fyne.TextAlignCenter, fyne.TextStyle{})
	return container.NewCenter(container.NewVBox(
		container.NewCenter(widget.NewIcon(theme.InfoIcon())), heading, note))
}

// newReception goes to Tiếp nhận when the user may receive (Ctrl+N), the cursor in the
// procedure search: the officer types at once.
func (s *shell) newReception() {
	if s.u.shell == s && s.showSection(sectionReception) && s.u.reception != nil {
		s.u.win.Canvas().Focus(s.u.reception.search)
	}
}

// focusSearch puts the cursor in the search box (Ctrl+F).
func (s *shell) focusSearch() {
	if s.u.shell == s {
		s.u.win.Canvas().Focus(s.search)
	}
}

// openDossier looks the code up and shows the dossier (UI thread).
func (s *shell) openDossier(code string) {
	code = strings.TrimSpace(code)
	st := s.u.currentStore()
	if code == "" || st == nil || s.opening {
		return
	}
	s.opening = true
	u := s.u
	u.spawn(func() {
		d, _, err := st.DossierByCode(u.ctx, code)
		if u.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			s.opening = false
			if u.shell != s {
				return
			}
			s.showDossier(code, d, err)
		})
	})
}

// showDossier shows what the search found (UI thread).
func (s *shell) showDossier(code string, d *data.Dossier, err error) {
	switch {
	case errors.Is(err, data.ErrNotFound):
		s.u.showMessage(theme.InfoIcon(), lang.L("Dossier not found"),
			lang.L("No dossier has the code {{.Code}}.", map[string]any{"Code": code}))
		return
	case err != nil:
		s.u.showError(errorf("Could not find the dossier", err))
		return
	}
	s.search.SetText("")
	s.showDetail(d.ID)
}

// showDetail covers the current section with the detail of dossier id; its back button (and
// the navigation) returns to the section as it was (UI thread).
func (s *shell) showDetail(id uuid.UUID) {
	if s.u.shell != s {
		return
	}
	back := func() {
		if s.u.shell != s || !s.detail {
			return
		}
		s.detail = false
		s.area.Objects = []fyne.CanvasObject{s.screens[s.current]}
		s.area.Refresh()
		s.showSection(s.current) // highlights it again
	}
	s.detail = true
	s.area.Objects = []fyne.CanvasObject{newDetailScreen(s.u.screenDeps(), id, back).root}
	s.area.Refresh()
	// a detail is no section: with the section left highlighted, a click on it did nothing (a
	// list does not select what is selected), and a dossier found by the search box seemed to
	// belong to whatever section was open
	s.nav.UnselectAll()
}

// openDossier shows the detail of dossier id over the current screen (UI thread); screens call
// it when a dossier is clicked.
func (u *ui) openDossier(id uuid.UUID) {
	if u.shell != nil {
		u.shell.showDetail(id)
	}
}

// shortcutEntry is the search box: the shell's shortcuts work while it has the cursor (a
// focused entry otherwise swallows them).
type shortcutEntry struct {
	widget.Entry
	s *shell
}

func newShortcutEntry(s *shell) *shortcutEntry {
	e := &shortcutEntry{s: s}
	e.ExtendBaseWidget(e)
	return e
}

func (e *shortcutEntry) TypedShortcut(sc fyne.Shortcut) {
	if !e.s.typedShortcut(sc) {
		e.Entry.TypedShortcut(sc)
	}
}

// typedShortcut acts on the shell's shortcuts and reports whether sc was one of them. While a
// box is open over the window the shortcuts wait: they would act behind it.
func (s *shell) typedShortcut(sc fyne.Shortcut) bool {
	if s.u.win.Canvas().Overlays().Top() != nil {
		switch sc.ShortcutName() {
		case shortcutNew.ShortcutName(), shortcutSearch.ShortcutName():
			return true
		}
		return false
	}
	switch sc.ShortcutName() {
	case shortcutNew.ShortcutName():
		s.newReception()
	case shortcutSearch.ShortcutName():
		s.focusSearch()
	default:
		return false
	}
	return true
}

// roleNames lists the translated names of the roles in r.
func roleNames(r data.Roles) string {
	var out []string
	for _, x := range []struct {
		r   data.Roles
		key string
	}{
		{data.RoleReception, "Reception"},
		{data.RoleOfficer, "Processing officer"},
		{data.RoleLeader, "Leader"},
		{data.RoleAdmin, "Administrator"},
	} {
		if r.Has(x.r) {
			out = append(out, lang.L(x.key))
		}
	}
	return strings.Join(out, ", ")
}
