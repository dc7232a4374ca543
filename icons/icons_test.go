package icons

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"testing"
)

func TestPNGSizes(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		size int
	}{
		{"AppPNG", AppPNG, 512},
		{"AppPNG256", AppPNG256, 256},
		{"AppPNG64", AppPNG64, 64},
		{"AppPNG32", AppPNG32, 32},
	} {
		img, err := png.Decode(bytes.NewReader(tc.data))
		if err != nil {
			t.Errorf("%s: decode: %v", tc.name, err)
			continue
		}
		b := img.Bounds()
		if b.Dx() != tc.size || b.Dy() != tc.size {
			t.Errorf("%s: got %dx%d, want %dx%d", tc.name, b.Dx(), b.Dy(), tc.size, tc.size)
		}
	}
}

func TestSVG(t *testing.T) {
	var root struct {
		XMLName xml.Name
		ViewBox string `xml:"viewBox,attr"`
	}
	if err := xml.Unmarshal(AppSVG, &root); err != nil {
		t.Fatalf("AppSVG is not well-formed XML: %v", err)
	}
	if root.XMLName.Local != "svg" || root.ViewBox != "0 0 512 512" {
		t.Fatalf("AppSVG: root <%s viewBox=%q>, want <svg viewBox=\"0 0 512 512\">", root.XMLName.Local, root.ViewBox)
	}
}
