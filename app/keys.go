package app

import (
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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

// box is the open modal box on the entry's canvas, or nil.
func (e *keyEntry) box() *modal { return boxOf(e) }

// boxOf is the open modal box on o's canvas, or nil; a widget that has the keys while a box is
// open is in it (the box takes the focus of what is behind).
func boxOf(o fyne.CanvasObject) *modal {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	c := app.Driver().CanvasForObject(o)
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

// The buttons, checks and selects of a modal box pass Escape to the box, which cancels, as a
// keyEntry does: Fyne gives a key to the focused widget alone, and its own button, check and
// select drop Escape, so the box stayed open while one of them had the focus (reached with Tab).
// Enter stays theirs: on a focused Cancel it must not confirm.
//
// A screen builds them with newBoxButton, newBoxCheck and newBoxSelect, which return Fyne's own
// types, so the screen keeps its *widget.Button fields; newModal then draws the box's type in
// their place (boxWidget). Both are the same widget: the box's type embeds Fyne's, and the
// pointer the screen holds points into it, so what the screen changes (Disable, SetSelected) is
// what is drawn.

type keyButton struct{ widget.Button }

func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	if !escapeToBox(b, ev) {
		b.Button.TypedKey(ev)
	}
}

type keyCheck struct{ widget.Check }

func (c *keyCheck) TypedKey(ev *fyne.KeyEvent) {
	if !escapeToBox(c, ev) {
		c.Check.TypedKey(ev)
	}
}

type keySelect struct{ widget.Select }

func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	if !escapeToBox(s, ev) {
		s.Select.TypedKey(ev)
	}
}

// escapeToBox gives Escape typed on o to the open box o is in and reports whether it did.
func escapeToBox(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyEscape {
		return false
	}
	m := boxOf(o)
	if m == nil {
		return false
	}
	return m.typedKey(ev)
}

// boxWidgets maps the Fyne widget a newBox… constructor returned to the box's type drawn in its
// place; newModal takes the entries it draws off.
var (
	boxWidgetsMu sync.Mutex
	boxWidgets   = map[fyne.CanvasObject]fyne.CanvasObject{}
)

func rememberBoxWidget(inner, outer fyne.CanvasObject) {
	boxWidgetsMu.Lock()
	boxWidgets[inner] = outer
	boxWidgetsMu.Unlock()
}

// boxWidget is what to draw for o in a box: the box's type for a widget of newBox…, else o.
func boxWidget(o fyne.CanvasObject) fyne.CanvasObject {
	boxWidgetsMu.Lock()
	defer boxWidgetsMu.Unlock()
	if outer, ok := boxWidgets[o]; ok {
		delete(boxWidgets, o)
		return outer
	}
	return o
}

// useBoxWidgets puts the box's types in place of the newBox… widgets in the containers and forms
// of o, before it is first drawn.
func useBoxWidgets(o fyne.CanvasObject) {
	switch v := o.(type) {
	case *fyne.Container:
		for i, x := range v.Objects {
			v.Objects[i] = boxWidget(x)
			useBoxWidgets(v.Objects[i])
		}
	case *widget.Form:
		for _, item := range v.Items {
			item.Widget = boxWidget(item.Widget)
			useBoxWidgets(item.Widget)
		}
	case *container.Scroll:
		v.Content = boxWidget(v.Content)
		useBoxWidgets(v.Content)
	case *container.ThemeOverride: // a boxRadio's items
		v.Content = boxWidget(v.Content)
		useBoxWidgets(v.Content)
	}
}

// newBoxButton is a button of a modal box (see keyButton).
func newBoxButton(label string, icon fyne.Resource, tapped func()) *widget.Button {
	b := &keyButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	rememberBoxWidget(&b.Button, b)
	return &b.Button
}

// newBoxCheck is a check of a modal box (see keyButton).
func newBoxCheck(label string, changed func(bool)) *widget.Check {
	c := &keyCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	rememberBoxWidget(&c.Check, c)
	return &c.Check
}

// newBoxSelect is a select of a modal box (see keyButton).
func newBoxSelect(options []string, changed func(string)) *widget.Select {
	s := &keySelect{}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = widget.NewSelect(nil, nil).PlaceHolder // Fyne's default, not exported
	s.ExtendBaseWidget(s)
	rememberBoxWidget(&s.Select, s)
	return &s.Select
}

// boxRadio is a radio group of a modal box. Fyne's radio items are internal to its RadioGroup and
// drop Escape, and no handler of the window sees a key before the focused widget (Fyne v2.8:
// the canvas's key handlers run only when nothing has the focus), so the box stayed open while
// a radio item had the focus. Its items are the box's checks (newBoxCheck), which pass Escape
// on, drawn with the radio icons and kept exclusive as a radio group's.
type boxRadio struct {
	Options  []string
	Selected string
	// Required keeps one option chosen once one is: unticking the chosen one is refused.
	Required  bool
	OnChanged func(string)

	checks  []*widget.Check
	content fyne.CanvasObject
	syncing bool // the group is ticking and unticking its own checks
}

// newBoxRadio lists options in a column, or in a row when horizontal.
func newBoxRadio(options []string, horizontal bool, changed func(string)) *boxRadio {
	r := &boxRadio{Options: options, OnChanged: changed}
	items := container.NewVBox()
	if horizontal {
		items = container.NewHBox()
	}
	for _, o := range options {
		c := newBoxCheck(o, func(on bool) { r.toggled(o, on) })
		r.checks = append(r.checks, c)
		items.Add(c)
	}
	r.content = container.NewThemeOverride(items, radioLook{fyne.CurrentApp().Settings().Theme()})
	return r
}

// SetSelected chooses option o ("" for none), as a click on it does.
func (r *boxRadio) SetSelected(o string) {
	if o == r.Selected {
		return
	}
	r.Selected = o
	r.syncing = true
	for i, c := range r.checks {
		c.SetChecked(r.Options[i] == o)
	}
	r.syncing = false
	if r.OnChanged != nil {
		r.OnChanged(o)
	}
}

// toggled follows a click (or Space) on the item of option o.
func (r *boxRadio) toggled(o string, on bool) {
	if r.syncing {
		return
	}
	switch {
	case on:
		r.SetSelected(o)
	case r.Required && o == r.Selected:
		r.syncing = true
		r.checks[slices.Index(r.Options, o)].SetChecked(true)
		r.syncing = false
	case o == r.Selected:
		r.SetSelected("")
	}
}

// radioLook draws checks as radio items: the theme's check icons are its radio icons.
type radioLook struct{ fyne.Theme }

func (t radioLook) Icon(n fyne.ThemeIconName) fyne.Resource {
	switch n {
	case theme.IconNameCheckButton:
		n = theme.IconNameRadioButton
	case theme.IconNameCheckButtonChecked:
		n = theme.IconNameRadioButtonChecked
	case theme.IconNameCheckButtonFill:
		n = theme.IconNameRadioButtonFill
	}
	return t.Theme.Icon(n)
}
