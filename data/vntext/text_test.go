package vntext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// hugeInput is 10 MB of the kind of mess a bad paste produces: Vietnamese in
// both normal forms, control characters, odd spaces and invalid bytes.
func hugeInput() string {
	unit := "Nguyễn Nguye\u0302\u0303n \x00\t\u00a0\u200b ĐẶNG \xff12/02/2026 \"x\" "
	return strings.Repeat(unit, 10<<20/len(unit)+1)
}

func TestNFC(t *testing.T) {
	cases := map[string]string{
		"e\u0301":                "é",
		"Nguye\u0302\u0303n":     "Nguyễn",
		"Đu\u031b\u0301c":        "Đức",
		"already NFC: Hà Nội":    "already NFC: Hà Nội",
		"o\u0323\u0302 reorders": "ộ reorders", // dot below then circumflex
	}
	for in, want := range cases {
		if got := NFC(in); got != want {
			t.Errorf("NFC(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"Nguyễn Văn A", "Nguyễn Văn A"},
		{"  Nguyễn   Văn\tA \n", "Nguyễn Văn A"},
		{"Hà\r\nNội", "Hà Nội"},
		{"Hà\u00a0Nội\u3000x", "Hà Nội x"}, // no-break and ideographic spaces
		{"a\x00b\x07c\x1b[31m", "abc[31m"}, // C0 dropped, not spaced
		{"a\u0085b", "a b"},                // NEL is a line break
		{"a\u0080b\u009fc", "abc"},         // other C1 dropped
		{"\ufeffNguyễn", "Nguyễn"},         // BOM from a Windows file
		{"Ngu\u200byễn", "Nguyễn"},         // zero-width space
		{"Ngu\u00adyễn", "Nguyễn"},         // soft hyphen
		{"abc\u202edef", "abcdef"},         // bidi override
		{"e\x00\u0301", "é"},               // control between letter and mark
		{"a\xffb", "a\ufffdb"},             // invalid byte stays visible
		{"x \x00 y", "x y"},
	}
	for _, c := range cases {
		got := Clean(c.in)
		if got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
		if again := Clean(got); again != got {
			t.Errorf("Clean not idempotent on %q: %q then %q", c.in, got, again)
		}
	}
}

// Unikey's "Unicode tổ hợp" table and macOS both type decomposed text; after
// Clean it must be byte-identical to the composed form, or the same name
// would be stored twice and never found.
func TestCleanDecomposedInputEqualsComposed(t *testing.T) {
	const composed = "Nguyễn Văn Đức, Quảng Ngãi"
	inputs := map[string]string{
		"full NFD": norm.NFD.String(composed),
		// Unikey keeps â/ê/ô/ă/ơ/ư composed and adds the tone as a mark.
		"unikey": "Nguyê\u0303n Văn Đư\u0301c, Qua\u0309ng Nga\u0303i",
	}
	for name, in := range inputs {
		if in == composed {
			t.Fatalf("%s: test input is not decomposed", name)
		}
		if got := Clean("  " + in + " "); got != composed {
			t.Errorf("%s: Clean = %q, want %q", name, got, composed)
		}
	}
}

func TestCleanASCIIDoesNotCopy(t *testing.T) {
	s := "000.00.06.H56-231027-0361 Nguyen Van A"
	if n := testing.AllocsPerRun(100, func() { _ = Clean(s) }); n != 0 {
		t.Errorf("Clean of clean ASCII allocates %v times, want 0", n)
	}
}

func TestCleanMultiline(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"\n\n  \n", ""},
		{"  dòng 1  \r\n  dòng   2\t", "dòng 1\ndòng 2"},
		{"a\rb\nc\r\nd", "a\nb\nc\nd"},
		{"a\u2028b\u2029c\u0085d", "a\nb\nc\nd"},
		{"\n\nđoạn 1\n\n\nđoạn 2\n\n", "đoạn 1\n\n\nđoạn 2"},
		{"a\n \t \nb", "a\n\nb"},
		{"Nguye\u0302\u0303n\x00\nx", "Nguyễn\nx"},
	}
	for _, c := range cases {
		if got := CleanMultiline(c.in); got != c.want {
			t.Errorf("CleanMultiline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDigits(t *testing.T) {
	cases := map[string]string{
		"":                "",
		"0912 345.678":    "0912345678",
		"+84-912-345-678": "84912345678",
		"001090012345":    "001090012345",
		"không có chữ số": "",
		"Số ２３ and 7":     "7", // full-width digits are not ASCII digits
	}
	for in, want := range cases {
		if got := Digits(in); got != want {
			t.Errorf("Digits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHugeInputClean(t *testing.T) {
	in := hugeInput()
	out := Clean(in)
	if !utf8.ValidString(out) || strings.ContainsAny(out, "\x00\t\u200b\u00a0") || strings.Contains(out, "  ") {
		t.Fatal("Clean of 10 MB left invalid UTF-8, controls or double spaces")
	}
	if !norm.NFC.IsNormalString(out) {
		t.Fatal("Clean of 10 MB is not NFC")
	}
	if ml := CleanMultiline(in); !utf8.ValidString(ml) {
		t.Fatal("CleanMultiline of 10 MB is not valid UTF-8")
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "  a  b ", "Nguye\u0302\u0303n", "e\x00\u0301", "\ufeff\u200b", "a\xffb", " \u0301x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Clean(s)
		if Clean(got) != got {
			t.Fatalf("Clean not idempotent on %q: %q", s, got)
		}
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) {
			t.Fatalf("Clean(%q) = %q is not valid NFC", s, got)
		}
		if strings.ContainsFunc(got, unicode.IsControl) || strings.Contains(got, "  ") ||
			got != strings.TrimSpace(got) {
			t.Fatalf("Clean(%q) = %q keeps controls or extra spaces", s, got)
		}
		ml := CleanMultiline(s)
		if CleanMultiline(ml) != ml || strings.ContainsFunc(strings.ReplaceAll(ml, "\n", ""), unicode.IsControl) {
			t.Fatalf("CleanMultiline(%q) = %q is not stable or keeps controls", s, ml)
		}
	})
}

// isClean must agree with Clean: it is Clean's shortcut.
func TestIsCleanAgreesWithClean(t *testing.T) {
	for _, s := range []string{"", "Nguyễn Văn Đức", "Nguyễn  Văn", " Đức", "Đức ", "Nguye\u0302\u0303n", "a\u200bb",
		"Tờ khai\tđăng ký", "Hà Nội\n", "\xff\xfe", "Đồng ý", "ab\u00a0cd", "Thôn 3, xã Đông Tiến"} {
		if got, want := isClean(s), Clean(s) == s; got != want {
			t.Errorf("isClean(%q) = %v, Clean(s) == s is %v", s, got, want)
		}
	}
}

func FuzzIsClean(f *testing.F) {
	for _, s := range []string{"Nguyễn Văn Đức", " a", "a  b", "e\u0301", "\u200b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if isClean(s) && Clean(s) != s {
			t.Fatalf("isClean(%q) but Clean gives %q", s, Clean(s))
		}
	})
}

// isClean's shortcut trusts that these letters are NFC on their own and next to ASCII.
func TestPrecomposedLatinIsNFC(t *testing.T) {
	for r := rune(0); r <= 0x1EFF; r++ {
		if !isPrecomposedLatin(r) {
			continue
		}
		for _, s := range []string{string(r), "a" + string(r), string(r) + "a", string(r) + string(r)} {
			if !norm.NFC.IsNormalString(s) {
				t.Errorf("%U in %q is not NFC", r, s)
			}
		}
	}
}
