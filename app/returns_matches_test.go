package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// After a return from the list of matches, the list says the dossier is returned, not "processed".
func TestReturnsMatchListFollowsTheReturn(t *testing.T) {
	u, _, r, _ := returnsTest(t, "Phạm Thị Trễ")
	scan(u, r, "Thị")
	pick := -1
	for i, h := range r.hits {
		if h.Applicant == "Phạm Thị Trễ" {
			pick = i
		}
	}
	if pick < 0 {
		t.Fatal("Phạm Thị Trễ not among the matches of “Thị”")
	}
	r.results.Select(pick)
	u.wait()
	if r.dossier == nil || r.dossier.Status != data.StatusProcessed {
		t.Fatalf("shown %v", r.dossier)
	}
	r.receiverID.entry.SetText("038188778654")
	test.Tap(r.returnBtn)
	u.wait()
	if r.dossier.Status == data.StatusProcessed {
		t.Fatalf("not returned: %q", r.status.Text)
	}
	if got := r.hits[pick].Status; got != r.dossier.Status {
		t.Errorf("the match list keeps status %v, the dossier is %v", got, r.dossier.Status)
	}
	var shown string
	walk(r.results, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "Phạm Thị Trễ") {
			shown = l.Text
		}
	})
	if strings.Contains(shown, statusName(data.StatusProcessed)) {
		t.Errorf("the match list still says %q", shown)
	}
}
