package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// uiError is a failure with a short explanation for the user. The explanation is a translation
// key, looked up on the UI thread when shown (background goroutines never call lang).
type uiError struct {
	key string // what failed, e.g. "Could not open the office database"
	err error  // why; rendered in the interface's language (data.InLanguage)
}

func (e *uiError) Error() string { return e.key + ": " + e.err.Error() }
func (e *uiError) Unwrap() error { return e.err }

// errorf wraps err with an explanation key; nil stays nil.
func errorf(key string, err error) error {
	if err == nil {
		return nil
	}
	return &uiError{key: key, err: err}
}

// textError is an error whose text is a translation key.
type textError string

func (e textError) Error() string { return string(e) }

// message is the text shown to the user for err (UI thread).
func message(err error) string {
	var ue *uiError
	if errors.As(err, &ue) {
		return fmt.Sprintf("%s.\n%s", lang.L(ue.key), upperFirst(message(ue.err)))
	}
	if te, ok := err.(textError); ok {
		return lang.L(string(te))
	}
	// every error of data and vntext with a text in each language (refused input, the fixed
	// errors, a step that does not fit, vntext's checks) is rendered in the interface's
	return upperFirst(data.InLanguage(err, currentLanguage()))
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// showError shows err in a dialog over the window (UI thread).
func (u *ui) showError(err error) {
	u.showMessage(theme.ErrorIcon(), lang.L("Error"), message(err))
}

// messageWidth is the width of the text in a message box.
const messageWidth = 460

// showMessage shows a modal message box with an OK button (UI thread). It stands in for Fyne's
// dialog package, which needs a module (github.com/FyshOS/fancyfs) this build does not have.
func (u *ui) showMessage(icon fyne.Resource, title, text string) *widget.PopUp {
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(wrapText(text, messageWidth, theme.TextSize(), fyne.TextStyle{}))
	var pop *widget.PopUp
	ok := newDefaultButton(lang.L("OK"), func() { pop.Hide() })
	content := container.NewVBox(
		container.NewHBox(widget.NewIcon(icon), heading),
		body,
		container.NewHBox(layout.NewSpacer(), ok),
	)
	pop = widget.NewModalPopUp(container.NewPadded(content), u.win.Canvas())
	showMessageBox(pop, ok) // Space, Enter or Escape closes it
	return pop
}

// wrapText breaks text into lines no wider than width, between words where it can.
func wrapText(text string, width, size float32, style fyne.TextStyle) string {
	fits := func(s string) bool { return fyne.MeasureText(s, size, style).Width <= width }
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			next := word
			if line != "" {
				next = line + " " + word
			}
			if fits(next) {
				line = next
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			// a word longer than the line (a path) is cut where it must be
			line = ""
			for _, r := range word {
				if line != "" && !fits(line+string(r)) {
					out = append(out, line)
					line = ""
				}
				line += string(r)
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
