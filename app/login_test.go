package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/data"
)

// Passwords of the demo office (data/demo/office.go).
const (
	demoStaffPassword = "demo1234"
	demoAdminPassword = "admin123"
)

// openDemo opens a small demo office and checks that it asks who is there.
func openDemo(t *testing.T, dossiers int) (*ui, fyne.Window) {
	t.Helper()
	// Fyne's test driver runs fyne.Do on the calling goroutine: background work (login, search,
	// the reception screen's) runs in line so that it never races the test.
	u, w := newTestUI(t, Options{DataDir: buildDemo(t, dossiers), Version: "0.1.0", spawn: inline})
	if errs := u.failures(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if u.login == nil || u.shell != nil || u.dashboard == nil {
		t.Fatalf("login %v, shell %v, dashboard %v: want the login screen", u.login, u.shell, u.dashboard)
	}
	return u, w
}

// logIn types username and password into the login screen and presses Enter.
func logIn(t *testing.T, u *ui, username, password string) {
	t.Helper()
	l := u.login
	if l == nil {
		t.Fatal("not on the login screen")
	}
	// the check and the dashboard's refresh run in line (see Options.spawn)
	spawn := u.work.start
	u.work.start = inline
	defer func() { u.work.start = spawn }()
	l.username.SetText("")
	test.Type(l.username, username)
	test.Type(l.password, password)
	l.password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.wait()
}

// addUser creates an account with roles in the open office.
func addUser(t *testing.T, u *ui, username string, roles data.Roles) {
	t.Helper()
	_, err := u.currentStore().CreateUser(context.Background(), data.System, data.NewUser{
		Username: username, FullName: "Người dùng " + username, Roles: roles, Password: "mat-khau-1"})
	if err != nil {
		t.Fatal(err)
	}
}

func TestLoginWrongPasswordKeepsUsername(t *testing.T) {
	u, w := openDemo(t, 50)
	l := u.login
	logIn(t, u, "tiepnhan1", "khong-dung")
	if u.shell != nil || u.currentUser() != nil {
		t.Fatal("logged in with a wrong password")
	}
	if got := l.problem.Text; got != "Sai tên đăng nhập hoặc mật khẩu." || !l.problem.Visible() {
		t.Errorf("problem %q (visible %v)", got, l.problem.Visible())
	}
	if l.problem.Position().Y <= l.password.Position().Y || l.problem.Size().Height == 0 {
		t.Errorf("message at %v (size %v), password at %v: not laid out below the password",
			l.problem.Position(), l.problem.Size(), l.password.Position())
	}
	if l.username.Text != "tiepnhan1" || l.password.Text != "" {
		t.Errorf("username %q, password %q: want the username kept and the password cleared", l.username.Text, l.password.Text)
	}
	if l.username.Disabled() || l.button.Disabled() {
		t.Error("form still disabled")
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a dialog instead of the message in place")
	}

	// an empty username is refused without asking the store
	l.username.SetText("")
	l.submit()
	if got := l.problem.Text; got != "Hãy nhập tên đăng nhập." {
		t.Errorf("empty username: %q", got)
	}

	// then the right password opens the shell on the dashboard
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	if u.shell == nil || u.login != nil {
		t.Fatal("no shell after a good login")
	}
	if u.shell.current != sectionDashboard || u.shell.screens[sectionDashboard] != u.dashboard.content {
		t.Error("the shell does not open on the dashboard")
	}
	all := texts(w.Canvas().Content())
	for _, want := range []string{"Nguyễn Thị Thu Hà (Tiếp nhận)", "Bộ phận Một cửa UBND xã Đông Tiến", "Máy trạm số 0", "Chưa cấu hình máy chủ đồng bộ",
		"Tổng quan", "Đăng xuất", "Tuần này"} {
		if !contains(all, want) {
			t.Errorf("shell lacks %q", want)
		}
	}
}

func TestLoginLocksAfterFiveFailures(t *testing.T) {
	u, _ := openDemo(t, 20)
	l := u.login
	for i := 0; i < 4; i++ {
		logIn(t, u, "tiepnhan2", "sai-mat-khau")
		if l.problem.Text != "Sai tên đăng nhập hoặc mật khẩu." {
			t.Fatalf("attempt %d: %q", i+1, l.problem.Text)
		}
	}
	logIn(t, u, "tiepnhan2", "sai-mat-khau")
	// fixedNow is 15:30: locked for five minutes
	if got, want := l.problem.Text, "Tài khoản bị khóa đến 15:35."; got != want {
		t.Errorf("fifth failure: %q, want %q", got, want)
	}
	logIn(t, u, "tiepnhan2", demoStaffPassword)
	if u.shell != nil {
		t.Fatal("a locked account logged in")
	}
	if got, want := l.problem.Text, "Tài khoản bị khóa đến 15:35."; got != want {
		t.Errorf("while locked: %q, want %q", got, want)
	}
	if l.username.Text != "tiepnhan2" {
		t.Errorf("username %q lost", l.username.Text)
	}
}

func TestLogoutReturnsToLogin(t *testing.T) {
	u, w := openDemo(t, 20)
	logIn(t, u, "admin", demoAdminPassword)
	s := u.shell
	if s == nil {
		t.Fatal("no shell")
	}
	test.Tap(s.logout)
	u.wait()
	if u.shell != nil || u.login == nil || u.currentUser() != nil {
		t.Fatalf("after logout: shell %v, login %v, user %v", u.shell, u.login, u.currentUser())
	}
	if errs := u.failures(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if contains(texts(w.Canvas().Content()), "Tuần này") {
		t.Error("the dashboard is still on screen")
	}
	// the old shell's shortcuts are gone
	s.newReception()
	if u.shell != nil {
		t.Error("shortcut of a closed shell acted")
	}
	logIn(t, u, "admin", demoAdminPassword)
	if u.shell == nil {
		t.Fatal("cannot log in again")
	}
}
