package app

import (
	"strings"

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

// setDate shows d as dd/mm/yyyy (the zero date empties the entry).
func (e *dateEntry) setDate(d calendar.Date) {
	if d.IsZero() {
		e.SetText("")
		return
	}
	e.SetText(d.VN())
}
