package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// rcField is a text entry with its message shown in place, under it.
type rcField struct {
	entry *widget.Entry
	msg   *widget.Label
	check func(string) error
	box   *fyne.Container
	// onShow runs after the message under the entry changed (the form's banner follows it).
	onShow func()
}

func newRCField(placeholder string, check func(string) error) *rcField {
	f := &rcField{entry: widget.NewEntry(), msg: widget.NewLabel(""), check: check}
	f.entry.SetPlaceHolder(placeholder)
	f.msg.Importance = widget.DangerImportance
	f.msg.Wrapping = fyne.TextWrapWord
	f.msg.Hide()
	f.box = container.NewVBox(f.entry, f.msg)
	// once an error shows, it goes away as soon as the text is right
	f.entry.OnChanged = func(string) {
		if f.msg.Visible() {
			f.validate()
		}
	}
	return f
}

// validate checks the text and shows the outcome in place (UI thread).
func (f *rcField) validate() error {
	var err error
	if f.check != nil {
		err = f.check(f.entry.Text)
	}
	f.show(err)
	return err
}

// show puts err (nil: nothing) under the entry.
func (f *rcField) show(err error) {
	if err == nil {
		f.msg.SetText("")
		f.msg.Hide()
	} else {
		f.msg.SetText(message(err))
		f.msg.Show()
	}
	if f.onShow != nil {
		f.onShow()
	}
}

// reset empties the entry and its message.
func (f *rcField) reset() {
	f.entry.SetText("")
	f.show(nil)
}
