package calendar

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"motcua/data/official"
)

// loadOfficial parses the official calendar embedded in the program (package official), the
// one copy in the repository.
func loadOfficial(t testing.TB) []Day {
	t.Helper()
	days, err := ParseCSV(bytes.NewReader(official.CalendarCSV()))
	if err != nil {
		t.Fatalf("official calendar: %v", err)
	}
	return days
}

func TestParseOfficialFile(t *testing.T) {
	days := loadOfficial(t)
	if len(days) != 53 {
		t.Fatalf("official file: %d rows, want 53", len(days))
	}
	first := days[0]
	if first != (Day{Date: D(2024, 1, 1), Kind: Holiday, Label: "Tết Dương lịch", Tag: "C", Source: SourceCSV}) {
		t.Errorf("first row = %+v", first)
	}
	kinds := map[Kind]int{}
	for _, d := range days {
		kinds[d.Kind]++
	}
	if kinds[Makeup] != 4 || kinds[SwapOff] != 4 || kinds[Comp] != 4 {
		t.Errorf("kind counts = %v", kinds)
	}
	if last := days[len(days)-1]; last.Date != D(2027, 11, 24) || last.Tag != "S" {
		t.Errorf("last row = %+v", last)
	}
}

func TestParseCSVErrors(t *testing.T) {
	const hdr = "date,kind,label,tag\n"
	cases := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"bad date", hdr + "2026-01-01,holiday,Tết Dương lịch,V\n2026-02-30,holiday,X,V\n", 3, `ngày không hợp lệ "2026-02-30"`},
		{"unknown kind", hdr + "2026-01-01,weekend,X,V\n", 2, `loại ngày không hợp lệ "weekend"`},
		{"too few columns", hdr + "2026-01-01,holiday,X\n", 2, "cần 4 cột (date,kind,label,tag), có 3"},
		{"too many columns", hdr + "2026-01-01,holiday,X,V,extra\n", 2, "cần 4 cột (date,kind,label,tag), có 5"},
		{"duplicate date", hdr + "2026-01-01,holiday,A,V\n2026-01-02,swap_off,B,V\n2026-01-01,holiday,C,V\n", 4, "ngày 2026-01-01 trùng với dòng 2"},
		{"makeup on a Wednesday", hdr + "2026-01-07,makeup,Làm bù,V\n", 2, "ngày làm bù 2026-01-07 là thứ Tư"},
		{"swap_off on a Saturday", hdr + "2026-01-10,swap_off,X,V\n", 2, "rơi vào thứ Bảy"},
		{"comp on a Sunday", hdr + "2026-01-11,comp,X,V\n", 2, "rơi vào Chủ nhật"},
		{"10 MB field", hdr + "2026-01-01,holiday,A,V\n2026-01-02,holiday," + strings.Repeat("x", 10<<20) + ",V\n", 3, "dòng quá dài"},
		{"201 characters", hdr + "2026-01-01,holiday," + strings.Repeat("ệ", 201) + ",V\n", 2, "cột 3: quá dài (201 ký tự, tối đa 200)"},
		{"NUL", hdr + "2026-01-01,holiday,A\x00B,V\n", 2, "cột 3: có ký tự điều khiển U+0000"},
		{"tab at the edge", hdr + "2026-01-01,holiday,AB\t,V\n", 2, "có ký tự điều khiển U+0009"},
		{"bare CR", hdr + "2026-01-01,holiday,A\rB,V\n", 2, "có ký tự điều khiển U+000D"},
		{"bidi override", hdr + "2026-01-01,holiday,A\u202eB,V\n", 2, "có ký tự điều khiển U+202E"},
		{"bad tag", hdr + "2026-01-01,holiday,A,X\n", 2, `mã nguồn không hợp lệ "X"`},
		{"empty label", hdr + "2026-01-01,holiday,,V\n", 2, "thiếu tên ngày"},
		{"no header", "2026-01-01,holiday,A,V\n", 1, "dòng đầu phải là tiêu đề"},
		{"empty file", "", 1, "tệp trống"},
		{"invalid UTF-8", hdr + "2026-01-01,holiday,\xff,V\n", 2, "không phải văn bản UTF-8"},
		{"unclosed quote", hdr + "2026-01-01,holiday,\"A,V\n", 2, "thiếu dấu ngoặc kép đóng"},
		{"text after quote", hdr + "2026-01-01,holiday,\"A\"B,V\n", 2, "có ký tự sau dấu ngoặc kép đóng"},
		{"error after blank lines", hdr + "\n\n2026-01-01,holiday,A,V\n\n2026-01-01,holiday,B,V\n", 6, "trùng với dòng 4"},
	}
	for _, c := range cases {
		days, err := ParseCSV(strings.NewReader(c.in))
		if days != nil {
			t.Errorf("%s: returned %d days with the error, want nil", c.name, len(days))
		}
		var le *LineError
		if !errors.As(err, &le) {
			t.Errorf("%s: error %v is not a *LineError", c.name, err)
			continue
		}
		if le.Line != c.line || !strings.Contains(le.Msg, c.msg) {
			t.Errorf("%s: got %q, want line %d containing %q", c.name, err, c.line, c.msg)
		}
		if !strings.HasPrefix(err.Error(), "dòng ") {
			t.Errorf("%s: error text %q does not start with the line", c.name, err)
		}
		if len(err.Error()) > 400 {
			t.Errorf("%s: error text is %d bytes long", c.name, len(err.Error()))
		}
	}
	_, err := ParseCSV(strings.NewReader(hdr + "2026-01-01,holiday,A,V\n2026-02-30,holiday,X,V\n"))
	if want := `dòng 3: ngày không hợp lệ "2026-02-30"`; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %q, want it to start with %q", err, want)
	}
}

func TestParseCSVAccepts(t *testing.T) {
	in := "\uFEFFDate, Kind ,LABEL,tag\r\n" +
		"2026-01-01,holiday,\"Tết Dương lịch, năm mới\",v\r\n" +
		"\r\n" +
		"2026-01-10, Makeup ,\"Làm bù \"\"2/1\"\"\",\r\n" +
		"2026-01-02,swap_off,Nghỉ hoán đổi,P" // no final newline
	days, err := ParseCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Day{
		{D(2026, 1, 1), Holiday, "Tết Dương lịch, năm mới", "V", SourceCSV},
		{D(2026, 1, 10), Makeup, `Làm bù "2/1"`, "", SourceCSV},
		{D(2026, 1, 2), SwapOff, "Nghỉ hoán đổi", "P", SourceCSV},
	}
	if !reflect.DeepEqual(days, want) {
		t.Errorf("got %+v\nwant %+v", days, want)
	}
	// A header alone is an empty, valid calendar.
	days, err = ParseCSV(strings.NewReader("date,kind,label,tag\n"))
	if err != nil || days != nil {
		t.Errorf("header only = %v, %v", days, err)
	}
	// Holidays may fall on a weekend (Giỗ Tổ 2026 is a Sunday).
	if _, err := ParseCSV(strings.NewReader("date,kind,label,tag\n2026-04-26,holiday,Giỗ Tổ,S\n")); err != nil {
		t.Errorf("holiday on a Sunday rejected: %v", err)
	}
}

func TestWriteCSVRoundTrip(t *testing.T) {
	days := loadOfficial(t)
	days = append(days, Day{Date: D(2030, 1, 1), Kind: Holiday, Label: `Có "ngoặc", dấu phẩy`, Tag: "", Source: SourceCSV})
	var buf bytes.Buffer
	if err := WriteCSV(&buf, days); err != nil {
		t.Fatal(err)
	}
	back, err := ParseCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, days) {
		t.Errorf("round trip changed the days")
	}
	// The official file is already in canonical form: writing it back gives
	// the same bytes.
	raw := official.CalendarCSV()
	buf.Reset()
	if err := WriteCSV(&buf, loadOfficial(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), raw) {
		t.Errorf("WriteCSV output differs from the official file")
	}
}

func FuzzParseCSV(f *testing.F) {
	f.Add(string(official.CalendarCSV()))
	f.Add("date,kind,label,tag\n2026-01-01,holiday,\"A, \"\"B\"\"\",V\n")
	f.Add("date,kind,label,tag\r\n2026-01-10,makeup,Làm bù,\r\n\r\n")
	f.Add("\uFEFFdate,kind,label,tag\n2026-02-30,holiday,X,V\n")
	f.Add("date,kind,label,tag\n2026-01-01,holiday,A,V,\n")
	f.Fuzz(func(t *testing.T, in string) {
		days, err := ParseCSV(strings.NewReader(in))
		if err != nil {
			if days != nil {
				t.Fatal("days returned with an error")
			}
			if !strings.HasPrefix(err.Error(), "dòng ") {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, days); err != nil {
			t.Fatal(err)
		}
		back, err := ParseCSV(&buf)
		if err != nil {
			t.Fatalf("written form does not parse: %v\n%q", err, buf.String())
		}
		if !reflect.DeepEqual(back, days) {
			t.Fatalf("round trip changed %+v into %+v", days, back)
		}
	})
}

// The reference file writes a label with a comma inside parentheses without quotes, as people do
// in a spreadsheet: the comma is part of the label. A bracket never closed encloses nothing.
func TestParseCSVCommaInsideBrackets(t *testing.T) {
	in := "date,kind,label,tag\n" +
		"2027-09-03,holiday,Quốc khánh (ngày liền kề; dự kiến, chờ thông báo),P\n" +
		"2027-09-06,swap_off,Nghỉ [thử, nghiệm] (a, (b, c)),\n"
	days, err := ParseCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 2 || days[0].Label != "Quốc khánh (ngày liền kề; dự kiến, chờ thông báo)" || days[0].Tag != "P" ||
		days[1].Label != "Nghỉ [thử, nghiệm] (a, (b, c))" {
		t.Fatalf("days = %+v", days)
	}
	_, err = ParseCSV(strings.NewReader("date,kind,label,tag\n2027-09-03,holiday,Quốc khánh (dự kiến, chờ, P\n"))
	if err == nil || !strings.Contains(err.Error(), "cần 4 cột") {
		t.Errorf("unclosed bracket: %v, want the column count error", err)
	}
	var buf bytes.Buffer
	odd := []Day{{Date: D(2030, 1, 1), Kind: Holiday, Label: "mở (không đóng", Source: SourceCSV},
		{Date: D(2030, 1, 2), Kind: Holiday, Label: "đóng) rồi, mở", Source: SourceCSV}}
	if err := WriteCSV(&buf, odd); err != nil {
		t.Fatal(err)
	}
	back, err := ParseCSV(&buf)
	if err != nil || !reflect.DeepEqual(back, odd) {
		t.Errorf("round trip of unbalanced labels: %+v, %v", back, err)
	}
}
