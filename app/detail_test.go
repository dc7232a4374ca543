package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"motcua/data"
	"motcua/reports"
	"motcua/reports/pdftest"
)

// detailDossier receives a birth registration now and takes it to status want through the
// steps an office records, as the system actor.
func detailDossier(t *testing.T, st *data.Store, want data.Status) *data.Dossier {
	t.Helper()
	ctx := context.Background()
	d, err := st.Receive(ctx, data.System, data.Reception{Procedure: "1.001193",
		Applicant: data.Person{Type: data.ApplicantCitizen, Name: "Nguyễn Văn An", IDNo: "001090123456", Phone: "0912345678"},
		Channel:   data.ChannelDirect, Delivery: data.DeliveryCounter})
	if err != nil {
		t.Fatal(err)
	}
	var steps []data.Payload
	transfer := &data.Transferred{ToUnit: "TPHT", ToHandler: "tuphap1"}
	switch want {
	case data.StatusProcessing:
		steps = []data.Payload{transfer}
	case data.StatusSupplement:
		steps = []data.Payload{transfer, &data.SupplementRequested{Items: []data.DocCount{{Name: "Giấy chứng sinh"}}, Reason: "Thiếu giấy chứng sinh"}}
	case data.StatusProcessed:
		steps = []data.Payload{transfer, &data.Processed{ResultNo: "15/2026"}}
	case data.StatusReturned:
		steps = []data.Payload{transfer, &data.Processed{}, &data.Returned{ReceiverName: "Nguyễn Văn An"}}
	case data.StatusStopped:
		steps = []data.Payload{&data.WithdrawalRequested{Reason: "Công dân xin rút"}, &data.Stopped{Reason: "Công dân rút hồ sơ"}}
	}
	for _, p := range steps {
		if d, err = st.Record(ctx, data.System, d.ID, p); err != nil {
			t.Fatalf("%T: %v", p, err)
		}
	}
	if d.Status != want {
		t.Fatalf("dossier in %v, want %v", d.Status, want)
	}
	return d.Dossier
}

// openDetail shows the detail of dossier id to username (no login screen: the user is set
// directly) with a print hook that keeps the PDFs.
func openDetail(t *testing.T, u *ui, username string, id uuid.UUID) (*detailScreen, *[]printed) {
	t.Helper()
	user, err := u.currentStore().UserByName(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	u.setUser(user)
	t.Cleanup(func() { u.setUser(nil) })
	s := newDetailScreen(u.screenDeps(), id, func() {})
	var prints []printed
	s.outDir = t.TempDir()
	s.open = func(path string, write func(io.Writer) error) error {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		prints = append(prints, printed{path, b.Bytes()})
		return nil
	}
	u.show(s.root)
	u.wait()
	if s.d == nil {
		t.Fatalf("dossier not shown: %q", s.problem.Text)
	}
	return s, &prints
}

// actionTexts are the labels of the action buttons shown, in order.
func actionTexts(s *detailScreen) []string {
	var out []string
	for _, o := range s.actions.Objects {
		if b, ok := o.(*widget.Button); ok && b.Visible() {
			out = append(out, b.Text)
		}
	}
	return out
}

func storeDossier(t *testing.T, st *data.Store, id uuid.UUID) (*data.Dossier, []data.Event) {
	t.Helper()
	d, evs, err := st.DossierByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d, evs
}

// Every role sees exactly the actions the workflow gives it in each status, and nothing else.
func TestDetailActionsByRole(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	const (
		transfer   = "Chuyển xử lý"
		supplement = "Yêu cầu bổ sung"
		suppRecv   = "Nhận bổ sung"
		obligation = "Yêu cầu nghĩa vụ tài chính"
		processed  = "Đã xử lý xong"
		apology    = "Xin lỗi và hẹn lại ngày trả"
		withdraw   = "Ghi nhận rút hồ sơ"
		stop       = "Dừng xử lý"
		ret        = "Trả kết quả"
		rate       = "Ghi nhận đánh giá"
		note       = "Thêm ghi chú"
	)
	want := map[data.Status]map[string][]string{
		data.StatusReceived: {
			"tiepnhan1": {transfer, supplement, withdraw, note},
			"tuphap1":   {transfer, supplement, apology, note},
			"lanhdao1":  {transfer, supplement, apology, stop, note},
			"admin":     {note},
		},
		data.StatusProcessing: {
			"tiepnhan1": {transfer, supplement, withdraw, note},
			"tuphap1":   {transfer, supplement, obligation, processed, apology, note},
			"lanhdao1":  {transfer, supplement, obligation, processed, apology, stop, note},
			"admin":     {note},
		},
		data.StatusSupplement: {
			"tiepnhan1": {suppRecv, withdraw, note},
			"tuphap1":   {apology, note},
			"lanhdao1":  {apology, stop, note},
			"admin":     {note},
		},
		data.StatusProcessed: {
			"tiepnhan1": {ret, note},
			"tuphap1":   {note},
			"lanhdao1":  {note},
			"admin":     {note},
		},
		data.StatusReturned: {
			"tiepnhan1": {rate, note},
			"tuphap1":   {note},
			"lanhdao1":  {note},
		},
		data.StatusStopped: {
			"tiepnhan1": {note},
			"lanhdao1":  {note},
		},
	}
	for status, byUser := range want {
		d := detailDossier(t, st, status)
		for username, actions := range byUser {
			s, _ := openDetail(t, u, username, d.ID)
			got := actionTexts(s)
			if strings.Join(got, " | ") != strings.Join(actions, " | ") {
				t.Errorf("%s on a dossier in %q: actions %q, want %q", username, d.Status, got, actions)
			}
			if username == "tiepnhan1" && contains(got, stop) {
				t.Errorf("reception may stop a dossier in %q", d.Status)
			}
			// and what is shown is what the store accepts
			user := u.currentUser()
			for t2 := range s.buttons {
				if !data.Allowed(user.Roles, t2, d.Status) {
					t.Errorf("%s sees %q, which the store refuses", username, t2)
				}
			}
		}
	}
}

// A receptionist transfers a received dossier from the detail opened in the shell: the store
// changes, and the header, timeline and actions follow.
func TestDetailTransfer(t *testing.T) {
	u, w := openDemo(t, 20)
	st := u.currentStore()
	d := detailDossier(t, st, data.StatusReceived)
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	u.openDossier(d.ID)
	u.wait()
	area := u.shell.area
	if !contains(texts(area), d.Code) || !contains(texts(area), "Được tiếp nhận") {
		t.Fatalf("detail lacks the code or the status: %q", texts(area))
	}
	rows := len(findAll[*widget.Separator](area))
	tapButton(t, area, "Chuyển xử lý")
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no transfer box")
	}
	selects := findAll[*widget.Select](top)
	if len(selects) != 2 {
		t.Fatalf("%d selects in the transfer box, want unit and handler", len(selects))
	}
	unit, handler := selects[0], selects[1]
	if unit.Selected != "Công chức Tư pháp - Hộ tịch" {
		t.Errorf("unit preselected %q, want the procedure's unit", unit.Selected)
	}
	unit.SetSelected("Công chức Văn hóa - Xã hội")
	if want := []string{"Chưa giao người xử lý", "Bùi Thị Hương"}; strings.Join(handler.Options, "|") != strings.Join(want, "|") {
		t.Errorf("handlers of VHXH %q, want %q", handler.Options, want)
	}
	unit.SetSelected("Công chức Tư pháp - Hộ tịch")
	handler.SetSelected("Hoàng Văn Dũng")
	tapButton(t, top, "Chuyển xử lý")
	u.wait()
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("the box stays open after a transfer")
	}
	got, evs := storeDossier(t, st, d.ID)
	if got.Status != data.StatusProcessing || got.Unit != "TPHT" || got.Handler != "tuphap2" {
		t.Fatalf("store: status %v unit %q handler %q", got.Status, got.Unit, got.Handler)
	}
	if evs[len(evs)-1].Actor != "tiepnhan1" {
		t.Errorf("recorded by %q", evs[len(evs)-1].Actor)
	}
	all := texts(area)
	for _, want := range []string{"Đang xử lý", "Chuyển hồ sơ", "Công chức Tư pháp - Hộ tịch — Hoàng Văn Dũng"} {
		if !contains(all, want) {
			t.Errorf("after the transfer the detail lacks %q", want)
		}
	}
	if n := len(findAll[*widget.Separator](area)); n != rows+1 {
		t.Errorf("%d separators after the transfer, %d before: want one more timeline row", n, rows)
	}
	tapButton(t, area, "Quay lại")
	if u.shell.detail || u.shell.current != sectionDashboard {
		t.Error("Back did not return to the dashboard")
	}
	if errs := u.failures(); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
}

// A supplement request without a reason is refused with the store's message, nothing is
// recorded and everything typed stays; with the reason it goes through and form 02 can print.
func TestDetailSupplementNeedsReason(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	d := detailDossier(t, st, data.StatusProcessing)
	s, prints := openDetail(t, u, "tuphap1", d.ID)
	_, before := storeDossier(t, st, d.ID)
	if _, ok := s.printBtn[form02Supplement]; ok {
		t.Error("form 02 offered before any supplement request")
	}
	test.Tap(s.buttons[data.EvSupplementRequested])
	f := s.form
	if f == nil || len(f.checks) == 0 {
		t.Fatal("no supplement box with the procedure's checklist")
	}
	f.checks[0].SetChecked(true)
	f.entries["others"].SetText("Bản sao sổ hộ khẩu")
	test.Tap(f.ok)
	u.wait()
	if !f.m.msg.Visible() || !strings.Contains(f.m.msg.Text, "Lý do") || !strings.Contains(f.m.msg.Text, "không được để trống") {
		t.Fatalf("no reason: message %q (visible %v)", f.m.msg.Text, f.m.msg.Visible())
	}
	if !f.m.pop.Visible() || s.form != f {
		t.Fatal("the box closed on an error")
	}
	if _, after := storeDossier(t, st, d.ID); len(after) != len(before) {
		t.Fatalf("%d events after a refused request, %d before", len(after), len(before))
	}
	if !f.checks[0].Checked || f.entries["others"].Text != "Bản sao sổ hộ khẩu" {
		t.Error("what was typed is lost")
	}

	test.Type(f.entries["reason"], "Thiếu giấy tờ")
	test.Tap(f.ok)
	u.wait()
	if f.m.pop.Visible() {
		t.Fatalf("box still open: %q", f.m.msg.Text)
	}
	got, evs := storeDossier(t, st, d.ID)
	if got.Status != data.StatusSupplement || len(evs) != len(before)+1 {
		t.Fatalf("status %v, %d events", got.Status, len(evs))
	}
	p, err := data.DecodePayload(evs[len(evs)-1].Type, evs[len(evs)-1].Payload)
	if err != nil {
		t.Fatal(err)
	}
	req := p.(*data.SupplementRequested)
	if len(req.Items) != 2 || req.Items[1].Name != "Bản sao sổ hộ khẩu" || req.Reason != "Thiếu giấy tờ" {
		t.Errorf("recorded %+v", req)
	}
	if s.badgeText.Text != "Yêu cầu bổ sung" {
		t.Errorf("badge %q", s.badgeText.Text)
	}
	if !strings.HasPrefix(s.left.Text, "Tạm dừng tính thời hạn") || s.left.Importance != widget.WarningImportance {
		t.Errorf("time left %q (%v): want the paused clock in amber", s.left.Text, s.left.Importance)
	}
	b := s.printBtn[form02Supplement]
	if b == nil {
		t.Fatal("form 02 not offered after the request")
	}
	test.Tap(b)
	u.wait()
	if len(*prints) != 1 || !bytes.HasPrefix((*prints)[0].pdf, []byte("%PDF")) {
		t.Fatalf("printed %d forms", len(*prints))
	}
}

// An apology with a new date: a date before the due date is refused in the box, a later one
// is recorded and the header shows it.
func TestDetailApologyChangesDue(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	d := detailDossier(t, st, data.StatusProcessing)
	if !d.HasDue {
		t.Fatal("the birth registration has no due date")
	}
	s, _ := openDetail(t, u, "lanhdao1", d.ID)
	if s.promised.Visible() {
		t.Error("a promised date before any apology")
	}
	test.Tap(s.buttons[data.EvApologyIssued])
	f := s.form
	test.Type(f.entries["reason"], "Cần xác minh thêm")
	test.Tap(f.ok)
	if !strings.Contains(f.m.msg.Text, "ngày hẹn mới") || !f.m.pop.Visible() {
		t.Fatalf("no date: message %q", f.m.msg.Text)
	}
	f.date.SetText(d.Due.AddDate(0, 0, -1).Format("02/01/2006"))
	test.Tap(f.ok)
	u.wait()
	if !strings.Contains(f.m.msg.Text, "phải sau hạn giải quyết hiện tại") || !f.m.pop.Visible() {
		t.Fatalf("a date before the due: message %q", f.m.msg.Text)
	}
	newDay := d.Due.AddDate(0, 0, 7)
	f.date.SetText(newDay.Format("02/01/2006"))
	test.Tap(f.ok)
	u.wait()
	if f.m.pop.Visible() {
		t.Fatalf("box still open: %q", f.m.msg.Text)
	}
	got, _ := storeDossier(t, st, d.ID)
	want := time.Date(newDay.Year(), newDay.Month(), newDay.Day(), 17, 0, 0, 0, st.Location())
	if !got.ApologyDue.Equal(want) || got.Apologies != 1 {
		t.Fatalf("store: apology due %v (%d apologies), want %v", got.ApologyDue, got.Apologies, want)
	}
	if !s.promised.Visible() || !strings.Contains(s.promised.Text, want.Format("02/01/2006 15:04")) {
		t.Errorf("header promises %q", s.promised.Text)
	}
	if s.printBtn[form04Apology] == nil {
		t.Error("form 04 not offered after the apology")
	}
}

// The control sheet prints from the detail: the hook gets the right file and a PDF naming the
// dossier.
func TestDetailPrintControlSheet(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	d := detailDossier(t, st, data.StatusProcessed)
	s, prints := openDetail(t, u, "tiepnhan1", d.ID)
	var offered []string
	for _, o := range s.prints.Objects {
		offered = append(offered, o.(*widget.Button).Text)
	}
	if want := []string{"01 Giấy tiếp nhận và hẹn trả", "06 Phiếu kiểm soát"}; strings.Join(offered, "|") != strings.Join(want, "|") {
		t.Errorf("forms offered %q, want %q", offered, want)
	}
	test.Tap(s.printBtn[form06Control])
	u.wait()
	if s.problem.Visible() {
		t.Fatalf("print failed: %q", s.problem.Text)
	}
	if len(*prints) != 1 {
		t.Fatalf("%d prints", len(*prints))
	}
	p := (*prints)[0]
	if filepath.Base(p.path) != reports.FileName("phieu-kiem-soat", d.Code) || filepath.Dir(p.path) != s.outDir {
		t.Errorf("printed to %q", p.path)
	}
	if !bytes.HasPrefix(p.pdf, []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	// a failed print says so under the header and leaves the buttons usable
	s.open = func(string, func(io.Writer) error) error { return errors.New("ổ đĩa đầy") }
	test.Tap(s.printBtn[form01Receipt])
	u.wait()
	if !s.problem.Visible() || !strings.Contains(s.problem.Text, "Không in được biểu mẫu") || !strings.Contains(s.problem.Text, "Ổ đĩa đầy") {
		t.Errorf("print failure shows %q (visible %v)", s.problem.Text, s.problem.Visible())
	}
	if s.printBtn[form01Receipt].Disabled() {
		t.Error("print buttons stay disabled after a failure")
	}
	if pdftest.Installed() {
		text := pdftest.Flat(pdftest.Text(t, p.pdf, pdftest.Raw))
		for _, want := range []string{"PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", d.Code, "Nguyễn Văn An"} {
			if !strings.Contains(text, want) {
				t.Errorf("control sheet lacks %q", want)
			}
		}
	}
}

// The result is returned and rated from the detail; a dissatisfied rating needs a reason.
func TestDetailReturnAndRate(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	d := detailDossier(t, st, data.StatusProcessed)
	s, _ := openDetail(t, u, "tiepnhan2", d.ID)
	test.Tap(s.buttons[data.EvReturned])
	f := s.form
	if f.entries["receiver"].Text != "Nguyễn Văn An" || f.entries["receiver_id"].Text != "001090123456" {
		t.Errorf("receiver not prefilled: %q %q", f.entries["receiver"].Text, f.entries["receiver_id"].Text)
	}
	test.Tap(f.ok)
	u.wait()
	got, _ := storeDossier(t, st, d.ID)
	if got.Status != data.StatusReturned || got.Returned.ReceiverName != "Nguyễn Văn An" || got.Returned.Delivery != data.DeliveryCounter {
		t.Fatalf("store: %v %+v", got.Status, got.Returned)
	}
	if strings.Join(actionTexts(s), "|") != "Ghi nhận đánh giá|Thêm ghi chú" {
		t.Fatalf("actions after the return: %q", actionTexts(s))
	}
	if !strings.HasPrefix(s.left.Text, data.Early.String()+" · ") || s.left.Importance == widget.DangerImportance {
		t.Errorf("time left %q (%v) after an early return", s.left.Text, s.left.Importance)
	}
	test.Tap(s.buttons[data.EvRated])
	f = s.form
	f.radios["rating"].SetSelected("Không hài lòng")
	test.Tap(f.ok)
	u.wait()
	if !strings.Contains(f.m.msg.Text, "phải ghi lý do") {
		t.Fatalf("dissatisfied without a reason: %q", f.m.msg.Text)
	}
	test.Type(f.entries["reason"], "Chờ lâu")
	test.Tap(f.ok)
	u.wait()
	got, _ = storeDossier(t, st, d.ID)
	if got.Rating != data.RatingDissatisfied || got.RatingReason != "Chờ lâu" {
		t.Fatalf("rating %v %q", got.Rating, got.RatingReason)
	}
	if contains(actionTexts(s), "Ghi nhận đánh giá") {
		t.Error("rating offered twice")
	}
}

// The time left is red when overdue, amber within a working day, plain otherwise.
func TestDetailTimeLeft(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	loc := st.Location()
	d := &data.Dossier{Status: data.StatusProcessing, HasDue: true,
		Due: time.Date(2026, 3, 16, 10, 0, 0, 0, loc)} // Monday 10:00; now is Thursday 12/03 15:30
	cases := []struct {
		now  time.Time
		text string
		imp  widget.Importance
	}{
		{time.Date(2026, 3, 12, 15, 30, 0, 0, loc), "Còn 1 ngày làm việc 4 giờ", widget.MediumImportance},
		{time.Date(2026, 3, 13, 15, 30, 0, 0, loc), "Còn 4 giờ 30 phút", widget.WarningImportance},
		{time.Date(2026, 3, 16, 11, 0, 0, 0, loc), "Quá hạn 1 giờ", widget.DangerImportance},
	}
	for _, c := range cases {
		text, imp := timeLeft(st, d, c.now, data.ModeTimestamp)
		if text != c.text || imp != c.imp {
			t.Errorf("at %v: %q (%v), want %q (%v)", c.now, text, imp, c.text, c.imp)
		}
	}
	if text, _ := timeLeft(st, &data.Dossier{Status: data.StatusProcessing}, fixedNow, data.ModeTimestamp); text != "Không có thời hạn" {
		t.Errorf("no due: %q", text)
	}
}

// findAll lists the objects of type T shown under o.
func findAll[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	walk(o, func(x fyne.CanvasObject) {
		if v, ok := x.(T); ok && x.Visible() {
			out = append(out, v)
		}
	})
	return out
}

// tapButton taps the visible button labelled text under o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	for _, b := range findAll[*widget.Button](o) {
		if b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q in %q", text, texts(o))
}

// The applicant withdraws at the counter, the leader stops the dossier, and the stop notice
// (form 05) can be printed; nothing else can be done to it afterwards.
func TestDetailWithdrawThenStop(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	d := detailDossier(t, st, data.StatusProcessing)
	s, _ := openDetail(t, u, "tiepnhan1", d.ID)
	test.Tap(s.buttons[data.EvWithdrawalRequested])
	test.Type(s.form.entries["reason"], "Công dân xin rút để bổ sung hồ sơ khác")
	test.Tap(s.form.ok)
	u.wait()
	if got, _ := storeDossier(t, st, d.ID); got.Status != data.StatusWithdrawing {
		t.Fatalf("status %v after the withdrawal", got.Status)
	}
	if s.buttons[data.EvStopped] != nil {
		t.Fatal("reception may stop the dossier")
	}

	s, prints := openDetail(t, u, "lanhdao1", d.ID)
	if s.printBtn[form05Stop] != nil {
		t.Error("form 05 offered before the stop")
	}
	test.Tap(s.buttons[data.EvStopped])
	test.Tap(s.form.ok)
	u.wait()
	if !strings.Contains(s.form.m.msg.Text, "Lý do dừng") {
		t.Fatalf("stop without a reason: %q", s.form.m.msg.Text)
	}
	test.Type(s.form.entries["reason"], "Công dân rút hồ sơ")
	test.Tap(s.form.ok)
	u.wait()
	got, _ := storeDossier(t, st, d.ID)
	if got.Status != data.StatusStopped || got.StopReason != "Công dân rút hồ sơ" {
		t.Fatalf("store: %v %q", got.Status, got.StopReason)
	}
	if strings.Join(actionTexts(s), "|") != "Thêm ghi chú" || s.badgeText.Text != "Dừng xử lý" {
		t.Errorf("after the stop: actions %q, badge %q", actionTexts(s), s.badgeText.Text)
	}
	test.Tap(s.printBtn[form05Stop])
	u.wait()
	if len(*prints) != 1 || filepath.Base((*prints)[0].path) != reports.FileName("dung-giai-quyet", d.Code) {
		t.Fatalf("prints %v (problem %q)", len(*prints), s.problem.Text)
	}
}

// In English the screen speaks English.
func TestDetailEnglish(t *testing.T) {
	u, _ := openDemo(t, 20)
	d := detailDossier(t, u.currentStore(), data.StatusProcessing)
	setLanguage("en")
	t.Cleanup(func() { setLanguage("vi") })
	s, _ := openDetail(t, u, "tuphap1", d.ID)
	want := "Transfer|Request a supplement|Request the financial obligation|Processed|Apology with a new date|Add a note"
	if got := strings.Join(actionTexts(s), "|"); got != want {
		t.Errorf("actions %q, want %q", got, want)
	}
	if s.badgeText.Text != "In processing" || !contains(texts(s.timeline), "Transferred") {
		t.Errorf("badge %q, timeline %q", s.badgeText.Text, texts(s.timeline))
	}
}

// The officer records the result: the signing date defaults to today and is stored.
func TestDetailProcessed(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	d := detailDossier(t, st, data.StatusProcessing)
	s, _ := openDetail(t, u, "tuphap1", d.ID)
	test.Tap(s.buttons[data.EvProcessed])
	f := s.form
	if f.date.Text != "12/03/2026" {
		t.Errorf("signed on %q, want today", f.date.Text)
	}
	test.Type(f.entries["result_no"], "27/2026/KS")
	test.Tap(f.ok)
	u.wait()
	got, _ := storeDossier(t, st, d.ID)
	if got.Status != data.StatusProcessed || got.Result.ResultNo != "27/2026/KS" || got.Result.SignedOn != "2026-03-12" {
		t.Fatalf("store: %v %+v", got.Status, got.Result)
	}
	if !contains(texts(s.timeline), "Kết quả số 27/2026/KS") {
		t.Errorf("timeline lacks the result: %q", texts(s.timeline))
	}
}

// The procedure's fees due at the return are offered in the return box and recorded.
func TestDetailReturnCollectsFees(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	ctx := context.Background()
	p, err := st.Procedure(ctx, "1.001193")
	if err != nil {
		t.Fatal(err)
	}
	p.Fees = append(p.Fees, data.ProcedureFee{N: len(p.Fees) + 1, Name: "Phí cấp bản sao trích lục", Amount: 8000, Stage: data.FeeAtReturn})
	if err := st.PutProcedures(ctx, data.System, []data.Procedure{*p}); err != nil {
		t.Fatal(err)
	}
	d := detailDossier(t, st, data.StatusProcessed)
	s, _ := openDetail(t, u, "tiepnhan1", d.ID)
	test.Tap(s.buttons[data.EvReturned])
	f := s.form
	if f.entries["fee0"] == nil || f.entries["fee0"].Text != "8.000" {
		t.Fatalf("fee at the return not offered: %v", f.entries)
	}
	f.entries["fee0"].SetText("tám nghìn")
	test.Tap(f.ok)
	if !strings.Contains(f.m.msg.Text, "Số tiền bằng đồng") {
		t.Fatalf("a bad amount: %q", f.m.msg.Text)
	}
	f.entries["fee0"].SetText("16.000")
	f.entries["fee0"].OnSubmitted("16.000") // Enter confirms
	u.wait()
	got, _ := storeDossier(t, st, d.ID)
	if got.Status != data.StatusReturned || got.FeeAtReturn != 16000 {
		t.Fatalf("store: %v, fee at the return %d", got.Status, got.FeeAtReturn)
	}
	if !contains(texts(s.fees), "16.000 đ") {
		t.Errorf("fees tab lacks the fee: %q", texts(s.fees))
	}
}

// At the walk-through's window size, a dossier with many events shows its newest one (the
// rating) without scrolling, and the header says how the applicant rated it and why.
func TestDetailNewestEventAndRatingInView(t *testing.T) {
	u, w := openDemo(t, 20)
	w.Resize(fitSize)
	st := u.currentStore()
	ctx := context.Background()
	d := detailDossier(t, st, data.StatusReturned)
	for _, p := range []data.Payload{&data.Note{Text: "Gọi điện báo công dân"}, &data.Note{Text: "Công dân hẹn chiều đến"},
		&data.Rated{Rating: data.RatingDissatisfied, Reason: "Chờ lâu"}} {
		if _, err := st.Record(ctx, data.System, d.ID, p); err != nil {
			t.Fatalf("%T: %v", p, err)
		}
	}
	s, _ := openDetail(t, u, "tiepnhan1", d.ID)
	if len(s.evs) < 6 {
		t.Fatalf("%d events: the test proves nothing", len(s.evs))
	}
	var newest *widget.Label
	for _, l := range findAll[*widget.Label](s.timeline) {
		if l.Text == "Ghi nhận đánh giá" {
			newest = l
		}
	}
	if newest == nil {
		t.Fatalf("the timeline lacks the rating: %q", texts(s.timeline))
	}
	scroll := findAll[*container.Scroll](s.tabs)[0]
	drv := fyne.CurrentApp().Driver()
	top, at := drv.AbsolutePositionForObject(scroll), drv.AbsolutePositionForObject(newest)
	if at.Y < top.Y || at.Y+newest.MinSize().Height > top.Y+scroll.Size().Height {
		t.Errorf("the newest event is at y=%v, the timeline shows y=%v…%v", at.Y, top.Y, top.Y+scroll.Size().Height)
	}
	head := strings.Join(texts(s.header), "\n")
	if !strings.Contains(head, "Không hài lòng") || !strings.Contains(head, "Chờ lâu") {
		t.Errorf("the header does not show the rating and its reason: %q", head)
	}
}

// A dossier received by the system (an import, the online portal) names it in the header as the
// timeline does, not by its account name.
func TestDetailHeaderNamesTheSystem(t *testing.T) {
	u, _ := openDemo(t, 20)
	d := detailDossier(t, u.currentStore(), data.StatusProcessing)
	s, _ := openDetail(t, u, "tiepnhan1", d.ID)
	if !strings.Contains(s.received.Text, "Hệ thống") || strings.Contains(s.received.Text, data.System.Username) {
		t.Errorf("received %q", s.received.Text)
	}
}
