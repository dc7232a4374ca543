package app

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"

	"motcua/data"
)

// A name longer than the store takes stops at the limit as it is typed, and what is kept is
// received.
func TestReceptionNameStopsAtTheStoreLimit(t *testing.T) {
	r, st, _, _ := newReceptionTest(t)
	pickBirth(t, r)
	fillApplicant(r, "001090123456")
	long := strings.Repeat("Ằ", data.MaxName+50)
	r.name.entry.SetText("")
	test.Type(r.name.entry, long[:len("Ằ")*(data.MaxName-1)]) // typed up to one under the limit
	r.name.entry.SetText(long)                                // then a long paste
	if n := utf8.RuneCountInString(r.name.entry.Text); n != data.MaxName {
		t.Fatalf("the name field holds %d runes, want the store's limit %d", n, data.MaxName)
	}
	r.address.entry.SetText(strings.Repeat("x", 5000))
	if n := utf8.RuneCountInString(r.address.entry.Text); n != data.MaxAddress {
		t.Errorf("the address field holds %d runes, want %d", n, data.MaxAddress)
	}
	r.idNo.entry.SetText(strings.Repeat("1", 5000))
	if n := utf8.RuneCountInString(r.idNo.entry.Text); n != data.MaxIDNo {
		t.Errorf("the ID field holds %d runes, want %d", n, data.MaxIDNo)
	}
	r.idNo.entry.SetText("001090123456")
	before := dossierCount(t, st)
	test.Tap(r.receiveBtn)
	r.wait()
	if n := dossierCount(t, st); n != before+1 {
		t.Fatalf("a name at the limit was refused: %q", r.status.Text)
	}
}

func TestTruncateRunesKeepsWholeCharacters(t *testing.T) {
	if got := truncateRunes("Ằbc", 1); got != "Ằ" {
		t.Errorf("truncateRunes = %q", got)
	}
	if got := truncateRunes("ab", 5); got != "ab" {
		t.Errorf("truncateRunes = %q", got)
	}
}
