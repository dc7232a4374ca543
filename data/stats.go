package data

import (
	"context"
	"fmt"
	"sort"
	"time"

	"motcua/data/calendar"
)

// Mode says how early / on time / late is decided (docs/DOMAIN.md §7).
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
	return "", inputError(KeyOptions, msgBadMode, s)
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
		return 0, 0, inputError(KeyOptions, msgPeriodBack, to, from)
	}
	start := from.At(0, 0, s.loc)
	end := to.AddDays(1).At(0, 0, s.loc)
	return start.Unix(), end.Unix(), nil
}

// Stats computes the periodic report of docs/DOMAIN.md §7 for [from, to] (inclusive dates), overall or
// by unit, field or officer. Refused dossiers were never received and are not counted.
//
// Everything but "overdue at the end" comes from daily_stats: carried over = received before the
// period − finished before it; pending = carried + new − resolved. Overdue needs each pending
// dossier's due date, read from the dossiers open at the period's end: those not finished yet
// (a partial index) and those finished after the end.
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
		key = "COALESCE(unit_id, 0)" // dossiers.unit_id is NULL for none, daily_stats.unit_id 0
	case ByField:
		key = "COALESCE(field_id, 0)"
	default:
		return nil, inputError(KeyOptions, msgBadGrouping, by)
	}
	early, late := "early_ts", "late_ts"
	if mode == ModeDate {
		early, late = "early_date", "late_date"
	}
	dS, dE := dayNumber(time.Unix(S, 0)), dayNumber(time.Unix(E, 0)) // dE: the day after the period
	byKey := map[int64]*Figures{}
	get := func(k int64) *Figures {
		f := byKey[k]
		if f == nil {
			f = &Figures{}
			byKey[k] = f
		}
		return f
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+key+`,
		SUM(CASE WHEN day < ?1 THEN received_direct + received_online + received_post - finished ELSE 0 END),
		SUM(CASE WHEN day >= ?1 THEN received_online ELSE 0 END),
		SUM(CASE WHEN day >= ?1 THEN received_direct + received_post ELSE 0 END),
		SUM(CASE WHEN day >= ?1 THEN received_post ELSE 0 END),
		SUM(CASE WHEN day >= ?1 THEN finished ELSE 0 END),
		SUM(CASE WHEN day >= ?1 THEN `+early+` ELSE 0 END),
		SUM(CASE WHEN day >= ?1 THEN `+late+` ELSE 0 END),
		SUM(CASE WHEN day >= ?1 THEN fee_received + fee_returned ELSE 0 END),
		SUM(CASE WHEN day >= ?1 THEN rated_very ELSE 0 END),
		SUM(CASE WHEN day >= ?1 THEN rated_satisfied ELSE 0 END),
		SUM(CASE WHEN day >= ?1 THEN rated_dis ELSE 0 END)
		FROM daily_stats WHERE day < ?2 GROUP BY 1`, dS, dE)
	if err != nil {
		return nil, fmt.Errorf("tính thống kê: %w", err)
	}
	for rows.Next() {
		var k, carried, online, direct, post, resolved, early, late, fees, very, sat, dis int64
		if err := rows.Scan(&k, &carried, &online, &direct, &post, &resolved, &early, &late, &fees, &very, &sat, &dis); err != nil {
			rows.Close()
			return nil, err
		}
		f := get(k)
		f.ReceivedCarried, f.ReceivedNewOnline, f.ReceivedNewDirect, f.ReceivedNewPost = int(carried), int(online), int(direct), int(post)
		f.ReceivedTotal = f.ReceivedCarried + f.ReceivedNewOnline + f.ReceivedNewDirect
		f.ResolvedTotal, f.ResolvedEarly, f.ResolvedLate = int(resolved), int(early), int(late)
		f.ResolvedOnTime = f.ResolvedTotal - f.ResolvedEarly - f.ResolvedLate
		f.PendingTotal = f.ReceivedTotal - f.ResolvedTotal
		f.FeesTotal = fees
		f.RatedVery, f.RatedSatisfied, f.RatedDissatisfied = int(very), int(sat), int(dis)
		f.RatedTotal = f.RatedVery + f.RatedSatisfied + f.RatedDissatisfied
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	overdue, err := s.db.QueryContext(ctx, `SELECT k, SUM(n) FROM (
		SELECT `+key+` AS k, count(*) AS n FROM dossiers INDEXED BY dossiers_unfinished
			WHERE finished_at IS NULL AND received_at IS NOT NULL AND due_at < ?1 AND received_at < ?1 GROUP BY 1
		UNION ALL
		SELECT `+key+`, count(*) FROM dossiers INDEXED BY dossiers_finished
			WHERE finished_at >= ?1 AND received_at < ?1 AND due_at < ?1 GROUP BY 1)
		GROUP BY k`, E)
	if err != nil {
		return nil, fmt.Errorf("tính hồ sơ quá hạn: %w", err)
	}
	for overdue.Next() {
		var k, n int64
		if err := overdue.Scan(&k, &n); err != nil {
			overdue.Close()
			return nil, err
		}
		get(k).PendingOverdue = int(n)
	}
	overdue.Close()
	if err := overdue.Err(); err != nil {
		return nil, err
	}
	for k, f := range byKey {
		f.PendingWithin = f.PendingTotal - f.PendingOverdue
		if *f == (Figures{}) {
			delete(byKey, k)
			continue
		}
		rep.Total.add(*f)
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
	var last []Row // dossiers of no (or no longer known) unit or field: after the named rows
	for k, f := range byKey {
		f.finish()
		n, ok := names[k]
		switch {
		case ok:
			rep.Rows = append(rep.Rows, Row{Key: n[0], Name: n[1], Figures: *f})
		case k == 0 && by == ByUnit:
			last = append(last, Row{Name: NoUnitName, Figures: *f})
		default:
			last = append(last, Row{Name: NoGroupName, Figures: *f})
		}
	}
	sort.Slice(rep.Rows, func(i, j int) bool { return rep.Rows[i].Name < rep.Rows[j].Name })
	sort.Slice(last, func(i, j int) bool { return last[i].Name < last[j].Name })
	rep.Rows = append(rep.Rows, last...)
	return rep, nil
}

// Names of the rows of a report by unit or field that gather the dossiers without one: under the
// bundled catalog no procedure names a processing unit, so until a transfer every dossier is in
// the NoUnitName row.
const (
	NoUnitName  = "Chưa giao đơn vị"
	NoGroupName = "Chưa xác định"
)

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
