package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// menuItem finds the item of the main menu whose shortcut is sc.
func menuItem(t *testing.T, w fyne.Window, sc fyne.Shortcut) *fyne.MenuItem {
	t.Helper()
	m := w.MainMenu()
	if m == nil {
		t.Fatal("no main menu")
	}
	for _, menu := range m.Items {
		for _, it := range menu.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
				return it
			}
		}
	}
	t.Fatalf("no menu item has the shortcut %s", sc.ShortcutName())
	return nil
}

// The shortcuts live in the main menu, which the desktop driver asks before the focused widget:
// Ctrl+N works while the cursor is in a field of another screen.
func TestMainMenuShortcuts(t *testing.T) {
	u, w := openDemo(t, 20)
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	s := u.shell
	recv := menuItem(t, w, shortcutNew)
	find := menuItem(t, w, shortcutSearch)
	if recv.Disabled {
		t.Error("a receptionist's New reception is disabled")
	}
	find.Action()
	if w.Canvas().Focused() != s.search {
		t.Error("Find did not focus the search box")
	}
	recv.Action()
	if s.current != sectionReception {
		t.Errorf("New reception opened %q", s.current)
	}
	s.logout.OnTapped()
	u.wait()
	if w.MainMenu() != nil {
		t.Error("the login screen keeps the menu of the user who left")
	}

	logIn(t, u, "tuphap1", demoStaffPassword)
	if item := menuItem(t, w, shortcutNew); !item.Disabled {
		t.Error("an officer may not receive, yet New reception is enabled")
	}
}

// While a message box is open, the shortcuts do nothing behind it; Enter closes the box.
func TestShortcutsWaitForTheOpenBox(t *testing.T) {
	u, w := openDemo(t, 20)
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	s := u.shell
	pop := u.showMessage(nil, "Tiêu đề", "Nội dung")
	menuItem(t, w, shortcutNew).Action()
	menuItem(t, w, shortcutSearch).Action()
	if s.current != sectionDashboard || w.Canvas().Focused() == s.search {
		t.Errorf("a shortcut acted behind the box: section %q", s.current)
	}
	ok, isButton := w.Canvas().Focused().(*defaultButton)
	if !isButton {
		t.Fatalf("the box's button has no focus: %T", w.Canvas().Focused())
	}
	ok.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if pop.Visible() {
		t.Error("Enter did not close the box")
	}
	menuItem(t, w, shortcutNew).Action()
	if s.current != sectionReception {
		t.Errorf("after the box: Ctrl+N opened %q", s.current)
	}
}
