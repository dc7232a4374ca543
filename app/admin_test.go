package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// openAdmin opens a small demo office, logs the administrator in and shows Quản trị.
func openAdmin(t *testing.T) (*ui, fyne.Window, *adminScreen) {
	t.Helper()
	u, w := openDemo(t, 30)
	logIn(t, u, "admin", demoAdminPassword)
	a := u.adminScreenOf()
	if a == nil {
		t.Fatal("the administrator has no administration screen")
	}
	u.wait()
	if errs := u.failures(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	return u, w, a
}

// tapOverlayButton taps the button labelled text in the box on top of the window.
func tapOverlayButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no box open to tap %q in", text)
	}
	var found *widget.Button
	walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q in %q", text, texts(top))
	}
	test.Tap(found)
}

// selectUser selects username in the users table.
func selectUser(t *testing.T, a *adminScreen, username string) {
	t.Helper()
	for i, x := range a.users.rows {
		if x.Username == username {
			a.users.table.Select(widget.TableCellID{Row: i, Col: 0})
			if a.users.current() == nil || a.users.current().Username != username {
				t.Fatalf("selected %+v", a.users.current())
			}
			return
		}
	}
	t.Fatalf("%s not in the table", username)
}

func TestAdminCreatesUserWhoLogsIn(t *testing.T) {
	u, _, a := openAdmin(t)
	ctx := context.Background()
	tab := a.users
	if len(tab.rows) < 10 || !contains(texts(tab.table), "tiepnhan1") {
		t.Fatalf("the table lists %d users", len(tab.rows))
	}
	test.Tap(tab.newBtn)
	f := tab.form
	test.Type(f.username, "canbo.moi")
	test.Type(f.fullName, "Trần Thị Mới")
	test.Type(f.title, "Công chức Tư pháp - Hộ tịch")
	f.unit.SetSelected("Công chức Tư pháp - Hộ tịch")
	test.Type(f.password, "mat-khau-moi")
	test.Type(f.again, "mat-khau-khac")

	// no role ticked, then two passwords that differ: said in the box, nothing created
	test.Tap(tab.confirm)
	if got := tab.dialog.msg.Text; got != "Hãy chọn ít nhất một vai trò." || !tab.dialog.pop.Visible() {
		t.Errorf("message %q (box open %v)", got, tab.dialog.pop.Visible())
	}
	f.roles[1].SetChecked(true) // processing officer
	test.Tap(tab.confirm)
	if got := tab.dialog.msg.Text; got != "Hai mật khẩu không giống nhau" {
		t.Errorf("message %q", got)
	}
	if _, err := u.currentStore().UserByName(ctx, "canbo.moi"); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("created before the form was right: %v", err)
	}
	// a username that is taken: the store's message, in the box, with everything kept
	f.username.SetText("tuphap1")
	f.again.SetText("mat-khau-moi")
	test.Tap(tab.confirm)
	if got := tab.dialog.msg.Text; !strings.Contains(got, "đã có người dùng") || !tab.dialog.pop.Visible() {
		t.Errorf("taken username: %q", got)
	}
	if f.fullName.Text != "Trần Thị Mới" || f.password.Text != "mat-khau-moi" {
		t.Error("typed values lost")
	}

	f.username.SetText("canbo.moi")
	test.Tap(tab.confirm)
	u.wait()
	if tab.dialog.pop.Visible() {
		t.Fatalf("box still open: %q", tab.dialog.msg.Text)
	}
	made, err := u.currentStore().Authenticate(ctx, "canbo.moi", "mat-khau-moi")
	if err != nil {
		t.Fatalf("the new user cannot log in: %v", err)
	}
	if made.Roles != data.RoleOfficer || made.Unit != "TPHT" || made.FullName != "Trần Thị Mới" {
		t.Errorf("created %+v", made)
	}
	if cur := tab.current(); cur == nil || cur.Username != "canbo.moi" {
		t.Errorf("the new user is not selected: %+v", cur)
	}
	if tab.status.label.Text != "Đã tạo tài khoản canbo.moi." {
		t.Errorf("status %q", tab.status.label.Text)
	}

	// edit: roles and unit change in the store
	test.Tap(tab.editBtn)
	f = tab.form
	f.roles[0].SetChecked(true)
	f.unit.SetSelectedIndex(0)
	test.Tap(tab.confirm)
	u.wait()
	got, _ := u.currentStore().UserByName(ctx, "canbo.moi")
	if got.Roles != data.RoleOfficer|data.RoleReception || got.Unit != "" {
		t.Errorf("after edit %+v", got)
	}
}

func TestAdminOnlyForAdministrators(t *testing.T) {
	u, _ := openDemo(t, 20)
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	if u.adminScreenOf() != nil {
		t.Fatal("a receptionist opened the administration screen")
	}
	actor := u.currentUser()
	_, err := u.currentStore().CreateUser(context.Background(), actor, data.NewUser{
		Username: "ke.gian", FullName: "Kẻ Gian", Roles: data.RoleAdmin, Password: "mat-khau-1"})
	if !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("a receptionist created an account: %v", err)
	}
	if err := u.currentStore().SetSetting(context.Background(), actor, data.SettingLanguage, "en"); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("a receptionist changed a setting: %v", err)
	}
}

func TestAdminDeactivateAndResetPassword(t *testing.T) {
	u, w, a := openAdmin(t)
	ctx := context.Background()
	st := u.currentStore()
	tab := a.users

	selectUser(t, a, "admin")
	if !tab.activeBtn.Disabled() {
		t.Error("the administrator may deactivate themselves")
	}

	selectUser(t, a, "tiepnhan2")
	test.Tap(tab.activeBtn)
	tapOverlayButton(t, w, "Khóa tài khoản")
	u.wait()
	if _, err := st.Authenticate(ctx, "tiepnhan2", demoStaffPassword); !errors.Is(err, data.ErrBadLogin) {
		t.Fatalf("a deactivated user logged in: %v", err)
	}
	if cur := tab.current(); cur == nil || cur.Active || tab.activeBtn.Text != "Mở lại tài khoản…" {
		t.Errorf("after deactivating: %+v, button %q", cur, tab.activeBtn.Text)
	}
	if !contains(texts(tab.table), "Đã khóa") {
		t.Error("the table does not show the deactivated account")
	}
	test.Tap(tab.activeBtn)
	tapOverlayButton(t, w, "Mở lại tài khoản")
	u.wait()
	if _, err := st.Authenticate(ctx, "tiepnhan2", demoStaffPassword); err != nil {
		t.Fatalf("reactivated user cannot log in: %v", err)
	}

	selectUser(t, a, "tuphap1")
	test.Tap(tab.passwordBtn)
	test.Type(tab.form.password, "ngan")
	test.Type(tab.form.again, "ngan")
	test.Tap(tab.confirm)
	if got := tab.dialog.msg.Text; got != "Mật khẩu cần ít nhất 8 ký tự." {
		t.Errorf("short password: %q", got)
	}
	tab.form.password.SetText("mat-khau-tu-phap")
	tab.form.again.SetText("mat-khau-tu-phap")
	test.Tap(tab.confirm)
	u.wait()
	if tab.dialog.pop.Visible() {
		t.Fatalf("box still open: %q", tab.dialog.msg.Text)
	}
	if _, err := st.Authenticate(ctx, "tuphap1", demoStaffPassword); !errors.Is(err, data.ErrBadLogin) {
		t.Errorf("the old password still works: %v", err)
	}
	if _, err := st.Authenticate(ctx, "tuphap1", "mat-khau-tu-phap"); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
}

func TestAdminSettingsBadHoursChangeNothing(t *testing.T) {
	u, w, a := openAdmin(t)
	ctx := context.Background()
	st := u.currentStore()
	before, _ := st.Office()
	s := a.office
	if s.name.entry.Text != before.Name || s.hours.entry.Text != data.FormatHours(before.Hours) || s.save.Disabled() {
		t.Fatalf("tab shows %q, %q", s.name.entry.Text, s.hours.entry.Text)
	}
	s.name.entry.SetText("Bộ phận Một cửa UBND xã Mới")
	s.signer.entry.SetText("Nguyễn Văn Ký")
	s.hours.entry.SetText("7h-11h30, chiều 13h30-17h")
	test.Tap(s.save)
	u.wait()
	if !s.hours.msg.Visible() || !strings.Contains(s.hours.msg.Text, "07:00-11:30,13:30-17:00,15:00") {
		t.Errorf("hours message %q (visible %v)", s.hours.msg.Text, s.hours.msg.Visible())
	}
	if s.status.label.Text != "Vui lòng sửa các ô có thông báo màu đỏ." {
		t.Errorf("status %q", s.status.label.Text)
	}
	after, _ := st.Office()
	if after != before {
		t.Errorf("office changed: %+v", after)
	}
	if v, _ := st.Setting(ctx, data.SettingSigner); v == "Nguyễn Văn Ký" {
		t.Error("the signer was saved with bad hours")
	}
	if s.name.entry.Text != "Bộ phận Một cửa UBND xã Mới" {
		t.Error("typed name lost")
	}

	// hours the store refuses (closing before opening) are shown in place too
	s.hours.entry.SetText("17:00-11:30,13:30-07:00,15:00")
	test.Tap(s.save)
	u.wait()
	if !s.hours.msg.Visible() {
		t.Errorf("store's refusal not shown in place; status %q", s.status.label.Text)
	}

	s.hours.entry.SetText("07:30-11:30,13:30-17:00,16:00")
	s.dateMode.SetSelected(s.dateMode.Options[1])
	s.layout.SetSelected(s.layout.Options[1])
	s.citations[0].entry.SetText("Mẫu số 01 theo quy định của tỉnh")
	test.Tap(s.save)
	u.wait()
	after, _ = st.Office()
	if after.Name != "Bộ phận Một cửa UBND xã Mới" || data.FormatHours(after.Hours) != "07:30-11:30,13:30-17:00,16:00" {
		t.Errorf("office after save %+v", after)
	}
	for k, want := range map[string]string{data.SettingSigner: "Nguyễn Văn Ký", data.SettingDateMode: "date",
		data.SettingReceiptLayout: "a5", data.SettingCitationPref + "01": "Mẫu số 01 theo quy định của tỉnh"} {
		if v, _ := st.Setting(ctx, k); v != want {
			t.Errorf("%s = %q, want %q", k, v, want)
		}
	}
	// the shell shows the new name and mode at once, and comes back to the tab
	if u.office.Name != after.Name || w.Title() != appName+" — "+after.Name || u.dashboard.mode != data.ModeDate {
		t.Errorf("office %q, title %q, mode %v", u.office.Name, w.Title(), u.dashboard.mode)
	}
	if !contains(texts(u.shell.status.content), after.Name) {
		t.Error("the status bar shows the old name")
	}
	if !strings.HasPrefix(s.status.label.Text, "Đã lưu.") {
		t.Errorf("status %q", s.status.label.Text)
	}
	// the other screens are kept (whatever is typed in them too)
	if b := u.adminScreenOf(); b != a {
		t.Error("the administration screen was built again")
	}
	u.shell.showSection(sectionDashboard)
	if !contains(texts(w.Canvas().Content()), after.Name) || !contains(texts(w.Canvas().Content()),
		"Trước hạn / đúng hạn / trễ hạn so theo ngày, như hệ thống của tỉnh.") {
		t.Error("the dashboard shows the old office or mode")
	}
}

func TestAdminSwitchesToEnglish(t *testing.T) {
	u, w, a := openAdmin(t)
	t.Cleanup(func() { setLanguage("vi") })
	if !contains(texts(u.shell.nav), "Quản trị") {
		t.Fatalf("navigation %q", texts(u.shell.nav))
	}
	a.language.choice.SetSelected("English")
	test.Tap(a.language.save)
	u.wait()
	nav := texts(u.shell.nav)
	if !contains(nav, "Administration") || !contains(nav, "Dashboard") || contains(nav, "Quản trị") {
		t.Errorf("navigation after switching: %q", nav)
	}
	if !contains(texts(w.Canvas().Content()), "Log out") {
		t.Error("the top bar is still in Vietnamese")
	}
	b := u.adminScreenOf()
	if b == nil || b.tabs.SelectedIndex() != adminTabLanguage || b.language.status.label.Text != "The language was changed." {
		t.Fatal("not back on the language tab")
	}
	if l := b.language; l.status.label.Position().Y <= l.save.Position().Y {
		t.Errorf("the note at %v is not laid out under the button at %v", l.status.label.Position(), l.save.Position())
	}
	if v, _ := u.currentStore().Setting(context.Background(), data.SettingLanguage); v != "en" {
		t.Errorf("language setting %q", v)
	}
	// a receptionist sees Reception, and the office opens in English next time
	test.Tap(u.shell.logout)
	u.wait()
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	if nav := texts(u.shell.nav); !contains(nav, "Reception") || contains(nav, "Tiếp nhận") {
		t.Errorf("receptionist's navigation %q", nav)
	}
	setLanguage("vi")
	dir := u.opts.DataDir
	u.shutdown()
	u.wait()
	v, _ := newTestUI(t, Options{DataDir: dir})
	logIn(t, v, "tiepnhan1", demoStaffPassword)
	if nav := texts(v.shell.nav); !contains(nav, "Reception") {
		t.Errorf("after reopening: %q", nav)
	}
}

func TestAdminBackupNowAndRestore(t *testing.T) {
	u, w, a := openAdmin(t)
	ctx := context.Background()
	b := a.backup
	dir := t.TempDir()

	b.folder.SetText("SaoLuu")
	test.Tap(b.backupBtn)
	if b.backupStatus.label.Text != "Hãy nhập đường dẫn đầy đủ của thư mục, ví dụ D:\\SaoLuu." {
		t.Errorf("relative folder: %q", b.backupStatus.label.Text)
	}
	b.folder.SetText(dir)
	test.Tap(b.backupBtn)
	u.wait()
	if b.lastFile == "" || filepath.Dir(b.lastFile) != dir {
		t.Fatalf("backup %q; status %q", b.lastFile, b.backupStatus.label.Text)
	}
	if err := data.VerifyFile(ctx, b.lastFile); err != nil {
		t.Fatalf("the backup does not verify: %v", err)
	}
	if b.progress.Visible() || b.backupBtn.Disabled() {
		t.Error("progress still shown")
	}

	// a change after the backup, then the restore takes it back
	addUser(t, u, "sau.sao.luu", data.RoleReception)
	b.file.SetText(filepath.Join(dir, "khong-co.db"))
	test.Tap(b.restoreBtn)
	u.wait()
	if !strings.HasPrefix(b.restoreStatus.label.Text, "Không khôi phục được từ tệp này.") || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("missing file: %q", b.restoreStatus.label.Text)
	}
	b.file.SetText(b.lastFile)
	test.Tap(b.restoreBtn)
	u.wait()
	tapOverlayButton(t, w, "Khôi phục")
	u.wait()
	if errs := u.failures(); len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if u.login == nil || u.shell != nil || u.currentUser() != nil {
		t.Fatal("not at the login screen after the restore")
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !contains(texts(top), "Đã khôi phục bản sao lưu") {
		t.Error("no message after the restore")
	}
	if _, err := u.currentStore().UserByName(ctx, "sau.sao.luu"); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("the user made after the backup is still there: %v", err)
	}
	aside, _ := filepath.Glob(u.dbPath() + ".truoc-khoi-phuc-*")
	if len(aside) == 0 {
		t.Fatal("the replaced database was not kept aside")
	}
	if _, err := os.Stat(aside[0]); err != nil {
		t.Fatal(err)
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	logIn(t, u, "admin", demoAdminPassword)
	if u.shell == nil {
		t.Fatal("cannot log in after the restore")
	}
}

// A restore the store refuses leaves the office's database as it was, open again at the login.
func TestAdminRestoreRefusedKeepsDatabase(t *testing.T) {
	u, w, _ := openAdmin(t)
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "sao-luu.db")
	if err := u.currentStore().Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	addUser(t, u, "van.con", data.RoleReception)
	clerk, err := u.currentStore().UserByName(ctx, "tiepnhan1")
	if err != nil {
		t.Fatal(err)
	}
	u.restoreBackup(clerk, file) // not an administrator
	u.wait()
	top := w.Canvas().Overlays().Top()
	if top == nil || !contains(texts(top), "Lỗi") {
		t.Fatal("the refusal was not shown")
	}
	if u.login == nil || u.currentStore() == nil {
		t.Fatal("the office did not open again")
	}
	if _, err := u.currentStore().UserByName(ctx, "van.con"); err != nil {
		t.Errorf("the database was replaced: %v", err)
	}
	if aside, _ := filepath.Glob(u.dbPath() + ".truoc-khoi-phuc-*"); len(aside) != 0 {
		t.Errorf("set aside %q", aside)
	}
}

func TestAdminAutomaticBackupFolder(t *testing.T) {
	u, _, a := openAdmin(t)
	ctx := context.Background()
	b := a.backup
	if b.autoLast.Text != "Chưa có bản sao lưu tự động nào." || b.autoSave.Disabled() {
		t.Fatalf("last: %q", b.autoLast.Text)
	}
	b.autoDir.SetText("SaoLuu")
	test.Tap(b.autoSave)
	u.wait()
	if v, _ := u.currentStore().Setting(ctx, data.SettingBackupDir); v != "" || !b.autoStatus.label.Visible() {
		t.Fatalf("a relative folder was saved: %q", v)
	}
	dir := filepath.Join(t.TempDir(), "SaoLuu")
	b.autoDir.SetText(dir)
	test.Tap(b.autoSave)
	u.wait()
	if v, _ := u.currentStore().Setting(ctx, data.SettingBackupDir); v != dir {
		t.Fatalf("folder %q, status %q", v, b.autoStatus.label.Text)
	}
	// today's backup is made at once, and the tab says when
	if _, err := os.Stat(filepath.Join(dir, "motcua-auto-2026-03-12.db")); err != nil {
		t.Fatal(err)
	}
	if b.autoLast.Text != "Lần sao lưu tự động gần nhất: 15:30 12/03/2026" {
		t.Errorf("last: %q", b.autoLast.Text)
	}
	// and it can be turned off
	b.autoDir.SetText("")
	test.Tap(b.autoSave)
	u.wait()
	if v, _ := u.currentStore().Setting(ctx, data.SettingBackupDir); v != "" || b.autoStatus.label.Text != "Đã lưu: sao lưu tự động đã tắt." {
		t.Errorf("folder %q, status %q", v, b.autoStatus.label.Text)
	}
}
