package app

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/sync/station"
)

// The Sync screen in the pictures, as an administrator sees it on a day the provincial server
// is out of reach: records waiting, the PC's clock off, one record refused and one conflict.
// The demo office has no server, so that state is drawn from an illustration, not stored: the
// picture must not change the office's database.
func init() {
	shellShots = append(shellShots, shellShot{file: "sync.png", user: "admin", show: func(u *ui) error {
		if !u.shell.showSection(sectionSync) {
			return nil // the navigation has no Sync section yet: the dashboard stays
		}
		s := syncScreenOf(u)
		if s == nil {
			return nil
		}
		st := u.currentStore()
		hits, _, err := st.List(context.Background(), data.ListFilter{}, data.SortReceivedDesc, "", 2)
		if err != nil || len(hits) < 2 {
			return err
		}
		now := u.now()
		state := syncState{loaded: true, configured: true, hub: "https://dongbo.lamdong.gov.vn", pending: 37,
			status: station.Status{
				LastOK: now.Add(-95 * time.Minute),
				Last:   &station.Report{ClockWarning: true, ClockOffset: 7 * time.Minute},
				Err:    fmt.Errorf("%w: Post \"https://dongbo.lamdong.gov.vn/v1/hello\": dial tcp: i/o timeout", station.ErrUnreachable),
			}}
		u.shell.status.showSync(u, state)
		s.showState(state)
		s.showSettings(data.SyncConfig{Hub: state.hub, Token: "—"})
		codes := map[uuid.UUID]string{}
		for _, h := range hits {
			codes[h.ID] = h.Code
		}
		q := []data.Quarantined{{Seq: 1, ID: hits[0].ID, Dossier: hits[0].ID, Type: data.EvNote, Code: "malformed",
			Reason: "Nội dung ghi chú vượt quá 4.000 ký tự", At: now.Add(-3 * time.Hour)}}
		c := []data.Event{{Dossier: hits[1].ID, Type: data.EvProcessed, Actor: "tuphap2", At: now.Add(-26 * time.Hour),
			Conflict: "Hồ sơ đã được trả kết quả trên máy trạm số 1 trước thời điểm này"}}
		s.showLists(q, c, codes)
		return nil
	}})
}
