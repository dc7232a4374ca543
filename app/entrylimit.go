package app

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// limitEntry stops e at max runes as it is typed or pasted, the limit the store applies to the
// value (data.MaxName, data.MaxText…): a field that takes 5,000 characters and a refusal seconds
// after submit tells the officer nothing useful, a field that stops tells them at once.
//
// It wraps e.OnChanged, so it is applied after OnChanged is set; text beyond max is cut off and
// the callback sees only the text kept.
func limitEntry(e *widget.Entry, max int) *widget.Entry {
	next := e.OnChanged
	e.OnChanged = func(s string) {
		if utf8.RuneCountInString(s) > max {
			e.SetText(truncateRunes(s, max)) // calls this again with the text kept
			return
		}
		if next != nil {
			next(s)
		}
	}
	if utf8.RuneCountInString(e.Text) > max {
		e.SetText(truncateRunes(e.Text, max))
	}
	return e
}

// truncateRunes keeps the first max runes of s.
func truncateRunes(s string, max int) string {
	n := 0
	for i := range s {
		if n == max {
			return s[:i]
		}
		n++
	}
	return s
}

// detailEntryLimit is the store's limit of the value typed in the action form's field name (see
// the payloads' validate in data/payload.go).
func detailEntryLimit(name string) int {
	switch name {
	case "result_no", "doc_no", "amount":
		return data.MaxShort
	case "signer", "receiver":
		return data.MaxName
	case "receiver_id":
		return data.MaxIDNo
	}
	if strings.HasPrefix(name, "fee") && name != "fees" {
		return data.MaxShort
	}
	return data.MaxText
}
