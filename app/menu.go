package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"motcua/data"
)

// mainMenu is the menu bar of a logged-in user. Its items carry the shell's shortcuts because
// Fyne's desktop driver offers a shortcut to the main menu before the focused widget: Ctrl+N and
// Ctrl+F then work while the cursor is in a text field, which otherwise swallows them.
func (s *shell) mainMenu() *fyne.MainMenu {
	receive := fyne.NewMenuItem(lang.L("New reception"), func() { s.typedShortcut(shortcutNew) })
	receive.Shortcut = shortcutNew
	receive.Icon = theme.ContentAddIcon()
	receive.Disabled = !s.user.Roles.Has(data.RoleReception)
	find := fyne.NewMenuItem(lang.L("Find a dossier"), func() { s.typedShortcut(shortcutSearch) })
	find.Shortcut = shortcutSearch
	find.Icon = theme.SearchIcon()
	logout := fyne.NewMenuItem(lang.L("Log out"), s.u.logout)
	logout.Icon = theme.LogoutIcon()
	dossier := fyne.NewMenu(lang.L("Dossier"), receive, find, fyne.NewMenuItemSeparator(), logout)

	guide := fyne.NewMenuItem(lang.L("User guide"), s.u.showGuide)
	guide.Icon = theme.HelpIcon()
	about := fyne.NewMenuItem(lang.L("About Một Cửa"), s.u.showAbout)
	about.Icon = theme.InfoIcon()
	help := fyne.NewMenu(lang.L("Help"), guide, about)
	return fyne.NewMainMenu(dossier, help)
}

// showAbout tells the version, where the office database and the log live, and where the guide
// is: what an IT person on the phone asks first (UI thread).
func (u *ui) showAbout() {
	version := u.opts.Version
	if version == "" {
		version = "dev"
	}
	if u.opts.BuildDate != "" {
		version += " (" + u.opts.BuildDate + ")"
	}
	text := lang.L("Version {{.Version}}", map[string]any{"Version": version}) + "\n" +
		lang.L("Software for the one-stop office: receiving dossiers, following them to their return, statistics and satisfaction — offline.") + "\n" +
		lang.L("Data folder: {{.Dir}}", map[string]any{"Dir": u.opts.DataDir})
	if u.opts.LogFile != "" {
		text += "\n" + lang.L("Log file: {{.Path}}", map[string]any{"Path": u.opts.LogFile})
	}
	text += "\n" + lang.L("The user guide: Help › User guide.")
	u.showMessage(theme.InfoIcon(), appName, text)
}
