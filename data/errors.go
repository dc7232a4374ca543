package data

import (
	"errors"
	"regexp"
	"strings"

	"motcua/data/vntext"
)

// Errors callers test with errors.Is; their text (Error) is Vietnamese because it reaches the
// user, and Message gives it in the language of the interface.
var (
	ErrNotFound  error = &Error{Code: "not_found", text: msgNotFound}
	ErrForbidden error = &Error{Code: "forbidden", text: msgForbidden}
	ErrNotSetUp  error = &Error{Code: "not_set_up", text: msgNotSetUp}
	ErrLocked    error = &Error{Code: "account_locked", text: msgAccountLocked}
	ErrBadLogin  error = &Error{Code: "bad_login", text: msgBadLogin}
)

// Error is a failure of the store that is not about one input: Code names it whatever the
// wording or the language (the errors above, and a case of one of them with its detail, such as
// the step that is forbidden). Error is the Vietnamese the CLI, the hub and the logs print;
// Message the same in the language of the interface.
type Error struct {
	Code string
	text text
	args []any
	of   error // the fixed error this is a case of (errors.Is finds it); nil for a fixed error
}

func (e *Error) Error() string { return e.Message("vi") }

// Message is the error in lang ("en" for English, anything else Vietnamese).
func (e *Error) Message(lang string) string {
	msg := e.text.Format(lang, e.args...)
	if e.of != nil {
		return e.of.(*Error).Message(lang) + ": " + msg
	}
	return msg
}

func (e *Error) Unwrap() error { return e.of }

// caseOf is a case of the fixed error of (one of the Err… above), with its detail m (arguments
// args): "không có quyền thực hiện thao tác này: trả kết quả".
func caseOf(of error, m text, args ...any) *Error {
	return &Error{Code: of.(*Error).Code, text: m, args: args, of: of}
}

// InputError is bad input from a person or a file: shown as is, and nothing was changed.
//
// Key says which input is at fault in words that never change with the wording or the language
// of the interface ("applicant.name", "documents[2]"): screens find the widget to mark by it.
// Field and Msg are the Vietnamese label and message (Error joins them, and the CLI and the hub
// print that); Message gives the same in the language of the interface. Every message is written
// once, in both languages, in errors_texts.go, and every label once per key in errors_keys.go.
type InputError struct {
	Key   Key    // the input at fault, stable; "" when the input as a whole is
	Field string // the field or column at fault as the user reads it (Vietnamese), when known
	Msg   string // what is wrong (Vietnamese)

	fieldEN, msgEN string // the same in English; "" where only Vietnamese is known
}

func (e *InputError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

// Message is the error in the language of the interface: "en" for English, anything else
// Vietnamese (Error). A part known only in Vietnamese (the text of an error from elsewhere, such
// as vntext's checks) stays Vietnamese rather than vanish.
func (e *InputError) Message(lang string) string {
	if lang != "en" {
		return e.Error()
	}
	field, msg := e.fieldEN, e.msgEN
	if field == "" {
		field = e.Field
	}
	if msg == "" {
		msg = e.Msg
	}
	if field == "" {
		return msg
	}
	return field + ": " + msg
}

// text is one message for users in the languages of the interface: vi and en are fmt formats
// taking the same arguments; an argument that is itself a text (a step's name) is rendered in
// the same language. It is vntext's shape (its own type only so that the tables may be written
// {vi, en}), so that every message of the store and of vntext has one.
type text vntext.Text

// In is the format for lang: "en" for English, anything else Vietnamese.
func (t text) In(lang string) string { return vntext.Text(t).In(lang) }

// Format fills t's format for lang with args (vntext.Text.Format).
func (t text) Format(lang string, args ...any) string { return vntext.Text(t).Format(lang, args...) }

// inputError is the refusal of the input key for the reason m (its arguments args).
func inputError(key Key, m text, args ...any) *InputError {
	l := labelOf(key)
	return &InputError{Key: key, Field: l.VI, Msg: m.Format("vi", args...),
		fieldEN: l.EN, msgEN: m.Format("en", args...)}
}

// keyedError refuses the input key for err, an error from elsewhere (vntext's and calendar's
// checks): its English is its Message("en") where it has one, else only its Vietnamese is known;
// nil stays nil.
func keyedError(key Key, err error) error {
	if err == nil {
		return nil
	}
	l := labelOf(key)
	ie := &InputError{Key: key, Field: l.VI, Msg: err.Error(), fieldEN: l.EN}
	var m Localized
	if errors.As(err, &m) {
		ie.msgEN = m.Message("en")
	}
	return ie
}

// InLanguage is the text of err in lang ("en" for English, anything else Vietnamese): the first
// error of its chain with a text in each language (Localized) is rendered in lang; the context
// wrapped around it (a line of an imported file…) stays as it was written. The app shows errors
// through it, and the hub logs them through it in English.
func InLanguage(err error, lang string) string {
	text := err.Error()
	var le Localized
	if lang != "vi" && errors.As(err, &le) {
		text = strings.Replace(text, le.Error(), le.Message(lang), 1)
	}
	return text
}

// CodeOf is the stable code of the first error of err's chain that has one, the same whatever
// the language: an Error's or a vntext.Error's Code, "input:" and an InputError's key,
// "transition", "in_use"; "" when there is none.
func CodeOf(err error) string {
	var le Localized
	if !errors.As(err, &le) {
		return ""
	}
	switch e := le.(type) {
	case *Error:
		return e.Code
	case *vntext.Error:
		return e.Code
	case *InputError:
		if e.Key == "" {
			return "input"
		}
		return "input:" + string(e.Key)
	case *TransitionError:
		return "transition"
	case *LockedError:
		return "in_use"
	}
	return ""
}

// Localized is an error with a text in each language of the interface (InputError, Error,
// TransitionError, vntext.Error): Message(lang) says in lang what Error says in Vietnamese. The
// app renders every error it shows through it.
type Localized interface {
	error
	Message(lang string) string
}

// indexes are the item numbers of a key: "documents[2].count" has the label of "documents.count".
var indexes = regexp.MustCompile(`\[[0-9]+\]`)

// labelOf is the label of key; a key with no label (the input as a whole) has none.
func labelOf(key Key) text {
	// a key without a label would show no field name: TestEveryInputMessageHasBothLanguages
	// checks that every key constant has one
	return labels[Key(indexes.ReplaceAllString(string(key), ""))]
}

// Reason is what is wrong, without the field's label, in the language of the interface (as
// Message): for the line under the field at fault.
func (e *InputError) Reason(lang string) string {
	if lang == "en" && e.msgEN != "" {
		return e.msgEN
	}
	return e.Msg
}

// TransitionError says why an event does not fit the dossier's current state; its code is
// "transition".
type TransitionError struct {
	Type   EventType
	Status Status
	Reason text // why, when more is known than the status (a message of errors_texts.go)
}

func (e *TransitionError) Error() string { return e.Message("vi") }

// Message is the error in lang ("en" for English, anything else Vietnamese), the step and the
// status named in it too.
func (e *TransitionError) Message(lang string) string {
	if e.Reason != (text{}) {
		return msgCannotBecause.Format(lang, e.Type.verb(), e.Reason.In(lang))
	}
	return msgCannotInStatus.Format(lang, e.Type.verb(), e.Status.name())
}
