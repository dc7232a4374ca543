package app

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"motcua/data"
)

// returnsTest opens the workDemo office, marks the dossiers of the named applicants processed,
// logs tiepnhan1 in on Trả kết quả and captures what it prints.
func returnsTest(t *testing.T, processed ...string) (*ui, fyne.Window, *returnsScreen, *[]printed) {
	t.Helper()
	u, w := openDemoDir(t, workDemo(t))
	st := u.currentStore()
	ctx := context.Background()
	officer, err := st.UserByName(ctx, "tuphap1")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range processed {
		d := dossierOf(t, st, name)
		if _, err := st.Record(ctx, officer, d.ID, &data.Processed{ResultNo: "15/2026/XNHN"}); err != nil {
			t.Fatal(err)
		}
	}
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	if !u.shell.showSection(sectionReturns) {
		t.Fatal("a receptionist cannot open Trả kết quả")
	}
	u.wait()
	r := u.shell.screens[sectionReturns].(*returnsScreen)
	r.outDir = t.TempDir()
	var prints []printed
	r.open = func(path string, write func(io.Writer) error) error {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		prints = append(prints, printed{path, b.Bytes()})
		return nil
	}
	return u, w, r, &prints
}

// dossierOf is the dossier of the applicant named name.
func dossierOf(t *testing.T, st *data.Store, name string) *data.Dossier {
	t.Helper()
	hits, err := st.Search(context.Background(), name, 2)
	if err != nil || len(hits) != 1 {
		t.Fatalf("dossier of %s: %d hits, %v", name, len(hits), err)
	}
	d, _, err := st.DossierByID(context.Background(), hits[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// scan types code into the code entry as a scanner does, Enter included.
func scan(u *ui, r *returnsScreen, code string) {
	r.code.SetText("")
	test.Type(r.code, code)
	r.code.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.wait()
}

func ratedEvents(t *testing.T, st *data.Store, d *data.Dossier) int {
	t.Helper()
	_, evs, err := st.DossierByID(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range evs {
		if e.Type == data.EvRated {
			n++
		}
	}
	return n
}

// Scanning a ready dossier, confirming another receiver and returning records Returned with that
// receiver and prints the hand-over; "Không hài lòng" without a reason is refused and records
// nothing, with a reason it is recorded.
func TestReturnsReturnAndDissatisfiedNeedsReason(t *testing.T) {
	u, _, r, prints := returnsTest(t, "Lê Văn Quá Hạn")
	st := u.currentStore()
	ctx := context.Background()
	d := dossierOf(t, st, "Lê Văn Quá Hạn")

	scan(u, r, d.Code)
	if r.dossier == nil || r.dossier.ID != d.ID {
		t.Fatalf("scanned %s, shown %v", d.Code, r.dossier)
	}
	if !r.returnBox.Visible() || r.rateBox.Visible() {
		t.Fatalf("ready dossier: return form shown %v, rating shown %v", r.returnBox.Visible(), r.rateBox.Visible())
	}
	if !strings.HasPrefix(r.ready.Text, "Đã có kết quả") || r.facts["Applicant"].Text != "Lê Văn Quá Hạn · 0912000000" {
		t.Errorf("ready %q, applicant %q", r.ready.Text, r.facts["Applicant"].Text)
	}
	if r.receiver.entry.Text != "Lê Văn Quá Hạn" {
		t.Errorf("receiver proposed %q, want the applicant", r.receiver.entry.Text)
	}

	// The receiver is required: nothing is recorded without one, and what was typed stays.
	r.receiver.entry.SetText(" ")
	r.receiverID.entry.SetText("0381887786")
	test.Tap(r.returnBtn)
	u.wait()
	if got, _, _ := st.DossierByID(ctx, d.ID); got.Status != data.StatusProcessed {
		t.Fatalf("returned without a receiver: %v", got.Status)
	}
	if !r.receiver.msg.Visible() || !r.receiverID.msg.Visible() || r.receiverID.entry.Text != "0381887786" {
		t.Error("the problems are not shown in place, or the typing was lost")
	}

	r.receiver.entry.SetText("Trần Văn Nhận Thay")
	r.receiverID.entry.SetText("038188778654")
	test.Tap(r.returnBtn)
	u.wait()
	got, _, err := st.DossierByID(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != data.StatusReturned || got.Returned.ReceiverName != "Trần Văn Nhận Thay" ||
		got.Returned.ReceiverIDNo != "038188778654" || got.Returned.Delivery != data.DeliveryCounter {
		t.Fatalf("after Trả kết quả: status %v, returned %+v", got.Status, got.Returned)
	}
	if len(*prints) != 1 || !bytes.HasPrefix((*prints)[0].pdf, []byte("%PDF")) ||
		!strings.Contains((*prints)[0].path, d.Code) {
		t.Fatalf("prints %d", len(*prints))
	}
	if !strings.Contains(r.status.Text, "Trần Văn Nhận Thay") || !r.rateBox.Visible() || r.returnBox.Visible() {
		t.Errorf("after the return: status %q, rating shown %v", r.status.Text, r.rateBox.Visible())
	}

	// Không hài lòng: the reason's entry appears; confirming it empty is refused.
	test.Tap(r.rateBtns[data.RatingDissatisfied])
	if !r.reasonBox.Visible() {
		t.Fatal("no reason entry after Không hài lòng")
	}
	test.Tap(r.reasonBtn)
	u.wait()
	if !r.reasonMsg.Visible() || r.reasonMsg.Text != "Phải ghi lý do khi công dân không hài lòng." {
		t.Errorf("empty reason: message %q (shown %v)", r.reasonMsg.Text, r.reasonMsg.Visible())
	}
	test.Tap(r.rateBtns[data.RatingDissatisfied]) // the big button again: still refused
	u.wait()
	if n := ratedEvents(t, st, d); n != 0 {
		t.Fatalf("%d rating events recorded without a reason", n)
	}
	test.Type(r.reason, "Phải chờ quá lâu")
	test.Tap(r.reasonBtn)
	u.wait()
	got, _, err = st.DossierByID(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rating != data.RatingDissatisfied || got.RatingReason != "Phải chờ quá lâu" || ratedEvents(t, st, d) != 1 {
		t.Errorf("rating %v, reason %q", got.Rating, got.RatingReason)
	}
	if r.rateBox.Visible() || !strings.Contains(r.ready.Text, "Đánh giá: Không hài lòng.") || r.code.Text != "" {
		t.Errorf("after the rating: box shown %v, %q, code %q", r.rateBox.Visible(), r.ready.Text, r.code.Text)
	}
	if errs := u.failures(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

// A fee the procedure collects at the return is proposed and recorded; "Rất hài lòng" is recorded
// at once; a returned dossier not yet rated can still be rated.
func TestReturnsFeeAndVerySatisfied(t *testing.T) {
	u, _, r, _ := returnsTest(t, "Phạm Thị Trễ")
	st := u.currentStore()
	ctx := context.Background()
	p, err := st.Procedure(ctx, "1.004873")
	if err != nil {
		t.Fatal(err)
	}
	p.Fees = append(p.Fees, data.ProcedureFee{Name: "Phí cấp bản sao kết quả", Amount: 8000, Stage: data.FeeAtReturn})
	if err := st.PutProcedures(ctx, data.System, []data.Procedure{*p}); err != nil {
		t.Fatal(err)
	}
	d := dossierOf(t, st, "Phạm Thị Trễ")
	scan(u, r, d.Code)
	if len(r.fees) != 1 || !r.feesBox.Visible() || r.fees[0].amount.entry.Text != "8.000" {
		t.Fatalf("fees at the return: %d shown", len(r.fees))
	}
	r.fees[0].amount.entry.SetText("tám nghìn")
	test.Tap(r.returnBtn)
	u.wait()
	if got, _, _ := st.DossierByID(ctx, d.ID); got.Status != data.StatusProcessed || !r.fees[0].amount.msg.Visible() {
		t.Fatal("returned with an amount that is not one")
	}
	r.fees[0].amount.entry.SetText("10.000")
	test.Tap(r.returnBtn)
	u.wait()
	if got, _, _ := st.DossierByID(ctx, d.ID); got.FeeAtReturn != 10000 || len(got.Returned.Fees) != 1 ||
		got.Returned.Fees[0].Name != "Phí cấp bản sao kết quả" {
		t.Fatalf("fees recorded at the return: %d, %+v", got.FeeAtReturn, got.Returned.Fees)
	}
	r.next()
	if r.dossier != nil || r.details.Visible() {
		t.Fatal("Hồ sơ tiếp theo did not clear the screen")
	}
	scan(u, r, strings.ToLower(d.Code))
	if r.dossier == nil || !r.rateBox.Visible() {
		t.Fatal("a returned dossier without a rating offers no rating")
	}
	test.Tap(r.rateBtns[data.RatingVerySatisfied])
	u.wait()
	got, _, err := st.DossierByID(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rating != data.RatingVerySatisfied || got.Returned.ReceiverName != "Phạm Thị Trễ" {
		t.Errorf("rating %v, receiver %q", got.Rating, got.Returned.ReceiverName)
	}
}

// A dossier still being processed says so and offers nothing to record; an unknown code is
// reported; a name or phone finds the dossier too.
func TestReturnsNotReadyUnknownAndSearch(t *testing.T) {
	u, w, r, prints := returnsTest(t)
	st := u.currentStore()
	d := dossierOf(t, st, "Đỗ Văn Còn Hạn")

	scan(u, r, d.Code)
	if r.dossier == nil || r.dossier.ID != d.ID {
		t.Fatal("the dossier in processing is not shown")
	}
	if !strings.Contains(r.ready.Text, "Chưa có kết quả") || !strings.Contains(r.ready.Text, "Đang xử lý") {
		t.Errorf("not ready: %q", r.ready.Text)
	}
	if r.returnBox.Visible() || r.rateBox.Visible() || r.afterBox.Visible() {
		t.Error("something to record on a dossier not ready")
	}
	r.doReturn()
	u.wait()
	if got, _, _ := st.DossierByID(context.Background(), d.ID); got.Status != data.StatusProcessing || len(*prints) != 0 {
		t.Errorf("status %v, %d prints", got.Status, len(*prints))
	}

	scan(u, r, "000.00.31.H56-991231-9999")
	if r.dossier != nil || !strings.Contains(strings.ToLower(r.status.Text), "không tìm thấy") {
		t.Errorf("unknown code: %q", r.status.Text)
	}
	if top := w.Canvas().Overlays().Top(); top == nil || !contains(texts(top), "Không tìm thấy hồ sơ") {
		t.Error("unknown code not reported in a message box")
	} else {
		top.Hide()
	}

	scan(u, r, "0912000002") // Đỗ Văn Còn Hạn's phone
	if r.dossier == nil || r.dossier.ID != d.ID {
		t.Error("the phone number did not find the dossier")
	}
	scan(u, r, "Đồng Nghiệp")
	if r.dossier == nil || r.dossier.Applicant.Name != "Vũ Thị Đồng Nghiệp" {
		t.Error("the name did not find the dossier")
	}

	// Several match: they are listed, and the one chosen is shown.
	scan(u, r, "Thị")
	if r.dossier != nil || !r.found.Visible() || len(r.hits) < 2 {
		t.Fatalf("several matches: shown %v, list shown %v with %d", r.dossier != nil, r.found.Visible(), len(r.hits))
	}
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
	if r.dossier == nil || r.dossier.Applicant.Name != "Phạm Thị Trễ" {
		t.Error("the dossier chosen in the list is not shown")
	}
}

// On a 1366×768 display (and in the first window on a larger one) "Trả kết quả" and the reason
// of "Không hài lòng" are on screen without scrolling: above the status bar, not in the
// scrolled part.
func TestReturnsActionsAboveTheFold(t *testing.T) {
	u, w, r, _ := returnsTest(t, "Lê Văn Quá Hạn")
	d := dossierOf(t, u.currentStore(), "Lê Văn Quá Hạn")
	drv := fyne.CurrentApp().Driver()
	onScreen := func(what string, o fyne.CanvasObject, room fyne.Size) {
		t.Helper()
		fold := drv.AbsolutePositionForObject(u.shell.status.content).Y
		var inScroll bool
		walk(r.content, func(x fyne.CanvasObject) {
			if s, ok := x.(*container.Scroll); ok {
				walk(s.Content, func(y fyne.CanvasObject) { inScroll = inScroll || y == o })
			}
		})
		bottom := drv.AbsolutePositionForObject(o).Y + o.Size().Height
		if inScroll || bottom > fold || !o.Visible() {
			t.Errorf("%v: %s ends at y=%.0f (the status bar at %.0f), in the scrolled part %v", room, what, bottom, fold, inScroll)
		}
	}
	room := windowSizes[1]
	w.Resize(room)
	scan(u, r, d.Code)
	onScreen("Trả kết quả", r.returnBtn, room)
	r.receiverID.entry.SetText("038188778654")
	test.Tap(r.returnBtn)
	u.wait()
	test.Tap(r.rateBtns[data.RatingDissatisfied])
	for _, room := range windowSizes {
		w.Resize(room)
		onScreen("the reason of “Không hài lòng”", r.reason, room)
		onScreen("Ghi nhận “Không hài lòng”", r.reasonBtn, room)
	}
}
