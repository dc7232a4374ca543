package app

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"motcua/data"
)

// Reports and exports go beside the data (its "phieu-in") until the office sets a folder in
// Administration; then there, for the statistics screen as for the forms.
func TestPrintFolderBesideTheDataThenAsTheOfficeSetIt(t *testing.T) {
	u, _, a := openAdmin(t)
	beside := filepath.Join(u.opts.DataDir, "phieu-in")
	if got := u.printDir(); got != beside {
		t.Fatalf("print folder %q, want %q", got, beside)
	}
	stats := newStatsScreen(u.screenDeps())
	if got := u.printFolder(stats.outDir); got != beside {
		t.Errorf("statistics export to %q, want %q", got, beside)
	}

	s := a.office
	s.printDir.entry.SetText("phieu") // not a full path: refused in place, nothing saved
	test.Tap(s.save)
	u.wait()
	if !s.printDir.msg.Visible() {
		t.Error("a relative folder is not refused in place")
	}
	if v, _ := u.currentStore().Setting(context.Background(), data.SettingPrintDir); v != "" {
		t.Fatalf("saved %q", v)
	}
	want := t.TempDir()
	s.printDir.entry.SetText(want)
	test.Tap(s.save)
	u.wait()
	if got := u.printDir(); got != want {
		t.Fatalf("print folder %q after saving %q (status %q)", got, want, s.status.label.Text)
	}
	// the screens already open follow: each print asks for the folder
	if got := u.printFolder(stats.outDir); got != want {
		t.Errorf("statistics export to %q, want %q", got, want)
	}
}
