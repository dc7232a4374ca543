package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// detailActions are the actions the user may take on d here: what data.Actions allows for the
// user's roles in d's status, less what belongs to the reception counter (receive, submit,
// refuse) and a rating already given.
func detailActions(roles data.Roles, d *data.Dossier) []data.EventType {
	var out []data.EventType
	for _, t := range data.Actions(roles, d.Status) {
		switch {
		case t == data.EvSubmitted, t == data.EvReceived, t == data.EvRefused:
		case t == data.EvRated && d.Rating != data.RatingNone:
		default:
			out = append(out, t)
		}
	}
	return out
}

// actionLabel is the button of an action.
func actionLabel(t data.EventType) string {
	switch t {
	case data.EvTransferred:
		return lang.L("Transfer")
	case data.EvSupplementRequested:
		return lang.L("Request a supplement")
	case data.EvSupplementReceived:
		return lang.L("Supplement received")
	case data.EvObligationRequested:
		return lang.L("Request the financial obligation")
	case data.EvObligationMet:
		return lang.L("Financial obligation met")
	case data.EvProcessed:
		return lang.L("Processed")
	case data.EvApologyIssued:
		return lang.L("Apology with a new date")
	case data.EvWithdrawalRequested:
		return lang.L("Withdrawal requested")
	case data.EvStopped:
		return lang.L("Stop processing")
	case data.EvReturned:
		return lang.L("Return the result")
	case data.EvRated:
		return lang.L("Record the rating")
	case data.EvNote:
		return lang.L("Add a note")
	}
	return t.Verb()
}

// showActions puts one button per allowed action in the side column (UI thread).
func (s *detailScreen) showActions(d *data.Dossier) {
	s.actions.RemoveAll()
	s.buttons = map[data.EventType]*widget.Button{}
	user := s.deps.user
	if user == nil {
		return
	}
	for _, t := range detailActions(user.Roles, d) {
		t := t
		b := widget.NewButton(actionLabel(t), func() { s.askAction(t) })
		switch t {
		case data.EvTransferred, data.EvProcessed, data.EvReturned:
			b.Importance = widget.HighImportance
		case data.EvStopped:
			b.Importance = widget.DangerImportance
		}
		b.Alignment = widget.ButtonAlignLeading
		s.buttons[t] = b
		s.actions.Add(b)
	}
	s.showOnlineActions(d)
	if len(s.buttons) == 0 {
		l := widget.NewLabel(lang.L("Nothing to do here for your role in this status."))
		l.Wrapping = fyne.TextWrapWord
		s.actions.Add(l)
	}
}

// detailForm is an open action box: its fields (by a short name, for the tests), the payload it
// makes, and its buttons.
type detailForm struct {
	t       data.EventType
	m       *modal
	ok      *widget.Button
	cancel  *widget.Button
	entries map[string]*keyEntry // keyEntry: Escape in a field cancels the box
	selects map[string]*widget.Select
	radios  map[string]*boxRadio
	order   []*keyEntry // the entries in the order shown
	checks  []*widget.Check
	date    *dateEntry
	// payload builds the event from the fields, or says what is missing
	payload func() (data.Payload, error)
}

func (f *detailForm) entry(name, placeholder string, multi bool) *keyEntry {
	e := newKeyEntry()
	if multi {
		e = newKeyMultiLineEntry()
		e.SetMinRowsVisible(3)
	}
	e.SetPlaceHolder(placeholder)
	limitEntry(&e.Entry, detailEntryLimit(name))
	f.entries[name] = e
	f.order = append(f.order, e)
	return e
}

// text is the trimmed text of the entry name.
func (f *detailForm) text(name string) string { return strings.TrimSpace(f.entries[name].Text) }

// askAction opens the box of action t; confirming records it in the background and reloads the
// screen, or shows why not and keeps the box open with everything typed (UI thread).
func (s *detailScreen) askAction(t data.EventType) {
	if s.d == nil || s.ref == nil {
		return
	}
	f := &detailForm{t: t, entries: map[string]*keyEntry{}, selects: map[string]*widget.Select{},
		radios: map[string]*boxRadio{}}
	body := s.formBody(f, s.d)
	f.cancel = newBoxButton(lang.L("Cancel"), nil, func() { f.m.hide(); s.form = nil })
	f.ok = newBoxButton(actionLabel(t), theme.ConfirmIcon(), func() { s.confirm(f) })
	f.ok.Importance = widget.HighImportance
	if t == data.EvStopped {
		f.ok.Importance = widget.DangerImportance
	}
	title := lang.L("{{.Action}}: dossier {{.Code}}", map[string]any{"Action": actionLabel(t), "Code": s.d.Code})
	f.m = newModal(s.deps.win, nil, title, body, 520, f.cancel, f.ok)
	for _, e := range f.order {
		if !e.MultiLine {
			e.OnSubmitted = func(string) { s.confirm(f) } // Enter confirms, as in a form
		}
	}
	if f.date != nil {
		f.date.OnSubmitted = func(string) { s.confirm(f) }
	}
	s.form = f
	f.m.show()
	for _, e := range f.order { // the first empty entry gets the cursor
		if e.Text == "" {
			s.deps.win.Canvas().Focus(e)
			break
		}
	}
}

// confirm records the form's event (UI thread).
func (s *detailScreen) confirm(f *detailForm) {
	st, user := s.deps.store, s.deps.user
	if st == nil || user == nil || f.ok.Disabled() {
		return
	}
	p, err := f.payload()
	if err != nil {
		f.m.fail(message(err))
		return
	}
	f.m.fail("")
	f.ok.Disable()
	f.cancel.Disable()
	d := s.deps
	d.work.spawn(func() {
		w, err := st.Record(d.work.ctx, user, s.id, p)
		if d.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			f.ok.Enable()
			f.cancel.Enable()
			if err != nil {
				f.m.fail(message(errorf("Could not record the action", err)))
				return
			}
			f.m.hide()
			if s.form == f {
				s.form = nil
			}
			s.showWritten(w)
		})
	})
}
