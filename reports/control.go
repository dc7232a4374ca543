package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"motcua/data"
	"motcua/data/vntext"
)

// ControlSheet writes "Phiếu kiểm soát quá trình giải quyết hồ sơ" (form 06 of the 2025 set, 05 of
// the 2018 set): the dossier's head, then its event log printed as hand-overs, in order — reception
// at the one-stop office, every transfer between units, supplement and obligation requests and
// their completion, apologies, the result coming back, its return — each with its time, the giver
// and the receiver (names under the signature space) and the step's verdict against the legal due
// date in force at that moment, judged by data (data.Judge) in the office's mode (st.Mode), as the
// screens and the statistics judge it.
func ControlSheet(w io.Writer, st Settings, f *FormData) error {
	fu, err := newFollowUp(st, f)
	if err != nil {
		return err
	}
	d := fu.d
	rows := fu.handovers()

	doc := NewDoc("L", "A4", Dated(f.Now))
	doc.PageNumbers()
	doc.AddPage()
	doc.Header(st, "", fuLocal(f.Now))
	n := "06"
	if fu.set == "2018" {
		n = "05"
	}
	doc.Title("Phiếu kiểm soát quá trình giải quyết hồ sơ", fu.citation(n))

	// The head in two columns: landscape leaves room, and the table gets the page.
	main, coop := fu.units()
	applicant := d.Applicant.Name
	if r := d.Representative; r != nil && r.Name != "" {
		applicant += " (người đại diện: " + r.Name + ")"
	}
	verdict := controlVerdict(d, f.Now, st.Mode)
	left := [][2]string{
		{"Mã hồ sơ", d.Code},
		{"Người nộp hồ sơ", applicant},
		{"Địa chỉ, điện thoại", fuJoin(" - ", d.Applicant.Address, d.Applicant.Phone)},
	}
	right := [][2]string{
		{"Tiếp nhận lúc", vntext.DateTimeWords(fuLocal(d.ReceivedAt))},
		{"Hạn trả kết quả", fuDueWords(d.Due, d.HasDue)},
		{"Kết quả giải quyết", verdict},
	}
	if d.HasDue && !d.Due.Equal(d.DueOriginal) {
		// Paused for a supplement or an obligation: the appointment first given, then the due date moved.
		right = slices.Insert(right, 1, [2]string{"Hạn trả ban đầu", vntext.DateTimeWords(fuLocal(d.DueOriginal))})
		right[2][0] = "Hạn trả đã điều chỉnh"
	}
	fu.twoColumns(doc, left, right)
	for _, p := range [][2]string{{"Thủ tục hành chính", d.ProcedureName}, {"Cơ quan chủ trì giải quyết", main},
		{"Cơ quan phối hợp giải quyết", coop}} {
		fu.pair(doc, doc.left, doc.Width(), p)
	}
	doc.Gap(3)

	t := doc.StartTable([]Column{
		{"STT", 12, "C"},
		{"TÊN CƠ QUAN/ĐƠN VỊ", 50, "L"},
		{"THỜI GIAN GIAO, NHẬN HỒ SƠ", 42, "C"},
		{"NGƯỜI GIAO\n(Ký, ghi rõ họ tên)", 36, "C"},
		{"NGƯỜI NHẬN\n(Ký, ghi rõ họ tên)", 36, "C"},
		{"KẾT QUẢ GIẢI QUYẾT HỒ SƠ\n(Trước hạn /\nĐúng hạn /\nQuá hạn)", 31, "C"},
		{"GHI CHÚ", 50, "L"},
	}, controlSize)
	for k, r := range rows {
		// Blank lines above the names leave room to sign.
		t.Row([]string{fmt.Sprint(k + 1), "Giao: " + r.from + "\nNhận: " + r.to, vntext.DateTimeWords(fuLocal(r.at)),
			"\n\n" + r.giver, "\n\n" + r.receiver, r.verdict, r.note}, "")
	}
	return doc.Write(w)
}

// controlSize is the type size of the control sheet's table.
const controlSize = 10.5

// handover is one row of the control sheet.
type handover struct {
	at              time.Time
	from, to        string // giving and receiving body
	giver, receiver string // people
	verdict         string // "" for the applicant's own steps
	note            string
}

// handovers walks the log in order and turns every workflow step into a row. Notes, ratings and
// events marked as conflicts are not hand-overs and are left out.
func (fu *followUp) handovers() []handover {
	d, names := fu.d, fu.f.Names
	applicantSide := "Cá nhân, tổ chức"
	person := d.Applicant.Name
	if r := d.Representative; r != nil && r.Name != "" {
		person = r.Name
	}
	office := names.Unit("")
	unit := ""                             // where the dossier is: "" is the one-stop office
	due, hasDue := d.DueOriginal, d.HasDue // the legal due date in force, moved by each pause
	supplements := 0
	judge := func(at time.Time) string {
		return data.Judge(at, due, hasDue, supplements, fu.st.Mode).String()
	}
	var submitted time.Time
	var out []handover
	for i := range fu.f.Events {
		e := &fu.f.Events[i]
		actor := names.User(e.Actor)
		switch p := fu.ps[i].(type) {
		case *data.Submitted:
			submitted = e.At
		case *data.Received:
			if p.Due != nil {
				due = *p.Due
			}
			note := "Tiếp nhận hồ sơ, cấp giấy tiếp nhận và hẹn trả kết quả"
			switch d.Channel {
			case data.ChannelOnline:
				note += "; hồ sơ nộp trực tuyến"
				if !submitted.IsZero() {
					note += " lúc " + vntext.DateTime(fuLocal(submitted))
				}
			case data.ChannelPost:
				note += "; hồ sơ nộp qua bưu chính"
			}
			out = append(out, handover{at: e.At, from: applicantSide, to: office, giver: person, receiver: actor, note: note})
		case *data.Transferred:
			note := p.Note
			if note == "" {
				note = "Chuyển hồ sơ để giải quyết"
				if p.FromUnit != "" {
					note = "Chuyển tiếp hồ sơ để giải quyết, phối hợp"
				}
			}
			out = append(out, handover{at: e.At, from: names.Unit(p.FromUnit), to: names.Unit(p.ToUnit), giver: actor,
				receiver: fuUser(names, p.ToHandler), verdict: judge(e.At), note: note})
			unit = p.ToUnit
		case *data.SupplementRequested:
			supplements++
			items := make([]string, len(p.Items))
			for k, it := range p.Items {
				items[k] = it.Name
			}
			out = append(out, handover{at: e.At, from: names.Unit(unit), to: applicantSide, giver: actor, receiver: person,
				verdict: judge(e.At), note: fmt.Sprintf("Yêu cầu bổ sung, hoàn thiện hồ sơ (lần %d): %s. Lý do: %s", supplements,
					strings.Join(items, "; "), p.Reason)})
		case *data.SupplementReceived:
			note := "Nhận hồ sơ bổ sung"
			if p.DueAfter != nil && hasDue {
				due = *p.DueAfter
				note += "; hạn trả kết quả mới: " + vntext.DateTime(fuLocal(due))
			}
			out = append(out, handover{at: e.At, from: applicantSide, to: office, giver: person, receiver: actor,
				note: fuJoin(". ", note, p.Note)})
		case *data.ObligationRequested:
			note := "Yêu cầu thực hiện nghĩa vụ tài chính: " + p.Description
			if p.Amount > 0 {
				note += " (" + vntext.MoneyWords(p.Amount) + ")"
			}
			out = append(out, handover{at: e.At, from: names.Unit(unit), to: applicantSide, giver: actor, receiver: person,
				verdict: judge(e.At), note: note})
		case *data.ObligationMet:
			note := "Hoàn thành nghĩa vụ tài chính"
			if p.DueAfter != nil && hasDue {
				due = *p.DueAfter
				note += "; hạn trả kết quả mới: " + vntext.DateTime(fuLocal(due))
			}
			out = append(out, handover{at: e.At, from: applicantSide, to: names.Unit(unit), giver: person, receiver: actor,
				note: fuJoin(". ", note, p.Note)})
		case *data.WithdrawalRequested:
			out = append(out, handover{at: e.At, from: applicantSide, to: office, giver: person, receiver: actor,
				note: "Đề nghị rút hồ sơ: " + p.Reason})
		case *data.ApologyIssued:
			note := "Văn bản xin lỗi"
			if p.DocNo != "" {
				note += " số " + p.DocNo
			}
			note += ", hẹn lại ngày trả kết quả: " + vntext.DateTime(fuLocal(p.NewDue)) + ". Lý do: " + p.Reason
			out = append(out, handover{at: e.At, from: names.Unit(unit), to: applicantSide, giver: actor, receiver: person,
				verdict: judge(e.At), note: note})
		case *data.Stopped:
			out = append(out, handover{at: e.At, from: names.Unit(unit), to: office, giver: actor,
				verdict: judge(e.At), note: "Dừng giải quyết hồ sơ: " + p.Reason})
			unit = ""
		case *data.Processed:
			note := "Đã có kết quả giải quyết"
			if p.ResultNo != "" {
				note += " số " + p.ResultNo
			}
			if p.Signer != "" {
				note += ", người ký: " + p.Signer
			}
			out = append(out, handover{at: e.At, from: names.Unit(unit), to: office, giver: actor,
				verdict: judge(e.At), note: note})
			unit = ""
		case *data.Returned:
			note := "Trả kết quả tại Bộ phận Một cửa"
			if p.Delivery == data.DeliveryPost {
				note = "Trả kết quả qua dịch vụ bưu chính"
			}
			out = append(out, handover{at: e.At, from: office, to: applicantSide, giver: actor, receiver: p.ReceiverName,
				verdict: judge(e.At), note: fuJoin(". ", note, p.Note)})
		}
	}
	return out
}

// units names the unit in charge (the procedure's, else the first one handed to) and the
// coordinating units (every other unit the dossier was handed to).
func (fu *followUp) units() (main, coop string) {
	code := fu.d.Intake.Unit
	seen := map[string]bool{}
	var others []string
	for _, p := range fu.ps {
		if t, ok := p.(*data.Transferred); ok {
			if code == "" {
				code = t.ToUnit
			}
			if t.ToUnit != code && !seen[t.ToUnit] {
				seen[t.ToUnit] = true
				others = append(others, fu.f.Names.Unit(t.ToUnit))
			}
		}
	}
	main = "Chưa chuyển đơn vị giải quyết"
	if code != "" {
		main = fu.f.Names.Unit(code)
	}
	coop = "Không"
	if len(others) > 0 {
		coop = strings.Join(others, "; ")
	}
	return main, coop
}

// twoColumns prints label–value pairs side by side, each column wrapping on its own.
func (fu *followUp) twoColumns(doc *Doc, left, right [][2]string) {
	pdf := doc.pdf
	half := doc.Width() * 0.46
	y0 := pdf.GetY()
	col := func(x, w float64, pairs [][2]string) float64 {
		pdf.SetXY(x, y0)
		for _, p := range pairs {
			fu.pair(doc, x, w, p)
		}
		return pdf.GetY()
	}
	yl := col(doc.left, half-4, left)
	yr := col(doc.left+half, doc.Width()-half, right)
	pdf.SetXY(doc.left, max(yl, yr))
}

// pair prints "label: value" in a column at x of width w, the value in bold and wrapped.
func (fu *followUp) pair(doc *Doc, x, w float64, p [2]string) {
	pdf := doc.pdf
	doc.Font("", SizeSmall+1)
	lbl := T(p[0] + ": ")
	lw := pdf.GetStringWidth(lbl)
	y := pdf.GetY()
	pdf.SetXY(x, y)
	pdf.CellFormat(lw, 5.6, lbl, "", 0, "L", false, 0, "")
	doc.Font("B", SizeSmall+1)
	pdf.SetXY(x+lw, y)
	pdf.MultiCell(w-lw, 5.6, T(p[1]), "", "L", false)
}

// controlVerdict is the sheet's "Kết quả giải quyết": the dossier's verdict (data's, named by
// data) and when its processing ended, or "Đang giải quyết" while it goes on.
func controlVerdict(d *data.Dossier, now time.Time, mode data.Mode) string {
	if v := d.Verdict(now, mode); v.Resolved() {
		return v.String() + " (kết thúc xử lý lúc " + vntext.DateTime(fuLocal(d.FinishedAt)) + ")"
	}
	return "Đang giải quyết"
}

// fuUser is a username's full name, "" for none.
func fuUser(n Names, username string) string {
	if username == "" {
		return ""
	}
	return n.User(username)
}
