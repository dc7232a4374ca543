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

// adminLanguages are the languages of the interface. Each is named in itself, untranslated, so
// that someone who cannot read the current language still finds their own.
var adminLanguages = []struct{ code, name string }{{"vi", "Tiếng Việt"}, {"en", "English"}}

// adminLanguage is the Ngôn ngữ tab: the language of the interface for everyone at this office
// (a setting of the office database, read when it opens).
type adminLanguage struct {
	a       *adminScreen
	content fyne.CanvasObject
	choice  *widget.RadioGroup
	save    *widget.Button
	status  *adminStatus
}

func newAdminLanguage(a *adminScreen) *adminLanguage {
	l := &adminLanguage{a: a, status: newAdminStatus()}
	var names []string
	for _, x := range adminLanguages {
		names = append(names, x.name)
	}
	l.choice = widget.NewRadioGroup(names, nil)
	l.choice.Required = true
	l.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), l.submit)
	l.save.Importance = widget.HighImportance
	l.save.Disable() // until the setting is read
	l.content = container.NewPadded(container.NewVBox(
		adminHeading(lang.L("Language of the interface")),
		adminHint(lang.L("Vietnamese is the language of the office; English is offered for staff and visitors who need it. Printed forms and reports stay in Vietnamese.")),
		l.choice,
		container.NewHBox(l.save),
		l.status.label,
	))
	l.status.root = l.content
	st := a.st
	a.background(func(ctx context.Context) {
		code, err := st.Setting(ctx, data.SettingLanguage)
		fyne.Do(func() {
			if err != nil {
				l.status.fail(errorf("Could not read the office settings", err))
				return
			}
			l.choice.SetSelected(adminLanguages[languageIndex(code)].name)
			l.save.Enable()
		})
	})
	return l
}

// languageIndex is the position of code in adminLanguages; Vietnamese for anything else.
func languageIndex(code string) int {
	for i, x := range adminLanguages {
		if x.code == code {
			return i
		}
	}
	return 0
}

// chosen is the code of the language picked.
func (l *adminLanguage) chosen() string {
	for _, x := range adminLanguages {
		if x.name == l.choice.Selected {
			return x.code
		}
	}
	return adminLanguages[0].code
}

// submit stores the language, switches to it and builds the shell again so that every label
// changes at once (UI thread).
func (l *adminLanguage) submit() {
	code := l.chosen()
	st, actor := l.a.st, l.a.actor
	l.save.Disable()
	l.a.background(func(ctx context.Context) {
		err := st.SetSetting(ctx, actor, data.SettingLanguage, code)
		fyne.Do(func() {
			l.save.Enable()
			if err != nil {
				l.status.fail(errorf("Could not save the settings", err))
				return
			}
			setLanguage(code)
			l.a.host.reloadShell(adminTabLanguage, lang.L("The language was changed."))
		})
	})
}
