package official

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The embedded files are copies of the reference folder (../shared/data beside the repository):
// when that folder is at hand, they must not have drifted from it.
func TestEmbeddedFilesMatchSharedData(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data")
	for name, embedded := range map[string][]byte{"calendar-vn-official.csv": CalendarCSV(), "catalog.csv": CatalogCSV()} {
		ref, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Skipf("reference folder not at hand: %v", err)
		}
		if !bytes.Equal(ref, embedded) {
			t.Errorf("%s: the embedded copy differs from %s", name, filepath.Join(dir, name))
		}
	}
}
