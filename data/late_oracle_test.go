package data

import (
	"context"
	"fmt"
	"time"

	"motcua/data/calendar"
)

// LateFromLog is the late list computed as it was before late_dossiers: every dossier resolved in
// the period rebuilt from its log (EachDossier), kept when Judge calls it late, its latest apology
// read from its events (those marked as conflicts left out). Times are cut to the second, as the
// table holds them. It is the oracle LateDossiers is compared with, for the tests of data_test too.
func (s *Store) LateFromLog(ctx context.Context, from, to calendar.Date, mode Mode) ([]LateDossier, error) {
	sec := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return time.Unix(t.Unix(), 0).In(s.loc)
	}
	var out []LateDossier
	err := s.EachDossier(ctx, ByFinished, from, to, func(d *Dossier, evs []Event) error {
		if d.ReceivedAt.IsZero() || d.FinishedAt.IsZero() || Judge(d.FinishedAt, d.Due, d.HasDue, d.Supplements, mode) != Late {
			return nil
		}
		l := LateDossier{Code: d.Code, Applicant: d.Applicant.Name, ProcedureName: d.ProcedureName, Unit: d.Unit,
			Finished: sec(d.FinishedAt), Supplements: d.Supplements}
		if d.HasDue {
			l.Due = sec(d.Due)
		}
		for _, e := range evs {
			if e.Type != EvApologyIssued || e.Conflict != "" {
				continue
			}
			p, err := DecodePayload(e.Type, e.Payload)
			if err != nil {
				return fmt.Errorf("apology of %s: %w", d.Code, err)
			}
			a := p.(*ApologyIssued)
			l.Apologised, l.ApologyReason, l.ApologyDue, l.ApologyNo = true, a.Reason, sec(a.NewDue), a.DocNo
		}
		out = append(out, l)
		return nil
	})
	return out, err
}
