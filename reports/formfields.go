package reports

// What forms 01–03 print of a dossier, its log and the office settings, and the runs of text
// they are written in; formlayout.go lays them out.

import (
	"fmt"
	"strings"
	"time"

	"motcua/data"
	"motcua/data/vntext"
)

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
