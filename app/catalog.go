package app

import (
	"context"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// The catalog screen (Danh mục, docs/HUONG-DAN.md §9): the administrator keeps the procedures
// (catalog_procedures.go), the processing units and the fields (catalog_units.go) and the
// working calendar (catalog_calendar.go). Every write goes through data, which checks the admin
// role itself; queries and writes run as the window's background work (screenDeps.work) and report back with fyne.Do.

// catalogScreen holds the four tabs of the catalog.
type catalogScreen struct {
	deps  screenDeps
	store *data.Store
	actor *data.User

	tabs   *container.AppTabs
	procs  *procTab
	units  *unitTab
	fields *fieldTab
	cal    *calTab

	form *catalogForm // the edit box last opened (tests press its buttons)
}

func newCatalogScreen(deps screenDeps) *catalogScreen {
	c := &catalogScreen{deps: deps, store: deps.store, actor: deps.user}
	c.procs = newProcTab(c)
	c.units = newUnitTab(c)
	c.fields = newFieldTab(c)
	c.cal = newCalTab(c)
	c.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Procedures"), theme.DocumentIcon(), c.procs.content),
		container.NewTabItemWithIcon(lang.L("Units"), theme.AccountIcon(), c.units.content),
		container.NewTabItemWithIcon(lang.L("Fields"), theme.ListIcon(), c.fields.content),
		container.NewTabItemWithIcon(lang.L("Working calendar"), theme.CalendarIcon(), c.cal.content),
	)
	c.loadAll()
	return c
}

// loadAll fills the three lists in one background job: the units must be there before a
// procedure's edit box offers them, and one job means one hand-back to the UI thread.
func (c *catalogScreen) loadAll() {
	var procs []data.Procedure
	var units []data.Unit
	var fields []data.Field
	c.procs.seq++
	seq := c.procs.seq
	c.query("Could not read the catalog", func(ctx context.Context) error {
		var err error
		if procs, err = c.store.CatalogProcedures(ctx, "", catalogListLimit); err != nil {
			return err
		}
		if units, err = c.store.Units(ctx); err != nil {
			return err
		}
		fields, err = c.store.Fields(ctx)
		return err
	}, func() {
		c.units.show(units)
		c.fields.show(fields)
		if seq == c.procs.seq {
			c.procs.show(procs)
		}
	})
}

// query runs read off the UI thread and hands its result to show on the UI thread; an error is
// shown in a message box explained by failKey.
func (c *catalogScreen) query(failKey string, read func(ctx context.Context) error, show func()) {
	d := c.deps
	d.work.spawn(func() {
		err := read(d.work.ctx)
		if d.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			if err != nil {
				d.showError(errorf(failKey, err))
				return
			}
			show()
		})
	})
}

// catalogForm is an edit box whose Save writes in the background: the box stays open, with
// everything typed, until the write succeeds.
type catalogForm struct {
	box    *modal
	save   *widget.Button
	cancel *widget.Button
}

// editForm shows body with Cancel and a confirm button (Save). On confirm, prepare (UI thread) checks what was typed
// and returns the write to run, or a message to show; the write runs off the UI thread, and on
// success the box closes and done runs (UI thread). failKey explains a failed write.
func (c *catalogScreen) editForm(title string, body fyne.CanvasObject, confirm, failKey string,
	prepare func() (write func(ctx context.Context) error, problem string), done func()) *catalogForm {
	f := &catalogForm{}
	f.cancel = newBoxButton(lang.L("Cancel"), nil, func() { f.box.hide() })
	f.save = newBoxButton(confirm, nil, func() {
		write, problem := prepare()
		if problem != "" {
			f.box.fail(problem)
			return
		}
		f.box.fail("")
		f.save.Disable()
		f.cancel.Disable()
		d := c.deps
		d.work.spawn(func() {
			err := write(d.work.ctx)
			if d.work.ctx.Err() != nil {
				return
			}
			fyne.Do(func() {
				f.save.Enable()
				f.cancel.Enable()
				if err != nil {
					f.box.fail(message(errorf(failKey, err)))
					return
				}
				f.box.hide()
				done()
			})
		})
	})
	f.save.Importance = widget.HighImportance
	f.box = newModal(c.deps.win, theme.DocumentCreateIcon(), title, body, 660, f.cancel, f.save)
	f.box.show()
	c.form = f
	return f
}

// submitOnEnter makes Enter in each entry press the confirm button (while it is enabled).
func (f *catalogForm) submitOnEnter(entries ...*keyEntry) {
	for _, e := range entries {
		e.OnSubmitted = func(string) {
			if !f.save.Disabled() {
				f.save.OnTapped()
			}
		}
	}
}

// importFile reads the file at path into the store in the background with a progress box;
// run returns how many rows were imported. The outcome is shown in a message box: on an error
// (its text names the line of the file, failKey says that nothing changed) nothing was
// changed. doneKey says how many rows ({{.N}}) came from which file ({{.File}}); done runs after
// a success.
func (c *catalogScreen) importFile(path string, run func(ctx context.Context, path string) (int, error), failKey, doneKey string, done func()) {
	bar := widget.NewProgressBarInfinite()
	name := baseName(path)
	body := container.NewVBox(widget.NewLabel(lang.L("Importing {{.File}}…", map[string]any{"File": name})), bar)
	progress := newModal(c.deps.win, theme.UploadIcon(), lang.L("Import"), body, 420)
	progress.show()
	d := c.deps
	d.work.spawn(func() {
		n, err := run(d.work.ctx, path)
		if d.work.ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			bar.Stop()
			progress.hide()
			if err != nil {
				d.showMessage(theme.ErrorIcon(), lang.L("Nothing was imported"),
					message(errorf(failKey, err)))
				return
			}
			d.showMessage(theme.ConfirmIcon(), lang.L("Import"),
				lang.L(doneKey, map[string]any{"N": count(n), "File": name}))
			done()
		})
	})
}

// baseName is the last element of a path, with either separator (a Windows path in a test).
func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// limitText is a time limit for the screen, in the UI's language.
func limitText(l calendar.Limit) string {
	v := strings.Replace(strconv.FormatFloat(l.Value, 'f', -1, 64), ".", ",", 1)
	switch l.Unit {
	case calendar.WorkingDays:
		if l.Value == 0 {
			return lang.L("Same working day")
		}
		return lang.L("{{.N}} working days", map[string]any{"N": v})
	case calendar.WorkingHours:
		return lang.L("{{.N}} working hours", map[string]any{"N": v})
	case calendar.CalendarDays:
		return lang.L("{{.N}} calendar days", map[string]any{"N": v})
	}
	return lang.L("No time limit")
}

// feesText is the fees of a procedure in one line: "Free" or the total "50.000 đ".
func feesText(fees []data.ProcedureFee) string {
	var total int64
	for _, f := range fees {
		total += f.Amount
	}
	if total == 0 {
		return lang.L("Free")
	}
	return vntext.Money(total)
}

// limitUnits are the units of the limit chooser, in its order.
var limitUnits = []calendar.Unit{calendar.WorkingDays, calendar.WorkingHours, calendar.CalendarDays, calendar.NoLimit}

func limitUnitNames() []string {
	return []string{lang.L("Working days"), lang.L("Working hours"), lang.L("Calendar days"), lang.L("No time limit")}
}

// parseLimitInput reads a limit typed as a number (decimal comma or point) and a unit, with the
// rules of calendar.ParseLimit (working days in halves, hours and calendar days whole).
func parseLimitInput(value string, unit calendar.Unit) (calendar.Limit, error) {
	if unit == calendar.NoLimit {
		return calendar.Limit{Unit: calendar.NoLimit}, nil
	}
	num := strings.Replace(strings.TrimSpace(value), ",", ".", 1)
	if num == "" {
		return calendar.Limit{}, textError("Type the time limit")
	}
	suffix := map[calendar.Unit]string{calendar.WorkingDays: "d", calendar.WorkingHours: "h", calendar.CalendarDays: "cd"}[unit]
	l, err := calendar.ParseLimit(num + suffix)
	if err != nil {
		return calendar.Limit{}, err
	}
	return l, nil
}

// limitValueText is the number of a limit as typed in the form ("0,5").
func limitValueText(l calendar.Limit) string {
	if l.Unit == calendar.NoLimit {
		return ""
	}
	if l.Value == math.Trunc(l.Value) {
		return strconv.FormatFloat(l.Value, 'f', 0, 64)
	}
	return strings.Replace(strconv.FormatFloat(l.Value, 'f', -1, 64), ".", ",", 1)
}
