package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
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
	if pick == nil {
		// the welcome screen is tall already: two accounts a line
		var cells []fyne.CanvasObject
		for _, a := range demo.Accounts() {
			cells = append(cells, widget.NewLabel(a.Username+" / "+a.Password+" — "+roleNames(a.Roles)))
		}
		return container.NewVBox(heading, container.NewGridWithColumns(2, cells...))
	}
	var rows []fyne.CanvasObject
	for _, a := range demo.Accounts() {
		username, password := a.Username, a.Password
		b := widget.NewButton(username+" / "+password, func() { pick(username, password) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		rows = append(rows, b, widget.NewLabel(roleNames(a.Roles)))
	}
	hint := widget.NewLabel(lang.L("Tap an account to fill in the form."))
	hint.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(heading, container.New(layout.NewFormLayout(), rows...), hint)
}
