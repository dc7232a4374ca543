package app

import (
	"path/filepath"
	"strings"

	"motcua/data"
)

// printDir is where printed forms, reports and exports are written: the folder the office set in
// Administration (data.SettingPrintDir), else the folder "phieu-in" of the data folder, private
// to the user like the database (the forms carry citizens' personal data), not a shared
// temporary folder that another user or program may already own, and found again beside the
// data whatever --data says (docs/HUONG-DAN.md §8).
func (u *ui) printDir() string {
	if st := u.currentStore(); st != nil {
		if dir, err := st.Setting(u.ctx, data.SettingPrintDir); err == nil && strings.TrimSpace(dir) != "" {
			return strings.TrimSpace(dir)
		}
	}
	return filepath.Join(u.opts.DataDir, "phieu-in")
}

// printFolder is dir when a screen was given one (tests), else the folder set now (printDir),
// read at each print: a folder changed in Administration applies to the screens already open.
// Safe off the UI thread.
func (u *ui) printFolder(dir string) string {
	if dir != "" {
		return dir
	}
	return u.printDir()
}
