package vntext

import "strings"

// Bounds on what a search box may ask of FTS5: a pasted page of text must not
// become a query with thousands of terms.
const (
	maxQueryTokens = 16
	maxTokenRunes  = 64
)

// MatchQuery turns what a user typed into an FTS5 MATCH expression over text
// indexed with SearchText: every word folded and double-quoted (implicit AND),
// the last one a prefix query so results appear while the user is typing:
//
//	MatchQuery(`Nguyễn Văn Đ`) == `"nguyen" "van" "d"*`
//
// Quoting is what makes user input inert: tokens hold only letters and
// numbers, so AND, OR, NOT, NEAR, ^, *, :, -, parentheses and quotes typed by
// the user are either dropped as separators or become plain quoted words.
// It returns "" when nothing searchable is left; the caller must then not run
// the MATCH at all, since an empty expression is an FTS5 syntax error.
//
// Phone and ID numbers typed with spaces ("0912 345 678") become several
// words; look them up by Digits instead.
func MatchQuery(q string) string {
	toks := appendTokens(make([]string, 0, 4), Fold(q), maxQueryTokens)
	if len(toks) == 0 {
		return ""
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(truncateRunes(t, maxTokenRunes))
		b.WriteByte('"')
	}
	b.WriteByte('*')
	return b.String()
}

func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// maxCodeLen is far above a real dossier code (about 25 characters) and keeps
// a pasted blob from being taken for one.
const maxCodeLen = 64

// LooksLikeCode reports whether q is better searched as the start of a dossier
// code (like 000.00.06.H56-231027-0361) than as words: at least 6 characters,
// only ASCII letters, digits, '.' and '-', with at least one '.' or '-' and at
// least one digit. The digit rule keeps hyphenated words such as "tran-thi"
// in word search; every real code has digits.
func LooksLikeCode(q string) bool {
	q = strings.TrimSpace(q)
	if len(q) < 6 || len(q) > maxCodeLen {
		return false
	}
	var sep, digit bool
	for i := 0; i < len(q); i++ {
		switch c := q[i]; {
		case c == '.' || c == '-':
			sep = true
		case '0' <= c && c <= '9':
			digit = true
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		default:
			return false
		}
	}
	return sep && digit
}

// CodePrefix returns q trimmed and upper-cased when LooksLikeCode(q), else "".
// Codes are minted upper-case, so the result can be compared directly; it holds
// no '%', '_' or '*', so it is also safe in a LIKE or GLOB pattern unescaped.
func CodePrefix(q string) string {
	if !LooksLikeCode(q) {
		return ""
	}
	return strings.ToUpper(strings.TrimSpace(q))
}
