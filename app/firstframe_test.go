package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A window that never draws (no usable OpenGL) is reported once the time is up, instead of
// leaving a black window open for ever.
func TestFrameProbeReportsAWindowThatNeverDraws(t *testing.T) {
	p := newFrameProbe()
	called := make(chan struct{}, 2)
	stop := p.watch(20*time.Millisecond, func() { called <- struct{}{} })
	defer stop()
	select {
	case <-called:
	case <-time.After(5 * time.Second):
		t.Fatal("no report although nothing was drawn")
	}
}

// Painting the window once, as every working PC does at start, marks the probe drawn, and then
// nothing is reported; the probe takes one pixel and leaves the screen as it was.
func TestFrameProbeQuietOnceAFrameIsDrawn(t *testing.T) {
	test.NewTempApp(t)
	p := newFrameProbe()
	label := widget.NewLabel("Một Cửa")
	w := test.NewTempWindow(t, container.NewStack(label, p.obj))
	w.Resize(fyne.NewSize(300, 200))
	if p.drawn.Load() {
		t.Fatal("drawn before any frame was painted")
	}
	w.Canvas().Capture()
	if !p.drawn.Load() {
		t.Fatal("a painted frame did not mark the probe drawn")
	}
	called := make(chan struct{}, 1)
	stop := p.watch(20*time.Millisecond, func() { called <- struct{}{} })
	defer stop()
	select {
	case <-called:
		t.Fatal("reported although a frame was drawn")
	case <-time.After(200 * time.Millisecond):
	}
	if s := p.obj.(*fyne.Container).Objects[0].Size(); s != fyne.NewSize(1, 1) {
		t.Errorf("probe raster size %v, want 1×1", s)
	}
}

// The watch ends when the window closes first (stop), and stopping twice is harmless.
func TestFrameProbeStoppedReportsNothing(t *testing.T) {
	p := newFrameProbe()
	called := make(chan struct{}, 1)
	stop := p.watch(50*time.Millisecond, func() { called <- struct{}{} })
	stop()
	stop()
	select {
	case <-called:
		t.Fatal("reported after stop")
	case <-time.After(200 * time.Millisecond):
	}
}
