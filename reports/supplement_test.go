package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/reports/pdftest"
)

func TestSupplementFields(t *testing.T) {
	fx := formsDemo(t)
	for _, fd := range []*FormData{fx.supp, fx.supp2} {
		if fd == nil {
			continue
		}
		pdf := render(t, func(w *bytes.Buffer) error { return Supplement(w, fx.st, fd) })
		savePDF(t, "supplement-"+fd.Dossier.Code+".pdf", pdf)
		d := fd.Dossier
		// The latest request is the one printed.
		var last *data.Event
		var req *data.SupplementRequested
		n := 0
		for i := range fd.Events {
			if e := &fd.Events[i]; e.Type == data.EvSupplementRequested {
				p, err := data.DecodePayload(e.Type, e.Payload)
				if err != nil {
					t.Fatal(err)
				}
				last, req = e, p.(*data.SupplementRequested)
				n++
			}
		}
		ft := pdftest.Searchable(t, pdf)
		want := []string{"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", d.Code, d.Applicant.Name, d.ProcedureName, req.Reason,
			vntext.DateTimeWords(d.ReceivedAt.In(vntext.Zone())), vntext.PlaceDate(fx.st.Place, last.At.In(vntext.Zone())),
			"NGƯỜI HƯỚNG DẪN", fd.Names.User(last.Actor), "Mẫu số 02"}
		for _, it := range req.Items {
			want = append(want, it.Name)
		}
		if n > 1 {
			want = append(want, "lần thứ 2")
		}
		for _, w := range want {
			if !strings.Contains(ft, pdftest.Flat(w)) {
				t.Errorf("%s: supplement request lacks %q", d.Code, w)
			}
		}
		if fonts := pdfFonts(t, pdf); !strings.Contains(fonts, "CID TrueType") {
			t.Errorf("fonts:\n%s", fonts)
		}
	}
}

func TestSupplementWithoutRequest(t *testing.T) {
	fx := formsDemo(t)
	for _, fd := range []*FormData{fx.received[0], fx.refused} {
		var buf bytes.Buffer
		err := Supplement(&buf, fx.st, fd)
		if err == nil || !strings.Contains(err.Error(), "chưa có yêu cầu bổ sung") || buf.Len() != 0 {
			t.Errorf("supplement request of %s (%s): %v, %d bytes", fd.Dossier.Code, fd.Dossier.Status, err, buf.Len())
		}
	}
}

// Form 02 printed at the counter for a dossier not received (guidance before reception) has no
// code, says nothing was received and pauses no clock.
func TestGuidanceBeforeReceptionSaysNotReceived(t *testing.T) {
	fx := formsDemo(t)
	base := fx.received[0].Dossier
	now := formsNow
	missing := []data.DocCount{{N: 1, Name: "Tờ khai đăng ký kết hôn (theo mẫu)", Originals: 1}}
	in := base.Intake
	// Through Guidance, and as the reception screen used to build it (status received, a
	// reception time, no code).
	payload, err := json.Marshal(&data.SupplementRequested{Items: missing, Reason: "Hồ sơ chưa đủ thành phần"})
	if err != nil {
		t.Fatal(err)
	}
	old := &data.Dossier{ID: uuid.New(), Status: data.StatusReceived, ReceivedAt: now, ReceivedBy: "tiepnhan", Intake: in}
	oldFD := &FormData{Dossier: old, Names: fx.names, Now: now, Events: []data.Event{{ID: uuid.New(), Dossier: old.ID,
		Type: data.EvSupplementRequested, At: now, Actor: "tiepnhan", Payload: payload}}}
	for name, write := range map[string]func(w *bytes.Buffer) error{
		"Guidance":     func(w *bytes.Buffer) error { return Guidance(w, fx.st, fx.names, in, missing, "tiepnhan", now) },
		"half-dossier": func(w *bytes.Buffer) error { return Supplement(w, fx.st, oldFD) },
	} {
		pdf := render(t, write)
		ft := pdftest.Searchable(t, pdf)
		for _, w := range []string{"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Hồ sơ chưa được tiếp nhận", in.Applicant.Name,
			missing[0].Name, "NGƯỜI HƯỚNG DẪN"} {
			if !strings.Contains(ft, pdftest.Flat(w)) {
				t.Errorf("%s: guidance lacks %q", name, w)
			}
		}
		for _, w := range []string{"đã tiếp nhận", "Mã hồ sơ", "tạm dừng", "Thời gian tiếp nhận"} {
			if strings.Contains(ft, w) {
				t.Errorf("%s: guidance for a dossier not received prints %q:\n%s", name, w, ft)
			}
		}
	}
}
