package app

import (
	"context"
	"errors"
	"image/color"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/reports"
)

// returnMatches is how many dossiers a search by name, phone or ID lists at most.
const returnMatches = 50

// returnsScreen is "Trả kết quả" (docs/HUONG-DAN.md §7): scan or type a dossier code (or search by
// name, phone, citizen ID), see whether its result is ready, confirm who receives it, record the
// return and print the hand-over, then record the citizen's rating with three large buttons.
//
// The hand-over is the control sheet (form 06): docs/DOMAIN.md §4 says that sheet is the dossier's
// hand-overs, and its last row is the return with giver and receiver and their signature spaces;
// no other form of docs/DOMAIN.md §9 records the return.
type returnsScreen struct {
	widget.BaseWidget
	deps  screenDeps
	store *data.Store
	user  *data.User
	// open writes a printed form to path and shows it; tests capture the PDF instead.
	open   func(path string, write func(io.Writer) error) error
	outDir string

	code    *widget.Entry
	find    *widget.Button
	hits    []data.Hit
	results *widget.List
	found   *fyne.Container // the search results, hidden when there are none
	seq     int             // the latest look-up; older answers are dropped
	busy    bool

	dossier *data.Dossier // the dossier shown, nil when none
	mode    data.Mode     // the office's way of judging deadlines, read with the dossier
	details *fyne.Container
	ready   *widget.Label
	facts   map[string]*widget.Label // by translation key of the fact's name

	returnBox  *fyne.Container
	receiver   *rcField
	receiverID *rcField
	delivery   *widget.RadioGroup
	deliveries []data.Delivery
	fees       []*returnFee
	feesBox    *fyne.Container // the fees collected at the return, hidden when none
	returnBtn  *widget.Button

	rateBox   *fyne.Container
	rateBtns  map[data.Rating]*widget.Button
	reasonBox *fyne.Container
	reason    *widget.Entry
	reasonMsg *widget.Label
	reasonBtn *widget.Button
	afterBox  *fyne.Container
	printBtn  *widget.Button
	nextBtn   *widget.Button
	status    *widget.Label
	content   fyne.CanvasObject
}

// returnFee is a fee the procedure collects when the result is returned.
type returnFee struct {
	name   string
	amount *rcField
}

func newReturnsScreen(deps screenDeps) *returnsScreen {
	r := &returnsScreen{deps: deps, store: deps.store, user: deps.user, open: reports.WriteAndOpen,
		facts: map[string]*widget.Label{}}
	r.ExtendBaseWidget(r)
	r.build()
	return r
}

func (r *returnsScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// screenTheme is the current theme with larger text (scale, for what is read from a distance:
// the code entry, the rating buttons) and some colours replaced (darker greens and oranges that
// stay readable as text on white, a colour per rating button).
type screenTheme struct {
	fyne.Theme
	scale  float32
	colors map[fyne.ThemeColorName]color.Color
}

func (t screenTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText, theme.SizeNameInnerPadding, theme.SizeNameInlineIcon:
		if t.scale > 0 {
			return t.Theme.Size(n) * t.scale
		}
	}
	return t.Theme.Size(n)
}

func (t screenTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := t.colors[n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

// Colours that read well on white: text of the success and warning kinds, the rating buttons.
var (
	colorGreen  = color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xFF} // #2E7D32
	colorOrange = color.NRGBA{R: 0xE6, G: 0x51, B: 0x00, A: 0xFF} // #E65100
	colorBlue   = color.NRGBA{R: 0x15, G: 0x65, B: 0xC0, A: 0xFF} // #1565C0
	colorRed    = color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF} // #C62828
)

// readable gives o's success and warning texts darker colours (UI thread).
func readable(a fyne.App, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewThemeOverride(o, screenTheme{Theme: a.Settings().Theme(), colors: map[fyne.ThemeColorName]color.Color{
		theme.ColorNameSuccess: colorGreen, theme.ColorNameWarning: colorOrange}})
}

// large shows o with its text scale times larger and, when primary is not nil, that colour for
// a high-importance button.
func (r *returnsScreen) large(o fyne.CanvasObject, scale float32, primary color.Color) fyne.CanvasObject {
	t := screenTheme{Theme: r.deps.app.Settings().Theme(), scale: scale}
	if primary != nil {
		t.colors = map[fyne.ThemeColorName]color.Color{theme.ColorNamePrimary: primary}
	}
	return container.NewThemeOverride(o, t)
}

func (r *returnsScreen) build() {
	title := widget.NewLabelWithStyle(lang.L("Result return"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText

	r.code = widget.NewEntry()
	r.code.SetPlaceHolder(lang.L("Scan the receipt or type the dossier code"))
	r.code.OnSubmitted = r.lookup
	r.find = widget.NewButtonWithIcon(lang.L("Look up"), theme.SearchIcon(), func() { r.lookup(r.code.Text) })
	hint := widget.NewLabelWithStyle(lang.L("Or search by the applicant's name, phone or citizen ID."),
		fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	codeRow := container.NewBorder(nil, nil, nil, r.large(r.find, 1.3, nil), r.large(r.code, 1.6, nil))

	r.results = widget.NewList(func() int { return len(r.hits) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= 0 && id < len(r.hits) {
				h := r.hits[id]
				o.(*widget.Label).SetText(h.Code + "   " + h.Applicant + "   " + h.ProcedureName + "   (" + statusName(h.Status) + ")")
			}
		})
	r.results.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(r.hits) {
			r.load(r.hits[id].ID)
		}
	}
	r.found = container.NewBorder(widget.NewLabel(lang.L("Several dossiers match: choose one")), nil, nil, nil,
		container.NewStack(gap(170), r.results))
	r.found.Hide()

	// the dossier
	r.ready = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.ready.Wrapping = fyne.TextWrapWord
	r.ready.SizeName = theme.SizeNameSubHeadingText
	fact := func(key string) []fyne.CanvasObject {
		v := widget.NewLabel("")
		v.Wrapping = fyne.TextWrapWord
		r.facts[key] = v
		return []fyne.CanvasObject{widget.NewLabelWithStyle(lang.L(key), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}), v}
	}
	col := func(keys ...string) *fyne.Container {
		var objs []fyne.CanvasObject
		for _, k := range keys {
			objs = append(objs, fact(k)...)
		}
		return container.New(layout.NewFormLayout(), objs...)
	}
	r.details = container.NewVBox(r.ready, container.NewGridWithColumns(2,
		col("Dossier code", "Applicant", "Procedure"),
		col("Status", "Received at", "Result due on", "Result delivery")))
	r.details.Hide()

	// the return
	r.receiver = newRCField(lang.L("Full name of the person receiving the result"), rcRequired)
	r.receiverID = newRCField(lang.L("12-digit CCCD or 9-digit CMND"), vntext.CheckCitizenID)
	r.receiver.entry.OnSubmitted = func(string) { r.win().Canvas().Focus(r.receiverID.entry) }
	r.receiverID.entry.OnSubmitted = func(string) { r.doReturn() }
	r.deliveries = []data.Delivery{data.DeliveryCounter, data.DeliveryPost}
	r.delivery = widget.NewRadioGroup([]string{lang.L("At the counter"), lang.L("By post")}, nil)
	r.delivery.Horizontal = true
	r.delivery.Required = true
	r.delivery.SetSelected(r.delivery.Options[0])
	r.returnBtn = widget.NewButtonWithIcon(lang.L("Return the result"), theme.MailSendIcon(), r.doReturn)
	r.returnBtn.Importance = widget.HighImportance
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("Receiver")), r.receiver.box,
		widget.NewLabel(lang.L("Receiver's ID number")), r.receiverID.box,
		widget.NewLabel(lang.L("Result delivery")), r.delivery)
	r.feesBox = container.NewVBox()
	r.returnBox = container.NewVBox(widget.NewSeparator(), form, r.feesBox,
		container.NewHBox(layout.NewSpacer(), r.large(r.returnBtn, 1.25, nil)))
	r.returnBox.Hide()

	// the rating
	r.rateBtns = map[data.Rating]*widget.Button{}
	var big []fyne.CanvasObject
	for _, x := range []struct {
		rating data.Rating
		key    string
		color  color.Color
	}{
		{data.RatingVerySatisfied, "Very satisfied", colorGreen},
		{data.RatingSatisfied, "Satisfied", colorBlue},
		{data.RatingDissatisfied, "Dissatisfied", colorRed},
	} {
		rating := x.rating
		b := widget.NewButton(lang.L(x.key), func() { r.rate(rating) })
		b.Importance = widget.HighImportance
		r.rateBtns[rating] = b
		big = append(big, container.NewStack(gap(76), r.large(b, 1.6, x.color)))
	}
	r.reason = limitEntry(widget.NewEntry(), data.MaxText)
	r.reason.SetPlaceHolder(lang.L("Why is the citizen dissatisfied?"))
	r.reason.OnSubmitted = func(string) { r.rate(data.RatingDissatisfied) }
	r.reasonMsg = widget.NewLabel("")
	r.reasonMsg.Importance = widget.DangerImportance
	r.reasonMsg.Hide()
	r.reasonBtn = widget.NewButton(lang.L("Record “Dissatisfied”"), func() { r.rate(data.RatingDissatisfied) })
	r.reasonBtn.Importance = widget.HighImportance
	r.reasonBox = container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Reason (required)")), r.large(r.reasonBtn, 1, colorRed), r.reason),
		r.reasonMsg)
	r.reasonBox.Hide()
	rateTitle := widget.NewLabelWithStyle(lang.L("The citizen's rating"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.rateBox = container.NewVBox(widget.NewSeparator(), rateTitle, container.NewGridWithColumns(3, big...), r.reasonBox)
	r.rateBox.Hide()

	r.printBtn = widget.NewButtonWithIcon(lang.L("Print the hand-over (control sheet)"), theme.DocumentPrintIcon(), r.reprint)
	r.nextBtn = widget.NewButtonWithIcon(lang.L("Next dossier"), theme.NavigateNextIcon(), r.next)
	r.afterBox = container.NewHBox(layout.NewSpacer(), r.printBtn, r.nextBtn)
	r.afterBox.Hide()

	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord

	// The actions (return, rating and its reason, what next) sit below the scrolled part, never
	// in it: on a 1366×768 display a long procedure name pushed "Trả kết quả" below the fold.
	body := container.NewVBox(title, codeRow, hint, r.found, widget.NewSeparator(), r.details)
	actions := container.NewVBox(r.returnBox, r.rateBox, r.afterBox, r.status)
	r.content = readable(r.deps.app, container.NewBorder(nil, container.NewPadded(actions), nil, nil,
		container.NewVScroll(container.NewPadded(body))))
}

func (r *returnsScreen) win() fyne.Window { return r.deps.win }

// lookup finds the dossier of a code, or the dossiers matching a name, phone or ID (UI thread).
func (r *returnsScreen) lookup(text string) {
	text = strings.TrimSpace(text)
	st := r.store
	if text == "" || st == nil {
		return
	}
	r.seq++
	seq := r.seq
	r.status.SetText(lang.L("Looking for the dossier…"))
	ctx := r.deps.work.ctx
	r.deps.work.spawn(func() {
		var d *data.Dossier
		var hits []data.Hit
		var fees []data.ProcedureFee
		var err error
		if vntext.LooksLikeCode(text) {
			d, _, err = st.DossierByCode(ctx, text)
		}
		if d == nil && (err == nil || errors.Is(err, data.ErrNotFound)) {
			// not a whole code: a code's beginning, or words of a name, a phone, an ID
			if hits, err = st.Search(ctx, text, returnMatches); err == nil && len(hits) == 1 {
				d, _, err = st.DossierByID(ctx, hits[0].ID)
			}
		}
		if d != nil && err == nil {
			fees = returnFees(ctx, st, d)
		}
		mode, _ := st.DateMode(ctx) // unreadable: the timestamp mode, as DateMode gives
		if ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			if seq != r.seq {
				return
			}
			r.mode = mode
			switch {
			case err != nil:
				r.status.SetText(message(errorf("Could not find the dossier", err)))
			case d != nil:
				r.hideResults()
				r.show(d, fees)
				r.status.SetText("")
			case len(hits) == 0:
				r.hideResults()
				r.clearDossier()
				text := lang.L("No dossier has the code or matches “{{.Query}}”.", map[string]any{"Query": text})
				r.status.SetText(text)
				r.deps.showMessage(theme.InfoIcon(), lang.L("Dossier not found"), text)
			default:
				r.clearDossier()
				r.hits = hits
				r.results.UnselectAll()
				r.results.Refresh()
				r.found.Show()
				r.status.SetText(lang.L("{{.N}} dossiers match: choose one.", map[string]any{"N": count(len(hits))}))
			}
		})
	})
}

// load shows the dossier id chosen among the search results (UI thread).
func (r *returnsScreen) load(id uuid.UUID) {
	st := r.store
	r.seq++
	seq := r.seq
	ctx := r.deps.work.ctx
	r.deps.work.spawn(func() {
		d, _, err := st.DossierByID(ctx, id)
		var fees []data.ProcedureFee
		if err == nil {
			fees = returnFees(ctx, st, d)
		}
		mode, _ := st.DateMode(ctx)
		if ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			if seq != r.seq {
				return
			}
			r.mode = mode
			if err != nil {
				r.status.SetText(message(errorf("Could not find the dossier", err)))
				return
			}
			r.show(d, fees)
			r.status.SetText("")
		})
	})
}

// returnFees are the fees the procedure of d collects at the return, when its result is ready
// (off the UI thread). A procedure no longer in the catalog collects nothing more.
func returnFees(ctx context.Context, st *data.Store, d *data.Dossier) []data.ProcedureFee {
	if d.Status != data.StatusProcessed || d.Procedure == "" {
		return nil
	}
	p, err := st.Procedure(ctx, d.Procedure)
	if err != nil {
		return nil
	}
	var out []data.ProcedureFee
	for _, f := range p.Fees {
		if f.Stage == data.FeeAtReturn {
			out = append(out, f)
		}
	}
	return out
}

// followInMatches puts the status of d, as just read or recorded, on its line of the matches:
// the list was read before the return and would still say "processed".
func (r *returnsScreen) followInMatches(d *data.Dossier) {
	for i := range r.hits {
		if r.hits[i].ID == d.ID && r.hits[i].Status != d.Status {
			r.hits[i].Status = d.Status
			r.results.RefreshItem(i)
		}
	}
}

func (r *returnsScreen) hideResults() {
	r.hits = nil
	r.results.Refresh()
	r.found.Hide()
}

// clearDossier hides the dossier and what could be recorded on it (UI thread).
func (r *returnsScreen) clearDossier() {
	r.dossier = nil
	for _, o := range []fyne.CanvasObject{r.details, r.returnBox, r.rateBox, r.afterBox} {
		o.Hide()
	}
	r.Refresh()
}

// show fills the screen with d: its summary, whether its result is ready, and only what may be
// recorded on it now; fees are those to collect at the return (UI thread).
func (r *returnsScreen) show(d *data.Dossier, fees []data.ProcedureFee) {
	r.dossier = d
	r.followInMatches(d)
	loc := r.store.Location()
	set := func(key, v string) { r.facts[key].SetText(v) }
	set("Dossier code", d.Code)
	who := d.Applicant.Name
	if p := d.Representative; p != nil && p.Name != "" {
		who += " " + lang.L("(represented by {{.Name}})", map[string]any{"Name": p.Name})
	}
	if d.Applicant.Phone != "" {
		who += " · " + d.Applicant.Phone
	}
	set("Applicant", who)
	set("Procedure", d.ProcedureName)
	set("Status", statusName(d.Status))
	set("Received at", clock(d.ReceivedAt.In(loc)))
	due := lang.L("No due date")
	if d.HasDue {
		due = clock(d.Due.In(loc))
	}
	if v := d.Verdict(r.deps.now(), r.mode); v.Resolved() {
		due += " · " + verdictName(v) // the verdict the dossier's detail and the statistics give
	}
	set("Result due on", due)
	set("Result delivery", r.deliveryText(d.Delivery))
	r.details.Show()

	r.returnBox.Hide()
	r.rateBox.Hide()
	r.afterBox.Hide()
	switch d.Status {
	case data.StatusProcessed:
		r.ready.SetText(lang.L("The result is ready: it can be handed over."))
		r.ready.Importance = widget.SuccessImportance
		r.fillReceiver(d)
		r.fillFees(fees)
		r.returnBox.Show()
		r.win().Canvas().Focus(r.receiver.entry)
	case data.StatusReturned:
		text := lang.L("Result returned on {{.When}} to {{.Name}}.", map[string]any{
			"When": clock(d.ReturnedAt.In(loc)), "Name": d.Returned.ReceiverName})
		if d.Rating != data.RatingNone {
			text += " " + lang.L("Rating: {{.Rating}}.", map[string]any{"Rating": ratingText(d.Rating)})
		}
		r.ready.SetText(text)
		r.ready.Importance = widget.MediumImportance
		if d.Rating == data.RatingNone && data.Allowed(r.user.Roles, data.EvRated, d.Status) {
			r.showRating()
		}
		r.afterBox.Show()
	case data.StatusRefused, data.StatusStopped:
		r.ready.SetText(lang.L("This dossier has no result to return ({{.Status}}).", map[string]any{"Status": statusName(d.Status)}))
		r.ready.Importance = widget.DangerImportance
	default:
		r.ready.SetText(lang.L("Not ready: the dossier is still being handled ({{.Status}}). Nothing can be returned yet.",
			map[string]any{"Status": statusName(d.Status)}))
		r.ready.Importance = widget.DangerImportance
	}
	if d.Status == data.StatusProcessed && !data.Allowed(r.user.Roles, data.EvReturned, d.Status) {
		r.returnBox.Hide() // the store would refuse it anyway
	}
	r.ready.Refresh()
	r.Refresh()
}

// fillReceiver proposes the representative, else the applicant, as the receiver (UI thread).
func (r *returnsScreen) fillReceiver(d *data.Dossier) {
	p := d.Applicant
	if d.Representative != nil && d.Representative.Name != "" {
		p = *d.Representative
	}
	r.receiver.entry.SetText(p.Name)
	r.receiverID.entry.SetText("")
	if p.Type <= data.ApplicantCitizen && vntext.CheckCitizenID(p.IDNo) == nil {
		r.receiverID.entry.SetText(p.IDNo)
	}
	r.receiver.show(nil)
	r.receiverID.show(nil)
	r.delivery.SetSelected(r.delivery.Options[0])
	if d.Delivery == data.DeliveryPost {
		r.delivery.SetSelected(r.delivery.Options[1])
	}
}

// fillFees lists the fees to collect with their catalog amounts, editable (UI thread).
func (r *returnsScreen) fillFees(fees []data.ProcedureFee) {
	r.fees = nil
	r.feesBox.RemoveAll()
	if len(fees) == 0 {
		r.feesBox.Hide()
		return
	}
	r.feesBox.Add(widget.NewLabelWithStyle(lang.L("Fees collected at the return"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, f := range fees {
		row := &returnFee{name: f.Name, amount: newRCField("", func(v string) error { _, err := parseAmount(v); return err })}
		row.amount.entry.SetText(vntext.Thousands(f.Amount))
		name := widget.NewLabel(f.Name)
		name.Wrapping = fyne.TextWrapWord
		r.feesBox.Add(container.NewBorder(nil, nil, nil,
			container.NewVBox(container.NewGridWrap(fyne.NewSize(160, row.amount.entry.MinSize().Height), row.amount.entry), row.amount.msg), name))
		r.fees = append(r.fees, row)
	}
	r.feesBox.Show()
}

func (r *returnsScreen) deliveryText(d data.Delivery) string {
	if d == data.DeliveryPost {
		return lang.L("By post")
	}
	return lang.L("At the counter")
}

func (r *returnsScreen) selectedDelivery() data.Delivery {
	for i, o := range r.delivery.Options {
		if o == r.delivery.Selected {
			return r.deliveries[i]
		}
	}
	return data.DeliveryCounter
}

// doReturn records the return to the receiver typed and prints the hand-over; the rating comes
// next (UI thread). On an error everything typed stays.
func (r *returnsScreen) doReturn() {
	d := r.dossier
	if r.busy || d == nil || d.Status != data.StatusProcessed {
		return
	}
	bad := r.receiver.validate() != nil
	bad = r.receiverID.validate() != nil || bad
	for _, f := range r.fees {
		bad = f.amount.validate() != nil || bad
	}
	if bad {
		r.status.SetText(lang.L("Please correct the fields marked in red."))
		return
	}
	p := &data.Returned{ReceiverName: vntext.Clean(r.receiver.entry.Text),
		ReceiverIDNo: strings.TrimSpace(r.receiverID.entry.Text), Delivery: r.selectedDelivery()}
	for _, f := range r.fees {
		if n, _ := parseAmount(f.amount.entry.Text); n > 0 {
			p.Fees = append(p.Fees, data.Fee{Name: f.name, Amount: n})
		}
	}
	r.setBusy(true)
	r.status.SetText(lang.L("Recording the return…"))
	st, user, ctx := r.store, r.user, r.deps.work.ctx
	r.deps.work.spawn(func() {
		done, err := st.Record(ctx, user, d.ID, p)
		var perr error
		if err == nil {
			perr = r.printHandover(ctx, done.Dossier, done.Log)
		}
		if ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			r.setBusy(false)
			if err != nil {
				r.status.SetText(message(errorf("Could not record the return", err)))
				return
			}
			if r.dossier == d {
				r.show(done.Dossier, nil)
			}
			text := lang.L("Result of dossier {{.Code}} returned to {{.Name}}.", map[string]any{"Code": done.Code, "Name": p.ReceiverName})
			if showNotOpened(r.win(), text, perr) {
				r.status.SetText(text)
				return
			}
			if perr != nil {
				text += " " + lang.L("The hand-over could not be printed:") + " " + message(perr)
			}
			r.status.SetText(text)
		})
	})
}

// showRating shows the three rating buttons, the reason hidden (UI thread).
func (r *returnsScreen) showRating() {
	r.reason.SetText("")
	r.reasonMsg.Hide()
	r.reasonBox.Hide()
	r.rateBox.Show()
}

// rate records the citizen's rating. "Không hài lòng" needs a reason: the first press shows the
// reason's entry; pressing with the reason empty is refused with a message and records nothing
// (UI thread).
func (r *returnsScreen) rate(rating data.Rating) {
	d := r.dossier
	if r.busy || d == nil || d.Status != data.StatusReturned || d.Rating != data.RatingNone {
		return
	}
	p := &data.Rated{Rating: rating}
	if rating == data.RatingDissatisfied {
		if !r.reasonBox.Visible() {
			r.reasonBox.Show()
			r.Refresh()
			r.win().Canvas().Focus(r.reason)
			return
		}
		p.Reason = vntext.Clean(r.reason.Text)
		if p.Reason == "" {
			r.reasonMsg.SetText(lang.L("A reason is required when the citizen is dissatisfied."))
			r.reasonMsg.Show()
			r.win().Canvas().Focus(r.reason)
			r.Refresh()
			return
		}
	}
	r.reasonMsg.Hide()
	r.setBusy(true)
	st, user, ctx := r.store, r.user, r.deps.work.ctx
	r.deps.work.spawn(func() {
		done, err := st.Record(ctx, user, d.ID, p)
		if ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			r.setBusy(false)
			if err != nil {
				// e.g. a reason too short: shown under the entry, the text kept
				r.reasonMsg.SetText(message(errorf("Could not record the rating", err)))
				r.reasonMsg.Show()
				r.status.SetText(message(errorf("Could not record the rating", err)))
				r.Refresh()
				return
			}
			if r.dossier == d {
				r.show(done.Dossier, nil)
			}
			r.status.SetText(lang.L("Recorded the rating “{{.Rating}}” of dossier {{.Code}}.",
				map[string]any{"Rating": ratingText(rating), "Code": done.Code}))
			r.code.SetText("")
			r.win().Canvas().Focus(r.code) // ready for the next scan
		})
	})
}

// ratingText is the translated name of a rating.
func ratingText(x data.Rating) string {
	switch x {
	case data.RatingVerySatisfied:
		return lang.L("Very satisfied")
	case data.RatingSatisfied:
		return lang.L("Satisfied")
	case data.RatingDissatisfied:
		return lang.L("Dissatisfied")
	}
	return lang.L("Not rated")
}

// reprint prints the hand-over of the dossier shown again (UI thread).
func (r *returnsScreen) reprint() {
	d := r.dossier
	if r.busy || d == nil {
		return
	}
	r.setBusy(true)
	ctx := r.deps.work.ctx
	r.deps.work.spawn(func() {
		cur, evs, err := r.store.DossierByID(ctx, d.ID)
		if err == nil {
			err = r.printHandover(ctx, cur, evs)
		}
		if ctx.Err() != nil {
			return
		}
		fyne.Do(func() {
			r.setBusy(false)
			if showNotOpened(r.win(), "", err) {
				r.status.SetText("")
				return
			}
			if err != nil {
				r.status.SetText(lang.L("The hand-over could not be printed:") + " " + message(err))
				return
			}
			r.status.SetText(lang.L("Printed the hand-over of dossier {{.Code}}.", map[string]any{"Code": d.Code}))
		})
	})
}

// printHandover prints the control sheet of dossier d from its log evs (off the UI thread).
func (r *returnsScreen) printHandover(ctx context.Context, d *data.Dossier, evs []data.Event) error {
	_, err := printForm(ctx, r.store, form06Control, d, evs, r.deps.printFolder(r.outDir), r.deps.now(), r.open)
	return err
}

// next empties the screen for the next citizen (UI thread).
func (r *returnsScreen) next() {
	r.seq++
	r.hideResults()
	r.clearDossier()
	r.code.SetText("")
	r.status.SetText("")
	r.win().Canvas().Focus(r.code)
}

// setBusy disables the buttons while a write or a print is in flight (UI thread).
func (r *returnsScreen) setBusy(on bool) {
	r.busy = on
	buttons := []*widget.Button{r.returnBtn, r.reasonBtn, r.printBtn, r.nextBtn, r.find}
	for _, b := range r.rateBtns {
		buttons = append(buttons, b)
	}
	for _, b := range buttons {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}
