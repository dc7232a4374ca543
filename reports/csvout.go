package reports

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// bom makes Excel read the file as UTF-8, so the accents show.
const bom = "\uFEFF"

// WriteCSV writes the report's tables as CSV: UTF-8 with a byte-order mark, RFC 4180 quoting and
// CRLF line ends, numbers unformatted (1572, 94.2 for a percentage), text behind a quote when a
// spreadsheet would run it as a formula (csvText). A report of one table is its header line then
// its rows; a report of several tables writes each as a section: a line holding the table's name,
// its header, its rows, then an empty line.
func (r *Report) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(bom); err != nil {
		return fmt.Errorf("ghi tệp CSV: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	multi := len(r.Tables) > 1
	for i, t := range r.Tables {
		if multi {
			if i > 0 {
				cw.Write([]string{})
			}
			cw.Write([]string{csvText(t.Name)})
		}
		hs := t.Headers()
		for j := range hs {
			hs[j] = csvText(hs[j])
		}
		cw.Write(hs)
		rec := make([]string, len(t.Cols))
		row := func(cells []Cell) {
			for j := range rec {
				rec[j] = ""
				switch {
				case j >= len(cells):
				case cells[j].Kind == KindText:
					rec[j] = csvText(cells[j].Raw())
				default:
					rec[j] = cells[j].Raw() // a number we wrote: a minus sign is a negative figure
				}
			}
			cw.Write(rec)
		}
		for _, cells := range t.Rows {
			row(cells)
		}
		if t.Total != nil {
			row(t.Total)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("ghi tệp CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ghi tệp CSV: %w", err)
	}
	return nil
}

// csvText is a text cell as written to CSV. A cell starting with = + - @ (or tab or CR, which a
// spreadsheet skips before one of those) is a formula to Excel and LibreOffice: an applicant
// named =HYPERLINK(…) would run as one on the province's PC. Such a cell is written behind a
// single quote, which the spreadsheet shows as text (the OWASP advice on CSV injection). T may
// drop a leading CR, so the text is checked before and after it.
func csvText(s string) string {
	t := T(s)
	if formulaStart(s) || formulaStart(t) {
		return "'" + t
	}
	return t
}

func formulaStart(s string) bool {
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}
