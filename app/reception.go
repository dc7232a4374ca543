package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/reports"
)

// procedureMatches is how many procedures the picker lists at most.
const procedureMatches = 200

// receptionScreen is the counter form for a new dossier (docs/HUONG-DAN.md §4): pick the procedure,
// type the applicant, tick the documents handed in, and receive (form 01), guide the applicant to
// complete the dossier (form 02) or refuse it (form 03).
//
// Threading: queries, Receive/Refuse and printing run as the window's background work (worker),
// which hand their results back with fyne.Do. Nothing typed is cleared except after a successful
// reception or refusal.
type receptionScreen struct {
	store *data.Store
	actor *data.User
	win   fyne.Window
	now   func() time.Time
	// open writes a printed form to path and shows it; tests capture the PDF instead.
	open func(path string, write func(io.Writer) error) error
	// outDir is the folder the printed forms are written to; "": folder() at each print.
	outDir string
	folder func() string // the office's folder now (ui.printDir)

	work *worker // the window's background work: closing the window waits for a reception in flight

	root fyne.CanvasObject

	// procedure picker
	search     *keyEntry
	list       *enterList
	matches    []data.Procedure
	highlight  int // the match Enter in the search box picks; Up and Down move it
	searchSeq  int // the latest search; older answers are dropped
	procSeq    int // the latest procedure load
	proc       *data.Procedure
	procTitle  *widget.Label
	procMsg    *widget.Label
	docsBox    *fyne.Container
	feesBox    *fyne.Container
	docs       []*rcDoc
	fees       []*rcFee
	total      *widget.Label
	due        *widget.Label
	dueSeq     int
	status     *widget.Label
	receiveBtn *widget.Button
	guideBtn   *widget.Button
	refuseBtn  *widget.Button

	// applicant and representative
	applicantType                     *widget.Select
	name, idNo, phone, email, address *rcField
	repCheck                          *widget.Check
	repBox                            *fyne.Container
	repName, repID, repPhone          *rcField
	channel, delivery                 *widget.RadioGroup
	channelValues                     []data.Channel
	deliveryValues                    []data.Delivery
	applicantTypes                    []data.ApplicantType
	busy                              bool
	refusal                           *rcRefusal // the open refusal box, if any
	missingBox                        *modal     // the offer of form 02 after a reception refused for missing documents
	// the rows of the documents and fees last read into a reception, in its lists' order: the
	// store names an item by its index there (data.KeyDocuments.Item(i))
	sentDocs []*rcDoc
	sentFees []*rcFee
}

// rcDoc is one line of the document checklist.
type rcDoc struct {
	doc       data.ProcedureDoc
	check     *widget.Check
	originals *rcField
	copies    *rcField
}

// rcFee is one fee collected at reception.
type rcFee struct {
	name   string
	amount *rcField
}

// newReceptionScreen builds the reception form over store for actor, in win; now is the clock,
// work runs the screen's queries, receptions and printing.
func newReceptionScreen(store *data.Store, actor *data.User, win fyne.Window, now func() time.Time, work *worker) *receptionScreen {
	if now == nil {
		now = time.Now
	}
	r := &receptionScreen{store: store, actor: actor, win: win, now: now, open: reports.WriteAndOpen, work: work}
	r.build()
	r.runSearch("")
	return r
}

// content is the screen's widget tree.
func (r *receptionScreen) content() fyne.CanvasObject { return r.root }

// wait blocks until the background work started so far has finished (tests).
func (r *receptionScreen) wait() { r.work.wait() }

// goBackground runs fn off the UI thread as the window's background work; ctx is cancelled when
// the window closes.
func (r *receptionScreen) goBackground(fn func(ctx context.Context)) {
	r.work.spawn(func() { fn(r.work.ctx) })
}

func rcRequired(v string) error {
	if strings.TrimSpace(v) == "" {
		return textError("Required")
	}
	return nil
}

func parseCount(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 999 {
		return 0, textError("A number from 0 to 999")
	}
	return n, nil
}

func (r *receptionScreen) build() {
	// procedure picker
	r.search = newKeyEntry()
	r.search.SetPlaceHolder(lang.L("Search procedures by code or name"))
	r.search.OnChanged = r.runSearch
	r.search.onKey = r.steerMatches
	r.list = newEnterList(
		func() int { return len(r.matches) },
		// Two lines a procedure: names share long beginnings ("Thủ tục đăng ký khai sinh …"), so
		// the code leads and the name, less its "Thủ tục" prefix, wraps onto a second line.
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			l.Truncation = fyne.TextTruncateEllipsis
			mark := canvas.NewRectangle(theme.Color(theme.ColorNameHover))
			mark.Hide()
			return container.NewStack(mark, gap(widget.NewLabel("1\n2").MinSize().Height), l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= 0 && id < len(r.matches) {
				objs := o.(*fyne.Container).Objects
				objs[0].(*canvas.Rectangle).Hidden = id != r.highlight
				objs[2].(*widget.Label).SetText(procedureLine(r.matches[id].Code, r.matches[id].Name))
			}
		})
	r.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(r.matches) {
			r.highlight = id
			r.list.Refresh()
			r.choose(r.matches[id].Code)
		}
	}
	// A list reached with Tab steers its own highlight; the search box's follows it, so one
	// match is marked whichever has the keys.
	r.list.OnHighlighted = func(id widget.ListItemID) {
		if id >= 0 && id < len(r.matches) && id != r.highlight {
			r.highlight = id
			r.list.Refresh()
		}
	}
	r.list.onEnter = func() {
		if len(r.matches) > 0 {
			r.win.Canvas().Focus(r.name.entry)
		}
	}
	r.search.OnSubmitted = func(string) {
		if r.highlight >= 0 && r.highlight < len(r.matches) {
			r.list.Select(r.highlight)
			r.win.Canvas().Focus(r.name.entry)
		}
	}
	pickerTitle := widget.NewLabelWithStyle(lang.L("Procedure"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// The list after the search box in the container, not first as NewBorder puts its centre: Tab
	// follows the order of the objects, and skipped the list.
	pickerTop := container.NewVBox(pickerTitle, r.search)
	picker := container.New(layout.NewBorderLayout(pickerTop, nil, nil, nil), pickerTop, r.list)

	r.procTitle = widget.NewLabelWithStyle(lang.L("No procedure chosen yet: search and pick one on the left"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.procTitle.Wrapping = fyne.TextWrapWord
	r.procMsg = widget.NewLabel("")
	r.procMsg.Importance = widget.DangerImportance
	r.procMsg.Hide()

	// applicant
	r.applicantTypes = []data.ApplicantType{data.ApplicantCitizen, data.ApplicantBusiness, data.ApplicantAgency, data.ApplicantOther}
	r.applicantType = widget.NewSelect([]string{lang.L("Citizen"), lang.L("Business"), lang.L("Agency or organisation"), lang.L("Other applicant")}, nil)
	r.applicantType.SetSelectedIndex(0)
	r.applicantType.OnChanged = func(string) {
		if r.idNo.msg.Visible() {
			r.idNo.validate()
		}
	}
	r.name = newRCField(lang.L("Full name or organisation name"), func(v string) error {
		if err := rcRequired(v); err != nil {
			return err
		}
		return vntext.CheckLength(lang.L("Name"), v, data.MaxName)
	})
	r.idNo = newRCField(lang.L("12-digit CCCD or 9-digit CMND"), func(v string) error {
		if r.applicantType.SelectedIndex() <= 0 {
			return vntext.CheckCitizenID(v)
		}
		return vntext.CheckLength(lang.L("ID number"), v, data.MaxIDNo)
	})
	checkPhone := func(v string) error { _, err := vntext.CheckPhone(v); return err }
	r.phone = newRCField("09xx xxx xxx", checkPhone)
	r.email = newRCField("", vntext.CheckEmail)
	r.address = newRCField("", nil)
	r.repName = newRCField(lang.L("Full name"), rcRequired)
	r.repID = newRCField(lang.L("12-digit CCCD or 9-digit CMND"), vntext.CheckCitizenID)
	r.repPhone = newRCField("", checkPhone)
	for _, f := range []*rcField{r.name, r.idNo, r.phone, r.email, r.address, r.repName, r.repID, r.repPhone} {
		r.watchField(f)
	}
	// the fields stop where the store would refuse
	for _, l := range []struct {
		f   *rcField
		max int
	}{{r.name, data.MaxName}, {r.idNo, data.MaxIDNo}, {r.phone, data.MaxShort}, {r.email, vntext.MaxEmailLen},
		{r.address, data.MaxAddress}, {r.repName, data.MaxName}, {r.repID, data.MaxIDNo}, {r.repPhone, data.MaxShort}} {
		limitEntry(l.f.entry, l.max)
	}

	formRow := func(label string, w fyne.CanvasObject) []fyne.CanvasObject {
		return []fyne.CanvasObject{widget.NewLabel(label), w}
	}
	col := func(rows ...[]fyne.CanvasObject) *fyne.Container {
		var objs []fyne.CanvasObject
		for _, row := range rows {
			objs = append(objs, row...)
		}
		return container.New(layout.NewFormLayout(), objs...)
	}
	// two columns while each keeps its placeholders whole (about 340 px), else one
	applicant := newFlowColumns(applicantColumn,
		col(formRow(lang.L("Applicant type"), r.applicantType), formRow(lang.L("Name"), r.name.box), formRow(lang.L("ID number"), r.idNo.box)),
		col(formRow(lang.L("Phone"), r.phone.box), formRow(lang.L("Email"), r.email.box), formRow(lang.L("Address"), r.address.box)),
	)
	r.repBox = newFlowColumns(applicantColumn,
		col(formRow(lang.L("Name"), r.repName.box), formRow(lang.L("ID number"), r.repID.box)),
		col(formRow(lang.L("Phone"), r.repPhone.box)),
	)
	r.repBox.Hide()
	r.repCheck = widget.NewCheck(lang.L("Submitted by an authorised representative"), func(on bool) {
		if on {
			r.repBox.Show()
		} else {
			r.repBox.Hide()
			r.repName.show(nil)
			r.repID.show(nil)
			r.repPhone.show(nil)
		}
		r.relayout()
	})

	// documents and fees
	r.docsBox = container.NewVBox()
	r.feesBox = container.NewVBox()
	r.total = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})

	// channel and delivery
	r.channelValues = []data.Channel{data.ChannelDirect, data.ChannelOnline, data.ChannelPost}
	r.channel = widget.NewRadioGroup([]string{lang.L("In person"), lang.L("Online"), lang.L("By post")}, func(string) { r.refreshDue() })
	r.channel.Horizontal = true
	r.channel.Required = true
	r.channel.SetSelected(r.channel.Options[0])
	r.deliveryValues = []data.Delivery{data.DeliveryCounter, data.DeliveryPost}
	r.delivery = widget.NewRadioGroup([]string{lang.L("At the counter"), lang.L("By post")}, nil)
	r.delivery.Horizontal = true
	r.delivery.Required = true
	r.delivery.SetSelected(r.delivery.Options[0])

	r.due = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.due.Importance = widget.HighImportance
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord

	r.receiveBtn = widget.NewButtonWithIcon(lang.L("Receive and print the receipt"), theme.DocumentPrintIcon(), r.receive)
	r.receiveBtn.Importance = widget.HighImportance
	r.guideBtn = widget.NewButton(lang.L("Supplement guidance"), r.guide)
	r.refuseBtn = widget.NewButton(lang.L("Refuse"), r.askRefusal)
	r.refuseBtn.Importance = widget.DangerImportance

	heading := func(s string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameSubHeadingText
		return l
	}
	docHeader := container.NewBorder(nil, nil, nil,
		container.NewHBox(rcSmall(widget.NewLabelWithStyle(lang.L("Originals"), fyne.TextAlignCenter, fyne.TextStyle{Italic: true})),
			rcSmall(widget.NewLabelWithStyle(lang.L("Copies"), fyne.TextAlignCenter, fyne.TextStyle{Italic: true}))),
		widget.NewLabelWithStyle(lang.L("Document handed in"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	form := container.NewVBox(
		r.procTitle, r.procMsg,
		widget.NewSeparator(),
		heading(lang.L("Applicant")), applicant, r.repCheck, r.repBox,
		widget.NewSeparator(),
		heading(lang.L("Documents")), docHeader, r.docsBox,
		widget.NewSeparator(),
		col(formRow(lang.L("Channel"), r.channel), formRow(lang.L("Result delivery"), r.delivery)),
		widget.NewSeparator(),
		heading(lang.L("Fees collected at reception")), r.feesBox, r.total,
	)
	buttons := container.NewHBox(r.guideBtn, r.refuseBtn, r.receiveBtn)
	bottom := container.NewVBox(widget.NewSeparator(), r.status, container.NewBorder(nil, nil, nil, buttons, r.due))
	split := container.NewHSplit(container.NewPadded(picker), container.NewPadded(container.NewVScroll(container.NewPadded(form))))
	split.Offset = 0.3
	r.root = container.NewBorder(nil, container.NewPadded(bottom), nil, nil, split)

	// Enter moves on to the next field
	for _, f := range []*rcField{r.name, r.idNo, r.phone, r.email, r.address, r.repName, r.repID, r.repPhone} {
		f := f
		f.entry.OnSubmitted = func(string) {
			f.validate()
			r.focusNext(f.entry)
		}
	}
	r.showProcedure(nil)
}

// rcSmall sizes a count or its header to a narrow column.
func rcSmall(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(72, o.MinSize().Height), o)
}

// focusOrder is the entries Enter walks through, in order (UI thread).
func (r *receptionScreen) focusOrder() []*widget.Entry {
	out := []*widget.Entry{r.name.entry, r.idNo.entry, r.phone.entry, r.email.entry, r.address.entry}
	if r.repCheck.Checked {
		out = append(out, r.repName.entry, r.repID.entry, r.repPhone.entry)
	}
	for _, d := range r.docs {
		out = append(out, d.originals.entry, d.copies.entry)
	}
	for _, f := range r.fees {
		out = append(out, f.amount.entry)
	}
	return out
}

func (r *receptionScreen) focusNext(e *widget.Entry) {
	order := r.focusOrder()
	for i, x := range order {
		if x == e && i+1 < len(order) {
			r.win.Canvas().Focus(order[i+1])
			return
		}
	}
}

// steerMatches moves the highlighted match with Up and Down typed in the search box, so the
// officer picks a procedure with the keyboard alone: a few letters, arrows, Enter (UI thread).
func (r *receptionScreen) steerMatches(ev *fyne.KeyEvent) bool {
	step := 0
	switch ev.Name {
	case fyne.KeyDown:
		step = 1
	case fyne.KeyUp:
		step = -1
	case fyne.KeyPageDown:
		step = 5
	case fyne.KeyPageUp:
		step = -5
	default:
		return false
	}
	if len(r.matches) == 0 {
		return true
	}
	r.highlight = max(0, min(len(r.matches)-1, r.highlight+step))
	r.list.Refresh()
	r.list.ScrollTo(r.highlight)
	return true
}

// runSearch lists the procedures matching q in the background (UI thread).
func (r *receptionScreen) runSearch(q string) {
	r.searchSeq++
	seq := r.searchSeq
	r.goBackground(func(ctx context.Context) {
		procs, err := r.store.Procedures(ctx, q, procedureMatches)
		fyne.Do(func() {
			if seq != r.searchSeq {
				return
			}
			if err != nil {
				r.status.SetText(message(err))
				return
			}
			r.matches = procs
			r.highlight = 0
			r.list.UnselectAll()
			r.list.Refresh()
			r.list.ScrollToTop()
		})
	})
}

// choose loads the procedure code and fills the form from it (UI thread).
func (r *receptionScreen) choose(code string) {
	r.procSeq++
	seq := r.procSeq
	r.goBackground(func(ctx context.Context) {
		p, err := r.store.Procedure(ctx, code)
		fyne.Do(func() {
			if seq != r.procSeq {
				return
			}
			if err != nil {
				r.status.SetText(message(err))
				return
			}
			r.showProcedure(p)
		})
	})
}

// showProcedure fills the checklist, the fees and the due date from p; nil empties them.
func (r *receptionScreen) showProcedure(p *data.Procedure) {
	r.proc = p
	r.docs, r.fees = nil, nil
	r.docsBox.RemoveAll()
	r.feesBox.RemoveAll()
	if p == nil {
		r.procTitle.SetText(lang.L("No procedure chosen yet: search and pick one on the left"))
	} else {
		r.procTitle.SetText(p.Code + " — " + p.Name)
		r.procMsg.Hide()
		for _, d := range p.Documents {
			r.docs = append(r.docs, r.newDocRow(d))
		}
		for _, f := range p.Fees {
			if f.Stage == data.FeeAtReception {
				r.fees = append(r.fees, r.newFeeRow(f))
			}
		}
	}
	if len(r.docs) == 0 {
		r.docsBox.Add(widget.NewLabelWithStyle(lang.L("The procedure lists no documents"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}
	if len(r.fees) == 0 {
		r.feesBox.Add(widget.NewLabelWithStyle(lang.L("No fee at reception"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}
	r.updateTotal()
	r.refreshDue()
	r.relayout()
}

// relayout lays the whole screen out again after rows or messages appeared or went.
func (r *receptionScreen) relayout() {
	if r.root != nil {
		r.root.Refresh()
	}
}

func (r *receptionScreen) newDocRow(d data.ProcedureDoc) *rcDoc {
	row := &rcDoc{doc: d}
	count := func(v string) error { _, err := parseCount(v); return err }
	row.originals = r.watchField(newRCField("", count))
	row.copies = r.watchField(newRCField("", count))
	row.originals.entry.SetText(strconv.Itoa(d.Originals))
	row.copies.entry.SetText(strconv.Itoa(d.Copies))
	row.check = widget.NewCheck("", nil)
	row.check.SetChecked(true)
	text := fmt.Sprintf("%d. %s", d.N, d.Name)
	if d.Required {
		text += " *"
	}
	name := widget.NewLabel(text)
	name.Wrapping = fyne.TextWrapWord
	for _, f := range []*rcField{row.originals, row.copies} {
		f := f
		f.entry.OnSubmitted = func(string) { f.validate(); r.focusNext(f.entry) }
	}
	r.docsBox.Add(container.NewBorder(nil, nil, row.check,
		container.NewHBox(rcSmallField(row.originals), rcSmallField(row.copies)), name))
	return row
}

// rcSmallField keeps a count entry narrow, its message below it.
func rcSmallField(f *rcField) fyne.CanvasObject {
	return container.NewVBox(container.NewGridWrap(fyne.NewSize(72, f.entry.MinSize().Height), f.entry), f.msg)
}

func (r *receptionScreen) newFeeRow(f data.ProcedureFee) *rcFee {
	row := &rcFee{name: f.Name}
	row.amount = r.watchField(newRCField("", func(v string) error { _, err := parseAmount(v); return err }))
	row.amount.entry.SetText(vntext.Thousands(f.Amount))
	changed := row.amount.entry.OnChanged
	row.amount.entry.OnChanged = func(s string) { changed(s); r.updateTotal() }
	row.amount.entry.OnSubmitted = func(string) { row.amount.validate(); r.focusNext(row.amount.entry) }
	name := widget.NewLabel(f.Name)
	name.Wrapping = fyne.TextWrapWord
	r.feesBox.Add(container.NewBorder(nil, nil, nil,
		container.NewVBox(container.NewGridWrap(fyne.NewSize(160, row.amount.entry.MinSize().Height), row.amount.entry), row.amount.msg), name))
	return row
}

// updateTotal shows the sum of the fee amounts that read as amounts.
func (r *receptionScreen) updateTotal() {
	var sum int64
	for _, f := range r.fees {
		if n, err := parseAmount(f.amount.entry.Text); err == nil {
			sum += n
		}
	}
	r.total.SetText(lang.L("Total: {{.Amount}}", map[string]any{"Amount": vntext.Money(sum)}))
}

// selectedChannel is the channel chosen.
func (r *receptionScreen) selectedChannel() data.Channel {
	for i, o := range r.channel.Options {
		if o == r.channel.Selected {
			return r.channelValues[i]
		}
	}
	return data.ChannelDirect
}

func (r *receptionScreen) selectedDelivery() data.Delivery {
	for i, o := range r.delivery.Options {
		if o == r.delivery.Selected {
			return r.deliveryValues[i]
		}
	}
	return data.DeliveryCounter
}

// refreshDue recomputes the due date for the procedure and channel chosen, now (UI thread).
func (r *receptionScreen) refreshDue() {
	r.dueSeq++
	seq := r.dueSeq
	if r.proc == nil || r.due == nil {
		if r.due != nil {
			r.due.SetText(lang.L("Choose a procedure to see the due date"))
		}
		return
	}
	code, channel, at := r.proc.Code, r.selectedChannel(), r.now()
	r.goBackground(func(ctx context.Context) {
		due, ok, err := r.store.DueFor(ctx, code, channel, at)
		fyne.Do(func() {
			if seq != r.dueSeq {
				return
			}
			switch {
			case err != nil:
				r.due.SetText(message(err))
			case !ok:
				r.due.SetText(lang.L("No time limit"))
			default:
				r.due.SetText(lang.L("Due: {{.When}}", map[string]any{"When": vntext.DateTimeWords(due.In(r.store.Location()))}))
			}
		})
	})
}

// reception reads the form into a data.Reception, showing every problem in place; ok is false
// when something must be fixed first (UI thread). withDocs checks the document counts too.
func (r *receptionScreen) reception() (data.Reception, bool) {
	ok := true
	if r.proc == nil {
		r.procMsg.SetText(lang.L("Choose the procedure first"))
		r.procMsg.Show()
		ok = false
	}
	fields := r.formFields()
	var first *widget.Entry
	for _, f := range fields {
		if f.validate() != nil {
			ok = false
			if first == nil {
				first = f.entry
			}
		}
	}
	if first != nil {
		r.win.Canvas().Focus(first)
	}
	r.relayout()
	if !ok {
		r.status.SetText(lang.L("Please correct the fields marked in red."))
		return data.Reception{}, false
	}
	r.clearFieldsBanner()
	phone, _ := vntext.CheckPhone(r.phone.entry.Text)
	at := data.ApplicantCitizen
	if i := r.applicantType.SelectedIndex(); i >= 0 && i < len(r.applicantTypes) {
		at = r.applicantTypes[i]
	}
	rec := data.Reception{
		Procedure: r.proc.Code,
		Applicant: data.Person{Type: at, Name: strings.TrimSpace(r.name.entry.Text), IDNo: strings.TrimSpace(r.idNo.entry.Text),
			Phone: phone, Email: strings.TrimSpace(r.email.entry.Text), Address: strings.TrimSpace(r.address.entry.Text)},
		Channel:   r.selectedChannel(),
		Delivery:  r.selectedDelivery(),
		Documents: []data.DocCount{},
		Fees:      []data.Fee{},
		Sets:      1,
	}
	if r.repCheck.Checked {
		rp, _ := vntext.CheckPhone(r.repPhone.entry.Text)
		rec.Representative = &data.Person{Type: data.ApplicantCitizen, Name: strings.TrimSpace(r.repName.entry.Text),
			IDNo: strings.TrimSpace(r.repID.entry.Text), Phone: rp}
	}
	r.sentDocs, r.sentFees = nil, nil
	for _, d := range r.docs {
		if !d.check.Checked {
			continue
		}
		o, _ := parseCount(d.originals.entry.Text)
		c, _ := parseCount(d.copies.entry.Text)
		rec.Documents = append(rec.Documents, data.DocCount{N: d.doc.N, Name: d.doc.Name, Originals: o, Copies: c})
		r.sentDocs = append(r.sentDocs, d)
	}
	for _, f := range r.fees {
		if n, _ := parseAmount(f.amount.entry.Text); n > 0 {
			rec.Fees = append(rec.Fees, data.Fee{Name: f.name, Amount: n})
			r.sentFees = append(r.sentFees, f)
		}
	}
	return rec, true
}

// formFields are the fields reception() checks, in the order of the form.
func (r *receptionScreen) formFields() []*rcField {
	fields := []*rcField{r.name, r.idNo, r.phone, r.email, r.address}
	if r.repCheck.Checked {
		fields = append(fields, r.repName, r.repID, r.repPhone)
	}
	for _, d := range r.docs {
		fields = append(fields, d.originals, d.copies)
	}
	for _, f := range r.fees {
		fields = append(fields, f.amount)
	}
	return fields
}

// watchField makes the banner "fix the fields in red" follow the messages of f.
func (r *receptionScreen) watchField(f *rcField) *rcField {
	f.onShow = r.clearFieldsBanner
	return f
}

// clearFieldsBanner takes the banner "fix the fields in red" away once nothing on the form is red
// any more: a banner left after the fix sends the officer looking for an error that is gone.
func (r *receptionScreen) clearFieldsBanner() {
	if r.status == nil || r.status.Text != lang.L("Please correct the fields marked in red.") {
		return
	}
	if r.proc == nil {
		return
	}
	for _, f := range r.formFields() {
		if f.msg.Visible() {
			return
		}
	}
	r.status.SetText("")
}

// showStoreError puts an error of the store next to the field it names (by its key, never by its
// label, which is wording), else in the status line.
func (r *receptionScreen) showStoreError(err error) {
	var ie *data.InputError
	if errors.As(err, &ie) {
		if f := r.fieldOf(ie.Key); f != nil {
			f.show(errors.New(ie.Reason(currentLanguage())))
		}
	}
	r.status.SetText(message(err))
}

// fieldOf is the field of the form that the store's input key names; nil when none does. Items
// of the lists are counted in the lists last sent (reception), which hold only the documents ticked
// and the fees collected.
func (r *receptionScreen) fieldOf(key data.Key) *rcField {
	byKey := map[data.Key]*rcField{
		data.KeyApplicantName: r.name, data.KeyApplicantIDNumber: r.idNo, data.KeyApplicantPhone: r.phone,
		data.KeyApplicantEmail: r.email, data.KeyApplicantAddress: r.address,
		data.KeyRepresentativeName: r.repName, data.KeyRepresentativeIDNumber: r.repID,
		data.KeyRepresentativePhone: r.repPhone,
	}
	if f := byKey[key]; f != nil {
		return f
	}
	for i, d := range r.sentDocs {
		if key == data.KeyDocuments.Item(i) {
			return d.originals
		}
	}
	for i, f := range r.sentFees {
		if key == data.KeyFees.Item(i).Amount() || key == data.KeyFees.Item(i).Name() {
			return f.amount
		}
	}
	return nil
}

// setBusy disables the buttons while work is in flight.
func (r *receptionScreen) setBusy(on bool) {
	r.busy = on
	for _, b := range []*widget.Button{r.receiveBtn, r.guideBtn, r.refuseBtn} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// forms reads what printing a form needs.
func (r *receptionScreen) forms(ctx context.Context) (reports.Settings, reports.Names, error) {
	st, err := reports.LoadSettings(ctx, r.store)
	if err != nil {
		return st, reports.Names{}, err
	}
	names, err := reports.LoadNames(ctx, r.store)
	return st, names, err
}

// print writes a form to the output folder under name and opens it.
func (r *receptionScreen) print(name string, write func(io.Writer) error) error {
	dir, err := r.printDir()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return r.open(filepath.Join(dir, name), write)
}

// printDir is the folder the printed forms go to now.
func (r *receptionScreen) printDir() (string, error) {
	dir := r.outDir
	if dir == "" && r.folder != nil {
		dir = r.folder()
	}
	if dir == "" {
		return "", errors.New("no folder for the printed forms") // a screen built without its ui: a bug
	}
	return dir, nil
}

// receive receives the dossier, prints its receipt and clears the form for the next applicant
// (UI thread; the work runs in the background).
func (r *receptionScreen) receive() {
	if r.busy {
		return
	}
	rec, ok := r.reception()
	if !ok {
		return
	}
	r.setBusy(true)
	r.status.SetText(lang.L("Receiving…"))
	r.goBackground(func(ctx context.Context) {
		// A reception pressed is recorded and its receipt printed even if the window closes
		// meanwhile: closing waits for it (ui.shutdown).
		ctx = context.WithoutCancel(ctx)
		d, err := r.store.Receive(ctx, r.actor, rec)
		if err != nil {
			fyne.Do(func() {
				r.setBusy(false)
				r.showStoreError(err)
				// A required document not ticked: the store refused the reception; what the law
				// asks instead is form 02 listing what is missing, one tap away.
				var ie *data.InputError
				if errors.As(err, &ie) && ie.Key == data.KeyDocuments {
					r.missingBox = askConfirm(r.win, lang.L("Required documents missing"), message(err),
						lang.L("Print the guidance (form 02)"), r.guide)
				}
			})
			return
		}
		perr := r.printDossier(ctx, d, form01Receipt)
		fyne.Do(func() {
			r.setBusy(false)
			r.clear()
			text := lang.L("Received dossier {{.Code}}.", map[string]any{"Code": d.Code})
			if showNotOpened(r.win, text, perr) {
				r.status.SetText(text)
				return
			}
			if perr != nil {
				text += " " + lang.L("The receipt could not be printed:") + " " + message(perr)
			}
			r.status.SetText(text)
			r.popup(theme.InfoIcon(), lang.L("Dossier received"), text)
		})
	})
}

// printDossier prints form n of a dossier as the write left it.
func (r *receptionScreen) printDossier(ctx context.Context, d *data.Written, n string) error {
	dir, err := r.printDir()
	if err != nil {
		return err
	}
	_, err = printForm(ctx, r.store, n, d.Dossier, d.Log, dir, r.now(), r.open)
	return err
}

// guide prints form 02 for the required documents not ticked, without receiving the dossier: the
// guidance before reception, with no code and no pause (UI thread).
func (r *receptionScreen) guide() {
	if r.busy {
		return
	}
	rec, ok := r.reception()
	if !ok {
		return
	}
	var missing []data.DocCount
	for _, d := range r.docs {
		if d.doc.Required && !d.check.Checked {
			missing = append(missing, data.DocCount{N: d.doc.N, Name: d.doc.Name, Originals: d.doc.Originals, Copies: d.doc.Copies})
		}
	}
	if len(missing) == 0 {
		r.status.SetText(lang.L("Nothing required is missing: untick the required documents (marked *) the applicant did not bring."))
		return
	}
	now := r.now().In(r.store.Location())
	in := data.Intake{Procedure: r.proc.Code, ProcedureName: r.proc.Name, Field: r.proc.Field, Unit: r.proc.Unit,
		Applicant: rec.Applicant, Representative: rec.Representative, Channel: rec.Channel, Delivery: rec.Delivery,
		Documents: rec.Documents, Fees: rec.Fees, Sets: 1}
	r.setBusy(true)
	r.goBackground(func(ctx context.Context) {
		st, names, err := r.forms(ctx)
		if err == nil {
			err = r.print(reports.FileName("huong-dan-bo-sung", now.Format("20060102-150405")), func(w io.Writer) error {
				return reports.Guidance(w, st, names, in, missing, r.actor.Username, now)
			})
		}
		fyne.Do(func() {
			r.setBusy(false)
			if showNotOpened(r.win, "", err) {
				r.status.SetText("")
				return
			}
			if err != nil {
				r.status.SetText(lang.L("The guidance could not be printed:") + " " + message(err))
				return
			}
			r.status.SetText(lang.L("Printed the supplement guidance (form 02); the dossier was not received."))
		})
	})
}

// askRefusal asks for the reason in a modal box, then refuses (UI thread). Enter in the reason is
// a new line; Escape cancels.
func (r *receptionScreen) askRefusal() {
	if r.busy {
		return
	}
	rec, ok := r.reception()
	if !ok {
		return
	}
	reason := newKeyMultiLineEntry()
	reason.SetPlaceHolder(lang.L("The specific reason, printed on form 03"))
	reason.SetMinRowsVisible(4)
	limitEntry(&reason.Entry, data.MaxText)
	var m *modal
	cancel := newBoxButton(lang.L("Cancel"), nil, func() { m.hide() })
	confirm := newBoxButton(lang.L("Refuse and print form 03"), nil, func() {
		why := strings.TrimSpace(reason.Text)
		if why == "" {
			m.fail(lang.L("Say why the dossier is refused."))
			return
		}
		m.hide()
		r.refuse(rec, why)
	})
	confirm.Importance = widget.DangerImportance
	body := container.NewVBox(widget.NewLabel(lang.L("Reason for refusal")), reason)
	m = newModal(r.win, nil, lang.L("Refuse this dossier"), body, messageWidth, cancel, confirm)
	m.show()
	r.win.Canvas().Focus(reason)
	r.refusal = &rcRefusal{box: m, reason: reason, confirm: confirm}
}

// rcRefusal is the open refusal box (tests drive it).
type rcRefusal struct {
	box     *modal
	reason  *keyEntry
	confirm *widget.Button
}

// refuse records the refusal and prints form 03 (UI thread).
func (r *receptionScreen) refuse(rec data.Reception, reason string) {
	r.setBusy(true)
	r.status.SetText(lang.L("Recording the refusal…"))
	r.goBackground(func(ctx context.Context) {
		ctx = context.WithoutCancel(ctx) // recorded even if the window closes meanwhile, as a reception
		d, err := r.store.Refuse(ctx, r.actor, rec, reason)
		if err != nil {
			fyne.Do(func() { r.setBusy(false); r.showStoreError(err) })
			return
		}
		perr := r.printDossier(ctx, d, form03Refusal)
		fyne.Do(func() {
			r.setBusy(false)
			r.clear()
			text := lang.L("The dossier was refused.")
			if showNotOpened(r.win, text, perr) {
				r.status.SetText(text)
				return
			}
			if perr != nil {
				text += " " + lang.L("Form 03 could not be printed:") + " " + message(perr)
			}
			r.status.SetText(text)
		})
	})
}

// clear empties the form for the next applicant (UI thread).
func (r *receptionScreen) clear() {
	for _, f := range []*rcField{r.name, r.idNo, r.phone, r.email, r.address, r.repName, r.repID, r.repPhone} {
		f.reset()
	}
	r.applicantType.SetSelectedIndex(0)
	r.repCheck.SetChecked(false)
	r.channel.SetSelected(r.channel.Options[0])
	r.delivery.SetSelected(r.delivery.Options[0])
	r.procSeq++
	r.list.UnselectAll()
	r.search.SetText("")
	r.showProcedure(nil)
	r.win.Canvas().Focus(r.search)
}

// popup shows a modal message with an OK button (UI thread); Fyne's dialog package is not used
// (see errors.go).
func (r *receptionScreen) popup(icon fyne.Resource, title, text string) {
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(wrapText(text, messageWidth, theme.TextSize(), fyne.TextStyle{}))
	var pop *widget.PopUp
	ok := newDefaultButton(lang.L("OK"), func() { pop.Hide() })
	pop = widget.NewModalPopUp(container.NewPadded(container.NewVBox(
		container.NewHBox(widget.NewIcon(icon), heading), body, container.NewHBox(layout.NewSpacer(), ok))), r.win.Canvas())
	showMessageBox(pop, ok)
}

// applicantColumn is the narrowest column of the applicant's fields: a label and a field that
// shows "CCCD 12 số hoặc CMND 9 số" whole.
const applicantColumn = 350

// procedureLine is a procedure in the picker: its code, then its name without the "Thủ tục"
// that begins nearly every name and hides the part that tells them apart.
func procedureLine(code, name string) string {
	short := strings.TrimSpace(name)
	for _, prefix := range []string{"Thủ tục ", "thủ tục "} {
		if rest, ok := strings.CutPrefix(short, prefix); ok && rest != "" {
			first, size := utf8.DecodeRuneInString(rest)
			short = string(unicode.ToUpper(first)) + rest[size:]
			break
		}
	}
	return code + " · " + short
}
