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

func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(ev) {
		return
	}
	e.Entry.TypedKey(ev)
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
