package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"motcua/data"
	"motcua/data/calendar"
)

// TestWritersRefusedWhileOfficeOpen: while the window has the office open, every command that
// writes (restore, import, demo --replace, check --rebuild) refuses with the message naming the
// window and changes nothing, and the commands that only read (find, stats, check, backup, due)
// still work.
func TestWritersRefusedWhileOfficeOpen(t *testing.T) {
	dir := demoDir(t)
	path := filepath.Join(dir, data.DBFile)
	backup := filepath.Join(t.TempDir(), "sao-luu.db")
	if code, _, errs := run(t, "backup", "--data", dir, backup); code != 0 {
		t.Fatalf("backup: %s", errs)
	}
	window, err := data.Open(path, data.WithHolder("motcua (cửa sổ ứng dụng)"))
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()

	for _, args := range [][]string{
		{"restore", backup},
		{"import", "calendar", writeFile(t, "date,kind,label,tag\n2026-12-31,holiday,Nghỉ thử,P\n")},
		{"demo", "--replace", "--dossiers", "10"},
		{"check", "--rebuild"},
	} {
		code, _, errs := run(t, append([]string{args[0], "--data", dir}, args[1:]...)...)
		if code != exitFail || !strings.Contains(errs, "Cơ sở dữ liệu đang được mở bởi motcua (cửa sổ ứng dụng), PID") ||
			!strings.Contains(errs, "hãy đóng chương trình đó rồi thử lại") {
			t.Errorf("%s while the window is open: %d %q", args[0], code, errs)
		}
	}
	for _, args := range [][]string{
		{"find", "nguyen"},
		{"stats", "--from", "2025-11-21", "--to", "2026-11-20"},
		{"check"},
		{"backup", filepath.Join(t.TempDir(), "khi-dang-mo.db")},
		{"due", "--at", "2026-11-20 09:00", "--limit", "3d"},
	} {
		if code, _, errs := run(t, append([]string{args[0], "--data", dir}, args[1:]...)...); code != 0 {
			t.Errorf("%s while the window is open: %d %q", args[0], code, errs)
		}
	}
	window.Close()
	if m, _ := filepath.Glob(path + ".truoc-*"); len(m) != 0 {
		t.Errorf("a refused command set the database aside: %v", m)
	}
	if code, out, _ := run(t, "holidays", "--data", dir, "--year", "2026"); code != 0 || strings.Contains(out, "Nghỉ thử") {
		t.Errorf("a refused import changed the calendar: %d", code)
	}
}

// TestRestoreOtherOfficeNeedsConfirmation: a backup of another office is refused, and goes in
// with --other-office.
func TestRestoreOtherOfficeNeedsConfirmation(t *testing.T) {
	ctx := context.Background()
	dir := demoDir(t)
	other := filepath.Join(t.TempDir(), data.DBFile)
	s, err := data.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Setup(ctx, data.Office{Code: "000.00.07.H56", Name: "Bộ phận Một cửa UBND xã Khác", Level: "xa", Place: "Khác", Hours: calendar.DefaultHours()},
		0, data.NewUser{Username: "admin", FullName: "Quản Trị", Roles: data.RoleAdmin, Password: "matkhau123"})
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "khac.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, err := os.ReadFile(filepath.Join(dir, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, "restore", "--data", dir, backup); code != exitFail || !strings.Contains(errs, "--other-office") {
		t.Fatalf("restore of another office: %d %q", code, errs)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, data.DBFile)); string(after) != string(before) {
		t.Fatal("a refused restore changed the office")
	}
	if code, _, errs := run(t, "restore", "--data", dir, "--other-office", backup); code != 0 {
		t.Fatalf("confirmed restore of another office: %d %q", code, errs)
	}
	if code, _, errs := run(t, "check", "--data", dir); code != 0 {
		t.Fatalf("check after the confirmed restore: %s", errs)
	}
}
