package reports

import (
	"bytes"
	_ "embed"

	"github.com/jung-kurt/gofpdf"
)

// Liberation Serif: Times New Roman's metric twin, covering Vietnamese (SIL OFL, see fonts/OFL.txt).
var (
	//go:embed fonts/LiberationSerif-Regular.ttf
	serifRegular []byte
	//go:embed fonts/LiberationSerif-Bold.ttf
	serifBold []byte
	//go:embed fonts/LiberationSerif-Italic.ttf
	serifItalic []byte
	//go:embed fonts/LiberationSerif-BoldItalic.ttf
	serifBoldItalic []byte
)

// family is the font family name every document uses.
const family = "serif"

// addFonts registers the four styles from memory; gofpdf embeds only the glyphs a document uses.
// Each document gets its own copy of the font bytes: gofpdf pads font tables with append on
// sub-slices of what it is given, so sharing the embedded arrays between documents written at the
// same time is a data race (found by go test -race).
func addFonts(pdf *gofpdf.Fpdf, styles ...string) {
	files := map[string][]byte{"": serifRegular, "B": serifBold, "I": serifItalic, "BI": serifBoldItalic}
	for _, st := range styles {
		pdf.AddUTF8FontFromBytes(family, st, bytes.Clone(files[st]))
	}
}
