package data

import (
	"context"
	"database/sql"
	"fmt"

	"motcua/data/calendar"
)

// Dossiers received (ByReceived) or finished (ByFinished) in a period, for registers and lists.
const (
	ByReceived = "received"
	ByFinished = "finished"
)

// EachDossier calls fn with every dossier received or finished in [from, to] (inclusive dates),
// in time order, with its log. It streams: one dossier is in memory at a time, so a tracking book
// of ten thousand dossiers costs no more memory than one.
func (s *Store) EachDossier(ctx context.Context, by string, from, to calendar.Date, fn func(d *Dossier, evs []Event) error) error {
	S, E, err := s.periodBounds(from, to)
	if err != nil {
		return err
	}
	col := "received_at"
	switch by {
	case ByReceived:
	case ByFinished:
		col = "finished_at"
	default:
		return inputError(KeyOptions, msgBadSelection, by)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT e.seq, e.id, e.dossier, e.type, e.at, e.actor, e.station, e.office, e.payload,
			COALESCE(e.conflict, '')
		FROM dossiers d JOIN events e ON e.dossier = d.id
		WHERE d.`+col+` >= ? AND d.`+col+` < ?
		ORDER BY d.`+col+`, d.rid, e.at, e.id`, S, E)
	if err != nil {
		return fmt.Errorf("đọc hồ sơ: %w", err)
	}
	return s.foldRows(rows, fn)
}

// foldRows rebuilds dossiers from event rows grouped by dossier (each group in log order) and
// calls fn with each one and its log; it closes rows.
func (s *Store) foldRows(rows *sql.Rows, fn func(d *Dossier, evs []Event) error) error {
	defer rows.Close()
	var d *Dossier
	var evs []Event
	flush := func() error {
		if d == nil {
			return nil
		}
		err := fn(d, evs)
		d, evs = nil, nil
		return err
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

// UserNames maps usernames to full names, for printing who did what.
func (s *Store) UserNames(ctx context.Context) (map[string]string, error) { return s.userNames(ctx) }
