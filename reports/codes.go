package reports

import (
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"github.com/boombuler/barcode/code128"
	"github.com/boombuler/barcode/qr"
	"github.com/jung-kurt/gofpdf"
)

// Codes are drawn as filled rectangles, not images: they stay sharp at any printer resolution and
// cost a few hundred bytes. Adjacent dark modules are merged into one rectangle, first along a row
// and then down identical runs of the rows below, so a finder pattern is three rectangles and not
// forty-nine.

// modRect is a rectangle of dark modules, in module units.
type modRect struct{ x, y, w, h int }

// qrQuiet is the light margin a QR code needs around it, in modules (ISO/IEC 18004).
const qrQuiet = 4

// code128Quiet is the light margin each side of a Code 128 symbol, in modules.
const code128Quiet = 10

func dark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b < 3*0x8000
}

// qrCode is an encoded QR symbol: its side in modules and its dark areas.
type qrCode struct {
	dim   int
	rects []modRect
}

// encodeQR encodes text at error-correction level M (15 %: a receipt survives a coffee stain).
func encodeQR(text string) (qrCode, error) {
	if text == "" {
		return qrCode{}, errors.New("mã QR: không có nội dung")
	}
	bc, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return qrCode{}, fmt.Errorf("mã QR: %w", err)
	}
	dim := bc.Bounds().Dx()
	return qrCode{dim: dim, rects: mergeModules(dim, dim, func(x, y int) bool { return dark(bc.At(x, y)) })}, nil
}

// mergeModules turns a module matrix into few rectangles: runs along each row, each run extended
// down while the next rows have exactly the same run.
func mergeModules(w, h int, on func(x, y int) bool) []modRect {
	type run struct{ x0, x1 int }
	open := map[run]int{} // run → index in rects of the rectangle it extends
	var rects []modRect
	for y := 0; y < h; y++ {
		next := map[run]int{}
		for x := 0; x < w; {
			if !on(x, y) {
				x++
				continue
			}
			x0 := x
			for x < w && on(x, y) {
				x++
			}
			r := run{x0, x}
			if i, ok := open[r]; ok {
				rects[i].h++
				next[r] = i
			} else {
				rects = append(rects, modRect{x: x0, y: y, w: x - x0, h: 1})
				next[r] = len(rects) - 1
			}
		}
		open = next
	}
	return rects
}

// draw paints the symbol in the square (x, y, size); the quiet zone is outside the square and is
// the caller's to keep clear.
func (q qrCode) draw(pdf *gofpdf.Fpdf, x, y, size float64) {
	m := size / float64(q.dim)
	fillRects(pdf, q.rects, x, y, m, m)
}

// fillRects paints module rectangles in black as one path. The coordinates are written in module
// units under a transformation (scale and flip), "3 4 2 1 re" instead of four millimetre values
// per rectangle: a receipt's codes take a quarter of the bytes gofpdf's Rect would write.
func fillRects(pdf *gofpdf.Fpdf, rects []modRect, x, y, mw, mh float64) {
	if len(rects) == 0 {
		return
	}
	k := pdf.GetConversionRatio()
	_, ph := pdf.GetPageSize()
	var b strings.Builder
	b.Grow(16 + 14*len(rects))
	fmt.Fprintf(&b, "q %.5f 0 0 %.5f %.3f %.3f cm 0 g\n", mw*k, -mh*k, x*k, (ph-y)*k)
	for _, r := range rects {
		b.WriteString(strconv.Itoa(r.x))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(r.y))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(r.w))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(r.h))
		b.WriteString(" re\n")
	}
	b.WriteString("f Q")
	pdf.RawWriteStr(b.String())
}

// drawQR draws a QR code of text in the square of side size at (x, y), in mm.
func drawQR(pdf *gofpdf.Fpdf, text string, x, y, size float64) error {
	q, err := encodeQR(text)
	if err != nil {
		return err
	}
	q.draw(pdf, x, y, size)
	return nil
}

// barCode is an encoded Code 128 symbol: its width in modules (start to stop, without the quiet
// zones), its bars and its check value.
type barCode struct {
	modules  int
	bars     []modRect // h is always 1
	checksum int
}

// encodeCode128 encodes text (ASCII; a dossier code always is) as Code 128, switching to code set
// C for runs of digits so the symbol stays short.
func encodeCode128(text string) (barCode, error) {
	if text == "" {
		return barCode{}, errors.New("mã vạch: không có nội dung")
	}
	bc, err := code128.Encode(text)
	if err != nil {
		return barCode{}, fmt.Errorf("mã vạch %q: %w", text, err)
	}
	n := bc.Bounds().Dx()
	return barCode{modules: n, checksum: bc.CheckSum(),
		bars: mergeModules(n, 1, func(x, _ int) bool { return dark(bc.At(x, 0)) })}, nil
}

// width is the symbol's width with its quiet zones at module width mw.
func (b barCode) width(mw float64) float64 { return float64(b.modules+2*code128Quiet) * mw }

// draw paints the bars in the box (x, y, w, h): w includes the quiet zones, which stay blank.
func (b barCode) draw(pdf *gofpdf.Fpdf, x, y, w, h float64) {
	mw := w / float64(b.modules+2*code128Quiet)
	fillRects(pdf, b.bars, x+code128Quiet*mw, y, mw, h)
}

// drawCode128 draws a Code 128 barcode of text in the box (x, y, w, h), in mm, quiet zones
// included in w.
func drawCode128(pdf *gofpdf.Fpdf, text string, x, y, w, h float64) error {
	b, err := encodeCode128(text)
	if err != nil {
		return err
	}
	b.draw(pdf, x, y, w, h)
	return nil
}
