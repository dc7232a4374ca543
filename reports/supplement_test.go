package reports

import (
	"bytes"
	"strings"
	"testing"

	"motcua/data"
	"motcua/data/vntext"
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
		ft := flat(pdfText(t, pdf)) + " " + flat(pdfTextRaw(t, pdf))
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
			if !strings.Contains(ft, flat(w)) {
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
