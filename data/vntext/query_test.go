package vntext

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestMatchQuery(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{`"`, ""},
		{`""""`, ""},
		{"*:^()-", ""},
		{"Nguyễn Văn Đ", `"nguyen" "van" "d"*`},
		{"NGUYỄN", `"nguyen"*`},
		{"AND OR", `"and" "or"*`},
		{`a*b"c`, `"a" "b" "c"*`},
		{"(x) NEAR/3 y", `"x" "near" "3" "y"*`},
		{"-foo", `"foo"*`},
		{"^bar", `"bar"*`},
		{`đ"`, `"d"*`},
		{"NOT x", `"not" "x"*`},
		{"title:abc", `"title" "abc"*`},
		{"a + b", `"a" "b"*`},
		{"{col1 col2}: x", `"col1" "col2" "x"*`},
	}
	for _, c := range cases {
		if got := MatchQuery(c.in); got != c.want {
			t.Errorf("MatchQuery(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestMatchQueryLimits(t *testing.T) {
	words := make([]string, 20)
	for i := range words {
		words[i] = "w" + string(rune('a'+i))
	}
	got := MatchQuery(strings.Join(words, " "))
	if want := `"wa" "wb" "wc" "wd" "we" "wf" "wg" "wh" "wi" "wj" "wk" "wl" "wm" "wn" "wo" "wp"*`; got != want {
		t.Errorf("20 words: got %s, want %s", got, want)
	}

	long := strings.Repeat("ư", 100)
	got = MatchQuery("Ab " + long)
	if want := `"ab" "` + strings.Repeat("u", 64) + `"*`; got != want {
		t.Errorf("100-rune word: got %s, want %s", got, want)
	}
	got = MatchQuery(strings.Repeat("北", 100))
	if want := `"` + strings.Repeat("北", 64) + `"*`; got != want {
		t.Errorf("100-rune non-Latin word cut at %d runes, want 64", utf8.RuneCountInString(got)-3)
	}
}

func TestLooksLikeCodeAndCodePrefix(t *testing.T) {
	cases := []struct {
		in   string
		want string // CodePrefix; "" means not a code
	}{
		{"000.00.06.H56-231027-0361", "000.00.06.H56-231027-0361"},
		{"000.00 06.h56-2310", ""}, // inner space: words, not a code
		{" 000.00.06.h56-2310  ", "000.00.06.H56-2310"},
		{"h56-231027", "H56-231027"},
		{"000.00", "000.00"},
		{"00.00", ""},            // under 6 characters
		{"123456", ""},           // no '.' or '-': a phone or ID fragment
		{"tran-thi-b", ""},       // no digit: hyphenated words
		{"H56-2310%", ""},        // LIKE wildcard
		{"H56_231027-1", ""},     // LIKE wildcard
		{"Đ56-231027", ""},       // non-ASCII
		{"H56-231027-0361*", ""}, // FTS/GLOB operator
		{strings.Repeat("1.", 40), ""},
	}
	for _, c := range cases {
		if got := LooksLikeCode(c.in); got != (c.want != "") {
			t.Errorf("LooksLikeCode(%q) = %v, want %v", c.in, got, c.want != "")
		}
		if got := CodePrefix(c.in); got != c.want {
			t.Errorf("CodePrefix(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

var safeMatch = regexp.MustCompile(`^"[^"\s*]+"( "[^"\s*]+")*\*$`)

func FuzzMatchQuery(f *testing.F) {
	for _, s := range []string{
		"", `"`, "AND OR", `a*b"c`, "(x) NEAR/3 y", "-foo", "^bar", `đ"`,
		"Nguyễn Văn Đức", "col:val", `"unterminated`, "NEAR(a b, 5)", "a\x00b",
		strings.Repeat("x ", 40), "\xff\xfe", "北京 ১২৩",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got := MatchQuery(q)
		if got == "" {
			if len(Tokens(q)) != 0 {
				t.Fatalf("MatchQuery(%q) = \"\" but Tokens found words", q)
			}
			return
		}
		if !safeMatch.MatchString(got) || !utf8.ValidString(got) {
			t.Fatalf("MatchQuery(%q) = %s is not quoted tokens and a final *", q, got)
		}
		toks := strings.Split(strings.TrimSuffix(got, "*"), " ")
		if len(toks) > maxQueryTokens {
			t.Fatalf("MatchQuery(%q) has %d tokens", q, len(toks))
		}
		for _, tok := range toks {
			word := strings.Trim(tok, `"`)
			if n := utf8.RuneCountInString(word); n > maxTokenRunes {
				t.Fatalf("MatchQuery(%q): token of %d runes", q, n)
			}
			for _, r := range word {
				if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Co, r) {
					t.Fatalf("MatchQuery(%q) = %s: token holds %q", q, got, r)
				}
			}
		}
	})
}
