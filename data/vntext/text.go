// Package vntext cleans, folds, checks, formats and parses Vietnamese text for
// one-stop office records.
//
// Everything a user types goes through Clean (or CleanMultiline) before it is
// stored, so the database holds one spelling of each string: NFC, no invisible
// characters, single spaces. Search never compares stored text directly; it
// compares Fold output, which ignores case, tone marks and the đ/d difference
// the way clerks and citizens expect ("nguyen van duc" finds "Nguyễn Văn Đức").
package vntext

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode composed form. Vietnamese input methods differ:
// Unikey's "Unicode tổ hợp" mode and macOS emit decomposed letters that look
// identical on screen but never compare equal to the composed form, so one
// form must be chosen before anything is stored or compared.
func NFC(s string) string { return norm.NFC.String(s) }

// Clean prepares a one-line field for storage: NFC, every kind of whitespace
// (tabs, line breaks, no-break spaces) becomes a single space, control and
// invisible formatting characters are dropped, and the ends are trimmed.
// Invalid UTF-8 becomes U+FFFD so that a damaged paste stays visible instead
// of silently losing letters.
func Clean(s string) string {
	if isCleanASCII(s) || isClean(s) {
		return s
	}
	return norm.NFC.String(string(appendClean(make([]byte, 0, len(s)), s)))
}

// CleanMultiline is Clean for notes and addresses typed on several lines: line
// breaks of any platform become "\n", each line is cleaned, and blank lines at
// the start and end are removed while blank lines between paragraphs are kept.
func CleanMultiline(s string) string {
	out := make([]byte, 0, len(s))
	var line []byte
	owed := 0 // blank lines seen since the last non-blank one
	for {
		cur, rest, more := cutLine(s)
		line = appendClean(line[:0], cur)
		switch {
		case len(line) > 0:
			if len(out) > 0 {
				for range owed + 1 {
					out = append(out, '\n')
				}
			}
			out = append(out, line...)
			owed = 0
		case len(out) > 0:
			owed++
		}
		if !more {
			break
		}
		s = rest
	}
	return norm.NFC.String(string(out))
}

// Digits returns the ASCII digits of s in order, for looking up phone and ID
// numbers however they were punctuated.
func Digits(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			n++
		}
	}
	if n == len(s) {
		return s
	}
	b := make([]byte, 0, n)
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// isCleanASCII reports whether Clean would return s unchanged without having
// to look at it rune by rune; most codes, numbers and unaccented input pass.
func isCleanASCII(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f {
			return false
		}
		space := c == ' '
		if space && prevSpace {
			return false
		}
		prevSpace = space
	}
	return true
}

// isClean reports whether Clean would return s unchanged, without allocating: stored text is
// cleaned again on every validation, and most of it is Vietnamese, so the ASCII fast path alone
// misses it.
func isClean(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || !utf8.ValidString(s) {
		return s == ""
	}
	prevSpace, latinOnly := false, true
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case r < 0x80 && r > ' ' && r != 0x7f:
		case isPrecomposedLatin(r):
			// Every Vietnamese letter is here, and no space, control or format character is, so
			// the table look-ups below can be skipped.
		case unicode.IsSpace(r), unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return false
		default:
			latinOnly = false
		}
		prevSpace = false
	}
	// ASCII and precomposed Latin letters are NFC already (composition needs a combining mark, and
	// TestPrecomposedLatinIsNFC checks each of these letters), so the NFC check is for the rest.
	return latinOnly || norm.NFC.IsNormalString(s)
}

func isPrecomposedLatin(r rune) bool {
	return (r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7) || (r >= 0x1E00 && r <= 0x1EFF)
}

// appendClean appends the cleaned form of s (not yet NFC) to dst. Dropping
// characters happens before NFC so that a control character stuck between a
// letter and its combining mark cannot keep them from composing.
func appendClean(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for _, r := range s {
		switch {
		case r < 0x80 && r > ' ' && r != 0x7f:
			// Printable ASCII is by far the common case.
		case unicode.IsSpace(r):
			space = len(dst) > start
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			// Cf holds zero-width spaces, BOMs, soft hyphens and bidi
			// overrides: invisible, never needed in Vietnamese, and they
			// split words for search or disguise what is displayed.
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// cutLine splits s at its first line break, treating "\r\n", "\r", "\n",
// NEL and the Unicode line and paragraph separators alike.
func cutLine(s string) (line, rest string, found bool) {
	for i, r := range s {
		switch r {
		case '\n', 0x85, 0x2028, 0x2029:
			return s[:i], s[i+utf8.RuneLen(r):], true
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				return s[:i], s[i+2:], true
			}
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
