package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"motcua/data"
)

// overwrite writes garbage over n pages of the closed database at path, from byte at.
func overwrite(t *testing.T, path string, at int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, n*4096), at); err != nil {
		t.Fatal(err)
	}
}

// pageAt is the start of the page at frac of the file at path.
func pageAt(t *testing.T, path string, frac float64) int64 {
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return int64(float64(st.Size())*frac) / 4096 * 4096
}

// shown is all the text of the current screen without spaces, as squeezed compares it: wrapping
// breaks long paths anywhere.
func shown(u *ui) string { return squeezed(strings.Join(texts(u.root), " ")) }

func squeezed(s string) string { return strings.Join(strings.Fields(s), "") }

// A database whose pages are damaged is found by the check at start (the next day: it runs once
// a day); the screen names the latest
// automatic backup (from the folder the last sound start remembered), and restoring it opens the
// office with the damaged file kept aside.
func TestDamagedDatabaseRestoresLatestBackup(t *testing.T) {
	ctx := context.Background()
	dir, backups := buildDemo(t, 60), t.TempDir()
	db := filepath.Join(dir, data.DBFile)
	st, err := data.Open(db, data.WithClock(clockAt(fixedNow)))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetSetting(ctx, data.System, data.SettingBackupDir, backups); err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2026-03-10", "2026-03-11"} {
		if err := st.Backup(ctx, filepath.Join(backups, "motcua-auto-"+day+".db")); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	// a sound start checks the database and remembers the backup folder
	u, _ := newTestUI(t, Options{DataDir: dir, spawn: inline})
	if u.login == nil || len(u.failures()) > 0 {
		t.Fatalf("a sound database did not open: %v", u.failures())
	}
	if got := rememberedBackupDir(dir); got != backups {
		t.Fatalf("remembered folder %q, want %q", got, backups)
	}
	u.shutdown()
	u.wait()

	// pages Open does not read (dossiers, not the catalog): only the check finds them
	overwrite(t, db, pageAt(t, db, 0.8), 4)
	tomorrow := fixedNow.Add(24 * time.Hour) // the check runs once a day
	u, w := newTestUI(t, Options{DataDir: dir, Now: clockAt(tomorrow), spawn: inline})
	if u.login != nil || u.currentStore() != nil {
		t.Fatal("a damaged database opened")
	}
	reportedOnce(t, u, w)
	text := shown(u)
	latest := filepath.Join(backups, "motcua-auto-2026-03-11.db")
	for _, want := range []string{"Cơ sở dữ liệu của văn phòng bị hỏng", "Bản sao lưu tự động gần nhất",
		latest + ", sao lưu ngày 11/03/2026.", "Chi tiết: Cơ sở dữ liệu bị hỏng (*** in database main ***"} {
		if !strings.Contains(text, squeezed(want)) {
			t.Errorf("the screen does not say %q:\n%s", want, text)
		}
	}

	tapButton(t, u.root, "Khôi phục bản sao lưu này")
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(texts(top), " "), "Khôi phục bản sao lưu này?") {
		t.Fatal("no question before restoring")
	}
	tapButton(t, top, "Khôi phục")
	u.wait()
	if u.login == nil || u.currentStore() == nil || len(u.failures()) != 1 {
		t.Fatalf("the office did not open after the restore: %v\n%s", u.failures(), shown(u))
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !contains(texts(top), "Đã khôi phục bản sao lưu") {
		t.Error("no message that the backup was restored")
	}
	aside, _ := filepath.Glob(db + ".truoc-khoi-phuc-*")
	if len(aside) != 1 {
		t.Errorf("damaged file kept aside: %v", aside)
	}
	if err := data.VerifyFile(ctx, db); err != nil {
		t.Errorf("the restored database: %v", err)
	}
}

// A database SQLite cannot open at all gets the same screen; without a backup in the remembered
// folder it offers another file and trying again, and trying again shows it again.
func TestUnopenableDatabaseOffersRecovery(t *testing.T) {
	dir, backups := buildDemo(t, 20), t.TempDir()
	db := filepath.Join(dir, data.DBFile)
	if err := rememberBackupDir(dir, backups); err != nil {
		t.Fatal(err)
	}
	overwrite(t, db, 0, 1)
	u, w := newTestUI(t, Options{DataDir: dir, spawn: inline})
	reportedOnce(t, u, w)
	text := shown(u)
	for _, want := range []string{"Cơ sở dữ liệu của văn phòng bị hỏng", "Thư mục " + backups + " không có bản sao lưu tự động nào."} {
		if !strings.Contains(text, squeezed(want)) {
			t.Errorf("the screen does not say %q:\n%s", want, text)
		}
	}
	if len(buttonsNamed(u.root, "Khôi phục bản sao lưu này")) != 0 || len(buttonsNamed(u.root, "Chọn tệp sao lưu khác…")) != 1 {
		t.Errorf("buttons: %q", texts(u.root))
	}
	tapButton(t, u.root, "Thử lại")
	u.wait()
	if !strings.Contains(shown(u), squeezed("Cơ sở dữ liệu của văn phòng bị hỏng")) || u.login != nil {
		t.Errorf("after trying again: %s", shown(u))
	}
}

// reportedOnce checks that the damage was reported as the office not opening, in a box over the
// recovery screen.
func reportedOnce(t *testing.T, u *ui, w fyne.Window) {
	t.Helper()
	errs := u.failures()
	if len(errs) != 1 || !strings.HasPrefix(message(errs[0]), "Không mở được cơ sở dữ liệu của văn phòng.\nCơ sở dữ liệu bị hỏng") {
		t.Fatalf("errors reported: %v", errs)
	}
	if w.Canvas().Overlays().Top() == nil {
		t.Error("no error box")
	}
}

func TestRememberBackupDir(t *testing.T) {
	dir := t.TempDir()
	if got := rememberedBackupDir(dir); got != "" {
		t.Errorf("nothing remembered yet: %q", got)
	}
	if err := rememberBackupDir(dir, `D:\SaoLưu`); err != nil || rememberedBackupDir(dir) != `D:\SaoLưu` {
		t.Errorf("remembered %q, %v", rememberedBackupDir(dir), err)
	}
	if err := rememberBackupDir(dir, ""); err != nil || rememberedBackupDir(dir) != "" {
		t.Errorf("the automatic backup turned off is still remembered: %q, %v", rememberedBackupDir(dir), err)
	}
	if err := rememberBackupDir(dir, ""); err != nil {
		t.Errorf("forgetting twice: %v", err)
	}
}
