package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"motcua/data/demo"
)

// demoAccounts lists the accounts of the demo office, one per role, so that a visitor trying the
// program does not have to look for them in the guide. With pick, each account is a button that
// fills the login form; without, a line of text (the welcome screen, before the demo exists).
// Only the welcome screen and the login screen of the demo office show it: a real office's
// accounts are never written anywhere.
func demoAccounts(pick func(username, password string)) fyne.CanvasObject {
	heading := widget.NewLabelWithStyle(lang.L("Accounts of the demo office"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var rows []fyne.CanvasObject
	for _, a := range demo.Accounts() {
		login := a.Username + " / " + a.Password
		var who fyne.CanvasObject
		if pick != nil {
			username, password := a.Username, a.Password
			b := widget.NewButton(login, func() { pick(username, password) })
			b.Importance = widget.LowImportance
			b.Alignment = widget.ButtonAlignLeading
			who = b
		} else {
			who = widget.NewLabel(login)
		}
		rows = append(rows, who, widget.NewLabel(roleNames(a.Roles)))
	}
	return container.NewVBox(heading, container.New(layout.NewFormLayout(), rows...))
}
