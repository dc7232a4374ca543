package reports

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
)

// bom makes Excel read the file as UTF-8, so the accents show.
const bom = "\uFEFF"

// WriteCSV writes the report's tables as CSV: UTF-8 with a byte-order mark, RFC 4180 quoting and
// CRLF line ends, numbers unformatted (1572, 94.2 for a percentage). A report of one table is
// its header line then its rows; a report of several tables writes each as a section: a line
// holding the table's name, its header, its rows, then an empty line.
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
			cw.Write([]string{T(t.Name)})
		}
		hs := t.Headers()
		for j := range hs {
			hs[j] = T(hs[j])
		}
		cw.Write(hs)
		rec := make([]string, len(t.Cols))
		row := func(cells []Cell) {
			for j := range rec {
				rec[j] = ""
				if j < len(cells) {
					rec[j] = T(cells[j].Raw())
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
