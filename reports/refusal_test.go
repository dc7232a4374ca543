package reports

import (
	"bytes"
	"strings"
	"testing"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/reports/pdftest"
)

func TestRefusalFields(t *testing.T) {
	fx := formsDemo(t)
	fd := fx.refused
	pdf := render(t, func(w *bytes.Buffer) error { return Refusal(w, fx.st, fd) })
	savePDF(t, "refusal.pdf", pdf)
	d := fd.Dossier
	var ev *data.Event
	for i := range fd.Events {
		if fd.Events[i].Type == data.EvRefused {
			ev = &fd.Events[i]
		}
	}
	ft := pdftest.Searchable(t, pdf)
	for _, w := range []string{"PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", d.Applicant.Name, d.ProcedureName, d.RefusalReason,
		vntext.PlaceDate(fx.st.Place, ev.At.In(vntext.Zone())), "NGƯỜI TIẾP NHẬN HỒ SƠ", fd.Names.User(ev.Actor), "Mẫu số 03"} {
		if !strings.Contains(ft, pdftest.Flat(w)) {
			t.Errorf("refusal lacks %q", w)
		}
	}
	if d.RefusalReason == "" {
		t.Error("demo refusal without a reason")
	}
}

func TestRefusalOfAcceptedDossier(t *testing.T) {
	fx := formsDemo(t)
	for _, fd := range []*FormData{fx.received[0], fx.supp} {
		var buf bytes.Buffer
		err := Refusal(&buf, fx.st, fd)
		if err == nil || !strings.Contains(err.Error(), "không bị từ chối") || buf.Len() != 0 {
			t.Errorf("refusal of %s (%s): %v, %d bytes", fd.Dossier.Code, fd.Dossier.Status, err, buf.Len())
		}
	}
}

// Text the fonts cannot draw (an emoji pasted into a name) prints as "?" instead of crashing
// gofpdf's line splitter.
func TestRefusalSupplementReceiptUnprintableText(t *testing.T) {
	fx := formsDemo(t)
	for _, base := range []*FormData{fx.refused, fx.supp, fx.rep} {
		d := *base.Dossier
		d.Applicant.Name = "Nguyễn Văn 😀 Đức\u0007"
		d.ProcedureName += " 🏠"
		fd := *base
		fd.Dossier = &d
		for _, form := range []func(*bytes.Buffer) error{
			func(w *bytes.Buffer) error { return Receipt(w, fx.st, &fd) },
			func(w *bytes.Buffer) error { return Supplement(w, fx.st, &fd) },
			func(w *bytes.Buffer) error { return Refusal(w, fx.st, &fd) },
		} {
			var buf bytes.Buffer
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s: panic %v", d.Status, r)
					}
				}()
				if err := form(&buf); err == nil && !strings.Contains(pdftest.Text(t, buf.Bytes(), pdftest.Layout), "Nguyễn Văn ? Đức") {
					t.Errorf("%s: the name is not printed with a ?", d.Status)
				}
			}()
		}
	}
}
