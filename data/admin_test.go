package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestUsersAdministration(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	// only an administrator creates accounts
	nu := NewUser{Username: "moi", FullName: "Người Mới", Roles: RoleReception, Password: "matkhau-moi"}
	if _, err := f.s.CreateUser(ctx, f.leader, nu); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a leader created a user: %v", err)
	}
	u, err := f.s.CreateUser(ctx, f.admin, nu)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Authenticate(ctx, "moi", "matkhau-moi"); err != nil {
		t.Fatalf("new user cannot log in: %v", err)
	}

	// reset password: the old one stops working
	if err := f.s.SetPassword(ctx, f.counter, "moi", "khac-hoan-toan"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a receptionist reset someone's password: %v", err)
	}
	if err := f.s.SetPassword(ctx, f.admin, "moi", "mat-khau-2"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Authenticate(ctx, "moi", "matkhau-moi"); !errors.Is(err, ErrBadLogin) {
		t.Fatalf("old password still works: %v", err)
	}

	// deactivate: no login
	u.Active = false
	if err := f.s.UpdateUser(ctx, f.officer, *u); !errors.Is(err, ErrForbidden) {
		t.Fatalf("an officer deactivated a user: %v", err)
	}
	if err := f.s.UpdateUser(ctx, f.admin, *u); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Authenticate(ctx, "moi", "mat-khau-2"); !errors.Is(err, ErrBadLogin) {
		t.Fatalf("a deactivated user logged in: %v", err)
	}

	// an administrator cannot lock themselves out
	self := *f.admin
	self.Active = false
	var ie *InputError
	if err := f.s.UpdateUser(ctx, f.admin, self); !errors.As(err, &ie) {
		t.Fatalf("admin deactivated themselves: %v", err)
	}
	self.Active, self.Roles = true, RoleReception
	if err := f.s.UpdateUser(ctx, f.admin, self); !errors.As(err, &ie) {
		t.Fatalf("admin dropped their own admin role: %v", err)
	}

	// nor can anyone remove the last active administrator
	if err := f.s.UpdateUser(ctx, System, self); !errors.As(err, &ie) {
		t.Fatalf("the last administrator was removed: %v", err)
	}
	if got, _ := f.s.UserByName(ctx, "admin"); !got.Active || !got.Roles.Has(RoleAdmin) {
		t.Fatalf("admin changed anyway: %+v", got)
	}
	// with a second administrator it may go
	if _, err := f.s.CreateUser(ctx, f.admin, NewUser{Username: "qt2", FullName: "Quản Trị Hai", Roles: RoleAdmin, Password: "matkhau123"}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.UpdateUser(ctx, System, self); err != nil {
		t.Fatalf("with two administrators: %v", err)
	}
}

func TestUpdateOfficeSettingsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	o, _ := f.s.Office()
	o.Name = "Bộ phận Một cửa UBND xã Mới"
	settings := map[string]string{SettingSigner: "Trần Văn Ký", SettingDateMode: "date", SettingReceiptLayout: "a5"}
	if err := f.s.UpdateOfficeSettings(ctx, f.counter, o, settings); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a receptionist changed the settings: %v", err)
	}
	bad := map[string]string{SettingSigner: "Trần Văn Ký", SettingDateMode: "hôm qua"}
	if err := f.s.UpdateOfficeSettings(ctx, f.admin, o, bad); err == nil {
		t.Fatal("a bad date mode was saved")
	}
	if got, _ := f.s.Office(); got.Name == o.Name {
		t.Fatal("the office changed although a setting was refused")
	}
	if v, _ := f.s.Setting(ctx, SettingSigner); v != "" {
		t.Fatalf("signer %q saved although a setting was refused", v)
	}
	if err := f.s.UpdateOfficeSettings(ctx, f.admin, o, settings); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Office(); got.Name != o.Name || got.Code != testOffice {
		t.Fatalf("office %+v", got)
	}
	for k, want := range settings {
		if v, _ := f.s.Setting(ctx, k); v != want {
			t.Errorf("%s = %q, want %q", k, v, want)
		}
	}
	for k, v := range map[string]string{SettingLanguage: "fr", SettingReceiptLayout: "a3", SettingBackupDir: "relative/dir", SettingPrintDir: "phieu-in"} {
		if err := f.s.SetSetting(ctx, f.admin, k, v); err == nil {
			t.Errorf("%s = %q accepted", k, v)
		}
	}
}

func TestAutoBackupDailyAndPruned(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	dir := t.TempDir()
	manual := filepath.Join(dir, BackupName(f.clk.now()))
	if err := f.s.Backup(ctx, manual); err != nil {
		t.Fatal(err)
	}
	file, err := f.s.AutoBackup(ctx, dir, 3)
	if err != nil || file == "" {
		t.Fatalf("first backup: %q, %v", file, err)
	}
	if err := VerifyFile(ctx, file); err != nil {
		t.Fatal(err)
	}
	f.clk.add(6 * time.Hour)
	if file, err := f.s.AutoBackup(ctx, dir, 3); err != nil || file != "" {
		t.Fatalf("second backup the same day: %q, %v", file, err)
	}
	for i := 0; i < 5; i++ {
		f.clk.add(24 * time.Hour)
		if file, err := f.s.AutoBackup(ctx, dir, 3); err != nil || file == "" {
			t.Fatalf("day %d: %q, %v", i+2, file, err)
		}
	}
	last, err := f.s.LastAutoBackup(ctx)
	if err != nil || !last.Equal(f.clk.now()) {
		t.Fatalf("last backup %v, %v; now %v", last, err, f.clk.now())
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	want := []string{"motcua-2026-03-02-0800.db", "motcua-auto-2026-03-05.db", "motcua-auto-2026-03-06.db", "motcua-auto-2026-03-07.db"}
	if len(names) != len(want) {
		t.Fatalf("files %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("files %q, want %q", names, want)
		}
	}
	if _, err := RestoreAs(ctx, f.officer, filepath.Join(t.TempDir(), "x.db"), manual); !errors.Is(err, ErrForbidden) {
		t.Fatalf("an officer restored: %v", err)
	}
}

// MaxUsername is what usernamePattern takes, no more, no less: the form stops at it.
func TestMaxUsernameIsThePatternsLimit(t *testing.T) {
	long := "a" + strings.Repeat("b", MaxUsername-1)
	if !usernamePattern.MatchString(long) || usernamePattern.MatchString(long+"c") {
		t.Errorf("usernamePattern does not stop at MaxUsername = %d", MaxUsername)
	}
}
