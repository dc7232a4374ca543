package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/demo"
	"motcua/data/demo/demotest"
	"motcua/data/vntext"
	"motcua/reports/pdftest"
)

// formsFixture is a demo office's settings, names and a few dossiers of each kind, read once from
// a copy of the office that the first test's temporary folder holds.
type formsFixture struct {
	st       Settings
	names    Names
	received []*FormData // received, with fees, due dates, several documents
	rep      *FormData   // an organisation with a representative
	post     *FormData   // result by post
	noDue    *FormData   // no due date (if the demo has one)
	supp     *FormData   // with a supplement request
	supp2    *FormData   // with two supplement requests
	refused  *FormData   // refused at the counter (no code)
}

var fixture struct {
	once sync.Once
	f    *formsFixture
	err  error
}

var formsNow = time.Date(2026, 3, 20, 10, 30, 0, 0, vntext.Zone())

func formsDemo(t testing.TB) *formsFixture {
	t.Helper()
	fixture.once.Do(func() {
		fixture.err = errors.New("the forms fixture failed in an earlier test")
		fixture.f, fixture.err = buildFormsFixture(t)
	})
	if fixture.err != nil {
		t.Fatal(fixture.err)
	}
	return fixture.f
}

func buildFormsFixture(tb testing.TB) (*formsFixture, error) {
	path := filepath.Join(demotest.Copy(tb, demo.Options{Dossiers: 300, Seed: 7, Now: formsNow}), data.DBFile)
	ctx := context.Background()
	s, err := data.Open(path, data.WithClock(func() time.Time { return formsNow }))
	if err != nil {
		return nil, err
	}
	defer s.Close()
	fx := &formsFixture{}
	if fx.st, err = LoadSettings(ctx, s); err != nil {
		return nil, err
	}
	if fx.names, err = LoadNames(ctx, s); err != nil {
		return nil, err
	}
	err = s.EachDossier(ctx, data.ByReceived, calendar.DateOf(formsNow.AddDate(-1, 0, -1)), calendar.DateOf(formsNow), func(d *data.Dossier, evs []data.Event) error {
		fd := &FormData{Dossier: d, Events: evs, Names: fx.names, Now: formsNow}
		switch {
		case d.Supplements >= 2 && fx.supp2 == nil:
			fx.supp2 = fd
		case d.Supplements == 1 && fx.supp == nil:
			fx.supp = fd
		case d.Representative != nil && fx.rep == nil:
			fx.rep = fd
		case d.Delivery == data.DeliveryPost && fx.post == nil:
			fx.post = fd
		case !d.HasDue && fx.noDue == nil:
			fx.noDue = fd
		case len(d.Fees) > 0 && len(d.Documents) >= 3 && len(fx.received) < 6:
			fx.received = append(fx.received, fd)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Refused dossiers have no code and no reception time: find one through the log.
	var raw []byte
	if err := s.DB().QueryRow("SELECT dossier FROM events WHERE type = 'refused' LIMIT 1").Scan(&raw); err != nil {
		return nil, err
	}
	id, err := uuid.FromBytes(raw)
	if err != nil {
		return nil, err
	}
	d, evs, err := s.DossierByID(ctx, id)
	if err != nil {
		return nil, err
	}
	fx.refused = &FormData{Dossier: d, Events: evs, Names: fx.names, Now: formsNow}
	if len(fx.received) == 0 || fx.supp == nil || fx.rep == nil {
		return nil, fmt.Errorf("demo office lacks dossiers of some kind: %d received, supp %v, rep %v", len(fx.received), fx.supp != nil, fx.rep != nil)
	}
	return fx, nil
}

// render writes a form and returns the PDF.
func render(t *testing.T, form func(w *bytes.Buffer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := form(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	return buf.Bytes()
}

// pdfPages counts a PDF's pages with pdfinfo.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	f := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(f, pdf, 0o600)
	out, err := exec.Command("pdfinfo", f).Output()
	if err != nil {
		t.Skipf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo: no page count in %s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// savePDF keeps a PDF under MOTCUA_PDF_OUT for looking at it (pdftoppm -png -r 70).
func savePDF(t *testing.T, name string, pdf []byte) {
	if out := os.Getenv("MOTCUA_PDF_OUT"); out != "" {
		if err := os.WriteFile(filepath.Join(out, name), pdf, 0o644); err != nil {
			t.Error(err)
		}
	}
}

func TestReceiptFields(t *testing.T) {
	fx := formsDemo(t)
	for _, layout := range []string{ReceiptA4, ReceiptA5} {
		st := fx.st
		st.ReceiptLayout = layout
		st.LookupURL = "https://dichvucong.thanhhoa.gov.vn/tra-cuu"
		for i, fd := range append([]*FormData{fx.rep, fx.post}, fx.received...) {
			if fd == nil {
				continue
			}
			pdf := render(t, func(w *bytes.Buffer) error { return Receipt(w, st, fd) })
			if i == 0 {
				savePDF(t, "receipt-"+layout+".pdf", pdf)
			}
			d := fd.Dossier
			ft := pdftest.Searchable(t, pdf)
			want := []string{d.Code, d.Applicant.Name, d.ProcedureName, "Liên 1: Lưu", "Liên 2: Giao người nộp",
				"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
				vntext.DateTimeWords(d.ReceivedAt.In(vntext.Zone())), d.Limit.VN(),
				fd.Names.User(d.ReceivedBy), "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"}
			if d.HasDue {
				want = append(want, vntext.DateTimeWords(d.Due.In(vntext.Zone())))
			} else {
				want = append(want, "Không có thời hạn")
			}
			var total int64
			for _, f := range d.Fees {
				total += f.Amount
			}
			if total > 0 {
				want = append(want, vntext.MoneyWords(total))
			} else {
				want = append(want, "Phí, lệ phí: Không")
			}
			for _, doc := range d.Documents {
				want = append(want, doc.Name)
			}
			if d.Representative != nil {
				want = append(want, d.Representative.Name)
			}
			for _, w := range want {
				if !strings.Contains(ft, pdftest.Flat(w)) {
					t.Errorf("%s %s: receipt lacks %q", layout, d.Code, w)
				}
			}
			// Both copies carry the code three times (header, field, under the barcode).
			if n := strings.Count(ft, d.Code); n < 6 {
				t.Errorf("%s %s: code printed %d times, want ≥ 6", layout, d.Code, n)
			}
			pages := pdfPages(t, pdf)
			if layout == ReceiptA4 && pages != 1 || layout == ReceiptA5 && pages != 2 {
				t.Errorf("%s %s: %d pages", layout, d.Code, pages)
			}
		}
	}
}

// checkInks asserts that nothing the receipt drew overlaps anything else, and that every mark is
// inside the page's margins and inside one half (A4 layout) or page (A5 layout).
func checkInks(t *testing.T, name string, inks []rcInk, pageW, pageH, half float64) {
	t.Helper()
	if len(inks) == 0 {
		t.Fatalf("%s: nothing recorded", name)
	}
	const eps = 0.02
	for i, a := range inks {
		if a.x < 5 || a.x+a.w > pageW-5 || a.y < 4 || a.y+a.h > pageH-4 {
			t.Errorf("%s: %s at page %d (%.1f,%.1f %.1f×%.1f) outside the printable page", name, a.what, a.page, a.x, a.y, a.w, a.h)
		}
		if half > 0 && a.y < half && a.y+a.h > half {
			t.Errorf("%s: %s at page %d (%.1f,%.1f %.1f×%.1f) crosses the cut line", name, a.what, a.page, a.x, a.y, a.w, a.h)
		}
		for _, b := range inks[i+1:] {
			if a.page == b.page && a.x+a.w > b.x+eps && b.x+b.w > a.x+eps && a.y+a.h > b.y+eps && b.y+b.h > a.y+eps {
				t.Errorf("%s: page %d: %s (%.1f,%.1f %.1f×%.1f) overlaps %s (%.1f,%.1f %.1f×%.1f)", name, a.page,
					a.what, a.x, a.y, a.w, a.h, b.what, b.x, b.y, b.w, b.h)
			}
		}
	}
}

func TestReceiptNothingOverlaps(t *testing.T) {
	fx := formsDemo(t)
	// Six documents: the table in two halves.
	six := *fx.received[0]
	d := *six.Dossier
	d.Documents = longDossier(fx.rep).Dossier.Documents[:6]
	six.Dossier = &d
	for _, layout := range []string{ReceiptA4, ReceiptA5} {
		st := fx.st
		st.ReceiptLayout = layout
		st.LookupURL = "https://dichvucong.thanhhoa.gov.vn/tra-cuu-ho-so"
		for i, fd := range append([]*FormData{&six, fx.rep, fx.post, fx.noDue, fx.supp}, fx.received...) {
			if fd == nil {
				continue
			}
			var inks []rcInk
			var buf bytes.Buffer
			if err := writeReceipt(&buf, st, fd, &inks); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				savePDF(t, "receipt-six-"+layout+".pdf", buf.Bytes())
				raw := pdftest.Flat(pdftest.Text(t, buf.Bytes(), pdftest.Raw))
				for _, doc := range d.Documents {
					if n := strings.Count(raw, pdftest.Flat(doc.Name)+" "); n != 2 {
						t.Errorf("%s: document %q printed %d times, want 2", layout, doc.Name, n)
					}
				}
				if pages := pdfPages(t, buf.Bytes()); layout == ReceiptA4 && pages != 1 {
					t.Errorf("six documents on %d A4 pages", pages)
				}
			}
			if layout == ReceiptA4 {
				checkInks(t, layout+" "+fd.Dossier.Code, inks, 210, 297, 148.5)
			} else {
				checkInks(t, layout+" "+fd.Dossier.Code, inks, 148, 210, 0)
			}
		}
	}
}

// longDossier is a real dossier with a 300-character applicant name, a long address and 15
// documents, some with long names.
func longDossier(fd *FormData) *FormData {
	d := *fd.Dossier
	name := []rune(strings.Repeat("Công ty Trách nhiệm Hữu hạn Một thành viên Thương mại Dịch vụ Xuất nhập khẩu Đông Tiến Thanh Hóa ", 4))
	d.Applicant.Name = strings.TrimSpace(string(name[:300]))
	d.Applicant.Address = "Số nhà 123, ngõ 45, ngách 67, đường Nguyễn Trãi kéo dài, thôn Đại Đồng Thượng, xã Đông Tiến, tỉnh Thanh Hóa, Việt Nam"
	d.Applicant.Email = "phong.hanh.chinh.nhan.su@congty-dongtien-thanhhoa.com.vn"
	d.Documents = nil
	for i := 1; i <= 15; i++ {
		n := "Giấy tờ số " + strconv.Itoa(i) + " kèm theo hồ sơ"
		if i%4 == 0 {
			n += ": bản sao có chứng thực giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất cấp lần đầu"
		}
		d.Documents = append(d.Documents, data.DocCount{N: i, Name: n, Originals: i % 3, Copies: 1})
	}
	out := *fd
	out.Dossier = &d
	return &out
}

func TestReceiptLongDossier(t *testing.T) {
	fx := formsDemo(t)
	fd := longDossier(fx.rep)
	for _, c := range []struct {
		layout string
		pages  int
		w, h   float64
	}{{ReceiptA4, 2, 210, 297}, {ReceiptA5, 4, 148, 210}} {
		st := fx.st
		st.ReceiptLayout = c.layout
		st.LookupURL = "https://dichvucong.thanhhoa.gov.vn/tra-cuu"
		var inks []rcInk
		var buf bytes.Buffer
		if err := writeReceipt(&buf, st, fd, &inks); err != nil {
			t.Fatal(err)
		}
		pdf := buf.Bytes()
		savePDF(t, "receipt-long-"+c.layout+".pdf", pdf)
		checkInks(t, "long "+c.layout, inks, c.w, c.h, 0)
		if n := pdfPages(t, pdf); n != c.pages {
			t.Errorf("%s: %d pages, want %d", c.layout, n, c.pages)
		}
		raw := pdftest.Flat(pdftest.Text(t, pdf, pdftest.Raw))
		for _, doc := range fd.Dossier.Documents {
			if n := strings.Count(raw, pdftest.Flat(doc.Name)+" "); n != 2 {
				t.Errorf("%s: document %q printed %d times, want 2", c.layout, doc.Name, n)
			}
		}
		if n := strings.Count(raw, fd.Dossier.Applicant.Name); n < 2 {
			t.Errorf("%s: the long name printed whole %d times", c.layout, n)
		}
	}
}

// A dossier that does not fit its half at the largest size goes down the ladder; one that fits at
// no size is printed one copy per page.
func TestReceiptShrinksBeforeBreaking(t *testing.T) {
	fx := formsDemo(t)
	fd := *fx.rep
	d := *fd.Dossier
	fd.Dossier = &d
	var sizes []float64
	for n := 1; n <= 12; n++ {
		d.Documents = longDossier(fx.rep).Dossier.Documents[:n]
		r, err := newReceipt(fx.st, &fd)
		if err == nil {
			err = r.encodeCodes()
		}
		if err != nil {
			t.Fatal(err)
		}
		r.doc = ofNewDoc("A4", &fd)
		r.pdf = r.doc.PDF()
		g := rcHalfA4
		sc, ok := r.fit(g.painter(r.pdf, nil), g.h-g.top-g.bottom, r.rcHalfLadder())
		if !ok {
			sc.body = 0
		}
		if sc.twoUp {
			sc.body = -sc.body
		}
		sizes = append(sizes, sc.body)
	}
	// Negative: the table in two halves.
	abs := func(v float64) float64 { return max(v, -v) }
	twoUp := false
	for i := 1; i < len(sizes); i++ {
		if abs(sizes[i]) > abs(sizes[i-1]) && (sizes[i] > 0) == (sizes[i-1] > 0) || sizes[i] > 0 && sizes[i-1] < 0 {
			t.Errorf("more documents, larger type or back to one column: %v", sizes)
		}
		twoUp = twoUp || sizes[i] < 0
	}
	if sizes[0] < 9.5 || sizes[len(sizes)-1] != 0 || !twoUp {
		t.Errorf("type sizes by number of documents: %v", sizes)
	}
	t.Logf("body size by number of documents (negative: two-column table, 0: a page per copy): %v", sizes)
}

func TestReceiptWrongDossier(t *testing.T) {
	fx := formsDemo(t)
	for _, fd := range []*FormData{fx.refused, {Dossier: &data.Dossier{Status: data.StatusSubmitted, Intake: data.Intake{Applicant: data.Person{Name: "Lê Văn Tám"}}}}} {
		var buf bytes.Buffer
		err := Receipt(&buf, fx.st, fd)
		if err == nil || !strings.Contains(err.Error(), "chưa được tiếp nhận") || buf.Len() != 0 {
			t.Errorf("receipt of a dossier in status %s: %v, %d bytes", fd.Dossier.Status, err, buf.Len())
		}
	}
	if err := Receipt(new(bytes.Buffer), fx.st, nil); err == nil {
		t.Error("receipt of nothing")
	}
}

// Forms are generated from several goroutines at once (the GUI prints while the counter receives):
// each one must come out byte for byte as when made alone.
func TestReceiptConcurrent(t *testing.T) {
	fx := formsDemo(t)
	type job struct {
		fd     *FormData
		st     Settings
		form   func(io.Writer, Settings, *FormData) error
		single []byte
	}
	var jobs []*job
	for i, fd := range append([]*FormData{fx.rep, fx.post}, fx.received...) {
		if fd == nil {
			continue
		}
		st := fx.st
		st.ReceiptLayout = []string{ReceiptA4, ReceiptA5}[i%2]
		jobs = append(jobs, &job{fd: fd, st: st, form: Receipt})
	}
	jobs = append(jobs, &job{fd: fx.supp, st: fx.st, form: Supplement}, &job{fd: fx.refused, st: fx.st, form: Refusal})
	for _, j := range jobs {
		var buf bytes.Buffer
		if err := j.form(&buf, j.st, j.fd); err != nil {
			t.Fatal(err)
		}
		j.single = buf.Bytes()
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(jobs))
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				j := jobs[(k+g)%len(jobs)]
				var buf bytes.Buffer
				if err := j.form(&buf, j.st, j.fd); err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(buf.Bytes(), j.single) {
					errs <- fmt.Errorf("%s: concurrent output differs from the single one", j.fd.Dossier.Code)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestReceiptFontsEmbedded(t *testing.T) {
	fx := formsDemo(t)
	pdf := render(t, func(w *bytes.Buffer) error { return Receipt(w, fx.st, fx.received[0]) })
	fonts := pdfFonts(t, pdf)
	lines := 0
	for _, l := range strings.Split(fonts, "\n") {
		if strings.Contains(l, "CID TrueType") {
			lines++
			// name, type (2 words), encoding, emb, sub, uni, object ID (2 numbers)
			if f := strings.Fields(l); len(f) < 9 || f[len(f)-5] != "yes" {
				t.Errorf("font not embedded: %s", l)
			}
		}
	}
	if lines == 0 {
		t.Errorf("no embedded TrueType fonts:\n%s", fonts)
	}
}

// The receipt ties the dossier to the tracking book: "Vào Sổ theo dõi hồ sơ, Quyển số …, Số thứ
// tự …" with the volume and number given at reception.
func TestReceiptPrintsBookVolumeAndNumber(t *testing.T) {
	fx := formsDemo(t)
	fd := fx.received[0]
	vol, n, ok := fd.Dossier.Book()
	if !ok {
		t.Fatalf("demo dossier %s has no book number", fd.Dossier.Code)
	}
	pdf := render(t, func(w *bytes.Buffer) error { return Receipt(w, fx.st, fd) })
	ft := pdftest.Searchable(t, pdf)
	want := fmt.Sprintf("Vào Sổ theo dõi hồ sơ, Quyển số: %d, Số thứ tự: %d", vol, n)
	if strings.Count(ft, want) < 2 {
		t.Errorf("receipt of %s lacks %q on both copies", fd.Dossier.Code, want)
	}
}

// Forms cite the form set in force on the dossier's date: one received in 2024, even stamped
// "2025" by an import, cites Circular 01/2018; one received in 2026 cites Circular 03/2025.
func TestFormsCiteTheFormSetOfTheDossiersDate(t *testing.T) {
	fx := formsDemo(t)
	for _, c := range []struct {
		at        time.Time
		want, not string
	}{
		{time.Date(2024, 5, 6, 9, 0, 0, 0, vntext.Zone()), "Thông tư số 01/2018/TT-VPCP", "03/2025/TT-VPCP"},
		{time.Date(2026, 1, 5, 9, 0, 0, 0, vntext.Zone()), "Thông tư số 03/2025/TT-VPCP", "01/2018/TT-VPCP"},
	} {
		d := *fx.received[0].Dossier
		d.ReceivedAt, d.FormSet = c.at, "2025"
		fd := *fx.received[0]
		fd.Dossier = &d
		for _, name := range []string{"receipt", "refusal"} {
			form := Receipt
			if name == "refusal" {
				form = Refusal
				rd := *fx.refused.Dossier
				rd.FinishedAt, rd.SubmittedAt = c.at, time.Time{}
				fd = *fx.refused
				fd.Dossier = &rd
			}
			pdf := render(t, func(w *bytes.Buffer) error { return form(w, fx.st, &fd) })
			ft := pdftest.Flat(pdftest.Text(t, pdf, pdftest.Raw))
			if !strings.Contains(ft, c.want) || strings.Contains(ft, c.not) {
				t.Errorf("%s of a dossier of %s: want %q, not %q, in\n%s", name, c.at.Format("02/01/2006"), c.want, c.not, ft)
			}
		}
	}
}
