package app

import (
	"image"
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
	for _, name := range []string{"welcome.png", "login.png", "dashboard.png", "1920x1080/dashboard.png"} {
		f, err := os.Open(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := image.Pt(1366, 768)
		if filepath.Dir(name) == "1920x1080" {
			want = image.Pt(1920, 1080)
		}
		if b := img.Bounds(); b.Size() != want {
			t.Errorf("%s is %v, want %v", name, b.Size(), want)
		}
	}
}
