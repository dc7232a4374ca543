package vntext

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the search key of s: lower case, tone and vowel marks removed,
// đ/Đ mapped to d, NFC. "Nguyễn Văn Đức" and "NGUYEN van duc" both fold to
// "nguyen van duc". Letters of other scripts and digits are kept; spacing and
// punctuation are left alone (Tokens splits on them).
//
// Fold runs for every field of every dossier when the search index is rebuilt,
// so it avoids the normaliser for the text it nearly always sees: ASCII costs
// nothing when already lower case, and Vietnamese letters, composed or not,
// go through a table in one pass with a single allocation.
func Fold(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	tables := loadFoldTables()
	var b strings.Builder
	b.Grow(len(s)) // each letter folds to at most as many bytes as it had
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch f := tables.lookup(r); {
		case f != 0:
			b.WriteByte(f)
		case 0x300 <= r && r < 0x370:
			// A combining diacritic left over from decomposed input.
		default:
			return foldSlow(s)
		}
		i += size
	}
	return b.String()
}

// foldSlow is the definition Fold must agree with; the table of the fast path
// is built from it. Lower-casing comes first so that the decomposition sees
// lower-case letters, and again last for bases that only decomposition reveals.
func foldSlow(s string) string {
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ' || r == 'Đ' || r == 'ð' || r == 'Ð':
			// Ð/ð (eth) have no decomposition either, but legacy TCVN3 and
			// VNI conversions put them where Đ/đ belong, so they fold alike.
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return norm.NFC.String(b.String())
}

// foldTables maps every precomposed Vietnamese letter (all in Latin-1
// Supplement, Latin Extended-A/B and Latin Extended Additional) to the ASCII
// letter it folds to; 0 means "use foldSlow". It is derived from foldSlow so
// the two cannot drift apart, and built on first use rather than in init
// because it takes about a millisecond that programs never folding text
// should not pay at start-up.
type foldTables struct {
	latin    [0x250]byte
	extended [0x100]byte // U+1E00 to U+1EFF
}

var loadFoldTables = sync.OnceValue(func() *foldTables {
	t := new(foldTables)
	fill := func(table []byte, base rune) {
		for i := range table {
			if f := foldSlow(string(base + rune(i))); len(f) == 1 && f[0] < utf8.RuneSelf {
				table[i] = f[0]
			}
		}
	}
	fill(t.latin[0xc0:], 0xc0)
	fill(t.extended[:], 0x1e00)
	return t
})

// lookup returns the single ASCII byte r folds to, or 0 when r needs the
// slow path.
func (t *foldTables) lookup(r rune) byte {
	switch {
	case r < 0x250:
		return t.latin[r]
	case 0x1e00 <= r && r < 0x1f00:
		return t.extended[r-0x1e00]
	}
	return 0
}

// Tokens returns the words of Fold(s): maximal runs of letters and numbers
// (Unicode categories L and N, plus private-use Co). These are the token
// characters of SQLite's unicode61 tokenizer, so each token is exactly one
// FTS5 term and the query side splits words where the index side did.
func Tokens(s string) []string {
	return appendTokens(nil, Fold(s), -1)
}

// SearchText returns the folded words of all fields joined by single spaces:
// the text to put in the search index, so stored and queried words are cut
// and folded by the same code.
func SearchText(fields ...string) string {
	var toks []string
	for _, f := range fields {
		toks = appendTokens(toks, Fold(f), -1)
	}
	return strings.Join(toks, " ")
}

// appendTokens appends the tokens of the already folded f to dst, stopping
// once dst holds limit tokens (limit < 0: no limit).
func appendTokens(dst []string, f string, limit int) []string {
	start := -1
	for i, r := range f {
		if limit >= 0 && len(dst) >= limit {
			return dst
		}
		if isTokenRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			dst = append(dst, f[start:i])
			start = -1
		}
	}
	if start >= 0 && (limit < 0 || len(dst) < limit) {
		dst = append(dst, f[start:])
	}
	return dst
}

func isTokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}
