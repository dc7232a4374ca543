package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/reports"
)

// The printable forms (reports.Forms; docs/DOMAIN.md §9), by their number.
const (
	form01Receipt    = "01"
	form02Supplement = "02"
	form03Refusal    = "03"
	form04Apology    = "04"
	form05Stop       = "05"
	form06Control    = "06"
)

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

// showPrints puts one button per applicable form in the side column (UI thread).
func (s *detailScreen) showPrints(d *data.Dossier, evs []data.Event) {
	s.prints.RemoveAll()
	s.printBtn = map[string]*widget.Button{}
	for _, f := range reports.Applicable(d, evs) {
		n := f.Number
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
func (s *detailScreen) print(n string) { s.printWritten(n, nil) }

// printWritten writes form n of the dossier as the write w left it (nil: as it is in the store
// now) and opens it, in the background (UI thread).
func (s *detailScreen) printWritten(n string, w *data.Written) {
	st := s.deps.store
	if st == nil || s.busy || s.d == nil {
		return
	}
	s.setPrinting(true)
	s.fail("")
	d, id, now, outDir, open := s.deps, s.id, s.deps.now(), s.outDir, s.open
	d.work.spawn(func() {
		err := func() error {
			if w == nil {
				d, evs, err := st.DossierByID(d.work.ctx, id)
				if err != nil {
					return err
				}
				w = &data.Written{Dossier: d, Log: evs}
			}
			_, err := printForm(d.work.ctx, st, n, w.Dossier, w.Log, outDir, now, open)
			return err
		}()
		if d.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			s.setPrinting(false)
			if err != nil && !showNotOpened(d.win, "", err) {
				s.fail(message(errorf("Could not print the form", err)))
			}
		})
	})
}

// showWritten shows the dossier as the write w left it, without reading its log again (UI
// thread).
func (s *detailScreen) showWritten(w *data.Written) {
	if s.ref == nil {
		s.load()
		return
	}
	s.seq++ // a load still in flight would show an older state
	s.show(w.Dossier, w.Log)
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
