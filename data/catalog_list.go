package data

import (
	"context"
	"fmt"
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"motcua/data/vntext"
)

// CatalogProcedures lists the procedures of the catalog for its administrator: those in use and
// those taken out of use (Procedures, which the counter uses, hides the latter), matching query
// as Procedures does, with their fees, in Vietnamese alphabetical order of their names ("Cấp"
// before "Chấm", which SQLite's byte order puts the other way). limit ≤ 0 means 1000.
func (s *Store) CatalogProcedures(ctx context.Context, query string, limit int) ([]Procedure, error) {
	if limit <= 0 {
		limit = 1000
	}
	where := " WHERE 1 = 1"
	var args []any
	for _, tok := range vntext.Tokens(query) {
		where += " AND instr(p.search, ?) > 0"
		args = append(args, tok)
	}
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, "SELECT "+procedureColumns+procedureFrom+where+" ORDER BY p.name, p.code LIMIT ?", args...)
	if err != nil {
		return nil, fmt.Errorf("tìm thủ tục: %w", err)
	}
	defer rows.Close()
	var out []Procedure
	at := map[int64]int{} // procedure id → index in out
	for rows.Next() {
		p, err := scanProcedure(rows)
		if err != nil {
			return nil, fmt.Errorf("tìm thủ tục: %w", err)
		}
		at[p.ID] = len(out)
		out = append(out, *p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tìm thủ tục: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	vi := collate.New(language.Vietnamese)
	sort.SliceStable(out, func(i, j int) bool { return vi.CompareString(out[i].Name, out[j].Name) < 0 })
	for i := range out {
		at[out[i].ID] = i
	}
	// One pass over every fee: a catalog has a few thousand at most, fewer queries than one per
	// listed procedure.
	frows, err := s.db.QueryContext(ctx, "SELECT procedure_id, n, name, amount, stage FROM procedure_fees ORDER BY procedure_id, n")
	if err != nil {
		return nil, fmt.Errorf("đọc phí, lệ phí: %w", err)
	}
	defer frows.Close()
	for frows.Next() {
		var id int64
		var f ProcedureFee
		if err := frows.Scan(&id, &f.N, &f.Name, &f.Amount, &f.Stage); err != nil {
			return nil, fmt.Errorf("đọc phí, lệ phí: %w", err)
		}
		if i, ok := at[id]; ok {
			out[i].Fees = append(out[i].Fees, f)
		}
	}
	return out, frows.Err()
}
