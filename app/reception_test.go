package app

import (
	"bytes"
	"context"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// receptionDemo is the database of a copy of the small demo office the reception tests share.
func receptionDemo(t *testing.T) string {
	t.Helper()
	return filepath.Join(buildDemo(t, 50), data.DBFile)
}

type printed struct {
	path string
	pdf  []byte
}

// newReceptionTest opens a copy of the demo office and shows the reception screen of tiepnhan1
// in a test window; the print hook records the PDFs.
func newReceptionTest(t *testing.T) (*receptionScreen, *data.Store, fyne.Window, *[]printed) {
	t.Helper()
	a := test.NewTempApp(t)
	setLanguage("vi")
	a.Settings().SetTheme(newTheme())
	st, err := data.Open(receptionDemo(t), data.WithClock(clockAt(fixedNow)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	user, err := st.UserByName(context.Background(), "tiepnhan1")
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	work := newWorker(inline)
	t.Cleanup(func() { work.cancel(); work.wait() })
	r := newReceptionScreen(st, user, w, clockAt(fixedNow), work)
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
	w.SetContent(r.content())
	w.Resize(fyne.NewSize(1280, 800))
	r.wait()
	return r, st, w, &prints
}

func dossierCount(t *testing.T, st *data.Store) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow("SELECT count(*) FROM dossiers").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// pickBirth searches "khai sinh" and chooses the birth registration.
func pickBirth(t *testing.T, r *receptionScreen) {
	t.Helper()
	test.Type(r.search, "khai sinh")
	r.wait()
	for i, p := range r.matches {
		if p.Code == "1.001193" {
			r.list.Select(i)
			r.wait()
			return
		}
	}
	t.Fatalf("typing “khai sinh” did not list 1.001193: %v", r.matches)
}

func expectDue(t *testing.T, r *receptionScreen, st *data.Store, code string, c data.Channel) string {
	t.Helper()
	due, ok, err := st.DueFor(context.Background(), code, c, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	want := "Không có thời hạn"
	if ok {
		want = "Hẹn trả: " + vntext.DateTimeWords(due.In(st.Location()))
	}
	if r.due.Text != want {
		t.Fatalf("due date shows %q, want %q", r.due.Text, want)
	}
	return want
}

func TestReceptionPickProcedureAndDue(t *testing.T) {
	r, st, _, _ := newReceptionTest(t)
	// give birth registration a different online limit so the channel matters
	if _, err := st.DB().Exec("UPDATE procedures SET online_value = 5, online_unit = ? WHERE code = '1.001193'", string(calendar.WorkingDays)); err != nil {
		t.Fatal(err)
	}
	pickBirth(t, r)
	if r.proc == nil || r.proc.Code != "1.001193" {
		t.Fatalf("procedure not chosen: %+v", r.proc)
	}
	if len(r.docs) == 0 || len(r.docs) != len(r.proc.Documents) {
		t.Fatalf("checklist has %d rows for %d documents", len(r.docs), len(r.proc.Documents))
	}
	shown := strings.Join(texts(r.content()), "\n")
	if !strings.Contains(shown, r.proc.Documents[0].Name) {
		t.Errorf("the first document %q is not shown", r.proc.Documents[0].Name)
	}
	direct := expectDue(t, r, st, "1.001193", data.ChannelDirect)
	if !strings.HasPrefix(direct, "Hẹn trả: ") || !strings.Contains(direct, " giờ ") {
		t.Errorf("due text %q", direct)
	}

	r.channel.SetSelected(r.channel.Options[1]) // trực tuyến
	r.wait()
	online := expectDue(t, r, st, "1.001193", data.ChannelOnline)
	if online == direct {
		t.Errorf("changing the channel kept the due date %q", online)
	}

	// another procedure
	test.Type(r.search, "") // keep the query; pick a procedure with another limit
	r.search.SetText("")
	r.wait()
	for i, p := range r.matches {
		if p.Code != "1.001193" && p.Limit != r.proc.Limit {
			r.list.Select(i)
			r.wait()
			expectDue(t, r, st, p.Code, data.ChannelOnline)
			return
		}
	}
	t.Fatal("no other procedure with another time limit")
}

func fillApplicant(r *receptionScreen, id string) {
	test.Type(r.name.entry, "Nguyễn Văn An")
	test.Type(r.idNo.entry, id)
	test.Type(r.phone.entry, "0912 345 678")
	test.Type(r.address.entry, "Thôn Đông, xã Tân Phú")
}

func TestReceptionInvalidIDKeepsTyping(t *testing.T) {
	r, st, _, prints := newReceptionTest(t)
	before := dossierCount(t, st)
	pickBirth(t, r)
	fillApplicant(r, "00109012345") // 11 digits
	test.Tap(r.receiveBtn)
	r.wait()
	if !r.idNo.msg.Visible() || !strings.Contains(r.idNo.msg.Text, "12 chữ số") {
		t.Fatalf("no message in place for an 11-digit CCCD: %q visible=%v", r.idNo.msg.Text, r.idNo.msg.Visible())
	}
	if n := dossierCount(t, st); n != before {
		t.Fatalf("a dossier was written: %d → %d", before, n)
	}
	if len(*prints) != 0 {
		t.Fatal("something was printed")
	}
	if r.name.entry.Text != "Nguyễn Văn An" || r.idNo.entry.Text != "00109012345" || r.proc == nil {
		t.Fatalf("the form lost what was typed: %q %q", r.name.entry.Text, r.idNo.entry.Text)
	}
	// fixing it clears the message in place
	r.idNo.entry.SetText("001090123456")
	if r.idNo.msg.Visible() {
		t.Errorf("message still shown after the fix: %q", r.idNo.msg.Text)
	}
}

func TestReceptionReceivePrintsAndClears(t *testing.T) {
	r, st, _, prints := newReceptionTest(t)
	before := dossierCount(t, st)
	pickBirth(t, r)
	listed := len(r.proc.Documents)
	fillApplicant(r, "001090123456")
	// One optional document not handed in (a required one would be refused: see
	// TestReceptionMissingRequiredOffersGuidance).
	optional := -1
	for i, d := range r.docs {
		if !d.doc.Required {
			optional = i
		}
	}
	handed := listed
	if optional >= 0 {
		r.docs[optional].check.SetChecked(false)
		handed--
	}
	r.docs[0].copies.entry.SetText("2")
	test.Tap(r.receiveBtn)
	r.wait()
	if n := dossierCount(t, st); n != before+1 {
		t.Fatalf("dossiers %d → %d, want one more (status: %q)", before, n, r.status.Text)
	}
	if len(*prints) != 1 || !bytes.HasPrefix((*prints)[0].pdf, []byte("%PDF")) {
		t.Fatalf("printed %d documents", len(*prints))
	}
	hits, err := st.Search(context.Background(), "Nguyen Van An", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search: %v %v", hits, err)
	}
	d, _, err := st.DossierByID(context.Background(), hits[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Applicant.Name != "Nguyễn Văn An" || d.Applicant.IDNo != "001090123456" || d.Applicant.Phone != "0912345678" {
		t.Errorf("applicant %+v", d.Applicant)
	}
	if len(d.Documents) != handed {
		t.Errorf("documents %+v", d.Documents)
	}
	if d.Documents[0].Copies != 2 {
		t.Errorf("first document copies %d, want 2", d.Documents[0].Copies)
	}
	if !strings.Contains(r.status.Text, d.Code) || !strings.Contains((*prints)[0].path, d.Code) {
		t.Errorf("code %s not shown (%q) or not in the file name %q", d.Code, r.status.Text, (*prints)[0].path)
	}
	if r.name.entry.Text != "" || r.idNo.entry.Text != "" || r.proc != nil || len(r.docs) != 0 {
		t.Errorf("form not cleared: %q %q %v", r.name.entry.Text, r.idNo.entry.Text, r.proc)
	}
}

func TestReceptionRefuse(t *testing.T) {
	r, st, _, prints := newReceptionTest(t)
	before := dossierCount(t, st)
	pickBirth(t, r)
	fillApplicant(r, "001090123456")
	test.Tap(r.refuseBtn)
	if r.refusal == nil {
		t.Fatal("no refusal box")
	}
	test.Tap(r.refusal.confirm) // no reason yet
	r.wait()
	if !r.refusal.box.msg.Visible() || dossierCount(t, st) != before {
		t.Fatal("refused without a reason")
	}
	test.Type(r.refusal.reason, "Thủ tục không thuộc thẩm quyền của xã")
	test.Tap(r.refusal.confirm)
	r.wait()
	if dossierCount(t, st) != before+1 {
		t.Fatalf("no dossier written (status %q)", r.status.Text)
	}
	var refused int
	if err := st.DB().QueryRow("SELECT count(*) FROM dossiers WHERE status = ? AND applicant = ?", int(data.StatusRefused), "Nguyễn Văn An").Scan(&refused); err != nil {
		t.Fatal(err)
	}
	if refused != 1 {
		t.Errorf("refused dossiers of the applicant: %d", refused)
	}
	if len(*prints) != 1 || !bytes.HasPrefix((*prints)[0].pdf, []byte("%PDF")) {
		t.Fatalf("form 03 printed %d times", len(*prints))
	}
}

func TestReceptionSupplementGuidance(t *testing.T) {
	r, st, _, prints := newReceptionTest(t)
	before := dossierCount(t, st)
	pickBirth(t, r)
	fillApplicant(r, "001090123456")
	untick := -1
	for i, d := range r.docs {
		if d.doc.Required {
			d.check.SetChecked(false)
			untick = i
			break
		}
	}
	if untick < 0 {
		t.Skip("birth registration lists no required document")
	}
	test.Tap(r.guideBtn)
	r.wait()
	if len(*prints) != 1 || !bytes.HasPrefix((*prints)[0].pdf, []byte("%PDF")) {
		t.Fatalf("form 02 printed %d times (status %q)", len(*prints), r.status.Text)
	}
	if dossierCount(t, st) != before {
		t.Error("the guidance received a dossier")
	}
	if r.name.entry.Text == "" {
		t.Error("the guidance cleared the form")
	}
}

// TestReceptionScreenshot renders the screen to $RECEPTION_PNG when set (to look at it).
func TestReceptionScreenshot(t *testing.T) {
	out := os.Getenv("RECEPTION_PNG")
	if out == "" {
		t.Skip("RECEPTION_PNG not set")
	}
	r, _, w, _ := newReceptionTest(t)
	pickBirth(t, r)
	fillApplicant(r, "00109012345")
	r.repCheck.SetChecked(true)
	test.Tap(r.receiveBtn)
	r.wait()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// Receiving with a required document (*) unticked is refused by the store; the screen shows the
// reason naming the document and offers form 02 instead, which prints the guidance without
// receiving anything.
func TestReceptionMissingRequiredOffersGuidance(t *testing.T) {
	r, st, w, prints := newReceptionTest(t)
	before := dossierCount(t, st)
	pickBirth(t, r)
	fillApplicant(r, "001090123456")
	var missing string
	for _, d := range r.docs {
		if d.doc.Required {
			d.check.SetChecked(false)
			missing = d.doc.Name
			break
		}
	}
	if missing == "" {
		t.Fatal("birth registration lists no required document")
	}
	test.Tap(r.receiveBtn)
	r.wait()
	if n := dossierCount(t, st); n != before {
		t.Fatalf("dossiers %d → %d: received with a required document missing", before, n)
	}
	if !strings.Contains(r.status.Text, missing) {
		t.Errorf("status %q does not name the missing %q", r.status.Text, missing)
	}
	if r.missingBox == nil || len(*prints) != 0 {
		t.Fatalf("no offer of form 02 (box %v, %d printed)", r.missingBox != nil, len(*prints))
	}
	tapOverlayButton(t, w, "In phiếu hướng dẫn bổ sung (mẫu 02)")
	r.wait()
	if len(*prints) != 1 || !strings.Contains((*prints)[0].path, "huong-dan-bo-sung") {
		t.Fatalf("form 02 printed %d times (status %q)", len(*prints), r.status.Text)
	}
	if dossierCount(t, st) != before {
		t.Error("the guidance received a dossier")
	}
}

// The picker tells apart procedures whose names begin alike: the code leads, the common
// "Thủ tục" goes, and the name wraps onto a second line.
func TestProcedureLineShowsTheDistinguishingPart(t *testing.T) {
	for _, c := range [][3]string{
		{"1.001193", "Thủ tục đăng ký khai sinh", "1.001193 · Đăng ký khai sinh"},
		{"2.000001", "Cấp bản sao trích lục", "2.000001 · Cấp bản sao trích lục"},
		{"3", "Thủ tục ", "3 · Thủ tục"},
	} {
		if got := procedureLine(c[0], c[1]); got != c[2] {
			t.Errorf("procedureLine(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}
