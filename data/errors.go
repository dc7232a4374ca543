package data

import (
	"errors"
	"fmt"
	"regexp"
)

// Errors callers test with errors.Is; their text is Vietnamese because it reaches the user.
var (
	ErrNotFound  = errors.New("không tìm thấy")
	ErrForbidden = errors.New("không có quyền thực hiện thao tác này")
	ErrNotSetUp  = errors.New("cơ sở dữ liệu chưa được thiết lập văn phòng")
	ErrLocked    = errors.New("tài khoản đang bị khóa tạm thời")
	ErrBadLogin  = errors.New("sai tên đăng nhập hoặc mật khẩu")
)

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
// taking the same arguments.
type text struct{ vi, en string }

// inputError is the refusal of the input key for the reason m (its arguments args).
func inputError(key Key, m text, args ...any) *InputError {
	l := labelOf(key)
	return &InputError{Key: key, Field: l.vi, Msg: fmt.Sprintf(m.vi, args...),
		fieldEN: l.en, msgEN: fmt.Sprintf(m.en, args...)}
}

// keyedError refuses the input key for err, an error from elsewhere whose text is Vietnamese only
// (vntext's and calendar's checks); nil stays nil.
func keyedError(key Key, err error) error {
	if err == nil {
		return nil
	}
	l := labelOf(key)
	return &InputError{Key: key, Field: l.vi, Msg: err.Error(), fieldEN: l.en}
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

// TransitionError says why an event does not fit the dossier's current state.
type TransitionError struct {
	Type   EventType
	Status Status
	Reason string
}

func (e *TransitionError) Error() string {
	if e.Reason != "" {
		return fmt.Sprintf("không thể %s: %s", e.Type.Verb(), e.Reason)
	}
	return fmt.Sprintf("không thể %s khi hồ sơ ở trạng thái %q", e.Type.Verb(), e.Status)
}
