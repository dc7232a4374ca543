package main

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"

	gui "motcua/app"
)

// logFile is the start-up and error log inside the data folder. It is the first place an IT
// person looks when the window does not open.
const logFile = "motcua.log"

// maxLog is the size past which the log is moved aside to motcua.log.1 at start.
const maxLog = 1 << 20

// openLog opens the log of the data folder for appending, keeping one older file.
func openLog(dataDir string) (*os.File, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(dataDir, logFile)
	if fi, err := os.Stat(path); err == nil && fi.Size() > maxLog {
		_ = os.Rename(path, path+".1") // a log that cannot be rotated is still appended to
	}
	return os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
}

// startGUI opens the window. Everything Fyne and the app log goes to the data folder's log. When the window cannot open (no display, no OpenGL driver) it returns an error
// whose text says what to do; the details are in the log.
func startGUI(dataDir, version, buildDate string) (err error) {
	f, ferr := openLog(dataDir)
	// With a log file, stderr gets only the final one-line message (main prints it).
	var logOut io.Writer = os.Stderr
	if ferr == nil {
		defer f.Close()
		logOut = f
	}
	log.SetOutput(logOut)
	log.Printf("motcua %s (%s) starting, data folder %s", version, buildDate, dataDir)
	defer func() {
		if r := recover(); r != nil {
			log.Printf("the window failed: %v", r)
			err = fmt.Errorf("không mở được cửa sổ (%v)", r)
		}
		if err != nil {
			where := filepath.Join(dataDir, logFile)
			if ferr != nil {
				where = "stderr"
			}
			err = fmt.Errorf("%w — chi tiết trong %s", err, where)
		}
	}()
	if err := displayProblem(); err != nil {
		log.Printf("no display: %v", err)
		return err
	}
	defer quietDesktop()()
	logPath := ""
	if ferr == nil {
		logPath = f.Name()
	}
	err = gui.Run(gui.Options{DataDir: dataDir, Version: version, BuildDate: buildDate, LogFile: logPath})
	if errors.Is(err, gui.ErrNoWindow) {
		log.Printf("the window did not open: %v", err)
		return errors.New("không mở được cửa sổ: máy không có trình điều khiển đồ họa OpenGL phù hợp (thường gặp khi điều khiển từ xa hoặc trên máy cũ); hãy cài trình điều khiển card màn hình hoặc chạy trực tiếp trên máy")
	}
	if err != nil {
		log.Printf("the app stopped: %v", err)
	}
	return err
}

// oneLine keeps the first line of a message (the terminal shows one line, the log the rest).
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
