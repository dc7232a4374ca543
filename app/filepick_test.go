package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// pickerWindow is a test window's choosers, starting in a folder with a sub-folder, two CSV
// files, a PDF and a hidden file.
func pickerWindow(t *testing.T) (*fileChoosers, string) {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	dir := t.TempDir()
	for _, f := range []string{"b.csv", "A.CSV", "bao-cao.pdf", ".an.csv"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "zz-thư mục"), 0o755); err != nil {
		t.Fatal(err)
	}
	return &fileChoosers{win: w, lastDir: dir}, dir
}

func pickNames(p *filePicker) []string {
	var out []string
	for _, e := range p.entries {
		out = append(out, e.name)
	}
	return out
}

func TestPickFileListsFoldersFirstAndFilters(t *testing.T) {
	files, dir := pickerWindow(t)
	var got string
	p := files.pickFile("Chọn tệp", []string{".csv"}, func(path string) { got = path })
	if p.dir != dir {
		t.Fatalf("starts in %q, want the last folder %q", p.dir, dir)
	}
	names := pickNames(p)
	want := []string{"zz-thư mục", "A.CSV", "b.csv"}
	if len(names) != len(want) {
		t.Fatalf("entries %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("entries %q, want %q", names, want)
		}
	}
	// a folder opens on a click, Up comes back
	p.list.Select(0)
	if p.dir != filepath.Join(dir, "zz-thư mục") || len(p.entries) != 0 {
		t.Fatalf("after clicking the folder: in %q with %d entries", p.dir, len(p.entries))
	}
	p.up()
	if p.dir != dir {
		t.Fatalf("Up went to %q", p.dir)
	}
	// nothing chosen: the box says so and stays
	test.Tap(p.ok)
	if got != "" || !p.box.pop.Visible() || p.box.msg.Text == "" {
		t.Fatalf("confirmed with no file: got %q, visible %v, message %q", got, p.box.pop.Visible(), p.box.msg.Text)
	}
	// a file clicked and confirmed
	p.list.Select(2)
	test.Tap(p.ok)
	if got != filepath.Join(dir, "b.csv") {
		t.Fatalf("picked %q", got)
	}
	if p.box.pop.Visible() {
		t.Error("the box stays open after a pick")
	}
}

func TestPickFileTypedPathAndMissingFile(t *testing.T) {
	files, dir := pickerWindow(t)
	var got string
	p := files.pickFile("Chọn tệp", []string{".csv"}, func(path string) { got = path })
	p.name.SetText("khong-co.csv")
	test.Tap(p.ok)
	if got != "" || p.box.msg.Text == "" {
		t.Fatalf("a missing file was accepted: %q", got)
	}
	p.where.SetText(filepath.Join(dir, "A.CSV"))
	p.where.OnSubmitted(p.where.Text)
	if got != filepath.Join(dir, "A.CSV") {
		t.Fatalf("typed path picked %q", got)
	}
	p2 := files.pickFile("Chọn tệp", nil, func(string) {})
	p2.where.OnSubmitted(filepath.Join(dir, "nowhere"))
	if p2.dir != dir || p2.box.msg.Text == "" {
		t.Fatalf("a bad folder: in %q, message %q", p2.dir, p2.box.msg.Text)
	}
}

func TestPickFolderAndSaveFile(t *testing.T) {
	files, dir := pickerWindow(t)
	var folder string
	p := files.pickFolder("Chọn thư mục", func(path string) { folder = path })
	if names := pickNames(p); len(names) != 1 {
		t.Fatalf("a folder chooser lists files: %q", names)
	}
	p.list.Select(0)
	test.Tap(p.ok)
	if folder != filepath.Join(dir, "zz-thư mục") {
		t.Fatalf("picked folder %q", folder)
	}

	var saved string
	s := files.pickSaveFile("Lưu", "sao-luu", []string{".zip"}, func(path string) { saved = path })
	if s.dir != filepath.Join(dir, "zz-thư mục") {
		t.Fatalf("save starts in %q, want the last folder", s.dir)
	}
	test.Tap(s.ok)
	if saved != filepath.Join(dir, "zz-thư mục", "sao-luu.zip") {
		t.Fatalf("saved to %q", saved)
	}
	// an existing file asks before replacing
	saved = ""
	s2 := files.pickSaveFile("Lưu", "b.csv", []string{".csv"}, func(path string) { saved = path })
	s2.up()
	test.Tap(s2.ok)
	if saved != "" {
		t.Fatalf("replaced %q without asking", saved)
	}
}
