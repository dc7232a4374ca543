package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// adminUsers is the Người dùng tab: the accounts of the office, and the buttons that create
// one, edit its roles and unit, reset its password and deactivate or reactivate it.
type adminUsers struct {
	a       *adminScreen
	content fyne.CanvasObject

	table    *widget.Table
	rows     []data.User
	units    []data.Unit
	selected int // index in rows; -1 when none
	loadSeq  int

	newBtn, editBtn, passwordBtn, activeBtn *widget.Button
	status                                  *adminStatus

	// the open form and its confirm button (tests fill and tap them)
	form    *adminUserForm
	dialog  *modal
	confirm *widget.Button
}

// adminUserColumns are the table's columns and their widths. The job title is the widest, so it
// takes the room left (fillWidth): titles such as "Công chức Bộ phận Một cửa" are long.
var adminUserColumns = []struct {
	title string
	width float32
}{{"Username", 130}, {"Full name", 190}, {"Job title", 210}, {"Roles", 180}, {"Work unit", 200}, {"Account status", 125}}

func newAdminUsers(a *adminScreen) *adminUsers {
	t := &adminUsers{a: a, selected: -1, status: newAdminStatus()}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.rows), len(adminUserColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row < 0 || id.Row >= len(t.rows) {
				l.SetText("")
				return
			}
			l.Importance = widget.MediumImportance
			if !t.rows[id.Row].Active {
				l.Importance = widget.LowImportance
			}
			l.SetText(t.cell(t.rows[id.Row], id.Col))
		})
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(adminUserColumns) {
			o.(*widget.Label).SetText(lang.L(adminUserColumns[id.Col].title))
		}
	}
	for i, c := range adminUserColumns {
		t.table.SetColumnWidth(i, c.width)
	}
	t.table.OnSelected = func(id widget.TableCellID) { t.choose(id.Row) }
	t.table.OnUnselected = func(widget.TableCellID) { t.choose(-1) }

	t.newBtn = widget.NewButtonWithIcon(lang.L("New user…"), theme.ContentAddIcon(), t.create)
	t.newBtn.Importance = widget.HighImportance
	t.editBtn = widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), t.edit)
	t.passwordBtn = widget.NewButtonWithIcon(lang.L("Reset password…"), theme.VisibilityOffIcon(), t.resetPassword)
	t.activeBtn = widget.NewButtonWithIcon(lang.L("Deactivate…"), theme.CancelIcon(), t.toggleActive)
	t.choose(-1)

	buttons := container.NewHBox(t.newBtn, t.editBtn, t.passwordBtn, t.activeBtn)
	top := container.NewVBox(
		adminHint(lang.L("Pick a user in the table to edit their roles and unit, reset their password or deactivate the account. A deactivated account keeps its history but can no longer log in.")),
		buttons, t.status.label)
	widths := make([]catalogColumn, len(adminUserColumns))
	for i, c := range adminUserColumns {
		widths[i] = catalogColumn{title: c.title, width: c.width}
	}
	t.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, fillWidth(t.table, widths))
	t.status.root = t.content
	t.load("")
	return t
}

// cell is the text of column col for user x.
func (t *adminUsers) cell(x data.User, col int) string {
	switch col {
	case 0:
		return x.Username
	case 1:
		return x.FullName
	case 2:
		return x.Title
	case 3:
		return roleNames(x.Roles)
	case 4:
		return t.unitName(x.Unit)
	case 5:
		if x.Active {
			return lang.L("Account active")
		}
		return lang.L("Account deactivated")
	}
	return ""
}

// unitName names a unit code ("" is the one-stop office itself).
func (t *adminUsers) unitName(code string) string {
	if code == "" {
		return lang.L("One-stop office")
	}
	for _, u := range t.units {
		if u.Code == code {
			return u.Name
		}
	}
	return code
}

// load reads the accounts and units again and selects username when given (UI thread).
func (t *adminUsers) load(username string) {
	t.loadSeq++
	seq := t.loadSeq
	st := t.a.st
	t.a.background(func(ctx context.Context) {
		users, err := st.Users(ctx)
		var units []data.Unit
		if err == nil {
			units, err = st.Units(ctx)
		}
		fyne.Do(func() {
			if seq != t.loadSeq {
				return
			}
			if err != nil {
				t.status.fail(errorf("Could not read the users", err))
				return
			}
			t.rows, t.units = users, units
			t.table.UnselectAll()
			t.choose(-1)
			t.table.Refresh()
			for i, x := range t.rows {
				if x.Username == username {
					t.table.Select(widget.TableCellID{Row: i, Col: 0})
				}
			}
		})
	})
}

// choose makes row the selected user (-1: none) and sets the buttons accordingly (UI thread).
func (t *adminUsers) choose(row int) {
	if row >= len(t.rows) {
		row = -1
	}
	t.selected = row
	for _, b := range []*widget.Button{t.editBtn, t.passwordBtn, t.activeBtn} {
		if row < 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if row < 0 {
		return
	}
	x := t.rows[row]
	if x.Active {
		t.activeBtn.SetText(lang.L("Deactivate…"))
		t.activeBtn.SetIcon(theme.CancelIcon())
	} else {
		t.activeBtn.SetText(lang.L("Reactivate…"))
		t.activeBtn.SetIcon(theme.ConfirmIcon())
	}
	if strings.EqualFold(x.Username, t.a.actor.Username) {
		t.activeBtn.Disable() // the store refuses it too: nobody locks themselves out
	}
}

// current is the selected user, nil when none.
func (t *adminUsers) current() *data.User {
	if t.selected < 0 || t.selected >= len(t.rows) {
		return nil
	}
	x := t.rows[t.selected]
	return &x
}

// adminUserForm is the form of an account: all fields for a new one; name, title, roles and unit
// when editing; the password twice when resetting it.
type adminUserForm struct {
	username, fullName, title *keyEntry       // keyEntry: Escape cancels the box
	roles                     []*widget.Check // in the order of adminUserRoles
	unit                      *widget.Select
	unitCodes                 []string // parallel to unit.Options
	password, again           *widget.Entry
	form                      *widget.Form
}

// adminUserRoles are the roles as the form lists them.
var adminUserRoles = []struct {
	role data.Roles
	key  string
}{{data.RoleReception, "Reception"}, {data.RoleOfficer, "Processing officer"}, {data.RoleLeader, "Leader"}, {data.RoleAdmin, "Administrator"}}

func (t *adminUsers) newUserForm(x *data.User, withAccount, withPassword bool) *adminUserForm {
	f := &adminUserForm{form: widget.NewForm()}
	if withAccount {
		f.username = newKeyEntry()
		f.username.SetPlaceHolder("nguyenvana")
		limitEntry(&f.username.Entry, data.MaxUsername)
		f.fullName = newKeyEntry()
		limitEntry(&f.fullName.Entry, data.MaxName)
		f.title = newKeyEntry()
		limitEntry(&f.title.Entry, data.MaxName)
		f.title.SetPlaceHolder(lang.L("e.g. Land officer"))
		if x != nil {
			f.fullName.SetText(x.FullName)
			f.title.SetText(x.Title)
		}
		var checks []fyne.CanvasObject
		for _, r := range adminUserRoles {
			c := newBoxCheck(lang.L(r.key), nil)
			c.Checked = x != nil && x.Roles.Has(r.role)
			f.roles = append(f.roles, c)
			checks = append(checks, c)
		}
		options := []string{lang.L("One-stop office")}
		f.unitCodes = []string{""}
		for _, u := range t.units {
			if u.Active || (x != nil && x.Unit == u.Code) {
				options = append(options, u.Name)
				f.unitCodes = append(f.unitCodes, u.Code)
			}
		}
		f.unit = newBoxSelect(options, nil)
		f.unit.SetSelectedIndex(0)
		if x != nil {
			for i, c := range f.unitCodes {
				if c == x.Unit {
					f.unit.SetSelectedIndex(i)
				}
			}
		}
		if x == nil {
			f.form.Append(lang.L("Username"), f.username)
		}
		f.form.Append(lang.L("Full name"), f.fullName)
		f.form.Append(lang.L("Job title"), f.title)
		f.form.Append(lang.L("Roles"), container.NewGridWithColumns(2, checks...))
		f.form.Append(lang.L("Work unit"), f.unit)
	}
	if withPassword {
		f.password = widget.NewPasswordEntry()
		f.again = widget.NewPasswordEntry()
		label := lang.L("Initial password")
		if x != nil {
			label = lang.L("New password")
		}
		f.form.Append(label, f.password)
		f.form.Append(lang.L("Password again"), f.again)
		f.form.Items[len(f.form.Items)-2].HintText = lang.L("At least {{.N}} characters", map[string]any{"N": minPassword})
	}
	return f
}

// chosenRoles are the roles ticked.
func (f *adminUserForm) chosenRoles() data.Roles {
	var r data.Roles
	for i, c := range f.roles {
		if c.Checked {
			r |= adminUserRoles[i].role
		}
	}
	return r
}

// chosenUnit is the code of the unit selected ("" for the one-stop office).
func (f *adminUserForm) chosenUnit() string {
	if i := f.unit.SelectedIndex(); i > 0 && i < len(f.unitCodes) {
		return f.unitCodes[i]
	}
	return ""
}

// check says what the form lacks before the store is asked: the store checks again.
func (f *adminUserForm) check() error {
	if f.isNew() && !usernameRE.MatchString(strings.ToLower(strings.TrimSpace(f.username.Text))) {
		return textError("Username: 2–40 characters: lower-case letters without accents, digits, dot, dash")
	}
	if f.fullName != nil {
		if strings.TrimSpace(f.fullName.Text) == "" {
			return textError("Enter the full name.")
		}
		if f.chosenRoles() == 0 {
			return textError("Tick at least one role.")
		}
	}
	if f.password != nil {
		if utf8.RuneCountInString(f.password.Text) < minPassword {
			return textError("The password needs at least 8 characters.")
		}
		if f.password.Text != f.again.Text {
			return textError("The two passwords differ")
		}
	}
	return nil
}

// isNew tells whether the form creates an account (it then asks for the username).
func (f *adminUserForm) isNew() bool {
	for _, it := range f.form.Items {
		if f.username != nil && it.Widget == f.username {
			return true
		}
	}
	return false
}

// create asks for a new account (UI thread).
func (t *adminUsers) create() {
	f := t.newUserForm(nil, true, true)
	t.form = f
	t.dialog, t.confirm = adminForm(t.a.deps.win, lang.L("New user"), f.form, lang.L("Create the account"), func(done func(error)) {
		if err := f.check(); err != nil {
			done(err)
			return
		}
		nu := data.NewUser{Username: f.username.Text, FullName: f.fullName.Text, Title: f.title.Text,
			Unit: f.chosenUnit(), Roles: f.chosenRoles(), Password: f.password.Text}
		st, actor := t.a.st, t.a.actor
		t.a.background(func(ctx context.Context) {
			made, err := st.CreateUser(ctx, actor, nu)
			fyne.Do(func() {
				done(errorf("Could not create the user", err))
				if err == nil {
					t.status.ok(lang.L("Created the account {{.Username}}.", map[string]any{"Username": made.Username}))
					t.load(made.Username)
				}
			})
		})
	})
	t.a.deps.win.Canvas().Focus(f.username)
}

// edit changes the selected account's name, title, roles and unit (UI thread).
func (t *adminUsers) edit() {
	x := t.current()
	if x == nil {
		return
	}
	f := t.newUserForm(x, true, false)
	t.form = f
	title := lang.L("Edit the account {{.Username}}", map[string]any{"Username": x.Username})
	t.dialog, t.confirm = adminForm(t.a.deps.win, title, f.form, lang.L("Save"), func(done func(error)) {
		if err := f.check(); err != nil {
			done(err)
			return
		}
		changed := *x
		changed.FullName, changed.Title, changed.Roles, changed.Unit = f.fullName.Text, f.title.Text, f.chosenRoles(), f.chosenUnit()
		t.update(changed, done, lang.L("Saved the account {{.Username}}.", map[string]any{"Username": x.Username}))
	})
}

// update writes an account and reports through done (UI thread).
func (t *adminUsers) update(x data.User, done func(error), success string) {
	st, actor := t.a.st, t.a.actor
	t.a.background(func(ctx context.Context) {
		err := st.UpdateUser(ctx, actor, x)
		fyne.Do(func() {
			done(errorf("Could not save the user", err))
			if err == nil {
				t.status.ok(success)
				t.load(x.Username)
			}
		})
	})
}

// resetPassword gives the selected account a new password (UI thread).
func (t *adminUsers) resetPassword() {
	x := t.current()
	if x == nil {
		return
	}
	f := t.newUserForm(x, false, true)
	t.form = f
	title := lang.L("New password for {{.Username}}", map[string]any{"Username": x.Username})
	t.dialog, t.confirm = adminForm(t.a.deps.win, title, f.form, lang.L("Set the password"), func(done func(error)) {
		if err := f.check(); err != nil {
			done(err)
			return
		}
		st, actor, password := t.a.st, t.a.actor, f.password.Text
		t.a.background(func(ctx context.Context) {
			err := st.SetPassword(ctx, actor, x.Username, password)
			fyne.Do(func() {
				done(errorf("Could not set the password", err))
				if err == nil {
					t.status.ok(lang.L("The password of {{.Username}} was changed; tell them the new one.", map[string]any{"Username": x.Username}))
				}
			})
		})
	})
	t.a.deps.win.Canvas().Focus(f.password)
}

// toggleActive deactivates or reactivates the selected account after asking (UI thread).
func (t *adminUsers) toggleActive() {
	x := t.current()
	if x == nil {
		return
	}
	args := map[string]any{"Username": x.Username, "Name": x.FullName}
	title, text, yes := lang.L("Deactivate the account?"),
		lang.L("{{.Name}} ({{.Username}}) will no longer be able to log in. Their dossiers and history stay as they are; the account can be reactivated later.", args),
		lang.L("Deactivate")
	done := lang.L("Deactivated the account {{.Username}}.", args)
	if !x.Active {
		title, text, yes = lang.L("Reactivate the account?"),
			lang.L("{{.Name}} ({{.Username}}) will be able to log in again with their password.", args),
			lang.L("Reactivate")
		done = lang.L("Reactivated the account {{.Username}}.", args)
	}
	askConfirm(t.a.deps.win, title, text, yes, func() {
		changed := *x
		changed.Active = !x.Active
		t.update(changed, func(err error) {
			if err != nil {
				t.status.fail(err)
			}
		}, done)
	})
}
