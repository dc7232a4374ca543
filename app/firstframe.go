package app

import (
	"image"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// frameProbe tells whether the window has drawn a frame. Where the graphics driver cannot give
// OpenGL (an X server without GLX, some remote or virtual sessions) the window may never draw
// and never fail either: Fyne waits forever on a black window. The probe is a 1×1 transparent
// raster whose pixels are asked for only when a frame is painted, so its first call proves the
// painting works (docs/ADMIN.md, "Máy trạm không có OpenGL").
type frameProbe struct {
	drawn atomic.Bool
	obj   fyne.CanvasObject
}

func newFrameProbe() *frameProbe {
	p := &frameProbe{}
	r := canvas.NewRaster(func(w, h int) image.Image {
		p.drawn.Store(true)
		return image.NewNRGBA(image.Rect(0, 0, 1, 1)) // transparent
	})
	r.Resize(fyne.NewSize(1, 1))
	// No layout: the probe keeps its 1×1 size in the corner whatever the window's size.
	p.obj = container.NewWithoutLayout(r)
	return p
}

// watch calls onMissing once when no frame has been drawn timeout after the call; stop ends
// the watch (the window closed first).
func (p *frameProbe) watch(timeout time.Duration, onMissing func()) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTimer(timeout)
		defer t.Stop()
		select {
		case <-t.C:
			if !p.drawn.Load() {
				onMissing()
			}
		case <-done:
		}
	}()
	var once atomic.Bool
	return func() {
		if once.CompareAndSwap(false, true) {
			close(done)
		}
	}
}
