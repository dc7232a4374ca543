package reports

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"motcua/data"
	"motcua/data/vntext"
)

// Apology writes form 04 for the dossier's latest apology: in the 2025 set "Văn bản xin lỗi và đề
// nghị gia hạn thời gian giải quyết", in the 2018 set "Phiếu xin lỗi và hẹn lại ngày trả kết quả".
// It is dated and numbered as the apology was issued, so a reprint matches the letter sent, and
// signed by the leader who issued it. A dossier without an apology is an error.
func Apology(w io.Writer, st Settings, f *FormData) error {
	fu, err := newFollowUp(st, f)
	if err != nil {
		return err
	}
	d := fu.d
	i, p := fu.latest(data.EvApologyIssued)
	if i < 0 {
		return fmt.Errorf("hồ sơ %s chưa có văn bản xin lỗi và hẹn lại ngày trả kết quả: không in được mẫu 04", d.Code)
	}
	ap := p.(*data.ApologyIssued)
	ev := &f.Events[i]

	title := "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
	if fu.set == "2018" {
		title = "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
	}
	doc := NewDoc("P", "A4", Dated(f.Now))
	doc.AddPage()
	doc.Header(st, ap.DocNo, fuLocal(ev.At))
	doc.Title(title, fu.citation("04"))

	who := fu.addressee(doc)
	doc.Gap(3)
	doc.Para(fmt.Sprintf("%s, %s đã tiếp nhận hồ sơ của %s với các thông tin sau:",
		fuCapital(vntext.DateWords(fuLocal(d.ReceivedAt))), fuOfficeName(st), who))
	doc.Field("Nội dung yêu cầu giải quyết", d.ProcedureName)
	doc.Field("Mã hồ sơ", d.Code)
	doc.Field("Thời hạn trả kết quả theo giấy hẹn", fuDueWords(d.DueOriginal, d.HasDue))
	if d.HasDue && !d.Due.Equal(d.DueOriginal) {
		doc.Field("Thời hạn sau khi bổ sung, hoàn thiện hồ sơ", vntext.DateTimeWords(fuLocal(d.Due)))
	}
	// A second apology follows a date already promised once: say which one is missed.
	if prev := fu.promisedBefore(i); !prev.IsZero() {
		doc.Field("Ngày hẹn trả kết quả đã hẹn lại trước đó", vntext.DateTimeWords(fuLocal(prev)))
	}
	doc.Gap(1.5)
	doc.Para(fmt.Sprintf("Tuy nhiên, đến nay hồ sơ của %s chưa được giải quyết xong, do nguyên nhân sau:", who))
	doc.Font("I", SizeBody)
	doc.pdf.SetX(doc.left + 8)
	doc.pdf.MultiCell(doc.Width()-8, lineH, T(ap.Reason), "", "J", false)
	newDue := vntext.DateTimeWords(fuLocal(ap.NewDue))
	doc.Gap(1.5)
	if fu.set == "2018" {
		doc.Para(fmt.Sprintf("Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của %s. Chúng tôi thành thật xin lỗi %s và xin hẹn lại thời gian trả kết quả giải quyết hồ sơ vào:", who, who))
	} else {
		doc.Para(fmt.Sprintf("Sự chậm trễ này đã gây phiền hà, tốn kém thời gian, chi phí đi lại của %s. Chúng tôi thành thật xin lỗi %s và đề nghị %s đồng ý gia hạn thời gian giải quyết hồ sơ, hẹn trả kết quả vào:", who, who, who))
	}
	doc.Font("B", SizeBody)
	doc.pdf.SetX(doc.left)
	doc.pdf.MultiCell(doc.Width(), lineH+0.6, T(newDue), "", "C", false)
	doc.Gap(1.5)
	doc.Para(fmt.Sprintf("Rất mong nhận được sự thông cảm của %s. Mọi thắc mắc xin liên hệ %s.", who, fuOfficeName(st)))
	doc.Gap(2)
	fu.signOff(doc, ev.Actor, "Như trên", "Lưu: VT, "+fu.f.Names.Unit(d.Unit)+".")
	return doc.Write(w)
}

// followUp is what forms 04–06 share: one received dossier, its log decoded once, and the form
// set it was received under.
type followUp struct {
	st  Settings
	f   *FormData
	d   *data.Dossier
	set string         // "2025" or "2018": the dossier's form set, else the office's
	ps  []data.Payload // f.Events[i] decoded; nil for conflicts and undecodable rows
}

func newFollowUp(st Settings, f *FormData) (*followUp, error) {
	if f == nil || f.Dossier == nil {
		return nil, errors.New("chưa chọn hồ sơ để in")
	}
	d := f.Dossier
	if d.Code == "" || d.ReceivedAt.IsZero() {
		return nil, fmt.Errorf("hồ sơ %s chưa được tiếp nhận (%s): không có biểu mẫu này", d.Applicant.Name, d.Status)
	}
	fu := &followUp{st: st, f: f, d: d, set: ofFormSet(st, d), ps: make([]data.Payload, len(f.Events))}
	for i := range f.Events {
		e := &f.Events[i]
		if e.Conflict != "" || e.Dossier != d.ID {
			continue // kept in the log for a person to look at, but it did not happen to the dossier
		}
		p, err := data.DecodePayload(e.Type, e.Payload)
		if err != nil {
			return nil, fmt.Errorf("nhật ký hồ sơ %s: %w", d.Code, err)
		}
		fu.ps[i] = p
	}
	return fu, nil
}

// latest is the index and payload of the last applied event of type t, or -1.
func (fu *followUp) latest(t data.EventType) (int, data.Payload) {
	for i := len(fu.f.Events) - 1; i >= 0; i-- {
		if fu.ps[i] != nil && fu.f.Events[i].Type == t {
			return i, fu.ps[i]
		}
	}
	return -1, nil
}

// promisedBefore is the new date of the apology before event i, if any.
func (fu *followUp) promisedBefore(i int) time.Time {
	for j := i - 1; j >= 0; j-- {
		if p, ok := fu.ps[j].(*data.ApologyIssued); ok {
			return p.NewDue
		}
	}
	return time.Time{}
}

// citation is form n's legal line: the office's own for the set in force, else the default of the
// dossier's set.
func (fu *followUp) citation(n string) string {
	cur := fu.st.FormSet
	if cur != "2018" {
		cur = "2025"
	}
	if v := fu.st.Citations[n]; v != "" && cur == fu.set {
		return v
	}
	return DefaultCitation(fu.set, n)
}

// citizen reports whether the applicant is a person (addressed "Ông/Bà") rather than an organisation.
func (fu *followUp) citizen() bool {
	t := fu.d.Applicant.Type
	return t == 0 || t == data.ApplicantCitizen
}

// addressee prints "Kính gửi: …" (with the representative of an organisation) and returns how the
// letter calls the applicant.
func (fu *followUp) addressee(doc *Doc) string {
	a := fu.d.Applicant
	who, line := "Ông/Bà", "Ông/Bà "+a.Name
	if !fu.citizen() {
		who, line = "Quý tổ chức", a.Name
	}
	doc.Font("", SizeBody)
	doc.pdf.SetX(doc.left + 20)
	lbl := T("Kính gửi: ")
	lw := doc.pdf.GetStringWidth(lbl)
	y := doc.pdf.GetY()
	doc.pdf.CellFormat(lw, lineH, lbl, "", 0, "L", false, 0, "")
	doc.Font("B", SizeBody)
	doc.pdf.SetXY(doc.left+20+lw, y)
	doc.pdf.MultiCell(doc.Width()-20-lw, lineH, T(line), "", "L", false)
	if r := fu.d.Representative; r != nil && r.Name != "" {
		doc.Font("", SizeBody)
		doc.pdf.SetX(doc.left + 20 + lw)
		doc.pdf.MultiCell(doc.Width()-20-lw, lineH, T("Người đại diện: "+r.Name), "", "L", false)
	}
	if addr := fuJoin(", ", a.Address, fuPhone(a.Phone)); addr != "" {
		doc.Font("I", SizeBody)
		doc.pdf.SetX(doc.left + 20 + lw)
		doc.pdf.MultiCell(doc.Width()-20-lw, lineH, T(addr), "", "L", false)
	}
	return who
}

// signOff prints "Nơi nhận" at the left and the signature of the leader who acted at the right:
// the office's signer in their title, another leader signing on the signer's behalf ("KT.").
func (fu *followUp) signOff(doc *Doc, actor string, recipients ...string) {
	pdf := doc.pdf
	_, ph := pdf.GetPageSize()
	if pdf.GetY()+45 > ph-doc.bottom {
		pdf.AddPage()
	}
	y := pdf.GetY() + 2
	title := fu.st.SignerTitle
	if title == "" {
		title = "Thủ trưởng cơ quan"
	}
	name := fu.st.SignerName
	if full, ok := fu.f.Names.Users[actor]; ok && full != "" && full != fu.st.SignerName {
		name = full
		title = "KT. " + title
	}
	half := doc.Width() / 2
	doc.Font("BI", SizeSmall+1)
	pdf.SetXY(doc.left, y)
	pdf.CellFormat(half, 6, T("Nơi nhận:"), "", 2, "L", false, 0, "")
	doc.Font("", SizeSmall)
	for _, r := range recipients {
		pdf.SetX(doc.left)
		pdf.MultiCell(half-10, 5, T("- "+r), "", "L", false)
	}
	pdf.SetXY(doc.left+half, y)
	doc.Font("B", SizeBody)
	pdf.MultiCell(half, lineH, T(strings.ToUpper(title)), "", "C", false)
	pdf.SetX(doc.left + half)
	doc.Font("I", SizeSmall)
	pdf.MultiCell(half, 5, T("(Ký, ghi rõ họ tên, đóng dấu)"), "", "C", false)
	if name != "" {
		pdf.SetXY(doc.left+half, y+36)
		doc.Font("B", SizeBody)
		pdf.MultiCell(half, lineH, T(name), "", "C", false)
	}
	pdf.SetXY(doc.left, y+36+lineH+2)
}

// fuLocal is t in the office zone, where every printed time is read.
func fuLocal(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(vntext.Zone())
}

// fuOfficeName is the issuing unit as a sentence names it (settings may hold it in capitals).
func fuOfficeName(st Settings) string {
	if st.OfficeName == "" {
		return "Bộ phận Một cửa"
	}
	return st.OfficeName
}

// fuDueWords is a due date in words, or the fact that the procedure has none.
func fuDueWords(t time.Time, has bool) string {
	if !has {
		return "không quy định thời hạn"
	}
	return vntext.DateTimeWords(fuLocal(t))
}

func fuPhone(p string) string {
	if p == "" {
		return ""
	}
	return "điện thoại " + p
}

func fuCapital(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func fuJoin(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
