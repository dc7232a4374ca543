package app

import (
	"context"
	"log"
	"path/filepath"
	"regexp"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
)

// recoverWidth is the width of the text of the recovery screen.
const recoverWidth = 620

// checkStore runs the start-up check of a freshly opened store (once a day: data.QuickCheck) and
// remembers the office's backup folder beside the database (backupdir.go), for the day the
// database cannot be read at all. It blocks.
func (u *ui) checkStore(ctx context.Context, st *data.Store) error {
	err := st.QuickCheck(ctx)
	// the folder is read even from a damaged database: the settings page may well be intact
	if dir, serr := st.Setting(ctx, data.SettingBackupDir); serr == nil {
		if werr := rememberBackupDir(u.opts.DataDir, dir); werr != nil {
			log.Printf("remembering the backup folder: %v", werr)
		}
	}
	return err
}

// upgrading says, while data.Open copies the database before upgrading its schema, why the
// window waits (any goroutine): on a large office the verified copy takes minutes.
func (u *ui) upgrading(_, _ int) {
	fyne.Do(func() {
		u.show(waiting(lang.L("Upgrading the office database to this version of the software: a backup copy is made first…")))
	})
}

// recovery is what the recovery screen offers for a damaged database.
type recovery struct {
	problem error  // what SQLite found
	dir     string // the automatic backup folder; "" when unknown
	latest  string // the newest automatic backup in dir; "" when none
	lookErr error  // why dir could not be read
}

// offerRecovery shows the recovery screen for a database that is damaged (problem) and returns
// when it is shown. It blocks (it reads the backup folder): call it off the UI thread.
func (u *ui) offerRecovery(problem error) {
	log.Printf("the office database %s is damaged: %v", u.dbPath(), problem)
	r := recovery{problem: problem, dir: rememberedBackupDir(u.opts.DataDir)}
	r.latest, r.lookErr = data.LatestAutoBackup(r.dir)
	fyne.DoAndWait(func() { u.showRecover(r) })
}

// showRecover shows the screen of a damaged database in place of whatever was shown (UI thread).
func (u *ui) showRecover(r recovery) {
	u.leaveShell()
	u.welcome, u.setup, u.dashboard, u.login = nil, nil, nil, nil
	u.win.SetTitle(appName)
	u.show(u.recoverScreen(r))
}

// recoverScreen is the screen of a damaged database (UI thread): what is wrong, the latest
// automatic backup, and the ways on: restore it, restore another file, or try again.
func (u *ui) recoverScreen(r recovery) fyne.CanvasObject {
	para := func(text string, style fyne.TextStyle) *widget.Label {
		return widget.NewLabel(wrapText(text, recoverWidth, theme.TextSize(), style))
	}
	heading := widget.NewLabelWithStyle(lang.L("The office database is damaged"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	rows := []fyne.CanvasObject{
		container.NewHBox(widget.NewIcon(theme.NewErrorThemedResource(theme.ErrorIcon())), heading),
		para(lang.L("The check at start found damage in the office database {{.Path}}. A power cut while it was being written or a failing disk can cause this. Do not go on working in it: restore the latest backup, or call your IT support.",
			map[string]any{"Path": u.dbPath()}), fyne.TextStyle{}),
		para(lang.L("Details: {{.Problem}}", map[string]any{"Problem": upperFirst(r.problem.Error())}), fyne.TextStyle{Italic: true}),
		widget.NewSeparator(),
	}
	restore := widget.NewButtonWithIcon(lang.L("Restore this backup"), theme.HistoryIcon(), func() { u.askRestoreDamaged(r, r.latest) })
	restore.Importance = widget.HighImportance
	other := widget.NewButtonWithIcon(lang.L("Another backup file…"), theme.FolderOpenIcon(), func() {
		u.files.pickFile(lang.L("Choose a backup file"), []string{".db"}, func(src string) { u.askRestoreDamaged(r, src) })
	})
	retry := widget.NewButtonWithIcon(lang.L("Try again"), theme.ViewRefreshIcon(), func() {
		u.show(waiting(lang.L("Opening the office database…")))
		u.goBackground(u.open)
	})
	switch {
	case r.latest != "":
		rows = append(rows,
			widget.NewLabelWithStyle(lang.L("Latest automatic backup"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			para(lang.L("{{.File}}, made on {{.Date}}.", map[string]any{"File": r.latest, "Date": backupDate(r.latest)}), fyne.TextStyle{}),
			para(lang.L("Restoring it replaces the office's data with this copy: what was entered after it was made has to be entered again. The damaged database is not deleted but kept aside next to it."), fyne.TextStyle{}),
		)
	case r.lookErr != nil:
		rows = append(rows, para(lang.L("The automatic backup folder {{.Dir}} cannot be read: {{.Error}}",
			map[string]any{"Dir": r.dir, "Error": r.lookErr.Error()}), fyne.TextStyle{}))
	case r.dir != "":
		rows = append(rows, para(lang.L("There is no automatic backup in the folder {{.Dir}}.", map[string]any{"Dir": r.dir}), fyne.TextStyle{}))
	default:
		rows = append(rows, para(lang.L("No automatic backup folder is known for this office. If you have a backup file (made by hand, or on a USB drive), restore it."), fyne.TextStyle{}))
	}
	buttons := []fyne.CanvasObject{retry, other}
	if r.latest != "" {
		buttons = append(buttons, restore)
	} else {
		other.Importance = widget.HighImportance
	}
	rows = append(rows, container.NewHBox(buttons...))
	return container.NewCenter(container.NewPadded(container.NewVBox(rows...)))
}

// autoBackupDate finds the date in an automatic backup's name (motcua-auto-2026-03-11.db). It
// reads the path as text: a backup folder on another PC's system still names its date.
var autoBackupDate = regexp.MustCompile(`motcua-auto-(\d{4}-\d{2}-\d{2})\.db$`)

// backupDate is the date of the automatic backup file, dd/mm/yyyy; its name when it has none.
func backupDate(file string) string {
	m := autoBackupDate.FindStringSubmatch(file)
	if m == nil {
		return filepath.Base(file)
	}
	t, err := time.Parse("2006-01-02", m[1])
	if err != nil {
		return m[1]
	}
	return shortDate(calendar.DateOf(t))
}

// askRestoreDamaged asks before putting the backup src in the place of the damaged database of
// the recovery screen r (UI thread).
func (u *ui) askRestoreDamaged(r recovery, src string) {
	askConfirm(u.win, lang.L("Restore this backup?"),
		lang.L("The office's data will be replaced by the backup {{.File}}. The damaged database is not deleted: it is kept aside next to it, under a name ending in the date and time.",
			map[string]any{"File": src}),
		lang.L("Restore the backup"), func() { u.restoreDamaged(r, src) })
}

// restoreDamaged puts src in the place of the damaged database (data.Restore checks it first and
// keeps the damaged file aside) and opens the office (UI thread); when the restore fails, the
// recovery screen r comes back. No one is logged in: the damaged database cannot be trusted to
// say who may, and the office cannot work without it.
func (u *ui) restoreDamaged(r recovery, src string) {
	u.show(waiting(lang.L("Restoring the backup…")))
	path := u.dbPath()
	u.spawn(func() {
		ctx := u.ctx
		aside, err := data.Restore(ctx, path, src)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			fyne.DoAndWait(func() {
				u.showRecover(r)
				u.showError(errorf("Could not restore the backup", err))
			})
			return
		}
		log.Printf("restored %s over the damaged database; the damaged file is kept as %s", src, aside)
		if err := u.open(ctx); err != nil {
			fyne.Do(func() { u.showError(err) })
			return
		}
		fyne.Do(func() {
			if u.login != nil {
				u.showMessage(theme.InfoIcon(), lang.L("Backup restored"),
					lang.L("The office's data now comes from {{.File}}. The damaged database is kept as {{.Aside}}.",
						map[string]any{"File": src, "Aside": aside}))
			}
		})
	})
}
