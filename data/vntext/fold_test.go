package vntext

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"nguyen van duc", "nguyen van duc"},
		{"Nguyễn Văn Đức", "nguyen van duc"},
		{"ĐẶNG", "dang"},
		{"NGUYỄN THỊ ẢNH", "nguyen thi anh"},
		{"Ắ Ằ Ẳ Ẵ Ặ ư Ữ ơ Ợ", "a a a a a u u o o"},
		{"Hồ Chí Minh 0912", "ho chi minh 0912"},
		{"Ðặng", "dang"}, // U+00D0 from legacy encodings
		{norm.NFD.String("Nguyễn Văn Đức"), "nguyen van duc"},
		{"Nguyê\u0303n", "nguyen"},       // Unikey composite
		{"ABC-123/xyz", "abc-123/xyz"},   // punctuation left to Tokens
		{"Σοφία Straße", "σοφια straße"}, // other scripts keep their letters
		{"北京 İstanbul", "北京 istanbul"},
		{"a\xffb", "a\ufffdb"},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// The fast path must never disagree with the definition, rune by rune, for
// every rune in the ranges the table covers and well beyond.
func TestFoldFastPathAgreesWithSlow(t *testing.T) {
	for r := rune(0); r < 0x2100; r++ {
		for _, s := range []string{string(r), "A" + string(r) + "\u0301b"} {
			if got, want := Fold(s), foldSlow(s); got != want {
				t.Fatalf("Fold(%q) = %q, foldSlow = %q", s, got, want)
			}
		}
	}
}

func TestFoldTableCoversVietnamese(t *testing.T) {
	const letters = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
	for _, r := range letters + strings.ToUpper(letters) {
		if loadFoldTables().lookup(r) == 0 {
			t.Errorf("%q (U+%04X) is not in the fast-path table", r, r)
		}
	}
}

func TestFoldAllocations(t *testing.T) {
	lower := "nguyen van duc 0912345678"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(lower) }); n != 0 {
		t.Errorf("Fold of lower-case ASCII allocates %v times, want 0", n)
	}
	for _, s := range []string{"Nguyễn Văn Đức", norm.NFD.String("Nguyễn Văn Đức"), "NGUYEN"} {
		if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n > 1 {
			t.Errorf("Fold(%q) allocates %v times, want at most 1", s, n)
		}
	}
}

func TestTokensMatchAcrossSpellings(t *testing.T) {
	want := []string{"nguyen", "van", "duc"}
	for _, s := range []string{
		"Nguyễn Văn Đức",
		"NGUYỄN VĂN ĐỨC",
		"nguyen van duc",
		norm.NFD.String("Nguyễn Văn Đức"),
		"Nguyê\u0303n Văn Đư\u0301c",
	} {
		if got := Tokens(s); !slices.Equal(got, want) {
			t.Errorf("Tokens(%q) = %q, want %q", s, got, want)
		}
	}
	if got := Tokens("Đức"); !slices.Equal(got, []string{"duc"}) || !slices.Contains(want, got[0]) {
		t.Errorf("Tokens(Đức) = %q, want [duc] which the full name contains", got)
	}
}

func TestTokens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" ,.;- ", nil},
		{"Lê-Thị  Hồng, 0912.345", []string{"le", "thi", "hong", "0912", "345"}},
		{"số 5, đường 3/2", []string{"so", "5", "duong", "3", "2"}},
		{`"AND" (OR) NOT*`, []string{"and", "or", "not"}},
		{"北京市 Ⅲ", []string{"北京市", "ⅲ"}}, // letters and numbers of any script
	}
	for _, c := range cases {
		if got := Tokens(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSearchText(t *testing.T) {
	got := SearchText("Nguyễn Văn Đức", "", "  Số 5, Lê Lợi ", "0912.345.678")
	if want := "nguyen van duc so 5 le loi 0912 345 678"; got != want {
		t.Errorf("SearchText = %q, want %q", got, want)
	}
}

func TestHugeInputFold(t *testing.T) {
	out := Fold(hugeInput())
	if !utf8.ValidString(out) || strings.ContainsAny(out, "ĐđABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		t.Fatal("Fold of 10 MB left invalid UTF-8, upper case or đ")
	}
	if toks := Tokens(hugeInput()); len(toks) == 0 {
		t.Fatal("Tokens of 10 MB found nothing")
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"", "Nguyễn Văn Đức", "ĐẶNG", "nguyen", norm.NFD.String("Trần Thị Ánh"),
		"İstanbul", "Σοφία", "ǅ", "\u0345", "a\xff", "ﬁ", "Ⓐ", "K", "한국어", "নো",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent: %q -> %q -> %q", s, got, again)
		}
		if strings.ContainsAny(got, "ABCDEFGHIJKLMNOPQRSTUVWXYZđĐ") {
			t.Fatalf("Fold(%q) = %q keeps upper-case ASCII or đ", s, got)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q is not valid UTF-8", s, got)
		}
		if slow := foldSlow(s); got != slow {
			t.Fatalf("Fold(%q) = %q, foldSlow = %q", s, got, slow)
		}
	})
}

var benchSink string

func BenchmarkFold(b *testing.B) {
	inputs := map[string]string{
		"ascii-lower": "nguyen van duc, so 5 le loi, 0912345678",
		"ascii-mixed": "NGUYEN Van Duc, So 5 Le Loi, 0912345678",
		"vietnamese":  "Nguyễn Văn Đức, số 5 Lê Lợi, phường Hàng Bạc",
		"decomposed":  norm.NFD.String("Nguyễn Văn Đức, số 5 Lê Lợi, phường Hàng Bạc"),
		"other":       "Σοφία Παπαδοπούλου, Straße 5",
	}
	for name, s := range inputs {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				benchSink = Fold(s)
			}
		})
	}
}
