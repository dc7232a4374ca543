package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// The administration screen (Quản trị, docs/HUONG-DAN.md §10): users, the office and its printed forms,
// backup and restore, and the language. Each tab lives in its own file (admin_users.go,
// admin_settings.go, admin_backup.go, admin_language.go). The store checks the administrator
// role of every change; the shell only shows the screen to administrators.

// Tabs of the screen, in order.
const (
	adminTabUsers = iota
	adminTabOffice
	adminTabBackup
	adminTabLanguage
)

// adminScreen is the screen: a widget so that tests find its parts through the shell.
type adminScreen struct {
	widget.BaseWidget
	deps  screenDeps
	host  adminHost
	st    *data.Store
	actor *data.User

	tabs     *container.AppTabs
	users    *adminUsers
	office   *adminSettings
	backup   *adminBackup
	language *adminLanguage
}

// adminHost is what the administration screen asks of its window beyond a screen's deps: it
// changes the window itself (the office shown, the language, the database restored).
type adminHost interface {
	officeChanged()                                                         // the office or its settings changed
	reloadShell(tab int, note string)                                       // the language changed
	restoreBackup(actor *data.User, src string, opts ...data.RestoreOption) // put a backup in place
	dataDir() string                                                        // the data folder
}

func newAdminScreen(deps screenDeps, host adminHost) *adminScreen {
	a := &adminScreen{deps: deps, host: host, st: deps.store, actor: deps.user}
	a.users = newAdminUsers(a)
	a.office = newAdminSettings(a)
	a.backup = newAdminBackup(a)
	a.language = newAdminLanguage(a)
	a.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Users"), theme.AccountIcon(), a.users.content),
		container.NewTabItemWithIcon(lang.L("Office and forms"), theme.HomeIcon(), a.office.content),
		container.NewTabItemWithIcon(lang.L("Backup"), theme.StorageIcon(), a.backup.content),
		container.NewTabItemWithIcon(lang.L("Language"), theme.SettingsIcon(), a.language.content),
	)
	a.ExtendBaseWidget(a)
	return a
}

func (a *adminScreen) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(a.tabs) }

// adminScreenOf is the administration screen of the shell, building it when needed (UI thread).
func (u *ui) adminScreenOf() *adminScreen {
	if u.shell == nil || !u.shell.showSection(sectionAdmin) {
		return nil
	}
	a, _ := u.shell.screens[sectionAdmin].(*adminScreen)
	return a
}

// officeMode is the office's current date mode (timestamp when unset or unreadable: a bad
// setting must not keep a screen closed). It blocks: call it off the UI thread.
func officeMode(ctx context.Context, st *data.Store) data.Mode {
	if name, err := st.Setting(ctx, data.SettingDateMode); err == nil {
		if m, err := data.ParseMode(name); err == nil {
			return m
		}
	}
	return data.ModeTimestamp
}

// officeChanged shows a change of the office or its settings where the shell shows them: the
// window title, the status bar and the dashboard (built again, as it depends on the date mode).
// The other screens stay as they are, with whatever is typed in them (UI thread).
func (u *ui) officeChanged() {
	st := u.currentStore()
	if st == nil {
		return
	}
	office, err := st.Office()
	if err != nil {
		u.showError(errorf("Could not read the office settings", err))
		return
	}
	u.office = office
	u.win.SetTitle(appName + " — " + office.Name)
	if s := u.shell; s != nil {
		s.status.office.SetText(office.Name)
	}
	u.spawn(func() {
		mode := officeMode(u.ctx, st)
		fyne.Do(func() {
			if u.currentStore() != st {
				return
			}
			d := newDashboard(u, st, office, mode)
			u.dashboard = d
			if s := u.shell; s != nil {
				s.screens[sectionDashboard] = d.content
			}
			d.startRefresh()
		})
	})
}

// reloadShell builds the shell again after the language changed, so that every label changes
// at once, and comes back to tab of the administration screen with note shown there (UI
// thread). Like a new login, it starts the other screens afresh.
func (u *ui) reloadShell(tab int, note string) {
	st := u.currentStore()
	if st == nil || u.currentUser() == nil {
		return
	}
	office := u.office
	u.spawn(func() {
		mode := officeMode(u.ctx, st)
		fyne.Do(func() {
			if u.currentStore() != st || u.currentUser() == nil {
				return
			}
			u.dashboard = newDashboard(u, st, office, mode)
			u.showShell()
			u.dashboard.startRefresh()
			if a := u.adminScreenOf(); a != nil {
				a.tabs.SelectIndex(tab)
				if note != "" {
					a.say(tab, note)
				}
			}
		})
	})
}

// say shows note on tab (UI thread).
func (a *adminScreen) say(tab int, note string) {
	switch tab {
	case adminTabOffice:
		a.office.status.ok(note)
	case adminTabLanguage:
		a.language.status.ok(note)
	}
}

// background runs fn off the UI thread with the window's context.
func (a *adminScreen) background(fn func(ctx context.Context)) {
	work := a.deps.work
	work.spawn(func() { fn(work.ctx) })
}

// adminStatus is a line under a tab's buttons: what happened, in red when it failed.
type adminStatus struct {
	label *widget.Label
	root  fyne.CanvasObject // the tab, laid out again when the line appears or goes
}

func newAdminStatus() *adminStatus {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return &adminStatus{label: l}
}

func (s *adminStatus) set(text string, imp widget.Importance) {
	s.label.Importance = imp
	s.label.SetText(text)
	if text == "" {
		s.label.Hide()
	} else {
		s.label.Show()
	}
	if s.root != nil {
		s.root.Refresh()
	}
}

func (s *adminStatus) ok(text string) { s.set(text, widget.SuccessImportance) }
func (s *adminStatus) fail(err error) { s.set(message(err), widget.DangerImportance) }
func (s *adminStatus) clear()         { s.set("", widget.MediumImportance) }

// adminHeading is a bold section title inside a tab.
func adminHeading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// adminHint is a small explanatory line.
func adminHint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// adminForm shows body in a modal box whose confirm button calls submit. submit reports through
// done on the UI thread: nil closes the box; an error is shown in it, with everything typed kept.
// It returns the box and its confirm button (tests tap it).
func adminForm(win fyne.Window, title string, body fyne.CanvasObject, confirm string, submit func(done func(error))) (*modal, *widget.Button) {
	var m *modal
	var ok *widget.Button
	cancel := newBoxButton(lang.L("Cancel"), nil, func() { m.hide() })
	ok = newBoxButton(confirm, nil, func() {
		ok.Disable()
		m.fail("")
		submit(func(err error) {
			ok.Enable()
			if err != nil {
				m.fail(message(err))
				return
			}
			m.hide()
		})
	})
	ok.Importance = widget.HighImportance
	m = newModal(win, nil, title, body, 520, cancel, ok)
	m.show()
	return m, ok
}
