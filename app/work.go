package app

import (
	"context"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/reports"
)

// workLimit is how many waiting dossiers the list shows at most.
const workLimit = 300

// workScreen is "Xử lý" (docs/HUONG-DAN.md §6): the open dossiers waiting for the logged-in officer or
// their unit (a leader: what waits for a leader, data.Store.LeaderWork), overdue first, then by
// due date. Each row's button records the usual next step in one click; a click elsewhere on the
// row opens the dossier.
//
// The list and every write run as the window's background work (screenDeps.work) and come back
// with fyne.Do.
type workScreen struct {
	widget.BaseWidget
	deps  screenDeps
	store *data.Store
	user  *data.User
	// open writes a printed form to path and shows it; tests capture the PDF instead.
	open   func(path string, write func(io.Writer) error) error
	outDir string

	rows    []workRow
	seq     int       // the latest load; older answers are dropped
	loaded  time.Time // when the list shown was read (the computer's clock)
	busy    bool      // an action is being recorded
	list    *widget.List
	empty   *widget.Label
	summary *widget.Label
	status  *widget.Label
	refresh *widget.Button
	form    *modal // the open form of an action that needs input (tests)
	content fyne.CanvasObject
}

// workRow is one waiting dossier with its time against the due date, computed with the office
// calendar when the list is read.
type workRow struct {
	hit     data.Hit
	overdue bool
	soon    bool          // due within one working day
	lastDay bool          // the date mode: past the due time but not the due day, so not overdue yet
	left    time.Duration // working time to the due date, or past it when overdue
	perDay  time.Duration // working time of one day
}

func newWorkScreen(deps screenDeps) *workScreen {
	w := &workScreen{deps: deps, store: deps.store, user: deps.user, open: reports.WriteAndOpen}
	w.ExtendBaseWidget(w)

	title := widget.NewLabelWithStyle(lang.L("Dossiers waiting for processing"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	w.summary = widget.NewLabel(lang.L("Loading…"))
	w.refresh = widget.NewButtonWithIcon(lang.L("Refresh"), theme.ViewRefreshIcon(), w.load)
	top := container.NewBorder(nil, nil, nil, container.NewVBox(w.refresh), container.NewVBox(title, w.summary))

	w.list = widget.NewList(func() int { return len(w.rows) }, w.newRow, w.updateRow)
	w.list.OnSelected = func(id widget.ListItemID) {
		w.list.Unselect(id)
		if id >= 0 && id < len(w.rows) {
			w.deps.openDossier(w.rows[id].hit.ID)
		}
	}
	w.empty = widget.NewLabelWithStyle(lang.L("No dossier is waiting for processing"), fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	w.empty.Hide()
	w.status = widget.NewLabel("")
	w.status.Wrapping = fyne.TextWrapWord

	italic := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	}
	header := workColumns(italic(lang.L("Time left")), italic(lang.L("Dossier code")),
		italic(lang.L("Applicant — procedure")), italic(lang.L("Status")), italic(lang.L("Next step")))
	body := container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil,
		container.NewStack(w.list, container.NewCenter(w.empty)))
	w.content = readable(deps.app, container.NewPadded(container.NewBorder(
		container.NewVBox(top, widget.NewSeparator()), w.status, nil, nil, body)))
	return w
}

// workStale is how old the list may be when the shell shows the screen again before it is read
// again (the shell refreshes a section's screen when it shows it).
const workStale = 20 * time.Second

// Refresh redraws the screen, reading the list again first when it is stale: coming back to Xử lý
// must not show as waiting what was done meanwhile elsewhere.
func (w *workScreen) Refresh() {
	if !w.loaded.IsZero() && time.Since(w.loaded) > workStale && !w.busy {
		w.loaded = time.Time{}
		w.load()
	}
	w.BaseWidget.Refresh()
}

func (w *workScreen) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(w.content) }

// workColumns lays out one line of the list: time left, code, applicant and procedure, status,
// the action. The header uses the same widths.
func workColumns(left, code, what, status, action fyne.CanvasObject) fyne.CanvasObject {
	fixed := func(width float32, o fyne.CanvasObject) fyne.CanvasObject { return container.NewStack(strut(width), o) }
	return container.NewBorder(nil, nil,
		container.NewHBox(fixed(200, left), fixed(200, code)),
		container.NewHBox(fixed(180, status), fixed(130, action)),
		what)
}

func (w *workScreen) newRow() fyne.CanvasObject {
	label := func(bold bool) *widget.Label {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	return workColumns(label(true), label(true), label(false), label(false), widget.NewButton("", nil))
}

// rowParts takes the widgets of a row made by newRow apart.
func rowParts(o fyne.CanvasObject) (left, code, what, status *widget.Label, action *widget.Button) {
	c := o.(*fyne.Container)
	what = c.Objects[0].(*widget.Label)
	lead := c.Objects[1].(*fyne.Container).Objects
	trail := c.Objects[2].(*fyne.Container).Objects
	left = lead[0].(*fyne.Container).Objects[1].(*widget.Label)
	code = lead[1].(*fyne.Container).Objects[1].(*widget.Label)
	status = trail[0].(*fyne.Container).Objects[1].(*widget.Label)
	action = trail[1].(*fyne.Container).Objects[1].(*widget.Button)
	return
}

func (w *workScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(w.rows) {
		return
	}
	r := w.rows[id]
	left, code, what, status, action := rowParts(o)
	left.SetText(r.timeText())
	left.Importance = r.importance()
	left.Refresh()
	code.SetText(r.hit.Code)
	text := r.hit.Applicant
	if r.hit.ProcedureName != "" {
		text += " — " + r.hit.ProcedureName
	}
	what.SetText(text)
	status.SetText(statusName(r.hit.Status))
	key, importance, do := w.action(r.hit)
	action.SetText(lang.L(key))
	action.Importance = importance
	action.OnTapped = do
	if w.busy {
		action.Disable()
	} else {
		action.Enable()
	}
	action.Refresh()
}

// paused reports whether the dossier's clock is stopped (waiting for the applicant).
func (r workRow) paused() bool {
	return r.hit.Status == data.StatusSupplement || r.hit.Status == data.StatusObligation
}

// timeText is the time left, or overdue, in working days and hours, as the detail says it (UI
// thread).
func (r workRow) timeText() string {
	switch {
	case r.hit.Due.IsZero():
		return lang.L("No due date")
	case r.paused():
		return lang.L("Clock paused")
	case r.overdue:
		return overdueText(r.left, r.perDay)
	case r.lastDay:
		return verdictName(data.Within)
	}
	return leftText(r.left, r.perDay)
}

// importance colours the time left: red overdue, orange due within a working day, green else.
func (r workRow) importance() widget.Importance {
	switch {
	case r.hit.Due.IsZero() || r.paused():
		return widget.MediumImportance
	case r.overdue:
		return widget.DangerImportance
	case r.soon:
		return widget.WarningImportance
	}
	return widget.SuccessImportance
}

// load reads the list again in the background (UI thread).
func (w *workScreen) load() {
	st, user := w.store, w.user
	if st == nil || user == nil {
		return
	}
	w.seq++
	seq := w.seq
	w.refresh.Disable()
	w.deps.work.spawn(func() {
		var hits []data.Hit
		var err error
		unit := ""
		if user.Roles.Has(data.RoleOfficer) {
			unit = user.Unit
		}
		if user.Roles.Has(data.RoleLeader) {
			hits, err = st.LeaderWork(w.deps.work.ctx, user.Username, unit, workLimit)
		} else {
			hits, err = st.MyWork(w.deps.work.ctx, user.Username, unit, workLimit)
		}
		mode, _ := st.DateMode(w.deps.work.ctx) // unreadable: the timestamp mode, as DateMode gives
		rows := workRows(st, hits, mode)
		if w.deps.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			if seq != w.seq {
				return
			}
			w.refresh.Enable()
			w.loaded = time.Now()
			if err != nil {
				w.summary.SetText(message(errorf("Could not read the dossiers waiting for processing", err)))
				return
			}
			w.show(rows)
		})
	})
}

// workRows measures each dossier's time against its due date with the office calendar; whether
// it is overdue is data's verdict in the office's mode, as the list and the statistics say.
func workRows(st *data.Store, hits []data.Hit, mode data.Mode) []workRow {
	cal := st.Calendar()
	now := st.Now()
	perDay := cal.Hours().PerDay()
	rows := make([]workRow, len(hits))
	for i, h := range hits {
		r := workRow{hit: h, perDay: perDay}
		if !h.Due.IsZero() {
			switch {
			case h.Verdict(now, mode) == data.Overdue:
				r.overdue = true
				r.left = cal.WorkingBetween(h.Due, now)
			case h.Due.Before(now):
				r.soon, r.lastDay = true, true
			default:
				r.left = cal.WorkingBetween(now, h.Due)
				r.soon = r.left < perDay
			}
		}
		rows[i] = r
	}
	return rows
}

// show puts rows in the list (UI thread).
func (w *workScreen) show(rows []workRow) {
	w.rows = rows
	overdue := 0
	for _, r := range rows {
		if r.overdue && !r.paused() {
			overdue++
		}
	}
	text := lang.L("{{.N}} dossiers waiting, {{.Overdue}} overdue", map[string]any{"N": count(len(rows)), "Overdue": count(overdue)})
	if len(rows) >= workLimit {
		text += " " + lang.L("(the first {{.N}} by due date)", map[string]any{"N": count(workLimit)})
	}
	w.summary.SetText(text)
	if len(rows) == 0 {
		w.empty.Show()
	} else {
		w.empty.Hide()
	}
	w.list.Refresh()
}

// action is the row's button: the usual next step of a dossier in its status that the user may
// record, else opening the dossier. key is the translation key of the button's text.
func (w *workScreen) action(h data.Hit) (key string, importance widget.Importance, do func()) {
	roles := w.user.Roles
	open := func() { w.deps.openDossier(h.ID) }
	switch {
	case h.Status == data.StatusReceived && roles.Has(data.RoleOfficer) && w.user.Unit != "" &&
		data.Allowed(roles, data.EvTransferred, h.Status):
		return "Take it", widget.HighImportance, func() {
			w.record(h, &data.Transferred{ToUnit: w.user.Unit, ToHandler: w.user.Username},
				lang.L("Dossier {{.Code}} is now yours to process.", map[string]any{"Code": h.Code}))
		}
	case h.Status == data.StatusProcessing && roles.Has(data.RoleOfficer) && data.Allowed(roles, data.EvProcessed, h.Status):
		return "Mark processed", widget.HighImportance, func() {
			w.record(h, &data.Processed{},
				lang.L("Dossier {{.Code}} is processed: the result waits at the counter.", map[string]any{"Code": h.Code}))
		}
	case h.Status == data.StatusObligation && data.Allowed(roles, data.EvObligationMet, h.Status):
		return "Obligation met", widget.HighImportance, func() {
			w.record(h, &data.ObligationMet{},
				lang.L("The financial obligation of dossier {{.Code}} is met: processing goes on.", map[string]any{"Code": h.Code}))
		}
	case h.Status == data.StatusWithdrawing && data.Allowed(roles, data.EvStopped, h.Status):
		return "Stop processing…", widget.DangerImportance, func() { w.askStop(h) }
	}
	return "Open", widget.MediumImportance, open
}

// askStop asks for the reason of stopping a withdrawn dossier, then records it (UI thread).
func (w *workScreen) askStop(h data.Hit) {
	if w.busy {
		return
	}
	reason := newKeyMultiLineEntry() // Escape cancels the box, Enter is a new line
	reason.Wrapping = fyne.TextWrapWord
	reason.SetMinRowsVisible(3)
	reason.SetText("Công dân có đơn đề nghị rút hồ sơ")
	limitEntry(&reason.Entry, data.MaxText)
	decision := newKeyEntry()
	limitEntry(&decision.Entry, data.MaxText)
	decision.SetText("Dừng giải quyết, trả lại hồ sơ cho công dân")
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("Dossier code")), widget.NewLabel(h.Code+" — "+h.Applicant),
		widget.NewLabel(lang.L("Reason for stopping")), reason,
		widget.NewLabel(lang.L("Decision")), decision)
	w.form = askForm(w.deps.win, lang.L("Stop processing the dossier"), form, lang.L("Stop processing"), func() string {
		why := vntext.CleanMultiline(reason.Text)
		if strings.TrimSpace(why) == "" {
			return lang.L("Write the reason for stopping.")
		}
		w.record(h, &data.Stopped{Reason: why, Decision: vntext.Clean(decision.Text)},
			lang.L("Processing of dossier {{.Code}} is stopped.", map[string]any{"Code": h.Code}),
			func(ctx context.Context, d *data.Written) error {
				return w.print(ctx, d, form05Stop)
			})
		return ""
	})
}

// record writes p on the dossier of h in the background, then runs after (printing a form; may
// be nil), and reads the list again; done is the message on success (UI thread).
func (w *workScreen) record(h data.Hit, p data.Payload, done string, after ...func(context.Context, *data.Written) error) {
	if w.busy || w.store == nil {
		return
	}
	w.setBusy(true)
	w.status.SetText(lang.L("Recording…"))
	st, user := w.store, w.user
	w.deps.work.spawn(func() {
		d, err := st.Record(w.deps.work.ctx, user, h.ID, p)
		var perr error
		for _, fn := range after {
			if err == nil && perr == nil {
				perr = fn(w.deps.work.ctx, d)
			}
		}
		if w.deps.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			w.setBusy(false)
			switch {
			case err != nil:
				w.status.SetText(message(errorf("Could not record the step", err)))
				w.deps.showError(errorf("Could not record the step", err))
			case showNotOpened(w.deps.win, done, perr):
				w.status.SetText(done)
			case perr != nil:
				w.status.SetText(done + " " + lang.L("The form could not be printed:") + " " + message(perr))
			default:
				w.status.SetText(done)
			}
			w.load() // also after an error: someone else may have moved the dossier on
		})
	})
}

// print writes form n of dossier d, as the write left it, and opens it (off the UI thread).
func (w *workScreen) print(ctx context.Context, d *data.Written, n string) error {
	_, err := printForm(ctx, w.store, n, d.Dossier, d.Log, w.deps.printFolder(w.outDir), w.deps.now(), w.open)
	return err
}

// setBusy disables the row buttons while a step is recorded (UI thread).
func (w *workScreen) setBusy(on bool) {
	w.busy = on
	w.list.Refresh()
}
