package app

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/reports"
)

// The choices of the period picker, in the order shown.
const (
	periodToday = iota
	periodWeek
	periodMonth
	periodYear
	periodCustom
)

// statsPeriod is a period of whole days, both ends included.
type statsPeriod struct{ from, to calendar.Date }

// statsResult is what one query found for a period: the figures by unit (whose total is the
// office's) and by field.
type statsResult struct {
	seq     int
	period  statsPeriod
	mode    data.Mode
	byUnit  *data.Report
	byField *data.Report
}

// statsScreen is the statistics screen (Thống kê, docs/HUONG-DAN.md §8): a period picker, the
// figures of the period (received by channel, resolved early / on time / late, pending,
// online share, fees, satisfaction), a chart by unit, a table by field, the late list and the
// staff evaluation, and the export of the periodic report as PDF, XLSX or CSV.
//
// Every figure comes from Store.Stats, the late list from reports.LateList and the exports from
// reports.Build, so the screen, the printed report and the CLI never disagree. Queries run in
// the background (screenDeps.work); each carries the sequence number of the period it answers, work for
// an older period is cancelled and its answer dropped. The late list and the staff evaluation read the
// period's dossiers one by one, so they are computed only when their tab is opened.
type statsScreen struct {
	deps screenDeps
	st   *data.Store
	// open writes an exported report to path and opens it; tests capture the file instead.
	open func(path string, write func(io.Writer) error) error
	// outDir is the folder the exported reports are written to; "": the office's (printFolder).
	outDir string

	view   *statsView
	root   *fyne.Container // the header above the tabs
	header *fyne.Container // the lines above the tabs

	period   *widget.Select
	from, to *dateEntry
	custom   *fyne.Container
	apply    *widget.Button
	refresh  *widget.Button
	dateMsg  *widget.Label
	progress *widget.ProgressBarInfinite
	busy     int           // background tasks in flight
	about    *widget.Label // the period shown and how early / late is decided
	status   *widget.Label // what the last export did
	exports  []*widget.Button
	working  bool // an export is being written

	tabs                                    *container.AppTabs
	summaryTab, fieldTab, lateTab, staffTab *container.TabItem

	seq   int         // the latest period asked for
	asked statsPeriod // that period
	// periodCtx is cancelled when a newer period is asked for: work on the older one stops.
	periodCtx    context.Context
	cancelPeriod context.CancelFunc
	shown        *statsResult // the answer on screen; nil before the first

	received, resolved, pending, online, fees, satisfaction *statsCard
	chart                                                   *resolvedChart

	fields     []data.Row
	fieldTotal data.Figures
	fieldTable *widget.Table

	lateSeq   int // the period the late list was asked for (0: not yet)
	late      []reports.LateDossier
	lateTable *widget.Table
	lateNote  *widget.Label

	staffSeq   int
	staff      []data.Row
	staffTable *widget.Table
	staffNote  *widget.Label
}

// statsView is the screen's content; it keeps the screen reachable from the shell (tests).
type statsView struct {
	widget.BaseWidget
	s       *statsScreen
	content fyne.CanvasObject
}

func (v *statsView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.content) }

func newStatsScreen(deps screenDeps) *statsScreen {
	s := &statsScreen{deps: deps, st: deps.store, open: reports.WriteAndOpen}
	s.build()
	return s
}

// today is the office's date now.
func (s *statsScreen) today() calendar.Date { return calendar.DateOf(s.deps.now().In(s.st.Location())) }

// presetPeriod is the period of a choice of the picker other than "custom".
func (s *statsScreen) presetPeriod(choice int) statsPeriod {
	today := s.today()
	switch choice {
	case periodToday:
		return statsPeriod{today, today}
	case periodWeek:
		from, to := week(today)
		return statsPeriod{from, to}
	case periodMonth:
		return statsPeriod{calendar.D(today.Year, today.Month, 1), today}
	}
	return statsPeriod{calendar.D(today.Year, 1, 1), today}
}

func (s *statsScreen) build() {
	s.period = widget.NewSelect([]string{lang.L("Today"), lang.L("This week"), lang.L("This month"),
		lang.L("Year to date"), lang.L("Custom period")}, nil)
	s.period.OnChanged = func(string) { s.choose(s.period.SelectedIndex()) }

	s.from, s.to = newDateEntry(), newDateEntry()
	s.from.OnSubmitted = func(string) { s.applyCustom() }
	s.to.OnSubmitted = func(string) { s.applyCustom() }
	s.apply = widget.NewButtonWithIcon(lang.L("Show"), theme.SearchIcon(), s.applyCustom)
	s.dateMsg = widget.NewLabel("")
	s.dateMsg.Importance = widget.DangerImportance
	s.dateMsg.Hide()
	s.custom = container.NewHBox(widget.NewLabel(lang.L("From")), container.NewGridWrap(fyne.NewSize(130, s.from.MinSize().Height), s.from),
		widget.NewLabel(lang.L("to")), container.NewGridWrap(fyne.NewSize(130, s.to.MinSize().Height), s.to), s.apply, s.dateMsg)
	s.custom.Hide()
	s.refresh = widget.NewButtonWithIcon(lang.L("Refresh"), theme.ViewRefreshIcon(), func() {
		if s.shown != nil {
			s.query(s.asked)
		}
	})
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Hide()
	s.about = widget.NewLabel("")
	s.about.Wrapping = fyne.TextWrapWord
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Hide()

	for _, e := range []struct {
		label, format string
		icon          fyne.Resource
	}{
		{lang.L("Export PDF"), reports.FormatPDF, theme.DocumentPrintIcon()},
		{lang.L("Export Excel"), reports.FormatXLSX, theme.DocumentSaveIcon()},
		{lang.L("Export CSV"), reports.FormatCSV, theme.DocumentSaveIcon()},
	} {
		format := e.format
		b := widget.NewButtonWithIcon(e.label, e.icon, func() { s.export(format) })
		b.Disable() // until there are figures
		s.exports = append(s.exports, b)
	}

	picker := container.NewHBox(widget.NewLabelWithStyle(lang.L("Period"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWrap(fyne.NewSize(170, s.period.MinSize().Height), s.period), s.refresh)
	buttons := container.NewHBox(s.exports[0], s.exports[1], s.exports[2])
	// the custom dates get a line of their own: beside the picker they would run into the buttons
	s.header = container.NewVBox(
		container.NewBorder(nil, nil, picker, buttons),
		s.custom,
		container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(160, s.progress.MinSize().Height), s.progress), s.about),
		s.status,
	)

	s.summaryTab = container.NewTabItemWithIcon(lang.L("Overview"), theme.GridIcon(), s.buildSummary())
	s.fieldTab = container.NewTabItemWithIcon(lang.L("By field"), theme.ListIcon(), s.buildFields())
	s.lateTab = container.NewTabItemWithIcon(lang.L("Late dossiers"), theme.WarningIcon(), s.buildLate())
	s.staffTab = container.NewTabItemWithIcon(lang.L("Staff evaluation"), theme.AccountIcon(), s.buildStaff())
	s.tabs = container.NewAppTabs(s.summaryTab, s.fieldTab, s.lateTab, s.staffTab)
	s.tabs.OnSelected = func(*container.TabItem) { s.loadTab() }

	s.root = container.NewBorder(container.NewPadded(s.header), nil, nil, nil, s.tabs)
	s.view = &statsView{s: s, content: s.root}
	s.view.ExtendBaseWidget(s.view)
}

// choose acts on a choice of the period picker (UI thread).
func (s *statsScreen) choose(choice int) {
	s.showDateError("")
	if choice == periodCustom {
		// start from the period on screen; nothing changes until "Show"
		if s.from.Text == "" && s.to.Text == "" {
			s.from.setDate(s.asked.from)
			s.to.setDate(s.asked.to)
		}
		s.custom.Show()
		s.relayout()
		return
	}
	s.custom.Hide()
	s.relayout()
	if choice >= 0 {
		s.query(s.presetPeriod(choice))
	}
}

// applyCustom queries the custom period typed, or explains what is wrong with it (UI thread).
func (s *statsScreen) applyCustom() {
	from, okFrom, err := s.from.date()
	if err != nil {
		s.showDateError(lang.L("Start date:") + " " + message(err))
		return
	}
	to, okTo, err := s.to.date()
	if err != nil {
		s.showDateError(lang.L("End date:") + " " + message(err))
		return
	}
	if !okFrom || !okTo {
		s.showDateError(lang.L("Type both dates as dd/mm/yyyy."))
		return
	}
	if to.Before(from) {
		s.showDateError(lang.L("The end date is before the start date."))
		return
	}
	s.showDateError("")
	s.query(statsPeriod{from, to})
}

// showDateError shows text under the picker ("" hides it).
func (s *statsScreen) showDateError(text string) {
	s.dateMsg.SetText(text)
	if text == "" {
		s.dateMsg.Hide()
	} else {
		s.dateMsg.Show()
	}
	s.relayout()
}

// relayout lays the header out again after a line of it appeared or went away (UI thread): a
// container does not lay out its parent when its own size changes.
func (s *statsScreen) relayout() {
	s.header.Refresh()
	s.root.Refresh()
}

// working counts background work and shows the progress bar while there is some (UI thread).
func (s *statsScreen) startWork() {
	s.busy++
	s.progress.Show()
	s.progress.Start()
}

func (s *statsScreen) endWork() {
	if s.busy--; s.busy <= 0 {
		s.busy = 0
		s.progress.Stop()
		s.progress.Hide()
	}
}

// query computes the figures of p in the background and shows them, unless a newer period was
// asked for meanwhile (UI thread).
func (s *statsScreen) query(p statsPeriod) {
	s.seq++
	seq := s.seq
	s.asked = p
	if s.cancelPeriod != nil {
		s.cancelPeriod()
	}
	s.periodCtx, s.cancelPeriod = context.WithCancel(s.deps.work.ctx)
	s.startWork()
	d, st, ctx := s.deps, s.st, s.periodCtx
	d.work.spawn(func() {
		res, err := computeStats(ctx, st, p)
		if d.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			s.endWork()
			if seq != s.seq {
				return // a newer period is on its way
			}
			if err != nil {
				d.showError(errorf("Could not compute the figures", err))
				return
			}
			res.seq = seq
			s.showResult(res)
			s.loadTab()
		})
	})
}

// computeStats reads the office's way of judging deadlines and the figures of p by unit and by
// field. It blocks (background).
func computeStats(ctx context.Context, st *data.Store, p statsPeriod) (*statsResult, error) {
	name, err := st.Setting(ctx, data.SettingDateMode)
	if err != nil {
		return nil, err
	}
	mode, err := data.ParseMode(name)
	if err != nil {
		mode = data.ModeTimestamp // as the dashboard: a bad setting must not hide the figures
	}
	res := &statsResult{period: p, mode: mode}
	if res.byUnit, err = st.Stats(ctx, p.from, p.to, data.ByUnit, mode); err != nil {
		return nil, err
	}
	if res.byField, err = st.Stats(ctx, p.from, p.to, data.ByField, mode); err != nil {
		return nil, err
	}
	return res, nil
}

// showResult puts an answer on screen (UI thread).
func (s *statsScreen) showResult(r *statsResult) {
	s.shown = r
	note := lang.L("deadlines compared by the minute, as the national portal does")
	if r.mode == data.ModeDate {
		note = lang.L("deadlines compared by date, as provincial systems do")
	}
	s.about.SetText(lang.L("Dates {{.From}} to {{.To}}", map[string]any{"From": r.period.from.VN(), "To": r.period.to.VN()}) + " · " + note)
	s.showFigures(r.byUnit.Total)
	groups := make([]chartGroup, 0, len(r.byUnit.Rows))
	for _, row := range r.byUnit.Rows {
		groups = append(groups, chartGroup{label: row.Name, early: row.ResolvedEarly, onTime: row.ResolvedOnTime, late: row.ResolvedLate})
	}
	s.chart.setGroups(groups)
	s.fields, s.fieldTotal = r.byField.Rows, r.byField.Total
	s.fieldTable.Refresh()
	// the lists of the previous period no longer apply
	s.late, s.staff = nil, nil
	s.lateNote.SetText(lang.L("Open this tab to list the dossiers resolved late in the period."))
	s.staffNote.SetText(lang.L("Open this tab to evaluate the staff over the period."))
	s.lateTable.Refresh()
	s.staffTable.Refresh()
	if !s.working {
		for _, b := range s.exports {
			b.Enable()
		}
	}
	s.view.Refresh()
}

// loadTab computes the late list or the staff evaluation of the period shown when its tab is
// open and it is not there yet (UI thread).
func (s *statsScreen) loadTab() {
	r := s.shown
	if r == nil || r.seq != s.seq {
		return
	}
	switch s.tabs.Selected() {
	case s.lateTab:
		if s.lateSeq != r.seq {
			s.lateSeq = r.seq
			s.loadLate(r)
		}
	case s.staffTab:
		if s.staffSeq != r.seq {
			s.staffSeq = r.seq
			s.loadStaff(r)
		}
	}
}

// loadLate lists the dossiers resolved late in r's period, as the weekly report does.
func (s *statsScreen) loadLate(r *statsResult) {
	s.lateNote.SetText(lang.L("Listing the dossiers resolved late…"))
	s.startWork()
	d, st, ctx := s.deps, s.st, s.periodCtx
	d.work.spawn(func() {
		var late []reports.LateDossier
		names, err := reports.LoadNames(ctx, st)
		if err == nil {
			late, err = reports.LateList(ctx, st, r.period.from, r.period.to, r.mode, names)
		}
		if d.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			s.endWork()
			if r.seq != s.seq {
				return
			}
			if err != nil {
				s.lateSeq = 0 // try again when the tab is opened again
				s.lateNote.SetText("")
				d.showError(errorf("Could not list the late dossiers", err))
				return
			}
			s.late = late
			s.lateNote.SetText(lang.L("{{.N}} dossiers resolved late in the period; {{.Apologised}} with an apology letter. Click a line to open the dossier.",
				map[string]any{"N": count(len(late)), "Apologised": count(apologised(late))}))
			s.lateTable.Refresh()
		})
	})
}

func apologised(late []reports.LateDossier) int {
	n := 0
	for _, l := range late {
		if l.Apologised {
			n++
		}
	}
	return n
}

// loadStaff evaluates the officials over r's period (Store.Stats by officer).
func (s *statsScreen) loadStaff(r *statsResult) {
	s.staffNote.SetText(lang.L("Evaluating the staff…"))
	s.startWork()
	d, st, ctx := s.deps, s.st, s.periodCtx
	d.work.spawn(func() {
		rep, err := st.Stats(ctx, r.period.from, r.period.to, data.ByOfficer, r.mode)
		if d.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			s.endWork()
			if r.seq != s.seq {
				return
			}
			if err != nil {
				s.staffSeq = 0
				s.staffNote.SetText("")
				d.showError(errorf("Could not evaluate the staff", err))
				return
			}
			s.staff = s.staff[:0]
			for _, row := range rep.Rows {
				if row.Officer != nil {
					s.staff = append(s.staff, row)
				}
			}
			s.staffNote.SetText(twoLines(lang.L("Dossiers resolved in the period that each official worked on. Indices of Circular 01/2018 (0–2): 1 time, 3 supplements, 7 attitude; the score adds 1, 2, 3, 4 and 7.")))
			s.staffTable.Refresh()
		})
	})
}
