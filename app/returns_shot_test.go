package app

import (
	"context"
	"errors"

	"motcua/data"
)

// returns.png: the Trả kết quả screen on a dossier whose result is ready, the receiver proposed.
// Nothing is recorded: the office may be a real one.
func init() {
	shellShots = append(shellShots, shellShot{file: "returns.png", user: "tiepnhan1", show: func(u *ui) error {
		hits, err := u.currentStore().List(context.Background(),
			data.ListFilter{Statuses: []data.Status{data.StatusProcessed}}, data.SortDueAsc, 0, 1)
		if err != nil {
			return err
		}
		if len(hits) == 0 {
			return errors.New("no dossier with its result ready")
		}
		u.shell.showSection(sectionReturns)
		r := u.shell.screens[sectionReturns].(*returnsScreen)
		r.code.SetText(hits[0].Code)
		r.lookup(hits[0].Code)
		return nil
	}})
}
