package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// backupDirFile remembers, beside the database, the folder of the automatic daily backup. The
// folder is an office setting inside the database, and a database too damaged to open cannot
// tell where its own backups are; this file still can.
const backupDirFile = "backup-dir.txt"

// rememberBackupDir records dir (the office's automatic backup folder; "" is none) in dataDir.
// It does file I/O: call it off the UI thread, after the setting was saved.
func rememberBackupDir(dataDir, dir string) error {
	file := filepath.Join(dataDir, backupDirFile)
	if dir == "" {
		if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	if rememberedBackupDir(dataDir) == dir {
		return nil // written at every start: leave the file alone when nothing changed
	}
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, []byte(dir+"\n"), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}

// rememberedBackupDir is the folder rememberBackupDir recorded in dataDir; "" when none.
func rememberedBackupDir(dataDir string) string {
	b, err := os.ReadFile(filepath.Join(dataDir, backupDirFile))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
