package data

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

// Cursor marks where a page of the dossier list ended: List goes on after it. The zero Cursor is
// the start of the list. The text is opaque to callers: it holds the last row's sort key and row
// id, the order and a digest of the filter it was made for, and a checksum, so that a garbled
// cursor, or one made for another filter or order, is refused instead of read as a place in a
// list it does not belong to.
//
// Paging by key instead of by offset keeps a deep page as quick as the first (the order's index is
// entered at the key; an offset reads and drops every row before it), and a dossier received
// between two pages neither repeats nor hides a row of the next page.
type Cursor string

// listKey is a row's place in an order: its sort key (missing: null) and its row id, the tie-break.
type listKey struct {
	Null bool   `json:"n,omitempty"` // no reception time or no code: the row is among the missing values
	Num  int64  `json:"k,omitempty"` // reception time or due key
	Str  string `json:"s,omitempty"` // code
	Rid  int64  `json:"r"`
}

// cursorBody is what a Cursor encodes.
type cursorBody struct {
	V     int      `json:"v"`
	Sort  ListSort `json:"o"`
	Scope string   `json:"f"` // listScope of the filter
	Key   listKey  `json:"p"`
}

const cursorVersion = 1

func badCursor() error {
	return inputError(KeyListCursor, msgBadCursor)
}

// listScope is a digest of the filter and order a cursor belongs to.
func listScope(f ListFilter, o ListSort) string {
	if o == "" {
		o = SortReceivedDesc
	}
	h := sha256.Sum256(fmt.Appendf(nil, "%q|%v|%q|%q|%d|%d-%d-%d|%d-%d-%d|%v|%v|%q|%q", o, f.Statuses, f.Unit, f.Procedure,
		f.Channel, f.From.Year, f.From.Month, f.From.Day, f.To.Year, f.To.Month, f.To.Day, f.DueSoon, f.Overdue,
		f.Handler, strings.TrimSpace(f.Query)))
	return base64.RawURLEncoding.EncodeToString(h[:9])
}

func cursorSum(body []byte) []byte {
	h := sha256.Sum256(append([]byte("motcua-list-cursor\x00"), body...))
	return h[:8]
}

func encodeCursor(o ListSort, scope string, k listKey) Cursor {
	if o == "" {
		o = SortReceivedDesc
	}
	body, _ := json.Marshal(cursorBody{V: cursorVersion, Sort: o, Scope: scope, Key: k}) // plain fields: cannot fail
	return Cursor(base64.RawURLEncoding.EncodeToString(body) + "." + base64.RawURLEncoding.EncodeToString(cursorSum(body)))
}

// decodeCursor reads c, made for the order o and the filter of scope; anything else is badCursor.
func decodeCursor(c Cursor, o ListSort, scope string) (listKey, error) {
	if o == "" {
		o = SortReceivedDesc
	}
	text, sum, ok := strings.Cut(string(c), ".")
	if !ok || len(c) > 2048 {
		return listKey{}, badCursor()
	}
	body, err1 := base64.RawURLEncoding.DecodeString(text)
	got, err2 := base64.RawURLEncoding.DecodeString(sum)
	if err1 != nil || err2 != nil || !bytes.Equal(got, cursorSum(body)) {
		return listKey{}, badCursor()
	}
	var b cursorBody
	if err := json.Unmarshal(body, &b); err != nil || b.V != cursorVersion || b.Sort != o || b.Scope != scope {
		return listKey{}, badCursor()
	}
	return b.Key, nil
}

// sortKey is how an order compares rows: by col, then by row id, both ascending or both descending.
type sortKey struct {
	col      string // the key expression, as the order's index has it
	nullable bool   // rows may lack the key: they sort lowest
	text     bool   // the key is text (the code)
	desc     bool
}

func (o ListSort) sortKey() sortKey {
	switch o {
	case SortReceivedAsc:
		return sortKey{col: "d.received_at", nullable: true}
	case SortDueAsc:
		return sortKey{col: dueKey}
	case SortDueDesc:
		return sortKey{col: dueKey, desc: true}
	case SortCodeAsc:
		return sortKey{col: "d.code", nullable: true, text: true}
	case SortCodeDesc:
		return sortKey{col: "d.code", nullable: true, text: true, desc: true}
	}
	return sortKey{col: "d.received_at", nullable: true, desc: true}
}

// keySegment is a stretch of an order read by one query: the rows with the key, or those without.
type keySegment struct {
	cond string // "" : no condition
	args []any
}

// segments are the stretches of the order that come after the row at k (nil: from the start), in
// the order's sequence. After a row, those without a key (they sort lowest) are read by a query of
// their own, so that each query is a plain range of the order's index; List reads a stretch only
// when the ones before it did not fill the page. hide puts a unary + on the key: the
// filter's own index reads the rows (sparse), and the order's must not be walked for the range.
func (sk sortKey) segments(k *listKey, hide bool) []keySegment {
	if k == nil {
		// From the start the order's own sequence is right as it is (missing keys sort lowest in
		// SQLite too): one query, no condition, no second reading of the filter's matches.
		return []keySegment{{}}
	}
	col := sk.col
	if hide {
		col = "+" + col
	}
	rid := func(after int64) (string, any) {
		if sk.desc {
			return "+d.rid < ?", after
		}
		return "+d.rid > ?", after
	}
	keyed := keySegment{}
	if sk.nullable {
		keyed.cond = col + " IS NOT NULL"
	}
	if k != nil && !k.Null {
		var v any = k.Num
		if sk.text {
			v = k.Str
		}
		cmpEq, cmp := ">=", ">"
		if sk.desc {
			cmpEq, cmp = "<=", "<"
		}
		r, ra := rid(k.Rid)
		// col <= k is the index range; the OR only sorts out the rows tied at k.
		keyed = keySegment{cond: col + " " + cmpEq + " ? AND (" + col + " " + cmp + " ? OR " + r + ")", args: []any{v, v, ra}}
	}
	if !sk.nullable {
		return []keySegment{keyed}
	}
	missing := keySegment{cond: col + " IS NULL"}
	if k != nil && k.Null {
		r, ra := rid(k.Rid)
		missing = keySegment{cond: col + " IS NULL AND " + r, args: []any{ra}}
	}
	switch {
	case sk.desc && k != nil && k.Null:
		return []keySegment{missing}
	case sk.desc:
		return []keySegment{keyed, missing}
	case k != nil && !k.Null:
		return []keySegment{keyed}
	}
	return []keySegment{missing, keyed}
}

// keyOf is the place of a row whose key column scanned as v.
func keyOf(v any, rid int64) listKey {
	switch x := v.(type) {
	case int64:
		return listKey{Num: x, Rid: rid}
	case string:
		return listKey{Str: x, Rid: rid}
	case []byte:
		return listKey{Str: string(x), Rid: rid}
	}
	return listKey{Null: true, Rid: rid}
}
