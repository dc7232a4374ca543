package app

import (
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/reports"
)

// The printable forms (docs/DOMAIN.md §9), by their number.
const (
	form01Receipt    = "01"
	form02Supplement = "02"
	form03Refusal    = "03"
	form04Apology    = "04"
	form05Stop       = "05"
	form06Control    = "06"
)

// printable is one form the dossier can print: its number, file name prefix and writer.
type printable struct {
	n      string
	prefix string
	write  func(io.Writer, reports.Settings, *reports.FormData) error
}

var printables = []printable{
	{form01Receipt, "giay-hen", reports.Receipt},
	{form02Supplement, "yeu-cau-bo-sung", reports.Supplement},
	{form03Refusal, "tu-choi", reports.Refusal},
	{form04Apology, "xin-loi", reports.Apology},
	{form05Stop, "dung-giai-quyet", reports.StopNotice},
	{form06Control, "phieu-kiem-soat", reports.ControlSheet},
}

// printLabel is the button of form n.
func printLabel(n string) string {
	switch n {
	case form01Receipt:
		return lang.L("01 Receipt and appointment")
	case form02Supplement:
		return lang.L("02 Supplement request")
	case form03Refusal:
		return lang.L("03 Refusal")
	case form04Apology:
		return lang.L("04 Apology and new date")
	case form05Stop:
		return lang.L("05 Stop notice")
	}
	return lang.L("06 Control sheet")
}

// applicableForms are the forms that d's log can fill: the receipt and the control sheet once
// received, the others once their event happened.
func applicableForms(d *data.Dossier, evs []data.Event) []string {
	has := func(t data.EventType) bool {
		for _, e := range evs {
			if e.Type == t && e.Conflict == "" {
				return true
			}
		}
		return false
	}
	received := d.Code != "" && !d.ReceivedAt.IsZero()
	var out []string
	if received {
		out = append(out, form01Receipt)
	}
	if has(data.EvSupplementRequested) {
		out = append(out, form02Supplement)
	}
	if d.Status == data.StatusRefused {
		out = append(out, form03Refusal)
	}
	if received && has(data.EvApologyIssued) {
		out = append(out, form04Apology)
	}
	if received && has(data.EvStopped) {
		out = append(out, form05Stop)
	}
	if received {
		out = append(out, form06Control)
	}
	return out
}

// showPrints puts one button per applicable form in the side column (UI thread).
func (s *detailScreen) showPrints(d *data.Dossier, evs []data.Event) {
	s.prints.RemoveAll()
	s.printBtn = map[string]*widget.Button{}
	for _, n := range applicableForms(d, evs) {
		n := n
		b := widget.NewButtonWithIcon(printLabel(n), theme.DocumentPrintIcon(), func() { s.print(n) })
		b.Alignment = widget.ButtonAlignLeading
		if s.busy {
			b.Disable()
		}
		s.printBtn[n] = b
		s.prints.Add(b)
	}
	if len(s.printBtn) == 0 {
		s.prints.Add(widget.NewLabel(lang.L("No form to print")))
	}
}

// print writes form n of the dossier as it is in the store now and opens it, in the background
// (UI thread).
func (s *detailScreen) print(n string) {
	st := s.u.currentStore()
	if st == nil || s.busy || s.d == nil {
		return
	}
	var form printable
	for _, p := range printables {
		if p.n == n {
			form = p
		}
	}
	if form.write == nil {
		return
	}
	s.setPrinting(true)
	s.fail("")
	u, id, now, outDir, open := s.u, s.id, s.u.now(), s.outDir, s.open
	u.spawn(func() {
		err := func() error {
			d, evs, err := st.DossierByID(u.ctx, id)
			if err != nil {
				return err
			}
			settings, err := reports.LoadSettings(u.ctx, st)
			if err != nil {
				return err
			}
			names, err := reports.LoadNames(u.ctx, st)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(outDir, 0o700); err != nil {
				return err
			}
			fd := &reports.FormData{Dossier: d, Events: evs, Names: names, Now: now.In(st.Location())}
			code := d.Code
			if code == "" {
				code = d.ID.String()[:8]
			}
			return open(filepath.Join(outDir, rcFileName(form.prefix, code)), func(w io.Writer) error {
				return form.write(w, settings, fd)
			})
		}()
		if u.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			s.setPrinting(false)
			if err != nil && !showNotOpened(u.win, "", err) {
				s.fail(message(errorf("Could not print the form", err)))
			}
		})
	})
}

// setPrinting disables the print buttons while a form is written.
func (s *detailScreen) setPrinting(on bool) {
	s.busy = on
	for _, b := range s.printBtn {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}
