package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// pressKey delivers a key as the desktop driver does: to the focused widget, or to the canvas's
// handler when nothing has the focus.
func pressKey(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := w.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}

// An officer picks a procedure with the keyboard alone: a few letters, Down twice, Enter.
func TestReceptionKeyboardPicksTheThirdMatch(t *testing.T) {
	r, _, w, _ := newReceptionTest(t)
	w.Canvas().Focus(r.search)
	test.Type(r.search, "khai sinh")
	r.wait()
	if len(r.matches) < 3 {
		t.Fatalf("“khai sinh” lists %d procedures, want 3 or more", len(r.matches))
	}
	want := r.matches[2].Code
	pressKey(w, fyne.KeyDown)
	pressKey(w, fyne.KeyDown)
	pressKey(w, fyne.KeyReturn)
	r.wait()
	if r.proc == nil || r.proc.Code != want {
		got := "none"
		if r.proc != nil {
			got = r.proc.Code
		}
		t.Fatalf("Down, Down, Enter chose %s, want the third match %s", got, want)
	}
	if w.Canvas().Focused() != r.name.entry {
		t.Errorf("after Enter the focus is on %T, want the applicant's name", w.Canvas().Focused())
	}
	// Up goes back, and never past the first match.
	w.Canvas().Focus(r.search)
	for range 5 {
		pressKey(w, fyne.KeyUp)
	}
	pressKey(w, fyne.KeyReturn)
	r.wait()
	if r.proc == nil || r.proc.Code != r.matches[0].Code {
		t.Errorf("Up to the top and Enter did not choose the first match")
	}
}

// Tab from the search box reaches the list of matches; there Down and Enter pick, as in the box.
func TestReceptionTabReachesTheMatches(t *testing.T) {
	r, _, w, _ := newReceptionTest(t)
	w.Canvas().Focus(r.search)
	test.Type(r.search, "khai sinh")
	r.wait()
	if len(r.matches) < 2 {
		t.Fatalf("“khai sinh” lists %d procedures, want 2 or more", len(r.matches))
	}
	test.FocusNext(w.Canvas())
	if w.Canvas().Focused() != fyne.Focusable(r.list) {
		t.Fatalf("Tab from the search box went to %T, not the list of matches", w.Canvas().Focused())
	}
	want := r.matches[1].Code
	pressKey(w, fyne.KeyDown)
	pressKey(w, fyne.KeyReturn)
	r.wait()
	if r.proc == nil || r.proc.Code != want {
		t.Fatalf("Down, Enter in the list did not choose the second match %s: %+v", want, r.proc)
	}
	if w.Canvas().Focused() != r.name.entry {
		t.Errorf("after Enter the focus is on %T, want the applicant's name", w.Canvas().Focused())
	}
}
