package calendar

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// LineError is a CSV import error tied to a line of the file. Its text is
// Vietnamese ("dòng 7: ngày không hợp lệ …") because the administrator
// reads it to fix the file.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("dòng %d: %s", e.Line, e.Msg) }

const (
	maxFieldRunes = 200
	// A legal line is at most 4 fields of 200 runes of 4 bytes, each
	// doubled by CSV quoting; anything longer is rejected before it is
	// read into memory.
	maxLineBytes = 4*(2*4*maxFieldRunes+2) + 3
	maxRows      = 20000
)

var csvHeader = []string{"date", "kind", "label", "tag"}

// ParseCSV reads a calendar file: header date,kind,label,tag, then one day
// per line. It is all or nothing: on the first problem it returns nil and an
// error naming the line. Fields may be quoted as in RFC 4180 but may not
// span lines. Blank lines are skipped; a UTF-8 BOM is allowed.
//
// Text is not NFC-normalised here (that needs a non-standard package); the
// import layer does it before storing.
func ParseCSV(r io.Reader) ([]Day, error) {
	br := bufio.NewReaderSize(r, maxLineBytes+2)
	var days []Day
	seen := map[Date]int{}
	header := false
	for line := 1; ; line++ {
		raw, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			return nil, &LineError{line, fmt.Sprintf("dòng quá dài (mỗi cột tối đa %d ký tự)", maxFieldRunes)}
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("dòng %d: không đọc được tệp: %w", line, err)
		}
		if len(raw) == 0 && err == io.EOF {
			break
		}
		if line == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
		}
		raw = bytes.TrimSuffix(bytes.TrimSuffix(raw, []byte("\n")), []byte("\r"))
		if len(bytes.TrimSpace(raw)) == 0 {
			if err == io.EOF {
				break
			}
			continue
		}
		fields, msg := splitCSVLine(raw)
		if msg != "" {
			return nil, &LineError{line, msg}
		}
		if !header {
			if !isHeader(fields) {
				return nil, &LineError{line, "dòng đầu phải là tiêu đề date,kind,label,tag"}
			}
			header = true
		} else {
			if len(days) >= maxRows {
				return nil, &LineError{line, fmt.Sprintf("quá nhiều dòng (tối đa %d)", maxRows)}
			}
			d, msg := parseRow(fields)
			if msg != "" {
				return nil, &LineError{line, msg}
			}
			if prev, dup := seen[d.Date]; dup {
				return nil, &LineError{line, fmt.Sprintf("ngày %s trùng với dòng %d", d.Date, prev)}
			}
			seen[d.Date] = line
			days = append(days, d)
		}
		if err == io.EOF {
			break
		}
	}
	if !header {
		return nil, &LineError{1, "tệp trống: thiếu dòng tiêu đề date,kind,label,tag"}
	}
	return days, nil
}

func isHeader(f []string) bool {
	if len(f) != len(csvHeader) {
		return false
	}
	for i, h := range csvHeader {
		if strings.ToLower(f[i]) != h {
			return false
		}
	}
	return true
}

// splitCSVLine splits one physical line into trimmed fields and checks
// every field's text. A non-empty message is the Vietnamese reason it failed.
func splitCSVLine(b []byte) ([]string, string) {
	if !utf8.Valid(b) {
		return nil, "không phải văn bản UTF-8 hợp lệ"
	}
	s := string(b)
	var fields []string
	for n := 1; ; n++ {
		var f string
		t := strings.TrimLeft(s, " ")
		if strings.HasPrefix(t, `"`) {
			var sb strings.Builder
			i := 1
			for {
				j := strings.IndexByte(t[i:], '"')
				if j < 0 {
					return nil, fmt.Sprintf("cột %d: thiếu dấu ngoặc kép đóng", n)
				}
				sb.WriteString(t[i : i+j])
				i += j + 1
				if i < len(t) && t[i] == '"' {
					sb.WriteByte('"')
					i++
					continue
				}
				break
			}
			f = sb.String()
			rest := strings.TrimLeft(t[i:], " ")
			if rest != "" && rest[0] != ',' {
				return nil, fmt.Sprintf("cột %d: có ký tự sau dấu ngoặc kép đóng", n)
			}
			s = rest
		} else {
			// A comma inside brackets the line closes belongs to the field: a label such as
			// "Quốc khánh (ngày liền kề; dự kiến, chờ thông báo)" is one column (see Enclosed).
			j := 0
			for {
				k := strings.IndexByte(s[j:], ',')
				if k < 0 {
					j = len(s)
					break
				}
				j += k
				if !Enclosed(s[:j], s[j+1:]) {
					break
				}
				j++
			}
			f, s = s[:j], s[j:]
		}
		// Controls are checked before trimming so that a tab or vertical
		// tab at the edge is reported, not silently dropped.
		for _, r := range f {
			if ForbiddenRune(r) {
				return nil, fmt.Sprintf("cột %d: có ký tự điều khiển %U", n, r)
			}
		}
		f = strings.TrimSpace(f)
		if c := utf8.RuneCountInString(f); c > maxFieldRunes {
			return nil, fmt.Sprintf("cột %d: quá dài (%d ký tự, tối đa %d)", n, c, maxFieldRunes)
		}
		fields = append(fields, f)
		if s == "" {
			return fields, ""
		}
		s = s[1:] // the comma
		if len(fields) >= len(csvHeader) {
			// The extra columns are only counted, for the error message.
			return append(fields, strings.Split(s, ",")...), ""
		}
	}
}

// ForbiddenRune rejects, in a field of an imported CSV file, control characters (tabs included: a
// tab in a field is nearly always a paste from another program), line and paragraph separators, a
// byte-order mark past the start, and the invisible bidirectional controls that make text display
// as something it is not. The catalog and register imports of package data check with it too.
func ForbiddenRune(r rune) bool {
	switch {
	case unicode.IsControl(r), r == '\u2028', r == '\u2029', r == '\uFEFF',
		r == '\u200E', r == '\u200F', r == '\u061C',
		r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

func parseRow(f []string) (Day, string) {
	if len(f) != len(csvHeader) {
		return Day{}, fmt.Sprintf("cần %d cột (date,kind,label,tag), có %d", len(csvHeader), len(f))
	}
	date, err := ParseDate(f[0])
	if err != nil {
		return Day{}, err.Error()
	}
	kind := Kind(strings.ToLower(f[1]))
	if !kind.Valid() {
		return Day{}, fmt.Sprintf("loại ngày không hợp lệ %s (holiday, comp, swap_off hoặc makeup)", quoteShort(f[1]))
	}
	if f[2] == "" {
		return Day{}, "thiếu tên ngày (cột label)"
	}
	tag := strings.ToUpper(f[3])
	switch tag {
	case "", "V", "S", "C", "P":
	default:
		return Day{}, fmt.Sprintf("mã nguồn không hợp lệ %s (V, S, C, P hoặc để trống)", quoteShort(f[3]))
	}
	weekend := date.Weekday() == time.Saturday || date.Weekday() == time.Sunday
	switch {
	case kind == Makeup && !weekend:
		return Day{}, fmt.Sprintf("ngày làm bù %s là %s, không phải thứ Bảy hay Chủ nhật", date, weekdayVN(date.Weekday()))
	case (kind == SwapOff || kind == Comp) && weekend:
		return Day{}, fmt.Sprintf("ngày %s (%s) rơi vào %s, vốn đã là ngày nghỉ", kind.VN(), date, weekdayVN(date.Weekday()))
	}
	return Day{Date: date, Kind: kind, Label: f[2], Tag: tag, Source: SourceCSV}, ""
}

func weekdayVN(w time.Weekday) string {
	return [...]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}[w]
}

// Enclosed reports whether a separator (a comma between columns, a semicolon between the
// documents of a list) found between before and after lies inside brackets or quotes: before
// opens "(", "[", "“" or a straight quote that after closes on the same line. Such a separator
// belongs to the text — "Tờ khai (theo mẫu; hai bên có mặt)" is one document and
// "Quốc khánh (ngày liền kề; dự kiến, chờ thông báo)" one column, as people write them in a
// spreadsheet without quoting. An opening that is never closed encloses nothing, so a stray "("
// cannot swallow the rest of a line. Closers that match nothing are ignored.
func Enclosed(before, after string) bool {
	var stack []rune
	for _, r := range before {
		stack = bracketStep(stack, r)
	}
	base := len(stack)
	if base == 0 {
		return false
	}
	for _, r := range after {
		if r == '\n' || r == '\r' {
			return false
		}
		if stack = bracketStep(stack, r); len(stack) < base {
			return true
		}
	}
	return false
}

func bracketStep(stack []rune, r rune) []rune {
	top := rune(0)
	if len(stack) > 0 {
		top = stack[len(stack)-1]
	}
	switch r {
	case '(', '[', '“':
		return append(stack, r)
	case '"':
		if top != '"' {
			return append(stack, r)
		}
	case ')':
		if top != '(' {
			return stack
		}
	case ']':
		if top != '[' {
			return stack
		}
	case '”':
		if top != '“' {
			return stack
		}
	default:
		return stack
	}
	return stack[:len(stack)-1]
}

// WriteCSV writes days in the format ParseCSV reads. A field is quoted only when ParseCSV would
// not read it back as it is unquoted, so the official file comes out byte for byte as published.
func WriteCSV(w io.Writer, days []Day) error {
	bw := bufio.NewWriter(w)
	row := func(fields ...string) {
		for i, f := range fields {
			if i > 0 {
				bw.WriteByte(',')
			}
			if needsQuotes(f) {
				bw.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
			} else {
				bw.WriteString(f)
			}
		}
		bw.WriteByte('\n')
	}
	row(csvHeader...)
	for _, d := range days {
		row(d.Date.String(), string(d.Kind), d.Label, d.Tag)
	}
	return bw.Flush()
}

// needsQuotes reports whether f, written bare, would not come back as f: it holds a quote or a
// line break, has space at an edge (fields are trimmed), a comma that its own brackets do not
// enclose, or an opening bracket left open (which could enclose the comma after the field).
func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if strings.ContainsAny(f, "\"\r\n") || strings.TrimSpace(f) != f {
		return true
	}
	for i := 0; i < len(f); i++ {
		if f[i] == ',' && !Enclosed(f[:i], f[i+1:]) {
			return true
		}
	}
	var stack []rune
	for _, r := range f {
		stack = bracketStep(stack, r)
	}
	return len(stack) > 0
}
