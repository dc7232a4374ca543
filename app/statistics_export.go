package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"motcua/data"
	"motcua/reports"
)

// exportName is the file name of the periodic report of a period in a format.
func exportName(p statsPeriod, format string) string {
	return "bao-cao-dinh-ky-" + p.from.String() + "-" + p.to.String() + "." + format
}

// export writes the periodic report by unit of the period on screen in format (PDF, XLSX or
// CSV) through the reports package in the background and opens it (UI thread).
func (s *statsScreen) export(format string) {
	r := s.shown
	if s.working || r == nil {
		return
	}
	s.working = true
	for _, b := range s.exports {
		b.Disable()
	}
	s.startWork()
	s.status.SetText(lang.L("Writing the report…"))
	s.status.Show()
	s.relayout()
	path := filepath.Join(s.deps.printFolder(s.outDir), exportName(r.period, format))
	d, st, open := s.deps, s.st, s.open
	d.work.spawn(func() {
		err := writePeriodic(d.work.ctx, st, open, path, format, r, d.now())
		if d.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			s.endWork()
			s.working = false
			for _, b := range s.exports {
				b.Enable()
			}
			if showNotOpened(d.win, "", err) {
				s.status.SetText(lang.L("Saved the report to {{.Path}}.", map[string]any{"Path": path}))
				return
			}
			if err != nil {
				s.status.SetText(message(errorf("Could not write the report", err)))
				return
			}
			s.status.SetText(lang.L("Saved the report to {{.Path}}.", map[string]any{"Path": path}))
		})
	})
}

// writePeriodic builds the periodic report of r's period and writes it with open. It blocks.
func writePeriodic(ctx context.Context, st *data.Store, open func(string, func(io.Writer) error) error,
	path, format string, r *statsResult, now time.Time) error {
	settings, err := reports.LoadSettings(ctx, st)
	if err != nil {
		return err
	}
	rep, err := reports.Build(ctx, st, reports.KindPeriodic, settings, reports.Options{
		From: r.period.from, To: r.period.to, By: data.ByUnit, Mode: r.mode, Date: now})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return open(path, func(w io.Writer) error { return rep.Write(format, w) })
}
