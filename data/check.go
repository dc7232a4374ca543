package data

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"reflect"

	"github.com/google/uuid"
)

// CheckResult is what Check found.
type CheckResult struct {
	Integrity  string   // "ok" or SQLite's first complaints
	Dossiers   int      // dossiers replayed from the log
	Events     int      // events in the log
	Mismatches []string // dossiers whose projection differs from a replay of their events
}

// OK reports whether the database passed every check.
func (r *CheckResult) OK() bool { return r.Integrity == "ok" && len(r.Mismatches) == 0 }

// Check runs SQLite's integrity check and compares every dossier row and search entry with a
// replay of the log. With rebuild it then rewrites the projections from the log.
func (s *Store) Check(ctx context.Context, rebuild bool, progress func(done, total int)) (*CheckResult, error) {
	res := &CheckResult{}
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("kiểm tra toàn vẹn: %w", err)
	}
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return nil, err
		}
		msgs = append(msgs, m)
	}
	rows.Close()
	res.Integrity = "ok"
	if len(msgs) != 1 || msgs[0] != "ok" {
		res.Integrity = fmt.Sprint(msgs)
		return res, nil
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM events").Scan(&res.Events); err != nil {
		return nil, err
	}
	if rebuild {
		n, err := s.Rebuild(ctx, progress)
		res.Dossiers = n
		return res, err
	}
	ids := s.catalogIDs()
	var total int
	if err := s.db.QueryRowContext(ctx, "SELECT count(DISTINCT dossier) FROM events").Scan(&total); err != nil {
		return nil, err
	}
	want := map[statKey]*statVec{}
	wantOfficers := map[officerKey]*officerVec{}
	wantLate := map[[16]byte]lateRow{}
	err = s.replayAll(ctx, s.db, func(d *Dossier) error {
		res.Dossiers++
		contributions(want, d, ids, +1)
		officerContributions(wantOfficers, d, +1)
		if r, ok := lateRowOf(d); ok {
			wantLate[d.ID] = r
		}
		if progress != nil && res.Dossiers%1000 == 0 {
			progress(res.Dossiers, total)
		}
		want := projectionArgs(d, ids)
		got, err := s.projectionRow(ctx, d.ID)
		if err != nil {
			res.Mismatches = append(res.Mismatches, fmt.Sprintf("%s: %v", d.Code, err))
			return nil
		}
		if !sameRow(want, got) {
			res.Mismatches = append(res.Mismatches, fmt.Sprintf("hồ sơ %s (%s): bảng hồ sơ khác nhật ký", d.Code, d.ID))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var projected int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM dossiers").Scan(&projected); err != nil {
		return nil, err
	}
	if projected != res.Dossiers {
		res.Mismatches = append(res.Mismatches, fmt.Sprintf("bảng hồ sơ có %d dòng, nhật ký có %d hồ sơ", projected, res.Dossiers))
	}
	var indexed int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM dossier_search").Scan(&indexed); err != nil {
		return nil, err
	}
	if indexed != projected {
		res.Mismatches = append(res.Mismatches, fmt.Sprintf("chỉ mục tìm kiếm có %d mục, bảng hồ sơ có %d dòng", indexed, projected))
	}
	if err := s.checkDaily(ctx, want, res); err != nil {
		return nil, err
	}
	if err := s.checkOfficers(ctx, wantOfficers, res); err != nil {
		return nil, err
	}
	if err := s.checkLate(ctx, wantLate, res); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(res.Dossiers, total)
	}
	return res, nil
}

// checkDaily compares daily_stats with the sums a replay of the log gives.
func (s *Store) checkDaily(ctx context.Context, want map[statKey]*statVec, res *CheckResult) error {
	bad, err := countDrift(ctx, s.db, "SELECT day, unit_id, field_id, "+dailyColumns+" FROM daily_stats", want,
		func(k *statKey, v *statVec) []any { return appendCounters([]any{&k.day, &k.unit, &k.field}, v[:]) })
	if err != nil {
		return fmt.Errorf("đọc số liệu thống kê: %w", err)
	}
	if bad > 0 {
		res.Mismatches = append(res.Mismatches, fmt.Sprintf("số liệu thống kê theo ngày sai ở %d dòng so với nhật ký", bad))
	}
	return nil
}

// checkOfficers compares officer_stats with the sums a replay of the log gives.
func (s *Store) checkOfficers(ctx context.Context, want map[officerKey]*officerVec, res *CheckResult) error {
	bad, err := countDrift(ctx, s.db, "SELECT day, officer, "+officerColumns+" FROM officer_stats", want,
		func(k *officerKey, v *officerVec) []any { return appendCounters([]any{&k.day, &k.officer}, v[:]) })
	if err != nil {
		return fmt.Errorf("đọc số liệu đánh giá cán bộ: %w", err)
	}
	if bad > 0 {
		res.Mismatches = append(res.Mismatches, fmt.Sprintf("số liệu đánh giá cán bộ theo ngày sai ở %d dòng so với nhật ký", bad))
	}
	return nil
}

// countDrift counts the rows of a summary table (query) that differ from want, the rows a replay
// of the log gives, by key: a row on one side only counts unless its counters are all zero. It
// empties want. dest gives the scan destinations of a row's key and counters, in column order.
func countDrift[K, V comparable](ctx context.Context, db *sql.DB, query string, want map[K]*V, dest func(*K, *V) []any) (int, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var zero V
	bad := 0
	for rows.Next() {
		var k K
		var v V
		if err := rows.Scan(dest(&k, &v)...); err != nil {
			return 0, err
		}
		if w := want[k]; (w == nil && v != zero) || (w != nil && *w != v) {
			bad++
		}
		delete(want, k)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, v := range want {
		if *v != zero {
			bad++
		}
	}
	return bad, nil
}

// appendCounters appends the addresses of a summary row's counters to its scan destinations.
func appendCounters(dest []any, counters []int64) []any {
	for i := range counters {
		dest = append(dest, &counters[i])
	}
	return dest
}

// projectionRow reads a dossiers row in projectionArgs' column order.
func (s *Store) projectionRow(ctx context.Context, id uuid.UUID) ([]any, error) {
	cols := make([]any, 29)
	ptrs := make([]any, len(cols))
	for i := range cols {
		ptrs[i] = &cols[i]
	}
	err := s.db.QueryRowContext(ctx, `SELECT id, code, office, status, procedure_id, field_id, unit_id, handler, receiver,
		channel, applicant, applicant_id, phone, address, submitted_at, received_at, due_at, due_original, apology_due,
		paused_at, finished_at, returned_at, supplements, apologies, rating, fee_received, fee_returned, conflicts, last_seq
		FROM dossiers WHERE id = ?`, id[:]).Scan(ptrs...)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("thiếu trong bảng hồ sơ")
	}
	return cols, err
}

// sameRow compares projection values: what Go would write against what SQLite holds.
func sameRow(want, got []any) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if !sameValue(want[i], got[i]) {
			return false
		}
	}
	return true
}

func sameValue(w, g any) bool {
	switch v := w.(type) {
	case sql.NullInt64:
		if !v.Valid {
			return g == nil
		}
		return g == v.Int64
	case sql.NullString:
		if !v.Valid {
			return g == nil
		}
		return asString(g) == v.String
	case []byte:
		b, ok := g.([]byte)
		return ok && bytes.Equal(v, b)
	case string:
		return asString(g) == v
	case int:
		return g == int64(v)
	case int64:
		return g == v
	}
	return reflect.DeepEqual(w, g)
}

func asString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

// replayAll folds every dossier's events in canonical order and calls fn with each result. Events
// of one dossier are contiguous because the scan is ordered by dossier.
func (s *Store) replayAll(ctx context.Context, q querier, fn func(*Dossier) error) error {
	rows, err := q.QueryContext(ctx, `SELECT seq, id, dossier, type, at, actor, station, office, payload, COALESCE(conflict, '')
		FROM events ORDER BY dossier, at, id`)
	if err != nil {
		return fmt.Errorf("đọc nhật ký: %w", err)
	}
	defer rows.Close()
	var d *Dossier
	for rows.Next() {
		e, err := scanEvent(rows, s.loc)
		if err != nil {
			return err
		}
		if d != nil && d.ID != e.Dossier {
			if err := fn(d); err != nil {
				return err
			}
			d = nil
		}
		if d == nil {
			d = &Dossier{ID: e.Dossier}
		}
		if e.Conflict != "" {
			continue
		}
		p, err := DecodePayload(e.Type, e.Payload)
		if err != nil {
			return fmt.Errorf("sự kiện %s: %w", e.ID, err)
		}
		if err := d.Apply(&e, p); err != nil {
			return fmt.Errorf("sự kiện %s không khớp nhật ký: %w", e.ID, err)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if d != nil {
		return fn(d)
	}
	return nil
}

// Rebuild rewrites the dossiers table, the search index, the daily and per-official figures and
// the late list from the log, in one transaction.
func (s *Store) Rebuild(ctx context.Context, progress func(done, total int)) (int, error) {
	var n int
	err := s.WithTx(ctx, func(tx *sql.Tx) error {
		var total int
		if err := tx.QueryRowContext(ctx, "SELECT count(DISTINCT dossier) FROM events").Scan(&total); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM dossier_search; DELETE FROM dossiers; DELETE FROM daily_stats; DELETE FROM officer_stats; DELETE FROM late_dossiers;"); err != nil {
			return fmt.Errorf("xóa bảng hồ sơ: %w", err)
		}
		w, err := s.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		w.deferDaily = true
		err = s.replayAll(ctx, tx, func(d *Dossier) error {
			n++
			if progress != nil && n%1000 == 0 {
				progress(n, total)
			}
			if d.Status == StatusNone {
				return nil
			}
			return w.project(ctx, &Dossier{}, d)
		})
		if err != nil {
			return err
		}
		return w.flushDaily(ctx)
	})
	return n, err
}
