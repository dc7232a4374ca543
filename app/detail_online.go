package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// An online submission (status "Mới đăng ký") is accepted or refused at the counter: accepting
// keeps what the applicant submitted, mints the code and starts the deadline; the receipt (form
// 01) is printed at once, as for a dossier handed in at the counter.

// showOnlineActions adds the counter's two buttons for a submitted dossier when the user may
// receive it (UI thread).
func (s *detailScreen) showOnlineActions(d *data.Dossier) {
	user := s.deps.user
	if user == nil || d.Status != data.StatusSubmitted || !data.Allowed(user.Roles, data.EvReceived, d.Status) {
		return
	}
	accept := widget.NewButtonWithIcon(lang.L("Accept the online dossier"), theme.ConfirmIcon(), s.acceptOnline)
	accept.Importance = widget.HighImportance
	accept.Alignment = widget.ButtonAlignLeading
	s.buttons[data.EvReceived] = accept
	s.actions.Add(accept)
	if data.Allowed(user.Roles, data.EvRefused, d.Status) {
		refuse := widget.NewButtonWithIcon(lang.L("Refuse the online dossier"), theme.CancelIcon(), s.refuseOnline)
		refuse.Importance = widget.DangerImportance
		refuse.Alignment = widget.ButtonAlignLeading
		s.buttons[data.EvRefused] = refuse
		s.actions.Add(refuse)
	}
}

// acceptOnline receives the submission after a confirmation and prints the receipt (UI thread).
func (s *detailScreen) acceptOnline() {
	askConfirm(s.deps.win, lang.L("Accept the online dossier"),
		lang.L("The dossier is received as the applicant submitted it: the code and the due date are set now, and the receipt is printed."),
		lang.L("Accept"), func() { s.writeOnline("", true) })
}

// refuseOnline asks for the reason and refuses the submission (UI thread).
func (s *detailScreen) refuseOnline() {
	reason := newKeyMultiLineEntry() // Escape cancels the box, Enter is a new line
	limitEntry(&reason.Entry, data.MaxText)
	reason.SetPlaceHolder(lang.L("Printed on form 03"))
	reason.SetMinRowsVisible(3)
	body := container.NewVBox(widget.NewLabel(lang.L("Reason")), reason)
	askForm(s.deps.win, lang.L("Refuse the online dossier"), body, lang.L("Refuse"), func() string {
		if strings.TrimSpace(reason.Text) == "" {
			return lang.L("Say why the dossier is refused.")
		}
		s.writeOnline(reason.Text, false)
		return ""
	})
	s.deps.win.Canvas().Focus(reason)
}

// writeOnline records the reception (or the refusal with reason) in the background, then
// reloads the screen; an accepted dossier's receipt is printed (UI thread).
func (s *detailScreen) writeOnline(reason string, accept bool) {
	st, user := s.deps.store, s.deps.user
	if st == nil || user == nil {
		return
	}
	d, id := s.deps, s.id
	for _, b := range s.buttons {
		b.Disable()
	}
	d.work.spawn(func() {
		var w *data.Written
		var err error
		if accept {
			w, err = st.Receive(d.work.ctx, user, data.Reception{Submission: id})
		} else {
			w, err = st.Refuse(d.work.ctx, user, data.Reception{Submission: id}, reason)
		}
		if d.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			if err != nil {
				for _, b := range s.buttons {
					b.Enable()
				}
				s.fail(message(errorf("Could not record the action", err)))
				return
			}
			s.showWritten(w)
			if accept {
				s.printWritten(form01Receipt, w)
			}
		})
	})
}
