package app

import "path/filepath"

// printDir is where printed forms are written before the system viewer opens them: a folder of
// the data folder, private to the user like the database (the forms carry citizens' personal
// data), not a shared temporary folder that another user or program may already own.
func (u *ui) printDir() string { return filepath.Join(u.opts.DataDir, "phieu-in") }
