package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// lateRow is a dossier's row of late_dossiers (schema 0007), in its column order: what the late
// list shows and filters on. Times are unix seconds, as in the dossiers table; the verdicts are
// Judge's.
type lateRow struct {
	finished      int64
	rid           int64
	lateTS        bool
	lateDate      bool
	code          string
	applicant     string
	procedure     string
	unit          string
	due           sql.NullInt64
	supplements   int
	apologised    bool
	apologyNo     string
	apologyReason string
	apologyDue    sql.NullInt64
}

// lateRowOf is d's row of late_dossiers, without its rid, and whether it has one: received at the
// counter, resolved, and late in either mode. The due time is the one the dossiers row holds (none
// when it holds NULL), as for the daily and per-official figures.
func lateRowOf(d *Dossier) (lateRow, bool) {
	if d.ReceivedAt.IsZero() || d.FinishedAt.IsZero() {
		return lateRow{}, false
	}
	hasDue := d.HasDue && !d.Due.IsZero()
	ts := Judge(d.FinishedAt, d.Due, hasDue, d.Supplements, ModeTimestamp) == Late
	date := Judge(d.FinishedAt, d.Due, hasDue, d.Supplements, ModeDate) == Late
	if !ts && !date {
		return lateRow{}, false
	}
	r := lateRow{finished: d.FinishedAt.Unix(), lateTS: ts, lateDate: date, code: d.Code, applicant: d.Applicant.Name,
		procedure: d.ProcedureName, unit: d.Unit, supplements: d.Supplements, apologised: d.Apologies > 0,
		apologyDue: unixOrNull(d.ApologyDue)}
	if hasDue {
		r.due = unixOrNull(d.Due)
	}
	if a := d.apology; a != nil {
		r.apologyNo, r.apologyReason = a.DocNo, a.Reason
	}
	return r, true
}

const lateColumns = `finished_at, rid, late_ts, late_date, code, applicant, procedure_name, unit, due_at, supplements,
	apologised, apology_no, apology_reason, apology_due`

func (r *lateRow) args() []any {
	return []any{r.finished, r.rid, r.lateTS, r.lateDate, r.code, r.applicant, r.procedure, r.unit, r.due, r.supplements,
		r.apologised, r.apologyNo, r.apologyReason, r.apologyDue}
}

func (r *lateRow) dest() []any {
	return []any{&r.finished, &r.rid, &r.lateTS, &r.lateDate, &r.code, &r.applicant, &r.procedure, &r.unit, &r.due,
		&r.supplements, &r.apologised, &r.apologyNo, &r.apologyReason, &r.apologyDue}
}

// lateWriter holds the writer's statements for late_dossiers, prepared when first needed: most
// events change no dossier's row there.
type lateWriter struct {
	del, ins *sql.Stmt
}

func (l *lateWriter) close() {
	for _, st := range []*sql.Stmt{l.del, l.ins} {
		if st != nil {
			st.Close()
		}
	}
}

// projectLate moves the dossier's late_dossiers row from old's to next's (either may have none).
// rid is the dossier's rowid, 0 when the caller did not need it; it is read then and given back.
func (w *writer) projectLate(ctx context.Context, old, next *Dossier, rid *int64) error {
	o, was := lateRowOf(old)
	n, is := lateRowOf(next)
	if was == is && o == n {
		return nil
	}
	if *rid == 0 {
		if err := w.ridOf.QueryRowContext(ctx, next.ID[:]).Scan(rid); err != nil {
			return fmt.Errorf("cập nhật danh sách hồ sơ trễ hạn: %w", err)
		}
	}
	l := &w.late
	var err error
	if l.del == nil {
		if l.del, err = w.tx.PrepareContext(ctx, "DELETE FROM late_dossiers WHERE finished_at = ? AND rid = ?"); err != nil {
			return fmt.Errorf("cập nhật danh sách hồ sơ trễ hạn: %w", err)
		}
		// OR REPLACE: a row left by a damaged table must not refuse the event; check reports it.
		if l.ins, err = w.tx.PrepareContext(ctx, "INSERT OR REPLACE INTO late_dossiers("+lateColumns+
			") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"); err != nil {
			return fmt.Errorf("cập nhật danh sách hồ sơ trễ hạn: %w", err)
		}
	}
	if was {
		if _, err := l.del.ExecContext(ctx, o.finished, *rid); err != nil {
			return fmt.Errorf("cập nhật danh sách hồ sơ trễ hạn: %w", err)
		}
	}
	if is {
		n.rid = *rid
		if _, err := l.ins.ExecContext(ctx, n.args()...); err != nil {
			return fmt.Errorf("cập nhật danh sách hồ sơ trễ hạn: %w", err)
		}
	}
	return nil
}

// checkLate compares late_dossiers with the rows a replay of the log gives (want, by dossier id,
// without rids): each row must belong to a dossier, be that dossier's only row, and equal it.
func (s *Store) checkLate(ctx context.Context, want map[[16]byte]lateRow, res *CheckResult) error {
	rows, err := s.db.QueryContext(ctx, "SELECT d.id, "+prefixed("l.", lateColumns)+
		" FROM late_dossiers l LEFT JOIN dossiers d ON d.rid = l.rid")
	if err != nil {
		return fmt.Errorf("đọc danh sách hồ sơ trễ hạn: %w", err)
	}
	defer rows.Close()
	bad := 0
	for rows.Next() {
		var id []byte
		var got lateRow
		if err := rows.Scan(append([]any{&id}, got.dest()...)...); err != nil {
			return fmt.Errorf("đọc danh sách hồ sơ trễ hạn: %w", err)
		}
		var key [16]byte
		if len(id) != len(key) {
			bad++ // no dossier has that rid
			continue
		}
		copy(key[:], id)
		w, ok := want[key]
		got.rid = 0
		if !ok || w != got {
			bad++
		}
		delete(want, key) // a second row of the same dossier is then counted as wrong
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("đọc danh sách hồ sơ trễ hạn: %w", err)
	}
	bad += len(want)
	if bad > 0 {
		res.Mismatches = append(res.Mismatches, fmt.Sprintf("danh sách hồ sơ trễ hạn sai ở %d dòng so với nhật ký", bad))
	}
	return nil
}

// prefixed puts p before every name of a comma-separated column list.
func prefixed(p, cols string) string {
	names := strings.Split(cols, ",")
	for i, n := range names {
		names[i] = p + strings.TrimSpace(n)
	}
	return strings.Join(names, ", ")
}
