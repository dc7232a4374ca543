package data

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// DBFile is the database's name inside the data folder.
const DBFile = "motcua.db"

// DataDir picks the data folder: the --data flag, else MOTCUA_DATA, else the user's local data
// folder (%LOCALAPPDATA%\MotCua on Windows, $XDG_DATA_HOME/motcua or ~/.local/share/motcua on
// Linux). Local, not roaming: a SQLite file must not live on a synced network profile.
func DataDir(flag string) (string, error) {
	if flag != "" {
		return filepath.Abs(flag)
	}
	if env := os.Getenv("MOTCUA_DATA"); env != "" {
		return filepath.Abs(env)
	}
	switch runtime.GOOS {
	case "windows":
		if dir := os.Getenv("LOCALAPPDATA"); dir != "" {
			return filepath.Join(dir, "MotCua"), nil
		}
	case "darwin":
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, "Library", "Application Support", "MotCua"), nil
		}
	default:
		if dir := os.Getenv("XDG_DATA_HOME"); dir != "" {
			return filepath.Join(dir, "motcua"), nil
		}
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share", "motcua"), nil
		}
	}
	return "", errors.New("không xác định được thư mục dữ liệu: hãy dùng --data DIR hoặc biến MOTCUA_DATA")
}
