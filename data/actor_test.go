package data

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// A caller's *User is only a name: whatever roles a struct claims, the store writes with the
// roles the users table gives that name, and a name the table does not know writes nothing.

func TestMadeUpUserWritesNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := f.receive(t, "1.004873", "Nguyễn Văn An")
	copied := *System
	for name, fake := range map[string]*User{
		"made up":           {Username: "x", FullName: "Không Có Thật", Roles: AllRoles, Active: true},
		"copy of System":    &copied,
		"no name":           {Roles: AllRoles, Active: true},
		"nil":               nil,
		"known id, no name": {ID: f.admin.ID, Roles: AllRoles, Active: true},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := f.s.Record(ctx, fake, d.ID, &Stopped{Reason: "Dừng theo yêu cầu"}); !errors.Is(err, ErrForbidden) {
				t.Errorf("stopped a dossier: %v", err)
			}
			if _, err := f.s.Record(ctx, fake, d.ID, &Note{Text: "ghi chú"}); !errors.Is(err, ErrForbidden) {
				t.Errorf("wrote a note: %v", err)
			}
			if _, err := f.s.Receive(ctx, fake, Reception{Procedure: "1.004873",
				Applicant: Person{Name: "Lê Thị Bình", IDNo: "038085001234", Address: "Thôn Đông"}}); !errors.Is(err, ErrForbidden) {
				t.Errorf("received a dossier: %v", err)
			}
			if _, err := f.s.CreateUser(ctx, fake, NewUser{Username: "gian", FullName: "Kẻ Gian", Roles: AllRoles, Password: "matkhau123"}); !errors.Is(err, ErrForbidden) {
				t.Errorf("created an account: %v", err)
			}
			o, _ := f.s.Office()
			o.Name = "UBND xã Bị Đổi Tên"
			if err := f.s.UpdateOfficeSettings(ctx, fake, o, map[string]string{SettingSigner: "Kẻ Gian"}); !errors.Is(err, ErrForbidden) {
				t.Errorf("changed the office settings: %v", err)
			}
			if err := f.s.SetPassword(ctx, fake, "admin", "mat-khau-gian"); !errors.Is(err, ErrForbidden) {
				t.Errorf("reset the administrator's password: %v", err)
			}
			if err := f.s.Batch(ctx, fake, func(*Batch) error { return nil }); !errors.Is(err, ErrForbidden) {
				t.Errorf("ran a batch: %v", err)
			}
		})
	}
	got, evs, err := f.s.DossierByID(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != StatusReceived || len(evs) != 1 {
		t.Fatalf("the dossier changed: status %v, %d events", got.Status, len(evs))
	}
	if _, err := f.s.UserByName(ctx, "gian"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the account was created: %v", err)
	}
	if o, _ := f.s.Office(); o.Name == "UBND xã Bị Đổi Tên" {
		t.Fatal("the office was renamed")
	}
	if _, err := f.s.Authenticate(ctx, "admin", "matkhau123"); err != nil {
		t.Fatalf("the administrator's password changed: %v", err)
	}
}

func TestActorGetsOnlyTheTablesRoles(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// The receptionist's name with every role claimed, upper case, no id, another unit.
	claimed := &User{Username: " TiepNhan ", FullName: "Giả Danh", Unit: "DC", Roles: AllRoles, Active: true}
	d, err := f.s.Receive(ctx, claimed, Reception{Procedure: "1.004873",
		Applicant: Person{Name: "Nguyễn Văn An", IDNo: "038085001234", Address: "Thôn Đông"}})
	if err != nil {
		t.Fatalf("the receptionist's own role was refused: %v", err)
	}
	_, evs, err := f.s.DossierByID(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if evs[0].Actor != "tiepnhan" {
		t.Fatalf("event recorded as %q, want the table's name %q", evs[0].Actor, "tiepnhan")
	}
	if _, err := f.s.Record(ctx, claimed, d.ID, &Stopped{Reason: "Dừng"}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a receptionist claiming the leader role stopped a dossier: %v", err)
	}
	if _, err := f.s.Record(ctx, claimed, d.ID, &Transferred{ToUnit: "TP"}); err != nil {
		t.Fatalf("transfer: %v", err)
	}
	if _, err := f.s.Record(ctx, claimed, d.ID, &Processed{Summary: "Đã xử lý"}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a receptionist claiming the officer role processed a dossier: %v", err)
	}
	if _, err := f.s.CreateUser(ctx, claimed, NewUser{Username: "gian", FullName: "Kẻ Gian", Roles: AllRoles, Password: "matkhau123"}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a receptionist claiming the administrator role created an account: %v", err)
	}
	// A struct claiming to be inactive is not taken at its word either way: the table says active.
	if err := f.s.SetSetting(ctx, &User{Username: "admin"}, SettingSigner, "Trần Văn Ký"); err != nil {
		t.Fatalf("the administrator's name without roles in the struct: %v", err)
	}
}

func TestUserDeactivatedAfterLoginCannotWrite(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	session, err := f.s.Authenticate(ctx, "tiepnhan", "matkhau123")
	if err != nil {
		t.Fatal(err)
	}
	off := *session
	off.Active = false
	if err := f.s.UpdateUser(ctx, f.admin, off); err != nil {
		t.Fatal(err)
	}
	r := Reception{Procedure: "1.004873", Applicant: Person{Name: "Nguyễn Văn An", IDNo: "038085001234", Address: "Thôn Đông"}}
	if _, err := f.s.Receive(ctx, session, r); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a deactivated user's open session received a dossier: %v", err)
	}
	if err := f.s.SetPassword(ctx, session, "tiepnhan", "mat-khau-moi"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a deactivated user changed their password: %v", err)
	}
	var n int
	if err := f.s.db.QueryRow("SELECT count(*) FROM dossiers").Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d dossiers (%v), want none", n, err)
	}
	// Reactivated, the same session works again: it is the table that decides.
	off.Active = true
	if err := f.s.UpdateUser(ctx, f.admin, off); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Receive(ctx, session, r); err != nil {
		t.Fatalf("reactivated: %v", err)
	}
	// An administrator whose role was taken away after login can no longer administer.
	if _, err := f.s.CreateUser(ctx, f.admin, NewUser{Username: "qt2", FullName: "Quản Trị Hai", Roles: RoleAdmin, Password: "matkhau123"}); err != nil {
		t.Fatal(err)
	}
	qt2, err := f.s.Authenticate(ctx, "qt2", "matkhau123")
	if err != nil {
		t.Fatal(err)
	}
	demoted := *qt2
	demoted.Roles = RoleReception
	if err := f.s.UpdateUser(ctx, f.admin, demoted); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetSetting(ctx, qt2, SettingSigner, "Kẻ Gian"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a demoted administrator's session changed a setting: %v", err)
	}
}

func TestAccountChangesAreAudited(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const secret = "bi-mat-123"
	u, err := f.s.CreateUser(ctx, f.admin, NewUser{Username: "moi", FullName: "Người Mới", Roles: RoleReception, Password: secret})
	if err != nil {
		t.Fatal(err)
	}
	u.Roles = RoleReception | RoleOfficer
	if err := f.s.UpdateUser(ctx, f.admin, *u); err != nil {
		t.Fatal(err)
	}
	u.Active = false
	if err := f.s.UpdateUser(ctx, f.admin, *u); err != nil {
		t.Fatal(err)
	}
	u.Active = true
	if err := f.s.UpdateUser(ctx, f.admin, *u); err != nil {
		t.Fatal(err)
	}
	const secret2 = "bi-mat-moi-456"
	if err := f.s.SetPassword(ctx, f.admin, "moi", secret2); err != nil {
		t.Fatal(err)
	}
	rows, err := f.s.db.Query("SELECT username, action, detail FROM audit WHERE action NOT LIKE 'log%' ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var who, action, detail string
		if err := rows.Scan(&who, &action, &detail); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(detail, secret) || strings.Contains(detail, secret2) {
			t.Fatalf("a password reached the audit table: %s %s %q", who, action, detail)
		}
		if strings.Contains(detail, "moi") {
			got = append(got, who+" "+action+" "+detail)
		}
	}
	want := []string{
		"admin user_created moi roles=tiep_nhan unit=",
		"admin user_roles moi roles=tiep_nhan→tiep_nhan,xu_ly",
		"admin user_deactivated moi",
		"admin user_reactivated moi",
		"admin password_reset moi",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSystemUsernameIsReserved(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.CreateUser(context.Background(), f.admin, NewUser{Username: "System", FullName: "Giả Hệ Thống", Roles: RoleReception, Password: "matkhau123"})
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("an account named like the system actor was created: %v", err)
	}
}

func TestRestoreChecksTheActorInTheDatabase(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	backup := filepath.Join(t.TempDir(), "saoluu.db")
	if err := f.s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	path := f.s.Path()
	f.s.Close() // sql.DB.Close again in the fixture's cleanup is harmless
	for _, fake := range []*User{
		{Username: "x", Roles: AllRoles, Active: true},
		{Username: "chuyenvien", Roles: AllRoles, Active: true},
	} {
		if _, err := RestoreAs(ctx, fake, path, backup); !errors.Is(err, ErrForbidden) {
			t.Fatalf("%s restored: %v", fake.Username, err)
		}
	}
	if _, err := RestoreAs(ctx, f.admin, path, backup); err != nil {
		t.Fatalf("the administrator could not restore: %v", err)
	}
}
