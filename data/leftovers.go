package data

import (
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// A process killed while it built a demo office, restored or backed up leaves its temporary file
// in the data folder (one per run, as large as the database). Open, once it holds the write lock,
// removes them: every process that makes one of the database's own temporary files (a restore,
// a demo build, the copy before an upgrade) holds that lock while it does, so none of them is
// still at work. Other temporary files of ours (a backup or a report written into the data
// folder by a reader, which takes no lock) are removed only when they are old enough that no
// live process can still be writing them.

// leftoverAge is how old a temporary file not made under the write lock must be to be removed.
const leftoverAge = 6 * time.Hour

// leftoverPatterns are our temporary files beside the database dbPath (os.CreateTemp puts
// decimal digits in place of its *): the restore's .motcua.db.N.tmp (tempPath), the demo's
// .motcua.db.N.demo (demo.Build), the pre-upgrade copy's .motcua.db.before-vV-STAMP.db.N.tmp,
// each with what SQLite keeps beside a database.
func leftoverPatterns(dbPath string) (locked, other *regexp.Regexp) {
	base := regexp.QuoteMeta(filepath.Base(dbPath))
	sidecar := `(-wal|-shm|-journal|\.lock)?$`
	locked = regexp.MustCompile(`^\.` + base + `(\.before-v\d+-\d{8}-\d{6}\.db)?\.\d+\.(tmp|demo)` + sidecar)
	other = regexp.MustCompile(`^\..+\.\d+\.tmp` + sidecar)
	return locked, other
}

// removeLeftovers removes what killed processes left beside dbPath (the caller holds its write
// lock). It is tidying: a file it cannot remove stays until the next start.
func removeLeftovers(dbPath string) {
	dir := filepath.Dir(dbPath)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	locked, other := leftoverPatterns(dbPath)
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		name := e.Name()
		switch {
		case locked.MatchString(name):
		case other.MatchString(name):
			info, err := e.Info()
			if err != nil || time.Since(info.ModTime()) < leftoverAge {
				continue
			}
		default:
			continue
		}
		_ = os.Remove(filepath.Join(dir, name))
	}
}
