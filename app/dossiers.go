package app

import (
	"context"
	"image/color"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// dlCountCap is how far the first count goes: beyond it the list says "hơn 10.000 hồ sơ" at once
// and the exact figure follows from a full count in the background (dossierList.countCap).
const dlCountCap = 10_000

// dlDebounce is how long the search waits after a keystroke before it lists (dossierList.pause).
const dlDebounce = 250 * time.Millisecond

// dlAfterFunc starts the pause after a keystroke (dossierList.afterFunc).
func dlAfterFunc(d time.Duration, f func()) interface{ Stop() bool } { return time.AfterFunc(d, f) }

// dlProcedureOptions is how many procedures the procedure filter offers at a time.
const dlProcedureOptions = 100

// The columns of the list.
const (
	dlColCode = iota
	dlColApplicant
	dlColProcedure
	dlColStatus
	dlColReceived
	dlColDue
	dlColChannel
	dlColumns
)

var dlColumnTitles = [dlColumns]string{"Dossier code", "Applicant", "Procedure", "Status", "Received on", "Due / time left", "Channel"}

// dlColumnWidths are the columns' widths; the procedure's is what the others leave (at least
// dlMinProcedureWidth), so that the table fills the screen without scrolling sideways. Once the
// procedure has dlProcedureBeforeDue, the due column grows first, up to dlMaxDueWidth: an
// overdue row reads "Quá hạn 4 ngày làm việc 3 giờ · 11/03/2026", which 230 px cut at 1366×768.
var dlColumnWidths = [dlColumns]float32{195, 140, 0, 120, 110, 230, 80}

const (
	dlMinProcedureWidth  = 150
	dlProcedureBeforeDue = 170
	dlMaxDueWidth        = 340
)

// dlShare splits what the fixed columns leave between the procedure and the due column.
func dlShare(rest float32) (procedure, due float32) {
	procedure, due = max(rest, dlMinProcedureWidth), dlColumnWidths[dlColDue]
	if grow := min(procedure-dlProcedureBeforeDue, dlMaxDueWidth-due); grow > 0 {
		procedure, due = procedure-grow, due+grow
	}
	return procedure, due
}

// dlRoot is the screen's widget; it keeps the list reachable from the shell's screens (tests).
type dlRoot struct {
	widget.BaseWidget
	list    *dossierList
	content fyne.CanvasObject
}

func newDLRoot(d *dossierList, content fyne.CanvasObject) *dlRoot {
	r := &dlRoot{list: d, content: content}
	r.ExtendBaseWidget(r)
	return r
}

func (r *dlRoot) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// dossierList is the list of every dossier of the office (docs/HUONG-DAN.md §5): filters above a
// table whose rows are read a page at a time as it scrolls (dossiers_rows.go).
//
// Threading: the widgets and every field below are touched on the UI thread only. Queries run
// through spawn and report back with fyne.Do; each listing has a generation number, and answers
// of an older one (a filter changed meanwhile) are dropped.
type dossierList struct {
	store *data.Store
	ctx   context.Context
	spawn func(func())
	open  func(uuid.UUID)
	now   func() time.Time

	root       *dlRoot
	search     *widget.Entry
	status     *widget.Select
	unit       *widget.Select
	channel    *widget.Select
	procedure  *widget.SelectEntry
	from, to   *dateEntry
	dueSoon    *widget.Check
	overdue    *widget.Check
	clearBtn   *widget.Button
	refreshBtn *widget.Button
	info       *widget.Label // the count, "nothing matches" or what went wrong
	empty      *widget.Label // over the empty table: why it is empty
	table      *widget.Table

	units       []data.Unit
	procs       []data.Procedure
	procLabels  map[string]string // the procedure filter's option text → procedure code
	procOptions []string          // what the procedure filter offers now
	procCode    string            // the procedure chosen; "" all
	quiet       bool              // filters being reset together: one listing at the end

	order    data.ListSort
	f        data.ListFilter // of the listing shown
	gen      int             // the latest listing
	listCtx  context.Context // the latest listing's: cancelled when another starts
	cancel   context.CancelFunc
	pending  bool // the latest listing has not answered yet: the old rows stay meanwhile
	rows     int  // the table's length
	more     bool // rows is the cap; the full count is still running
	pages    *dlPages
	failed   bool      // a page could not be read: no retry until the next listing
	at, soon time.Time // the listing's "now" and the end of "due within one working day"
	mode     data.Mode // the listing's way of judging deadlines
	updating bool      // inside the table's UpdateCell: no Refresh from there
	timer    interface{ Stop() bool }
	timerMu  sync.Mutex

	// pause is how long the search waits after a keystroke (tests set 0: at once); afterFunc
	// starts it (tests fire the pause themselves: Fyne's test driver runs fyne.Do on the timer's
	// goroutine, racing the test).
	pause     time.Duration
	afterFunc func(time.Duration, func()) interface{ Stop() bool }
	countCap  int // how far the first count goes (dlCountCap; tests set less)
}

// newDossierList builds the screen over st and lists every dossier; spawn runs work off the UI
// thread, open shows a dossier, now is the clock.
func newDossierList(ctx context.Context, st *data.Store, spawn func(func()), open func(uuid.UUID), now func() time.Time) *dossierList {
	d := &dossierList{store: st, ctx: ctx, spawn: spawn, open: open, now: now, order: data.SortReceivedDesc,
		pages: newDLPages(), procLabels: map[string]string{}, pause: dlDebounce, afterFunc: dlAfterFunc, countCap: dlCountCap}
	d.build()
	d.loadChoices()
	d.apply()
	return d
}

func (d *dossierList) build() {
	d.quiet = true // the filters' first values list nothing: newDossierList lists once
	defer func() { d.quiet = false }()
	d.search = widget.NewEntry()
	d.search.SetPlaceHolder(lang.L("Search by code, applicant name, ID number or phone"))
	d.search.OnChanged = func(string) { d.searchLater() }
	d.search.OnSubmitted = func(string) { d.stopTimer(); d.apply() }

	statusOptions := []string{lang.L("All statuses"), lang.L("Being processed")}
	for s := data.StatusSubmitted; s <= data.StatusReturned; s++ {
		statusOptions = append(statusOptions, statusName(s))
	}
	d.status = widget.NewSelect(statusOptions, func(string) { d.changed() })
	d.status.SetSelectedIndex(0)

	d.unit = widget.NewSelect([]string{lang.L("All units")}, func(string) { d.changed() })
	d.unit.SetSelectedIndex(0)

	d.channel = widget.NewSelect([]string{lang.L("All channels"), channelName(data.ChannelDirect),
		channelName(data.ChannelOnline), channelName(data.ChannelPost)}, func(string) { d.changed() })
	d.channel.SetSelectedIndex(0)

	d.procedure = widget.NewSelectEntry(nil)
	d.procedure.SetPlaceHolder(lang.L("All procedures (type to search)"))
	d.procedure.OnChanged = d.procedureTyped

	d.from, d.to = newDateEntry(), newDateEntry()
	for _, e := range []*dateEntry{d.from, d.to} {
		e.OnChanged = func(s string) {
			// A date half typed lists nothing; a whole one lists after a pause, like the search.
			if _, _, err := e.date(); err == nil {
				d.searchLater()
			} else if looksWhole(s) {
				d.setInfo(badDateText(), widget.DangerImportance)
			}
		}
		e.OnSubmitted = func(string) { d.apply() }
	}
	d.dueSoon = widget.NewCheck(lang.L("Due soon"), func(bool) { d.changed() })
	d.overdue = widget.NewCheck(lang.L("Overdue"), func(bool) { d.changed() })

	d.clearBtn = widget.NewButtonWithIcon(lang.L("Clear filters"), theme.ContentClearIcon(), d.clearFilters)
	d.refreshBtn = widget.NewButtonWithIcon(lang.L("Refresh"), theme.ViewRefreshIcon(), d.apply)

	d.info = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	d.info.Truncation = fyne.TextTruncateEllipsis

	d.table = widget.NewTable(
		func() (int, int) { return laidOutRows(d.table, d.rows), dlColumns },
		func() fyne.CanvasObject {
			l := widget.NewLabel("000.00.06.H56-261120-0001")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		d.updateCell)
	d.table.ShowHeaderRow = true
	d.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	d.table.UpdateHeader = d.updateHeader
	for i, w := range dlColumnWidths {
		if i == dlColProcedure {
			w = dlMinProcedureWidth
		}
		d.table.SetColumnWidth(i, w)
	}
	d.table.OnSelected = func(id widget.TableCellID) {
		h, ok := d.pages.row(id.Row)
		d.table.UnselectAll()
		if ok && id.Row >= 0 {
			d.open(h.ID)
		}
	}

	label := func(key string) fyne.CanvasObject { return widget.NewLabel(lang.L(key)) }
	dateBox := func(e *dateEntry) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(150, e.MinSize().Height), e)
	}
	top := container.NewBorder(nil, nil, nil, container.NewHBox(d.clearBtn, d.refreshBtn), d.search)
	choices := container.NewGridWithColumns(4, d.status, d.unit, d.channel, d.procedure)
	when := container.NewBorder(nil, nil,
		container.NewHBox(label("From"), dateBox(d.from), label("To"), dateBox(d.to), d.dueSoon, d.overdue),
		nil, d.info)
	filters := container.NewVBox(top, choices, when)
	d.empty = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	d.empty.Hide()
	table := container.NewStack(
		container.NewThemeOverride(container.New(&dlTableLayout{d: d}, d.table), dlDenseTheme{fyne.CurrentApp().Settings().Theme()}),
		container.NewCenter(d.empty))
	d.root = newDLRoot(d, container.NewBorder(container.NewPadded(filters), nil, nil, nil, table))
}

// dlDenseTheme narrows the padding inside the table's cells: seven columns fit a 1280-pixel
// window without scrolling sideways, and more rows show at once. It also darkens the colours of
// the time left: the theme's light green and amber are hard to read as text on white.
type dlDenseTheme struct{ fyne.Theme }

var (
	dlOverdueColor = color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF} // #C62828
	dlSoonColor    = color.NRGBA{R: 0xB4, G: 0x53, B: 0x09, A: 0xFF} // #B45309
	dlDoneColor    = color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xFF} // #2E7D32
)

func (t dlDenseTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameError:
		return dlOverdueColor
	case theme.ColorNameWarning:
		return dlSoonColor
	case theme.ColorNameSuccess:
		return dlDoneColor
	}
	return t.Theme.Color(n, v)
}

func (t dlDenseTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInnerPadding {
		return t.Theme.Size(n) / 2
	}
	return t.Theme.Size(n)
}

// dlTableLayout gives the table all the room and the procedure and due columns what the others
// leave (dlShare).
type dlTableLayout struct {
	d     *dossierList
	width float32 // the procedure column's width set last
	due   float32 // the due column's
}

func (l *dlTableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	rest := size.Width - theme.Padding()*float32(dlColumns+1)
	for i, w := range dlColumnWidths {
		if i != dlColProcedure {
			rest -= w
		}
	}
	if p, due := dlShare(rest); p != l.width || due != l.due {
		l.width, l.due = p, due
		l.d.table.SetColumnWidth(dlColProcedure, p)
		l.d.table.SetColumnWidth(dlColDue, due)
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *dlTableLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize()
}

// loadChoices fills the unit and procedure filters from the catalog.
func (d *dossierList) loadChoices() {
	st, ctx := d.store, d.ctx
	d.spawn(func() {
		units, err := st.Units(ctx)
		var procs []data.Procedure
		if err == nil {
			procs, err = st.Procedures(ctx, "", 0)
		}
		fyne.Do(func() {
			if err != nil {
				d.showProblem(errorf("Could not read the catalog", err))
				return
			}
			d.units, d.procs = units, procs
			options := []string{lang.L("All units")}
			for _, u := range units {
				options = append(options, u.Name)
			}
			d.quiet = true
			d.unit.SetOptions(options)
			d.unit.SetSelectedIndex(0)
			d.quiet = false
			d.procLabels = map[string]string{}
			for _, p := range procs {
				d.procLabels[procedureLabel(p)] = p.Code
			}
			d.offerProcedures("")
		})
	})
}

func procedureLabel(p data.Procedure) string { return p.Code + " — " + p.Name }

// offerProcedures lists in the procedure filter those whose code or name holds every word typed.
func (d *dossierList) offerProcedures(typed string) {
	words := vntext.Tokens(typed)
	var options []string
	for _, p := range d.procs {
		key := vntext.Fold(procedureLabel(p))
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(key, w)
		}
		if ok {
			options = append(options, procedureLabel(p))
			if len(options) == dlProcedureOptions {
				break
			}
		}
	}
	d.procOptions = options
	d.procedure.SetOptions(options)
}

// procedureTyped narrows the procedure filter's options; the list follows once the text names a
// procedure (picked from the options, or its code typed) or is emptied.
func (d *dossierList) procedureTyped(text string) {
	if d.quiet {
		return
	}
	text = strings.TrimSpace(text)
	code, named := d.procLabels[text]
	if !named {
		for _, p := range d.procs {
			if text != "" && strings.EqualFold(p.Code, text) {
				code, named = p.Code, true
			}
		}
	}
	if !named {
		d.offerProcedures(text)
	}
	if code != d.procCode {
		d.procCode = code
		d.apply()
	}
}

// changed lists again after a filter changed (UI thread).
func (d *dossierList) changed() {
	if !d.quiet {
		d.apply()
	}
}

// searchLater lists a pause after the last keystroke, so that typing a name or a date runs
// one query.
func (d *dossierList) searchLater() {
	if d.quiet {
		return
	}
	if d.pause <= 0 {
		d.apply()
		return
	}
	d.timerMu.Lock()
	defer d.timerMu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = d.afterFunc(d.pause, func() { fyne.Do(d.apply) })
}

func (d *dossierList) stopTimer() {
	d.timerMu.Lock()
	defer d.timerMu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
}

// clearFilters resets every filter and lists everything once.
func (d *dossierList) clearFilters() {
	d.stopTimer()
	d.quiet = true
	d.search.SetText("")
	d.status.SetSelectedIndex(0)
	d.unit.SetSelectedIndex(0)
	d.channel.SetSelectedIndex(0)
	d.procedure.SetText("")
	d.procCode = ""
	d.offerProcedures("")
	d.from.SetText("")
	d.to.SetText("")
	d.dueSoon.SetChecked(false)
	d.overdue.SetChecked(false)
	d.quiet = false
	d.apply()
}

// filter reads the filters; err explains a date that cannot be read.
func (d *dossierList) filter() (data.ListFilter, error) {
	f := data.ListFilter{Query: vntext.Clean(d.search.Text), Procedure: d.procCode,
		DueSoon: d.dueSoon.Checked, Overdue: d.overdue.Checked}
	switch i := d.status.SelectedIndex(); {
	case i == 1:
		for s := data.StatusSubmitted; s <= data.StatusReturned; s++ {
			if s.Open() {
				f.Statuses = append(f.Statuses, s)
			}
		}
	case i > 1:
		f.Statuses = []data.Status{data.StatusSubmitted + data.Status(i-2)}
	}
	if i := d.unit.SelectedIndex(); i > 0 && i <= len(d.units) {
		f.Unit = d.units[i-1].Code
	}
	if i := d.channel.SelectedIndex(); i > 0 {
		f.Channel = data.Channel(i)
	}
	var err error
	var ok bool
	if f.From, ok, err = d.from.date(); err != nil {
		return f, err
	} else if !ok {
		f.From = calendar.Date{}
	}
	if f.To, ok, err = d.to.date(); err != nil {
		return f, err
	} else if !ok {
		f.To = calendar.Date{}
	}
	return f, nil
}

// dlAnswer is the first page of a listing with its count.
type dlAnswer struct {
	hits []data.Hit
	next data.Cursor // where the second page starts; "": there is none
	n    int
	more bool // n is the cap: there are more
	err  error
	mode data.Mode // the office's way of judging deadlines, for the due column
}

// firstPage counts the dossiers matching f (up to countCap) and reads the first page in the
// order o, both at once.
func firstPage(ctx context.Context, st *data.Store, f data.ListFilter, o data.ListSort, countCap int) dlAnswer {
	var a dlAnswer
	var countErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.n, a.more, countErr = st.CountUpTo(ctx, f, countCap)
	}()
	a.hits, a.next, a.err = st.List(ctx, f, o, "", dlPageSize)
	a.mode, _ = st.DateMode(ctx) // unreadable: the timestamp mode, as DateMode gives
	wg.Wait()
	if a.err == nil {
		a.err = countErr
	}
	return a
}

// apply lists the dossiers matching the filters, in the order chosen (UI thread). The rows shown
// stay until the answer comes.
func (d *dossierList) apply() {
	f, err := d.filter()
	if err != nil {
		d.setInfo(badDateText(), widget.DangerImportance)
		return
	}
	if d.cancel != nil {
		d.cancel()
	}
	ctx, cancel := context.WithCancel(d.ctx)
	d.gen++
	gen, o, st, countCap := d.gen, d.order, d.store, d.countCap
	d.listCtx, d.cancel, d.f, d.pending = ctx, cancel, f, true
	d.setInfo(lang.L("Loading…"), widget.MediumImportance)
	now := d.now()
	soon := soonLimit(st, now)
	d.spawn(func() {
		a := firstPage(ctx, st, f, o, countCap)
		fyne.Do(func() {
			if gen == d.gen {
				d.showFirst(a, now, soon)
			}
		})
	})
}

// soonLimit is the end of "due within one working day" from now, as data.ListFilter.DueSoon
// counts it.
func soonLimit(st *data.Store, now time.Time) time.Time {
	t, ok := st.Calendar().Due(now, calendar.Limit{Value: 1, Unit: calendar.WorkingDays})
	if !ok {
		return now.Add(24 * time.Hour)
	}
	return t
}

// showFirst shows the answer of the latest listing (UI thread).
func (d *dossierList) showFirst(a dlAnswer, now, soon time.Time) {
	d.pending, d.failed = false, false
	d.pages = newDLPages()
	d.at, d.soon, d.mode = now, soon, a.mode
	if a.err != nil {
		d.rows, d.more = 0, false
		d.table.Refresh()
		d.showProblem(errorf("Could not list the dossiers", a.err))
		return
	}
	d.pages.put(0, a.hits)
	d.pages.startsAt(1, a.next)
	d.rows, d.more = max(a.n, len(a.hits)), a.more
	if len(a.hits) < dlPageSize {
		d.rows, d.more = len(a.hits), false // the count and the page were read a moment apart
	}
	d.showCount()
	d.table.ScrollToTop()
	d.table.Refresh()
	if d.more {
		d.countAll()
	}
}

// countAll counts every match of a listing that has more than countCap (background).
func (d *dossierList) countAll() {
	gen, f, st, ctx := d.gen, d.f, d.store, d.listCtx
	d.spawn(func() {
		n, err := st.Count(ctx, f)
		fyne.Do(func() {
			if gen != d.gen || err != nil || !d.more {
				return // the cap stays shown: the list itself is fine
			}
			d.rows, d.more = max(n, d.rows), false
			d.showCount()
			d.table.Refresh()
		})
	})
}

// showCount says how many dossiers match.
func (d *dossierList) showCount() {
	switch {
	case d.rows == 0:
		d.setInfo(lang.L("No dossier matches the filters."), widget.MediumImportance)
	case d.more:
		d.setInfo(lang.L("more than {{.N}} dossiers", map[string]any{"N": count(d.rows)}), widget.MediumImportance)
	default:
		d.setInfo(lang.L("{{.N}} dossiers", map[string]any{"N": count(d.rows)}), widget.MediumImportance)
	}
}

func (d *dossierList) setInfo(text string, imp widget.Importance) {
	d.info.Importance = imp
	d.info.SetText(text)
	// An empty table says why in its middle too, where the rows would be.
	if d.rows == 0 && !d.pending {
		d.empty.Importance = imp
		d.empty.SetText(text)
		d.empty.Show()
	} else {
		d.empty.Hide()
	}
}

// showProblem shows what went wrong in place of the count; the rows shown stay.
func (d *dossierList) showProblem(err error) {
	d.setInfo(strings.ReplaceAll(message(err), "\n", " "), widget.DangerImportance)
}

// want reads page p of the latest listing unless it is here or on its way (UI thread). A page is
// read from where the one before it ended (data.Cursor): a page whose start is not known yet (the
// scroll bar dragged far down) is reached by reading on, page after page, from the last known.
func (d *dossierList) want(p int) {
	pages := d.pages
	if d.pending || d.failed || p < 0 || p*dlPageSize >= d.rows || pages.loading[p] {
		return
	}
	if _, ok := pages.pages[p]; ok {
		return
	}
	if pages.inflight >= dlMaxLoads {
		// Dragging the scroll bar across a million rows asks for pages it has already left;
		// the table asks again for the rows it still shows when a page comes in.
		return
	}
	if p >= len(pages.starts) {
		d.readOn(p)
		return
	}
	pages.loading[p] = true
	pages.inflight++
	gen, f, o, st, ctx, after := d.gen, d.f, d.order, d.store, d.listCtx, pages.starts[p]
	d.spawn(func() {
		hits, next, err := st.List(ctx, f, o, after, dlPageSize)
		fyne.Do(func() {
			pages.inflight--
			delete(pages.loading, p)
			d.got(pages, gen, p, hits, next, err)
		})
	})
}

// readOn reads the pages from the last one whose start is known up to page p, one after the
// other; one such reading at a time (UI thread).
func (d *dossierList) readOn(p int) {
	pages := d.pages
	if pages.readingOn {
		return
	}
	pages.readingOn = true
	pages.inflight++
	first := len(pages.starts) - 1
	gen, f, o, st, ctx, after := d.gen, d.f, d.order, d.store, d.listCtx, pages.starts[first]
	d.spawn(func() {
		for q := first; ; q++ {
			hits, next, err := st.List(ctx, f, o, after, dlPageSize)
			done := q >= p || err != nil || next == ""
			fyne.Do(func() {
				if done {
					pages.inflight--
					pages.readingOn = false
				}
				d.got(pages, gen, q, hits, next, err)
			})
			if done {
				return
			}
			after = next
		}
	})
}

// got keeps page q of the listing gen, read from the store (UI thread).
func (d *dossierList) got(pages *dlPages, gen, q int, hits []data.Hit, next data.Cursor, err error) {
	if gen != d.gen {
		return
	}
	if err != nil {
		d.failed = true
		d.showProblem(errorf("Could not list the dossiers", err))
		return
	}
	pages.put(q, hits)
	pages.startsAt(q+1, next)
	if len(hits) < dlPageSize && q*dlPageSize+len(hits) < d.rows {
		// Dossiers went since the count: the list ends here.
		d.rows, d.more = q*dlPageSize+len(hits), false
		d.showCount()
	}
	if !d.updating {
		d.table.Refresh()
	}
}

// updateCell shows one cell; a row not read yet shows "…" and asks for its page, which fills
// the row in when it comes (UI thread).
func (d *dossierList) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	h, ok := d.pages.row(id.Row)
	if !ok {
		// When spawn runs in line (tests), the page is here once want returns.
		d.updating = true
		d.want(id.Row / dlPageSize)
		d.updating = false
		h, ok = d.pages.row(id.Row)
	}
	if !ok {
		l.Importance = widget.MediumImportance
		l.SetText("…")
		return
	}
	if id.Col == 0 && id.Row%dlPageSize >= dlPageSize*3/4 {
		d.updating = true
		d.want(id.Row/dlPageSize + 1) // read on ahead of the scrolling
		d.updating = false
	}
	text, imp := d.cellText(h, id.Col)
	l.Importance = imp
	l.SetText(text)
}

// cellText is what column col shows of h.
func (d *dossierList) cellText(h data.Hit, col int) (string, widget.Importance) {
	switch col {
	case dlColCode:
		if h.Code == "" {
			return lang.L("(no code yet)"), widget.LowImportance
		}
		return h.Code, widget.MediumImportance
	case dlColApplicant:
		return h.Applicant, widget.MediumImportance
	case dlColProcedure:
		return h.ProcedureName, widget.MediumImportance
	case dlColStatus:
		return statusName(h.Status), widget.MediumImportance
	case dlColReceived:
		if h.ReceivedAt.IsZero() {
			return "", widget.MediumImportance
		}
		return shortDate(calendar.DateOf(h.ReceivedAt)), widget.MediumImportance
	case dlColDue:
		return hitTimeLeft(d.store.Calendar(), h, d.at, d.soon, d.mode)
	case dlColChannel:
		return channelName(h.Channel), widget.MediumImportance
	}
	return "", widget.MediumImportance
}

// dlSorts are the orders a column header gives: first click, second click.
var dlSorts = map[int][2]data.ListSort{
	dlColCode:     {data.SortCodeAsc, data.SortCodeDesc},
	dlColReceived: {data.SortReceivedDesc, data.SortReceivedAsc},
	dlColDue:      {data.SortDueAsc, data.SortDueDesc},
}

// updateHeader titles a column; a sortable one sorts when clicked, its arrow showing the order.
func (d *dossierList) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= dlColumns {
		return
	}
	b.SetText(lang.L(dlColumnTitles[id.Col]))
	sorts, ok := dlSorts[id.Col]
	var icon fyne.Resource
	switch {
	case ok && d.order == sorts[0]:
		icon = sortIcon(sorts[0])
	case ok && d.order == sorts[1]:
		icon = sortIcon(sorts[1])
	}
	b.SetIcon(icon)
	if !ok {
		b.OnTapped = nil
		return
	}
	col := id.Col
	b.OnTapped = func() { d.sortBy(col) }
}

func sortIcon(o data.ListSort) fyne.Resource {
	if strings.HasSuffix(string(o), "_asc") {
		return theme.MenuDropUpIcon()
	}
	return theme.MenuDropDownIcon()
}

// sortBy orders the list by column col: its first order, or the other one when already sorted
// by it.
func (d *dossierList) sortBy(col int) {
	sorts, ok := dlSorts[col]
	if !ok {
		return
	}
	if d.order == sorts[0] {
		d.order = sorts[1]
	} else {
		d.order = sorts[0]
	}
	d.table.Refresh()
	d.apply()
}
