package app

import (
	"log"
	"sync"

	"fyne.io/fyne/v2"

	"motcua/data"
)

// autoBackupWarned holds the windows (*ui) that have shown a failed automatic backup: the error
// is shown once a session, not at every login, and logged every time.
var autoBackupWarned sync.Map

// startAutoBackup makes the automatic daily backup of st in the background when the office has a
// backup folder and none was made yet today (data.Store.AutoBackup names the file with the date
// and keeps the last data.AutoBackupKeep). Call it after a login (UI thread or not); it never
// blocks the window.
func (u *ui) startAutoBackup(st *data.Store) {
	if st == nil {
		return
	}
	u.spawn(func() {
		dir, err := st.Setting(u.ctx, data.SettingBackupDir)
		if err == nil && dir == "" {
			return
		}
		var file string
		if err == nil {
			file, err = st.AutoBackup(u.ctx, dir, data.AutoBackupKeep)
		}
		if u.ctx.Err() != nil {
			return
		}
		if err != nil && u.currentStore() != st {
			// the store was closed under it (a restore, the demo): the next login backs up
			log.Printf("automatic backup into %q stopped: the office database was closed (%v)", dir, err)
			return
		}
		if err != nil {
			log.Printf("automatic backup into %q failed: %v", dir, err)
			if _, shown := autoBackupWarned.LoadOrStore(u, true); !shown {
				fyne.Do(func() { u.showError(errorf("The automatic backup failed", err)) })
			}
			return
		}
		if file != "" {
			log.Printf("automatic backup written to %q", file)
		}
	})
}
