package app

import (
	"errors"

	"motcua/data"
)

// The dossier list as a receptionist sees it: the dossiers still being handled, the most urgent
// first (overdue in red, due within a working day in amber).
func init() {
	shellShots = append(shellShots, shellShot{file: "dossiers.png", user: "tiepnhan1", show: func(u *ui) error {
		// Fyne's test driver runs fyne.Do on the goroutine that calls it: the screen's queries run
		// in line here, one after the other, instead of touching the widgets from several at once.
		spawn := u.work.start
		u.work.start = inline
		defer func() { u.work.start = spawn }()
		if !u.shell.showSection(sectionDossiers) {
			return errors.New("tiepnhan1 may not open the dossier list")
		}
		root, ok := u.shell.screens[sectionDossiers].(*dlRoot)
		if !ok {
			return errors.New("the dossier section is not the dossier list")
		}
		d := root.list
		d.order = data.SortDueAsc
		d.status.SetSelectedIndex(1) // being handled
		return nil
	}})
}
