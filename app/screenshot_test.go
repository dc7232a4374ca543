package app

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// TestScreenshots renders the pictures. "make screenshots" sets MOTCUA_SCREENSHOTS to
// docs/screenshots and gets a 20,000-dossier demo office; the renderer is test-only so that
// Fyne's test driver never ships in the application.
func TestScreenshots(t *testing.T) {
	out := os.Getenv("MOTCUA_SCREENSHOTS")
	opts := Options{Version: "0.1.0", Now: clockAt(fixedNow)}
	if out == "" {
		out = t.TempDir()
		opts.DataDir = buildDemo(t, 300)
	}
	if err := Screenshots(out, opts); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"welcome.png", "login.png", "dashboard.png"} {
		f, err := os.Open(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 800 {
			t.Errorf("%s is %dx%d, want 1280x800", name, b.Dx(), b.Dy())
		}
	}
}
