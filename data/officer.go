package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"
)

// OfficerScore is the evaluation of one official over the dossiers resolved in a period, with
// the indices of Circular 01/2018 that a production system sums (1+2+3+4+7, max 10) [DOMAIN §8]:
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

type officerAcc struct {
	handled, late          int
	i1, i2, i3, i4, i7, sc int
	figures                Figures
}

// officerStats adds one row per official who acted on a dossier resolved in [S, E).
func (s *Store) officerStats(ctx context.Context, rep *Report, S, E int64, mode Mode) error {
	rows, err := s.db.QueryContext(ctx, `SELECT e.dossier, e.type, e.actor, e.at, COALESCE(json_extract(e.payload, '$.to_handler'), ''),
			d.due_at, d.finished_at, d.supplements, d.rating
		FROM dossiers d JOIN events e ON e.dossier = d.id
		WHERE d.finished_at >= ? AND d.finished_at < ? AND d.received_at IS NOT NULL AND e.conflict IS NULL
		ORDER BY d.finished_at, e.dossier, e.at, e.id`, S, E) // finished_at first: the index gives the order, only one dossier's events are sorted at a time
	if err != nil {
		return fmt.Errorf("đánh giá cán bộ: %w", err)
	}
	defer rows.Close()
	acc := map[string]*officerAcc{}
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
				a = &officerAcc{}
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
