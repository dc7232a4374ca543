package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"motcua/data/calendar"
)

type oracleAcc struct {
	handled, late          int
	i1, i2, i3, i4, i7, sc int
	figures                Figures
}

// officerStatsFromLog is the staff evaluation as it was computed before officer_stats: every
// event of every dossier resolved in [S, E), folded here. It is the oracle the maintained figures
// are compared with.
func (s *Store) officerStatsFromLog(ctx context.Context, rep *Report, S, E int64, mode Mode) error {
	rows, err := s.db.QueryContext(ctx, `SELECT e.dossier, e.type, e.actor, e.at, COALESCE(json_extract(e.payload, '$.to_handler'), ''),
			d.due_at, d.finished_at, d.supplements, d.rating
		FROM dossiers d JOIN events e ON e.dossier = d.id
		WHERE d.finished_at >= ? AND d.finished_at < ? AND d.received_at IS NOT NULL AND e.conflict IS NULL
		ORDER BY d.finished_at, e.dossier, e.at, e.id`, S, E) // finished_at first: the index gives the order, only one dossier's events are sorted at a time
	if err != nil {
		return fmt.Errorf("đánh giá cán bộ: %w", err)
	}
	defer rows.Close()
	acc := map[string]*oracleAcc{}
	var cur []byte
	type step struct {
		officer string
		end     time.Time
	}
	var steps []step
	var due, finished sql.NullInt64
	var supplements int
	var rating Rating
	flush := func() {
		if cur == nil {
			return
		}
		dueT, endT := s.unixTime(due), s.unixTime(finished)
		overall := Judge(endT, dueT, due.Valid, supplements, mode)
		seen := map[string]bool{}
		// The last step of each official counts for index 2: when their part of the work ended.
		last := map[string]time.Time{}
		for _, st := range steps {
			if st.officer != "" {
				last[st.officer] = st.end
			}
		}
		for _, st := range steps {
			if st.officer == "" || seen[st.officer] {
				continue
			}
			seen[st.officer] = true
			a := acc[st.officer]
			if a == nil {
				a = &oracleAcc{}
				acc[st.officer] = a
			}
			i1 := verdictPoints(overall)
			i2 := verdictPoints(Judge(last[st.officer], dueT, due.Valid, 0, mode))
			i3 := 2 - min(supplements, 2)
			i4 := 2
			i7 := 2
			if rating == RatingDissatisfied {
				i7 = 0
			}
			a.handled++
			a.i1, a.i2, a.i3, a.i4, a.i7 = a.i1+i1, a.i2+i2, a.i3+i3, a.i4+i4, a.i7+i7
			a.sc += i1 + i2 + i3 + i4 + i7
			a.figures.ResolvedTotal++
			switch overall {
			case Early:
				a.figures.ResolvedEarly++
			case OnTime:
				a.figures.ResolvedOnTime++
			case Late:
				a.figures.ResolvedLate++
				a.late++
			}
		}
	}
	for rows.Next() {
		var id []byte
		var typ, actor, at, toHandler string
		var r, sup int
		var rowDue, rowFinished sql.NullInt64
		if err := rows.Scan(&id, &typ, &actor, &at, &toHandler, &rowDue, &rowFinished, &sup, &r); err != nil {
			return err
		}
		if string(id) != string(cur) {
			flush() // with the previous dossier's values, before this row's replace them
			cur, steps = append([]byte(nil), id...), steps[:0]
		}
		due, finished, supplements, rating = rowDue, rowFinished, sup, Rating(r)
		t, err := time.Parse(TimeFormat, at)
		if err != nil {
			return fmt.Errorf("đánh giá cán bộ: %w", err)
		}
		switch EventType(typ) {
		case EvReceived, EvTransferred, EvProcessed, EvSupplementRequested, EvObligationRequested:
			steps = append(steps, step{officer: actor, end: t})
		}
		if toHandler != "" {
			steps = append(steps, step{officer: toHandler, end: t})
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	flush()
	names, err := s.userNames(ctx)
	if err != nil {
		return err
	}
	for username, a := range acc {
		n := float64(a.handled)
		sc := &OfficerScore{Handled: a.handled, Late: a.late,
			Index1: round1(float64(a.i1) / n), Index2: round1(float64(a.i2) / n), Index3: round1(float64(a.i3) / n),
			Index4: round1(float64(a.i4) / n), Index7: round1(float64(a.i7) / n), Score: round1(float64(a.sc) / n)}
		name := names[username]
		if name == "" {
			name = username
		}
		a.figures.finish()
		rep.Rows = append(rep.Rows, Row{Key: username, Name: name, Figures: a.figures, Officer: sc})
	}
	sort.Slice(rep.Rows, func(i, j int) bool { return rep.Rows[i].Key < rep.Rows[j].Key })
	return nil
}

// StaffFromLog is the staff evaluation of [from, to] computed the old way (officerStatsFromLog),
// for the tests of package data_test.
func (s *Store) StaffFromLog(ctx context.Context, from, to calendar.Date, mode Mode) ([]Row, error) {
	S, E, err := s.periodBounds(from, to)
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	if err := s.officerStatsFromLog(ctx, rep, S, E, mode); err != nil {
		return nil, err
	}
	return rep.Rows, nil
}
