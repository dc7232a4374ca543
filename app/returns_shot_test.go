package app

import (
	"context"
	"errors"

	"motcua/data"
)

// returns.png: the Trả kết quả screen on a dossier whose result is ready, the receiver proposed;
// returns-rating.png: a dossier returned and not yet rated, the three rating buttons shown.
// Nothing is recorded: the office may be a real one.
func init() {
	shellShots = append(shellShots,
		shellShot{file: "returns.png", user: "tiepnhan1", show: func(u *ui) error {
			hits, _, err := u.currentStore().List(context.Background(),
				data.ListFilter{Statuses: []data.Status{data.StatusProcessed}}, data.SortDueAsc, "", 1)
			if err != nil {
				return err
			}
			if len(hits) == 0 {
				return errors.New("no dossier with its result ready")
			}
			return showReturn(u, hits[0].Code)
		}},
		shellShot{file: "returns-rating.png", user: "tiepnhan1", show: func(u *ui) error {
			var code string
			err := u.currentStore().DB().QueryRow(
				"SELECT code FROM dossiers WHERE status = ? AND rating = 0 ORDER BY returned_at DESC LIMIT 1",
				int(data.StatusReturned)).Scan(&code)
			if err != nil {
				return err
			}
			return showReturn(u, code)
		}})
}

// showReturn opens Trả kết quả and looks code up, as a scanner would.
func showReturn(u *ui, code string) error {
	var err error
	inLine(u, func() {
		u.shell.showSection(sectionReturns)
		r, ok := u.shell.screens[sectionReturns].(*returnsScreen)
		if !ok {
			err = errors.New("Trả kết quả is not the returns screen")
			return
		}
		r.code.SetText(code)
		r.lookup(code)
	})
	return err
}
