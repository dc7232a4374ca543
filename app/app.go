// Package app is the Fyne GUI of Một Cửa and nothing else: one file per screen (welcome.go,
// setup.go, dashboard.go), shared pieces in their own small files (theme.go, lang.go,
// statusbar.go, errors.go, format.go).
//
// Create builds the widgets and returns the content without running anything, so tests,
// benchmarks and Screenshots build the real UI on Fyne's test driver; Run opens the window.
//
// Threading: the UI is only touched on Fyne's thread. Slow work (opening the store, building
// the demo office, computing figures, receiving a dossier) is the window's background work
// (worker, in workgroup.go), started through ui.goBackground or ui.spawn, which hands its results
// back with fyne.Do / fyne.DoAndWait (the build uses migrated_fynedo). Closing the window cancels
// it and closes the store once it has finished.
package app

import (
	"context"
	"errors"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/icons"
)

// appName is the name of the application, the same in every language.
const appName = "Một Cửa"

// AppID is the application ID (also in FyneApp.toml); preferences and storage hang off it.
const AppID = "vn.motcua.desktop"

// Options configure the GUI.
type Options struct {
	DataDir   string           // folder holding data.DBFile; "" picks data.DataDir("")
	Version   string           // shown to the user, e.g. "0.1.0"
	BuildDate string           // the date of the build, e.g. "2026-11-25"; "" when unknown
	LogFile   string           // the log file the program writes, named in the About box; "" when none
	Now       func() time.Time // the clock; nil is time.Now
	// NoFrame, when set, is called (off the UI thread) if the window has drawn nothing
	// FrameTimeout after Run started: the OpenGL driver is missing or unusable and Fyne would
	// wait on a black window forever. It should tell the user and end the program.
	NoFrame      func()
	FrameTimeout time.Duration // 0 is defaultFrameTimeout

	// spawn starts background work (worker.start); nil runs each on a goroutine of its own. This
	// package's tests and Screenshots run it in line: Fyne's test driver runs fyne.Do on the
	// calling goroutine, so work finishing on its own goroutine would draw beside the test.
	spawn func(fn func())
}

// defaultFrameTimeout is how long Run waits for the first frame before calling NoFrame. A
// working PC draws the first screen in a second or two; a slow one stays well under this.
const defaultFrameTimeout = 15 * time.Second

// Run opens the main window and returns when it is closed.
func Run(opts Options) error {
	if opts.DataDir == "" {
		dir, err := data.DataDir("")
		if err != nil {
			return err
		}
		opts.DataDir = dir
	}
	a := fyneapp.NewWithID(AppID)
	icon := fyne.NewStaticResource("motcua.png", icons.AppPNG)
	a.SetIcon(icon)
	w := a.NewWindow(appName)
	w.SetIcon(icon)
	u := newUI(a, w, opts)
	probe := newFrameProbe()
	w.SetContent(container.NewStack(u.root, probe.obj))
	if opts.NoFrame != nil {
		timeout := opts.FrameTimeout
		if timeout <= 0 {
			timeout = defaultFrameTimeout
		}
		stop := probe.watch(timeout, opts.NoFrame)
		defer stop()
	}
	w.Resize(savedWindowSize(a))
	w.SetMaster()
	w.CenterOnScreen()
	placeWindow(a, w)
	a.Lifecycle().SetOnStopped(u.shutdown)
	w.SetCloseIntercept(func() { saveWindowSize(a, w); w.Close() })
	var started atomic.Bool
	a.Lifecycle().SetOnStarted(func() { started.Store(true) })
	u.start()
	w.ShowAndRun()
	u.shutdown()
	// let cancelled work (a demo being built) clean up its files and a reception in flight be
	// recorded, without hanging the exit
	done := make(chan struct{})
	go func() { u.wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		u.closeStore() // work that hangs keeps the store open no longer
	}
	if !started.Load() {
		return ErrNoWindow
	}
	return nil
}

// ErrNoWindow is Run's answer when the window never opened: the graphics driver refused it
// (Fyne has logged why).
var ErrNoWindow = errors.New("the window could not be opened")

// Create builds the whole UI inside w and returns its content. It starts the background work
// (opening the store, then computing figures) and returns at once; the screens appear as that
// work reports back. Closing w closes the store.
func Create(a fyne.App, w fyne.Window, opts Options) fyne.CanvasObject {
	u := newUI(a, w, opts)
	u.start()
	return u.root
}

// ui is the state shared by the screens of one window.
type ui struct {
	app  fyne.App
	win  fyne.Window
	opts Options
	root *fyne.Container // a stack holding the current screen

	files *fileChoosers // the window's file choosers (filepick.go)

	work *worker         // the background work (tests and Screenshots wait on it)
	ctx  context.Context // work.ctx: cancelled when the window closes

	syncTune syncTuning // how the background sync paces itself and reports (sync_loop.go)
	sections []section  // the navigation (shell.go's sections; a test may give a section another screen)

	closing sync.Once     // shutdown has begun
	down    atomic.Bool   // shutdown has begun: wait waits for closed too
	closed  chan struct{} // closed once the store is closed after shutdown

	mu    sync.Mutex
	store *data.Store
	errs  []error    // reported by background work
	user  *data.User // logged in; nil at the login screen (currentUser, setUser)

	demoSize int    // dossiers in the demo office (tests make it small)
	shownDir string // the data folder as the welcome screen names it

	office data.Office // the open office (UI thread)

	demo      bool        // the open office is the demo office: the login screen shows its accounts (UI thread)
	guide     fyne.Window // the user guide's window while it is open (UI thread)
	guideView *guideView
	// screens, kept for tests to assert on (set on the UI thread)
	welcome   *welcomeScreen
	setup     *setupScreen
	dashboard *dashboard // built when the office opens, shown in the shell after login
	login     *loginScreen
	shell     *shell
	reception *receptionScreen // the reception screen of the shell, once built
	enroll    *enrollScreen    // the enrolment form while it is shown

	syncRun    atomic.Pointer[syncRunner] // the running background sync (sync_loop.go), nil when none
	syncScreen atomic.Pointer[syncScreen] // the Sync screen of the current shell, once built
}

func newUI(a fyne.App, w fyne.Window, opts Options) *ui {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.DataDir == "" {
		if dir, err := data.DataDir(""); err == nil {
			opts.DataDir = dir
		}
	}
	setLanguage("vi")
	a.Settings().SetTheme(newTheme())
	work := newWorker(opts.spawn)
	u := &ui{app: a, win: w, opts: opts, root: container.NewStack(), files: &fileChoosers{win: w}, work: work, ctx: work.ctx,
		syncTune: defaultSyncTuning(), sections: slices.Clone(sections), closed: make(chan struct{}),
		demoSize: demoDossiers, shownDir: opts.DataDir}
	w.SetOnClosed(u.shutdown)
	return u
}

// windowHolder is what the database's lock file says while the window has it open: a command
// refused meanwhile names the window (data.LockedError).
const windowHolder = "motcua (cửa sổ ứng dụng)"

// openStore opens the office database at path for the window: it holds the write lock until
// closed (docs/HUONG-DAN.md §11, "Một chương trình ghi"). It blocks.
func (u *ui) openStore(path string, opts ...data.Option) (*data.Store, error) {
	return data.Open(path, append([]data.Option{data.WithClock(u.now), data.WithHolder(windowHolder)}, opts...)...)
}

// dataDir is the data folder (Options.DataDir).
func (u *ui) dataDir() string { return u.opts.DataDir }

// dbPath is the office database inside the data folder.
func (u *ui) dbPath() string { return filepath.Join(u.opts.DataDir, data.DBFile) }

// now is the current time in the office's zone: the dates the screens show, default and put in
// file names are the office's, whatever zone the PC is set to.
func (u *ui) now() time.Time { return u.opts.Now().In(vntext.Zone()) }

// goBackground runs fn off the UI thread; an error it returns is shown in a dialog.
func (u *ui) goBackground(fn func(ctx context.Context) error) {
	u.spawn(func() {
		if err := fn(u.ctx); err != nil && u.ctx.Err() == nil {
			u.mu.Lock()
			u.errs = append(u.errs, err)
			u.mu.Unlock()
			fyne.Do(func() { u.showError(err) })
		}
	})
}

// spawn runs fn off the UI thread as the window's background work; fn reports back through
// fyne.Do.
func (u *ui) spawn(fn func()) { u.work.spawn(fn) }

// failures are the errors background work has reported so far (tests, Screenshots).
func (u *ui) failures() []error {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]error(nil), u.errs...)
}

// wait blocks until the background work started so far has finished, and after shutdown until
// the store is closed.
func (u *ui) wait() {
	u.work.wait()
	if u.down.Load() {
		<-u.closed
	}
}

// start shows the first screen (UI thread): the welcome screen at once when there is no
// database yet, else a waiting screen while the store opens in the background.
func (u *ui) start() {
	if _, err := os.Stat(u.dbPath()); errors.Is(err, fs.ErrNotExist) {
		u.showWelcome()
		return
	}
	u.show(waiting(lang.L("Opening the office database…")))
	u.goBackground(u.open)
}

// waiting is a screen saying what we wait for.
func waiting(what string) fyne.CanvasObject {
	return container.NewCenter(widget.NewLabelWithStyle(what, fyne.TextAlignCenter, fyne.TextStyle{}))
}

// open opens the office database when there is one and shows the dashboard, or shows the
// welcome screen. It blocks: call it off the UI thread (tests call it directly).
func (u *ui) open(ctx context.Context) error {
	_, err := os.Stat(u.dbPath())
	if errors.Is(err, fs.ErrNotExist) {
		fyne.DoAndWait(u.showWelcome)
		return nil
	}
	if err == nil {
		var st *data.Store
		if st, err = u.openStore(u.dbPath(), data.WithUpgradeNotice(u.upgrading)); err == nil {
			if !u.setStore(st) {
				return nil
			}
			if err := u.showOffice(ctx, st); err != nil {
				return err
			}
			// The daily integrity check runs once the office is on screen: on a large office it
			// reads the whole file (seconds, more from a cold disk), which must not hold up the
			// login. Damage it finds replaces whatever is shown by the recovery screen.
			err = u.checkStore(ctx, st)
			if err == nil || ctx.Err() != nil {
				return nil
			}
			if !data.IsCorrupt(err) {
				log.Printf("the daily check of the office database could not run: %v", err)
				return nil // it runs again at the next start
			}
			fyne.DoAndWait(func() { u.setUser(nil); u.leaveShell() })
			u.closeStore()
		}
	}
	// A damaged database gets the recovery screen (recover.go), whether SQLite refused to open
	// it or the check found the damage; the error is still reported, as for any other failure.
	if data.IsCorrupt(err) && ctx.Err() == nil {
		u.offerRecovery(err)
		return errorf("Could not open the office database", err)
	}
	// A database that is there but cannot be opened (locked, damaged, from a newer version) may
	// be an office's only copy: no welcome screen, whose demo button would replace it.
	fyne.DoAndWait(u.showFailure)
	return errorf("Could not open the office database", err)
}

// showFailure is the screen behind the error when the database cannot be opened (UI thread).
func (u *ui) showFailure() {
	u.leaveShell()
	u.welcome, u.setup, u.dashboard, u.login = nil, nil, nil, nil
	u.win.SetTitle(appName)
	heading := widget.NewLabelWithStyle(lang.L("Could not open the office database"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	where := widget.NewLabelWithStyle(u.dbPath(), fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	retry := widget.NewButtonWithIcon(lang.L("Try again"), theme.ViewRefreshIcon(), func() {
		u.show(waiting(lang.L("Opening the office database…")))
		u.goBackground(u.open)
	})
	retry.Importance = widget.HighImportance
	u.show(container.NewCenter(container.NewVBox(
		container.NewCenter(widget.NewIcon(theme.ErrorIcon())), heading, where, container.NewCenter(retry))))
}

// showOffice shows the login screen of an open store and prepares its dashboard, or shows the
// welcome screen when the store has no office yet. It blocks while the first figures are
// computed.
func (u *ui) showOffice(ctx context.Context, st *data.Store) error {
	office, err := st.Office()
	if errors.Is(err, data.ErrNotSetUp) {
		fyne.DoAndWait(u.showWelcome)
		return nil
	}
	if err != nil {
		return errorf("Could not open the office database", err)
	}
	language, err := st.Setting(ctx, data.SettingLanguage)
	if err != nil {
		return errorf("Could not read the office settings", err)
	}
	modeName, err := st.Setting(ctx, data.SettingDateMode)
	if err != nil {
		return errorf("Could not read the office settings", err)
	}
	mode, err := data.ParseMode(modeName)
	if err != nil {
		mode = data.ModeTimestamp // a bad setting must not keep the office closed
	}
	demo, err := st.IsDemo(ctx)
	if err != nil {
		return errorf("Could not read the office settings", err)
	}
	var d *dashboard
	fyne.DoAndWait(func() {
		setLanguage(language)
		u.win.SetTitle(appName + " — " + office.Name)
		u.office, u.demo = office, demo
		d = newDashboard(u, st, office, mode)
		u.dashboard = d
		u.welcome, u.setup = nil, nil
		u.showLogin()
	})
	return d.refresh(ctx)
}

// show replaces the current screen (UI thread).
func (u *ui) show(screen fyne.CanvasObject) {
	u.root.Objects = []fyne.CanvasObject{screen}
	u.root.Refresh()
}

// currentStore is the open store, nil when none.
func (u *ui) currentStore() *data.Store {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.store
}

// setStore makes st the open store, closing the previous one. After shutdown it closes st and
// reports false.
func (u *ui) setStore(st *data.Store) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.ctx.Err() != nil {
		if st != nil {
			st.Close()
		}
		return false
	}
	if u.store != nil && u.store != st {
		u.store.Close()
	}
	u.store = st
	return true
}

// closeStore closes the open store, if any (before the demo replaces the file).
func (u *ui) closeStore() {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.store != nil {
		u.store.Close()
		u.store = nil
	}
}

// currentUser is the logged-in user, nil when none.
func (u *ui) currentUser() *data.User {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.user
}

// setUser records who is logged in (nil: nobody) and returns who was.
func (u *ui) setUser(user *data.User) *data.User {
	u.mu.Lock()
	defer u.mu.Unlock()
	was := u.user
	u.user = user
	return was
}

// shutdown cancels the background work and, once it has finished, records the logout of whoever
// was still logged in and closes the store; safe to call more than once, from any goroutine. It
// does not block: work in flight may need the UI thread (fyne.DoAndWait), and a reception in
// flight is recorded before the store closes. wait blocks until the store is closed.
func (u *ui) shutdown() {
	u.closing.Do(func() {
		u.down.Store(true)
		u.stopSync()
		u.work.cancel()
		if !u.work.bg.busy() {
			u.closeAfterWork() // nothing to wait for: the store is closed when shutdown returns
			return
		}
		go u.closeAfterWork()
	})
}

// closeAfterWork waits for the background work, records the logout of whoever was still logged
// in and closes the store.
func (u *ui) closeAfterWork() {
	defer close(u.closed)
	u.work.wait()
	if user, st := u.setUser(nil), u.currentStore(); user != nil && st != nil {
		_ = st.Logout(context.Background(), user) // the window is closing: nowhere to show an error
	}
	u.closeStore()
}
