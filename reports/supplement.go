package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"motcua/data"
	"motcua/data/vntext"
)

// Supplement writes form 02, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", from the dossier's latest
// supplement request: everything the applicant must complete (one request lists all of it), the
// reason, whom to contact, and the signature of the officer who guided the applicant. It is dated
// as the request was made, so a reprint matches the paper handed over. A dossier without a
// supplement request is an error. For a dossier never received (Guidance) the form guides
// without receiving: no code, no reception time, no pause of the processing time.
func Supplement(w io.Writer, st Settings, f *FormData) error {
	if f == nil || f.Dossier == nil {
		return errors.New("chưa chọn hồ sơ để in phiếu yêu cầu bổ sung")
	}
	d := f.Dossier
	ev, p, err := ofLatest(f, data.EvSupplementRequested)
	if err != nil {
		return err
	}
	if ev == nil {
		return fmt.Errorf("hồ sơ %s chưa có yêu cầu bổ sung, hoàn thiện hồ sơ (trạng thái: %s): không có phiếu yêu cầu bổ sung để in", ofName(d), d.Status)
	}
	req := p.(*data.SupplementRequested)
	who := ofWho(d)
	guide := f.Names.User(ev.Actor)
	unit := ofReceivingUnit(st)

	doc := ofNewDoc("A4", f)
	doc.AddPage()
	doc.Header(ofSettings(st), "", ofLocal(ev.At))
	doc.Title("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", ofClean(ofCitation(st, ofFormSet(st, d), "02")))
	// Guidance before reception (the counter found the dossier incomplete and did not receive it):
	// there is no code, no reception time and no clock to pause, and the form says the dossier
	// was not received.
	received := d.Code != "" && !d.ReceivedAt.IsZero()
	if received {
		doc.Field("Mã hồ sơ", ofClean(d.Code))
		doc.Para(ofClean(unit + " đã tiếp nhận hồ sơ của:"))
	} else {
		doc.Para(ofClean(unit + " hướng dẫn hồ sơ của:"))
	}
	ofApplicant(doc, d)
	doc.Field("Nội dung yêu cầu giải quyết", ofClean(d.ProcedureName))
	if received {
		doc.Field("Thời gian tiếp nhận", vntext.DateTimeWords(ofLocal(d.ReceivedAt)))
	} else {
		doc.Field("Thời gian hướng dẫn", vntext.DateTimeWords(ofLocal(ev.At)))
	}
	doc.Gap(1)
	doc.Para(ofClean(fmt.Sprintf("Sau khi xem xét, đối chiếu thành phần hồ sơ với quy định, đề nghị %s bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", who)))
	doc.Gap(1)
	rows := make([][]string, len(req.Items))
	for i, it := range req.Items {
		rows[i] = []string{fmt.Sprint(i + 1), ofClean(it.Name), fmt.Sprint(it.Originals), fmt.Sprint(it.Copies)}
	}
	doc.Table([]Column{{"STT", 14, "C"}, {"Giấy tờ cần bổ sung, hoàn thiện", 106, "L"}, {"Bản chính", 22, "C"}, {"Bản sao", 22, "C"}}, rows, SizeBody-1)
	doc.Gap(2)
	doc.Field("Lý do", ofClean(req.Reason))
	if !received {
		doc.Para(ofClean(fmt.Sprintf("Hồ sơ chưa được tiếp nhận. Khi %s nộp đủ hồ sơ theo hướng dẫn này, hồ sơ được tiếp nhận và thời hạn giải quyết được tính từ thời điểm tiếp nhận.", who)))
	} else {
		if n := ofCount(f, data.EvSupplementRequested, ev); n > 1 {
			doc.Para(fmt.Sprintf("Đây là lần thứ %d hồ sơ được yêu cầu bổ sung, hoàn thiện.", n))
		}
		doc.Para(ofClean(fmt.Sprintf("Thời gian giải quyết hồ sơ tạm dừng từ %s và được tính tiếp khi %s nộp đủ hồ sơ theo yêu cầu.",
			vntext.DateTimeWords(ofLocal(ev.At)), who)))
	}
	doc.Para(ofClean(fmt.Sprintf("Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, %s liên hệ %s, %s để được hướng dẫn./.",
		who, guide, unit)))
	doc.Gap(2)
	doc.Signatures(Sign{}, Sign{Title: "Người hướng dẫn", Note: "(Ký, ghi rõ họ tên)", Name: ofClean(guide)})
	return doc.Write(w)
}

// Guidance writes form 02 at the counter for a dossier found incomplete and not received: the
// applicant's intake, the documents missing and the officer who guided (a username), at `at`.
// Nothing is recorded: the dossier does not exist until it is received.
func Guidance(w io.Writer, st Settings, names Names, in data.Intake, missing []data.DocCount, guide string, at time.Time) error {
	if len(missing) == 0 {
		return errors.New("không có giấy tờ nào cần bổ sung: không có phiếu hướng dẫn để in")
	}
	payload, err := json.Marshal(&data.SupplementRequested{Items: missing, Reason: "Hồ sơ chưa đủ thành phần theo quy định của thủ tục"})
	if err != nil {
		return err
	}
	d := &data.Dossier{ID: data.NewDossierID(at), Intake: in}
	ev := data.Event{ID: data.NewDossierID(at), Dossier: d.ID, Type: data.EvSupplementRequested, At: at, Actor: guide, Payload: payload}
	return Supplement(w, st, &FormData{Dossier: d, Events: []data.Event{ev}, Names: names, Now: at})
}
