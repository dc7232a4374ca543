package app

import (
	"fmt"

	"motcua/data"
)

// The recovery screen of a damaged database in the pictures, with what quick_check reports and
// an automatic backup folder on drive D: as offices set it.
func init() {
	shellShots = append(shellShots, shellShot{file: "recover.png", user: "admin", show: func(u *ui) error {
		if u.dbPath() == "" {
			return fmt.Errorf("no database")
		}
		u.show(u.recoverScreen(recovery{
			problem: &data.CorruptError{Detail: "*** in database main ***\nTree 30 page 30: btreeInitPage() returns error code 11"},
			dir:     `D:\SaoLuu`,
			latest:  `D:\SaoLuu\motcua-auto-2026-03-11.db`,
		}))
		return nil
	}})
}
