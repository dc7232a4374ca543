package app

import (
	"context"
	"errors"

	"motcua/data"
)

// detail.png: an officer of Tư pháp - Hộ tịch looking at one of the unit's dossiers in
// processing, the one with the longest history.
func init() {
	shellShots = append(shellShots, shellShot{file: "detail.png", user: "tuphap1", show: func(u *ui) error {
		st := u.currentStore()
		ctx := context.Background()
		hits, _, err := st.List(ctx, data.ListFilter{Statuses: []data.Status{data.StatusProcessing}, Unit: "TPHT"}, data.SortReceivedDesc, "", 100)
		if err != nil {
			return err
		}
		var best *data.Dossier
		for _, h := range hits {
			d, _, err := st.DossierByID(ctx, h.ID)
			if err != nil {
				return err
			}
			if best == nil || d.Events > best.Events {
				best = d
			}
		}
		if best == nil {
			return errors.New("no dossier in processing at TPHT")
		}
		// Fyne's test driver runs fyne.Do on the goroutine that calls it: the screen's load runs in
		// line so that it never lays out text while this goroutine does.
		spawn := u.work.start
		u.work.start = inline
		defer func() { u.work.start = spawn }()
		u.openDossier(best.ID)
		return nil
	}})
}
