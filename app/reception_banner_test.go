package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// The banner "fix the fields in red" goes away once no field is red any more.
func TestReceptionErrorBannerClearsWhenFieldsAreFixed(t *testing.T) {
	r, _, _, _ := newReceptionTest(t)
	pickBirth(t, r)
	fillApplicant(r, "00109012345") // 11 digits
	test.Tap(r.receiveBtn)
	r.wait()
	const banner = "Vui lòng sửa các ô có thông báo màu đỏ."
	if r.status.Text != banner {
		t.Fatalf("status %q, want the banner", r.status.Text)
	}
	r.idNo.entry.SetText("0010901234") // still wrong: the banner stays
	if r.status.Text != banner {
		t.Fatalf("banner gone while a field is still red: %q", r.status.Text)
	}
	r.idNo.entry.SetText("001090123456")
	if r.status.Text != "" {
		t.Errorf("banner %q still shown after the last red field was fixed", r.status.Text)
	}
}
