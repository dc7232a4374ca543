package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/vntext"
)

// statsCard is one figure of the summary: a title, a big value and lines of detail.
type statsCard struct {
	card  *widget.Card
	value *widget.Label
	lines []*widget.Label
}

func newStatsCard(title string, lines int) *statsCard {
	c := &statsCard{value: widget.NewLabelWithStyle("—", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	c.value.SizeName = theme.SizeNameHeadingText
	box := container.NewVBox(c.value)
	for range lines {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		c.lines = append(c.lines, l)
		box.Add(l)
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Importance = widget.LowImportance
	c.card = widget.NewCard("", "", container.NewVBox(heading, box))
	return c
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
	cards := container.NewGridWithColumns(3,
		s.received.card, s.resolved.card, s.pending.card,
		s.online.card, s.fees.card, s.satisfaction.card)
	s.chart = newResolvedChart([3]string{lang.L("Early"), lang.L("On time"), lang.L("Late")},
		lang.L("No dossier in the period."))
	chartTitle := widget.NewLabelWithStyle(lang.L("Dossiers resolved by unit"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	chart := widget.NewCard("", "", container.NewVBox(chartTitle, s.chart))
	return container.NewVScroll(container.NewVBox(cards, chart))
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
	s.received.set(count(f.ReceivedTotal),
		lang.L("from the previous period: {{.Carried}} · new: {{.New}}", map[string]any{"Carried": count(f.ReceivedCarried), "New": count(fresh)}),
		lang.L("in person: {{.Direct}} · online: {{.Online}} · by post: {{.Post}}", map[string]any{
			"Direct": count(f.ReceivedNewDirect - f.ReceivedNewPost), "Online": count(f.ReceivedNewOnline), "Post": count(f.ReceivedNewPost)}))
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
		lang.L("very satisfied: {{.Very}} · satisfied: {{.Sat}} · dissatisfied: {{.Dis}}", map[string]any{
			"Very": count(f.RatedVery), "Sat": count(f.RatedSatisfied), "Dis": count(f.RatedDissatisfied)}),
		lang.L("satisfaction index: {{.Index}}", map[string]any{"Index": rate(f.NationalIndicator)}))
}
