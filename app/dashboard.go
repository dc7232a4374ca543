package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// dashboard is the first screen of a set-up office: who we are and today's and this week's
// figures.
type dashboard struct {
	host   screenHost
	st     *data.Store
	office data.Office
	mode   data.Mode

	content       fyne.CanvasObject
	today         *figuresCard
	week          *figuresCard
	refreshButton *widget.Button
	updated       *widget.Label // "Cập nhật lúc 10:42 20/02/2026"
}

func newDashboard(host screenHost, st *data.Store, office data.Office, mode data.Mode) *dashboard {
	d := &dashboard{host: host, st: st, office: office, mode: mode}

	name := widget.NewLabelWithStyle(office.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText
	name.Truncation = fyne.TextTruncateEllipsis
	about := lang.L("Agency code: {{.Code}}", map[string]any{"Code": office.Code})
	if office.Place != "" {
		about += " · " + office.Place
	}
	if l := levelName(office.Level); l != "" {
		about += " · " + l
	}
	info := widget.NewLabel(about)
	info.Truncation = fyne.TextTruncateEllipsis

	d.refreshButton = widget.NewButtonWithIcon(lang.L("Refresh"), theme.ViewRefreshIcon(), d.startRefresh)
	d.updated = widget.NewLabel("")
	header := container.NewBorder(nil, nil, nil,
		container.NewVBox(d.refreshButton),
		container.NewVBox(name, info))

	d.today = newFiguresCard(lang.L("Today"), false)
	d.week = newFiguresCard(lang.L("This week"), true)
	cards := container.NewGridWithColumns(2, d.today.card, d.week.card)

	modeNote := lang.L("Early / on time / late compared by the minute, as the national portal does.")
	if mode == data.ModeDate {
		modeNote = lang.L("Early / on time / late compared by date, as provincial systems do.")
	}
	note := widget.NewLabel(modeNote)
	note.Wrapping = fyne.TextWrapWord
	note.SizeName = theme.SizeNameCaptionText

	body := container.NewVBox(header, widget.NewSeparator(), cards, d.updated, note)
	d.content = container.NewVScroll(container.NewPadded(body)) // the shell adds the status bar
	return d
}

// startRefresh recomputes the figures in the background (UI thread).
func (d *dashboard) startRefresh() {
	d.refreshButton.Disable()
	d.host.goBackground(func(ctx context.Context) error {
		err := d.refresh(ctx)
		fyne.Do(d.refreshButton.Enable)
		return err
	})
}

// refresh computes today's and this week's figures from the store and shows them. It
// blocks (call it off the UI thread; tests call it directly).
func (d *dashboard) refresh(ctx context.Context) error {
	now := d.host.now().In(d.st.Location())
	today := calendar.DateOf(now)
	monday, _ := week(today)
	day, err := d.st.Stats(ctx, today, today, data.ByNone, d.mode)
	if err != nil {
		return errorf("Could not compute the figures", err)
	}
	wk, err := d.st.Stats(ctx, monday, today, data.ByNone, d.mode)
	if err != nil {
		return errorf("Could not compute the figures", err)
	}
	fyne.DoAndWait(func() {
		d.today.show(shortDate(today), day.Total)
		d.week.show(shortDate(monday)+" – "+shortDate(today), wk.Total)
		d.updated.SetText(lang.L("Updated at {{.Time}}", map[string]any{"Time": clock(now)}))
		// the numbers changed width: lay the screen out again
		if c, ok := d.content.(*fyne.Container); ok {
			c.Refresh()
		}
	})
	return nil
}

// figuresCard shows the figures of one period.
type figuresCard struct {
	card *widget.Card

	received, receivedDetail *widget.Label
	resolved, resolvedDetail *widget.Label
	pending, overdue         *widget.Label
	fees                     *widget.Label
	onTime, onTimeDetail     *widget.Label // nil on the "today" card

	shown *data.Figures // what is on screen (nil until the first refresh)
}

func newFiguresCard(title string, withRate bool) *figuresCard {
	c := &figuresCard{}
	value := func() *widget.Label {
		l := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameSubHeadingText
		return l
	}
	detail := func() *widget.Label {
		l := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{})
		l.Wrapping = fyne.TextWrapWord // a narrow window wraps the details, never cuts them
		return l
	}
	// one line per figure: name on the left, the big number on the right, details between
	middle := func(o fyne.CanvasObject) fyne.CanvasObject { // centred vertically beside the big number
		return container.NewVBox(layout.NewSpacer(), o, layout.NewSpacer())
	}
	row := func(name string, value, detail *widget.Label) fyne.CanvasObject {
		var between fyne.CanvasObject = layout.NewSpacer()
		if detail != nil {
			between = middle(detail)
		}
		return container.NewBorder(nil, nil, middle(widget.NewLabel(name)), value, between)
	}
	c.received, c.receivedDetail = value(), detail()
	c.resolved, c.resolvedDetail = value(), detail()
	c.pending, c.overdue = value(), detail()
	c.fees = value()
	rows := []fyne.CanvasObject{
		row(lang.L("Received"), c.received, c.receivedDetail), widget.NewSeparator(),
		row(lang.L("Resolved"), c.resolved, c.resolvedDetail), widget.NewSeparator(),
		row(lang.L("Being processed"), c.pending, c.overdue), widget.NewSeparator(),
		row(lang.L("Fees and charges"), c.fees, nil),
	}
	if withRate {
		c.onTime, c.onTimeDetail = value(), detail()
		rows = append(rows, widget.NewSeparator(), row(lang.L("On-time rate"), c.onTime, c.onTimeDetail))
	}
	c.card = widget.NewCard(title, "", container.NewVBox(rows...))
	return c
}

// show puts f on the card (UI thread).
func (c *figuresCard) show(period string, f data.Figures) {
	c.card.SetSubTitle(period)
	c.received.SetText(count(f.ReceivedNewOnline + f.ReceivedNewDirect))
	c.receivedDetail.SetText(lang.L("online: {{.N}}", map[string]any{"N": count(f.ReceivedNewOnline)}))
	c.resolved.SetText(count(f.ResolvedTotal))
	c.resolvedDetail.SetText(lang.L("early: {{.Early}} · on time: {{.OnTime}} · late: {{.Late}}", map[string]any{
		"Early": count(f.ResolvedEarly), "OnTime": count(f.ResolvedOnTime), "Late": count(f.ResolvedLate)}))
	c.pending.SetText(count(f.PendingTotal))
	c.overdue.SetText(lang.L("overdue: {{.N}}", map[string]any{"N": count(f.PendingOverdue)}))
	if f.PendingOverdue > 0 {
		c.overdue.Importance = widget.DangerImportance
		c.overdue.TextStyle = fyne.TextStyle{Bold: true}
	} else {
		c.overdue.Importance = widget.MediumImportance
		c.overdue.TextStyle = fyne.TextStyle{}
	}
	c.overdue.Refresh()
	c.fees.SetText(vntext.Money(f.FeesTotal))
	if c.onTime != nil {
		if p, ok := percent(f.ResolvedEarly+f.ResolvedOnTime, f.ResolvedTotal); ok {
			c.onTime.SetText(p)
			c.onTimeDetail.SetText(lang.L("(early + on time) / resolved"))
		} else {
			c.onTime.SetText("—")
			c.onTimeDetail.SetText(lang.L("no dossier resolved yet"))
		}
	}
	c.shown = &f
}

// levelName is the translated name of an office level.
func levelName(level string) string {
	switch level {
	case "xa":
		return lang.L("Commune level")
	case "huyen":
		return lang.L("District level")
	case "tinh":
		return lang.L("Province level")
	}
	return ""
}
