package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// firstAdmin is the part of the set-up and enrolment forms that names the first administrator of
// this PC. Each form makes the entries its own way (the set-up form checks them while typing,
// the enrolment form when sent); the rows and the user they give are the same.
type firstAdmin struct {
	username, fullName      *widget.Entry
	password, passwordAgain *widget.Entry
}

// items are the form's rows of the administrator; usernameHint is shown under the username.
func (a *firstAdmin) items(usernameHint string) []*widget.FormItem {
	return []*widget.FormItem{
		hintItem(lang.L("Administrator's username"), a.username, usernameHint),
		hintItem(lang.L("Administrator's full name"), a.fullName, ""),
		hintItem(lang.L("Password"), a.password, lang.L("At least {{.N}} characters", map[string]any{"N": minPassword})),
		hintItem(lang.L("Password again"), a.passwordAgain, ""),
	}
}

// user is the administrator as typed (UI thread).
func (a *firstAdmin) user() data.NewUser {
	return data.NewUser{Username: strings.TrimSpace(a.username.Text), FullName: a.fullName.Text,
		Roles: data.RoleAdmin, Password: a.password.Text}
}

// hintItem is a form row with a hint under its widget ("" none).
func hintItem(label string, w fyne.CanvasObject, hint string) *widget.FormItem {
	it := widget.NewFormItem(label, w)
	it.HintText = hint
	return it
}
