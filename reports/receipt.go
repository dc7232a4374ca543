package reports

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"motcua/data"
	"motcua/data/vntext"
)

// Receipt writes form 01, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", in two copies: "Liên 1: Lưu"
// kept by the office and "Liên 2: Giao người nộp" handed to the applicant. st.ReceiptLayout
// chooses the paper: ReceiptA4 puts both copies on one A4 sheet as two A5 halves with a dashed cut
// line between them; ReceiptA5 prints one A5 page per copy. Each copy carries a QR code of the
// dossier code (and one of the office's look-up page when st.LookupURL is set) and a Code 128
// barcode for counter scanners.
//
// A copy is laid out at the largest type size at which it fits its half or page (11 pt down to
// 8.5 pt). A dossier too long for that (dozens of documents, very long names) is printed one copy
// per page in normal type, continuing on further pages with the table header repeated: text is
// never shrunk to unreadable and never overlaps.
func Receipt(w io.Writer, st Settings, f *FormData) error {
	return writeReceipt(w, st, f, nil)
}

// rcInk is a rectangle the receipt put ink in; tests collect them to prove nothing overlaps.
type rcInk struct {
	page       int
	x, y, w, h float64
	what       string
}

func writeReceipt(w io.Writer, st Settings, f *FormData, inks *[]rcInk) error {
	r, err := newReceipt(st, f)
	if err != nil {
		return err
	}
	// The codes are encoded while gofpdf parses the fonts: both take milliseconds.
	encoded := make(chan error, 1)
	go func() { encoded <- r.encodeCodes() }()
	size := "A4"
	if st.ReceiptLayout == ReceiptA5 {
		size = "A5"
	}
	r.doc = ofNewDoc(size, f)
	r.pdf = r.doc.PDF()
	r.pdf.SetAutoPageBreak(false, 0)
	if err := <-encoded; err != nil {
		return err
	}
	if size == "A5" {
		r.pages(rcPageA5, inks, rcLadder(11, 8.5), rcLadder(10, 10)[0])
	} else {
		r.a4(inks)
	}
	return r.doc.Write(w)
}

// Receipt copies.
var rcCopies = [2]string{"Liên 1: Lưu", "Liên 2: Giao người nộp"}

// receipt is one dossier's receipt being written: the texts are prepared once and laid out for
// both copies.
type receipt struct {
	st  Settings
	f   *FormData
	d   *data.Dossier
	doc *Doc
	pdf *gofpdf.Fpdf

	code    string
	number  string // "Số: …" in the header
	date    time.Time
	title   string
	cite    string
	fields  [][]ofRun // beside the codes: code, unit, applicant, contact, request
	items   [][]ofRun // numbered items after the document table
	docs    [][]string
	signers [2]Sign

	qrCode, qrURL qrCode
	url           string
	bar           barCode
}

func newReceipt(st Settings, f *FormData) (*receipt, error) {
	if f == nil || f.Dossier == nil {
		return nil, errors.New("chưa chọn hồ sơ để in giấy tiếp nhận")
	}
	d := f.Dossier
	if d.Code == "" || d.ReceivedAt.IsZero() {
		return nil, fmt.Errorf("hồ sơ %s chưa được tiếp nhận (trạng thái: %s): không có giấy tiếp nhận để in", ofName(d), d.Status)
	}
	r := &receipt{st: ofSettings(st), f: f, d: d, code: d.Code, number: d.Code, date: ofLocal(d.ReceivedAt)}
	set := ofFormSet(st, d)
	r.title = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
	r.cite = ofCitation(st, set, "01")

	if u := strings.TrimSpace(st.LookupURL); u != "" {
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		r.url = u + sep + "ma=" + d.Code
	}

	a := d.Applicant
	r.fields = append(r.fields,
		ofField("Mã hồ sơ", d.Code),
		ofField("Đơn vị tiếp nhận", ofReceivingUnit(st)),
		ofField("Tiếp nhận hồ sơ của", a.Name))
	if a.Address != "" {
		r.fields = append(r.fields, ofField("Địa chỉ", a.Address))
	}
	var contact []ofRun
	if a.IDNo != "" {
		contact = ofField("Số giấy tờ", a.IDNo)
	}
	if c := ofContact(a); c != nil {
		if contact != nil {
			contact = append(contact, ofRun{text: "; "})
		}
		contact = append(contact, c...)
	}
	if contact != nil {
		r.fields = append(r.fields, contact)
	}
	if p := d.Representative; p != nil && p.Name != "" {
		rep := ofField("Người đại diện, được ủy quyền", p.Name)
		if p.Phone != "" {
			rep = append(rep, ofRun{text: "; điện thoại: "}, ofRun{style: "B", text: p.Phone})
		}
		r.fields = append(r.fields, rep)
	}
	r.fields = append(r.fields, ofField("Nội dung yêu cầu giải quyết", d.ProcedureName))

	for i, doc := range d.Documents {
		r.docs = append(r.docs, []string{fmt.Sprint(i + 1), doc.Name, fmt.Sprint(doc.Originals), fmt.Sprint(doc.Copies)})
	}
	sets := d.Sets
	if sets < 1 {
		sets = 1
	}
	due := "Không có thời hạn"
	if d.HasDue {
		due = vntext.DateTimeWords(ofLocal(d.Due))
		if !d.DueOriginal.IsZero() && !d.Due.Equal(d.DueOriginal) {
			due += " (hẹn ban đầu " + vntext.DateTimeWords(ofLocal(d.DueOriginal)) + ", lùi do bổ sung hồ sơ)"
		}
	}
	r.items = [][]ofRun{
		ofField("2. Số lượng hồ sơ", fmt.Sprintf("%02d bộ", sets)),
		ofFieldKeep("3. Thời hạn giải quyết hồ sơ theo quy định", d.Limit.VN()),
		ofFieldKeep("4. Thời gian nhận hồ sơ", vntext.DateTimeWords(r.date)),
		ofFieldKeep("5. Thời gian trả kết quả giải quyết hồ sơ", due),
		ofField("6. Nhận kết quả tại", ofDelivery(st, d)),
		ofFees("7. Phí, lệ phí", d.Fees),
	}
	// The line of form 01 that ties the receipt to the tracking book (form 07). A dossier received
	// before the book was numbered has no number, and its receipt prints no such line.
	if vol, n, ok := d.Book(); ok {
		r.items = append(r.items, []ofRun{{text: "Vào Sổ theo dõi hồ sơ, Quyển số: "}, {style: "B", text: fmt.Sprint(vol)},
			{text: ", Số thứ tự: "}, {style: "B", text: fmt.Sprint(n), keep: true}})
	}
	submitter := a.Name
	if p := d.Representative; p != nil && p.Name != "" {
		submitter = p.Name
	}
	r.signers = [2]Sign{
		{Title: "Người nộp hồ sơ", Note: "(Ký, ghi rõ họ tên)", Name: submitter},
		{Title: "Người tiếp nhận hồ sơ", Note: "(Ký, ghi rõ họ tên)", Name: f.Names.User(d.ReceivedBy)},
	}
	return r, nil
}

// encodeCodes encodes the QR code(s) and the barcode.
func (r *receipt) encodeCodes() (err error) {
	if r.qrCode, err = encodeQR(r.code); err != nil {
		return err
	}
	if r.url != "" {
		if r.qrURL, err = encodeQR(r.url); err != nil {
			return err
		}
	}
	r.bar, err = encodeCode128(r.code)
	return err
}

// rcScale is one step of the ladder of type sizes a copy is tried at.
type rcScale struct {
	body, table, sig, qr, bar float64 // pt, pt, mm of signing space, mm QR side, mm bar height
	twoUp                     bool    // the document table in two side-by-side halves
}

// rcLadder is the scales from body size hi down to lo by half points; the codes and the signing
// space shrink with the type.
func rcLadder(hi, lo float64) []rcScale {
	var l []rcScale
	for s := hi; s >= lo; s -= 0.5 {
		k := min(max((s-8.5)/2.5, 0), 1.4) // 1 at 11 pt, 0 at 8.5 pt
		l = append(l, rcScale{body: s, table: s - 0.5, sig: 10 + 6*k, qr: 19 + 3*k, bar: 7 + 2*k})
	}
	return l
}

// rcPage is where copies go: a page size and its margins.
type rcPage struct{ w, h, left, right, top, bottom float64 }

func (g rcPage) painter(pdf *gofpdf.Fpdf, inks *[]rcInk) *ofPainter {
	return &ofPainter{pdf: pdf, x: g.left, w: g.w - g.left - g.right, inks: inks}
}

// Where copies go, by layout.
var (
	rcHalfA4 = rcPage{w: 210, h: 148.5, left: 14, right: 12, top: 7, bottom: 5.5}
	rcPageA4 = rcPage{w: 210, h: 297, left: 25, right: 15, top: 15, bottom: 15}
	rcPageA5 = rcPage{w: 148, h: 210, left: 12, right: 10, top: 9, bottom: 8}
)

// rcHalfLadder is the scales tried for an A5 half: the document table in one column down to 9 pt,
// then (for four documents or more) in two side-by-side halves from 10 pt down to 8.5 pt.
func (r *receipt) rcHalfLadder() []rcScale {
	l := rcLadder(11, 9)
	if len(r.docs) >= 4 {
		for _, sc := range rcLadder(10, 8.5) {
			sc.twoUp = true
			l = append(l, sc)
		}
	} else {
		l = append(l, rcLadder(8.5, 8.5)...)
	}
	return l
}

// a4 prints both copies on one A4 sheet, one per A5 half; a copy too long for a half gets an A4
// page of its own, and one too long for that continues on further pages.
func (r *receipt) a4(inks *[]rcInk) {
	g := rcHalfA4
	p := g.painter(r.pdf, inks)
	if sc, ok := r.fit(p, g.h-g.top-g.bottom, r.rcHalfLadder()); ok {
		r.pdf.AddPage()
		for i, label := range rcCopies {
			p.dry, p.y, p.exBottom, p.flow = false, float64(i)*g.h+g.top, 0, false
			r.layout(p, sc, label)
		}
		// The cut line, between the halves' margins.
		r.pdf.SetDashPattern([]float64{2.5, 1.5}, 0)
		r.pdf.SetLineWidth(0.2)
		r.pdf.Line(6, g.h, 204, g.h)
		r.pdf.SetDashPattern([]float64{}, 0)
		p.font("I", 6.5)
		lbl := ofClean("cắt theo đường này")
		lw := r.pdf.GetStringWidth(lbl)
		r.pdf.SetFillColor(255, 255, 255)
		r.pdf.Rect(105-lw/2-1.5, g.h-1.5, lw+3, 3, "F")
		r.pdf.Text(105-lw/2, g.h+0.8, lbl)
		return
	}
	r.pages(rcPageA4, inks, rcLadder(12, 9), rcLadder(11, 11)[0])
}

// pages prints each copy from the top of a page of its own (an A5 page in the A5 layout) at the largest scale of the ladder at
// which it fits the page, else at scale long, breaking pages (the table header repeated).
func (r *receipt) pages(g rcPage, inks *[]rcInk, ladder []rcScale, long rcScale) {
	p := g.painter(r.pdf, inks)
	sc, ok := r.fit(p, g.h-g.top-g.bottom, ladder)
	if !ok {
		sc = long
	}
	for _, label := range rcCopies {
		r.pdf.AddPage()
		p.dry, p.y, p.exBottom = false, g.top, 0
		p.flow, p.top, p.bottom = true, g.top, g.h-g.bottom
		p.onBreak = func() {
			p.para([]ofRun{{style: "I", text: fmt.Sprintf("Giấy tiếp nhận hồ sơ %s — %s (tiếp theo)", r.code, label)}}, sc.body-1, (sc.body-1)*0.43, "R")
			p.y += 2
		}
		r.layout(p, sc, label)
	}
}

// fit finds the largest scale of the ladder at which a copy's height is at most h. It measures
// before the first page exists, so the trial layouts write nothing into the document.
func (r *receipt) fit(p *ofPainter, h float64, ladder []rcScale) (rcScale, bool) {
	for _, sc := range ladder {
		p.dry, p.y, p.exBottom, p.flow = true, 0, 0, false
		r.layout(p, sc, rcCopies[1]) // the longer label
		if p.y <= h {
			return sc, true
		}
	}
	return rcScale{}, false
}

// layout writes (or, dry, measures) one copy from p.y down.
func (r *receipt) layout(p *ofPainter, sc rcScale, label string) {
	s := sc.body
	lh := s * 0.43
	p.header(r.st, r.number, r.date, s)

	// Title, citation, copy.
	p.centered("B", s+1.5, (s+1.5)*0.45, strings.ToUpper(r.title), p.x, p.w)
	if r.cite != "" {
		p.centered("I", s-2.5, (s-2.5)*0.42, "("+r.cite+")", p.x, p.w)
	}
	p.centered("B", s-0.5, (s-0.5)*0.45, label, p.x, p.w)
	p.y += 1.5

	r.codes(p, sc)
	for _, f := range r.fields {
		p.para(f, s, lh, "L")
	}
	p.para(ofField("1. Thành phần hồ sơ nộp gồm", ""), s, lh, "L")
	if p.y < p.exBottom {
		p.y = p.exBottom + 1
	}
	p.exBottom = 0
	if len(r.docs) == 0 {
		p.para([]ofRun{{style: "I", text: "(Không có giấy tờ kèm theo)"}}, s, lh, "L")
	} else {
		cols := []Column{{"STT", 8, "C"}, {"Tên giấy tờ", 64, "L"}, {"Bản chính", 14, "C"}, {"Bản sao", 14, "C"}}
		rows := r.docs
		if sc.twoUp {
			// Documents 1…k in the left half, k+1…n in the right, side by side.
			cols = []Column{{"STT", 7, "C"}, {"Tên giấy tờ", 53, "L"}, {"Bản chính", 15, "C"}, {"Bản sao", 13, "C"},
				{"STT", 7, "C"}, {"Tên giấy tờ", 53, "L"}, {"Bản chính", 15, "C"}, {"Bản sao", 13, "C"}}
			k := (len(r.docs) + 1) / 2
			rows = make([][]string, k)
			for i := range rows {
				rows[i] = append([]string{}, r.docs[i]...)
				if k+i < len(r.docs) {
					rows[i] = append(rows[i], r.docs[k+i]...)
				}
			}
		}
		p.table(cols, rows, sc.table)
	}
	p.y += 0.8
	p.pairs(r.items, s, lh)
	p.y += 2
	p.signatures(r.signers[:], s, sc.sig)
}

// codes places the QR code(s) and the barcode at the top right of the content area and makes the
// text beside them narrower; on a narrow page they take a band of their own.
func (r *receipt) codes(p *ofPainter, sc rcScale) {
	qs := sc.qr
	gap := 3.5
	mw := 0.22 // barcode module width in mm: 3 dots at 300 dpi, readable by any counter scanner
	bw := r.bar.width(mw)
	capSize := 6.5
	capH := 2.8
	nQR := 1
	if r.url != "" {
		nQR = 2
	}
	qrRow := float64(nQR)*qs + float64(nQR-1)*gap
	textH := 3.6
	right := p.x + p.w
	y := p.y
	// Quiet zones: 4 modules around each QR symbol (the caption sits below that).
	qz := func(q qrCode) float64 { return qrQuiet * qs / float64(q.dim) }
	capY := y + qs + qz(r.qrCode)
	if r.url != "" {
		capY = max(capY, y+qs+qz(r.qrURL))
	}
	drawQRs := func(x0 float64) {
		x := x0
		for i, q := range []qrCode{r.qrCode, r.qrURL}[:nQR] {
			caption := "Mã hồ sơ"
			if i == 1 {
				caption = "Tra cứu kết quả"
			}
			if !p.dry {
				q.draw(p.pdf, x, y, qs)
			}
			p.ink(x, y, qs, qs, "qr")
			p.centeredAt("", capSize, capH, caption, x-gap/2, qs+gap, capY)
			x += qs + gap
		}
	}
	wide := p.w-max(qrRow, bw)-4 >= 95
	if wide {
		cw := max(qrRow, bw)
		drawQRs(right - (cw+qrRow)/2)
		by := capY + capH + 1.5
		if !p.dry {
			r.bar.draw(p.pdf, right-bw, by, bw, sc.bar)
		}
		p.ink(right-bw+code128Quiet*mw, by, bw-2*code128Quiet*mw, sc.bar, "barcode")
		p.centeredAt("", 8, textH, r.code, right-bw, bw, by+sc.bar+0.3)
		p.exTop, p.exBottom, p.exW = y, by+sc.bar+0.3+textH, cw+4
		return
	}
	// A band: barcode and code at the left, QR codes at the right.
	bandH := max(capY+capH-y, sc.bar+0.3+textH)
	by := y + (bandH-sc.bar-0.3-textH)/2
	if !p.dry {
		r.bar.draw(p.pdf, p.x, by, bw, sc.bar)
	}
	p.ink(p.x+code128Quiet*mw, by, bw-2*code128Quiet*mw, sc.bar, "barcode")
	p.centeredAt("", 8, textH, r.code, p.x, bw, by+sc.bar+0.3)
	drawQRs(right - qrRow)
	p.y = y + bandH + 1.5
}

// ---- Shared by forms 01–03 ----

// ofNewDoc starts a form's document as NewDoc does, with two differences. It registers only the
// three styles forms 01–03 use (regular, bold, italic): gofpdf parses each font when it is added
// and subsets each when the file is written, so a fourth, unused style costs about a quarter of
// the receipt's time and 16 KB. And its output is deterministic (fonts in a fixed order, dated at
// the moment of printing), so the same dossier printed twice gives the same file.
func ofNewDoc(size string, f *FormData) *Doc {
	doc := NewDoc("P", size, Styles("", "B", "I"), Dated(f.Now))
	doc.pdf.SetTitle(T("Một Cửa"), true)
	return doc
}

// ofSettings is st with every printed text made safe for the fonts (see ofClean).
func ofSettings(st Settings) Settings {
	st.GoverningBody, st.OfficeName, st.Place = ofClean(st.GoverningBody), ofClean(st.OfficeName), ofClean(st.Place)
	st.SignerName, st.SignerTitle = ofClean(st.SignerName), ofClean(st.SignerTitle)
	return st
}

// ofWho is how a form addresses the applicant.
func ofWho(d *data.Dossier) string {
	if t := d.Applicant.Type; t == 0 || t == data.ApplicantCitizen {
		return "Ông/Bà"
	}
	return "Quý cơ quan, tổ chức"
}

// ofApplicant prints the applicant's name, address, contact and representative as fields.
func ofApplicant(doc *Doc, d *data.Dossier) {
	a := d.Applicant
	label := "Ông/Bà"
	if ofWho(d) != "Ông/Bà" {
		label = "Tên cơ quan, tổ chức"
	}
	doc.Field(label, ofClean(a.Name))
	if a.IDNo != "" {
		doc.Field("Số giấy tờ", ofClean(a.IDNo))
	}
	if a.Address != "" {
		doc.Field("Địa chỉ", ofClean(a.Address))
	}
	if a.Phone != "" || a.Email != "" {
		var parts []string
		if a.Phone != "" {
			parts = append(parts, a.Phone)
		}
		if a.Email != "" {
			parts = append(parts, "Email: "+a.Email)
		}
		doc.Field("Số điện thoại", ofClean(strings.Join(parts, "; ")))
	}
	if p := d.Representative; p != nil && p.Name != "" {
		rep := p.Name
		if p.Phone != "" {
			rep += "; điện thoại: " + p.Phone
		}
		doc.Field("Người đại diện, được ủy quyền", ofClean(rep))
	}
}

// ofLatest is the last applied event of type t in the log and its payload, or nil.
func ofLatest(f *FormData, t data.EventType) (*data.Event, data.Payload, error) {
	for i := len(f.Events) - 1; i >= 0; i-- {
		e := &f.Events[i]
		if e.Type != t || e.Conflict != "" || (f.Dossier != nil && e.Dossier != f.Dossier.ID) {
			continue
		}
		p, err := data.DecodePayload(e.Type, e.Payload)
		if err != nil {
			return nil, nil, fmt.Errorf("nhật ký hồ sơ: %w", err)
		}
		return e, p, nil
	}
	return nil, nil, nil
}

// ofCount is the number of applied events of type t up to and including e.
func ofCount(f *FormData, t data.EventType, upto *data.Event) int {
	n := 0
	for i := range f.Events {
		e := &f.Events[i]
		if e.Type == t && e.Conflict == "" {
			n++
		}
		if e == upto {
			break
		}
	}
	return n
}

// ofName names a dossier in messages: its code, else its applicant.
func ofName(d *data.Dossier) string {
	if d.Code != "" {
		return d.Code
	}
	if d.Applicant.Name != "" {
		return "của " + ofClean(d.Applicant.Name)
	}
	return d.ID.String()
}

// ofRun is a piece of text in one style; keep holds it on one line when the line is wide enough
// ("09 giờ 18 phút, ngày 26 tháng 11 năm 2026" does not leave "2026" alone on the next line).
type ofRun struct {
	style, text string
	keep        bool
}

// ofField is "label: value" with the value in bold; an empty value leaves "label:".
func ofField(label, value string) []ofRun {
	if value == "" {
		return []ofRun{{style: "", text: label + ":"}}
	}
	return []ofRun{{style: "", text: label + ": "}, {style: "B", text: value}}
}

// ofFieldKeep is ofField with the value kept on one line.
func ofFieldKeep(label, value string) []ofRun {
	r := ofField(label, value)
	r[len(r)-1].keep = true
	return r
}

// ofClean prepares text for the page: NFC (T), one line, and no character the embedded font
// cannot draw — gofpdf's line splitting panics on characters outside the Basic Multilingual Plane
// (emoji pasted into a name), so those print as "?".
func ofClean(s string) string {
	return T(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s))
}

// ofCleanLines is ofClean keeping line breaks, for multi-line reasons and notes.
func ofCleanLines(s string) string {
	return T(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
}

// ofLocal is t in the office zone, the zone every printed time is in.
func ofLocal(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(vntext.Zone())
}

// ofFormSet is the form set a dossier's forms follow: the one it was received under, else the
// office's, but never one not yet in force on the dossier's date (data.FormSetOn) — a dossier of
// 2024 imported or received under a "2025" setting still cites Circular 01/2018.
func ofFormSet(st Settings, d *data.Dossier) string {
	set := d.FormSet
	if set == "" {
		set = st.FormSet
	}
	return data.FormSetOn(ofFormDate(d), set)
}

// ofFormDate is the date that decides a dossier's form set: its reception, else its online
// submission, else its refusal; zero (today) for one not yet recorded.
func ofFormDate(d *data.Dossier) time.Time {
	for _, t := range []time.Time{d.ReceivedAt, d.SubmittedAt, d.FinishedAt} {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// ofCitation is form n's legal line: the office's own when the dossier follows the set in force,
// else the default of the dossier's set.
func ofCitation(st Settings, set, n string) string {
	cur := st.FormSet
	if cur != "2018" {
		cur = "2025"
	}
	if v, ok := st.Citations[n]; ok && cur == set {
		return v
	}
	return DefaultCitation(set, n)
}

// ofReceivingUnit names the one-stop office of the issuing unit.
func ofReceivingUnit(st Settings) string {
	name := strings.TrimSpace(st.OfficeName)
	l := strings.ToLower(name)
	if name == "" {
		return "Bộ phận Một cửa"
	}
	if strings.Contains(l, "một cửa") || strings.Contains(l, "hành chính công") || strings.Contains(l, "tiếp nhận và trả kết quả") {
		return name
	}
	return "Bộ phận Một cửa - " + name
}

// ofContact is "Số điện thoại: …; Email: …", nil when there is neither.
func ofContact(a data.Person) []ofRun {
	var r []ofRun
	if a.Phone != "" {
		r = append(r, ofField("Số điện thoại", a.Phone)...)
	}
	if a.Email != "" {
		if r != nil {
			r = append(r, ofRun{text: "; "})
		}
		r = append(r, ofField("Email", a.Email)...)
	}
	return r
}

// ofDelivery is where the result is collected.
func ofDelivery(st Settings, d *data.Dossier) string {
	if d.Delivery == data.DeliveryPost {
		addr := d.Applicant.Address
		if addr == "" {
			return "Qua dịch vụ bưu chính công ích"
		}
		return "Qua dịch vụ bưu chính công ích, gửi đến: " + addr
	}
	return ofReceivingUnit(st)
}

// ofFees lists each fee and the total, "Không" when there is none.
func ofFees(label string, fees []data.Fee) []ofRun {
	var total int64
	var lines []data.Fee
	for _, f := range fees {
		if f.Amount == 0 && f.Name == "" {
			continue
		}
		if f.Name == "" {
			f.Name = "Phí, lệ phí"
		}
		total += f.Amount
		lines = append(lines, f)
	}
	switch len(lines) {
	case 0:
		return ofField(label, "Không")
	case 1:
		return []ofRun{{style: "", text: label + ": " + lines[0].Name + ": "}, {style: "B", text: vntext.MoneyWords(total), keep: true}}
	}
	parts := make([]string, len(lines))
	for i, f := range lines {
		parts[i] = f.Name + ": " + vntext.MoneyWords(f.Amount)
	}
	return []ofRun{{style: "", text: label + ": " + strings.Join(parts, "; ") + ". Tổng cộng: "}, {style: "B", text: vntext.MoneyWords(total), keep: true}}
}

// ofPainter lays text out in a column and either draws it or, dry, only measures it: the receipt
// measures a copy at several sizes before drawing it at the largest that fits. Text flows around a
// box at the top right (the codes) while y is above exBottom. In flow mode it breaks pages;
// otherwise the caller has measured that everything fits.
type ofPainter struct {
	pdf  *gofpdf.Fpdf
	dry  bool
	x, w float64
	y    float64

	exTop, exBottom, exW float64

	flow        bool
	top, bottom float64
	onBreak     func()

	inks *[]rcInk

	widths map[ofTok]int // glyph-unit width of each word by style, for every size: w = units × size / 1000
}

func (p *ofPainter) font(style string, size float64) { p.pdf.SetFont(family, style, size) }

func (p *ofPainter) ink(x, y, w, h float64, what string) {
	if p.inks != nil && !p.dry {
		*p.inks = append(*p.inks, rcInk{page: p.pdf.PageNo(), x: x, y: y, w: w, h: h, what: what})
	}
}

// need makes room for h mm: in flow mode a new page when the current one is full.
func (p *ofPainter) need(h float64) bool {
	if !p.flow || p.y+h <= p.bottom || p.y <= p.top {
		return false
	}
	if !p.dry {
		p.pdf.AddPage()
	}
	p.y, p.exBottom = p.top, 0
	if p.onBreak != nil {
		f := p.onBreak
		p.onBreak = nil // the continuation line itself never breaks again
		f()
		p.onBreak = f
	}
	return true
}

// widthAt is the column's width for a line from y to y+h.
func (p *ofPainter) widthAt(y, h float64) float64 {
	if y < p.exBottom && y+h > p.exTop {
		return p.w - p.exW
	}
	return p.w
}

// ofTok is a word with its style; sp marks a space before it.
type ofTok struct {
	style, text string
	sp          bool
}

func ofTokens(runs []ofRun) []ofTok {
	var toks []ofTok
	space := false
	for _, r := range runs {
		t := ofClean(r.text)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, " ") {
			space = true
		}
		if r.keep && strings.TrimSpace(t) != "" {
			toks = append(toks, ofTok{style: r.style, text: strings.Join(strings.Fields(t), " "), sp: space})
			space = strings.HasSuffix(t, " ")
			continue
		}
		for _, w := range strings.Fields(t) {
			toks = append(toks, ofTok{style: r.style, text: w, sp: space})
			space = true
		}
		space = strings.HasSuffix(t, " ")
	}
	return toks
}

// textW is the width of s in style at size, in mm. Widths are linear in the size (gofpdf does no
// kerning), so each word is measured once in glyph units however many sizes the receipt tries.
func (p *ofPainter) textW(style, s string, size float64) float64 {
	key := ofTok{style: style, text: s}
	u, ok := p.widths[key]
	if !ok {
		if p.widths == nil {
			p.widths = map[ofTok]int{}
		}
		p.font(style, size)
		u = p.pdf.GetStringSymbolWidth(s)
		p.widths[key] = u
	}
	return float64(u) * size / 1000 * 25.4 / 72
}

// nextLine takes as many tokens as fit in maxW; a word longer than a whole line is cut.
func (p *ofPainter) nextLine(toks []ofTok, maxW, size float64) (line, rest []ofTok, w float64) {
	for i, t := range toks {
		sp := 0.0
		if t.sp && len(line) > 0 {
			sp = p.textW(t.style, " ", size)
		}
		tw := p.textW(t.style, t.text, size)
		if w+sp+tw <= maxW+0.01 {
			line = append(line, t)
			w += sp + tw
			continue
		}
		if len(line) > 0 {
			return line, toks[i:], w
		}
		if words := strings.Fields(t.text); len(words) > 1 {
			// A phrase kept together that is wider than a whole line: let it wrap after all.
			split := make([]ofTok, 0, len(words)+len(toks)-i-1)
			for j, wd := range words {
				split = append(split, ofTok{style: t.style, text: wd, sp: j > 0 || t.sp})
			}
			return p.nextLine(append(split, toks[i+1:]...), maxW, size)
		}
		// One word wider than the line: cut it where it stops fitting.
		rs := []rune(t.text)
		n := 1
		for n < len(rs) && p.textW(t.style, string(rs[:n+1]), size) <= maxW {
			n++
		}
		head := ofTok{style: t.style, text: string(rs[:n]), sp: t.sp}
		rest = append([]ofTok{{style: t.style, text: string(rs[n:])}}, toks[i+1:]...)
		if n == len(rs) {
			rest = toks[i+1:]
		}
		return []ofTok{head}, rest, p.textW(t.style, head.text, size)
	}
	return line, nil, w
}

// drawLine writes a line of tokens at (x, y) in a line box of height lh.
func (p *ofPainter) drawLine(line []ofTok, x, y, lh, size float64) {
	if p.dry || len(line) == 0 {
		return
	}
	base := y + lh/2 + 0.3*size*25.4/72
	var sb strings.Builder
	style := line[0].style
	cx := x
	flush := func() {
		if sb.Len() == 0 {
			return
		}
		s := sb.String()
		p.font(style, size)
		p.pdf.Text(cx, base, s)
		w := p.pdf.GetStringWidth(s)
		p.ink(cx, y, w, lh, "text")
		cx += w
		sb.Reset()
	}
	for i, t := range line {
		if t.style != style {
			flush()
			style = t.style
			if t.sp && i > 0 {
				cx += p.textW(style, " ", size)
			}
		} else if t.sp && i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(t.text)
	}
	flush()
}

// para writes runs as a wrapped paragraph, left ("L") or right ("R") aligned.
func (p *ofPainter) para(runs []ofRun, size, lh float64, align string) {
	toks := ofTokens(runs)
	for len(toks) > 0 {
		p.need(lh)
		maxW := p.widthAt(p.y, lh)
		var line []ofTok
		var w float64
		line, toks, w = p.nextLine(toks, maxW, size)
		x := p.x
		if align == "R" {
			x += maxW - w
		}
		p.drawLine(line, x, p.y, lh, size)
		p.y += lh
	}
}

// pairs writes items two to a line, in two columns, where both of a pair fit in half the
// column; the others get a paragraph each.
func (p *ofPainter) pairs(items [][]ofRun, size, lh float64) {
	half := p.w / 2
	fits := func(runs []ofRun) bool {
		_, rest, _ := p.nextLine(ofTokens(runs), half-3, size)
		return len(rest) == 0
	}
	for i := 0; i < len(items); i++ {
		if i+1 < len(items) && p.widthAt(p.y, lh) == p.w && fits(items[i]) && fits(items[i+1]) {
			p.need(lh)
			for k, it := range items[i : i+2] {
				line, _, _ := p.nextLine(ofTokens(it), half-3, size)
				p.drawLine(line, p.x+float64(k)*half, p.y, lh, size)
			}
			p.y += lh
			i++
			continue
		}
		p.para(items[i], size, lh, "L")
	}
}

// lines wraps text in one style to width w.
func (p *ofPainter) lines(style, text string, size, w float64) ([][]ofTok, []float64) {
	toks := ofTokens([]ofRun{{style: style, text: text}})
	var ls [][]ofTok
	var ws []float64
	for len(toks) > 0 {
		var l []ofTok
		var lw float64
		l, toks, lw = p.nextLine(toks, w, size)
		ls = append(ls, l)
		ws = append(ws, lw)
	}
	return ls, ws
}

// centeredAt writes text centred in [x, x+w] from y down and returns the y below it.
func (p *ofPainter) centeredAt(style string, size, lh float64, text string, x, w, y float64) float64 {
	ls, ws := p.lines(style, text, size, w)
	for i, l := range ls {
		p.drawLine(l, x+(w-ws[i])/2, y, lh, size)
		y += lh
	}
	return y
}

// centered writes text centred in [x, x+w] at p.y and moves below it.
func (p *ofPainter) centered(style string, size, lh float64, text string, x, w float64) {
	ls, ws := p.lines(style, text, size, w)
	for i, l := range ls {
		p.need(lh)
		p.drawLine(l, x+(w-ws[i])/2, p.y, lh, size)
		p.y += lh
	}
}

// hline draws a line from x0 to x1 at y.
func (p *ofPainter) hline(x0, x1, y float64) {
	if !p.dry {
		p.pdf.SetLineWidth(0.25)
		p.pdf.Line(x0, y, x1, y)
	}
	p.ink(x0, y-0.125, x1-x0, 0.25, "line")
}

// header is Doc.Header at size s: governing body, issuing unit and "Số: …" at the left; the
// national motto and "<place>, ngày … tháng … năm …" at the right.
func (p *ofPainter) header(st Settings, number string, date time.Time, s float64) {
	lw := p.w * 0.43
	rw := p.w - lw
	nat := "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	hs := s
	for hs > 6 && p.textW("B", nat, hs) > rw-1 {
		hs -= 0.25
	}
	lh := hs * 0.43
	y0 := p.y
	yl := p.centeredAt("", hs, lh, strings.ToUpper(st.GoverningBody), p.x, lw, y0)
	yl = p.centeredAt("B", hs, lh, strings.ToUpper(st.OfficeName), p.x, lw, yl)
	p.hline(p.x+lw*0.35, p.x+lw*0.65, yl+0.9)
	yl += 1.8
	if number != "" {
		yl = p.centeredAt("", hs, lh, "Số: "+number, p.x, lw, yl)
	}
	xr := p.x + lw
	yr := p.centeredAt("B", hs, lh, nat, xr, rw, y0)
	motto := "Độc lập - Tự do - Hạnh phúc"
	yr = p.centeredAt("B", hs+0.5, lh, motto, xr, rw, yr)
	mw := p.textW("B", ofClean(motto), hs+0.5)
	p.hline(xr+(rw-mw)/2, xr+(rw+mw)/2, yr+0.9)
	yr += 1.8
	yr = p.centeredAt("I", hs, lh, vntext.PlaceDate(st.Place, date), xr, rw, yr)
	p.y = max(yl, yr) + 2
}

// table draws a bordered table across the column, the header row shaded and repeated after a
// page break.
func (p *ofPainter) table(cols []Column, rows [][]string, size float64) {
	total := 0.0
	for _, c := range cols {
		total += c.Width
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.Width * p.w / total
	}
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.Header
	}
	p.tableRow(cols, widths, headers, size, true)
	for _, r := range rows {
		p.tableRow(cols, widths, r, size, false)
	}
}

func (p *ofPainter) tableRow(cols []Column, widths []float64, cells []string, size float64, header bool) {
	const pad = 0.5
	lh := size * 0.42
	style := ""
	if header {
		style = "B"
	}
	wrapped := make([][][]ofTok, len(cols))
	ws := make([][]float64, len(cols))
	n := 1
	for i := range cols {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		wrapped[i], ws[i] = p.lines(style, text, size, widths[i]-2*pad)
		n = max(n, len(wrapped[i]))
	}
	h := float64(n)*lh + 2*pad
	if p.need(h) && !header {
		headers := make([]string, len(cols))
		for i, c := range cols {
			headers[i] = c.Header
		}
		p.tableRow(cols, widths, headers, size, true)
	}
	x := p.x
	for i := range cols {
		w := widths[i]
		if !p.dry {
			p.pdf.SetLineWidth(0.2)
			if header {
				p.pdf.SetFillColor(235, 235, 235)
				p.pdf.Rect(x, p.y, w, h, "FD")
			} else {
				p.pdf.Rect(x, p.y, w, h, "D")
			}
		}
		align := cols[i].Align
		if header {
			align = "C"
		}
		for j, l := range wrapped[i] {
			lx := x + pad
			switch align {
			case "C":
				lx = x + (w-ws[i][j])/2
			case "R":
				lx = x + w - pad - ws[i][j]
			}
			p.drawLine(l, lx, p.y+pad+float64(j)*lh, lh, size)
		}
		x += w
	}
	p.y += h
}

// signatures draws signature blocks side by side, kept together: title, note, signing space, name.
func (p *ofPainter) signatures(blocks []Sign, s, space float64) {
	w := p.w / float64(len(blocks))
	lh := s * 0.43
	// Measure the tallest block to keep them on one page.
	height := func() float64 {
		hmax := 0.0
		for _, b := range blocks {
			h := 0.0
			ls, _ := p.lines("B", strings.ToUpper(b.Title), s, w-2)
			h += float64(len(ls)) * lh
			if b.Note != "" {
				ls, _ = p.lines("I", b.Note, s-1.5, w-2)
				h += float64(len(ls)) * (s - 1.5) * 0.43
			}
			h += space
			ls, _ = p.lines("B", b.Name, s, w-2)
			h += float64(len(ls)) * lh
			hmax = max(hmax, h)
		}
		return hmax
	}
	p.need(height())
	y0 := p.y
	yName := y0
	for i, b := range blocks {
		x := p.x + float64(i)*w
		y := p.centeredAt("B", s, lh, strings.ToUpper(b.Title), x+1, w-2, y0)
		if b.Note != "" {
			y = p.centeredAt("I", s-1.5, (s-1.5)*0.43, b.Note, x+1, w-2, y)
		}
		yName = max(yName, y)
	}
	yName += space
	yEnd := yName
	for i, b := range blocks {
		x := p.x + float64(i)*w
		yEnd = max(yEnd, p.centeredAt("B", s, lh, b.Name, x+1, w-2, yName))
	}
	p.y = yEnd
}
