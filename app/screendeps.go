package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"motcua/data"
)

// screenDeps is what a section's screen is given of its window, wired in one place: the builders
// of app/shell.go's sections (ui.screenDeps). A screen uses what it needs of it and never the
// ui itself, so it cannot switch the window to another flow or touch the store's lifecycle. A
// screen that needs only background work with its errors shown and the clock takes a
// screenHost instead (the dashboard).
type screenDeps struct {
	store *data.Store
	user  *data.User       // the logged-in user
	app   fyne.App         // its theme, which a screen's own theme overrides in part
	win   fyne.Window      // for dialogs and file choosers
	now   func() time.Time // the office's clock
	work  *worker          // background work: counted, cancelled when the window closes
	files *fileChoosers    // the window's file choosers, which remember the last folder
	// showError shows an error in a dialog over the window (UI thread).
	showError func(error)
	// showMessage shows a message box over the window (UI thread).
	showMessage func(icon fyne.Resource, title, text string) *widget.PopUp
	// printFolder is dir when a screen was given one (tests), else the print folder set now.
	printFolder func(dir string) string
	// openDossier shows the detail of a dossier over the section (UI thread).
	openDossier func(id uuid.UUID)
	// findDossier looks a dossier's code up as the search box does and shows its detail (UI
	// thread): for lists that know only the code (the statistics' late list).
	findDossier func(code string)
}

// screenDeps is what the screens of the logged-in user's sections are given now (UI thread).
func (u *ui) screenDeps() screenDeps {
	return screenDeps{
		store: u.currentStore(), user: u.currentUser(), app: u.app, win: u.win, now: u.now, work: u.work, files: u.files,
		showError: u.showError, showMessage: u.showMessage, printFolder: u.printFolder,
		openDossier: u.openDossier,
		findDossier: func(code string) {
			if u.shell != nil {
				u.shell.openDossier(code)
			}
		},
	}
}
