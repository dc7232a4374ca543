package app

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// TestScreenshots renders both pictures (into MOTCUA_SCREENSHOTS when set, to look at them).
func TestScreenshots(t *testing.T) {
	dir := buildDemo(t, 300)
	out := os.Getenv("MOTCUA_SCREENSHOTS")
	if out == "" {
		out = t.TempDir()
	}
	if err := Screenshots(out, Options{DataDir: dir, Version: "0.1.0", Now: clockAt(fixedNow)}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"welcome.png", "dashboard.png"} {
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
