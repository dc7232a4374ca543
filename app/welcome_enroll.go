package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/sync/station"
)

// enrollScreen turns this PC into a station of an office that the provincial hub already knows
// (the first start's third choice, as `motcua enroll` on the command line): the hub's address,
// the station's token and, when the hub has its own CA, the CA's certificate; and the first
// administrator of this PC.
type enrollScreen struct {
	u       *ui
	content fyne.CanvasObject
	form    *widget.Form

	hub, token      *widget.Entry
	caNote          *widget.Label
	caPick, caClear *widget.Button
	firstAdmin
	progress   *widget.ProgressBarInfinite
	status     *widget.Label
	ca, caFile string
}

// showEnroll shows the enrolment form (UI thread).
func (u *ui) showEnroll() {
	s := newEnroll(u)
	u.enroll = s
	u.welcome, u.setup, u.dashboard = nil, nil, nil
	u.show(s.content)
}

func newEnroll(u *ui) *enrollScreen {
	s := &enrollScreen{u: u}
	s.hub = widget.NewEntry()
	s.hub.SetPlaceHolder("https://dongbo.example.gov.vn")
	s.token = widget.NewPasswordEntry()
	s.token.SetPlaceHolder("mch1_…")
	s.caNote = caption(lang.L("The system's certificates are used."))
	s.caPick = widget.NewButtonWithIcon(lang.L("Choose a file…"), theme.FolderOpenIcon(), func() { chooseCA(s.u.files, s.u.showError, s.setCA) })
	s.caClear = widget.NewButton(lang.L("Use the system's certificates"), func() { s.setCA("", "") })
	s.username = limitEntry(widget.NewEntry(), data.MaxUsername)
	s.username.SetText("admin")
	s.fullName = limitEntry(widget.NewEntry(), data.MaxName)
	s.password = widget.NewPasswordEntry()
	s.passwordAgain = widget.NewPasswordEntry()

	s.form = &widget.Form{
		Items: append([]*widget.FormItem{
			hintItem(lang.L("Server address"), s.hub, lang.L("Given by the provincial IT centre")),
			hintItem(lang.L("Access token"), s.token, lang.L("Printed by motcua-hub enroll for this station")),
			hintItem(lang.L("CA certificate"), container.NewVBox(container.NewHBox(s.caPick, s.caClear), s.caNote),
				lang.L("Only when the server uses its own certificate")),
		}, s.items(lang.L("The first user of this PC"))...),
		SubmitText: lang.L("Connect"),
		CancelText: lang.L("Back"),
		OnSubmit:   s.submit,
		OnCancel: func() {
			u.enroll = nil
			u.showWelcome()
		},
	}
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Stop()
	s.progress.Hide()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Hide()

	title := widget.NewLabelWithStyle(lang.L("Connect to the provincial server"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	about := widget.NewLabel(lang.L("This PC becomes a station of an office the server already knows: the office's settings, catalog, calendar and dossiers are received from the server."))
	about.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(title, about, widget.NewSeparator(), s.form, s.progress, s.status)
	s.content = container.NewVScroll(container.NewCenter(container.NewVBox(strut(640), body)))
	return s
}

// setCA chooses the certificate: pemText read from file, or "" for the system's (UI thread).
func (s *enrollScreen) setCA(pemText, file string) {
	s.ca, s.caFile = pemText, file
	if file == "" {
		s.caNote.SetText(lang.L("The system's certificates are used."))
	} else {
		s.caNote.SetText(filepath.Base(file))
	}
}

// say shows a line under the form; "" hides it (UI thread).
func (s *enrollScreen) say(text string, imp widget.Importance) {
	s.status.Importance = imp
	s.status.SetText(text)
	if text == "" {
		s.status.Hide()
	} else {
		s.status.Show()
	}
	s.content.Refresh() // lay the form out again around the line
}

// check is what is wrong with the form, "" when nothing (UI thread).
func (s *enrollScreen) check(cfg data.SyncConfig) string {
	switch {
	case cfg.Hub == "":
		return lang.L("Enter the server address.")
	case checkHub(cfg) != "":
		return checkHub(cfg)
	case !usernameRE.MatchString(strings.TrimSpace(s.username.Text)):
		return lang.L("2–40 characters: lower-case letters without accents, digits, dot, dash")
	case strings.TrimSpace(s.fullName.Text) == "":
		return lang.L("Enter the administrator's full name.")
	case utf8.RuneCountInString(s.password.Text) < minPassword:
		return lang.L("At least {{.N}} characters", map[string]any{"N": minPassword})
	case s.password.Text != s.passwordAgain.Text:
		return lang.L("The two passwords differ")
	}
	return ""
}

// submit enrols this PC in the background; on an error everything typed stays (UI thread).
func (s *enrollScreen) submit() {
	cfg := data.SyncConfig{Hub: strings.TrimSpace(vntext.Clean(s.hub.Text)), Token: strings.TrimSpace(s.token.Text), CA: s.ca}
	if msg := s.check(cfg); msg != "" {
		s.say(msg, widget.DangerImportance)
		return
	}
	admin := s.user()
	s.form.Disable()
	s.caPick.Disable()
	s.caClear.Disable()
	s.progress.Show()
	s.progress.Start()
	s.say(lang.L("Connecting to the server and receiving the office's data…"), widget.MediumImportance)
	u := s.u
	u.goBackground(func(ctx context.Context) error {
		err := u.enrollStation(ctx, cfg, admin)
		if err != nil {
			fyne.Do(func() {
				if u.enroll != s {
					return
				}
				s.form.Enable()
				s.caPick.Enable()
				s.caClear.Enable()
				s.progress.Stop()
				s.progress.Hide()
				s.say("", widget.MediumImportance)
			})
		}
		return err
	})
}

// enrollStation sets this PC up as the station cfg's token names and opens the office. It goes
// through station.EnrollNew, as `motcua enroll` does: the database is built aside and put in place
// only once the office is set up, so a failure or a crash leaves no database behind and the form
// can simply be sent again. The administrator typed the password, so nothing waits to be shown
// before the rename. It blocks.
func (u *ui) enrollStation(ctx context.Context, cfg data.SyncConfig, admin data.NewUser) error {
	path := u.dbPath()
	if st := u.currentStore(); st != nil {
		if _, err := st.Office(); !errors.Is(err, data.ErrNotSetUp) {
			return errorf("Could not connect this PC to the server", textError("The data folder already holds a database."))
		}
		u.closeStore() // the empty database is about to be replaced
	}
	_, err := station.EnrollNew(ctx, path, u.syncTune.client(cfg), admin,
		func(*station.Report) error { return nil }, data.WithClock(u.now))
	var incomplete *station.IncompleteError
	switch {
	case errors.Is(err, station.ErrNotFresh):
		return errorf("Could not connect this PC to the server", textError("The data folder already holds a database."))
	case err != nil && !errors.As(err, &incomplete):
		return errorf("Could not connect this PC to the server", err)
	}
	st, openErr := data.Open(path, data.WithClock(u.now))
	if openErr != nil {
		return errorf("Could not open the office database", openErr)
	}
	if !u.setStore(st) {
		return nil
	}
	fyne.DoAndWait(func() { u.enroll = nil })
	if openErr := u.showOffice(ctx, st); openErr != nil {
		return openErr
	}
	if incomplete != nil {
		return errorf("The station is set up, but not every dossier was received yet; the next sync fetches the rest", incomplete.Err)
	}
	return nil
}
