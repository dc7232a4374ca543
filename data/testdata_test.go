package data

import (
	"os"
	"path/filepath"
	"testing"
)

// openTestdata opens a file of testdata/ (copies of ../shared/data, so tests run without shared/).
func openTestdata(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
