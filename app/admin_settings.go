package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/reports"
)

// adminCitationForms are the forms whose legal citation line the office may set.
var adminCitationForms = []string{"01", "02", "03", "04", "05", "06", "07"}

// Choices of the tab, as stored (the radio groups show them translated, in this order).
var (
	adminDateModes      = []string{"timestamp", "date"}
	adminReceiptLayouts = []string{reports.ReceiptA4, reports.ReceiptA5}
	adminFormSets       = []string{"2025", "2018"}
	adminLevels         = []string{"xa", "huyen", "tinh"}
)

// adminSettings is the Cơ quan tab: the office's names and place, its working hours and how
// deadlines are compared, and what the printed forms say (signer, citation lines, receipt
// layout). Save checks everything, shows what is wrong next to the field and writes all of it
// at once, or nothing.
type adminSettings struct {
	a       *adminScreen
	content fyne.CanvasObject

	code                                  *widget.Label
	name, governing, parent, place, hours *rcField
	level                                 *widget.Select
	dateMode                              *widget.RadioGroup
	signer, signerTitle, lookup           *rcField
	printDir                              *rcField // data.SettingPrintDir
	formSet                               *widget.Select
	layout                                *widget.RadioGroup
	citations                             []*rcField // parallel to adminCitationForms
	citationsBox                          *widget.Accordion
	save                                  *widget.Button
	status                                *adminStatus
	fields                                map[data.Key]*rcField // data.InputError.Key → its field
}

func newAdminSettings(a *adminScreen) *adminSettings {
	s := &adminSettings{a: a, status: newAdminStatus(), code: widget.NewLabel("")}
	required := func(v string) error { return rcRequired(v) }
	s.name = newRCField(lang.L("e.g. People’s Committee of Tân Phú commune"), required)
	s.governing = newRCField(lang.L("e.g. People’s Committee of Tân Phú commune"), nil)
	s.parent = newRCField("000.00.00.H56", func(v string) error {
		if v = strings.ToUpper(strings.TrimSpace(v)); v != "" && !officeCodeRE.MatchString(v) {
			return textError("Capital letters, digits and dots, e.g. 000.00.06.H56")
		}
		return nil
	})
	s.place = newRCField(lang.L("e.g. Tân Phú (printed before the date on the forms)"), nil)
	s.level = widget.NewSelect([]string{lang.L("Commune level"), lang.L("District level"), lang.L("Province level")}, nil)
	s.hours = newRCField("07:00-11:30,13:30-17:00,15:00", func(v string) error {
		_, err := data.ParseHours(strings.TrimSpace(v))
		return err
	})
	s.dateMode = widget.NewRadioGroup([]string{
		lang.L("By the minute (national portal)"),
		lang.L("By date (provincial systems)"),
	}, nil)
	s.dateMode.Required = true

	s.signer = newRCField(lang.L("e.g. Lê Văn Bình"), nil)
	s.signerTitle = newRCField(lang.L("e.g. CHAIRMAN"), nil)
	s.lookup = newRCField("https://dichvucong.example.gov.vn/tra-cuu", nil)
	s.printDir = newRCField(filepath.Join(a.host.dataDir(), "phieu-in"), func(v string) error {
		if v = strings.TrimSpace(v); v != "" && !filepath.IsAbs(v) {
			return textError("A full path, e.g. D:\\PhieuIn")
		}
		return nil
	})
	limitEntry(s.printDir.entry, data.MaxText)
	s.formSet = widget.NewSelect([]string{
		lang.L("2025 (Circular 03/2025/TT-VPCP)"),
		lang.L("2018 (Circular 01/2018/TT-VPCP)"),
	}, func(string) { s.citationHints() })
	s.layout = widget.NewRadioGroup([]string{
		lang.L("A4, two A5 copies"),
		lang.L("A5 sheet"),
	}, nil)
	s.layout.Required = true
	for _, l := range []struct {
		f   *rcField
		max int
	}{{s.name, data.MaxOfficeText}, {s.governing, data.MaxOfficeText}, {s.place, data.MaxOfficeText},
		{s.signer, data.MaxText}, {s.signerTitle, data.MaxText}, {s.lookup, data.MaxText}} {
		limitEntry(l.f.entry, l.max)
	}
	for range adminCitationForms {
		f := newRCField("", nil)
		f.entry.MultiLine = true // a citation is a long sentence: shown whole, wrapped
		f.entry.Wrapping = fyne.TextWrapWord
		f.entry.SetMinRowsVisible(2)
		limitEntry(f.entry, data.MaxText)
		s.citations = append(s.citations, f)
	}
	s.fields = map[data.Key]*rcField{data.KeyOfficeName: s.name, data.KeyOfficeGoverning: s.governing,
		data.KeyOfficeParent: s.parent, data.KeyOfficePlace: s.place, data.KeyOfficeHours: s.hours,
		data.KeySettingPrintDir: s.printDir}

	s.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), s.submit)
	s.save.Importance = widget.HighImportance
	s.save.Disable() // until the settings are read

	item := func(label string, w fyne.CanvasObject) *widget.FormItem { return widget.NewFormItem(label, w) }
	office := widget.NewForm(
		item(lang.L("Agency code"), s.code),
		item(lang.L("Office name"), s.name.box),
		item(lang.L("Governing body"), s.governing.box),
		item(lang.L("Parent agency code"), s.parent.box),
		item(lang.L("Place"), s.place.box),
		item(lang.L("Level"), s.level),
	)
	deadlines := widget.NewForm(
		item(lang.L("Working hours"), container.NewVBox(s.hours.box,
			adminHint(lang.L("Morning, afternoon and the cut-off: a same-day procedure received after the cut-off is due the next working day.")))),
		item(lang.L("Compare deadlines"), s.dateMode),
	)
	forms := widget.NewForm(
		item(lang.L("Signer"), s.signer.box),
		item(lang.L("Signer's title"), s.signerTitle.box),
		item(lang.L("Form set"), s.formSet),
		item(lang.L("Receipt paper"), s.layout),
		item(lang.L("Look-up page (QR code)"), s.lookup.box),
		item(lang.L("Folder for printed forms and reports"), container.NewVBox(s.printDir.box,
			adminHint(lang.L("Receipts, forms, reports and exports are saved here. Empty: the folder “phieu-in” beside the data.")))),
	)
	citations := widget.NewForm()
	for i, n := range adminCitationForms {
		citations.Append(lang.L("Form {{.N}}", map[string]any{"N": n}), s.citations[i].box)
	}
	left := container.NewVBox(
		adminHeading(lang.L("The office")), office,
		adminHeading(lang.L("Hours and deadlines")), deadlines)
	// the seven citation lines are rarely changed: folded until asked for
	s.citationsBox = widget.NewAccordion(widget.NewAccordionItem(lang.L("Citation line under each form's title"),
		container.NewVBox(
			adminHint(lang.L("Leave a line empty to print the citation of the form set in force (shown greyed).")),
			citations)))
	right := container.NewVBox(adminHeading(lang.L("Printed forms")), forms, s.citationsBox)
	bottom := container.NewVBox(widget.NewSeparator(), container.NewHBox(s.save), s.status.label)
	s.content = container.NewBorder(nil, container.NewPadded(bottom), nil, nil,
		container.NewVScroll(container.NewPadded(container.NewGridWithColumns(2, left, right))))
	s.status.root = s.content
	s.load()
	return s
}

// citationHints shows, greyed in each empty citation line, what the chosen form set prints.
func (s *adminSettings) citationHints() {
	set := s.chosenFormSet()
	for i, n := range adminCitationForms {
		s.citations[i].entry.SetPlaceHolder(reports.DefaultCitation(set, n))
	}
}

func (s *adminSettings) chosenFormSet() string {
	if i := s.formSet.SelectedIndex(); i >= 0 {
		return adminFormSets[i]
	}
	return adminFormSets[0]
}

// adminSettingKeys are the settings the tab reads and writes, besides the citation lines.
var adminSettingKeys = []string{data.SettingSigner, data.SettingSignerTitle, data.SettingLookupURL, data.SettingFormSet,
	data.SettingReceiptLayout, data.SettingDateMode, data.SettingPrintDir}

// load fills the tab from the store (UI thread).
func (s *adminSettings) load() {
	st := s.a.st
	s.a.background(func(ctx context.Context) {
		office, err := st.Office()
		values := map[string]string{}
		keys := append([]string(nil), adminSettingKeys...)
		for _, n := range adminCitationForms {
			keys = append(keys, data.SettingCitationPref+n)
		}
		for _, k := range keys {
			if err != nil {
				break
			}
			values[k], err = st.Setting(ctx, k)
		}
		fyne.Do(func() {
			if err != nil {
				s.status.fail(errorf("Could not read the office settings", err))
				return
			}
			s.show(office, values)
			s.save.Enable()
		})
	})
}

// adminIndex is the position of v in list, or def when it is not there.
func adminIndex(list []string, v string, def int) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return def
}

// show puts the office and its settings in the fields (UI thread).
func (s *adminSettings) show(o data.Office, v map[string]string) {
	s.code.SetText(o.Code)
	s.name.entry.SetText(o.Name)
	s.governing.entry.SetText(o.GoverningBody)
	s.parent.entry.SetText(o.ParentCode)
	s.place.entry.SetText(o.Place)
	s.level.SetSelectedIndex(adminIndex(adminLevels, o.Level, 0))
	s.hours.entry.SetText(data.FormatHours(o.Hours))
	s.dateMode.SetSelected(s.dateMode.Options[adminIndex(adminDateModes, v[data.SettingDateMode], 0)])
	s.signer.entry.SetText(v[data.SettingSigner])
	s.signerTitle.entry.SetText(v[data.SettingSignerTitle])
	s.lookup.entry.SetText(v[data.SettingLookupURL])
	s.printDir.entry.SetText(v[data.SettingPrintDir])
	s.formSet.SetSelectedIndex(adminIndex(adminFormSets, v[data.SettingFormSet], 0))
	s.layout.SetSelected(s.layout.Options[adminIndex(adminReceiptLayouts, v[data.SettingReceiptLayout], 0)])
	for i, n := range adminCitationForms {
		s.citations[i].entry.SetText(v[data.SettingCitationPref+n])
	}
	s.citationHints()
}

// submit checks the fields and saves them all (UI thread).
func (s *adminSettings) submit() {
	s.status.clear()
	bad := false
	for _, f := range []*rcField{s.name, s.governing, s.parent, s.place, s.hours, s.printDir} {
		if f.validate() != nil {
			bad = true
		}
	}
	if bad {
		s.status.set(lang.L("Please correct the fields marked in red."), widget.DangerImportance)
		return
	}
	hours, _ := data.ParseHours(strings.TrimSpace(s.hours.entry.Text))
	o := data.Office{Name: s.name.entry.Text, GoverningBody: s.governing.entry.Text, ParentCode: s.parent.entry.Text,
		Place: s.place.entry.Text, Level: adminLevels[max(s.level.SelectedIndex(), 0)], Hours: hours}
	values := map[string]string{
		data.SettingSigner:        s.signer.entry.Text,
		data.SettingSignerTitle:   s.signerTitle.entry.Text,
		data.SettingLookupURL:     strings.TrimSpace(s.lookup.entry.Text),
		data.SettingPrintDir:      strings.TrimSpace(s.printDir.entry.Text),
		data.SettingFormSet:       s.chosenFormSet(),
		data.SettingReceiptLayout: adminReceiptLayouts[max(adminIndex(s.layout.Options, s.layout.Selected, 0), 0)],
		data.SettingDateMode:      adminDateModes[max(adminIndex(s.dateMode.Options, s.dateMode.Selected, 0), 0)],
	}
	for i, n := range adminCitationForms {
		values[data.SettingCitationPref+n] = s.citations[i].entry.Text
	}
	s.save.Disable()
	st, actor := s.a.st, s.a.actor
	s.a.background(func(ctx context.Context) {
		err := st.UpdateOfficeSettings(ctx, actor, o, values)
		fyne.Do(func() {
			s.save.Enable()
			if err != nil {
				s.fail(err)
				return
			}
			s.status.ok(lang.L("Saved. The forms printed from now on use these settings."))
			s.a.host.officeChanged()
		})
	})
}

// fail shows a refused save next to the field at fault when there is one (UI thread).
func (s *adminSettings) fail(err error) {
	var ie *data.InputError
	if errors.As(err, &ie) {
		if f, ok := s.fields[ie.Key]; ok {
			f.show(errors.New(ie.Reason(currentLanguage())))
			s.status.set(lang.L("Please correct the fields marked in red."), widget.DangerImportance)
			return
		}
	}
	s.status.fail(errorf("Could not save the settings", err))
}
