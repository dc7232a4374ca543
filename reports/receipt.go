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
