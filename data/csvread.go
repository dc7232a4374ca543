package data

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// LineError is an import error tied to a line of a CSV file and, when known, to a column. Its text
// is Vietnamese — `dòng 7, cột "received_at": ngày không hợp lệ "31/02/2026"` — because the
// administrator reads it to fix the file. Err is usually an *InputError, so code that shows input
// errors as they are (and knows that nothing was changed) treats an import error the same way.
type LineError struct {
	Line   int    // physical line of the file, from 1, where the record starts
	Column string // header name of the column at fault; "" when the whole line is
	Err    error
}

func (e *LineError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("dòng %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("dòng %d, cột %q: %v", e.Line, e.Column, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

func lineErrorf(line int, column, format string, args ...any) *LineError {
	return &LineError{Line: line, Column: column, Err: keyedError(KeyFile, fmt.Errorf(format, args...))}
}

// Limits shared by the CSV imports. A field of 4,000 runes holds any real name, address or list
// of documents; the reader stops at the first rune beyond it, so a 10 MB field costs 16 KB of
// memory, not 10 MB, and the error comes at once.
const (
	maxCSVFieldRunes = 4000
	maxCSVFields     = 64 // far more than any import's header, so an unknown column is named, not "too many"
)

// csvReader reads RFC 4180 records: fields separated by commas, optionally quoted; inside quotes a
// field may hold commas, line breaks and doubled quotes. Line ends may be LF, CRLF or CR, and a
// UTF-8 byte-order mark at the start is skipped (Excel writes one). It is stricter than
// encoding/csv where a lax reading would hide a broken file, and it bounds memory per field:
//   - invalid UTF-8, control characters (a line break is allowed only inside quotes, and is kept
//     as "\n"), and invisible direction overrides are errors, so nothing unprintable is stored;
//   - a quote inside an unquoted field, or text after a closing quote, is an error;
//   - a comma inside brackets that the line closes does not end an unquoted field: people write
//     "Tờ khai (theo mẫu, hai bên có mặt)" in a spreadsheet cell without quotes (calendar.Enclosed);
//   - fields are trimmed of surrounding white space; lines whose fields are all empty (blank lines,
//     or the ",,,," rows spreadsheets leave at the end) are skipped.
type csvReader struct {
	r       *bufio.Reader
	line    int      // physical line of the next rune
	names   []string // header names, to name columns in errors once the header is read
	started bool     // the byte-order mark can only be the very first rune
	field   strings.Builder
}

func newCSVReader(r io.Reader) *csvReader {
	return &csvReader{r: bufio.NewReaderSize(r, 64<<10), line: 1}
}

// next returns the next record that is not blank and the line it starts on; io.EOF at the end.
func (c *csvReader) next() ([]string, int, error) {
	for {
		start := c.line
		fields, err := c.record()
		if err != nil {
			return nil, start, err
		}
		for _, f := range fields {
			if f != "" {
				return fields, start, nil
			}
		}
	}
}

// column is how an error names field i (0-based) of the current record.
func (c *csvReader) column(i int) (name, prefix string) {
	if i < len(c.names) {
		return c.names[i], ""
	}
	return "", fmt.Sprintf("cột %d: ", i+1)
}

func (c *csvReader) fieldError(line, i int, format string, args ...any) error {
	name, prefix := c.column(i)
	return lineErrorf(line, name, prefix+format, args...)
}

// skipByte reports whether the next byte is b, and consumes it if so.
func (c *csvReader) skipByte(b byte) bool {
	if p, err := c.r.Peek(1); err == nil && p[0] == b {
		c.r.ReadByte() // cannot fail: Peek just returned this byte
		return true
	}
	return false
}

// record reads one physical record (possibly several lines when a quoted field holds line breaks).
// It returns io.EOF only when the input ended before the record's first rune.
func (c *csvReader) record() ([]string, error) {
	start := c.line
	var fields []string
	c.field.Reset()
	runes := 0         // runes in the current field
	inQuotes := false  // inside a quoted field
	closed := false    // the current field was quoted and its closing quote was read
	empty := true      // nothing read yet for this record
	quoteLine := start // where the open quote is, for "missing closing quote"
	finish := func() error {
		if len(fields) >= maxCSVFields {
			return lineErrorf(start, "", "quá nhiều cột (tối đa %d)", maxCSVFields)
		}
		fields = append(fields, strings.TrimSpace(c.field.String()))
		c.field.Reset()
		runes, closed = 0, false
		return nil
	}
	add := func(r rune) error {
		if runes++; runes > maxCSVFieldRunes {
			return c.fieldError(start, len(fields), "quá dài (tối đa %d ký tự)", maxCSVFieldRunes)
		}
		c.field.WriteRune(r)
		return nil
	}
	for {
		r, size, err := c.r.ReadRune()
		if err == io.EOF {
			switch {
			case inQuotes:
				return nil, c.fieldError(quoteLine, len(fields), "thiếu dấu ngoặc kép đóng")
			case empty:
				return nil, io.EOF
			}
			if err := finish(); err != nil {
				return nil, err
			}
			return fields, nil
		}
		if err != nil {
			return nil, fmt.Errorf("dòng %d: không đọc được tệp: %w", c.line, err)
		}
		if r == utf8.RuneError && size == 1 {
			return nil, lineErrorf(c.line, "", "không phải văn bản UTF-8 hợp lệ (hãy lưu tệp dạng CSV UTF-8)")
		}
		if !c.started {
			c.started = true
			if r == '\uFEFF' {
				continue
			}
		}
		empty = false
		if inQuotes {
			switch r {
			case '"':
				if c.skipByte('"') {
					err = add('"')
				} else {
					inQuotes, closed = false, true
				}
			case '\r', '\n':
				if r == '\r' {
					c.skipByte('\n')
				}
				c.line++
				err = add('\n')
			default:
				if calendar.ForbiddenRune(r) {
					return nil, c.fieldError(c.line, len(fields), "có ký tự điều khiển %U", r)
				}
				err = add(r)
			}
			if err != nil {
				return nil, err
			}
			continue
		}
		switch {
		case r == ',' && !closed && c.enclosedComma():
			if err := add(r); err != nil {
				return nil, err
			}
		case r == ',':
			if err := finish(); err != nil {
				return nil, err
			}
		case r == '\r' || r == '\n':
			if r == '\r' {
				c.skipByte('\n')
			}
			c.line++
			if err := finish(); err != nil {
				return nil, err
			}
			return fields, nil
		case closed:
			if r != ' ' {
				return nil, c.fieldError(c.line, len(fields), "có ký tự sau dấu ngoặc kép đóng")
			}
		case r == '"':
			// Spaces before an opening quote are tolerated (`a, "b, c"`): people type them.
			if strings.TrimSpace(c.field.String()) != "" {
				return nil, c.fieldError(c.line, len(fields), "có dấu ngoặc kép giữa cột; cột chứa dấu ngoặc kép phải được bao trong ngoặc kép")
			}
			c.field.Reset()
			runes, inQuotes, quoteLine = 0, true, c.line
		case calendar.ForbiddenRune(r):
			return nil, c.fieldError(c.line, len(fields), "có ký tự điều khiển %U", r)
		default:
			if err := add(r); err != nil {
				return nil, err
			}
		}
	}
}

// enclosedComma reports whether the comma just read, in an unquoted field, lies inside brackets
// the field opened and the rest of the line closes (calendar.Enclosed): "Tờ khai (theo mẫu, hai
// bên có mặt)" is one field even unquoted. Only the rest of the line already buffered is looked at.
func (c *csvReader) enclosedComma() bool {
	field := c.field.String()
	if !strings.ContainsAny(field, "([“") {
		return false
	}
	rest, _ := c.r.Peek(c.r.Size())
	if i := bytes.IndexAny(rest, "\r\n"); i >= 0 {
		rest = rest[:i]
	}
	return calendar.Enclosed(field, string(rest))
}

// readHeader reads the first record as a header and maps column names to positions. Names are
// compared without case; every name must be one of known and appear once, and every name of
// required must be present, so a misspelt column is reported instead of silently read as empty.
func (c *csvReader) readHeader(known, required []string) (map[string]int, error) {
	fields, line, err := c.next()
	if errors.Is(err, io.EOF) {
		return nil, lineErrorf(1, "", "tệp trống: thiếu dòng tiêu đề %s", strings.Join(required, ","))
	}
	if err != nil {
		return nil, err
	}
	isKnown := make(map[string]bool, len(known))
	for _, k := range known {
		isKnown[k] = true
	}
	idx := make(map[string]int, len(fields))
	names := make([]string, len(fields))
	for i, f := range fields {
		name := strings.ToLower(f)
		switch {
		case name == "":
			return nil, lineErrorf(line, "", "tiêu đề cột %d để trống", i+1)
		case !isKnown[name]:
			return nil, lineErrorf(line, "", "cột không được hỗ trợ %s (các cột: %s)", quoteValue(f), strings.Join(known, ","))
		}
		if j, dup := idx[name]; dup {
			return nil, lineErrorf(line, "", "cột %q có hai lần (cột %d và %d)", name, j+1, i+1)
		}
		idx[name] = i
		names[i] = name
	}
	var missing []string
	for _, r := range required {
		if _, ok := idx[r]; !ok {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		return nil, lineErrorf(line, "", "thiếu cột %s", strings.Join(missing, ", "))
	}
	c.names = names
	return idx, nil
}

// csvRow gives a record's fields by column name.
type csvRow struct {
	idx    map[string]int
	fields []string
	line   int
}

// get is the field of column name, "" when the file has no such (optional) column.
func (r csvRow) get(name string) string {
	if i, ok := r.idx[name]; ok {
		return r.fields[i]
	}
	return ""
}

// nextRow reads the next record and checks it has as many fields as the header.
func (c *csvReader) nextRow(idx map[string]int) (csvRow, error) {
	fields, line, err := c.next()
	if err != nil {
		return csvRow{}, err
	}
	if len(fields) != len(c.names) {
		return csvRow{}, lineErrorf(line, "", "dòng có %d cột, tiêu đề có %d cột (cột có dấu phẩy phải được bao trong ngoặc kép)", len(fields), len(c.names))
	}
	return csvRow{idx: idx, fields: fields, line: line}, nil
}

// quoteValue quotes a value for an error message, cut to 40 runes: a message must stay readable
// whatever was in the file.
func quoteValue(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return fmt.Sprintf("%q", s)
	}
	n := 0
	for i := range s {
		if n == max {
			return fmt.Sprintf("%q…", s[:i])
		}
		n++
	}
	return fmt.Sprintf("%q", s)
}

// parseAmount reads a non-negative whole number of plain ASCII digits, at most max. Signs, spaces,
// thousands separators and exponents are refused: "5.000" could be five or five thousand.
func parseAmount(s string, max int64) (int64, bool) {
	if s == "" || len(s) > 18 { // 18 digits cannot overflow an int64
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, n <= max
}

// errorf is a LineError on column col of the row.
func (r csvRow) errorf(col, format string, args ...any) error {
	return lineErrorf(r.line, col, format, args...)
}

// text is column col cleaned for storage (NFC, single spaces: vntext.Clean), checked for presence
// and length in runes.
func (r csvRow) text(col string, max int, required bool) (string, error) {
	s := vntext.Clean(r.get(col))
	if required && s == "" {
		return "", r.errorf(col, "không được để trống")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "", r.errorf(col, "quá dài (%d ký tự, tối đa %d)", n, max)
	}
	return s, nil
}
