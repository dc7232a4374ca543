package vntext

import "fmt"

// Text is one message for users in the languages of the interface: VI and EN are fmt formats
// taking the same arguments (data's TestEveryInputMessageHasBothLanguages checks this table and the store's). The
// store (data) writes its messages in this one shape too.
type Text struct{ VI, EN string }

// In is the format for lang: "en" for English, anything else Vietnamese.
func (t Text) In(lang string) string {
	if lang == "en" {
		return t.EN
	}
	return t.VI
}

// Format fills t's format for lang with args; an argument that is itself a text in each
// language (a Text, data's step names) is rendered in the same language.
func (t Text) Format(lang string, args ...any) string {
	if len(args) == 0 {
		return t.In(lang)
	}
	in := make([]any, len(args))
	for i, a := range args {
		if at, ok := a.(interface{ In(string) string }); ok {
			a = at.In(lang)
		}
		in[i] = a
	}
	return fmt.Sprintf(t.In(lang), in...)
}

// Error is a refusal of a check here: Code names it whatever the wording or the language
// ("citizen_id.digits"); Error is the Vietnamese the CLI and the logs print, Message the text in
// the language of the interface.
type Error struct {
	Code string
	text Text
	args []any
}

func newError(code string, t Text, args ...any) *Error {
	return &Error{Code: code, text: t, args: args}
}

func (e *Error) Error() string { return e.text.Format("vi", e.args...) }

// Message is the error in lang ("en" for English, anything else Vietnamese).
func (e *Error) Message(lang string) string { return e.text.Format(lang, e.args...) }
