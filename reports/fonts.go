package reports

import (
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
func addFonts(pdf *gofpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes(family, "", serifRegular)
	pdf.AddUTF8FontFromBytes(family, "B", serifBold)
	pdf.AddUTF8FontFromBytes(family, "I", serifItalic)
	pdf.AddUTF8FontFromBytes(family, "BI", serifBoldItalic)
}
