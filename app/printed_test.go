package app

import (
	"io"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/reports"
)

// notOpened is what printing does on a PC without a PDF viewer: the file is saved, not shown.
func notOpened(path string, write func(io.Writer) error) error {
	if err := reports.WriteFile(path, write); err != nil {
		return err
	}
	return &reports.NotOpenedError{Path: path, Err: &exec.Error{Name: "xdg-open", Err: exec.ErrNotFound}}
}

// expectNotOpenedBox checks the box that says where the file is, and that its button opens the
// folder.
func expectNotOpenedBox(t *testing.T, w fyne.Window, dir string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no box says the file was not opened")
	}
	shown := strings.Join(texts(top), "\n")
	if !strings.Contains(shown, dir) || !strings.Contains(shown, "Mở thư mục") {
		t.Fatalf("the box does not say where the file is or offer its folder: %q", shown)
	}
	opens := &urlRecorder{App: fyne.CurrentApp()}
	fyne.SetCurrentApp(opens)
	t.Cleanup(func() { fyne.SetCurrentApp(opens.App) })
	walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Mở thư mục" {
			test.Tap(b)
		}
	})
	if opened := opens.folders(); len(opened) != 1 || opened[0] != dir {
		t.Errorf("opened folders %q, want %q", opened, dir)
	}
	if w.Canvas().Overlays().Top() == top {
		t.Error("the box stays after opening the folder")
	}
}

// Every screen tells a print not opened the same way: the detail and the return screen.
func TestPrintNotOpenedSaysWhereTheFileIsEverywhere(t *testing.T) {
	t.Run("detail", func(t *testing.T) {
		u, _ := openDemo(t, 20)
		d := detailDossier(t, u.currentStore(), data.StatusProcessed)
		s, _ := openDetail(t, u, "tiepnhan1", d.ID)
		s.open = notOpened
		test.Tap(s.printBtn[form06Control])
		u.wait()
		if s.problem.Visible() {
			t.Errorf("a red line besides the box: %q", s.problem.Text)
		}
		expectNotOpenedBox(t, u.win, s.outDir)
	})
	t.Run("returns", func(t *testing.T) {
		u, w, r, _ := returnsTest(t, "Lê Văn Quá Hạn")
		d := dossierOf(t, u.currentStore(), "Lê Văn Quá Hạn")
		scan(u, r, d.Code)
		r.open = notOpened
		r.receiverID.entry.SetText("038188778654")
		test.Tap(r.returnBtn)
		u.wait()
		expectNotOpenedBox(t, w, r.outDir)
		if strings.Contains(r.status.Text, "không mở được") {
			t.Errorf("status line repeats the failure: %q", r.status.Text)
		}
	})
}

// urlRecorder is the test's app with an OpenURL that records what it was asked to open.
type urlRecorder struct {
	fyne.App
	mu   sync.Mutex
	urls []*url.URL
}

func (a *urlRecorder) OpenURL(u *url.URL) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.urls = append(a.urls, u)
	return nil
}

// folders are the local folders opened, as paths of this system.
func (a *urlRecorder) folders() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for _, u := range a.urls {
		out = append(out, filepath.FromSlash(u.Path))
	}
	return out
}
