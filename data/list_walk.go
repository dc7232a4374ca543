package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// wordWalk is the part of a query that matches many dossiers: the full-text subquery of its words
// (a SELECT of row ids) and its arguments.
type wordWalk struct {
	sub  string
	args []any
}

// walkChunk is how many rows of the order List reads at a time when it checks the words of a
// query that match many dossiers (a variable so that the tests can take small steps).
var walkChunk = 1000

// walkChunks is how many stretches List reads before it gives up walking (the words are rare
// among the rows the other conditions leave) and checks the rest of the rows against all the
// words' matches at once, as for words that match few dossiers.
var walkChunks = 20

// listWalkingWords is List for a query whose words match many dossiers ("nguyen": a third of the
// office). Collecting every match first and checking each row of the order against them costs as
// much as the matches are many (a tenth of a second at 1,000,000 dossiers, for every page), and
// asking the full-text index about each row one by one costs far more. Instead the order's rows
// that pass the other conditions are read a stretch at a time (walkChunk rows, ids and keys only),
// and the index is asked once per stretch for its matches between the stretch's lowest and highest
// row ids: row ids follow the order of arrival, which the orders by reception, code (it carries the
// reception day) and due date follow closely, so that band is narrow and read at once.
func (s *Store) listWalkingWords(ctx context.Context, o ListSort, scope string, from *listKey, where string, args []any,
	order string, sparse bool, w *wordWalk, limit int) ([]Hit, Cursor, error) {
	sk := o.sortKey()
	var kept []int64
	var keys []listKey
	for chunks := 0; len(kept) < limit; chunks++ {
		if chunks == walkChunks {
			return s.listWordsAtOnce(ctx, o, scope, from, where, args, order, sparse, w, limit, kept)
		}
		moved := false
		for _, seg := range sk.segments(from, sparse) {
			wh := where
			switch {
			case seg.cond == "":
			case wh == "":
				wh = " WHERE " + seg.cond
			default:
				wh += " AND " + seg.cond
			}
			a := append(append(append([]any{}, args...), seg.args...), walkChunk)
			rows, err := s.db.QueryContext(ctx, "SELECT d.rid, "+sk.col+" FROM dossiers d"+wh+order+" LIMIT ?", a...)
			if err != nil {
				return nil, "", fmt.Errorf("liệt kê hồ sơ: %w", err)
			}
			var chunk []listKey
			for rows.Next() {
				var rid int64
				var key any
				if err := rows.Scan(&rid, &key); err != nil {
					rows.Close()
					return nil, "", fmt.Errorf("liệt kê hồ sơ: %w", err)
				}
				chunk = append(chunk, keyOf(key, rid))
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, "", fmt.Errorf("liệt kê hồ sơ: %w", err)
			}
			if len(chunk) == 0 {
				continue // this stretch of the order is done: the next one
			}
			match, err := s.wordsBetween(ctx, w, chunk)
			if err != nil {
				return nil, "", err
			}
			for _, k := range chunk {
				if match[k.Rid] && len(kept) < limit {
					kept = append(kept, k.Rid)
					keys = append(keys, k)
				}
			}
			last := chunk[len(chunk)-1]
			from, moved = &last, true
			break
		}
		if !moved {
			break // the end of the list
		}
	}
	hits, err := s.hitsByRid(ctx, kept)
	if err != nil {
		return nil, "", err
	}
	if len(kept) < limit {
		return hits, "", nil
	}
	return hits, encodeCursor(o, scope, keys[len(keys)-1]), nil
}

// walkGap is the widest gap between two row ids of a stretch that one reading of the index spans:
// rows further apart (those never received, which sort first; dossiers due together but received
// weeks apart) are asked about in separate bands, so that no reading crosses the whole office.
var walkGap int64 = 4096 // a variable so that the tests can split every stretch

// listWordsAtOnce ends listWalkingWords after its rows kept: the rest of the page is read from the
// row at from with the words' matches collected at once, as one condition.
func (s *Store) listWordsAtOnce(ctx context.Context, o ListSort, scope string, from *listKey, where string, args []any,
	order string, sparse bool, w *wordWalk, limit int, kept []int64) ([]Hit, Cursor, error) {
	hits, err := s.hitsByRid(ctx, kept)
	if err != nil {
		return nil, "", err
	}
	cond := "+d.rid IN (" + w.sub + ")"
	if where == "" {
		where = " WHERE " + cond
	} else {
		where += " AND " + cond
	}
	rest, last, err := s.listFrom(ctx, o.sortKey(), from, sparse, where, append(append([]any{}, args...), w.args...), order, limit-len(kept))
	if err != nil {
		return nil, "", err
	}
	hits = append(hits, rest...)
	if len(rest) < limit-len(kept) {
		return hits, "", nil
	}
	return hits, encodeCursor(o, scope, last), nil
}

// wordsBetween is the set of the row ids of chunk that the words match, read from the index in the
// bands of row ids the chunk covers.
func (s *Store) wordsBetween(ctx context.Context, w *wordWalk, chunk []listKey) (map[int64]bool, error) {
	rids := make([]int64, len(chunk))
	in := make(map[int64]bool, len(chunk))
	for i, k := range chunk {
		rids[i] = k.Rid
		in[k.Rid] = false
	}
	slices.Sort(rids)
	for start := 0; start < len(rids); {
		end := start + 1
		for end < len(rids) && rids[end]-rids[end-1] <= walkGap {
			end++
		}
		if err := s.wordsInBand(ctx, w, rids[start], rids[end-1], in); err != nil {
			return nil, err
		}
		start = end
	}
	return in, nil
}

// wordsInBand marks in the row ids of in between lo and hi that the words match.
func (s *Store) wordsInBand(ctx context.Context, w *wordWalk, lo, hi int64, in map[int64]bool) error {
	rows, err := s.db.QueryContext(ctx, w.sub+" AND rowid >= ? AND rowid <= ?", append(append([]any{}, w.args...), lo, hi)...)
	if err != nil {
		return fmt.Errorf("tìm hồ sơ: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rid int64
		if err := rows.Scan(&rid); err != nil {
			return fmt.Errorf("tìm hồ sơ: %w", err)
		}
		if _, ok := in[rid]; ok {
			in[rid] = true
		}
	}
	return rows.Err()
}

// hitsByRid reads the dossiers of rids, in that order.
func (s *Store) hitsByRid(ctx context.Context, rids []int64) ([]Hit, error) {
	if len(rids) == 0 {
		return nil, nil
	}
	a := make([]any, len(rids))
	for i, r := range rids {
		a[i] = r
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+hitColumns+", d.rid"+hitFrom+" WHERE d.rid IN ("+
		strings.TrimSuffix(strings.Repeat("?,", len(rids)), ",")+")", a...)
	if err != nil {
		return nil, fmt.Errorf("liệt kê hồ sơ: %w", err)
	}
	var rid int64
	var got []int64
	hits, err := s.scanHitsWith(rows, func() { got = append(got, rid) }, &rid)
	if err != nil {
		return nil, fmt.Errorf("liệt kê hồ sơ: %w", err)
	}
	byRid := make(map[int64]Hit, len(hits))
	for i, h := range hits {
		byRid[got[i]] = h
	}
	out := make([]Hit, 0, len(rids))
	for _, r := range rids {
		if h, ok := byRid[r]; ok { // gone since the walk read it: left out
			out = append(out, h)
		}
	}
	return out, nil
}
