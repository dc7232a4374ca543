package data

import (
	"context"
	"time"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// Verdict is how a dossier stands against its due date (docs/DOMAIN.md §7): resolved early, on time or
// late, or — not resolved yet — within its time, overdue, or without a time limit. It is decided
// in one place, VerdictAt (Judge for a resolved dossier), and named from one table, so that the
// list, the detail, the work lists, the printed forms and the statistics never disagree.
type Verdict int

// Verdicts; the zero Verdict is "none": a dossier never received (an online submission not yet
// accepted, a refusal at the counter) is judged by nothing and counted nowhere.
const (
	Early   Verdict = iota + 1 // resolved before its due time (date mode: before its due date)
	OnTime                     // resolved at its due time (date mode: on its due date), or without one
	Late                       // resolved after it; in the timestamp mode also after a second supplement request
	Within                     // not resolved, its due time not passed
	Overdue                    // not resolved, its due time passed
	NoLimit                    // not resolved, no time limit
)

// verdictLabels are the names of the verdicts: Vietnamese for forms, reports and the screens in
// Vietnamese, and the English source string the app translates (its vi.json gives it back the
// Vietnamese name; a test in app checks that they agree).
var verdictLabels = [...]struct{ vi, en string }{
	Early:   {"Trước hạn", "Early"},
	OnTime:  {"Đúng hạn", "On time"},
	Late:    {"Quá hạn", "Late"},
	Within:  {"Trong hạn", "Within time"},
	Overdue: {"Quá hạn", "Overdue"},
	NoLimit: {"Không có thời hạn", "No time limit"},
}

// Verdicts lists every verdict, for tables and tests.
var Verdicts = []Verdict{Early, OnTime, Late, Within, Overdue, NoLimit}

// String is the Vietnamese name ("" for none): the column headings of the reports and the
// verdicts printed on forms.
func (v Verdict) String() string {
	if v > 0 && int(v) < len(verdictLabels) {
		return verdictLabels[v].vi
	}
	return ""
}

// English is the English name ("" for none), the key under which the app translates it.
func (v Verdict) English() string {
	if v > 0 && int(v) < len(verdictLabels) {
		return verdictLabels[v].en
	}
	return ""
}

// Resolved reports whether v is the verdict of a resolved dossier.
func (v Verdict) Resolved() bool { return v == Early || v == OnTime || v == Late }

// Judge decides the verdict of an end time against a due time, the same way the report's SQL does
// (the report tests check that they agree).
func Judge(end, due time.Time, hasDue bool, supplements int, mode Mode) Verdict {
	if mode == ModeDate {
		if !hasDue {
			return OnTime
		}
		ed, dd := officeDate(end), officeDate(due)
		switch {
		case ed.Before(dd):
			return Early
		case dd.Before(ed):
			return Late
		}
		return OnTime
	}
	if supplements > 1 {
		return Late
	}
	if !hasDue {
		return OnTime
	}
	em, dm := end.Unix()/60, due.Unix()/60
	switch {
	case em < dm:
		return Early
	case em > dm:
		return Late
	}
	return OnTime
}

// VerdictAt is the verdict at now of a received dossier whose processing ended at end (zero: not
// yet). A resolved dossier is judged by Judge. One not resolved is overdue once its due time has
// passed — in the date mode once its due date has — which is how Stats counts "overdue" at the end
// of a period (both rules agree at midnight).
func VerdictAt(end, due time.Time, hasDue bool, supplements int, now time.Time, mode Mode) Verdict {
	if !end.IsZero() {
		return Judge(end, due, hasDue, supplements, mode)
	}
	if !hasDue {
		return NoLimit
	}
	if due.Before(OverdueFrom(now, mode)) {
		return Overdue
	}
	return Within
}

// OverdueFrom is the due time before which a dossier still open at now is overdue: the start of
// now's minute in the timestamp mode, the start of now's day (office zone) in the date mode. The
// dossier list's "overdue" filter and VerdictAt both use it, so a row the filter lists as overdue
// says so.
func OverdueFrom(now time.Time, mode Mode) time.Time {
	if mode == ModeDate {
		return officeDate(now).At(0, 0, vntext.Zone())
	}
	return now.Truncate(time.Minute)
}

// officeDate is the date of t in the office's zone, whatever zone t (or the PC) is in: the date
// mode compares the days of the office, not of the computer.
func officeDate(t time.Time) calendar.Date { return calendar.DateOf(t.In(vntext.Zone())) }

// Verdict is the dossier's verdict at now (none when it was never received).
func (d *Dossier) Verdict(now time.Time, mode Mode) Verdict {
	if d.ReceivedAt.IsZero() {
		return 0
	}
	return VerdictAt(d.FinishedAt, d.Due, d.HasDue, d.Supplements, now, mode)
}

// Verdict is the listed dossier's verdict at now (none when it was never received).
func (h Hit) Verdict(now time.Time, mode Mode) Verdict {
	if h.ReceivedAt.IsZero() {
		return 0
	}
	return VerdictAt(h.FinishedAt, h.Due, !h.Due.IsZero(), h.Supplements, now, mode)
}

// DateMode is the office's way of judging deadlines (SettingDateMode); a setting that cannot be
// read as a mode is the timestamp mode, so that a bad value never keeps a screen from opening.
func (s *Store) DateMode(ctx context.Context) (Mode, error) {
	v, err := s.Setting(ctx, SettingDateMode)
	if err != nil {
		return ModeTimestamp, err
	}
	m, err := ParseMode(v)
	if err != nil {
		return ModeTimestamp, nil
	}
	return m, nil
}
