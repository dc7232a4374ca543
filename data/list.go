package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// ListFilter narrows the dossier list. Every field is optional; the fields set are ANDed.
type ListFilter struct {
	Statuses  []Status      // empty: all
	Unit      string        // unit code; "": all
	Procedure string        // procedure code; "": all
	Channel   Channel       // 0: all
	From, To  calendar.Date // received on a day in [From, To] (office zone); zero: open-ended
	// DueSoon: open and due within one working day from now (not yet overdue). Overdue: open and
	// past due now. Both set: open and due before the end of that working day (either of them).
	DueSoon bool
	Overdue bool
	Handler string // username of the current handler
	// Query is what Search takes: a code prefix, or words (accents ignored) of the applicant's
	// name, citizen ID, phone or address. Blank: no condition.
	Query string
}

// ListSort orders the dossier list. Ties are broken by the internal row id in the same direction,
// so that pages never overlap. Missing values (no reception time, no code) sort lowest; a dossier
// without a due date sorts as due at the end of time.
type ListSort string

// The orders of the dossier list.
const (
	SortReceivedDesc ListSort = "received_desc" // the default
	SortReceivedAsc  ListSort = "received_asc"
	SortDueAsc       ListSort = "due_asc"
	SortDueDesc      ListSort = "due_desc"
	SortCodeAsc      ListSort = "code_asc"
	SortCodeDesc     ListSort = "code_desc"
)

// dueKey is the sort key of a dossier without a due date; the expression matches the index
// dossiers_list_due of schema 0002 exactly, so that the order is read from the index.
const dueKey = `ifnull(d.due_at, 9223372036854775807)`

func (o ListSort) orderBy() (string, error) {
	switch o {
	case "", SortReceivedDesc:
		return " ORDER BY d.received_at DESC, d.rid DESC", nil
	case SortReceivedAsc:
		return " ORDER BY d.received_at, d.rid", nil
	case SortDueAsc:
		return " ORDER BY " + dueKey + ", d.rid", nil
	case SortDueDesc:
		return " ORDER BY " + dueKey + " DESC, d.rid DESC", nil
	case SortCodeAsc:
		return " ORDER BY d.code, d.rid", nil
	case SortCodeDesc:
		return " ORDER BY d.code DESC, d.rid DESC", nil
	}
	return "", inputError(KeyListOrder, msgNoSuchOrder, string(o))
}

// openCond selects the dossiers received and not yet finished (the partial index
// dossiers_unfinished has the same condition).
const openCond = "d.finished_at IS NULL AND d.received_at IS NOT NULL"

// denseRows decides between two plans for a filter that has an index. A filter matching fewer
// rows is read through its index and the few rows sorted; one matching more is checked row by
// row while the order's index is walked, which finds a page after about limit × total / matches
// rows (≤ 5,000 for 50 rows of a 1,000,000 office) instead of sorting them all. SQLite cannot
// tell the two apart without statistics, so List counts up to denseRows through the filter's index
// (a bounded probe of a millisecond or two) and hides the index from the planner when dense.
var denseRows = 10_000 // a variable so that the tests can take both plans

// listPlan says which way List reads: the order it will sort by, or count (no order).
type listPlan struct {
	count    bool
	received bool // the order is by reception time: the unit, procedure and date indexes give it too
	due      bool // the order is by due date
	code     bool // the order is by code
	desc     bool // the order is descending
	// words, when set, takes the words of a query that match many dossiers out of the WHERE
	// clause: List then checks them a stretch of the order at a time (list_walk.go).
	words *wordWalk
}

func planFor(o ListSort) listPlan {
	desc := o == SortDueDesc || o == SortCodeDesc || o == SortReceivedDesc || o == ""
	switch o {
	case SortDueAsc, SortDueDesc:
		return listPlan{due: true, desc: desc}
	case SortCodeAsc, SortCodeDesc:
		return listPlan{code: true, desc: desc}
	}
	return listPlan{received: true, desc: desc}
}

// listWhere builds the WHERE clause of f with its arguments; none=true when f can match nothing
// (a query with no word in it, like Search).
//
// sparse reports a filter read through its own index because it matches few rows: the order's
// index must then not be walked (List hides it), or SQLite, without statistics, may walk it from
// one end checking every row (open dossiers by due date: the whole 1 GB file for a page).
func (s *Store) listWhere(ctx context.Context, f ListFilter, plan listPlan) (where string, args []any, none, sparse bool, err error) {
	var conds []string
	var received *[2]int64 // the reception period's bounds, when the filter has one
	// add appends a condition on col; probe (the same condition without the column prefix, over
	// dossiers) tells whether it is dense, in which case the index on col is hidden with a unary +.
	add := func(col, rest string, probe string, a ...any) error {
		if probe != "" && !plan.count {
			dense, err := s.atLeast(ctx, "SELECT 1 FROM dossiers d WHERE "+probe, denseRows, a...)
			if err != nil {
				return err
			}
			if dense {
				col = "+" + col
			} else {
				sparse = true
			}
		}
		conds = append(conds, col+rest)
		args = append(args, a...)
		return nil
	}
	var errs []error
	if len(f.Statuses) > 0 {
		ph := strings.TrimSuffix(strings.Repeat("?,", len(f.Statuses)), ",")
		var a []any
		for _, st := range f.Statuses {
			a = append(a, int(st))
		}
		cond := " IN (" + ph + ")"
		errs = append(errs, add("d.status", cond, "d.status"+cond, a...))
	}
	if f.Unit != "" {
		cond := " = (SELECT id FROM units WHERE code = ?)"
		probe := "d.unit_id" + cond
		if plan.received {
			probe = "" // (unit_id, received_at) gives the order: always use it
		}
		errs = append(errs, add("d.unit_id", cond, probe, f.Unit))
	}
	if f.Procedure != "" {
		cond := " = (SELECT id FROM procedures WHERE code = ?)"
		probe := "d.procedure_id" + cond
		if plan.received {
			probe = ""
		}
		errs = append(errs, add("d.procedure_id", cond, probe, f.Procedure))
	}
	if f.Channel != 0 {
		errs = append(errs, add("d.channel", " = ?", "", int(f.Channel)))
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		lo, hi := int64(-1<<62), int64(1<<62)
		if !f.From.IsZero() {
			lo = s.dayStart(f.From)
		}
		if !f.To.IsZero() {
			hi = s.dayStart(s.nextDay(f.To))
		}
		probe := "d.received_at >= ? AND d.received_at < ?"
		if plan.received || plan.code {
			// Codes carry the reception day: along the code index the range's dossiers bunch
			// together far from the start, so walking it would not find them sooner.
			probe = ""
		}
		// The unary + (when dense) must be on both bounds: either alone would still use the index.
		col := "d.received_at"
		if probe != "" && !plan.count {
			dense, err := s.atLeast(ctx, "SELECT 1 FROM dossiers d WHERE "+probe, denseRows, lo, hi)
			errs = append(errs, err)
			if dense {
				col = "+d.received_at"
			} else {
				sparse = true
			}
		}
		errs = append(errs, add(col, " >= ? AND "+col+" < ?", "", lo, hi))
		received = &[2]int64{lo, hi}
		if plan.due && !f.From.IsZero() {
			// Nothing is due before it is received: the walk along the due index starts at From.
			errs = append(errs, add(dueKey, " >= ?", "", lo))
		}
	}
	if f.DueSoon || f.Overdue {
		now := s.Now()
		mode, err := s.DateMode(ctx)
		errs = append(errs, err)
		overdue := OverdueFrom(now, mode).Unix() // overdue: due before that, as VerdictAt says
		lo, hi := int64(-1<<62), overdue
		if f.DueSoon {
			hi = s.soonLimit(now).Unix() + 1 // due ≤ soon
			if !f.Overdue {
				lo = overdue
			}
		}
		// The open dossiers are few (the partial index dossiers_unfinished): always read them first.
		errs = append(errs, add(openCond, " AND d.due_at >= ? AND d.due_at < ?", "", lo, hi))
	}
	if f.Handler != "" {
		// handler <> '' lets SQLite use the partial index dossiers_handler.
		cond := " = ? AND d.handler <> ''"
		errs = append(errs, add("d.handler", cond, "d.handler"+cond, f.Handler))
	}
	if err := errors.Join(errs...); err != nil {
		return "", nil, false, false, fmt.Errorf("liệt kê hồ sơ: %w", err)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		c, a, ok, err := s.queryCond(ctx, q, plan, received)
		if err != nil {
			return "", nil, false, false, err
		}
		if !ok {
			return "", nil, true, false, nil
		}
		if c != "" {
			conds = append(conds, c)
			args = append(args, a...)
		}
	}
	if len(conds) == 0 {
		return "", args, false, sparse, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, false, sparse, nil
}

// atLeast reports whether the query q (rows of anything) has at least n rows, reading no more.
func (s *Store) atLeast(ctx context.Context, q string, n int, args ...any) (bool, error) {
	var got int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM ("+q+" LIMIT ?)", append(args, n)...).Scan(&got)
	return got >= n, err
}

// queryCond is Search's logic as a condition: a code prefix when the text looks like one and some
// dossier has such a code, else the folded words through the full-text index. ok=false: no word.
//
// The words' matches are collected once either way. Few are then looked up by rowid and sorted; many
// ("nguyen van") are only checked against while List walks the index of its order (the unary +
// keeps SQLite from fetching and sorting a hundred thousand rows). A per-row full-text probe
// instead would re-read the prefix lists for every row: far slower.
//
// With a reception period (received: its bounds), the words' matches are only collected among the
// row ids of the dossiers received in it: row ids follow the order of arrival, so a month's
// dossiers lie in a narrow band of ids, and the index reads only that band of a long list ("nguyen",
// a third of the office) instead of the whole of it.
func (s *Store) queryCond(ctx context.Context, q string, plan listPlan, received *[2]int64) (cond string, args []any, ok bool, err error) {
	if prefix := vntext.CodePrefix(q); prefix != "" {
		var one int
		err := s.db.QueryRowContext(ctx, "SELECT 1 FROM dossiers WHERE code >= ? AND code < ? LIMIT 1",
			prefix, prefix+"\x7f").Scan(&one)
		if err == nil {
			args := []any{prefix, prefix + "\x7f"}
			walk, err := s.walkForCodes(ctx, plan, args)
			if err != nil {
				return "", nil, false, fmt.Errorf("tìm theo mã hồ sơ: %w", err)
			}
			if walk {
				// The unary + must be on both bounds, as for the reception dates.
				return "+d.code >= ? AND +d.code < ?", args, true, nil
			}
			return "d.code >= ? AND d.code < ?", args, true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return "", nil, false, fmt.Errorf("tìm theo mã hồ sơ: %w", err)
		}
	}
	match, err := s.matchQuery(ctx, q)
	if match == "" || err != nil {
		return "", nil, false, err
	}
	sub, args := "SELECT rowid FROM dossier_search WHERE dossier_search MATCH ?", []any{match}
	if received != nil {
		var lo, hi sql.NullInt64
		err := s.db.QueryRowContext(ctx, "SELECT min(rid), max(rid) FROM dossiers WHERE received_at >= ? AND received_at < ?",
			received[0], received[1]).Scan(&lo, &hi)
		if err != nil {
			return "", nil, false, fmt.Errorf("tìm hồ sơ: %w", err)
		}
		if !lo.Valid { // nobody received in the period: nothing matches
			lo.Int64, hi.Int64 = 1, 0
		}
		sub += " AND rowid >= ? AND rowid <= ?"
		args = append(args, lo.Int64, hi.Int64)
	}
	if !plan.count {
		dense, err := s.atLeast(ctx, sub, denseRows, args...)
		if err != nil {
			return "", nil, false, fmt.Errorf("tìm hồ sơ: %w", err)
		}
		if dense && plan.words != nil {
			plan.words.sub, plan.words.args = sub, args
			return "", nil, true, nil
		}
		if dense {
			return "+d.rid IN (" + sub + ")", args, true, nil
		}
	}
	return "d.rid IN (" + sub + ")", args, true, nil
}

// codeWalkRows is how many rows List may walk along the reception index before it reaches the
// dossiers of a code prefix (a variable so that the tests can take both plans).
var codeWalkRows = 20_000

// walkForCodes decides how List reads the dossiers of a code prefix (args: its bounds) in the
// reception order. A short prefix (the office and a month: "000.00.31.H56-2601") matches tens of
// thousands of codes, and sorting them all takes a few hundred milliseconds at 1,000,000
// dossiers. Codes carry the reception day, so the matches lie together along the reception index:
// walking it finds a page at once when they lie near where the walk starts (this month, newest
// first) and only after most of the office when they lie far (last year, newest first). The walk
// is taken when the prefix is dense and fewer than codeWalkRows dossiers were received beyond the
// end of its codes nearest the walk's start; else the code index reads them and they are sorted.
func (s *Store) walkForCodes(ctx context.Context, plan listPlan, args []any) (bool, error) {
	if plan.count || !plan.received {
		return false, nil
	}
	dense, err := s.atLeast(ctx, "SELECT 1 FROM dossiers d WHERE d.code >= ? AND d.code < ?", denseRows, args...)
	if err != nil || !dense {
		return false, err
	}
	dir, beyond := "", "<"
	if plan.desc {
		dir, beyond = " DESC", ">"
	}
	var edge int64
	err = s.db.QueryRowContext(ctx, "SELECT received_at FROM dossiers WHERE code >= ? AND code < ? AND received_at IS NOT NULL ORDER BY code"+
		dir+" LIMIT 1", args...).Scan(&edge)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	far, err := s.atLeast(ctx, "SELECT 1 FROM dossiers d WHERE d.received_at "+beyond+" ?", codeWalkRows, edge)
	return !far, err
}

func (s *Store) dayStart(d calendar.Date) int64 {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, s.loc).Unix()
}

func (s *Store) nextDay(d calendar.Date) calendar.Date { return calendar.D(d.Year, d.Month, d.Day+1) }

// soonLimit is the end of "due within one working day" from now: the same time of day on the next
// working day (after normalising now into working time), as a one-working-day limit would set.
func (s *Store) soonLimit(now time.Time) time.Time {
	t, ok := s.Calendar().Due(now, calendar.Limit{Value: 1, Unit: calendar.WorkingDays})
	if !ok {
		return now.Add(24 * time.Hour)
	}
	return t
}

// List returns one page of the dossiers matching f in the order o: at most limit rows (1–1000,
// default 50) after the row that after marks (the zero Cursor: from the start), and the cursor of
// the page's last row, to pass back for the next page ("" when the list ended with this page).
// A cursor made for another filter or order, or garbled, is refused (an *InputError). Whatever the
// user typed in f.Query never reaches SQL or FTS5 as syntax.
func (s *Store) List(ctx context.Context, f ListFilter, o ListSort, after Cursor, limit int) ([]Hit, Cursor, error) {
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	order, err := o.orderBy()
	if err != nil {
		return nil, "", err
	}
	scope := listScope(f, o)
	var from *listKey
	if after != "" {
		k, err := decodeCursor(after, o, scope)
		if err != nil {
			return nil, "", fmt.Errorf("liệt kê hồ sơ: %w", err)
		}
		from = &k
	}
	plan := planFor(o)
	plan.words = &wordWalk{}
	where, args, none, sparse, err := s.listWhere(ctx, f, plan)
	if err != nil || none {
		return nil, "", err
	}
	if sparse {
		order = strings.Replace(order, " ORDER BY ", " ORDER BY +", 1)
	}
	if plan.words.sub != "" {
		return s.listWalkingWords(ctx, o, scope, from, where, args, order, sparse, plan.words, limit)
	}
	hits, last, err := s.listFrom(ctx, o.sortKey(), from, sparse, where, args, order, limit)
	if err != nil || len(hits) < limit {
		return hits, "", err
	}
	return hits, encodeCursor(o, scope, last), nil
}

// listFrom reads up to limit rows of the list after the row at from (nil: from the start) and
// gives the place of the last one read.
func (s *Store) listFrom(ctx context.Context, sk sortKey, from *listKey, sparse bool, where string, args []any, order string,
	limit int) ([]Hit, listKey, error) {
	var hits []Hit
	var last listKey
	for _, seg := range sk.segments(from, sparse) {
		w := where
		switch {
		case seg.cond == "":
		case w == "":
			w = " WHERE " + seg.cond
		default:
			w += " AND " + seg.cond
		}
		a := append(append(append([]any{}, args...), seg.args...), limit-len(hits))
		rows, err := s.db.QueryContext(ctx, "SELECT "+hitColumns+", d.rid, "+sk.col+hitFrom+w+order+" LIMIT ?", a...)
		if err != nil {
			return nil, last, fmt.Errorf("liệt kê hồ sơ: %w", err)
		}
		var rid int64
		var key any
		page, err := s.scanHitsWith(rows, func() { last = keyOf(key, rid) }, &rid, &key)
		if err != nil {
			return nil, last, fmt.Errorf("liệt kê hồ sơ: %w", err)
		}
		hits = append(hits, page...)
		if len(hits) >= limit {
			break
		}
	}
	return hits, last, nil
}

// Count is the number of dossiers matching f.
func (s *Store) Count(ctx context.Context, f ListFilter) (int, error) {
	n, _, err := s.CountUpTo(ctx, f, 0)
	return n, err
}

// CountUpTo counts the dossiers matching f but stops after upTo (upTo > 0): more reports that there
// are more than n = upTo, so a screen can show "hơn 10.000" without counting a million rows.
// upTo <= 0 counts them all.
func (s *Store) CountUpTo(ctx context.Context, f ListFilter, upTo int) (n int, more bool, err error) {
	where, args, none, _, err := s.listWhere(ctx, f, listPlan{count: true})
	if err != nil || none {
		return 0, false, err
	}
	from := "dossiers d"
	if strings.TrimSpace(f.Query) != "" && !vntext.LooksLikeCode(f.Query) && len(args) == 1 {
		// Words and nothing else: the full-text index alone counts them (one row per dossier).
		where, from = "", "dossier_search WHERE dossier_search MATCH ?"
	}
	q := "SELECT count(*) FROM " + from + where
	if upTo > 0 {
		q = "SELECT count(*) FROM (SELECT 1 FROM " + from + where + " LIMIT ?)"
		args = append(args, upTo+1)
	}
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, false, fmt.Errorf("đếm hồ sơ: %w", err)
	}
	if upTo > 0 && n > upTo {
		return upTo, true, nil
	}
	return n, false, nil
}
