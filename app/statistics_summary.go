package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/vntext"
)

// statsCard is one figure of the summary: a title and a big value on one line, lines of detail
// under them. It is more compact than widget.Card, so that the cards and the chart fit a laptop
// screen.
type statsCard struct {
	card  fyne.CanvasObject
	value *widget.Label
	lines []*widget.Label
}

func newStatsCard(title string, lines int) *statsCard {
	c := &statsCard{value: widget.NewLabelWithStyle("—", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})}
	c.value.SizeName = theme.SizeNameHeadingText
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	box := container.New(layout.NewCustomPaddedVBoxLayout(0),
		container.NewBorder(nil, nil, container.NewVBox(layout.NewSpacer(), heading, layout.NewSpacer()), nil, c.value))
	for range lines {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord // three cards a row leave little width in a small window
		c.lines = append(c.lines, l)
		box.Add(l)
	}
	c.card = panel(box)
	return c
}

// panel draws a thin rounded frame around o.
func panel(o fyne.CanvasObject) fyne.CanvasObject {
	frame := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	frame.StrokeColor = theme.Color(theme.ColorNameSeparator)
	frame.StrokeWidth = 1
	frame.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(frame, container.NewPadded(o))
}

// set shows value and the detail lines (fewer lines than the card has leave the rest empty).
func (c *statsCard) set(value string, lines ...string) {
	c.value.SetText(value)
	for i, l := range c.lines {
		text := ""
		if i < len(lines) {
			text = lines[i]
		}
		l.SetText(text)
	}
}

// buildSummary is the first tab: six figure cards and the chart by unit.
func (s *statsScreen) buildSummary() fyne.CanvasObject {
	s.received = newStatsCard(lang.L("Received"), 2)
	s.resolved = newStatsCard(lang.L("Resolved"), 3)
	s.pending = newStatsCard(lang.L("Being processed"), 2)
	s.online = newStatsCard(lang.L("Online share"), 1)
	s.fees = newStatsCard(lang.L("Fees and charges"), 1)
	s.satisfaction = newStatsCard(lang.L("Satisfaction"), 2)
	// two grids, not one: a grid gives every row the height of the tallest card
	cards := container.NewVBox(
		container.NewGridWithColumns(3, s.received.card, s.resolved.card, s.pending.card),
		container.NewGridWithColumns(3, s.online.card, s.fees.card, s.satisfaction.card))
	s.chart = newResolvedChart([3]string{verdictName(data.Early), verdictName(data.OnTime), verdictName(data.Late)},
		lang.L("No dossier in the period."))
	chartTitle := widget.NewLabelWithStyle(lang.L("Dossiers resolved by unit"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVScroll(container.NewVBox(cards, panel(container.NewVBox(chartTitle, container.NewPadded(s.chart)))))
}

// percentOrDash is part/whole as a percentage, "—" when whole is zero.
func percentOrDash(part, whole int) string {
	if p, ok := percent(part, whole); ok {
		return p
	}
	return "—"
}

// rate writes a rate the data layer computed (one decimal) like percent does.
func rate(v *float64) string {
	if v == nil {
		return "—"
	}
	return strings.Replace(strconv.FormatFloat(*v, 'f', 1, 64), ".", ",", 1) + " %"
}

// showFigures puts the office's figures of the period on the cards (UI thread).
func (s *statsScreen) showFigures(f data.Figures) {
	fresh := f.ReceivedNewOnline + f.ReceivedNewDirect
	// the big number is what was received in the period, as on the dashboard; the periodic
	// report's total adds the dossiers carried over
	s.received.set(count(fresh),
		lang.L("in person: {{.Direct}} · online: {{.Online}} · by post: {{.Post}}", map[string]any{
			"Direct": count(f.ReceivedNewDirect - f.ReceivedNewPost), "Online": count(f.ReceivedNewOnline), "Post": count(f.ReceivedNewPost)}),
		lang.L("carried over: {{.Carried}} · with them: {{.Total}}", map[string]any{"Carried": count(f.ReceivedCarried), "Total": count(f.ReceivedTotal)}))
	share := func(n int) string { return count(n) + " (" + percentOrDash(n, f.ResolvedTotal) + ")" }
	s.resolved.set(count(f.ResolvedTotal),
		lang.L("early: {{.N}}", map[string]any{"N": share(f.ResolvedEarly)}),
		lang.L("on time: {{.N}}", map[string]any{"N": share(f.ResolvedOnTime)}),
		lang.L("late: {{.N}}", map[string]any{"N": share(f.ResolvedLate)}))
	s.resolved.lines[2].Importance = widget.MediumImportance
	if f.ResolvedLate > 0 {
		s.resolved.lines[2].Importance = widget.DangerImportance
	}
	s.resolved.lines[2].Refresh()
	s.pending.set(count(f.PendingTotal),
		lang.L("within the deadline: {{.N}}", map[string]any{"N": count(f.PendingWithin)}),
		lang.L("overdue: {{.N}}", map[string]any{"N": count(f.PendingOverdue)}))
	s.pending.lines[1].Importance = widget.MediumImportance
	if f.PendingOverdue > 0 {
		s.pending.lines[1].Importance = widget.DangerImportance
	}
	s.pending.lines[1].Refresh()
	s.online.set(percentOrDash(f.ReceivedNewOnline, fresh),
		lang.L("{{.N}} of {{.Total}} new dossiers received online", map[string]any{"N": count(f.ReceivedNewOnline), "Total": count(fresh)}))
	s.fees.set(vntext.Money(f.FeesTotal), lang.L("collected in the period"))
	s.satisfaction.set(rate(f.SatisfactionRate),
		lang.L("very satisfied: {{.Very}} · satisfied: {{.Sat}}", map[string]any{"Very": count(f.RatedVery), "Sat": count(f.RatedSatisfied)}),
		lang.L("dissatisfied: {{.N}} · satisfaction index: {{.Index}}", map[string]any{
			"N": count(f.RatedDissatisfied), "Index": rate(f.NationalIndicator)}))
}
