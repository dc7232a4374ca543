package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// An office's database holds citizens' names, ID numbers and phones: it, its -wal and -shm, its
// backups and the documents exported from it are readable by their owner only (0600), as the
// data folder is (0700). SQLite creates a database with mode 0644 (less the umask) and gives its
// -wal, -shm and journal the mode of the database file, so the file is made 0600 before SQLite
// opens it, and one made by an older version is narrowed at its next open. On Windows the mode
// only sets the read-only bit, which 0600 leaves off.

// ownerOnly creates path (empty: SQLite makes an empty file a new database) or narrows it and
// its -wal and -shm to owner-only.
func ownerOnly(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		err := os.Chmod(p, 0o600)
		if err != nil && !errors.Is(err, fs.ErrNotExist) && p == path {
			return err
		}
	}
	return nil
}

// writeOwnerOnly replaces path with text, readable by its owner only, whole or not at all.
func writeOwnerOnly(path, text string) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp") // created 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.WriteString(text)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}
