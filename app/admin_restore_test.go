package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"motcua/data"
	"motcua/data/calendar"
)

// TestWindowHoldsTheOfficeAndRestoresAfterClosingIt: while the window has the office open, a
// restore or a writer of another program is refused with a message naming the window; the
// window's own restore closes its store first, goes through, and the window holds the office
// again afterwards.
func TestWindowHoldsTheOfficeAndRestoresAfterClosingIt(t *testing.T) {
	u, w, _ := openAdmin(t)
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "sao-luu.db")
	if err := u.currentStore().Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	_, err := data.Restore(ctx, u.dbPath(), file)
	if !errors.Is(err, data.ErrInUse) || !strings.Contains(err.Error(), "đang được mở bởi motcua (cửa sổ ứng dụng)") {
		t.Fatalf("a restore beside the window: %v", err)
	}
	if _, err := data.Open(u.dbPath()); !errors.Is(err, data.ErrInUse) {
		t.Fatalf("a second writer beside the window: %v", err)
	}
	admin, err := u.currentStore().UserByName(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	u.restoreBackup(admin, file)
	u.wait()
	if errs := u.failures(); len(errs) > 0 {
		t.Fatalf("the window's restore: %v", errs)
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !contains(texts(top), "Đã khôi phục bản sao lưu") {
		t.Fatal("no message after the restore")
	}
	if _, err := data.Open(u.dbPath()); !errors.Is(err, data.ErrInUse) {
		t.Fatalf("the window does not hold the restored office: %v", err)
	}
}

// TestAdminRestoreOtherOfficeAsksFirst: a backup of another office is refused at first, changing
// nothing, and put in place once the administrator confirms.
func TestAdminRestoreOtherOfficeAsksFirst(t *testing.T) {
	u, w, _ := openAdmin(t)
	ctx := context.Background()
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
	file := filepath.Join(t.TempDir(), "khac.db")
	if err := s.Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	s.Close()
	mine, _ := u.currentStore().Office()
	admin, err := u.currentStore().UserByName(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	u.restoreBackup(admin, file)
	u.wait()
	top := w.Canvas().Overlays().Top()
	if top == nil || !contains(texts(top), "Khôi phục bản sao lưu của văn phòng khác?") {
		t.Fatal("no question before restoring another office's backup")
	}
	if o, _ := u.currentStore().Office(); o.Code != mine.Code {
		t.Fatalf("replaced before the question was answered: %s", o.Code)
	}
	if aside, _ := filepath.Glob(u.dbPath() + ".truoc-khoi-phuc-*"); len(aside) != 0 {
		t.Fatalf("set aside before the question was answered: %v", aside)
	}
	tapOverlayButton(t, w, "Vẫn khôi phục")
	u.wait()
	if errs := u.failures(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if o, _ := u.currentStore().Office(); o.Code != "000.00.07.H56" {
		t.Errorf("after confirming, the office is %s", o.Code)
	}
}
