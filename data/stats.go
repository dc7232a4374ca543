package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"motcua/data/calendar"
)

// Mode says how early / on time / late is decided (DOMAIN.md §7).
type Mode string

const (
	// ModeTimestamp compares the end of processing with the due time to the minute, as the national
	// dashboard does; a dossier with more than one supplement request counts as late.
	ModeTimestamp Mode = "timestamp"
	// ModeDate compares calendar dates, as provincial systems do.
	ModeDate Mode = "date"
)

// ParseMode reads a mode name; "" is the timestamp mode.
func ParseMode(s string) (Mode, error) {
	switch Mode(s) {
	case "", ModeTimestamp:
		return ModeTimestamp, nil
	case ModeDate:
		return ModeDate, nil
	}
	return "", inputErrorf("cách so hạn không hợp lệ %q (timestamp hoặc date)", s)
}

// Figures are the columns of the periodic report plus fees and satisfaction.
type Figures struct {
	ReceivedTotal     int      `json:"received_total"`
	ReceivedCarried   int      `json:"received_carried"`
	ReceivedNewOnline int      `json:"received_new_online"`
	ReceivedNewDirect int      `json:"received_new_direct"` // in person or by post
	ReceivedNewPost   int      `json:"received_new_post"`
	ResolvedTotal     int      `json:"resolved_total"`
	ResolvedEarly     int      `json:"resolved_early"`
	ResolvedOnTime    int      `json:"resolved_on_time"`
	ResolvedLate      int      `json:"resolved_late"`
	PendingTotal      int      `json:"pending_total"`
	PendingWithin     int      `json:"pending_within"`
	PendingOverdue    int      `json:"pending_overdue"`
	FeesTotal         int64    `json:"fees_total"`
	RatedTotal        int      `json:"rated_total"`
	RatedVery         int      `json:"rated_very_satisfied"`
	RatedSatisfied    int      `json:"rated_satisfied"`
	RatedDissatisfied int      `json:"rated_dissatisfied"`
	SatisfactionRate  *float64 `json:"satisfaction_rate"`  // % of ratings that are satisfied or very; nil when none
	NationalIndicator *float64 `json:"national_indicator"` // 100 − (late % + dissatisfied %) of resolved; nil when none resolved
}

// Row is one line of a report by unit, field or officer.
type Row struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Figures
	Officer *OfficerScore `json:"officer,omitempty"`
}

// Report is the periodic report for a period.
type Report struct {
	From  string  `json:"from"` // YYYY-MM-DD
	To    string  `json:"to"`
	Mode  Mode    `json:"mode"`
	By    string  `json:"by,omitempty"`
	Total Figures `json:"total"`
	Rows  []Row   `json:"rows,omitempty"`
}

// Grouping of a report.
const (
	ByNone    = ""
	ByUnit    = "unit"
	ByField   = "field"
	ByOfficer = "officer"
)

func (f *Figures) finish() {
	if f.RatedTotal > 0 {
		v := round1(float64(f.RatedVery+f.RatedSatisfied) * 100 / float64(f.RatedTotal))
		f.SatisfactionRate = &v
	}
	if f.ResolvedTotal > 0 {
		v := round1(100 - float64(f.ResolvedLate+f.RatedDissatisfied)*100/float64(f.ResolvedTotal))
		if v < 0 {
			v = 0
		}
		f.NationalIndicator = &v
	}
}

func round1(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }

func (f *Figures) add(o Figures) {
	f.ReceivedTotal += o.ReceivedTotal
	f.ReceivedCarried += o.ReceivedCarried
	f.ReceivedNewOnline += o.ReceivedNewOnline
	f.ReceivedNewDirect += o.ReceivedNewDirect
	f.ReceivedNewPost += o.ReceivedNewPost
	f.ResolvedTotal += o.ResolvedTotal
	f.ResolvedEarly += o.ResolvedEarly
	f.ResolvedOnTime += o.ResolvedOnTime
	f.ResolvedLate += o.ResolvedLate
	f.PendingTotal += o.PendingTotal
	f.PendingWithin += o.PendingWithin
	f.PendingOverdue += o.PendingOverdue
	f.FeesTotal += o.FeesTotal
	f.RatedTotal += o.RatedTotal
	f.RatedVery += o.RatedVery
	f.RatedSatisfied += o.RatedSatisfied
	f.RatedDissatisfied += o.RatedDissatisfied
}

// periodBounds turns inclusive dates into [start, end) unix seconds in the office zone.
func (s *Store) periodBounds(from, to calendar.Date) (int64, int64, error) {
	if to.Before(from) {
		return 0, 0, inputErrorf("ngày kết thúc (%s) trước ngày bắt đầu (%s)", to, from)
	}
	start := from.At(0, 0, s.loc)
	end := to.AddDays(1).At(0, 0, s.loc)
	return start.Unix(), end.Unix(), nil
}

// verdictSQL gives SQL that is true for a resolved dossier resolved early, and one for late.
func verdictSQL(mode Mode) (early, late string) {
	if mode == ModeDate {
		// Local dates: shift by the office's fixed +07:00 (Vietnam has no daylight saving).
		fd, dd := "((finished_at + 25200) / 86400)", "((due_at + 25200) / 86400)"
		return "(due_at IS NOT NULL AND " + fd + " < " + dd + ")",
			"(due_at IS NOT NULL AND " + fd + " > " + dd + ")"
	}
	fm, dm := "(finished_at / 60)", "(due_at / 60)"
	return "(supplements <= 1 AND due_at IS NOT NULL AND " + fm + " < " + dm + ")",
		"(supplements > 1 OR (due_at IS NOT NULL AND " + fm + " > " + dm + "))"
}

// Stats computes the periodic report of DOMAIN.md §7 for [from, to] (inclusive dates), overall or
// by unit, field or officer. Refused dossiers were never received and are not counted.
func (s *Store) Stats(ctx context.Context, from, to calendar.Date, by string, mode Mode) (*Report, error) {
	S, E, err := s.periodBounds(from, to)
	if err != nil {
		return nil, err
	}
	if mode == "" {
		mode = ModeTimestamp
	}
	rep := &Report{From: from.String(), To: to.String(), Mode: mode, By: by}
	key := "0"
	switch by {
	case ByNone, ByOfficer:
	case ByUnit:
		key = "COALESCE(unit_id, 0)"
	case ByField:
		key = "COALESCE(field_id, 0)"
	default:
		return nil, inputErrorf("cách nhóm không hợp lệ %q (unit, field hoặc officer)", by)
	}
	early, late := verdictSQL(mode)
	// One pass over the covering index. "open at S" = not finished before S; "in" = counted as a
	// received dossier of the period (rows only returned in the period count just for fees/ratings).
	q := `SELECT ` + key + ` AS k,
		SUM(inp AND received_at < ?1),
		SUM(inp AND received_at >= ?1 AND channel = 2),
		SUM(inp AND received_at >= ?1 AND channel = 1),
		SUM(inp AND received_at >= ?1 AND channel = 3),
		SUM(res),
		SUM(res AND ` + early + `),
		SUM(res AND ` + late + `),
		SUM(inp AND NOT res),
		SUM(inp AND NOT res AND (due_at IS NULL OR due_at >= ?2)),
		SUM(CASE WHEN received_at >= ?1 THEN fee_received ELSE 0 END)
			+ SUM(CASE WHEN returned_at >= ?1 AND returned_at < ?2 THEN fee_returned ELSE 0 END),
		SUM(rating > 0 AND returned_at >= ?1 AND returned_at < ?2),
		SUM(rating = 1 AND returned_at >= ?1 AND returned_at < ?2),
		SUM(rating = 2 AND returned_at >= ?1 AND returned_at < ?2),
		SUM(rating = 3 AND returned_at >= ?1 AND returned_at < ?2)
	FROM (SELECT *, (finished_at IS NULL OR finished_at >= ?1) AS inp,
			-- COALESCE: an open dossier's comparison is NULL, and NOT NULL would hide it from "pending".
			COALESCE(finished_at >= ?1 AND finished_at < ?2, 0) AS res
		FROM dossiers INDEXED BY dossiers_stats
		WHERE received_at IS NOT NULL AND received_at < ?2
			AND (finished_at IS NULL OR finished_at >= ?1 OR returned_at >= ?1))
	GROUP BY k`
	rows, err := s.db.QueryContext(ctx, q, S, E)
	if err != nil {
		return nil, fmt.Errorf("tính thống kê: %w", err)
	}
	defer rows.Close()
	byKey := map[int64]Figures{}
	for rows.Next() {
		var k int64
		var f Figures
		var carried, online, direct, post, resolved, early, late, pending, within, rated, very, sat, dis sql.NullInt64
		var fees sql.NullInt64
		if err := rows.Scan(&k, &carried, &online, &direct, &post, &resolved, &early, &late, &pending, &within, &fees,
			&rated, &very, &sat, &dis); err != nil {
			return nil, err
		}
		f.ReceivedCarried, f.ReceivedNewOnline = int(carried.Int64), int(online.Int64)
		f.ReceivedNewDirect, f.ReceivedNewPost = int(direct.Int64+post.Int64), int(post.Int64)
		f.ReceivedTotal = f.ReceivedCarried + f.ReceivedNewOnline + f.ReceivedNewDirect
		f.ResolvedTotal, f.ResolvedEarly, f.ResolvedLate = int(resolved.Int64), int(early.Int64), int(late.Int64)
		f.ResolvedOnTime = f.ResolvedTotal - f.ResolvedEarly - f.ResolvedLate
		f.PendingTotal, f.PendingWithin = int(pending.Int64), int(within.Int64)
		f.PendingOverdue = f.PendingTotal - f.PendingWithin
		f.FeesTotal = fees.Int64
		f.RatedTotal, f.RatedVery, f.RatedSatisfied, f.RatedDissatisfied = int(rated.Int64), int(very.Int64), int(sat.Int64), int(dis.Int64)
		byKey[k] = f
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, f := range byKey {
		rep.Total.add(f)
	}
	rep.Total.finish()
	if by == ByOfficer {
		return rep, s.officerStats(ctx, rep, S, E, mode)
	}
	if by == ByNone {
		return rep, nil
	}
	names, err := s.groupNames(ctx, by)
	if err != nil {
		return nil, err
	}
	for k, f := range byKey {
		f.finish()
		n, ok := names[k]
		if !ok {
			n = [2]string{"", "Chưa xác định"}
		}
		rep.Rows = append(rep.Rows, Row{Key: n[0], Name: n[1], Figures: f})
	}
	sort.Slice(rep.Rows, func(i, j int) bool { return rep.Rows[i].Name < rep.Rows[j].Name })
	return rep, nil
}

func (s *Store) groupNames(ctx context.Context, by string) (map[int64][2]string, error) {
	table := "units"
	if by == ByField {
		table = "fields"
	}
	rows, err := s.db.QueryContext(ctx, "SELECT id, code, name FROM "+table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][2]string{}
	for rows.Next() {
		var id int64
		var code, name string
		if err := rows.Scan(&id, &code, &name); err != nil {
			return nil, err
		}
		out[id] = [2]string{code, name}
	}
	return out, rows.Err()
}

// Verdict is early, on time or late for one resolved dossier.
type Verdict int

// Verdicts.
const (
	Early Verdict = iota + 1
	OnTime
	Late
)

func (v Verdict) String() string {
	switch v {
	case Early:
		return "Trước hạn"
	case OnTime:
		return "Đúng hạn"
	case Late:
		return "Trễ hạn"
	}
	return ""
}

// Judge decides the verdict of an end time against a due time, the same way the report's SQL does
// (the report tests check that they agree).
func Judge(end, due time.Time, hasDue bool, supplements int, mode Mode) Verdict {
	if mode == ModeDate {
		if !hasDue {
			return OnTime
		}
		ed, dd := calendar.DateOf(end), calendar.DateOf(due)
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
