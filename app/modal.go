package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The modal boxes of the screens. They stand in for Fyne's dialog package, which needs a module
// (github.com/FyshOS/fancyfs) that the module proxy does not serve.

// modal is a box over the window with a title, a body and buttons on the right of its last row.
type modal struct {
	pop *widget.PopUp
	msg *widget.Label // a validation message shown above the buttons; empty hides it
	// cancel is pressed by Escape, confirm by Enter; nil: the key does nothing (a box whose two
	// actions are equally likely, or whose action cannot be undone, has no confirm).
	cancel, confirm *widget.Button
	open            bool
}

// newModal builds (but does not show) a modal box; its buttons close it themselves when they
// should. width is the minimum width of the body (0: as wide as the body wants). The first of
// two or more buttons is Cancel (Escape presses it); the second of exactly two is the box's one
// action (Enter presses it), see modalKeys.
func newModal(win fyne.Window, icon fyne.Resource, title string, body fyne.CanvasObject, width float32, buttons ...*widget.Button) *modal {
	m := &modal{msg: widget.NewLabel("")}
	if len(buttons) >= 2 {
		m.cancel = buttons[0]
	}
	if len(buttons) == 2 {
		m.confirm = buttons[1]
	}
	m.msg.Importance = widget.DangerImportance
	m.msg.Wrapping = fyne.TextWrapWord
	m.msg.Hide()
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head := []fyne.CanvasObject{heading}
	if icon != nil {
		head = append([]fyne.CanvasObject{widget.NewIcon(icon)}, head...)
	}
	row := []fyne.CanvasObject{layout.NewSpacer()}
	for _, b := range buttons {
		row = append(row, boxWidget(b))
	}
	useBoxWidgets(body)
	var sized fyne.CanvasObject = body
	if width > 0 {
		sized = container.NewStack(strut(width), body)
	}
	content := container.NewBorder(container.NewHBox(head...),
		container.NewVBox(m.msg, container.NewHBox(row...)), nil, nil, sized)
	m.pop = widget.NewModalPopUp(container.NewPadded(content), win.Canvas())
	return m
}

// show shows the box; Escape and Enter go to it while it is open.
func (m *modal) show() {
	if !m.open {
		m.open = true
		openModal(m.pop.Canvas, m)
	}
	m.pop.Show()
}

// hide closes the box.
func (m *modal) hide() {
	m.pop.Hide()
	if m.open {
		m.open = false
		closeModal(m.pop.Canvas, m)
	}
}

// typedKey presses the box's button for Escape or Enter and reports whether the key was one of
// them (a disabled button stays unpressed, but the key is still the box's).
func (m *modal) typedKey(ev *fyne.KeyEvent) bool {
	var b *widget.Button
	switch {
	case ev.Name == fyne.KeyEscape:
		b = m.cancel
	case isEnter(ev):
		b = m.confirm
	default:
		return false
	}
	if b != nil && !b.Disabled() && b.OnTapped != nil {
		b.OnTapped()
	}
	return true
}

// fail shows text above the buttons and keeps the box open (a reason left empty, say).
func (m *modal) fail(text string) {
	m.msg.SetText(text)
	if text == "" {
		m.msg.Hide()
	} else {
		m.msg.Show()
	}
	m.fit()
}

// fit lays the box out again around what it holds now (taller or shorter): a message or a field's "Bắt buộc" makes
// it taller, and Fyne keeps an open pop-up at the size it had when shown, drawing the buttons
// below its edge.
func (m *modal) fit() {
	if !m.pop.Visible() {
		return
	}
	size := m.pop.MinSize()
	if c := m.pop.Canvas.Size(); !c.IsZero() {
		size = size.Min(c)
	}
	if size != m.pop.Size() {
		m.pop.Resize(size)
		if c := m.pop.Canvas.Size(); !c.IsZero() {
			m.pop.Move(fyne.NewPos((c.Width-size.Width)/2, (c.Height-size.Height)/2))
		}
	}
	m.pop.Refresh()
}

// askConfirm asks a yes/no question; onYes runs on the UI thread when the user confirms.
func askConfirm(win fyne.Window, title, text, yes string, onYes func()) *modal {
	var m *modal
	no := newBoxButton(lang.L("Cancel"), nil, func() { m.hide() })
	ok := newBoxButton(yes, nil, func() { m.hide(); onYes() })
	ok.Importance = widget.HighImportance
	body := widget.NewLabel(wrapText(text, messageWidth, theme.TextSize(), fyne.TextStyle{}))
	m = newModal(win, theme.QuestionIcon(), title, body, 0, no, ok)
	m.confirm = nil // Enter alone must not confirm something irreversible
	m.show()
	return m
}

// askForm shows a form (e.g. a widget.Form without its own buttons) with Cancel and a confirm
// button. onConfirm runs on the UI thread; it returns "" to close the box or a message to show
// and keep the box open with everything typed.
func askForm(win fyne.Window, title string, body fyne.CanvasObject, confirm string, onConfirm func() string) *modal {
	var m *modal
	cancel := newBoxButton(lang.L("Cancel"), nil, func() { m.hide() })
	ok := newBoxButton(confirm, nil, func() {
		if msg := onConfirm(); msg != "" {
			m.fail(msg)
			return
		}
		m.hide()
	})
	ok.Importance = widget.HighImportance
	m = newModal(win, nil, title, body, 520, cancel, ok)
	m.show()
	return m
}

// defaultButton is the button of a message box: Enter and Escape press it as well as Space
// (Fyne's button only takes Space), so the officer who reads "Đã tiếp nhận" goes on with one key.
type defaultButton struct {
	widget.Button
}

func newDefaultButton(label string, tapped func()) *defaultButton {
	b := &defaultButton{}
	b.Text = label
	b.OnTapped = tapped
	b.Importance = widget.HighImportance
	b.ExtendBaseWidget(b)
	return b
}

// Escape closes a message box as OK does: it has nothing to cancel.
// showMessageBox shows pop, a message box whose one button is ok: Escape and Enter press ok
// wherever the focus is (a click on the text takes it off the button).
func showMessageBox(pop *widget.PopUp, ok *defaultButton) {
	m := &modal{pop: pop, cancel: &ok.Button, confirm: &ok.Button, open: true}
	openModal(pop.Canvas, m)
	pop.Show()
	pop.Canvas.Focus(ok)
}

func (b *defaultButton) TypedKey(ev *fyne.KeyEvent) {
	if isEnter(ev) || ev.Name == fyne.KeyEscape {
		b.Tapped(nil)
		return
	}
	b.Button.TypedKey(ev)
}
