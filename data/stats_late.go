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
// mode — finished after their due time, or asked to supplement more than once — so only those
// are rebuilt; Judge then decides exactly, as for the statistics.
func (s *Store) EachLateDossier(ctx context.Context, from, to calendar.Date, mode Mode, fn func(d *Dossier, evs []Event) error) error {
	S, E, err := s.periodBounds(from, to)
	if err != nil {
		return err
	}
	if mode == "" {
		mode = ModeTimestamp
	}
	rows, err := s.db.QueryContext(ctx, `SELECT e.seq, e.id, e.dossier, e.type, e.at, e.actor, e.station, e.office, e.payload,
			COALESCE(e.conflict, '')
		FROM dossiers d JOIN events e ON e.dossier = d.id
		WHERE d.finished_at >= ? AND d.finished_at < ? AND d.received_at IS NOT NULL
			AND (d.finished_at > d.due_at OR d.supplements > 1)
		ORDER BY d.finished_at, d.rid, e.at, e.id`, S, E)
	if err != nil {
		return fmt.Errorf("đọc hồ sơ trễ hạn: %w", err)
	}
	defer rows.Close()
	var d *Dossier
	var evs []Event
	flush := func() error {
		if d == nil {
			return nil
		}
		dd, de := d, evs
		d, evs = nil, nil
		if dd.ReceivedAt.IsZero() || dd.FinishedAt.IsZero() || Judge(dd.FinishedAt, dd.Due, dd.HasDue, dd.Supplements, mode) != Late {
			return nil
		}
		return fn(dd, de)
	}
	for rows.Next() {
		e, err := scanEvent(rows, s.loc)
		if err != nil {
			return err
		}
		if d != nil && d.ID != e.Dossier {
			if err := flush(); err != nil {
				return err
			}
		}
		if d == nil {
			d = &Dossier{}
		}
		evs = append(evs, e)
		if e.Conflict != "" {
			continue
		}
		p, err := DecodePayload(e.Type, e.Payload)
		if err != nil {
			return fmt.Errorf("sự kiện %s: %w", e.ID, err)
		}
		if err := d.Apply(&evs[len(evs)-1], p); err != nil {
			return fmt.Errorf("dựng lại hồ sơ từ nhật ký: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}
