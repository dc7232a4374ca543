package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// submitOnline records an online submission of a birth registration.
func submitOnline(t *testing.T, st *data.Store, external string) *data.Dossier {
	t.Helper()
	d, err := st.Submit(context.Background(), data.System, data.Reception{Procedure: "1.001193",
		Applicant: data.Person{Type: data.ApplicantCitizen, Name: "Trần Thị Bình", IDNo: "001190054321", Phone: "0987654321"},
		Delivery:  data.DeliveryCounter}, external)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != data.StatusSubmitted || d.Code != "" {
		t.Fatalf("submitted dossier %v with code %q", d.Status, d.Code)
	}
	return d
}

// The counter accepts an online submission from its detail: the code and the due date are set,
// the receipt is printed; an officer is offered neither button.
func TestDetailAcceptsOnlineSubmission(t *testing.T) {
	u, w := openDemo(t, 20)
	st := u.currentStore()
	d := submitOnline(t, st, "G22.99-260312-0001")

	s, _ := openDetail(t, u, "tuphap1", d.ID)
	if s.buttons[data.EvReceived] != nil || s.buttons[data.EvRefused] != nil {
		t.Fatalf("an officer may accept or refuse: %v", actionTexts(s))
	}

	s, prints := openDetail(t, u, "tiepnhan1", d.ID)
	accept := s.buttons[data.EvReceived]
	if accept == nil || s.buttons[data.EvRefused] == nil {
		t.Fatalf("the counter is not offered accept and refuse: %v", actionTexts(s))
	}
	test.Tap(accept)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("accepting asks nothing")
	}
	var yes func()
	for _, b := range buttonsIn(top) {
		if b.Text == "Tiếp nhận" {
			yes = b.OnTapped
		}
	}
	if yes == nil {
		t.Fatalf("no confirm button in %q", texts(top))
	}
	yes()
	u.wait()
	got, _, err := st.DossierByID(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != data.StatusReceived || got.Code == "" || !got.HasDue || got.Applicant.Name != "Trần Thị Bình" {
		t.Fatalf("after accepting: status %v code %q due %v applicant %q", got.Status, got.Code, got.HasDue, got.Applicant.Name)
	}
	if len(*prints) != 1 || !strings.Contains((*prints)[0].path, got.Code) {
		t.Fatalf("receipt not printed: %d prints", len(*prints))
	}
	if s.buttons[data.EvReceived] != nil {
		t.Error("accept still offered after the reception")
	}
}

// Refusing an online submission needs a reason; with one, the dossier is refused.
func TestDetailRefusesOnlineSubmissionWithReason(t *testing.T) {
	u, w := openDemo(t, 20)
	st := u.currentStore()
	d := submitOnline(t, st, "G22.99-260312-0002")
	s, _ := openDetail(t, u, "tiepnhan1", d.ID)
	test.Tap(s.buttons[data.EvRefused])
	top := w.Canvas().Overlays().Top()
	var refuse func()
	for _, b := range buttonsIn(top) {
		if b.Text == "Từ chối" {
			refuse = b.OnTapped
		}
	}
	if refuse == nil {
		t.Fatalf("no refuse button in %q", texts(top))
	}
	refuse()
	if got, _, _ := st.DossierByID(context.Background(), d.ID); got.Status != data.StatusSubmitted {
		t.Fatalf("refused without a reason: %v", got.Status)
	}
	if !contains(texts(top), "Hãy ghi lý do từ chối.") {
		t.Errorf("no message: %q", texts(top))
	}
	for _, e := range entriesIn(top) {
		e.SetText("Thủ tục không thuộc thẩm quyền của xã")
	}
	refuse()
	u.wait()
	if got, _, _ := st.DossierByID(context.Background(), d.ID); got.Status != data.StatusRefused {
		t.Fatalf("after refusing: %v", got.Status)
	}
}

// buttonsIn are the buttons drawn in o.
func buttonsIn(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	walk(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok {
			out = append(out, b)
		}
	})
	return out
}

// entriesIn are the entries drawn in o.
func entriesIn(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	walk(o, func(x fyne.CanvasObject) {
		if e, ok := asEntry(x); ok {
			out = append(out, e)
		}
	})
	return out
}
