package app

import (
	"context"
	"image/color"
	"os"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data/calendar"
)

// The Lịch làm việc tab: a year as twelve month grids (Monday first, as Vietnamese calendars
// print it), each day coloured by what the office's calendar says of it. A click on a day asks
// for a reason and turns it from working to off or back (data.Store.ToggleWorkingDay); "Nhập
// thông báo" imports the government's notice as `motcua import calendar` does.

// dayState is how a day shows in the year view.
type dayState int

const (
	dayWorking dayState = iota // an ordinary working day
	dayWeekend                 // Saturday or Sunday, not worked
	dayHoliday                 // a public holiday (Tết, 30/4…) or a day off set by the office
	dayOff                     // a day off in lieu or swapped for a worked Saturday
	dayWorked                  // a weekend day worked in exchange
)

// Colours of the year view (the app has one light theme).
var (
	colorWeekend = color.NRGBA{R: 0xE0, G: 0xE0, B: 0xE0, A: 0xFF}
	colorHoliday = color.NRGBA{R: 0xD3, G: 0x2F, B: 0x2F, A: 0xFF}
	colorDayOff  = color.NRGBA{R: 0xF5, G: 0x9E, B: 0x0B, A: 0xFF}
	colorWorked  = color.NRGBA{R: 0x15, G: 0x65, B: 0xC0, A: 0xFF}
	colorToday   = color.NRGBA{R: 0x1B, G: 0x5E, B: 0x20, A: 0xFF}
)

func (s dayState) colors() (bg, fg color.Color) {
	switch s {
	case dayWeekend:
		return colorWeekend, color.NRGBA{R: 0x61, G: 0x61, B: 0x61, A: 0xFF}
	case dayHoliday:
		return colorHoliday, color.White
	case dayOff:
		return colorDayOff, color.Black
	case dayWorked:
		return colorWorked, color.White
	}
	return color.Transparent, theme.Color(theme.ColorNameForeground)
}

// stateOf is how cal shows d.
func stateOf(cal *calendar.Calendar, d calendar.Date) (dayState, calendar.Day, bool) {
	day, special := cal.Lookup(d)
	wd := d.Weekday()
	weekend := wd == time.Saturday || wd == time.Sunday
	switch {
	case cal.IsWorkingDay(d):
		if weekend || (special && day.Kind == calendar.Makeup) {
			return dayWorked, day, special
		}
		return dayWorking, day, special
	case special && day.Kind == calendar.Holiday:
		return dayHoliday, day, special
	case special && day.Kind.Off():
		return dayOff, day, special
	case weekend:
		return dayWeekend, day, special
	}
	return dayHoliday, day, special
}

// calTab is the year view.
type calTab struct {
	c       *catalogScreen
	content fyne.CanvasObject

	year      int
	yearLabel *widget.Label
	summary   *widget.Label
	months    *fyne.Container
	prev      *widget.Button
	next      *widget.Button
	importBtn *widget.Button
	cells     map[calendar.Date]*dayCell
	edit      *dayEdit // the box last opened (tests)
}

func newCalTab(c *catalogScreen) *calTab {
	t := &calTab{c: c, year: c.deps.now().In(calendar.VietnamLocation()).Year()}
	t.yearLabel = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	t.yearLabel.SizeName = theme.SizeNameSubHeadingText
	t.summary = widget.NewLabel("")
	t.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { t.show(t.year - 1) })
	t.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { t.show(t.year + 1) })
	t.importBtn = widget.NewButtonWithIcon(lang.L("Import a notice"), theme.UploadIcon(), func() {
		c.deps.files.pickFile(lang.L("Import the official calendar (CSV)"), []string{".csv"}, t.importCSV)
	})
	hint := widget.NewLabel(lang.L("Click a day to make it a day off or a working day."))
	hint.Importance = widget.LowImportance
	// the year's summary and the hint wrap: on one line with the buttons they made the screen
	// wider than a 1366-pixel window
	t.summary.Wrapping = fyne.TextWrapWord
	hint.Wrapping = fyne.TextWrapWord
	bar := container.NewBorder(nil, nil,
		container.NewCenter(container.NewHBox(t.prev, t.yearLabel, t.next)),
		container.NewCenter(t.importBtn), container.NewVBox(t.summary, hint))
	t.months = container.NewGridWithColumns(3) // four months side by side are wider than the window
	t.content = container.NewBorder(container.NewPadded(bar), container.NewPadded(legend()), nil, nil,
		container.NewVScroll(container.NewPadded(t.months)))
	t.show(t.year)
	return t
}

// provisionalMark follows the number of a day the notice has not yet confirmed (calendar.Day.Provisional).
const provisionalMark = "*"

// legend explains the colours and the mark of provisional days.
func legend() fyne.CanvasObject {
	item := func(s dayState, outline bool, text string) fyne.CanvasObject {
		bg, _ := s.colors()
		r := canvas.NewRectangle(bg)
		r.SetMinSize(fyne.NewSize(22, 16))
		r.StrokeWidth = 1
		r.StrokeColor = color.NRGBA{R: 0x9E, G: 0x9E, B: 0x9E, A: 0xFF}
		if outline {
			r.StrokeWidth = 2
			r.StrokeColor = colorToday
		}
		return container.NewHBox(container.NewCenter(r), widget.NewLabel(text))
	}
	// two lines: on one the legend alone was wider than a 1366-pixel window
	return container.NewVBox(
		container.NewHBox(
			item(dayWorking, false, lang.L("Working day")),
			item(dayWeekend, false, lang.L("Weekend")),
			item(dayHoliday, false, lang.L("Holiday, Tết, day off")),
			item(dayOff, false, lang.L("Day off in lieu or swapped")),
		),
		container.NewHBox(
			item(dayWorked, false, lang.L("Weekend day worked")),
			item(dayWorking, true, lang.L("Today")),
			widget.NewLabel(provisionalMark+" "+lang.L("provisional")),
		),
	)
}

// show draws year y from the store's calendar (UI thread: the calendar is cached in memory).
func (t *calTab) show(y int) {
	if y < 1900 || y > 2200 {
		return
	}
	t.year = y
	t.yearLabel.SetText(lang.L("Year {{.Y}}", map[string]any{"Y": strconv.Itoa(y)}))
	cal := t.c.store.Calendar()
	today := calendar.DateOf(t.c.deps.now().In(cal.Location()))
	t.cells = make(map[calendar.Date]*dayCell, 366)
	working := 0
	var months []fyne.CanvasObject
	for m := time.January; m <= time.December; m++ {
		months = append(months, container.NewPadded(t.month(cal, y, m, today, &working)))
	}
	t.months.Objects = months
	t.months.Refresh()
	t.summary.SetText(lang.L("{{.N}} working days", map[string]any{"N": strconv.Itoa(working)}))
}

// month is one month's grid; working counts its working days.
func (t *calTab) month(cal *calendar.Calendar, y int, m time.Month, today calendar.Date, working *int) fyne.CanvasObject {
	title := canvas.NewText(monthName(m), theme.Color(theme.ColorNameForeground))
	title.Alignment = fyne.TextAlignCenter
	title.TextStyle.Bold = true
	title.TextSize = 13
	var cells []fyne.CanvasObject
	for _, w := range weekdayShort() {
		h := canvas.NewText(w, theme.Color(theme.ColorNamePlaceHolder))
		h.Alignment = fyne.TextAlignCenter
		h.TextSize = 11
		cells = append(cells, h)
	}
	first := calendar.D(y, m, 1)
	lead := (int(first.Weekday()) + 6) % 7 // Monday is column 0
	for i := 0; i < lead; i++ {
		cells = append(cells, layout.NewSpacer())
	}
	for d := first; d.Month == m; d = d.AddDays(1) {
		state, day, _ := stateOf(cal, d)
		if state == dayWorking || state == dayWorked {
			*working++
		}
		cell := newDayCell(d, state, d == today, day.Label, t.open)
		cell.provisional = day.Provisional()
		t.cells[d] = cell
		cells = append(cells, cell)
	}
	for len(cells) < 7*7 { // six weeks of rows in every month: the grids line up
		cells = append(cells, layout.NewSpacer())
	}
	return container.NewVBox(title, container.New(dayGrid{}, cells...))
}

// dayGrid lays a month out in seven columns of equal width and rows of the cells' height, with
// a 2 px gap: Fyne's grid puts a theme padding between rows, too tall for twelve months on one
// screen.
type dayGrid struct{}

const dayGap = 2

func (dayGrid) cell(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

func (g dayGrid) MinSize(objects []fyne.CanvasObject) fyne.Size {
	c := g.cell(objects)
	rows := (len(objects) + 6) / 7
	return fyne.NewSize(7*c.Width+6*dayGap, float32(rows)*c.Height+float32(rows-1)*dayGap)
}

func (g dayGrid) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	h := g.cell(objects).Height
	w := (size.Width - 6*dayGap) / 7
	for i, o := range objects {
		col, row := i%7, i/7
		o.Move(fyne.NewPos(float32(col)*(w+dayGap), float32(row)*(h+dayGap)))
		o.Resize(fyne.NewSize(w, h))
	}
}

// open shows the box that toggles day d.
func (t *calTab) open(cell *dayCell) { t.edit = newDayEdit(t, cell) }

// importCSV imports the notice at path (all or nothing) and redraws the year.
func (t *calTab) importCSV(path string) {
	st, actor := t.c.store, t.c.actor
	t.c.importFile(path, func(ctx context.Context, path string) (int, error) {
		f, err := os.Open(path)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		return st.ImportCalendarCSV(ctx, actor, f, baseName(path))
	}, "The file has an error: the calendar was not changed", "Imported {{.N}} days from {{.File}}.", func() { t.show(t.year) })
}

// dayEdit is the box that turns a day off or back to work, with a reason.
type dayEdit struct {
	cell   *dayCell
	reason *keyEntry
	form   *catalogForm
}

func newDayEdit(t *calTab, cell *dayCell) *dayEdit {
	e := &dayEdit{cell: cell, reason: newKeyEntry()}
	var now, confirm, placeholder string
	switch cell.state {
	case dayWorking:
		now = lang.L("A working day.")
	case dayWorked:
		now = lang.L("A weekend day worked: {{.Label}}.", map[string]any{"Label": cell.label})
	case dayWeekend:
		now = lang.L("A weekend day, not worked.")
	default:
		now = lang.L("A day off: {{.Label}}.", map[string]any{"Label": cell.label})
	}
	if cell.provisional {
		now += " " + lang.L("Provisional: the official notice is not out yet.")
	}
	if cell.state == dayWorking || cell.state == dayWorked {
		confirm = lang.L("Make it a day off")
		placeholder = lang.L("e.g. Nghỉ do bão số 3")
	} else {
		confirm = lang.L("Make it a working day")
		placeholder = lang.L("e.g. Làm việc bù cho ngày 02/01")
	}
	e.reason.SetPlaceHolder(placeholder)
	state := widget.NewLabel(now)
	state.Wrapping = fyne.TextWrapWord
	note := widget.NewLabel(lang.L("Due dates of dossiers received from now on follow the new calendar."))
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(state,
		container.New(layout.NewFormLayout(), widget.NewLabel(lang.L("Reason")), e.reason), note)
	st, actor, date := t.c.store, t.c.actor, cell.date
	title := weekdayName(date.Weekday()) + ", " + date.VN()
	e.form = t.c.editForm(title, body, confirm, "Could not change the calendar", func() (func(ctx context.Context) error, string) {
		reason := e.reason.Text
		return func(ctx context.Context) error {
			_, err := st.ToggleWorkingDay(ctx, actor, date, reason)
			return err
		}, ""
	}, func() { t.show(t.year) })
	e.form.submitOnEnter(e.reason)
	t.c.deps.win.Canvas().Focus(e.reason)
	return e
}

// dayCell is one day of the year view: its number on the colour of its state, outlined when it
// is today; a click opens the toggle box.
type dayCell struct {
	widget.BaseWidget
	date  calendar.Date
	state dayState
	today bool
	label string // the name of a special day
	onTap func(*dayCell)
	// provisional: the day is only expected (tag P), shown with provisionalMark.
	provisional bool
}

func newDayCell(d calendar.Date, s dayState, today bool, label string, onTap func(*dayCell)) *dayCell {
	c := &dayCell{date: d, state: s, today: today, label: label, onTap: onTap}
	c.ExtendBaseWidget(c)
	return c
}

// Tapped opens the toggle box.
func (c *dayCell) Tapped(*fyne.PointEvent) {
	if c.onTap != nil {
		c.onTap(c)
	}
}

// Cursor shows that a day can be clicked.
func (c *dayCell) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (c *dayCell) CreateRenderer() fyne.WidgetRenderer {
	bg, fg := c.state.colors()
	back := canvas.NewRectangle(bg)
	back.CornerRadius = 3
	number := strconv.Itoa(c.date.Day)
	if c.provisional {
		number += provisionalMark
	}
	text := canvas.NewText(number, fg)
	text.Alignment = fyne.TextAlignCenter
	text.TextSize = 12
	if c.state == dayHoliday || c.state == dayWorked {
		text.TextStyle.Bold = true
	}
	ring := canvas.NewRectangle(color.Transparent)
	ring.CornerRadius = 3
	if c.today {
		ring.StrokeColor = colorToday
		ring.StrokeWidth = 2
	}
	return &dayCellRenderer{back: back, text: text, ring: ring}
}

type dayCellRenderer struct {
	back, ring *canvas.Rectangle
	text       *canvas.Text
}

func (r *dayCellRenderer) Layout(size fyne.Size) {
	inset := fyne.NewPos(1, 1)
	inner := size.SubtractWidthHeight(2, 2)
	r.back.Move(inset)
	r.back.Resize(inner)
	r.ring.Move(inset)
	r.ring.Resize(inner)
	ts := r.text.MinSize()
	r.text.Move(fyne.NewPos(0, (size.Height-ts.Height)/2))
	r.text.Resize(fyne.NewSize(size.Width, ts.Height))
}

func (r *dayCellRenderer) MinSize() fyne.Size {
	return fyne.NewSize(28, r.text.MinSize().Height+3)
}

func (r *dayCellRenderer) Refresh() {
	r.back.Refresh()
	r.ring.Refresh()
	r.text.Refresh()
}

func (r *dayCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.back, r.ring, r.text}
}

func (r *dayCellRenderer) Destroy() {}

// monthName is the name of month m in the UI's language.
func monthName(m time.Month) string {
	return [...]string{
		lang.L("January"), lang.L("February"), lang.L("March"), lang.L("April"), lang.L("May"), lang.L("June"),
		lang.L("July"), lang.L("August"), lang.L("September"), lang.L("October"), lang.L("November"), lang.L("December"),
	}[m-1]
}

// weekdayShort are the column heads, Monday first.
func weekdayShort() []string {
	return []string{lang.L("Mo"), lang.L("Tu"), lang.L("We"), lang.L("Th"), lang.L("Fr"), lang.L("Sa"), lang.L("Su")}
}

// weekdayName is the name of w in the UI's language.
func weekdayName(w time.Weekday) string {
	return [...]string{lang.L("Sunday"), lang.L("Monday"), lang.L("Tuesday"), lang.L("Wednesday"),
		lang.L("Thursday"), lang.L("Friday"), lang.L("Saturday")}[w]
}
