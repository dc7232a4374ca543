package main

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

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
	where := filepath.Join(dataDir, logFile) // where the details are, as the messages say
	if ferr != nil {
		where = "stderr"
	}
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
	err = gui.Run(gui.Options{DataDir: dataDir, Version: version, BuildDate: buildDate, LogFile: logPath,
		NoFrame: noFrame(where, frameTimeout, os.Exit)})
	if errors.Is(err, gui.ErrNoWindow) {
		log.Printf("the window did not open: %v", err)
		return errors.New(noOpenGL)
	}
	if err != nil {
		log.Printf("the app stopped: %v", err)
	}
	return err
}

// noOpenGL is what the user reads when the window cannot draw (docs/ADMIN.md, "Máy trạm không có
// OpenGL", says what the administrator does about it).
const noOpenGL = "không mở được cửa sổ: máy không có trình điều khiển đồ họa OpenGL phù hợp (thường gặp khi điều khiển từ xa, trên máy ảo hoặc máy cũ); hãy cài trình điều khiển card màn hình, hoặc đặt opengl32.dll của Mesa cạnh motcua.exe (xem tài liệu quản trị)"

// frameTimeout is how long the window may stay undrawn before the program gives up on OpenGL.
// A working PC draws its first frame in a second or two; the user is told well before half a
// minute, before thinking the PC froze.
const frameTimeout = 15 * time.Second

// noFrame is called when the window has drawn nothing for timeout: the driver accepted the
// window but cannot draw into it (an X server without GLX under Wine, some remote sessions),
// and Fyne would wait for ever on a black window. It logs why, tells the user as a failed
// start does (stderr and, on Windows, a message box), then ends the program through exit: the
// UI thread may be stuck inside the driver, so returning from Run is not an option.
func noFrame(where string, timeout time.Duration, exit func(int)) func() {
	return func() {
		log.Printf("no frame was drawn %s after the window was created: the OpenGL driver is missing or unusable; giving up", timeout)
		msg := noOpenGL + " — chi tiết trong " + where
		fmt.Fprintln(os.Stderr, "motcua:", msg)
		alert("Một Cửa", msg)
		exit(1)
	}
}

// oneLine keeps the first line of a message (the terminal shows one line, the log the rest).
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
