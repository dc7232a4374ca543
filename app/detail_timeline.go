package app

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
	"motcua/reports"
)

// timeLeft says how the dossier stands against its due date, and the colour to say it in:
// red when overdue or resolved late, amber when one working day or less is left or the clock is
// paused. A resolved dossier shows its verdict (data's, named as everywhere else) and when it
// ended. st may be nil (no calendar: no time left is shown).
func timeLeft(st *data.Store, d *data.Dossier, now time.Time, mode data.Mode) (string, widget.Importance) {
	v := d.Verdict(now, mode)
	if d.ReceivedAt.IsZero() && d.HasDue { // not received yet: judged as open against the due shown
		v = data.VerdictAt(time.Time{}, d.Due, true, d.Supplements, now, mode)
	}
	switch v {
	case 0, data.NoLimit:
		return verdictName(data.NoLimit), widget.MediumImportance
	case data.Early, data.OnTime:
		// in time stays in the plain colour: the theme's green is unreadable on the header
		return verdictName(v) + " · " + when(d.FinishedAt), widget.MediumImportance
	case data.Late:
		return verdictName(v) + " · " + when(d.FinishedAt), widget.DangerImportance
	}
	if d.Paused() {
		return lang.L("Clock paused since {{.Time}}: waiting for the applicant", map[string]any{"Time": when(d.PausedAt)}),
			widget.WarningImportance
	}
	if st == nil {
		return "", widget.MediumImportance
	}
	cal := st.Calendar()
	perDay := cal.Hours().PerDay()
	switch {
	case v == data.Overdue:
		return overdueText(cal.WorkingBetween(d.Due, now), perDay), widget.DangerImportance
	case now.After(d.Due): // the date mode: past the due time, within the due day
		return verdictName(v), widget.WarningImportance
	}
	text := leftText(cal.WorkingBetween(now, d.Due), perDay)
	// "due soon" as the lists count it: by the same time on the next working day
	if soon, ok := cal.Due(now, calendar.Limit{Value: 1, Unit: calendar.WorkingDays}); ok && !d.Due.After(soon) {
		return text, widget.WarningImportance
	}
	return text, widget.MediumImportance
}

// showTimeline lists the events newest first: when, who, what (UI thread). The newest step is
// what the officer at the counter needs (where the dossier is, how it ended); oldest first put it
// below the fold of a 1366×768 screen from the fifth event on. The printed control sheet keeps
// its own order.
func (s *detailScreen) showTimeline(d *data.Dossier, evs []data.Event) {
	s.timeline.RemoveAll()
	if len(evs) > 1 {
		s.timeline.Add(widget.NewLabelWithStyle(lang.L("Newest first"), fyne.TextAlignTrailing, fyne.TextStyle{Italic: true}))
	}
	for i := range evs {
		e := evs[len(evs)-1-i]
		if i > 0 {
			s.timeline.Add(widget.NewSeparator())
		}
		what, detail := eventText(e, s.ref.names)
		at := widget.NewLabelWithStyle(when(e.At), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		who := widget.NewLabel(actorName(s.ref.names, e.Actor))
		who.Truncation = fyne.TextTruncateEllipsis
		verb := widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		body := container.NewVBox(verb)
		if detail != "" {
			l := widget.NewLabel(detail)
			l.Wrapping = fyne.TextWrapWord
			body.Add(l)
		}
		if e.Conflict != "" {
			l := widget.NewLabel(lang.L("Not applied (conflict): {{.Why}}", map[string]any{"Why": e.Conflict}))
			l.Importance = widget.DangerImportance
			l.Wrapping = fyne.TextWrapWord
			body.Add(l)
		}
		side := container.NewStack(strut(200), container.NewVBox(at, who))
		s.timeline.Add(container.NewBorder(nil, nil, side, nil, body))
	}
	if len(evs) == 0 {
		s.timeline.Add(widget.NewLabel(lang.L("No events recorded")))
	}
}

// actorName is who recorded an event: the system actor (imports, the online portal) by a
// translated name.
func actorName(names reports.Names, username string) string {
	if username == data.System.Username {
		return lang.L("System")
	}
	return names.User(username)
}

// eventText is an event's verb and its details (reason, units, dates, receiver, rating…).
func eventText(e data.Event, names reports.Names) (what, detail string) {
	p, err := data.DecodePayload(e.Type, e.Payload)
	if err != nil {
		return string(e.Type), message(err)
	}
	var parts []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	reason := func(r string) {
		if r != "" {
			add(lang.L("Reason: {{.Reason}}", map[string]any{"Reason": r}))
		}
	}
	moved := func(before, after *time.Time) {
		if before != nil && after != nil && !before.Equal(*after) {
			add(lang.L("Due date moved from {{.Before}} to {{.After}}", map[string]any{"Before": when(*before), "After": when(*after)}))
		}
	}
	switch p := p.(type) {
	case *data.Submitted:
		what = lang.L("Submitted online")
		add(p.ExternalID)
	case *data.Received:
		what = lang.L("Dossier received")
		add(lang.L("Code {{.Code}}", map[string]any{"Code": p.Code}))
		if p.Due != nil {
			add(lang.L("Due: {{.Due}}", map[string]any{"Due": when(*p.Due)}))
		}
	case *data.Refused:
		what = lang.L("Refused at reception")
		reason(p.Reason)
	case *data.Transferred:
		what = lang.L("Transferred")
		add(lang.L("From {{.From}} to {{.To}}", map[string]any{"From": names.Unit(p.FromUnit), "To": names.Unit(p.ToUnit)}))
		if p.ToHandler != "" {
			add(lang.L("Handler: {{.Name}}", map[string]any{"Name": names.User(p.ToHandler)}))
		}
		add(p.Note)
	case *data.SupplementRequested:
		what = lang.L("Supplement requested")
		var items []string
		for _, it := range p.Items {
			items = append(items, it.Name)
		}
		add(lang.L("To supplement: {{.Items}}", map[string]any{"Items": strings.Join(items, "; ")}))
		reason(p.Reason)
	case *data.SupplementReceived:
		what = lang.L("Supplement received")
		moved(p.DueBefore, p.DueAfter)
		add(p.Note)
	case *data.ObligationRequested:
		what = lang.L("Financial obligation requested")
		add(p.Description)
		if p.Amount > 0 {
			add(vntext.Money(p.Amount))
		}
	case *data.ObligationMet:
		what = lang.L("Financial obligation met")
		moved(p.DueBefore, p.DueAfter)
		add(p.Note)
	case *data.WithdrawalRequested:
		what = lang.L("Withdrawal requested by the applicant")
		reason(p.Reason)
	case *data.Stopped:
		what = lang.L("Processing stopped")
		reason(p.Reason)
		add(p.Decision)
	case *data.Processed:
		what = lang.L("Processed: result ready")
		if p.ResultNo != "" {
			add(lang.L("Result no. {{.No}}", map[string]any{"No": p.ResultNo}))
		}
		if p.Signer != "" {
			add(lang.L("Signed by {{.Name}}", map[string]any{"Name": p.Signer}))
		}
		add(p.Summary)
	case *data.ApologyIssued:
		what = lang.L("Apology issued")
		add(lang.L("New date: {{.Due}}", map[string]any{"Due": when(p.NewDue)}))
		reason(p.Reason)
	case *data.Returned:
		what = lang.L("Result returned")
		add(lang.L("Received by {{.Name}}", map[string]any{"Name": p.ReceiverName}))
		if p.Delivery == data.DeliveryPost {
			add(lang.L("By post"))
		}
		add(p.Note)
	case *data.Rated:
		what = lang.L("Satisfaction rated")
		add(ratingName(p.Rating))
		reason(p.Reason)
	case *data.Note:
		what = lang.L("Note")
		add(p.Text)
	default:
		what = e.Type.Verb()
	}
	return what, strings.Join(parts, " · ")
}

// showDocuments lists the documents handed in.
func (s *detailScreen) showDocuments(d *data.Dossier) {
	s.docs.RemoveAll()
	if len(d.Documents) == 0 {
		s.docs.Add(widget.NewLabel(lang.L("No documents recorded")))
		return
	}
	italic := func(t string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(t, fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	}
	cells := []fyne.CanvasObject{
		widget.NewLabelWithStyle(lang.L("Document"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
		italic(lang.L("Originals")), italic(lang.L("Copies"))}
	for i, doc := range d.Documents {
		name := widget.NewLabel(strconv.Itoa(i+1) + ". " + doc.Name)
		name.Wrapping = fyne.TextWrapWord
		cells = append(cells, name,
			widget.NewLabelWithStyle(strconv.Itoa(doc.Originals), fyne.TextAlignCenter, fyne.TextStyle{}),
			widget.NewLabelWithStyle(strconv.Itoa(doc.Copies), fyne.TextAlignCenter, fyne.TextStyle{}))
	}
	s.docs.Add(container.New(&columnsLayout{widths: []float32{0, 90, 90}}, cells...))
	if d.Sets > 1 {
		s.docs.Add(widget.NewLabel(lang.L("Sets: {{.N}}", map[string]any{"N": d.Sets})))
	}
}

// showFees lists the fees collected at reception and at the return of the result.
func (s *detailScreen) showFees(d *data.Dossier) {
	s.fees.RemoveAll()
	row := func(name string, amount int64, bold bool) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
		l.Wrapping = fyne.TextWrapWord
		return container.NewBorder(nil, nil, nil,
			widget.NewLabelWithStyle(vntext.Money(amount), fyne.TextAlignTrailing, fyne.TextStyle{Bold: bold}), l)
	}
	section := func(title, none string, fees []data.Fee, total int64) {
		s.fees.Add(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		if len(fees) == 0 {
			s.fees.Add(widget.NewLabel(none))
			return
		}
		for _, f := range fees {
			s.fees.Add(row(f.Name, f.Amount, false))
		}
		s.fees.Add(row(lang.L("Total"), total, true))
	}
	section(lang.L("Fees collected at reception"), lang.L("No fee at reception"), d.Fees, d.FeeAtReception)
	s.fees.Add(widget.NewSeparator())
	section(lang.L("Fees collected at the return"), lang.L("No fee at the return"), d.Returned.Fees, d.FeeAtReturn)
}

// showPeople shows the applicant, the representative and how the dossier came and goes back.
func (s *detailScreen) showPeople(d *data.Dossier) {
	s.people.RemoveAll()
	person := func(title string, p data.Person) {
		s.people.Add(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		var rows []fyne.CanvasObject
		add := func(key, v string) {
			if v == "" {
				return
			}
			l := widget.NewLabel(v)
			l.Wrapping = fyne.TextWrapWord
			rows = append(rows, widget.NewLabelWithStyle(key, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}), l)
		}
		add(lang.L("Name"), p.Name)
		if p.Type.Valid() {
			add(lang.L("Applicant type"), applicantTypeName(p.Type))
		}
		add(lang.L("ID number"), p.IDNo)
		add(lang.L("Phone"), p.Phone)
		add(lang.L("Email"), p.Email)
		add(lang.L("Address"), p.Address)
		s.people.Add(container.New(layout.NewFormLayout(), rows...))
	}
	person(lang.L("Applicant"), d.Applicant)
	if d.Representative != nil {
		person(lang.L("Authorised representative"), *d.Representative)
	}
	s.people.Add(widget.NewSeparator())
	var rows []fyne.CanvasObject
	add := func(key, v string) {
		l := widget.NewLabel(v)
		l.Wrapping = fyne.TextWrapWord
		rows = append(rows, widget.NewLabelWithStyle(key, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}), l)
	}
	if d.Channel.Valid() {
		add(lang.L("Channel"), channelName(d.Channel))
	}
	delivery := lang.L("At the counter")
	if d.Delivery == data.DeliveryPost {
		delivery = lang.L("By post")
	}
	add(lang.L("Result delivery"), delivery)
	if d.Summary != "" {
		add(lang.L("Summary"), d.Summary)
	}
	if d.Returned.ReceiverName != "" {
		add(lang.L("Result received by"), d.Returned.ReceiverName)
	}
	if d.Rating != data.RatingNone {
		add(lang.L("Satisfaction"), ratingName(d.Rating))
	}
	s.people.Add(container.New(layout.NewFormLayout(), rows...))
}

// columnsLayout lays cells out in rows of len(widths) columns: a zero width takes the room the
// fixed ones leave.
type columnsLayout struct{ widths []float32 }

func (l *columnsLayout) fixed() (sum float32, flex int) {
	for _, w := range l.widths {
		if w == 0 {
			flex++
		}
		sum += w
	}
	return sum, flex
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	n := len(l.widths)
	sum, flex := l.fixed()
	pad := float32(0)
	free := size.Width - sum
	if flex > 0 {
		free /= float32(flex)
	}
	y := float32(0)
	for r := 0; r*n < len(objs); r++ {
		row := objs[r*n : min((r+1)*n, len(objs))]
		h := float32(0)
		x := float32(0)
		ws := make([]float32, len(row))
		for i := range row {
			ws[i] = l.widths[i]
			if ws[i] == 0 {
				ws[i] = free
			}
			row[i].Resize(fyne.NewSize(ws[i], row[i].MinSize().Height))
			h = max(h, row[i].MinSize().Height)
		}
		for i, o := range row {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(ws[i], h))
			x += ws[i] + pad
		}
		y += h
	}
}

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	n := len(l.widths)
	sum, _ := l.fixed()
	var h float32
	for r := 0; r*n < len(objs); r++ {
		var rh float32
		for _, o := range objs[r*n : min((r+1)*n, len(objs))] {
			rh = max(rh, o.MinSize().Height)
		}
		h += rh
	}
	return fyne.NewSize(sum+100, h)
}
