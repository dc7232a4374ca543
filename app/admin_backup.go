package app

import (
	"context"
	"errors"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// File choosers of the backup tab (filepick.go): a Browse button next to each path fills it; the
// typed path always works. They start in the folder of what is typed, when it exists.
var (
	adminPickFolder = func(files *fileChoosers, start string, done func(path string)) {
		p := files.pickFolder(lang.L("Choose a folder"), done)
		if fi, err := os.Stat(start); start != "" && err == nil && fi.IsDir() {
			p.open(start)
		}
	}
	adminPickFile = func(files *fileChoosers, start string, done func(path string)) {
		p := files.pickFile(lang.L("Choose a backup file"), []string{".db"}, done)
		if dir := filepath.Dir(start); start != "" {
			if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
				p.open(dir)
			}
		}
	}
)

// adminBackup is the Sao lưu tab: a backup now into a chosen folder, restoring a backup, and
// the folder of the automatic daily backup.
type adminBackup struct {
	a       *adminScreen
	content fyne.CanvasObject

	folder       *widget.Entry
	backupBtn    *widget.Button
	progress     *widget.ProgressBarInfinite
	backupStatus *adminStatus

	file          *widget.Entry
	restoreBtn    *widget.Button
	restoreStatus *adminStatus

	autoDir    *widget.Entry
	autoSave   *widget.Button
	autoLast   *widget.Label
	autoStatus *adminStatus

	lastFile string // the last backup made here (tests)
}

func newAdminBackup(a *adminScreen) *adminBackup {
	b := &adminBackup{a: a, backupStatus: newAdminStatus(), restoreStatus: newAdminStatus(), autoStatus: newAdminStatus()}
	example := lang.L("A full path, e.g. D:\\SaoLuu or a USB drive")

	b.folder = widget.NewEntry()
	b.folder.SetPlaceHolder(example)
	b.backupBtn = widget.NewButtonWithIcon(lang.L("Back up now"), theme.DownloadIcon(), b.backupNow)
	b.backupBtn.Importance = widget.HighImportance
	b.progress = widget.NewProgressBarInfinite()
	b.progress.Stop()
	b.progress.Hide()

	b.file = widget.NewEntry()
	b.file.SetPlaceHolder(lang.L("The backup file, e.g. D:\\SaoLuu\\motcua-2026-03-12-1530.db"))
	b.restoreBtn = widget.NewButtonWithIcon(lang.L("Restore…"), theme.HistoryIcon(), b.restore)
	b.restoreBtn.Importance = widget.DangerImportance

	b.autoDir = widget.NewEntry()
	b.autoDir.SetPlaceHolder(example)
	b.autoSave = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), b.saveAuto)
	b.autoSave.Disable() // until the setting is read
	b.autoLast = widget.NewLabel("")

	path := func(e *widget.Entry, pick func(*fileChoosers, string, func(string))) fyne.CanvasObject {
		if pick == nil {
			return e
		}
		browse := widget.NewButtonWithIcon(lang.L("Browse…"), theme.FolderOpenIcon(), func() {
			pick(a.deps.files, e.Text, func(p string) {
				if p != "" {
					e.SetText(p)
				}
			})
		})
		return container.NewBorder(nil, nil, nil, browse, e)
	}
	form := func(items ...*widget.FormItem) *widget.Form { return widget.NewForm(items...) }

	now := container.NewVBox(
		adminHeading(lang.L("Back up now")),
		adminHint(lang.L("Copies the whole office database into the folder, while everyone keeps working, and checks the copy. Keep backups on another disk or a USB drive.")),
		form(widget.NewFormItem(lang.L("Folder"), path(b.folder, adminPickFolder))),
		container.NewHBox(b.backupBtn), b.progress, b.backupStatus.label)
	restore := container.NewVBox(
		adminHeading(lang.L("Restore a backup")),
		adminHint(lang.L("Replaces the office's data with a backup. The current database is kept aside, not deleted. Everyone is logged out.")),
		form(widget.NewFormItem(lang.L("File"), path(b.file, adminPickFile))),
		container.NewHBox(b.restoreBtn), b.restoreStatus.label)
	auto := container.NewVBox(
		adminHeading(lang.L("Automatic daily backup")),
		adminHint(lang.L("At the first login of each day a backup is made into this folder; the last {{.N}} are kept. Leave it empty to turn the automatic backup off.",
			map[string]any{"N": data.AutoBackupKeep})),
		form(widget.NewFormItem(lang.L("Folder"), path(b.autoDir, adminPickFolder))),
		container.NewHBox(b.autoSave), b.autoLast, b.autoStatus.label)
	b.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		now, widget.NewSeparator(), auto, widget.NewSeparator(), restore)))
	b.backupStatus.root, b.restoreStatus.root, b.autoStatus.root = b.content, b.content, b.content
	b.load()
	return b
}

// load reads the automatic backup folder and when it last ran (UI thread).
func (b *adminBackup) load() {
	st := b.a.st
	b.a.background(func(ctx context.Context) {
		dir, err := st.Setting(ctx, data.SettingBackupDir)
		var last time.Time
		if err == nil {
			last, err = st.LastAutoBackup(ctx)
		}
		fyne.Do(func() {
			if err != nil {
				b.autoStatus.fail(errorf("Could not read the office settings", err))
				return
			}
			b.autoDir.SetText(dir)
			if b.folder.Text == "" {
				b.folder.SetText(dir)
			}
			b.showLast(last)
			b.autoSave.Enable()
		})
	})
}

// showLast says when the last automatic backup was made.
func (b *adminBackup) showLast(last time.Time) {
	if last.IsZero() {
		b.autoLast.SetText(lang.L("No automatic backup has been made yet."))
		return
	}
	b.autoLast.SetText(lang.L("Last automatic backup: {{.Time}}", map[string]any{"Time": clock(last)}))
}

// folderPath is the folder typed in e, or an error saying what is wrong with it.
func folderPath(e *widget.Entry) (string, error) {
	dir := strings.TrimSpace(e.Text)
	if dir == "" {
		return "", textError("Type or choose a folder.")
	}
	if !filepath.IsAbs(dir) {
		return "", textError("Give the full path of the folder, e.g. D:\\SaoLuu.")
	}
	return filepath.Clean(dir), nil
}

// backupNow copies the database into the chosen folder, with progress (UI thread).
func (b *adminBackup) backupNow() {
	dir, err := folderPath(b.folder)
	if err != nil {
		b.backupStatus.fail(err)
		return
	}
	file := filepath.Join(dir, data.BackupName(b.a.deps.now()))
	b.backupBtn.Disable()
	b.backupStatus.set(lang.L("Backing up…"), widget.MediumImportance)
	b.progress.Show()
	b.progress.Start()
	st := b.a.st
	b.a.background(func(ctx context.Context) {
		err := st.Backup(ctx, file)
		fyne.Do(func() {
			b.progress.Stop()
			b.progress.Hide()
			b.backupBtn.Enable()
			if err != nil {
				b.backupStatus.fail(errorf("Could not back up", err))
				return
			}
			b.lastFile = file
			b.backupStatus.ok(lang.L("Backed up and checked: {{.File}}", map[string]any{"File": file}))
		})
	})
}

// saveAuto stores the automatic backup folder and makes today's backup at once when due (UI
// thread).
func (b *adminBackup) saveAuto() {
	dir := strings.TrimSpace(b.autoDir.Text)
	if dir != "" {
		var err error
		if dir, err = folderPath(b.autoDir); err != nil {
			b.autoStatus.fail(err)
			return
		}
	}
	b.autoSave.Disable()
	b.autoStatus.set(lang.L("Saving…"), widget.MediumImportance)
	st, actor := b.a.st, b.a.actor
	b.a.background(func(ctx context.Context) {
		err := st.SetSetting(ctx, actor, data.SettingBackupDir, dir)
		if err == nil {
			// kept beside the database too: a damaged database cannot tell where its backups are
			if werr := rememberBackupDir(b.a.host.dataDir(), dir); werr != nil {
				log.Printf("remembering the backup folder: %v", werr)
			}
		}
		var backupErr error
		var last time.Time
		if err == nil && dir != "" {
			_, backupErr = st.AutoBackup(ctx, dir, data.AutoBackupKeep)
			last, _ = st.LastAutoBackup(ctx)
		}
		fyne.Do(func() {
			b.autoSave.Enable()
			switch {
			case err != nil:
				b.autoStatus.fail(errorf("Could not save the settings", err))
			case backupErr != nil:
				b.autoStatus.fail(errorf("Saved, but the automatic backup failed", backupErr))
			case dir == "":
				b.autoStatus.ok(lang.L("Saved: the automatic backup is off."))
			default:
				b.showLast(last)
				b.autoStatus.ok(lang.L("Saved: a backup is made into this folder every day."))
			}
		})
	})
}

// restore checks the chosen backup, asks, then replaces the office's data with it (UI thread).
func (b *adminBackup) restore() {
	src := strings.TrimSpace(b.file.Text)
	if src == "" || !filepath.IsAbs(src) {
		b.restoreStatus.fail(textError("Give the full path of the backup file."))
		return
	}
	b.restoreBtn.Disable()
	b.restoreStatus.set(lang.L("Checking the backup…"), widget.MediumImportance)
	host, win, actor := b.a.host, b.a.deps.win, b.a.actor
	b.a.background(func(ctx context.Context) {
		err := data.VerifyFile(ctx, src)
		fyne.Do(func() {
			b.restoreBtn.Enable()
			if err != nil {
				b.restoreStatus.fail(errorf("This file cannot be restored", err))
				return
			}
			b.restoreStatus.clear()
			askConfirm(win, lang.L("Restore this backup?"),
				lang.L("The office's data will be replaced by the backup {{.File}}. The current database is not deleted: it is kept aside next to it, under a name ending in the date and time, so the restore can be undone. Everyone is logged out; log in again afterwards.",
					map[string]any{"File": src}),
				lang.L("Restore the backup"), func() { host.restoreBackup(actor, src) })
		})
	})
}

// restoreBackup closes the office database, puts the backup src in its place and opens it at
// the login screen (UI thread). When the restore fails the database is left as it was and opened
// again. The window's store is closed first, and the sync loop stopped and waited for: data.Restore
// takes the office's write lock and is refused while any store, this window's included, holds it.
// A backup of another office is put in place only after the administrator confirms it (opts then
// carry data.OtherOffice).
func (u *ui) restoreBackup(actor *data.User, src string, opts ...data.RestoreOption) {
	st, user := u.currentStore(), u.setUser(nil)
	syncing := u.syncOf()
	u.stopSync()
	u.leaveShell()
	u.dashboard = nil
	u.show(waiting(lang.L("Restoring the backup…")))
	path := u.dbPath()
	u.spawn(func() {
		ctx := u.ctx
		if syncing != nil {
			syncing.done.Wait() // its work on st ends before st closes
		}
		if st != nil && user != nil {
			_ = st.Logout(ctx, user) // recorded in the database that is set aside; nothing to do if it fails
		}
		u.closeStore()
		aside, err := data.RestoreAs(ctx, actor, path, src, opts...)
		openErr := u.open(ctx) // whichever database is there now: the backup, or the old one
		if ctx.Err() != nil {
			return
		}
		var other *data.OtherOfficeError
		fyne.Do(func() {
			switch {
			case errors.As(err, &other) && openErr == nil:
				askConfirm(u.win, lang.L("Restore another office's backup?"),
					lang.L("The backup {{.File}} belongs to the office {{.Backup}}, not to this office ({{.Live}}). Restore it only if this PC is to work for that office from now on. The current database is kept aside, not deleted.",
						map[string]any{"File": src, "Backup": other.Backup, "Live": other.Live}),
					lang.L("Restore it anyway"), func() { u.restoreBackup(actor, src, data.OtherOffice()) })
			case err != nil:
				u.showError(errorf("Could not restore the backup", err))
			case openErr != nil:
				u.showError(openErr)
			default:
				u.showMessage(theme.InfoIcon(), lang.L("Backup restored"),
					lang.L("The office's data now comes from {{.File}}. The previous database is kept as {{.Aside}}. Log in again.",
						map[string]any{"File": src, "Aside": aside}))
			}
		})
	})
}
