//go:build linux || freebsd || openbsd || netbsd

package main

import (
	"errors"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// quietDesktop prepares what the graphics libraries look for on a bare X session (a fresh
// install, a test machine, xvfb) so that they print no alarming line a newcomer takes for a
// failure. It returns what to do when the window has closed.
//
//   - XDG_RUNTIME_DIR unset: the Wayland client library, asked by GLFW whether a Wayland display
//     exists, prints "error: XDG_RUNTIME_DIR is invalid or not set" to the terminal. The program
//     gives it a private (0700) folder of the temporary folder, the same at every start (a
//     program that is killed leaves nothing new behind).
//   - no D-Bus session bus: Fyne asks the desktop for its light/dark setting through D-Bus, the
//     D-Bus library tries to start one with dbus-launch, and Fyne logs "failed to watch theme
//     settings … dbus-launch not found". Nothing else needs the bus; the log says so first.
func quietDesktop() (done func()) {
	done = func() {}
	if os.Getenv("XDG_RUNTIME_DIR") == "" {
		if dir := privateRuntimeDir(); dir != "" {
			os.Setenv("XDG_RUNTIME_DIR", dir)
			done = func() { os.Unsetenv("XDG_RUNTIME_DIR") }
		}
	}
	if !sessionBus() {
		log.Print("no D-Bus session bus (usual on a bare X session): the window keeps its own light theme; a \"dbus-launch\" error from Fyne below is harmless")
	}
	return done
}

// sessionBus reports whether a D-Bus session bus can be found the way the D-Bus library looks
// for one before it falls back to starting one with dbus-launch.
func sessionBus() bool {
	if a := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return true
	}
	run := filepath.Join("/run/user", strconv.Itoa(os.Getuid()))
	for _, name := range []string{"bus", "dbus-session"} {
		if _, err := os.Stat(filepath.Join(run, name)); err == nil {
			return true
		}
	}
	return false
}

// privateRuntimeDir is the user's own motcua-runtime-UID folder of the temporary folder, created
// 0700; "" when it exists but is not a private folder of this user (someone else made it first),
// then nothing is set and the harmless line is printed as before.
func privateRuntimeDir() string {
	dir := filepath.Join(os.TempDir(), "motcua-runtime-"+strconv.Itoa(os.Getuid()))
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return ""
	}
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		return ""
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); !ok || int(st.Uid) != os.Getuid() {
		return ""
	}
	return dir
}
