package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

func (s *Store) calendarDays(ctx context.Context) ([]calendar.Day, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT date, kind, label, tag, source FROM calendar_days ORDER BY date")
	if err != nil {
		return nil, fmt.Errorf("đọc lịch làm việc: %w", err)
	}
	defer rows.Close()
	var out []calendar.Day
	for rows.Next() {
		var d calendar.Day
		var date, kind string
		if err := rows.Scan(&date, &kind, &d.Label, &d.Tag, &d.Source); err != nil {
			return nil, err
		}
		if d.Date, err = calendar.ParseDate(date); err != nil {
			return nil, fmt.Errorf("lịch làm việc: %w", err)
		}
		d.Kind = calendar.Kind(kind)
		out = append(out, d)
	}
	return out, rows.Err()
}

// ImportCalendar stores an official notice: for every year the file mentions, that year's
// stored days are replaced by the file's (administrators only). All or nothing.
func (s *Store) ImportCalendar(ctx context.Context, actor *User, days []calendar.Day, source string) error {
	years := map[int]bool{}
	for _, d := range days {
		years[d.Date.Year] = true
	}
	ys := make([]int, 0, len(years))
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	err := s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error {
		for _, y := range ys {
			if _, err := tx.ExecContext(ctx, "DELETE FROM calendar_days WHERE date >= ? AND date < ?",
				fmt.Sprintf("%04d-01-01", y), fmt.Sprintf("%04d-01-01", y+1)); err != nil {
				return err
			}
		}
		for _, d := range days {
			src := d.Source
			if src == "" {
				src = source
			}
			if err := putDay(ctx, tx, d, src); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.reload(ctx)
}

func putDay(ctx context.Context, tx *sql.Tx, d calendar.Day, source string) error {
	switch d.Kind {
	case calendar.Holiday, calendar.Comp, calendar.SwapOff, calendar.Makeup:
	default:
		return inputError(KeyCalendarKind, msgInvalidValue, d.Kind)
	}
	label := vntext.Clean(d.Label)
	if err := checkText(KeyCalendarLabel, label, 200, true); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO calendar_days(date, kind, label, tag, source) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, label = excluded.label, tag = excluded.tag, source = excluded.source`,
		d.Date.String(), string(d.Kind), label, d.Tag, vntext.Clean(source))
	return err
}

// SetCalendarDay records one day as off or worked (administrators only): the year view's toggle.
func (s *Store) SetCalendarDay(ctx context.Context, actor *User, d calendar.Day) error {
	if err := s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error { return putDay(ctx, tx, d, "quản trị viên") }); err != nil {
		return err
	}
	return s.reload(ctx)
}

// ClearCalendarDay removes a stored day, returning it to the computed calendar.
func (s *Store) ClearCalendarDay(ctx context.Context, actor *User, date calendar.Date) error {
	err := s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM calendar_days WHERE date = ?", date.String())
		return err
	})
	if err != nil {
		return err
	}
	return s.reload(ctx)
}
