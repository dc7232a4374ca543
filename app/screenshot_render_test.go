package app

import (
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/data"
	"motcua/data/demo"
)

// screenshotSize is the size of the pictures being rendered: 1366×768, the display of most
// office PCs, in docs/screenshots, then 1920×1080 in its subfolder (screenshotSets).
var screenshotSize = fyne.NewSize(1366, 768)

// screenshotSets are the sizes the pictures are rendered at, and the subfolder of each.
var screenshotSets = []struct {
	size   fyne.Size
	subdir string
}{
	{fyne.NewSize(1366, 768), ""},
	{fyne.NewSize(1920, 1080), "1920x1080"},
}

// Screenshots renders the welcome screen, the login screen and the dashboard to
// dir/welcome.png, dir/login.png and dir/dashboard.png (1366×768; again at 1920×1080 in
// dir/1920x1080) with Fyne's software test
// driver: no display is needed. The office is the one in opts.DataDir when it holds one, else a
// demo office built in a temporary folder (and removed afterwards); the dashboard is shown to a
// receptionist (tiepnhan1 in the demo), logged in without a password. It replaces the current Fyne app with a test app,
// so call it from a process that shows no window (the "screenshots" command).
func Screenshots(dir string, opts Options) error {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	// Background work runs in line: Fyne's test driver runs fyne.Do on the calling goroutine,
	// so work finishing on its own goroutine would touch the widgets beside the renderer.
	opts.spawn = inline
	tmp, err := os.MkdirTemp("", "motcua-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	a := test.NewApp()

	shown := opts.DataDir
	if shown == "" {
		shown, _ = data.DataDir("")
	}
	office := opts
	if !hasOffice(opts.DataDir) {
		office.DataDir = filepath.Join(tmp, "demo")
		err := demo.Build(context.Background(), filepath.Join(office.DataDir, data.DBFile),
			demo.Options{Dossiers: demoDossiers, Seed: 1, Now: opts.Now()})
		if err != nil {
			return fmt.Errorf("dashboard.png: demo office: %w", err)
		}
	}
	defer func(size fyne.Size) { screenshotSize = size }(screenshotSize)
	for i, set := range screenshotSets {
		screenshotSize = set.size
		out := filepath.Join(dir, set.subdir)
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		welcome := opts
		welcome.DataDir = filepath.Join(tmp, fmt.Sprintf("empty-%d", i))
		if err := screenshot(a, welcome, shown, filepath.Join(out, "welcome.png"), nil); err != nil {
			return fmt.Errorf("welcome.png: %w", err)
		}
		welcome.DataDir = filepath.Join(tmp, fmt.Sprintf("empty-setup-%d", i))
		if err := screenshot(a, welcome, shown, filepath.Join(out, "setup.png"), fillSetup); err != nil {
			return fmt.Errorf("setup.png: %w", err)
		}
		if err := screenshotOffice(a, office, shown, filepath.Join(out, "login.png"), filepath.Join(out, "dashboard.png")); err != nil {
			return err
		}
	}
	return nil
}

// screenshotOffice renders the login screen of the office in opts, then logs a user in and
// renders the shell on the dashboard.
func screenshotOffice(a fyne.App, opts Options, shownDir, loginFile, dashboardFile string) error {
	w := a.NewWindow(appName)
	defer w.Close()
	u := newUI(a, w, opts)
	defer u.setUser(nil) // no logout recorded for a login that never happened
	u.shownDir = shownDir
	w.SetContent(u.root)
	w.Resize(screenshotSize)
	fyne.DoAndWait(u.start)
	u.wait()
	if errs := u.failures(); len(errs) > 0 {
		return errors.Join(errs...)
	}
	if err := writePNG(loginFile, w); err != nil {
		return fmt.Errorf("login.png: %w", err)
	}
	user, err := screenshotUser(u.currentStore())
	if err != nil {
		return fmt.Errorf("dashboard.png: %w", err)
	}
	fyne.DoAndWait(func() { u.loggedIn(user) })
	u.wait()
	if errs := u.failures(); len(errs) > 0 {
		return fmt.Errorf("dashboard.png: %w", errors.Join(errs...))
	}
	if err := writePNG(dashboardFile, w); err != nil {
		return err
	}
	dir := filepath.Dir(dashboardFile)
	shots := append([]shellShot(nil), shellShots...)
	sort.Slice(shots, func(i, j int) bool { return shots[i].file < shots[j].file })
	for _, shot := range shots {
		if err := takeShellShot(u, w, shot, filepath.Join(dir, shot.file)); err != nil {
			return fmt.Errorf("%s: %w", shot.file, err)
		}
	}
	return nil
}

// shellShot is one screenshot of a screen of the shell: the demo user who looks at it and what
// to do once logged in (on the UI thread; the background work it starts is waited for). Each
// screen registers its pictures from an init function in its own _shot_test.go file.
type shellShot struct {
	file string // e.g. "dossiers.png"
	user string // e.g. "tiepnhan1"
	show func(u *ui) error
}

var shellShots []shellShot

// takeShellShot logs shot.user in, shows the screen and writes the picture.
func takeShellShot(u *ui, w fyne.Window, shot shellShot, file string) error {
	st := u.currentStore()
	user, err := st.UserByName(context.Background(), shot.user)
	if err != nil {
		return err
	}
	var showErr error
	fyne.DoAndWait(func() {
		u.loggedIn(user)
	})
	u.wait()
	// The screen's background loading runs in line: Fyne's test driver lays text out on the
	// calling goroutine, and two goroutines measuring text at once crash it.
	spawn := u.work.start
	u.work.start = inline
	fyne.DoAndWait(func() { showErr = shot.show(u) })
	u.work.start = spawn
	if showErr != nil {
		return showErr
	}
	u.wait()
	if errs := u.failures(); len(errs) > 0 {
		return errors.Join(errs...)
	}
	return writePNG(file, w)
}

// screenshotUser is the receptionist tiepnhan1 of the demo, else the first active
// receptionist, else the first active user.
func screenshotUser(st *data.Store) (*data.User, error) {
	if st == nil {
		return nil, errors.New("no office open")
	}
	users, err := st.Users(context.Background())
	if err != nil {
		return nil, err
	}
	var pick *data.User
	for i := range users {
		switch x := &users[i]; {
		case !x.Active:
		case x.Username == "tiepnhan1":
			return x, nil
		case pick == nil || (!pick.Roles.Has(data.RoleReception) && x.Roles.Has(data.RoleReception)):
			pick = x
		}
	}
	if pick == nil {
		return nil, errors.New("the office has no active user")
	}
	return pick, nil
}

// hasOffice tells whether dir holds a database that is set up for an office.
func hasOffice(dir string) bool {
	if dir == "" {
		return false
	}
	path := filepath.Join(dir, data.DBFile)
	if _, err := os.Stat(path); err != nil {
		return false
	}
	st, err := data.Open(path)
	if err != nil {
		return false
	}
	defer st.Close()
	_, err = st.Office()
	return err == nil
}

// screenshot builds the UI for opts in a test window, waits for its background work, runs then
// (when not nil) on the UI thread and writes the picture to file.
func screenshot(a fyne.App, opts Options, shownDir, file string, then func(u *ui) error) error {
	w := a.NewWindow(appName)
	defer w.Close()
	u := newUI(a, w, opts)
	u.shownDir = shownDir
	w.SetContent(u.root)
	w.Resize(screenshotSize)
	fyne.DoAndWait(u.start)
	u.wait()
	if errs := u.failures(); len(errs) > 0 {
		return errors.Join(errs...)
	}
	if then != nil {
		var err error
		fyne.DoAndWait(func() { err = then(u) })
		if err != nil {
			return err
		}
	}
	return writePNG(file, w)
}

// fillSetup opens the setup form from the welcome screen and fills it in as an office would.
func fillSetup(u *ui) error {
	if u.welcome == nil {
		return errors.New("no welcome screen")
	}
	u.welcome.setupButton.OnTapped()
	s := u.setup
	s.code.SetText("000.00.31.H56")
	s.name.SetText("Bộ phận Một cửa UBND xã Đông Tiến")
	s.parent.SetText("000.00.00.H56")
	s.governing.SetText("UBND tỉnh Lâm Đồng")
	s.place.SetText("Đông Tiến")
	s.username.SetText("quantri")
	s.fullName.SetText("Nguyễn Văn Hải")
	s.password.SetText("mat-khau-1")
	s.passwordAgain.SetText("mat-khau-1")
	return nil
}

// writePNG captures w's canvas into file, replacing it only once the picture is complete.
func writePNG(file string, w fyne.Window) error {
	img := w.Canvas().Capture()
	tmp, err := os.CreateTemp(filepath.Dir(file), ".screenshot-*.png")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := png.Encode(tmp, img); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}
