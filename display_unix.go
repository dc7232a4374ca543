//go:build linux || freebsd || openbsd || netbsd

package main

import (
	"errors"
	"os"
)

// displayProblem explains why no window can open: on these systems a window needs an X11 or a
// Wayland display, named by DISPLAY or WAYLAND_DISPLAY.
func displayProblem() error {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("không có màn hình đồ họa (DISPLAY và WAYLAND_DISPLAY đều trống): hãy chạy trong phiên làm việc có giao diện, hoặc dùng các lệnh không cần cửa sổ (motcua help)")
	}
	return nil
}
