package app

import (
	"errors"

	"fyne.io/fyne/v2/widget"
)

// The administration screen in the pictures: the users of the demo office (a receptionist
// selected), the office tab and the backup tab.
func init() {
	shellShots = append(shellShots,
		adminShot("admin.png", adminTabUsers, func(a *adminScreen) {
			for i, x := range a.users.rows {
				if x.Username == "tiepnhan1" {
					a.users.table.Select(widget.TableCellID{Row: i, Col: 1})
				}
			}
		}),
		adminShot("admin-office.png", adminTabOffice, nil),
		adminShot("admin-backup.png", adminTabBackup, nil),
	)
}

// adminShot shows tab of the administration screen to the demo administrator. The screen reads
// the store in line here: the test driver runs fyne.Do on the calling goroutine, so background
// loads would draw text while the picture's goroutine does too.
func adminShot(file string, tab int, then func(a *adminScreen)) shellShot {
	return shellShot{file: file, user: "admin", show: func(u *ui) error {
		spawn := u.work.start
		u.work.start = inline
		defer func() { u.work.start = spawn }()
		a := u.adminScreenOf()
		if a == nil {
			return errors.New("no administration screen")
		}
		a.tabs.SelectIndex(tab)
		if then != nil {
			then(a)
		}
		return nil
	}}
}
