package reports

import (
	"fmt"
	"io"

	"motcua/data"
	"motcua/data/vntext"
)

// StopNotice writes form 05 of the 2025 set, "Thông báo dừng giải quyết hồ sơ", from the dossier's
// stop event and the applicant's withdrawal request before it, if any: the request to stop, the
// stage reached, the decision and what happens to the fees. It is dated as the stop was decided
// and signed by the leader who decided it. A dossier that was not stopped is an error.
func StopNotice(w io.Writer, st Settings, f *FormData) error {
	fu, err := newFollowUp(st, f)
	if err != nil {
		return err
	}
	d := fu.d
	i, p := fu.latest(data.EvStopped)
	if i < 0 {
		return fmt.Errorf("hồ sơ %s chưa dừng giải quyết (trạng thái: %s): không in được thông báo dừng giải quyết", d.Code, d.Status)
	}
	stop := p.(*data.Stopped)
	ev := &f.Events[i]
	var wd *data.WithdrawalRequested
	var wdAt data.Event
	for j := i - 1; j >= 0; j-- {
		if q, ok := fu.ps[j].(*data.WithdrawalRequested); ok {
			wd, wdAt = q, f.Events[j]
			break
		}
	}

	doc := NewDoc("P", "A4", Dated(f.Now))
	doc.AddPage()
	doc.Header(st, "", fuLocal(ev.At))
	// The 2018 set has no such form; the notice is the 2025 one whatever set the dossier began in.
	citation := st.Citations["05"]
	if citation == "" || st.FormSet == "2018" {
		citation = DefaultCitation("2025", "05")
	}
	doc.Title("Thông báo dừng giải quyết hồ sơ", citation)

	who := fu.addressee(doc)
	doc.Gap(3)
	doc.Para(fmt.Sprintf("%s, %s đã tiếp nhận hồ sơ của %s với các thông tin sau:",
		fuCapital(vntext.DateWords(fuLocal(d.ReceivedAt))), fuOfficeName(st), who))
	doc.Field("Mã hồ sơ", d.Code)
	doc.Field("Nội dung yêu cầu giải quyết", d.ProcedureName)
	doc.Field("Thời hạn trả kết quả", fuDueWords(d.Due, d.HasDue))

	fu.heading(doc, "1. Yêu cầu dừng giải quyết")
	if wd != nil {
		doc.Para(fmt.Sprintf("Vào lúc %s, %s có đề nghị rút hồ sơ, dừng giải quyết với lý do: %s.",
			vntext.DateTimeWords(fuLocal(wdAt.At)), who, fuTrimStop(wd.Reason)))
		if stop.Reason != "" && stop.Reason != wd.Reason {
			doc.Para("Căn cứ dừng giải quyết: " + fuTrimStop(stop.Reason) + ".")
		}
	} else {
		doc.Para("Lý do dừng giải quyết: " + fuTrimStop(stop.Reason) + ".")
	}

	fu.heading(doc, "2. Giai đoạn giải quyết hồ sơ")
	stage := stop.Stage
	if stage == "" {
		stage = "Hồ sơ đang được giải quyết tại " + f.Names.Unit(d.Unit)
	}
	doc.Para(fuTrimStop(stage) + ".")

	fu.heading(doc, "3. Quyết định")
	decision := stop.Decision
	if decision == "" {
		decision = "Dừng giải quyết hồ sơ"
	}
	doc.Para(fmt.Sprintf("%s, kể từ %s.", fuTrimStop(decision), vntext.DateTimeWords(fuLocal(ev.At))))

	fu.heading(doc, "4. Phí, lệ phí")
	paid := d.FeeAtReception
	switch {
	case paid == 0 && stop.FeeHandling == "":
		doc.Para("Hồ sơ không thu phí, lệ phí.")
	case paid == 0:
		doc.Para(fuTrimStop(stop.FeeHandling) + ".")
	default:
		handling := stop.FeeHandling
		if handling == "" {
			handling = "Xử lý theo quy định về phí, lệ phí"
		}
		doc.Para(fmt.Sprintf("Đã nộp khi tiếp nhận: %s. %s.", vntext.MoneyWords(paid), fuTrimStop(handling)))
	}
	doc.Gap(3)
	doc.Para(fmt.Sprintf("%s thông báo để %s được biết.", fuOfficeName(st), who))
	doc.Gap(2)
	fu.signOff(doc, ev.Actor, "Như trên", "Lưu: VT, "+f.Names.Unit(d.Unit)+".")
	return doc.Write(w)
}

// heading prints a bold numbered heading of a notice.
func (fu *followUp) heading(doc *Doc, s string) {
	doc.Gap(1.5)
	doc.Font("B", SizeBody)
	doc.pdf.SetX(doc.left)
	doc.pdf.MultiCell(doc.Width(), lineH, T(s), "", "L", false)
}

// fuTrimStop drops a final full stop so a sentence can carry its own.
func fuTrimStop(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '.' || s[len(s)-1] == ' ') {
		s = s[:len(s)-1]
	}
	return s
}
