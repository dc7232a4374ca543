package app

import (
	"context"
	"errors"
	"image/color"
	"io/fs"
	"os"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/demo"
	"motcua/icons"
)

// demoDossiers is the size of the demo office: about a year of a busy commune.
const demoDossiers = 20000

// welcomeScreen is shown when the data folder holds no office yet.
type welcomeScreen struct {
	u       *ui
	content *fyne.Container

	demoButton   *widget.Button
	setupButton  *widget.Button
	enrollButton *widget.Button // "Kết nối với máy chủ tỉnh": a new counter PC of a known office
	progress     *widget.ProgressBar
	status       *widget.Label // "Đang tạo văn phòng mẫu… 42 %"
	progressBox  *fyne.Container
	accounts     fyne.CanvasObject // the demo office's accounts, under its button
}

// showWelcome builds the welcome screen and shows it (UI thread).
func (u *ui) showWelcome() {
	s := newWelcome(u)
	u.welcome, u.setup, u.dashboard = s, nil, nil
	u.win.SetTitle(appName)
	u.show(s.content)
}

func newWelcome(u *ui) *welcomeScreen {
	s := &welcomeScreen{u: u}

	logo := canvas.NewImageFromResource(fyne.NewStaticResource("motcua.png", icons.AppPNG256))
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(112, 112))

	title := widget.NewLabelWithStyle(appName, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	about := widget.NewLabelWithStyle(lang.L("Software for one-stop offices: receive dossiers, follow their deadlines,\nprint receipts and see statistics, even without an internet connection."),
		fyne.TextAlignCenter, fyne.TextStyle{})

	s.demoButton = widget.NewButtonWithIcon(lang.L("Open the demo office (test data)"), theme.MediaPlayIcon(), s.startDemo)
	s.demoButton.Importance = widget.HighImportance
	s.setupButton = widget.NewButtonWithIcon(lang.L("Set up a new office"), theme.SettingsIcon(), u.showSetup)
	s.enrollButton = widget.NewButtonWithIcon(lang.L("Connect to the provincial server"), theme.UploadIcon(), u.showEnroll)
	buttons := container.NewGridWithColumns(1, s.demoButton, s.setupButton, s.enrollButton)
	s.accounts = demoAccounts(nil) // what to type once the demo office is open

	s.progress = widget.NewProgressBar()
	s.progress.TextFormatter = func() string { return "" } // the label below says it in Vietnamese
	s.status = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	s.progressBox = container.NewVBox(s.progress, s.status)
	s.progressBox.Hide()

	where := widget.NewLabelWithStyle(lang.L("Data folder: {{.Path}}", map[string]any{"Path": u.shownDir}),
		fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	where.SizeName = theme.SizeNameCaptionText
	where.Truncation = fyne.TextTruncateEllipsis

	body := container.NewVBox(
		container.NewCenter(logo),
		title,
		about,
		gap(8),
		container.NewCenter(container.NewVBox(strut(420), buttons, gap(8), s.progressBox, s.accounts)),
	)
	guide := widget.NewButtonWithIcon(lang.L("User guide"), theme.HelpIcon(), u.showGuide)
	guide.Importance = widget.LowImportance
	footer := []fyne.CanvasObject{container.NewCenter(guide), where}
	if u.opts.Version != "" {
		v := widget.NewLabelWithStyle(lang.L("Version {{.Version}}", map[string]any{"Version": u.opts.Version}),
			fyne.TextAlignCenter, fyne.TextStyle{})
		v.SizeName = theme.SizeNameCaptionText
		footer = append(footer, v)
	}
	s.content = container.NewBorder(nil, container.NewVBox(footer...), nil, nil, container.NewCenter(body))
	return s
}

// busy switches between the buttons and the progress bar (UI thread).
func (s *welcomeScreen) busy(on bool) {
	if on {
		s.demoButton.Disable()
		s.setupButton.Disable()
		s.enrollButton.Disable()
		s.setProgress(0)
		s.progressBox.Show()
	} else {
		s.demoButton.Enable()
		s.setupButton.Enable()
		s.enrollButton.Enable()
		s.progressBox.Hide()
	}
	s.content.Refresh() // lay out again around the progress bar
}

// setProgress shows pct (0–100) of the demo built (UI thread).
func (s *welcomeScreen) setProgress(pct int) {
	s.progress.SetValue(float64(pct) / 100)
	s.status.SetText(lang.L("Building the demo office… {{.Percent}} %", map[string]any{"Percent": pct}))
}

// startDemo builds the demo office in the background, then opens it (UI thread).
func (s *welcomeScreen) startDemo() {
	s.busy(true)
	var last atomic.Int64
	last.Store(-1)
	progress := func(done, total int) {
		pct := 0
		if total > 0 {
			pct = min(100, max(0, done*100/total))
		}
		if last.Swap(int64(pct)) == int64(pct) {
			return // the bar moves by whole percents: no flood of UI updates
		}
		fyne.Do(func() { s.setProgress(pct) })
	}
	s.u.goBackground(func(ctx context.Context) error {
		err := s.u.buildDemo(ctx, s.u.demoSize, progress)
		if err != nil {
			fyne.Do(func() { s.busy(false) })
		}
		return err
	})
}

// buildDemo replaces the (empty) office database by a demo office and opens it. It blocks.
func (u *ui) buildDemo(ctx context.Context, dossiers int, progress func(done, total int)) error {
	path := u.dbPath()
	_, err := os.Stat(path)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return errorf("Could not build the demo office", err)
	}
	if exists {
		// Replace only a database seen open and empty: never an office's records.
		st := u.currentStore()
		if st == nil {
			return errorf("Could not build the demo office", textError("The data folder already holds a database."))
		}
		if _, err := st.Office(); !errors.Is(err, data.ErrNotSetUp) {
			return errorf("Could not build the demo office", textError("The data folder already holds a database."))
		}
	}
	u.closeStore() // the file is about to be replaced
	err = demo.Build(ctx, path, demo.Options{
		Dossiers: dossiers,
		Seed:     1,
		Now:      u.now(),
		Progress: progress,
		Replace:  exists, // checked above: it holds no office
	})
	if err != nil {
		return errorf("Could not build the demo office", err)
	}
	st, err := u.openStore(path)
	if err != nil {
		return errorf("Could not open the office database", err)
	}
	if !u.setStore(st) {
		return nil
	}
	return u.showOffice(ctx, st)
}

// strut is empty horizontal space: the width of a column.
func strut(width float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(width, 0))
	return r
}

// gap is empty vertical space.
func gap(height float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, height))
	return r
}
