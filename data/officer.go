package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"
)

// OfficerScore is the evaluation of one official over the dossiers resolved in a period, with
// the indices of Circular 01/2018 that a production system sums (1+2+3+4+7, max 10; docs/DOMAIN.md §8):
//   - 1 total time against the legal limit: early 2, on time 1, late 0;
//   - 2 time taken by this official's own step, judged against the due date the same way;
//   - 3 times the applicant had to come back: no supplement 2, one 1, more 0;
//   - 4 agencies the applicant had to contact: 2, since every step goes through the one-stop office;
//   - 7 attitude: 0 when the applicant rated "không hài lòng", else 2 (no complaint).
type OfficerScore struct {
	Handled int     `json:"handled"` // dossiers resolved in the period that this official acted on
	Late    int     `json:"late"`
	Index1  float64 `json:"index_1"` // averages over Handled
	Index2  float64 `json:"index_2"`
	Index3  float64 `json:"index_3"`
	Index4  float64 `json:"index_4"`
	Index7  float64 `json:"index_7"`
	Score   float64 `json:"score"` // average of the sum, out of 10
}

func verdictPoints(v Verdict) int {
	switch v {
	case Early:
		return 2
	case OnTime:
		return 1
	}
	return 0
}

// officerStats adds one row per official who acted on a dossier resolved in [S, E), from the
// officer_stats rows of those days (kept by the projection: officerContributions).
func (s *Store) officerStats(ctx context.Context, rep *Report, S, E int64, mode Mode) error {
	early, late, step := "early_ts", "late_ts", "step_ts"
	if mode == ModeDate {
		early, late, step = "early_date", "late_date", "step_date"
	}
	dS, dE := dayNumber(time.Unix(S, 0)), dayNumber(time.Unix(E, 0)) // dE: the day after the period
	rows, err := s.db.QueryContext(ctx, `SELECT officer, sum(handled), sum(`+early+`), sum(`+late+`), sum(`+step+`),
			sum(visits), sum(rated_dis)
		FROM officer_stats WHERE day >= ? AND day < ? GROUP BY officer HAVING sum(handled) > 0`, dS, dE)
	if err != nil {
		return fmt.Errorf("đánh giá cán bộ: %w", err)
	}
	defer rows.Close()
	names, err := s.userNames(ctx)
	if err != nil {
		return err
	}
	for rows.Next() {
		var username string
		var handled, nEarly, nLate, i2, i3, dis int
		if err := rows.Scan(&username, &handled, &nEarly, &nLate, &i2, &i3, &dis); err != nil {
			return fmt.Errorf("đánh giá cán bộ: %w", err)
		}
		onTime := handled - nEarly - nLate
		i1 := 2*nEarly + onTime
		i4 := 2 * handled
		i7 := 2 * (handled - dis)
		n := float64(handled)
		sc := &OfficerScore{Handled: handled, Late: nLate,
			Index1: round1(float64(i1) / n), Index2: round1(float64(i2) / n), Index3: round1(float64(i3) / n),
			Index4: round1(float64(i4) / n), Index7: round1(float64(i7) / n), Score: round1(float64(i1+i2+i3+i4+i7) / n)}
		name := names[username]
		if name == "" {
			name = username
		}
		f := Figures{ResolvedTotal: handled, ResolvedEarly: nEarly, ResolvedOnTime: onTime, ResolvedLate: nLate}
		f.finish()
		rep.Rows = append(rep.Rows, Row{Key: username, Name: name, Figures: f, Officer: sc})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("đánh giá cán bộ: %w", err)
	}
	sort.Slice(rep.Rows, func(i, j int) bool { return rep.Rows[i].Key < rep.Rows[j].Key })
	return nil
}

// officerStep is one official who acted on a dossier and the time (unix seconds) of their last
// step: what the dossier counts for in the staff evaluation, besides its verdict.
type officerStep struct {
	officer string
	last    int64
}

// noteOfficers records on the fold who acted through e: the actor of a reception, hand-over,
// processing or pause request, and the official a hand-over names. The list is kept sorted by
// username and copied on change, never appended in place: a Dossier value is copied before each
// event (Apply) and the copies must not share what they change.
func (d *Dossier) noteOfficers(e *Event, p Payload) {
	switch e.Type {
	case EvReceived, EvTransferred, EvProcessed, EvSupplementRequested, EvObligationRequested:
		d.noteOfficer(e.Actor, e.At.Unix())
	}
	if t, ok := p.(*Transferred); ok {
		d.noteOfficer(t.ToHandler, e.At.Unix())
	}
}

func (d *Dossier) noteOfficer(officer string, at int64) {
	if officer == "" {
		return
	}
	i := sort.Search(len(d.officers), func(i int) bool { return d.officers[i].officer >= officer })
	if i < len(d.officers) && d.officers[i].officer == officer {
		if d.officers[i].last >= at {
			return
		}
		next := append([]officerStep(nil), d.officers...)
		next[i].last = at
		d.officers = next
		return
	}
	next := make([]officerStep, 0, len(d.officers)+1)
	next = append(next, d.officers[:i]...)
	next = append(next, officerStep{officer: officer, last: at})
	d.officers = append(next, d.officers[i:]...)
}

type officerKey struct {
	day     int64
	officer string
}

// officerVec is one officer_stats row's counters, in column order.
type officerVec [9]int64

const (
	ovHandled = iota
	ovEarlyTS
	ovLateTS
	ovEarlyDate
	ovLateDate
	ovStepTS
	ovStepDate
	ovVisits
	ovRatedDis
)

const officerColumns = `handled, early_ts, late_ts, early_date, late_date, step_ts, step_date, visits, rated_dis`

const upsertOfficerSQL = `INSERT INTO officer_stats(day, officer, ` + officerColumns + `)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(day, officer) DO UPDATE SET
	handled = handled + excluded.handled, early_ts = early_ts + excluded.early_ts, late_ts = late_ts + excluded.late_ts,
	early_date = early_date + excluded.early_date, late_date = late_date + excluded.late_date,
	step_ts = step_ts + excluded.step_ts, step_date = step_date + excluded.step_date,
	visits = visits + excluded.visits, rated_dis = rated_dis + excluded.rated_dis`

// officerContributions adds (sign = +1) or removes (−1) what a dossier counts for in
// officer_stats: for each official who acted on it, on the day its processing ended, the indices
// of Circular 01/2018 that OfficerScore averages. Only dossiers received at the counter and
// finished count. The due time is the one the dossiers row holds (none when it holds NULL).
func officerContributions(m map[officerKey]*officerVec, d *Dossier, sign int64) {
	if d.ReceivedAt.IsZero() || d.FinishedAt.IsZero() || len(d.officers) == 0 {
		return
	}
	hasDue := d.HasDue && !d.Due.IsZero()
	var common officerVec
	common[ovHandled] = 1
	switch Judge(d.FinishedAt, d.Due, hasDue, d.Supplements, ModeTimestamp) {
	case Early:
		common[ovEarlyTS] = 1
	case Late:
		common[ovLateTS] = 1
	}
	switch Judge(d.FinishedAt, d.Due, hasDue, d.Supplements, ModeDate) {
	case Early:
		common[ovEarlyDate] = 1
	case Late:
		common[ovLateDate] = 1
	}
	common[ovVisits] = int64(2 - min(d.Supplements, 2))
	if d.Rating == RatingDissatisfied {
		common[ovRatedDis] = 1
	}
	day := dayNumber(d.FinishedAt)
	for _, st := range d.officers {
		k := officerKey{day: day, officer: st.officer}
		vec := m[k]
		if vec == nil {
			vec = &officerVec{}
			m[k] = vec
		}
		last := time.Unix(st.last, 0)
		own := common
		own[ovStepTS] = int64(verdictPoints(Judge(last, d.Due, hasDue, 0, ModeTimestamp)))
		own[ovStepDate] = int64(verdictPoints(Judge(last, d.Due, hasDue, 0, ModeDate)))
		for i, v := range own {
			vec[i] += sign * v
		}
	}
}

// flushOfficers writes the summed officer_stats deltas (with the daily ones: flushDaily).
func (w *writer) flushOfficers(ctx context.Context) error {
	m := w.officers
	defer clear(m)
	var st *sql.Stmt
	for k, v := range m {
		if *v == (officerVec{}) {
			continue
		}
		if st == nil {
			var err error
			if st, err = w.tx.PrepareContext(ctx, upsertOfficerSQL); err != nil {
				return fmt.Errorf("cập nhật số liệu đánh giá cán bộ: %w", err)
			}
			defer st.Close()
		}
		args := make([]any, 0, 2+len(v))
		args = append(args, k.day, k.officer)
		for _, x := range v {
			args = append(args, x)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("cập nhật số liệu đánh giá cán bộ: %w", err)
		}
	}
	return nil
}

func (s *Store) userNames(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT username, full_name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var u, n string
		if err := rows.Scan(&u, &n); err != nil {
			return nil, err
		}
		out[u] = n
	}
	return out, rows.Err()
}
