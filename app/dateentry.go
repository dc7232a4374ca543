package app

import (
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// dateEntry is a plain entry for a date typed as dd/mm/yyyy. Fyne's own date entry follows the
// OS region (mm/dd on an en-US PC); this one never guesses: slashes always mean day/month/year.
type dateEntry struct {
	widget.Entry
}

func newDateEntry() *dateEntry {
	e := &dateEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("dd/mm/yyyy")
	// Fyne keeps the last outcome while the entry has the focus, so the ✓ of an earlier good date
	// stayed beside "32/13/2026"; always showing the outcome never leaves a ✓ by a bad date.
	e.AlwaysShowValidationError = true
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil // an empty date is "no limit" where a date is optional
		}
		_, err := vntext.ParseDate(s, nil)
		return err
	}
	return e
}

// date is the date typed; ok is false when the entry is empty; err explains a bad date (in
// Vietnamese, from vntext).
func (e *dateEntry) date() (d calendar.Date, ok bool, err error) {
	if strings.TrimSpace(e.Text) == "" {
		return calendar.Date{}, false, nil
	}
	t, err := vntext.ParseDate(e.Text, nil)
	if err != nil {
		return calendar.Date{}, false, err
	}
	return calendar.DateOf(t), true, nil
}

// badDateText is what a screen says of a date that cannot be read where there is room for a
// few words only (the whole explanation of vntext does not fit beside a filter).
func badDateText() string { return lang.L("Invalid date, type dd/mm/yyyy") }

// looksWhole says whether s is typed far enough to be judged: a date still being typed
// ("01/0") is not wrong yet.
func looksWhole(s string) bool {
	s = strings.TrimSpace(s)
	return strings.Count(s, "/") == 2 && len(s[strings.LastIndex(s, "/")+1:]) >= 4
}

// setDate shows d as dd/mm/yyyy (the zero date empties the entry).
func (e *dateEntry) setDate(d calendar.Date) {
	if d.IsZero() {
		e.SetText("")
		return
	}
	e.SetText(d.VN())
}
