package data

import (
	"context"
	"fmt"
)

// workOrder is the order of the work lists: the dossiers whose clock runs by due date (overdue
// first, those without a due date last), then those waiting for the applicant (supplement,
// financial obligation). A paused dossier keeps its old due date until the clock runs again, when
// the date moves by the paused time: sorted by it, a long pause led the list ahead of the dossiers
// really overdue.
const workOrder = " ORDER BY d.paused_at IS NOT NULL, " + dueKey + ", d.rid"

// MyWork lists the open dossiers waiting for username (their current handler) or, when unit is not
// "", for that unit: overdue first, then by due date (those without one last), the paused ones
// after them (workOrder), at most limit (1–1000, default 50).
func (s *Store) MyWork(ctx context.Context, username, unit string, limit int) ([]Hit, error) {
	return s.workList(ctx, "d.handler = ? AND d.handler <> ''", []any{username}, unit, limit, "liệt kê hồ sơ cần xử lý")
}

// LeaderWork lists the open dossiers waiting for a leader: those handed to username, the
// withdrawal requests (only a leader may stop processing, form 05), the overdue ones (a leader
// signs the apology, form 04) and, when unit is not "", that unit's open dossiers (a leader who is
// also an officer). The order is MyWork's (workOrder), at most limit (1–1000, default 50).
func (s *Store) LeaderWork(ctx context.Context, username, unit string, limit int) ([]Hit, error) {
	mode, err := s.DateMode(ctx)
	if err != nil {
		return nil, fmt.Errorf("liệt kê hồ sơ chờ lãnh đạo: %w", err)
	}
	// overdue as the verdict says (VerdictAt): in the date mode not before the due day is over
	args := []any{username, int(StatusWithdrawing), OverdueFrom(s.Now(), mode).Unix()}
	return s.workList(ctx, "(d.handler = ? AND d.handler <> '') OR d.status = ? OR d.due_at < ?", args, unit, limit,
		"liệt kê hồ sơ chờ lãnh đạo")
}

// workList lists the open dossiers that match who (with its args) or, when unit is not "", belong
// to that unit, in workOrder, at most limit (1–1000, default 50); what names the list in an error.
func (s *Store) workList(ctx context.Context, who string, args []any, unit string, limit int, what string) ([]Hit, error) {
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	// Sorting by due date puts the overdue first by itself; the open dossiers are a small set read
	// from the partial index dossiers_unfinished.
	q := "SELECT " + hitColumns +
		" FROM dossiers d INDEXED BY dossiers_unfinished LEFT JOIN procedures p ON p.id = d.procedure_id WHERE " + openCond +
		" AND (" + who
	if unit != "" {
		q += " OR d.unit_id = (SELECT id FROM units WHERE code = ?)"
		args = append(args, unit)
	}
	q += ")" + workOrder + " LIMIT ?"
	rows, err := s.db.QueryContext(ctx, q, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return s.scanHits(rows)
}
