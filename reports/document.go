package reports

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"motcua/data/vntext"
)

// Body text of state documents is 13–14 pt Times; these are the sizes every form uses.
const (
	SizeBody  = 13.0
	SizeSmall = 11.0
	SizeTitle = 14.0
	lineH     = 6.2 // mm per body line at 13 pt
)

// Doc is one PDF being written with the state-document conventions (docs/DOMAIN.md §9).
type Doc struct {
	pdf    *gofpdf.Fpdf
	left   float64
	top    float64
	right  float64
	bottom float64
	pageNo bool // print "Trang x/y" in the footer
}

// DocOption changes how NewDoc sets a document up.
type DocOption func(*docConfig)

type docConfig struct {
	styles []string
	date   time.Time
}

// Styles registers only these font styles ("", "B", "I", "BI"): each costs a TTF parse (~4 ms)
// per document, which a receipt printed every few minutes need not pay for an unused one.
func Styles(styles ...string) DocOption { return func(c *docConfig) { c.styles = styles } }

// Dated stamps the document's creation date, so printing the same thing twice gives the same bytes.
func Dated(t time.Time) DocOption { return func(c *docConfig) { c.date = t } }

// NewDoc starts a document: orientation "P" or "L", size "A4" or "A5". Margins follow Decree
// 30/2020 (left 30 mm, others 20 mm) on A4; A5 halves use 12 mm.
func NewDoc(orientation, size string, opts ...DocOption) *Doc {
	cfg := docConfig{styles: []string{"", "B", "I", "BI"}}
	for _, o := range opts {
		o(&cfg)
	}
	pdf := gofpdf.New(orientation, "mm", size, "")
	addFonts(pdf, cfg.styles...)
	pdf.SetCatalogSort(true)
	if !cfg.date.IsZero() {
		pdf.SetCreationDate(cfg.date)
		pdf.SetModificationDate(cfg.date)
	}
	d := &Doc{pdf: pdf, left: 25, top: 15, right: 15, bottom: 15}
	if size == "A5" {
		d.left, d.top, d.right, d.bottom = 12, 10, 12, 10
	}
	pdf.SetMargins(d.left, d.top, d.right)
	pdf.SetAutoPageBreak(true, d.bottom+5)
	pdf.SetCreator("Một Cửa", true)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		if !d.pageNo {
			return
		}
		pdf.SetY(-(d.bottom + 2))
		d.Font("I", SizeSmall-1)
		pdf.CellFormat(0, 5, fmt.Sprintf("Trang %d/{nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	return d
}

// PDF gives the underlying gofpdf document for drawing that Doc does not cover (codes, charts).
func (d *Doc) PDF() *gofpdf.Fpdf { return d.pdf }

// PageNumbers turns on "Trang x/y" at the bottom of every page.
func (d *Doc) PageNumbers() { d.pdf.AliasNbPages("{nb}"); d.pageNo = true }

// AddPage starts a page.
func (d *Doc) AddPage() { d.pdf.AddPage() }

// Font sets the style ("", "B", "I", "BI") and size of the next text.
func (d *Doc) Font(style string, size float64) { d.pdf.SetFont(family, style, size) }

// Width is the printable width of the page.
func (d *Doc) Width() float64 {
	w, _ := d.pdf.GetPageSize()
	return w - d.left - d.right
}

// Left is the left margin.
func (d *Doc) Left() float64 { return d.left }

// T prepares text for the page: NFC; characters beyond U+FFFF (emoji) and invalid bytes become
// "?" because gofpdf's line splitting panics on them; control characters other than line breaks
// are dropped, tabs become spaces.
func T(s string) string {
	safe := true
	for _, r := range s {
		if r > 0xFFFF || r == utf8.RuneError || (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) {
			safe = false
			break
		}
	}
	if !safe {
		s = strings.Map(func(r rune) rune {
			switch {
			case r == '\n':
				return r
			case r == '\t':
				return ' '
			case r > 0xFFFF || r == utf8.RuneError:
				return '?'
			case r < 0x20 || (r >= 0x7f && r < 0xa0):
				return -1
			}
			return r
		}, s)
	}
	return vntext.NFC(s)
}

// Header prints the two-column head of every state document: governing body and issuing unit
// (and "Số: …") at top left, the national motto at top right, then "<place>, ngày … tháng … năm …".
func (d *Doc) Header(st Settings, number string, date time.Time) {
	pdf := d.pdf
	w := d.Width()
	lw, rw := w*0.42, w*0.58
	x0, y0 := d.left, pdf.GetY()

	d.Font("", SizeSmall+1)
	pdf.SetXY(x0, y0)
	pdf.MultiCell(lw, 5.5, T(strings.ToUpper(st.GoverningBody)), "", "C", false)
	d.Font("B", SizeSmall+1)
	pdf.SetX(x0)
	pdf.MultiCell(lw, 5.5, T(strings.ToUpper(st.OfficeName)), "", "C", false)
	yl := pdf.GetY()
	pdf.Line(x0+lw*0.3, yl+0.5, x0+lw*0.7, yl+0.5)
	if number != "" {
		d.Font("", SizeSmall+1)
		pdf.SetXY(x0, yl+2)
		pdf.CellFormat(lw, 6, T("Số: "+number), "", 1, "C", false, 0, "")
		yl = pdf.GetY()
	}

	pdf.SetXY(x0+lw, y0)
	d.Font("B", SizeSmall+1)
	pdf.CellFormat(rw, 5.5, T("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "", 2, "C", false, 0, "")
	d.Font("B", SizeBody)
	pdf.CellFormat(rw, 6, T("Độc lập - Tự do - Hạnh phúc"), "", 2, "C", false, 0, "")
	motto := pdf.GetStringWidth(T("Độc lập - Tự do - Hạnh phúc"))
	yr := pdf.GetY()
	pdf.Line(x0+lw+(rw-motto)/2, yr+0.3, x0+lw+(rw+motto)/2, yr+0.3)
	pdf.SetXY(x0+lw, yr+2)
	d.Font("I", SizeBody)
	pdf.CellFormat(rw, 6, T(vntext.PlaceDate(st.Place, date)), "", 2, "C", false, 0, "")
	yr = pdf.GetY()

	pdf.SetXY(x0, max(yl, yr)+4)
}

// Title prints a form's title in bold capitals, with its citation line in italics beneath.
func (d *Doc) Title(title, citation string) {
	d.Font("B", SizeTitle)
	d.pdf.SetX(d.left)
	d.pdf.MultiCell(d.Width(), 7, T(strings.ToUpper(title)), "", "C", false)
	if citation != "" {
		d.Font("I", SizeSmall)
		d.pdf.SetX(d.left)
		d.pdf.MultiCell(d.Width(), 5, T("("+citation+")"), "", "C", false)
	}
	d.pdf.Ln(3)
}

// Para prints a wrapped paragraph of body text.
func (d *Doc) Para(text string) {
	d.Font("", SizeBody)
	d.pdf.SetX(d.left)
	d.pdf.MultiCell(d.Width(), lineH, T(text), "", "J", false)
}

// Field prints "label: value" with the label in regular and the value in bold, wrapped.
func (d *Doc) Field(label, value string) {
	pdf := d.pdf
	d.Font("", SizeBody)
	pdf.SetX(d.left)
	lbl := T(label + ": ")
	lw := pdf.GetStringWidth(lbl)
	if lw > d.Width()*0.5 {
		d.Para(label + ": " + value)
		return
	}
	y := pdf.GetY()
	pdf.CellFormat(lw, lineH, lbl, "", 0, "L", false, 0, "")
	d.Font("B", SizeBody)
	pdf.SetXY(d.left+lw, y)
	pdf.MultiCell(d.Width()-lw, lineH, T(value), "", "L", false)
}

// Gap moves down by mm.
func (d *Doc) Gap(mm float64) { d.pdf.Ln(mm) }

// Sign is one signature block: title line, italic note, blank space, then the name.
type Sign struct {
	Title string // "NGƯỜI NỘP HỒ SƠ"
	Note  string // "(Ký, ghi rõ họ tên)"
	Name  string
}

// Signatures prints up to three signature blocks side by side, keeping them on one page.
func (d *Doc) Signatures(blocks ...Sign) {
	pdf := d.pdf
	if len(blocks) == 0 {
		return
	}
	// The block ends with the name ~41 mm down; keep it clear of the automatic page break
	// (bottom margin + 5 mm) so the name never lands alone on the next page.
	_, ph := pdf.GetPageSize()
	if pdf.GetY()+41 > ph-d.bottom-5 {
		pdf.AddPage()
	}
	w := d.Width() / float64(len(blocks))
	y := pdf.GetY() + 2
	for i, b := range blocks {
		x := d.left + float64(i)*w
		pdf.SetXY(x, y)
		d.Font("B", SizeBody)
		pdf.MultiCell(w, lineH, T(strings.ToUpper(b.Title)), "", "C", false)
		if b.Note != "" {
			pdf.SetX(x)
			d.Font("I", SizeSmall)
			pdf.MultiCell(w, 5, T(b.Note), "", "C", false)
		}
	}
	yName := y + 32
	for i, b := range blocks {
		if b.Name == "" {
			continue
		}
		pdf.SetXY(d.left+float64(i)*w, yName)
		d.Font("B", SizeBody)
		pdf.MultiCell(w, lineH, T(b.Name), "", "C", false)
	}
	pdf.SetXY(d.left, yName+lineH+2)
}

// Write finishes the document into w.
func (d *Doc) Write(w io.Writer) error {
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("tạo tệp PDF: %w", err)
	}
	return nil
}
