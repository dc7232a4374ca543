package reports

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/boombuler/barcode/code128"
	"github.com/boombuler/barcode/qr"
	"github.com/jung-kurt/gofpdf"
)

// grayPage renders page 1 of a PDF in grey at dpi with pdftoppm and returns its pixels.
func grayPage(t *testing.T, pdf []byte, dpi int) (w, h int, pix []byte) {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed (make deps installs poppler-utils)")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "x.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-gray", "-r", fmt.Sprint(dpi), "-f", "1", "-l", "1", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "p*.pgm"))
	if len(matches) != 1 {
		t.Fatalf("pdftoppm wrote %v", matches)
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	var maxv int
	n, err := fmt.Sscanf(string(b), "P5\n%d %d\n%d\n", &w, &h, &maxv)
	if err != nil || n != 3 {
		t.Fatalf("not a PGM: %v", err)
	}
	return w, h, b[len(b)-w*h:]
}

func codesPDF(t *testing.T, draw func(pdf *gofpdf.Fpdf) error) []byte {
	t.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	if err := draw(pdf); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The QR code drawn with rectangles is the encoder's matrix: every module, sampled at its centre in
// a rendering of the page, has the colour the encoder gave it.
func TestCodeQRDrawsTheMatrix(t *testing.T) {
	for _, text := range []string{"000.00.31.H56-261120-0361", "https://dichvucong.thanhhoa.gov.vn/tra-cuu?ma=000.00.31.H56-261120-0361"} {
		want, err := qr.Encode(text, qr.M, qr.Auto)
		if err != nil {
			t.Fatal(err)
		}
		q, err := encodeQR(text)
		if err != nil {
			t.Fatal(err)
		}
		dim := want.Bounds().Dx()
		darkN, area := 0, 0
		for y := 0; y < dim; y++ {
			for x := 0; x < dim; x++ {
				if dark(want.At(x, y)) {
					darkN++
				}
			}
		}
		for _, r := range q.rects {
			area += r.w * r.h
		}
		if q.dim != dim || darkN == 0 || area != darkN || len(q.rects) >= darkN/2 {
			t.Errorf("%q: dim %d/%d, %d dark modules, rectangles cover %d in %d rectangles", text, q.dim, dim, darkN, area, len(q.rects))
		}
		// The three finder patterns: a dark 7×7 ring at three corners.
		for _, c := range [][2]int{{0, 0}, {dim - 7, 0}, {0, dim - 7}} {
			if !dark(want.At(c[0], c[1])) || !dark(want.At(c[0]+6, c[1]+6)) || dark(want.At(c[0]+1, c[1]+1)) || !dark(want.At(c[0]+3, c[1]+3)) {
				t.Errorf("%q: no finder pattern at %v", text, c)
			}
		}

		const x0, y0, size, dpi = 20.0, 20.0, 120.0, 100
		pdf := codesPDF(t, func(pdf *gofpdf.Fpdf) error { return drawQR(pdf, text, x0, y0, size) })
		w, _, pix := grayPage(t, pdf, dpi)
		px := func(mm float64) int { return int(mm * dpi / 25.4) }
		m := size / float64(dim)
		bad := 0
		for my := 0; my < dim; my++ {
			for mx := 0; mx < dim; mx++ {
				v := pix[px(y0+(float64(my)+0.5)*m)*w+px(x0+(float64(mx)+0.5)*m)]
				if (v < 128) != dark(want.At(mx, my)) {
					bad++
				}
			}
		}
		if bad != 0 {
			t.Errorf("%q: %d of %d modules drawn the wrong colour", text, bad, dim*dim)
		}
	}
	if err := drawQR(gofpdf.New("P", "mm", "A4", ""), "", 0, 0, 10); err == nil {
		t.Error("empty QR content accepted")
	}
}

func TestCode128(t *testing.T) {
	// "ABC" in code set B: start B (104) + 1×33 + 2×34 + 3×35 = 310 ≡ 1 (mod 103).
	b, err := encodeCode128("ABC")
	if err != nil {
		t.Fatal(err)
	}
	bits := func(b barCode) string {
		s := []byte(strings.Repeat("0", b.modules))
		for _, r := range b.bars {
			for x := r.x; x < r.x+r.w; x++ {
				s[x] = '1'
			}
		}
		return string(s)
	}
	const startB, stop, value1 = "11010010000", "1100011101011", "11001101100"
	if s := bits(b); b.checksum != 1 || b.modules != 6*11+2 || !strings.HasPrefix(s, startB) || !strings.HasSuffix(s, value1+stop) {
		t.Errorf("ABC: checksum %d, %d modules, bars %s", b.checksum, b.modules, s)
	}

	// A dossier code: digit runs go to code set C, so it is shorter than one symbol per character.
	code := "000.00.31.H56-261120-0361"
	b, err = encodeCode128(code)
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := code128.Encode(code)
	if (b.modules-13)%11 != 0 || b.modules >= (len(code)+3)*11+2 || b.checksum != ref.CheckSum() {
		t.Errorf("%s: %d modules, checksum %d", code, b.modules, b.checksum)
	}
	// Drawn at 300 dpi, each module has the encoder's colour and the quiet zones are blank.
	const x0, y0, w, h, dpi = 10.0, 40.0, 190.0, 20.0, 300
	pdf := codesPDF(t, func(pdf *gofpdf.Fpdf) error { return drawCode128(pdf, code, x0, y0, w, h) })
	pw, _, pix := grayPage(t, pdf, dpi)
	mw := w / float64(b.modules+2*code128Quiet)
	mid := (y0 + h/2) * dpi / 25.4
	row := int(mid)
	want := strings.Repeat("0", code128Quiet) + bits(b) + strings.Repeat("0", code128Quiet)
	got := make([]byte, len(want))
	for i := range want {
		v := pix[row*pw+int((x0+(float64(i)+0.5)*mw)*dpi/25.4)]
		got[i] = '0'
		if v < 128 {
			got[i] = '1'
		}
	}
	if string(got) != want {
		t.Errorf("drawn bars\n%s\nwant\n%s", got, want)
	}
	for _, bad := range []string{"", "Mã hồ sơ", strings.Repeat("1", 81)} {
		if _, err := encodeCode128(bad); err == nil {
			t.Errorf("%q encoded", bad)
		}
	}
}

func TestCodeMergeModules(t *testing.T) {
	// A 3×3 block, a bar and a dot merge into three rectangles that cover them exactly.
	on := map[[2]int]bool{}
	for y := 0; y < 3; y++ {
		for x := 0; x < 3; x++ {
			on[[2]int{x, y}] = true
		}
	}
	for x := 4; x < 8; x++ {
		on[[2]int{x, 1}] = true
	}
	on[[2]int{9, 4}] = true
	rects := mergeModules(10, 5, func(x, y int) bool { return on[[2]int{x, y}] })
	want := []modRect{{0, 0, 3, 3}, {4, 1, 4, 1}, {9, 4, 1, 1}}
	if fmt.Sprint(rects) != fmt.Sprint(want) {
		t.Errorf("merged %v, want %v", rects, want)
	}
}
