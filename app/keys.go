package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is an entry that lets its screen act on keys the entry itself has no use for (Up and
// Down to steer a list of matches, Escape to close a box): Fyne gives a key to the focused
// widget only, so a plain entry swallows them. onKey reports whether it used the key; keys it
// leaves go to the entry as usual.
type keyEntry struct {
	widget.Entry
	onKey func(*fyne.KeyEvent) bool
}

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey gives the key to onKey, then to the open box the entry is in (Escape cancels it;
// Enter confirms it from a one-line entry that has no submit of its own: in a reason box Enter
// is a new line), then to the entry.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(ev) {
		return
	}
	if m := e.box(); m != nil && (ev.Name == fyne.KeyEscape || (isEnter(ev) && !e.MultiLine && e.OnSubmitted == nil)) {
		m.typedKey(ev)
		return
	}
	e.Entry.TypedKey(ev)
}

// box is the open modal box on the entry's canvas, or nil; an entry that has the keys while a
// box is open is in it (the box takes the focus of what is behind).
func (e *keyEntry) box() *modal {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	c := app.Driver().CanvasForObject(e)
	if c == nil {
		return nil
	}
	return topModal(c)
}

// newKeyMultiLineEntry is a keyEntry for a reason or a note: Enter is a new line in it.
func newKeyMultiLineEntry() *keyEntry {
	e := newKeyEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// isEnter is the main Enter key or the keypad's.
func isEnter(ev *fyne.KeyEvent) bool {
	return ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter
}

// enterList is a list that Enter picks from as Space does (Fyne's list takes only Space), so a
// list reached with Tab works like the rest of the form; onEnter then moves on (to the next field).
type enterList struct {
	widget.List
	onEnter func()
}

func newEnterList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *enterList {
	l := &enterList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *enterList) TypedKey(ev *fyne.KeyEvent) {
	if isEnter(ev) {
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		if l.onEnter != nil {
			l.onEnter()
		}
		return
	}
	l.List.TypedKey(ev)
}

// The keys of the open modal boxes. Fyne gives a key to the focused widget, or to the canvas's
// OnTypedKey when nothing has the focus. While a box is open the canvas's handler is replaced by
// one that gives Escape and Enter to the top box (the shell's handler would act behind it), and
// a keyEntry in the box passes them on too; the handler before is put back when the last box
// closes. A focused button, check or select keeps its keys (Space presses it).
var modalsOpen = map[fyne.Canvas]*modalStack{}

type modalStack struct {
	boxes  []*modal
	before func(*fyne.KeyEvent)
}

// openModal puts m on top of c's open boxes (UI thread).
func openModal(c fyne.Canvas, m *modal) {
	st := modalsOpen[c]
	if st == nil {
		st = &modalStack{before: c.OnTypedKey()}
		modalsOpen[c] = st
		c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
			if top := topModal(c); top != nil {
				top.typedKey(ev)
			} else if st.before != nil {
				st.before(ev) // the last box was closed without closeModal
			}
		})
	}
	st.boxes = append(st.boxes, m)
}

// closeModal takes m off c's open boxes, in whatever order they close (UI thread).
func closeModal(c fyne.Canvas, m *modal) {
	st := modalsOpen[c]
	if st == nil {
		return
	}
	for i, x := range st.boxes {
		if x == m {
			st.boxes = append(st.boxes[:i], st.boxes[i+1:]...)
			break
		}
	}
	if len(st.boxes) == 0 {
		delete(modalsOpen, c)
		c.SetOnTypedKey(st.before)
	}
}

// topModal is the box opened last on c and still shown, or nil. A box hidden by its own
// button (a message box's OK hides its pop-up) is dropped here.
func topModal(c fyne.Canvas) *modal {
	for {
		st := modalsOpen[c]
		if st == nil || len(st.boxes) == 0 {
			return nil
		}
		top := st.boxes[len(st.boxes)-1]
		if top.pop.Visible() {
			return top
		}
		top.open = false
		closeModal(c, top)
	}
}
