package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// formBody builds the fields of action f.t on d and sets f.payload. The checks here are only
// what the screen alone can tell (a date that does not parse, no unit chosen); the store
// validates the payload again and its message is shown in the box.
func (s *detailScreen) formBody(f *detailForm, d *data.Dossier) fyne.CanvasObject {
	item := func(label string, w fyne.CanvasObject) *widget.FormItem { return widget.NewFormItem(label, w) }
	note := func() *widget.Form {
		form := widget.NewForm(item(lang.L("Note"), f.entry("note", lang.L("Optional"), true)))
		return form
	}
	info := func(text string, form fyne.CanvasObject) fyne.CanvasObject {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		return container.NewVBox(l, form)
	}
	switch f.t {
	case data.EvTransferred:
		return s.transferBody(f, d)
	case data.EvSupplementRequested:
		return s.supplementBody(f)
	case data.EvSupplementReceived:
		f.payload = func() (data.Payload, error) { return &data.SupplementReceived{Note: f.text("note")}, nil }
		return info(lang.L("The due date moves by the working time the clock was paused."), note())
	case data.EvObligationRequested:
		form := widget.NewForm(
			item(lang.L("Obligation"), f.entry("description", lang.L("Tax or fee the applicant must pay"), true)),
			item(lang.L("Amount"), f.entry("amount", lang.L("In đồng, optional"), false)))
		f.payload = func() (data.Payload, error) {
			amount, err := parseAmount(f.text("amount"))
			if err != nil {
				return nil, err
			}
			return &data.ObligationRequested{Description: f.text("description"), Amount: amount}, nil
		}
		return info(lang.L("The clock pauses until the obligation is met."), form)
	case data.EvObligationMet:
		f.payload = func() (data.Payload, error) { return &data.ObligationMet{Note: f.text("note")}, nil }
		return info(lang.L("The due date moves by the working time the clock was paused."), note())
	case data.EvProcessed:
		f.date = newDateEntry()
		f.date.setDate(calendar.DateOf(s.deps.now())) // results are mostly signed the day they are recorded
		form := widget.NewForm(
			item(lang.L("Result number"), f.entry("result_no", lang.L("Optional"), false)),
			item(lang.L("Signed by"), f.entry("signer", lang.L("Optional"), false)),
			item(lang.L("Signed on"), f.date),
			item(lang.L("Summary"), f.entry("summary", lang.L("Optional"), true)))
		f.payload = func() (data.Payload, error) {
			day, ok, err := f.date.date()
			if err != nil {
				return nil, err
			}
			p := &data.Processed{ResultNo: f.text("result_no"), Signer: f.text("signer"), Summary: f.text("summary")}
			if ok {
				p.SignedOn = day.String()
			}
			return p, nil
		}
		return form
	case data.EvApologyIssued:
		return s.apologyBody(f, d)
	case data.EvWithdrawalRequested:
		form := widget.NewForm(item(lang.L("Reason"), f.entry("reason", lang.L("Why the applicant withdraws"), true)))
		f.payload = func() (data.Payload, error) { return &data.WithdrawalRequested{Reason: f.text("reason")}, nil }
		return form
	case data.EvStopped:
		form := widget.NewForm(
			item(lang.L("Reason"), f.entry("reason", lang.L("Printed on form 05"), true)),
			item(lang.L("Stage"), f.entry("stage", lang.L("Optional"), false)),
			item(lang.L("Decision"), f.entry("decision", lang.L("Optional"), false)),
			item(lang.L("Fees"), f.entry("fees", lang.L("How the fees paid are handled (optional)"), false)))
		f.payload = func() (data.Payload, error) {
			return &data.Stopped{Reason: f.text("reason"), Stage: f.text("stage"), Decision: f.text("decision"),
				FeeHandling: f.text("fees")}, nil
		}
		return info(lang.L("Stopping is final: the dossier accepts no further step."), form)
	case data.EvReturned:
		return s.returnBody(f, d)
	case data.EvRated:
		return s.ratingBody(f)
	default: // data.EvNote
		form := widget.NewForm(item(lang.L("Note"), f.entry("note", lang.L("Kept in the dossier's record"), true)))
		f.payload = func() (data.Payload, error) { return &data.Note{Text: f.text("note")}, nil }
		return form
	}
}

// transferBody: the receiving unit, then an officer of that unit (or none yet), and a note.
func (s *detailScreen) transferBody(f *detailForm, d *data.Dossier) fyne.CanvasObject {
	var units []data.Unit
	var unitNames []string
	for _, x := range s.ref.units {
		if x.Active {
			units = append(units, x)
			unitNames = append(unitNames, x.Name)
		}
	}
	var handlers []string // usernames; "" is nobody yet
	handler := newBoxSelect(nil, nil)
	unit := newBoxSelect(unitNames, func(string) {})
	fill := func() {
		handlers = []string{""}
		options := []string{lang.L("Not assigned yet")}
		if i := unit.SelectedIndex(); i >= 0 {
			for _, x := range s.ref.users {
				if x.Active && x.Unit == units[i].Code && x.Roles.Has(data.RoleOfficer|data.RoleLeader) {
					handlers = append(handlers, x.Username)
					options = append(options, x.FullName)
				}
			}
		}
		handler.SetOptions(options)
		handler.SetSelectedIndex(0)
	}
	unit.OnChanged = func(string) { fill() }
	for i, x := range units {
		if x.Code == d.Unit {
			unit.SetSelectedIndex(i)
		}
	}
	if unit.SelectedIndex() < 0 {
		fill()
	}
	f.selects["unit"], f.selects["handler"] = unit, handler
	form := widget.NewForm(
		widget.NewFormItem(lang.L("To unit"), unit),
		widget.NewFormItem(lang.L("Handler"), handler),
		widget.NewFormItem(lang.L("Note"), f.entry("note", lang.L("Optional"), true)))
	f.payload = func() (data.Payload, error) {
		i := unit.SelectedIndex()
		if i < 0 {
			return nil, textError("Choose the receiving unit")
		}
		p := &data.Transferred{ToUnit: units[i].Code, Note: f.text("note")}
		if j := handler.SelectedIndex(); j > 0 && j < len(handlers) {
			p.ToHandler = handlers[j]
		}
		return p, nil
	}
	return form
}

// supplementBody: the procedure's documents to tick, other documents one per line, the reason.
func (s *detailScreen) supplementBody(f *detailForm) fyne.CanvasObject {
	docs := s.ref.procDocs
	list := container.NewVBox()
	for _, doc := range docs {
		c := newBoxCheck(doc.Name, nil)
		f.checks = append(f.checks, c)
		list.Add(c)
	}
	var listBox fyne.CanvasObject = list
	if len(docs) > 6 {
		listBox = container.NewVScroll(list)
		listBox.(*container.Scroll).SetMinSize(fyne.NewSize(0, 220))
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Other documents"), f.entry("others", lang.L("One per line"), true)),
		widget.NewFormItem(lang.L("Reason"), f.entry("reason", lang.L("Printed on form 02"), true)))
	hint := widget.NewLabel(lang.L("List everything missing at once: a second request counts the dossier late."))
	hint.Wrapping = fyne.TextWrapWord
	f.payload = func() (data.Payload, error) {
		p := &data.SupplementRequested{Reason: f.text("reason")}
		for i, c := range f.checks {
			if c.Checked {
				doc := docs[i]
				p.Items = append(p.Items, data.DocCount{N: doc.N, Name: doc.Name, Originals: doc.Originals, Copies: doc.Copies})
			}
		}
		for _, line := range strings.Split(f.entries["others"].Text, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				p.Items = append(p.Items, data.DocCount{Name: line})
			}
		}
		return p, nil
	}
	return container.NewVBox(hint, widget.NewLabelWithStyle(lang.L("Documents to supplement"), fyne.TextAlignLeading,
		fyne.TextStyle{Italic: true}), listBox, form)
}

// apologyBody: the new date (dd/mm/yyyy, at the close of that working day), the reason and the
// letter's number.
func (s *detailScreen) apologyBody(f *detailForm, d *data.Dossier) fyne.CanvasObject {
	f.date = newDateEntry()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("New date"), f.date),
		widget.NewFormItem(lang.L("Reason"), f.entry("reason", lang.L("Why the dossier is late (printed on form 04)"), true)),
		widget.NewFormItem(lang.L("Letter number"), f.entry("doc_no", lang.L("Optional"), false)))
	f.payload = func() (data.Payload, error) {
		day, ok, err := f.date.date()
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, textError("Enter the new date (dd/mm/yyyy)")
		}
		st := s.deps.store
		if st == nil {
			return nil, textError("Enter the new date (dd/mm/yyyy)")
		}
		end := st.Calendar().Hours().Close
		due := day.At(int(end)/60, int(end)%60, st.Location())
		return &data.ApologyIssued{Reason: f.text("reason"), NewDue: due, DocNo: f.text("doc_no")}, nil
	}
	text := lang.L("The statistics still count the dossier against its legal due date.")
	if d.HasDue {
		text = lang.L("Current due date: {{.Due}}.", map[string]any{"Due": when(d.Due)}) + " " + text
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return container.NewVBox(l, form)
}

// returnBody: who received the result and how.
func (s *detailScreen) returnBody(f *detailForm, d *data.Dossier) fyne.CanvasObject {
	who := d.Applicant
	if d.Representative != nil {
		who = *d.Representative
	}
	name := f.entry("receiver", lang.L("Full name"), false)
	name.SetText(who.Name)
	id := f.entry("receiver_id", lang.L("12-digit CCCD or 9-digit CMND"), false)
	if who.Type <= data.ApplicantCitizen {
		id.SetText(who.IDNo)
	}
	deliveries := []data.Delivery{data.DeliveryCounter, data.DeliveryPost}
	delivery := newBoxRadio([]string{lang.L("At the counter"), lang.L("By post")}, true, nil)
	delivery.Required = true
	delivery.SetSelected(delivery.Options[0])
	if d.Delivery == data.DeliveryPost {
		delivery.SetSelected(delivery.Options[1])
	}
	f.radios["delivery"] = delivery
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Received by"), name),
		widget.NewFormItem(lang.L("ID number"), id),
		widget.NewFormItem(lang.L("Result delivery"), delivery.content))
	// the procedure's fees due at the return, with the catalog amount to confirm or correct
	fees := s.ref.feesBack
	for i, fee := range fees {
		e := f.entry(feeField(i), lang.L("In đồng"), false)
		e.SetText(vntext.Thousands(fee.Amount))
		form.Append(fee.Name, e)
	}
	form.Append(lang.L("Note"), f.entry("note", lang.L("Optional"), true))
	f.payload = func() (data.Payload, error) {
		p := &data.Returned{ReceiverName: f.text("receiver"), ReceiverIDNo: f.text("receiver_id"), Note: f.text("note")}
		for i, fee := range fees {
			amount, err := parseAmount(f.text(feeField(i)))
			if err != nil {
				return nil, err
			}
			if amount > 0 {
				p.Fees = append(p.Fees, data.Fee{Name: fee.Name, Amount: amount})
			}
		}
		for i, o := range delivery.Options {
			if o == delivery.Selected {
				p.Delivery = deliveries[i]
			}
		}
		return p, nil
	}
	return form
}

// feeField names the entry of the i-th fee collected at the return.
func feeField(i int) string { return "fee" + strconv.Itoa(i) }

// ratingBody: the applicant's satisfaction; a reason is needed when not satisfied.
func (s *detailScreen) ratingBody(f *detailForm) fyne.CanvasObject {
	ratings := []data.Rating{data.RatingVerySatisfied, data.RatingSatisfied, data.RatingDissatisfied}
	var options []string
	for _, r := range ratings {
		options = append(options, ratingName(r))
	}
	rating := newBoxRadio(options, false, nil)
	rating.Required = true
	f.radios["rating"] = rating
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Satisfaction"), rating.content),
		widget.NewFormItem(lang.L("Reason"), f.entry("reason", lang.L("Required when not satisfied"), true)))
	f.payload = func() (data.Payload, error) {
		p := &data.Rated{Reason: f.text("reason")}
		for i, o := range options {
			if o == rating.Selected {
				p.Rating = ratings[i]
			}
		}
		return p, nil
	}
	return form
}
