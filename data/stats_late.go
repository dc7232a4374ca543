package data

import (
	"context"
	"fmt"

	"motcua/data/calendar"
)

// EachLateDossier calls fn, in order of their end of processing, with every dossier received at
// the counter and resolved in [from, to] (inclusive dates) that Judge calls late in the mode,
// with its log: the dossiers of the late list (DOMAIN.md §7), the same as EachDossier(ByFinished)
// filtered with Judge.
//
// Over a year of a large office that filter would rebuild every resolved dossier from its log
// (a million dossiers: minutes). Here SQL first keeps the dossiers that can be late in either
// mode — finished after their due time, or asked to supplement more than once — from a partial
// index of only those (dossiers_late, kept by SQLite with each projection write, in the list's
// order), not from every dossier finished in the period; of them it keeps the ones late in the
// mode, so only those are rebuilt. Judge then decides exactly, as for the statistics.
func (s *Store) EachLateDossier(ctx context.Context, from, to calendar.Date, mode Mode, fn func(d *Dossier, evs []Event) error) error {
	S, E, err := s.periodBounds(from, to)
	if err != nil {
		return err
	}
	if mode == "" {
		mode = ModeTimestamp
	}
	// Judge's "late" of the mode in SQL (stats.go's day numbers: Vietnam is UTC+7 all year), so
	// that only the late dossiers are rebuilt; Judge below still decides.
	lateSQL := "(d.supplements > 1 OR d.finished_at / 60 > d.due_at / 60)"
	if mode == ModeDate {
		lateSQL = "(d.finished_at + 25200) / 86400 > (d.due_at + 25200) / 86400"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT e.seq, e.id, e.dossier, e.type, e.at, e.actor, e.station, e.office, e.payload,
			COALESCE(e.conflict, '')
		FROM dossiers d INDEXED BY dossiers_late JOIN events e ON e.dossier = d.id
		WHERE d.finished_at >= ? AND d.finished_at < ? AND d.received_at IS NOT NULL
			AND (d.finished_at > d.due_at OR d.supplements > 1) -- dossiers_late's condition, word for word
			AND `+lateSQL+`
		ORDER BY d.finished_at, d.rid, e.at, e.id`, S, E)
	if err != nil {
		return fmt.Errorf("đọc hồ sơ trễ hạn: %w", err)
	}
	return s.foldRows(rows, func(d *Dossier, evs []Event) error {
		if d.ReceivedAt.IsZero() || d.FinishedAt.IsZero() || Judge(d.FinishedAt, d.Due, d.HasDue, d.Supplements, mode) != Late {
			return nil
		}
		return fn(d, evs)
	})
}
