package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
)

// richText is the plain text of every segment of r, nested ones included.
func richText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		switch v := s.(type) {
		case *widget.ParagraphSegment:
			b.WriteString(richText(v.Texts))
		case *widget.ListSegment:
			b.WriteString(richText(v.Items))
		case *widget.TableSegment:
			for _, c := range v.Headers {
				b.WriteString(richText(c) + " ")
			}
			for _, r := range v.Rows {
				for _, c := range r {
					b.WriteString(richText(c) + " ")
				}
			}
		default:
			b.WriteString(s.Textual())
		}
		b.WriteString("\n")
	}
	return b.String()
}

// monospaced reports a segment drawn in Fyne's monospace font, which lacks Vietnamese letters.
func monospaced(segs []widget.RichTextSegment) bool {
	for _, s := range segs {
		switch v := s.(type) {
		case *widget.TextSegment:
			if v.Style.TextStyle.Monospace {
				return true
			}
		case *widget.CodeBlockSegment:
			return true
		case *widget.ParagraphSegment:
			if monospaced(v.Texts) {
				return true
			}
		case *widget.ListSegment:
			if monospaced(v.Items) {
				return true
			}
		case *widget.TableSegment:
			for _, r := range append([][][]widget.RichTextSegment{v.Headers}, v.Rows...) {
				for _, c := range r {
					if monospaced(c) {
						return true
					}
				}
			}
		}
	}
	return false
}

// The user guide ships inside the program: Help → User guide opens it, chapter by chapter, in
// the text font; its links to other chapters open them, and Escape closes it.
func TestHelpMenuOpensTheGuide(t *testing.T) {
	u, w := openDemo(t, 0)
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	var item *fyne.MenuItem
	for _, menu := range w.MainMenu().Items {
		for _, it := range menu.Items {
			if it.Label == "Hướng dẫn sử dụng" {
				item = it
			}
		}
	}
	if item == nil {
		t.Fatal("the Help menu has no «Hướng dẫn sử dụng»")
	}
	item.Action()
	g := u.guideView
	if u.guide == nil || g == nil {
		t.Fatal("the guide did not open")
	}
	if !strings.Contains(u.guide.Title(), "Hướng dẫn sử dụng") {
		t.Errorf("window title %q", u.guide.Title())
	}
	if !strings.Contains(richText(g.text.Segments), "Mục lục") {
		t.Errorf("the guide opens on %q, not its introduction", g.sections[g.current].title)
	}
	want := -1
	for i, s := range g.sections {
		if s.title == "4. Tiếp nhận hồ sơ" {
			want = i
		}
	}
	if want < 0 || len(g.sections) < 14 {
		t.Fatalf("chapters %d, «4. Tiếp nhận hồ sơ» at %d", len(g.sections), want)
	}
	g.chapters.Select(want)
	text := richText(g.text.Segments)
	if !strings.Contains(text, "Tiếp nhận hồ sơ") || !strings.Contains(text, "phieu-in") {
		t.Errorf("chapter 4 reads:\n%s", text)
	}
	for i := range g.sections {
		g.open(i)
		if monospaced(g.text.Segments) {
			t.Errorf("chapter %q uses the monospace font", g.sections[i].title)
		}
		if strings.Contains(richText(g.text.Segments), "→") {
			t.Errorf("chapter %q shows an arrow, which the text font cannot draw", g.sections[i].title)
		}
	}
	// the link "mục 6" of chapter 4 opens chapter 6
	g.open(want)
	var link *widget.HyperlinkSegment
	var find func([]widget.RichTextSegment)
	find = func(segs []widget.RichTextSegment) {
		for _, s := range segs {
			switch v := s.(type) {
			case *widget.HyperlinkSegment:
				if link == nil && strings.HasPrefix(v.URL.Fragment, "6-") {
					link = v
				}
			case *widget.ParagraphSegment:
				find(v.Texts)
			case *widget.ListSegment:
				find(v.Items)
			}
		}
	}
	find(g.text.Segments)
	if link == nil || link.OnTapped == nil {
		t.Fatal("chapter 4 has no working link to chapter 6")
	}
	link.OnTapped()
	if got := g.sections[g.current].title; got != "6. Chi tiết hồ sơ và xử lý" {
		t.Errorf("the link opened %q", got)
	}
	gw := u.guide
	gw.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.guide != nil {
		t.Error("Escape did not close the guide")
	}
}

// Help → About names the version, the data folder and the log file.
func TestAboutShowsDataFolderAndLog(t *testing.T) {
	dir := buildDemo(t, 0)
	log := filepath.Join(dir, "motcua.log")
	u, w := newTestUI(t, Options{DataDir: dir, Version: "1.2.3", LogFile: log})
	logIn(t, u, "admin", demoAdminPassword)
	u.showAbout()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no about box")
	}
	all := strings.Join(texts(top), "\n")
	all = strings.Join(strings.Fields(all), "") // the box wraps long lines
	for _, want := range []string{"1.2.3", dir, log, "Trợgiúp›Hướngdẫnsửdụng"} {
		if !strings.Contains(all, strings.Join(strings.Fields(want), "")) {
			t.Errorf("the about box lacks %q:\n%s", want, all)
		}
	}
}

// The login screen of the demo office offers its accounts; a tap fills the form.
func TestDemoLoginShowsAccounts(t *testing.T) {
	u, _ := openDemo(t, 0)
	l := u.login
	if l.accounts == nil {
		t.Fatal("the demo office's login shows no account")
	}
	shown := texts(l.content)
	for _, want := range []string{"admin / admin123", "tiepnhan1 / demo1234", "Tài khoản của văn phòng mẫu"} {
		if !contains(shown, want) {
			t.Errorf("the login screen lacks %q", want)
		}
	}
	if min := l.content.MinSize(); min.Height > 690 || min.Width > 1100 {
		t.Errorf("the demo login needs %v, more than a window of 1366×768 gives", min)
	}
	var admin *widget.Button
	walk(l.content, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "admin / admin123" {
			admin = b
		}
	})
	test.Tap(admin)
	if l.username.Text != "admin" || l.password.Text != demoAdminPassword {
		t.Fatalf("the tap filled %q / %q", l.username.Text, l.password.Text)
	}
	test.Tap(l.button)
	u.wait()
	if u.shell == nil {
		t.Fatalf("no login with the account shown: %v", u.failures())
	}
}

// A real office never shows the demo passwords, not even its own account names.
func TestRealOfficeLoginShowsNoAccounts(t *testing.T) {
	dir := t.TempDir()
	s, err := data.Open(filepath.Join(dir, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	err = s.Setup(context.Background(), data.Office{Code: "000.00.07.H56", Name: "Bộ phận Một cửa UBND xã Thật", Level: "xa", Place: "Thật", Hours: calendar.DefaultHours()},
		0, data.NewUser{Username: "admin", FullName: "Quản Trị", Roles: data.RoleAdmin, Password: "matkhau123"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	u, _ := newTestUI(t, Options{DataDir: dir})
	if u.login == nil {
		t.Fatalf("no login screen: %v", u.failures())
	}
	if u.login.accounts != nil {
		t.Error("a real office shows the demo accounts")
	}
	for _, s := range texts(u.login.content) {
		if strings.Contains(s, "demo1234") || strings.Contains(s, "admin123") || strings.Contains(s, "văn phòng mẫu") {
			t.Errorf("a real office's login shows %q", s)
		}
	}
}

// The welcome screen names the demo office's accounts under its button, and offers the guide.
func TestWelcomeShowsDemoAccountsAndGuide(t *testing.T) {
	u, _ := newTestUI(t, Options{DataDir: t.TempDir()})
	shown := texts(u.welcome.content)
	for _, want := range []string{"admin / admin123 — Quản trị", "tiepnhan1 / demo1234 — Tiếp nhận", "Hướng dẫn sử dụng"} {
		if !contains(shown, want) {
			t.Errorf("the welcome screen lacks %q", want)
		}
	}
	// a maximised window of a 1366×768 screen, less the taskbar and the title bar
	if min := u.welcome.content.MinSize(); min.Height > 690 || min.Width > 1100 {
		t.Errorf("the welcome screen needs %v, more than a window of 1366×768 gives", min)
	}
}
