package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"motcua/data/vntext"
)

// indexedPrefix is the longest prefix the search index keeps lists for (prefix='1 2 3 4' of
// dossier_search, schema 0001).
const indexedPrefix = 4

// matchQuery is vntext.MatchQuery(q) for the dossier list, its last word searched as a whole word
// when the word is longer than the index's prefixes and no longer word of the index begins with it
// (schema 0008): then both find the same rows, and the whole word is read straight from its list
// instead of merged from every word it begins (the merge costs as much as the list is long, a
// tenth of a second for "nguyen" at 1,000,000 dossiers, whatever the page). "" : no word.
func (s *Store) matchQuery(ctx context.Context, q string) (string, error) {
	match := vntext.MatchQuery(q)
	body, ok := strings.CutSuffix(match, `"*`)
	if !ok {
		return match, nil
	}
	i := strings.LastIndexByte(body, '"')
	if i < 0 {
		return match, nil
	}
	last := body[i+1:]
	if utf8.RuneCountInString(last) <= indexedPrefix || strings.Trim(last, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
		// Short: the index's prefix lists answer at once. Anything but plain letters and digits
		// might be spelt differently by the index's tokenizer: left as typed.
		return match, nil
	}
	var longer string
	err := s.db.QueryRowContext(ctx, "SELECT term FROM dossier_search_terms WHERE term > ? AND term < ? LIMIT 1",
		last, last+"\U0010FFFF").Scan(&longer)
	switch {
	case err == nil:
		return match, nil // "nguye": nguyen, nguyet… stay a prefix
	case errors.Is(err, sql.ErrNoRows):
		return body + `"`, nil
	}
	return "", fmt.Errorf("tìm hồ sơ: %w", err)
}
