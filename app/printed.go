package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/reports"
)

// printForm is how every screen prints form n (reports.Forms) of a dossier: into the folder dir
// (made if missing) under the form's file name, through open (reports.WriteAndOpen, or what a
// test captures the PDF with), dated now. It returns the file's path (off the UI thread).
func printForm(ctx context.Context, st *data.Store, n string, d *data.Dossier, evs []data.Event, dir string,
	now time.Time, open func(path string, write func(io.Writer) error) error) (string, error) {
	f, ok := reports.FormByNumber(n)
	if !ok {
		return "", fmt.Errorf("no form numbered %q", n) // a screen asking for a form not in the table: a bug
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return reports.Print(ctx, st, f, d, evs, dir, reports.PrintOptions{Now: now, Write: open})
}

// openFolder shows a folder in the system's file manager. It goes through the running app, which
// each test makes its own (a test that checks the folder gives its app an OpenURL that records).
func openFolder(dir string) error {
	return fyne.CurrentApp().OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)})
}

// showNotOpened is the one way every screen tells that a form, report or export was saved but
// no program could show it (no PDF viewer on the PC): a box that says where the file is and
// offers to open its folder, whatever the screen. lead is what was done before (e.g. "Received
// dossier …"), "" for nothing. It returns false, showing nothing, when err is another error, which
// the screen reports its own way (UI thread).
func showNotOpened(win fyne.Window, lead string, err error) bool {
	var ne *reports.NotOpenedError
	if !errors.As(err, &ne) {
		return false
	}
	slog.Warn("saved file not opened", "path", ne.Path, "err", ne.Err)
	var parts []fyne.CanvasObject
	if lead != "" {
		parts = append(parts, widget.NewLabel(wrapText(lead, messageWidth, theme.TextSize(), fyne.TextStyle{})))
	}
	// the path whole in one label, broken anywhere: it has no spaces to wrap at
	where := widget.NewLabelWithStyle(ne.Path, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	where.Wrapping = fyne.TextWrapBreak
	where.Selectable = true
	parts = append(parts, widget.NewLabel(lang.L("The file was saved in:")), where,
		widget.NewLabel(wrapText(lang.L("No program on this computer could open it. Open its folder to print it from there."),
			messageWidth, theme.TextSize(), fyne.TextStyle{})))
	var m *modal
	folder := newBoxButton(lang.L("Open the folder"), theme.FolderOpenIcon(), func() {
		m.hide()
		if err := openFolder(filepath.Dir(ne.Path)); err != nil {
			slog.Warn("open folder", "dir", filepath.Dir(ne.Path), "err", err)
		}
	})
	folder.Importance = widget.HighImportance
	closeBtn := newBoxButton(lang.L("Close"), nil, func() { m.hide() })
	m = newModal(win, theme.WarningIcon(), lang.L("Saved, not opened"), container.NewVBox(parts...), messageWidth, closeBtn, folder)
	m.show()
	return true
}
