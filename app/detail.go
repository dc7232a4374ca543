package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"
)

// buildDetail is the detail screen of dossier id; back returns to the screen it covers.
// (A first version: the header only; the timeline and the actions come next.)
func buildDetail(u *ui, id uuid.UUID, back func()) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("Loading…"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	backBtn := widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), back)
	st := u.currentStore()
	if st != nil {
		u.spawn(func() {
			d, _, err := st.DossierByID(u.ctx, id)
			fyne.Do(func() {
				if err != nil {
					title.SetText(message(errorf("Could not find the dossier", err)))
					return
				}
				title.SetText(d.Code + " — " + d.Applicant.Name + " — " + d.Status.String())
			})
		})
	}
	return container.NewBorder(container.NewHBox(backBtn, title), nil, nil, nil)
}
