package data

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"time"

	"motcua/data/calendar"
)

// SourceAdmin is the source recorded for a day the administrator set in the year view.
const SourceAdmin = "quản trị viên"

// ToggleWorkingDay turns a working day into a day off, or a day off into a working day
// (administrators only): the year view's click. reason names the day ("Nghỉ bão số 3", "Làm
// việc trực Tết") and is required whenever a day has to be stored; a day that simply returns to
// its ordinary state (a stored holiday on a weekday made working again) is removed instead. It
// returns whether the office now works on date.
//
// The calendar drops the computed holidays of a period (Tết, 30/4–1/5, …) as soon as one stored
// day lies in that period's window, taking the stored days as the government's word for the
// whole period. A single click near Tết of a year nobody imported would then wipe out the
// computed Tết. So before changing anything, the computed days of the year (and of the next one
// for a day after Christmas, inside the window of its 1 January) are stored as they are: the
// calendar shows the same days, and only the clicked day changes.
func (s *Store) ToggleWorkingDay(ctx context.Context, actor *User, date calendar.Date, reason string) (bool, error) {
	date = calendar.D(date.Year, date.Month, date.Day)
	cal := s.Calendar()
	want := !cal.IsWorkingDay(date)

	official := cal.Official()
	stored := make(map[calendar.Date]bool, len(official))
	for _, d := range official {
		stored[d.Date] = true
	}
	years := []int{date.Year}
	if date.Month == time.December && date.Day >= 25 {
		years = append(years, date.Year+1)
	}
	var computed []calendar.Day
	for _, y := range years {
		for _, d := range cal.Year(y) {
			if !stored[d.Date] && d.Source == calendar.SourceComputed {
				computed = append(computed, d)
			}
		}
	}
	all := append(append([]calendar.Day(nil), official...), computed...)

	// Removing the stored day is enough when that gives the state wanted.
	remove := false
	if stored[date] {
		var without []calendar.Day
		for _, d := range all {
			if d.Date != date {
				without = append(without, d)
			}
		}
		remove = calendar.New(cal.Location(), cal.Hours(), without).IsWorkingDay(date) == want
	}
	day := calendar.Day{Date: date, Kind: calendar.Holiday, Label: reason}
	if want {
		day.Kind = calendar.Makeup
	}
	err := s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error {
		for _, d := range computed {
			if err := putDay(ctx, tx, d, calendar.SourceComputed); err != nil {
				return fmt.Errorf("lưu ngày nghỉ %s: %w", d.Date.VN(), err)
			}
		}
		if remove {
			_, err := tx.ExecContext(ctx, "DELETE FROM calendar_days WHERE date = ?", date.String())
			return err
		}
		return putDay(ctx, tx, day, SourceAdmin)
	})
	if err != nil {
		return !want, err
	}
	if err := s.reload(ctx); err != nil {
		return want, err
	}
	return want, nil
}

// ImportCalendarCSV reads an official notice (calendar.ParseCSV: date,kind,label,tag) and stores
// it with ImportCalendar, naming source as where the days came from (administrators only). All
// or nothing: a wrong line returns a *calendar.LineError and nothing is written. It returns the
// number of days imported.
func (s *Store) ImportCalendarCSV(ctx context.Context, actor *User, r io.Reader, source string) (int, error) {
	days, err := calendar.ParseCSV(r)
	if err != nil {
		return 0, err
	}
	if len(days) == 0 {
		return 0, inputError(KeyFile, msgNoDays)
	}
	if err := s.ImportCalendar(ctx, actor, days, source); err != nil {
		return 0, err
	}
	return len(days), nil
}
