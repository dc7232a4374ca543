package app

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// The checks below mirror the data layer's (data/office.go, data/users.go) so the form can say
// what is wrong while typing; the store checks again and has the last word.
var (
	officeCodeRE = regexp.MustCompile(`^[A-Z0-9][A-Z0-9.]{0,39}$`)
	usernameRE   = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,39}$`)
)

const minPassword = 8

// setupScreen is the form that makes an empty database an office's station.
type setupScreen struct {
	u       *ui
	content fyne.CanvasObject
	form    *widget.Form

	code, name, place *widget.Entry
	parent, governing *widget.Entry
	level, station    *widget.Select
	firstAdmin
	levelCodes   []string // parallel to level.Options
	fieldEntries map[data.Key]*widget.Entry
}

// showSetup shows the setup form (UI thread).
func (u *ui) showSetup() {
	s := newSetup(u)
	u.setup, u.welcome, u.dashboard = s, nil, nil
	u.show(s.content)
}

func newSetup(u *ui) *setupScreen {
	s := &setupScreen{u: u}
	entry := func(validate func(string) error) *widget.Entry {
		e := widget.NewEntry()
		e.Validator = validate
		return e
	}
	required := func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New(lang.L("Required"))
		}
		return nil
	}
	s.code = entry(func(v string) error {
		if !officeCodeRE.MatchString(strings.ToUpper(strings.TrimSpace(v))) {
			return errors.New(lang.L("Capital letters, digits and dots, e.g. 000.00.06.H56"))
		}
		return nil
	})
	s.code.SetPlaceHolder("000.00.06.H56")
	s.name = entry(required)
	s.name.SetPlaceHolder(lang.L("e.g. People’s Committee of Tân Phú commune"))
	s.parent = entry(func(v string) error {
		if v := strings.TrimSpace(v); v != "" && !officeCodeRE.MatchString(strings.ToUpper(v)) {
			return errors.New(lang.L("Capital letters, digits and dots, e.g. 000.00.06.H56"))
		}
		return nil
	})
	s.parent.SetPlaceHolder("000.00.00.H56")
	s.governing = widget.NewEntry()
	s.governing.SetPlaceHolder(lang.L("e.g. People’s Committee of Lâm Đồng province"))
	s.place = widget.NewEntry()
	s.place.SetPlaceHolder(lang.L("e.g. Tân Phú (printed before the date on the forms)"))

	s.levelCodes = []string{"xa", "huyen", "tinh"}
	s.level = widget.NewSelect([]string{lang.L("Commune level"), lang.L("District level"), lang.L("Province level")}, nil)
	s.level.SetSelectedIndex(0)
	stations := make([]string, 10)
	for i := range stations {
		stations[i] = strconv.Itoa(i)
	}
	s.station = widget.NewSelect(stations, nil)
	s.station.SetSelectedIndex(0)

	s.username = entry(func(v string) error {
		if !usernameRE.MatchString(strings.TrimSpace(v)) {
			return errors.New(lang.L("2–40 characters: lower-case letters without accents, digits, dot, dash"))
		}
		return nil
	})
	s.username.SetPlaceHolder("quantri")
	s.fullName = entry(required)
	s.password = widget.NewPasswordEntry()
	s.password.Validator = func(v string) error {
		if utf8.RuneCountInString(v) < minPassword {
			return errors.New(lang.L("At least {{.N}} characters", map[string]any{"N": minPassword}))
		}
		return nil
	}
	s.passwordAgain = widget.NewPasswordEntry()
	s.passwordAgain.Validator = func(v string) error {
		if v != s.password.Text {
			return errors.New(lang.L("The two passwords differ"))
		}
		return nil
	}
	s.password.OnChanged = func(string) {
		if s.passwordAgain.Text != "" {
			s.passwordAgain.Validate()
		}
	}

	// data.InputError.Key → the entry at fault
	s.fieldEntries = map[data.Key]*widget.Entry{
		data.KeyOfficeCode: s.code, data.KeyOfficeName: s.name, data.KeyOfficePlace: s.place,
		data.KeyUserName: s.username, data.KeyUserFullName: s.fullName, data.KeyUserPassword: s.password,
	}

	s.form = &widget.Form{
		Items: append([]*widget.FormItem{
			hintItem(lang.L("Agency code"), s.code, lang.L("The office's identification code (mã định danh)")),
			hintItem(lang.L("Office name"), s.name, ""),
			hintItem(lang.L("Level"), s.level, ""),
			hintItem(lang.L("Parent agency code"), s.parent, lang.L("The agency above this office; empty when none")),
			hintItem(lang.L("Governing body"), s.governing, lang.L("Printed at the top left of every form")),
			hintItem(lang.L("Place"), s.place, ""),
			hintItem(lang.L("Station number"), s.station, lang.L("0–9, different for each computer of the office")),
		}, s.items("")...),
		SubmitText: lang.L("Set up the office"),
		CancelText: lang.L("Back"),
		OnSubmit:   s.submit,
		OnCancel:   u.showWelcome,
	}

	title := widget.NewLabelWithStyle(lang.L("Set up a new office"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	body := container.NewVBox(title, widget.NewSeparator(), s.form)
	// 640 wide; the height follows the form, which grows when a field shows its error
	s.content = container.NewCenter(container.NewVBox(strut(640), body))
	s.content = container.NewVScroll(s.content)
	return s
}

// values reads the form (UI thread).
func (s *setupScreen) values() (data.Office, int, data.NewUser) {
	level := "xa"
	if i := s.level.SelectedIndex(); i >= 0 && i < len(s.levelCodes) {
		level = s.levelCodes[i]
	}
	station, _ := strconv.Atoi(s.station.Selected)
	o := data.Office{
		Code:          strings.ToUpper(strings.TrimSpace(s.code.Text)),
		Name:          s.name.Text,
		Level:         level,
		ParentCode:    strings.ToUpper(strings.TrimSpace(s.parent.Text)),
		GoverningBody: s.governing.Text,
		Place:         s.place.Text,
	}
	return o, station, s.user()
}

// submit sets the office up in the background; on an error the form stays as typed (UI thread).
func (s *setupScreen) submit() {
	if err := s.form.Validate(); err != nil {
		return
	}
	office, station, admin := s.values()
	s.form.Disable()
	u := s.u
	u.goBackground(func(ctx context.Context) error {
		err := u.setupOffice(ctx, office, station, admin)
		if err != nil {
			fyne.Do(func() {
				s.form.Enable()
				var ie *data.InputError
				if errors.As(err, &ie) {
					if e := s.fieldEntries[ie.Key]; e != nil {
						e.SetValidationError(errors.New(ie.Reason(currentLanguage())))
					}
				}
			})
		}
		return err
	})
}

// setupOffice opens (creating) the database, sets the office up and shows its dashboard. It blocks.
func (u *ui) setupOffice(ctx context.Context, office data.Office, station int, admin data.NewUser) error {
	st := u.currentStore()
	if st == nil {
		var err error
		st, err = u.openStore(u.dbPath())
		if err != nil {
			return errorf("Could not open the office database", err)
		}
		if !u.setStore(st) {
			return nil
		}
	}
	if err := st.Setup(ctx, office, station, admin); err != nil {
		return errorf("Could not set up the office", err)
	}
	return u.showOffice(ctx, st)
}
