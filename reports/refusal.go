package reports

import (
	"errors"
	"fmt"
	"io"

	"motcua/data"
	"motcua/data/vntext"
)

// Refusal writes form 03, "Phiếu từ chối tiếp nhận giải quyết hồ sơ", for a dossier refused at the
// counter (or an online submission refused): the applicant, the request, the specific reason and
// the signature of the officer who refused it, dated as the refusal was recorded. Refused dossiers
// have no code; the online submission's number is printed when there is one. A dossier that was
// not refused is an error.
func Refusal(w io.Writer, st Settings, f *FormData) error {
	if f == nil || f.Dossier == nil {
		return errors.New("chưa chọn hồ sơ để in phiếu từ chối")
	}
	d := f.Dossier
	if d.Status != data.StatusRefused {
		return fmt.Errorf("hồ sơ %s không bị từ chối tiếp nhận (trạng thái: %s): không có phiếu từ chối để in", ofName(d), d.Status)
	}
	ev, p, err := ofLatest(f, data.EvRefused)
	if err != nil {
		return err
	}
	if ev == nil {
		return fmt.Errorf("nhật ký hồ sơ %s không có sự kiện từ chối tiếp nhận", ofName(d))
	}
	reason := p.(*data.Refused).Reason
	if reason == "" {
		reason = d.RefusalReason
	}
	who := ofWho(d)
	unit := ofReceivingUnit(st)

	doc := ofNewDoc("A4", f)
	doc.AddPage()
	doc.Header(ofSettings(st), "", ofLocal(ev.At))
	doc.Title("Phiếu từ chối tiếp nhận giải quyết hồ sơ", ofClean(ofCitation(st, ofFormSet(st, d), "03")))
	doc.Para(ofClean(unit + " tiếp nhận hồ sơ của:"))
	ofApplicant(doc, d)
	doc.Field("Nội dung yêu cầu giải quyết", ofClean(d.ProcedureName))
	if d.Code != "" {
		doc.Field("Mã hồ sơ", ofClean(d.Code))
	}
	if d.ExternalID != "" {
		doc.Field("Mã hồ sơ trực tuyến", ofClean(d.ExternalID))
	}
	submitted := d.SubmittedAt
	if submitted.IsZero() {
		submitted = ev.At
	}
	doc.Field("Thời gian nộp hồ sơ", vntext.DateTimeWords(ofLocal(submitted)))
	doc.Gap(1)
	doc.Para(ofClean(fmt.Sprintf("Sau khi xem xét, đối chiếu hồ sơ với quy định hiện hành, %s thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:", unit)))
	doc.Font("B", SizeBody)
	doc.pdf.SetX(doc.left + 8)
	doc.pdf.MultiCell(doc.Width()-8, lineH, ofCleanLines(reason), "", "L", false)
	doc.Para(fmt.Sprintf("Xin thông báo để %s được biết và thực hiện./.", who))
	doc.Gap(2)
	doc.Signatures(Sign{}, Sign{Title: "Người tiếp nhận hồ sơ", Note: "(Ký, ghi rõ họ tên)", Name: ofClean(f.Names.User(ev.Actor))})
	return doc.Write(w)
}
