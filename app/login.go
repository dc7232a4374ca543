package app

import (
	"context"
	"errors"
	"regexp"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/icons"
)

// loginScreen asks who sits at this station. It checks the password against the local
// database, so it works without a network.
type loginScreen struct {
	u       *ui
	st      *data.Store
	content fyne.CanvasObject

	username *widget.Entry
	password *widget.Entry
	button   *widget.Button
	problem  *widget.Label     // "Sai tên đăng nhập hoặc mật khẩu." in red, empty when all is well
	accounts fyne.CanvasObject // the demo office's accounts; nil in a real office
}

// showLogin shows the login screen of the open office (UI thread).
func (u *ui) showLogin() {
	st := u.currentStore()
	if st == nil {
		return
	}
	u.leaveShell()
	l := newLogin(u, st, u.office)
	u.login = l
	u.show(l.content)
	u.win.Canvas().Focus(l.username)
}

func newLogin(u *ui, st *data.Store, office data.Office) *loginScreen {
	l := &loginScreen{u: u, st: st}

	logo := canvas.NewImageFromResource(fyne.NewStaticResource("motcua.png", icons.AppPNG256))
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(80, 80))
	title := widget.NewLabelWithStyle(appName, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	name := widget.NewLabelWithStyle(office.Name, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	station := widget.NewLabelWithStyle(lang.L("Station no. {{.N}}", map[string]any{"N": st.Station()}),
		fyne.TextAlignCenter, fyne.TextStyle{})
	station.SizeName = theme.SizeNameCaptionText

	l.username = widget.NewEntry()
	l.password = widget.NewPasswordEntry()
	l.username.OnSubmitted = func(string) { u.win.Canvas().Focus(l.password) }
	l.password.OnSubmitted = func(string) { l.submit() }
	l.button = widget.NewButtonWithIcon(lang.L("Log in"), theme.LoginIcon(), l.submit)
	l.button.Importance = widget.HighImportance
	l.problem = widget.NewLabel("")
	l.problem.Importance = widget.DangerImportance
	l.problem.Wrapping = fyne.TextWrapWord
	l.problem.Hide()

	form := container.NewVBox(
		widget.NewLabel(lang.L("Username")), l.username,
		widget.NewLabel(lang.L("Password")), l.password,
		l.problem,
		gap(4), l.button,
	)
	card := widget.NewCard(lang.L("Log in"), "", form)
	guide := widget.NewButtonWithIcon(lang.L("User guide"), theme.HelpIcon(), u.showGuide)
	guide.Importance = widget.LowImportance
	var column fyne.CanvasObject = container.NewVBox(strut(380), card, container.NewCenter(guide))
	if u.demo {
		// beside the form, not under it: the screen keeps the height of a real office's
		l.accounts = demoAccounts(func(username, password string) {
			l.username.SetText(username)
			l.password.SetText(password)
			u.win.Canvas().Focus(l.button)
		})
		column = container.NewHBox(column, container.NewVBox(widget.NewCard("", "", l.accounts)))
	}
	body := container.NewVBox(
		container.NewCenter(logo), title, name, station, gap(8),
		container.NewCenter(column),
	)
	l.content = container.NewCenter(body)
	return l
}

// busy disables the form while the password is checked (UI thread).
func (l *loginScreen) busy(on bool) {
	for _, w := range []fyne.Disableable{l.username, l.password, l.button} {
		if on {
			w.Disable()
		} else {
			w.Enable()
		}
	}
}

// say shows a problem under the password, or hides it when text is "" (UI thread).
func (l *loginScreen) say(text string) {
	l.problem.SetText(text)
	if text == "" {
		l.problem.Hide()
	} else {
		l.problem.Show()
	}
	l.content.Refresh() // lay the form out again around the message
}

// submit checks the username and password in the background (UI thread).
func (l *loginScreen) submit() {
	if l.button.Disabled() {
		return
	}
	username, password := l.username.Text, l.password.Text
	if username == "" {
		l.say(lang.L("Enter your username."))
		l.u.win.Canvas().Focus(l.username)
		return
	}
	l.busy(true)
	u := l.u
	u.spawn(func() {
		user, err := l.st.Authenticate(u.ctx, username, password)
		if u.ctx.Err() != nil {
			return
		}
		fyne.Do(func() { l.done(user, err) })
	})
}

// done shows the outcome of a login attempt (UI thread).
func (l *loginScreen) done(user *data.User, err error) {
	if l.u.login != l {
		return // the screen was replaced meanwhile
	}
	l.busy(false)
	if err == nil && user != nil {
		l.say("")
		l.u.loggedIn(user)
		return
	}
	// never lose the username; the password is typed again
	l.password.SetText("")
	switch {
	case errors.Is(err, data.ErrLocked):
		l.say(lang.L("The account is locked until {{.Time}}.", map[string]any{"Time": lockedUntil(err, l.u.now().In(l.st.Location()))}))
	case errors.Is(err, data.ErrBadLogin) || err == nil:
		l.say(lang.L("Wrong username or password."))
	default:
		l.say(message(errorf("Could not log in", err)))
	}
	l.u.win.Canvas().Focus(l.password)
}

var clockPattern = regexp.MustCompile(`\b\d{1,2}:\d{2}\b`)

// lockedUntil is the HH:MM a locked account opens again: the store names it when the account
// was already locked; the failure that locks it says "five minutes".
func lockedUntil(err error, now time.Time) string {
	if m := clockPattern.FindString(err.Error()); m != "" {
		return m
	}
	return now.Add(5 * time.Minute).Format("15:04")
}

// loggedIn opens the shell for user (UI thread).
func (u *ui) loggedIn(user *data.User) {
	u.setUser(user)
	u.login = nil
	u.showShell()
	u.startAutoBackup(u.currentStore())
	u.startSync(u.currentStore())
	if d := u.dashboard; d != nil {
		d.startRefresh() // the figures were computed when the office opened
	}
}

// logout records the end of the session and goes back to the login screen (UI thread).
func (u *ui) logout() {
	u.stopSync()
	user := u.setUser(nil)
	st := u.currentStore()
	if user != nil && st != nil {
		u.goBackground(func(ctx context.Context) error {
			if err := st.Logout(ctx, user); err != nil {
				return errorf("Could not log out", err)
			}
			return nil
		})
	}
	u.showLogin()
}
