package pdftest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// twoColumns is a page with two cells side by side, the left one wrapped over two lines.
func twoColumns(t *testing.T) []byte {
	t.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	pdf.SetXY(20, 20)
	pdf.MultiCell(40, 6, "left first\nleft second", "", "L", false)
	pdf.SetXY(100, 20)
	pdf.MultiCell(40, 6, "right cell", "", "L", false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Layout keeps the columns side by side; raw keeps the left cell's lines together; Searchable
// finds a phrase in either.
func TestTextModes(t *testing.T) {
	pdf := twoColumns(t)
	layout := Text(t, pdf, Layout)
	if !strings.Contains(layout, "left first") || !sameLine(layout, "left first", "right cell") {
		t.Errorf("layout text keeps the columns apart:\n%s", layout)
	}
	if raw := Flat(Text(t, pdf, Raw)); !strings.Contains(raw, "left first left second") {
		t.Errorf("raw text splits the left cell: %q", raw)
	}
	if reading := Flat(Text(t, pdf, Reading)); !strings.Contains(reading, "right cell") {
		t.Errorf("reading order lacks a cell: %q", reading)
	}
	if s := Searchable(t, pdf); !strings.Contains(s, "left first left second") || !strings.Contains(s, "right cell") {
		t.Errorf("searchable text: %q", s)
	}
}

// sameLine reports whether one line of text holds a and, after it, b.
func sameLine(text, a, b string) bool {
	for _, l := range strings.Split(text, "\n") {
		if i := strings.Index(l, a); i >= 0 && strings.Contains(l[i:], b) {
			return true
		}
	}
	return false
}

func TestFlat(t *testing.T) {
	if got := Flat("  a\n b\t\tc  "); got != "a b c" {
		t.Errorf("Flat = %q", got)
	}
}
