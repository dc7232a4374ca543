package data

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// readAll reads every record with its starting line.
func readAll(in string) ([][]string, []int, error) {
	c := newCSVReader(strings.NewReader(in))
	var recs [][]string
	var lines []int
	for {
		f, line, err := c.next()
		if errors.Is(err, io.EOF) {
			return recs, lines, nil
		}
		if err != nil {
			return recs, lines, err
		}
		recs = append(recs, f)
		lines = append(lines, line)
	}
}

func TestImportCSVReaderAccepts(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		recs  [][]string
		lines []int
	}{
		{"plain", "a,b\nc,d\n", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}},
		{"no final newline", "a,b\nc,d", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}},
		{"BOM and CRLF", "\uFEFFa,b\r\nc,d\r\n", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}},
		{"old Mac CR", "a,b\rc,d\r", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}},
		{"empty fields", "a,,b,\n", [][]string{{"a", "", "b", ""}}, []int{1}},
		{"trimmed", "  a  , b\u00a0\n", [][]string{{"a", "b"}}, []int{1}},
		{"quoted comma and quote", `"a, ""b""",c` + "\n", [][]string{{`a, "b"`, "c"}}, []int{1}},
		{"quoted line breaks", "\"x\r\ny\nz\",w\nnext,1\n", [][]string{{"x\ny\nz", "w"}, {"next", "1"}}, []int{1, 4}},
		{"space around quotes", `a, "b, c" ,d` + "\n", [][]string{{"a", "b, c", "d"}}, []int{1}},
		{"empty quoted", `"",x` + "\n", [][]string{{"", "x"}}, []int{1}},
		{"blank and empty rows skipped", "a,b\n\n  \n,,\n\"\",\nc,d\n", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 6}},
		{"Vietnamese and a real U+FFFD", "Nguyễn Văn Đức,\uFFFD\n", [][]string{{"Nguyễn Văn Đức", "\uFFFD"}}, []int{1}},
		{"only BOM", "\uFEFF", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			recs, lines, err := readAll(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(recs, tc.recs) || !reflect.DeepEqual(lines, tc.lines) {
				t.Fatalf("got %q at %v, want %q at %v", recs, lines, tc.recs, tc.lines)
			}
		})
	}
}

func TestImportCSVReaderRejects(t *testing.T) {
	long := strings.Repeat("ệ", maxCSVFieldRunes)
	cases := []struct {
		name, in string
		want     string
	}{
		{"unclosed quote names its line", "a\nb,\"x\ny\n", `dòng 2: cột 2: thiếu dấu ngoặc kép đóng`},
		{"text after closing quote", "\"a\"b,c\n", `dòng 1: cột 1: có ký tự sau dấu ngoặc kép đóng`},
		{"quote inside unquoted field", "ab\"c\n", `dòng 1: cột 1: có dấu ngoặc kép giữa cột`},
		{"tab", "a\tb\n", `dòng 1: cột 1: có ký tự điều khiển U+0009`},
		{"NUL in quotes", "x,\"a\x00\"\n", `dòng 1: cột 2: có ký tự điều khiển U+0000`},
		{"bidi override", "a,b\u202Ec\n", `dòng 1: cột 2: có ký tự điều khiển U+202E`},
		{"BOM past the start", "a\n\uFEFFb\n", `dòng 2: cột 1: có ký tự điều khiển U+FEFF`},
		{"invalid UTF-8 on line 3", "a\nb\nc\xff\n", `dòng 3: không phải văn bản UTF-8`},
		{"field one rune too long", "a\n" + long + "x,b\n", `dòng 2: cột 1: quá dài (tối đa 4000 ký tự)`},
		{"quoted field too long", "a\n\"" + long + "\n\"\n", `dòng 2: cột 1: quá dài`},
		{"too many fields", strings.Repeat(",", maxCSVFields) + "\n", `dòng 1: quá nhiều cột (tối đa 64)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := readAll(tc.in)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v, want prefix %q", err, tc.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("%T is not an InputError", err)
			}
		})
	}
	// Exactly the limit is fine.
	recs, _, err := readAll(long + "\n")
	if err != nil || len([]rune(recs[0][0])) != maxCSVFieldRunes {
		t.Fatalf("a field of exactly %d runes: %v", maxCSVFieldRunes, err)
	}
}

func TestImportCSVHeaderNamesColumns(t *testing.T) {
	c := newCSVReader(strings.NewReader("B,a\nx,\"y\x01\"\n"))
	idx, err := c.readHeader([]string{"a", "b", "c"}, []string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	if idx["a"] != 1 || idx["b"] != 0 {
		t.Fatalf("index %v", idx)
	}
	_, err = c.nextRow(idx)
	if err == nil || err.Error() != `dòng 2, cột "a": có ký tự điều khiển U+0001` {
		t.Fatalf("err = %v", err)
	}
}

func TestImportLineErrorText(t *testing.T) {
	err := error(lineErrorf(7, "received_at", "ngày không hợp lệ %q", "31/02/2026"))
	if got := err.Error(); got != `dòng 7, cột "received_at": ngày không hợp lệ "31/02/2026"` {
		t.Fatalf("%s", got)
	}
	if got := lineErrorf(3, "", "thiếu cột %s", "fee").Error(); got != "dòng 3: thiếu cột fee" {
		t.Fatalf("%s", got)
	}
	var ie *InputError
	if !errors.As(err, &ie) || ie.Msg != `ngày không hợp lệ "31/02/2026"` {
		t.Fatalf("unwrap: %v", ie)
	}
}

func TestImportQuoteValueAndParseAmount(t *testing.T) {
	if got := quoteValue("abc"); got != `"abc"` {
		t.Errorf("quoteValue = %s", got)
	}
	if got := quoteValue(strings.Repeat("đ", 50)); got != `"`+strings.Repeat("đ", 40)+`"…` {
		t.Errorf("quoteValue long = %s", got)
	}
	for s, want := range map[string]int64{"0": 0, "007": 7, "135000": 135000, "1000000000000": 1000000000000} {
		if n, ok := parseAmount(s, maxAmount); !ok || n != want {
			t.Errorf("parseAmount(%q) = %d, %v", s, n, ok)
		}
	}
	for _, s := range []string{"", "-1", "+1", "1.000", "1,000", "1e3", " 1", "0x10", "1000000000001", "9999999999999999999", "١٢"} {
		if n, ok := parseAmount(s, maxAmount); ok {
			t.Errorf("parseAmount(%q) accepted: %d", s, n)
		}
	}
}
